import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryIntoWeek, checkAgentWeek } from './rules';

const contract = { minHoursWeek: 32, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 14 * 60, minRestHours: 11 };
// 8 paid hours, 9 h on site, starting 09:00 on the given day
const shift = (day: number, startH = 9) => ({ startMin: day * 1440 + startH * 60, endMin: day * 1440 + startH * 60 + 540, paidHours: 8 });

test('a plain five-day week keeps every rule', () => {
  assert.deepEqual(
    checkAgentWeek(
      contract,
      [0, 1, 2, 3, 4].map((d) => shift(d)),
    ),
    [],
  );
});

test('each broken rule is named', () => {
  const rules = (s: ReturnType<typeof shift>[], leave: number[] = []) =>
    checkAgentWeek(contract, s, leave)
      .map((v) => v.rule)
      .sort();
  // six days: 48 h > 40 and only one day off
  assert.deepEqual(rules([0, 1, 2, 3, 4, 5].map((d) => shift(d))), ['maxHoursWeek', 'minDaysOff']);
  // three days: 24 h < 32
  assert.deepEqual(rules([0, 1, 2].map((d) => shift(d))), ['minHoursWeek']);
  // start 06:00 < 07:00 and 15:00 > 14:00
  assert.deepEqual(rules([shift(0, 6), shift(1), shift(2), shift(3, 15)]), ['earliestStart', 'latestStart']);
  // Monday 14:00–23:00, Tuesday 07:00: 8 h rest < 11
  assert.deepEqual(rules([shift(0, 14), shift(1, 7), shift(2), shift(3)]), ['minRest']);
  // leave on day 2: minimum pro-rated to 32·6/7 = 27.43 h, four shifts = 32 h fine, but one is on leave
  assert.deepEqual(rules([shift(0), shift(1), shift(2), shift(3)], [2]), ['leave']);
});

test('coverage counts phone time per interval, partial intervals pro rata', async () => {
  const { weekCoverage, weekStartMs, mondayOf } = await import('./rules');
  // 09:00–09:30 and 09:15–09:20 on Monday → slot 36 (09:00) 1, slot 37 (09:15) 1 + 5/15
  const c = weekCoverage([
    { startMin: 540, endMin: 570 },
    { startMin: 555, endMin: 560 },
  ]);
  assert.equal(c.length, 672);
  assert.equal(c[36], 1);
  assert.ok(Math.abs(c[37]! - (1 + 1 / 3)) < 1e-12);
  assert.ok(Math.abs(c.reduce((a, b) => a + b, 0) - (2 + 1 / 3)) < 1e-12);
  // 2026-11-02 is a Monday; local midnight in UTC+8 is 16:00 UTC the day before
  assert.equal(weekStartMs('2026-11-02', 480), Date.UTC(2026, 10, 1, 16));
  assert.throws(() => weekStartMs('2026-11-03', 480), /not a Monday/);
  assert.equal(mondayOf(Date.UTC(2026, 10, 8, 15, 59), 480), '2026-11-02'); // Sunday 23:59 local
  assert.equal(mondayOf(Date.UTC(2026, 10, 8, 16, 0), 480), '2026-11-09');
});

test('a Sunday-night shift carries into the next week: its phone time and its end', () => {
  const ws = Date.UTC(2027, 0, 4); // a Monday 00:00
  const M = 60_000;
  const shifts = [
    // agent 7: Sunday 22:00–Monday 06:00, a break 02:00–02:30 (after midnight: 02:00–02:30 is not on the phone)
    {
      agentId: 7,
      start: ws - 120 * M,
      end: ws + 360 * M,
      activities: [
        { kind: 'phone', start: ws - 120 * M, end: ws + 120 * M },
        { kind: 'break', start: ws + 120 * M, end: ws + 150 * M },
        { kind: 'phone', start: ws + 150 * M, end: ws + 360 * M },
      ],
    },
    // agent 8: Sunday 10:00–18:00, ends before the week
    { agentId: 8, start: ws - 840 * M, end: ws - 360 * M, activities: [{ kind: 'phone', start: ws - 840 * M, end: ws - 360 * M }] },
    // a shift of the week itself carries nothing
    { agentId: 9, start: ws + 60 * M, end: ws + 120 * M, activities: [{ kind: 'phone', start: ws + 60 * M, end: ws + 120 * M }] },
  ];
  const { carryIn, endMinByAgent } = carryIntoWeek(shifts, ws, 30);
  assert.equal(carryIn.length, 336);
  // 30-minute intervals: 00:00–02:00 one agent (4 intervals), 02:00–02:30 none, 02:30–06:00 one (7), then none
  assert.deepEqual(carryIn.slice(0, 13), [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0]);
  assert.equal(
    carryIn.reduce((a, b) => a + b, 0),
    11,
  );
  assert.equal(endMinByAgent.get(7), 360);
  assert.equal(endMinByAgent.get(8), -360);
  assert.equal(endMinByAgent.has(9), false);
});
