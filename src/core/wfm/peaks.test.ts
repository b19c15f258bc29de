import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateSlots, applyTimeOff, bidRefusal, PeakInputError, type Slot } from './peaks';

const H = 3_600_000;
const slots: Slot[] = [
  { id: 'mon18', start: 18 * H, end: 20 * H, capacity: 2, bonus: 50 },
  { id: 'mon19', start: 19 * H, end: 21 * H, capacity: 1 },
  { id: 'mon21', start: 21 * H, end: 22 * H, capacity: 5 },
];
const agents = [
  { id: 'ann', pointsBalance: 10, tenureMonths: 30, performance: 90 },
  { id: 'bob', pointsBalance: 80, tenureMonths: 5, performance: 70 },
  { id: 'cat', pointsBalance: 80, tenureMonths: 12, performance: 60 },
  { id: 'dan', pointsBalance: 5, tenureMonths: 2, performance: 99 },
];
const requests = [
  { agentId: 'ann', slotId: 'mon18', requestedAt: 1 },
  { agentId: 'dan', slotId: 'mon18', requestedAt: 2 },
  { agentId: 'bob', slotId: 'mon18', requestedAt: 3 },
  { agentId: 'cat', slotId: 'mon18', requestedAt: 4 },
  { agentId: 'ann', slotId: 'mon19', requestedAt: 5 }, // overlaps ann's mon18
  { agentId: 'cat', slotId: 'mon19', requestedAt: 6 },
  { agentId: 'dan', slotId: 'mon21', requestedAt: 7 },
];

test('first come: capacity and one slot per overlapping time', () => {
  const r = allocateSlots(slots, requests, agents, { kind: 'peak', rule: { mode: 'firstCome' } });
  assert.deepEqual(
    r.awarded.map((a) => `${a.slotId}:${a.agentId}`),
    ['mon18:ann', 'mon18:dan', 'mon19:cat', 'mon21:dan'],
  );
  assert.deepEqual(
    r.rejected.map((a) => `${a.slotId}:${a.agentId}:${a.reason}`),
    ['mon18:bob:full', 'mon18:cat:full', 'mon19:ann:overlapsAwardedSlot'],
  );
  assert.equal(r.remaining.mon18, 0);
  assert.equal(r.awarded[0]!.bonus, 50);
});

test('priority: points, then tenure; first come breaks ties', () => {
  const r = allocateSlots(slots, requests, agents, { kind: 'peak', rule: { mode: 'priority', order: ['points', 'tenure'] } });
  // order: cat (80, 12), bob (80, 5), ann (10), dan (5)
  // cat takes mon18 then mon19 is rejected for overlap; bob mon18; ann mon18 full → ann mon19
  assert.deepEqual(r.awarded.map((a) => `${a.slotId}:${a.agentId}`).sort(), ['mon18:bob', 'mon18:cat', 'mon19:ann', 'mon21:dan']);
});

test('shifts: peak slots may not overlap them; VTO must lie inside one', () => {
  const shifts = [{ agentId: 'ann', start: 9 * H, end: 19 * H }];
  const p = allocateSlots(slots, [{ agentId: 'ann', slotId: 'mon18', requestedAt: 1 }], agents, { kind: 'peak', rule: { mode: 'firstCome' }, shifts });
  assert.equal(p.rejected[0]!.reason, 'overlapsShift');
  const vto: Slot[] = [{ id: 'v1', start: 17 * H, end: 19 * H, capacity: 1 }];
  const v = allocateSlots(
    vto,
    [
      { agentId: 'bob', slotId: 'v1', requestedAt: 1 },
      { agentId: 'ann', slotId: 'v1', requestedAt: 2 },
    ],
    agents,
    { kind: 'vto', rule: { mode: 'firstCome' }, shifts },
  );
  assert.deepEqual(
    v.awarded.map((a) => a.agentId),
    ['ann'],
  );
  assert.equal(v.rejected[0]!.reason, 'notScheduled');
  assert.throws(() => allocateSlots([{ id: 'x', start: 2, end: 1, capacity: 1 }], [], agents, { kind: 'peak', rule: { mode: 'firstCome' } }), PeakInputError);
});

