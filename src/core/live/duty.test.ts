import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertHandling, clockMinutes, dutyWindow, levelReached, sumReportCounts } from './duty';

test('duty window: local clock times in the center zone, a night duty ends the next day', () => {
  // Asia/Shanghai (UTC+8): 2026-12-07 08:00 local = 00:00 UTC; 20:00 = 12:00 UTC
  assert.deepEqual(dutyWindow('2026-12-07', '08:00', '20:00', 480), { startsAt: Date.UTC(2026, 11, 7, 0), endsAt: Date.UTC(2026, 11, 7, 12) });
  // 20:00 → 08:00 the next morning
  assert.deepEqual(dutyWindow('2026-12-07', '20:00', '08:00', 480), { startsAt: Date.UTC(2026, 11, 7, 12), endsAt: Date.UTC(2026, 11, 8, 0) });
  assert.equal(dutyWindow('2026-12-07', '8:00', '20:00', 480), null);
  assert.equal(dutyWindow('2026-12-07', '08:00', '24:00', 480), null);
  assert.equal(dutyWindow('7 Dec', '08:00', '20:00', 480), null);
  assert.equal(clockMinutes('23:59'), 1439);
});

test('alert handling: acknowledged, closed, mean time to the first action', () => {
  const t = 1_000_000;
  const h = alertHandling([
    { raised_at: t, ack_at: t + 60_000, closed_at: t + 600_000 }, // acted after 60 s
    { raised_at: t, ack_at: null, closed_at: t + 180_000 }, // closed straight away after 180 s
    { raised_at: t, ack_at: null, closed_at: null }, // not acted on
  ]);
  assert.deepEqual(h, { raised: 3, acknowledged: 1, closed: 2, meanActS: 120 });
  assert.deepEqual(alertHandling([]), { raised: 0, acknowledged: 0, closed: 0, meanActS: null });
});

test('a month of duties: counts added, ratios from the sums (not a mean of ratios)', () => {
  // duty 1: 100 offered, 90 answered, 0 short, SL 0.8 → 80 within; duty 2: 10 offered, 5 answered, 2 short, SL 0.5 → 4 within
  const s = sumReportCounts([
    { offered: 100, answered: 90, shortAbandoned: 0, serviceLevel: 0.8 },
    { offered: 10, answered: 5, shortAbandoned: 2, serviceLevel: 0.5 },
    { offered: null, answered: null, shortAbandoned: null, serviceLevel: null },
  ]);
  assert.equal(s.offered, 110);
  assert.equal(s.answered, 95);
  assert.equal(s.answerRate, 95 / 110);
  assert.equal(s.serviceLevel, 84 / 108);
  assert.deepEqual(sumReportCounts([]), { offered: 0, answered: 0, answerRate: null, serviceLevel: null });
});

test('emergency levels: the highest level any of whose conditions holds', () => {
  const levels = [
    { level: 1, minWaiting: 5, slBelow: 80, slMinutes: 15 },
    { level: 2, minWaiting: 10, slBelow: 60, slMinutes: 30 },
    { level: 3, minWaiting: 20, slBelow: null, slMinutes: null },
  ];
  const sl = (by: Record<number, number | null>) => (m: number) => by[m] ?? null;
  assert.equal(levelReached(levels, { waiting: 4, serviceLevelOver: sl({ 15: 0.85, 30: 0.9 }) }), null);
  assert.deepEqual(levelReached(levels, { waiting: 5, serviceLevelOver: sl({ 15: 0.85, 30: 0.9 }) }), { level: 1, figures: { waiting: 5 } });
  // SL over the last 30 minutes 55 % < 60 % → level 2, even with few waiting
  assert.deepEqual(levelReached(levels, { waiting: 2, serviceLevelOver: sl({ 15: 0.7, 30: 0.55 }) }), {
    level: 2,
    figures: { serviceLevel: 0.55, slMinutes: 30 },
  });
  assert.equal(levelReached(levels, { waiting: 25, serviceLevelOver: sl({}) })?.level, 3);
  // no calls in the window: the SL condition does not hold
  assert.equal(levelReached([{ level: 1, minWaiting: null, slBelow: 80, slMinutes: null }], { waiting: 0, serviceLevelOver: () => null }), null);
});
