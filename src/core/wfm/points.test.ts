import { test } from 'node:test';
import assert from 'node:assert/strict';
import { balances, earnPoints, PointsInputError, redeem, type PointsRule } from './points';

const H = 3_600_000;
// 2024-10-01 (National Day) local China time = 2024-09-30 16:00 UTC
const oct1 = Date.UTC(2024, 8, 30, 16);
const rules: PointsRule[] = [
  { id: 'natday', kind: 'holidayHours', dates: ['2024-10-01', '2024-10-02'], pointsPerHour: 2, multiplier: 1.5 },
  { id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 },
];

test('holiday hours with multiplier, only the holiday part of a shift; peak slots', () => {
  const work = [
    // 20:00 Sep 30 → 04:00 Oct 1 local: 4 h fall on the holiday → 4 × 2 × 1.5 = 12
    { agentId: 'a', start: oct1 - 4 * H, end: oct1 + 4 * H, kind: 'shift' as const },
    // 09:00–18:00 Oct 2 local: 9 h → 27
    { agentId: 'a', start: oct1 + 33 * H, end: oct1 + 42 * H, kind: 'shift' as const },
    { agentId: 'b', start: oct1 + 100 * H, end: oct1 + 102 * H, kind: 'peakSlot' as const, ref: 'slot-7' },
  ];
  const e = earnPoints(work, rules, 480);
  assert.deepEqual(
    e.map((x) => [x.agentId, x.ruleId, x.points]),
    [
      ['a', 'natday', 12],
      ['a', 'natday', 27],
      ['b', 'peak', 10],
    ],
  );
  const r = redeem(e, 'a', 30, oct1 + 200 * H, 'one day leave');
  const b = balances([...e, r]);
  assert.deepEqual(b[0], { agentId: 'a', earned: 39, redeemed: 30, balance: 9 });
  assert.throws(
    () => redeem([...e, r], 'a', 10, 0, 'gift'),
    (x: unknown) => x instanceof PointsInputError && /balance is 9/.test(x.message),
  );
  assert.throws(() => redeem(e, 'b', 0, 0, 'gift'), PointsInputError);
  assert.throws(() => redeem(e, 'nobody', 1, 0, 'gift'), PointsInputError);
  assert.throws(() => earnPoints(work, [{ id: 'x', kind: 'holidayHours', dates: ['1 Oct'], pointsPerHour: 1 }]), PointsInputError);
});
