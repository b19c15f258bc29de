import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTimeOff, dayAllowance } from './timeOff';

test('a day allows as many agents off as its thinnest needed interval has spare', () => {
  // 4 intervals: needs 2, 3, 0, 1; covered 4, 4, 0, 3 → spare 2, 1, –, 2 → 1 agent
  assert.equal(dayAllowance([2, 3, 0, 1], [4, 4, 0, 3]), 1);
  // an interval already short gives no allowance, not a negative one
  assert.equal(dayAllowance([2, 3], [4, 2]), 0);
  // half an agent spare is not an agent
  assert.equal(dayAllowance([2], [2.5]), 0);
  // nothing needed: no limit
  assert.equal(dayAllowance([0, 0], [1, 0]), null);
});

test('one agent may be off when their own intervals keep the requirement', () => {
  // the agent works intervals 1–2 (half of 2); covered 3, 3, 2, 1; needed 2, 2, 2, 1
  assert.deepEqual(checkTimeOff([2, 2, 2, 1], [3, 3, 2, 1], [0, 1, 0, 0]), { ok: true, shortAt: null, short: 0 });
  // taking half an agent out of interval 2 (covered 2, needed 2) leaves 1.5: short by 0.5 there
  assert.deepEqual(checkTimeOff([2, 2, 2, 1], [3, 3, 2, 1], [0, 1, 0.5, 0]), { ok: false, shortAt: 2, short: 0.5 });
  // intervals that need nobody never refuse
  assert.equal(checkTimeOff([0, 0], [1, 1], [1, 1]).ok, true);
});
