import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CHECK_ITEMS, faultFigures, passRate } from './rules';

const H = 3_600_000;

test('fault figures: open at now, and the mean time to fix of those fixed in the window', () => {
  const faults = [
    { reportedAt: 0, fixedAt: 2 * H }, // fixed in 120 min
    { reportedAt: 1 * H, fixedAt: 1.5 * H }, // fixed in 30 min
    { reportedAt: 3 * H, fixedAt: null }, // open
    { reportedAt: 4 * H, fixedAt: 30 * H }, // fixed after the window: open at now (5 h)
  ];
  // window [0, 24 h), now 5 h: open = 2; fixed = 2, mean (120 + 30) / 2 = 75 min
  assert.deepEqual(faultFigures(faults, 0, 24 * H, 5 * H), { open: 2, fixed: 2, meanFixMin: 75 });
  assert.deepEqual(faultFigures([], 0, H, H), { open: 0, fixed: 0, meanFixMin: null });
});

test('pass rate: passed over checked, null with nothing checked', () => {
  // 3 of 4 passed = 0.75
  assert.deepEqual(passRate([{ pass: true }, { pass: true }, { pass: false }, { pass: true }]), { checked: 4, passed: 3, rate: 0.75 });
  assert.deepEqual(passRate([]), { checked: 0, passed: 0, rate: null });
});

test('the starting checklist has distinct items', () => {
  assert.equal(new Set(DEFAULT_CHECK_ITEMS).size, DEFAULT_CHECK_ITEMS.length);
});