test('VTO shortens the shift: cut at either end, an unpaid gap in the middle, trailing meal dropped', () => {
  const H = 3_600_000;
  // 08–17 with an unpaid meal 12–13: 8 paid hours
  const shift = {
    start: 8 * H,
    end: 17 * H,
    activities: [
      { kind: 'phone', start: 8 * H, end: 12 * H, paid: true },
      { kind: 'meal', start: 12 * H, end: 13 * H, paid: false },
      { kind: 'phone', start: 13 * H, end: 17 * H, paid: true },
    ],
  };
  const late = applyTimeOff(shift, { start: 15 * H, end: 17 * H });
  assert.deepEqual([late.start / H, late.end / H, late.paidHours], [8, 15, 6]);
  const early = applyTimeOff(shift, { start: 7 * H, end: 10 * H });
  assert.deepEqual([early.start / H, early.end / H, early.paidHours], [10, 17, 6]);
  const mid = applyTimeOff(shift, { start: 10 * H, end: 11 * H });
  assert.deepEqual([mid.start / H, mid.end / H, mid.paidHours], [8, 17, 7]);
  assert.deepEqual(
    mid.activities.map((a) => [a.kind, a.start / H, a.end / H]),
    [
      ['phone', 8, 10],
      ['vto', 10, 11],
      ['phone', 11, 12],
      ['meal', 12, 13],
      ['phone', 13, 17],
    ],
  );
  // the afternoon off: the meal before it would dangle at the end, so the shift ends at 12
  const pm = applyTimeOff(shift, { start: 13 * H, end: 17 * H });
  assert.deepEqual([pm.start / H, pm.end / H, pm.paidHours], [8, 12, 4]);
  const all = applyTimeOff(shift, { start: 6 * H, end: 18 * H });
  assert.equal(all.paidHours, 0);
  assert.deepEqual(
    all.activities.map((a) => a.kind),
    ['vto'],
  );
  const none = applyTimeOff(shift, { start: 18 * H, end: 19 * H });
  assert.deepEqual([none.start / H, none.end / H, none.paidHours], [8, 17, 8]);
});

test('bidding rules: a slot past midnight touches the next day’s leave; a VTO slot inside one’s shift is allowed; past first', () => {
  const t = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H; // UTC+8
  const now = t('2026-11-02', '12:00');
  const slot = { kind: 'peak' as const, start: t('2026-11-03', '23:00'), end: t('2026-11-04', '01:00') };
  assert.deepEqual(bidRefusal(slot, now, { shifts: [], leaveDates: ['2026-11-04'] }, 480), {
    reason: 'wfm.slotOverlapsLeave',
    params: { date: '2026-11-04' },
  });
  // ending exactly at midnight does not touch the next day
  assert.equal(bidRefusal({ ...slot, end: t('2026-11-04', '00:00') }, now, { shifts: [], leaveDates: ['2026-11-04'] }, 480), null);
  // a day off is not a shift to overlap
  assert.equal(bidRefusal(slot, now, { shifts: [{ kind: 'off', start: slot.start - H, end: slot.end + H }], leaveDates: [] }, 480), null);
  const shift = { kind: 'shift', start: t('2026-11-03', '09:00'), end: t('2026-11-03', '18:00') };
  assert.equal(
    bidRefusal({ kind: 'vto', start: t('2026-11-03', '14:00'), end: t('2026-11-03', '15:00') }, now, { shifts: [shift], leaveDates: [] }, 480),
    null,
  );
  // a slot that has begun is refused before any other rule
  assert.equal(bidRefusal({ ...slot, start: now - 1 }, now, { shifts: [shift], leaveDates: ['2026-11-04'] }, 480)!.reason, 'wfm.slotPast');
});
