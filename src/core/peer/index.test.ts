import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beforeAndDuring, figureChange, placeShadowing, removeShadowing, type ShiftSpan } from './index';

const M = 60_000;
const H = 60 * M;
// minutes from a day's 00:00 as epoch ms of a fixed day
const t = (h: number, m = 0) => 1_000_000_000_000 + h * H + m * M;
const shift = (acts: [string, number, number][]): ShiftSpan => ({
  start: acts[0]![1],
  end: acts[acts.length - 1]![2],
  activities: acts.map(([kind, start, end]) => ({ kind, start, end, paid: kind !== 'meal' })),
});
// listener: phone 09–11, break 11–11:15, phone 11:15–13; top agent: phone 08–12, meal 12–13, phone 13–17
const listener = shift([
  ['phone', t(9), t(11)],
  ['break', t(11), t(11, 15)],
  ['phone', t(11, 15), t(13)],
]);
const top = shift([
  ['phone', t(8), t(12)],
  ['meal', t(12), t(13)],
  ['phone', t(13), t(17)],
]);

test('shadowing 10:00–10:30 splits the listener’s phone time around a paid shadow activity; the top agent’s shift is untouched', () => {
  const r = placeShadowing(listener, top, { start: t(10), end: t(10, 30) });
  assert.ok(r.ok);
  assert.deepEqual(
    r.activities.map((a) => [a.kind, (a.start - t(0)) / M, (a.end - t(0)) / M]),
    [
      ['phone', 540, 600],
      ['shadow', 600, 630],
      ['phone', 630, 660],
      ['break', 660, 675],
      ['phone', 675, 780],
    ],
  );
  // paid minutes are unchanged: 120 + 15 + 105 = 240 before; 60 + 30 + 30 + 15 + 105 = 240 after
  const paid = (acts: { start: number; end: number; paid: boolean }[]) => acts.reduce((s, a) => s + (a.paid ? a.end - a.start : 0), 0) / M;
  assert.equal(paid(listener.activities), 240);
  assert.equal(paid(r.activities), 240);
  // cancelling gives the original phone 09–11 back in one piece
  assert.deepEqual(removeShadowing(r.activities, { start: t(10), end: t(10, 30) }), listener.activities);
});

test('shadowing is refused outside either shift, over a break of either agent, or over another shadowing', () => {
  const refusal = (s: ShiftSpan | null, tp: ShiftSpan | null, a: number, b: number) => {
    const r = placeShadowing(s, tp, { start: a, end: b });
    return r.ok ? null : r.refusal;
  };
  assert.deepEqual(refusal(listener, top, t(8, 30), t(9, 30)), { reason: 'peer.shadowOutsideShift', params: { who: 'agent' } });
  assert.deepEqual(refusal(null, top, t(10), t(11)), { reason: 'peer.shadowOutsideShift', params: { who: 'agent' } });
  assert.deepEqual(refusal(listener, null, t(10), t(11)), { reason: 'peer.shadowOutsideTopShift', params: { who: 'top' } });
  assert.deepEqual(refusal(listener, top, t(10, 45), t(11, 30)), { reason: 'peer.shadowOverlapsActivity', params: { who: 'agent', activity: 'break' } });
  // 12:00–12:30: the listener is on the phone, the top agent at their meal
  assert.deepEqual(refusal(listener, top, t(12), t(12, 30)), { reason: 'peer.topAgentNotOnPhone', params: { who: 'top', activity: 'meal' } });
  const booked = placeShadowing(listener, top, { start: t(10), end: t(10, 30) });
  assert.ok(booked.ok);
  assert.deepEqual(refusal({ ...listener, activities: booked.activities }, top, t(10, 15), t(10, 45)), {
    reason: 'peer.shadowOverlapsActivity',
    params: { who: 'agent', activity: 'shadow' },
  });
});

test('a plan’s figures compare the month before its start with the latest month it ran in, up to today', () => {
  assert.deepEqual(beforeAndDuring({ startDate: '2026-11-10', endDate: '2027-01-31' }, '2026-12-06'), { before: '2026-10', during: '2026-12' });
  assert.deepEqual(beforeAndDuring({ startDate: '2026-01-05', endDate: '2026-02-20' }, '2026-12-06'), { before: '2025-12', during: '2026-02' });
  // a plan that starts later this month: "during" is its start month
  assert.deepEqual(beforeAndDuring({ startDate: '2026-12-20', endDate: '2027-01-31' }, '2026-12-06'), { before: '2026-11', during: '2026-12' });
  // AHT 320 s → 290 s against a target of 300 s (lower is better): −30, met
  assert.deepEqual(figureChange(320, 290, 300, false), { before: 320, during: 290, delta: -30, met: true });
  // answer share 0.80 → 0.85 against 0.9 (higher is better): not met
  const c = figureChange(0.8, 0.85, 0.9, true);
  assert.equal(c.met, false);
  assert.ok(Math.abs(c.delta! - 0.05) < 1e-9);
  assert.deepEqual(figureChange(null, 0.85, 0.9, true), { before: null, during: 0.85, delta: null, met: false });
});
