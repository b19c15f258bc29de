import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activityCap, checkTimeOff, dayAllowance, leaveFactor, netOfLeave, unseenShrinkage } from './timeOff';
import { scheduledHeads } from './erlang';

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

test('the requirement net of its leave share: R × (1 − s_total) / (1 − (s_total − s_leave))', () => {
  const s = { total: 0.15, leave: 0.05 };
  // by hand: 0.85 / 0.90 = 17 / 18 = 0.9444…
  assert.ok(Math.abs(leaveFactor(s)! - 17 / 18) < 1e-12);
  // 10 scheduled at 15 % total, 5 % leave: 10 × 17 / 18 = 9.444…; 18 → 17 exactly; 20 → 18.888…
  assert.deepEqual(netOfLeave([10, 18, 20, 0], s), [9.444444444, 17, 18.888888889, 0]);
  // shrinkage not known, not split, or no leave planned: the requirement as stored
  for (const u of [null, { total: null, leave: null }, { total: 0.15, leave: null }, { total: 0.15, leave: 0 }]) {
    assert.equal(leaveFactor(u), null);
    assert.deepEqual(netOfLeave([10, 20], u), [10, 20]);
  }
  // a leave share larger than the total it is part of is not believed
  assert.equal(leaveFactor({ total: 0.05, leave: 0.1 }), null);
  // all of the shrinkage is leave: R × (1 − s) agents, the agents on the phone
  assert.ok(Math.abs(leaveFactor({ total: 0.2, leave: 0.2 })! - 0.8) < 1e-12);
});

test('time off against the net requirement: the cases where the answer turns from refused to granted', () => {
  const s = { total: 0.15, leave: 0.05 };
  // 10 required, 10 on the phone: net 9.444…, spare 0.555… — still no whole agent (as before: 0)
  assert.equal(dayAllowance([10], [10]), 0);
  assert.equal(dayAllowance(netOfLeave([10], s), [10]), 0);
  // an agent on the phone the whole interval still waits, short by 9.444… − 9 = 0.44 (before: 1)
  assert.deepEqual(checkTimeOff(netOfLeave([10], s), [10], [1]), { ok: false, shortAt: 0, short: 0.44 });
  assert.deepEqual(checkTimeOff([10], [10], [1]), { ok: false, shortAt: 0, short: 1 });
  // one on the phone half of the interval leaves 9.5 ≥ 9.444…: granted (before: short by 0.5)
  assert.equal(checkTimeOff(netOfLeave([10], s), [10], [0.5]).ok, true);
  assert.deepEqual(checkTimeOff([10], [10], [0.5]), { ok: false, shortAt: 0, short: 0.5 });
  // 20 required, 20 on: net 18.888…, one agent spare (before: none); that agent is granted, a second waits short 0.89
  assert.equal(dayAllowance([20], [20]), 0);
  assert.equal(dayAllowance(netOfLeave([20], s), [20]), 1);
  assert.equal(checkTimeOff([20], [20], [1]).ok, false);
  assert.equal(checkTimeOff(netOfLeave([20], s), [20], [1]).ok, true);
  assert.deepEqual(checkTimeOff(netOfLeave([20], s), [19], [1]), { ok: false, shortAt: 0, short: 0.89 });
  // 18 required, 18 on: net exactly 17, one spare (no floating-point 17.000…04 eating it)
  assert.equal(dayAllowance(netOfLeave([18], s), [18]), 1);
  assert.equal(checkTimeOff(netOfLeave([18], s), [18], [1]).ok, true);
});

test('the net requirement never spares more than whole agents of Erlang heads without leave would', () => {
  // second method: N agents on the phone are R = ⌈N / 0.85⌉ heads with leave planned, ⌈N / 0.90⌉ without;
  // a plan of R heads can spare R − ⌈N / 0.90⌉ whole agents. The net requirement spares at most that, and
  // at most one agent fewer (the rounding up in R).
  const s = { total: 0.15, leave: 0.05 };
  for (let n = 1; n <= 300; n++) {
    const r = scheduledHeads(n, 0.15);
    const without = scheduledHeads(n, 0.1);
    const spared = dayAllowance(netOfLeave([r], s), [r])!;
    assert.ok(spared <= r - without && spared >= r - without - 1, `N ${n}: R ${r}, ${without} without leave, ${spared} spared`);
  }
  // e.g. N = 16: R = ⌈18.82⌉ = 19, ⌈17.78⌉ = 18 without leave: one agent spare; net 19 × 17 / 18 = 17.94
  assert.equal(dayAllowance(netOfLeave([19], s), [19]), 1);
});

test('the activity cap: the recorded activity share, at most total − leave; the whole non-leave share when not usable', () => {
  // 50 % total, 12.5 % leave: 37.5 % is not leave (values exact in binary, so the figures are exact)
  const s = (activity?: number | null, leave: number | null = 0.125, total: number | null = 0.5) => ({ total, leave, activity });
  assert.equal(activityCap(s(0.25)), 0.25);
  assert.equal(activityCap(s(0)), 0);
  assert.equal(activityCap(s(0.5)), 0.375, 'clamped to total − leave');
  assert.equal(activityCap(s(null)), 0.375, 'not recorded: the whole non-leave share');
  assert.equal(activityCap(s(undefined)), 0.375);
  assert.equal(activityCap(s(Number.NaN)), 0.375, 'not finite: ignored');
  assert.equal(activityCap(s(Number.POSITIVE_INFINITY)), 0.375);
  assert.equal(activityCap(s(-0.125)), 0.375, 'negative: ignored');
  assert.equal(activityCap(s(0.25, null)), 0.25, 'leave not recorded counts as none');
  assert.equal(activityCap(s(null, null)), 0.5);
  assert.equal(activityCap(s(0.25, 0.625)), null, 'leave above the total: not believable');
  assert.equal(activityCap(s(0.25, 0.125, 1)), null, 'a total of 100 %: not believable');
  assert.equal(activityCap(s(0.25, 0.125, null)), null, 'total not known');
  assert.equal(activityCap(null), null);
  assert.equal(activityCap({ total: 0.4, leave: 0.1, activity: null }), 0.3, 'rounded: not 0.30000000000000004');
  // unseenShrinkage sees booked activities up to that cap: 12.5 % leave + min(booked, cap)
  assert.deepEqual(unseenShrinkage(s(0.25), 0.5), { total: 0.5, seen: 0.375, unseen: 0.125 });
  assert.deepEqual(unseenShrinkage(s(0.25), 0.125), { total: 0.5, seen: 0.25, unseen: 0.25 });
  assert.deepEqual(unseenShrinkage(s(Number.NaN), 0.5), { total: 0.5, seen: 0.5, unseen: 0 });
  assert.equal(unseenShrinkage(s(0.25, 0.625), 0.5), null);
});
