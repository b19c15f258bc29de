/**
 * The week's end (issue 15): shifts that spill into next week, a week that wraps, and what carries in
 * from the previous week. Every figure below is worked out by hand from the instance: 15-minute slots,
 * cost 1 a paid hour, under 1,000 and over 10 an agent-hour (the defaults).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import highs from 'highs';
import { ScheduleInputError, solveSchedule, type AgentInput, type ScheduleInput, type ShiftTemplate } from './schedule';

const clock = () => performance.now();
const hP = highs();
const SLOTS = 7 * 96;
const slot = (day: number, h: number) => day * 96 + h * 4;
/** A requirement of one agent on [from, to) slots (several ranges). */
const need = (...ranges: [number, number][]) => {
  const r = new Array<number>(SLOTS).fill(0);
  for (const [a, b] of ranges) for (let s = a; s < b; s++) r[s] = 1;
  return r;
};
const hourly = (id: string, hours: number): ShiftTemplate => ({
  id,
  spanMin: hours * 60,
  startEarliestMin: 0,
  startLatestMin: 23 * 60,
  startStepMin: 60,
  breaks: [],
});
const agent = (id: string, extra: Partial<AgentInput> = {}): AgentInput => ({
  id,
  contract: { minHoursWeek: 0, maxHoursWeek: 60, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 23 * 60 },
  ...extra,
});
const shiftsOf = (r: ReturnType<typeof solveSchedule>) => r.agents.flatMap((a) => a.days.filter((d) => d !== null));

test('spill: a Sunday-night shift runs into next week instead of being cut at midnight', async () => {
  const h = await hP;
  const input: ScheduleInput = { required: need([slot(6, 22), SLOTS]), templates: [hourly('N8', 8)], agents: [agent('a')] };
  // cut: the shift must end by Sunday 24:00, so 16:00–24:00 covers the need with 6 idle hours: 8 + 6 × 10 = 68
  const cut = solveSchedule(h, input, { clock });
  assert.equal(cut.objective.total, 68);
  // spill: 22:00–06:00, its 6 hours after midnight belong to next week and cost nothing here: 8
  const spill = solveSchedule(h, { ...input, weekEnd: 'spill' }, { clock });
  assert.equal(spill.objective.total, 8);
  const [s] = shiftsOf(spill);
  assert.equal(s!.startMin, 6 * 1440 + 22 * 60);
  assert.equal(s!.endMin, 7 * 1440 + 6 * 60);
  assert.equal(spill.coverage.length, SLOTS);
  assert.equal(
    spill.under.reduce((a, b) => a + b, 0),
    0,
  );
});

test('wrap: one Sunday 22:00 shift covers Sunday night and Monday morning of the repeating week', async () => {
  const h = await hP;
  const input: ScheduleInput = { required: need([0, slot(0, 4)], [slot(6, 22), SLOTS]), templates: [hourly('N6', 6)], agents: [agent('a'), agent('b')] };
  // cut: Monday 00:00–06:00 (2 idle hours) and Sunday 18:00–24:00 (4 idle hours): 12 + 6 × 10 = 72
  assert.equal(solveSchedule(h, input, { clock }).objective.total, 72);
  // wrap: Sunday 22:00–Monday 04:00 is exactly the need: 6
  const wrap = solveSchedule(h, { ...input, weekEnd: 'wrap' }, { clock });
  assert.equal(wrap.objective.total, 6);
  assert.deepEqual(
    shiftsOf(wrap).map((s) => s.startMin),
    [6 * 1440 + 22 * 60],
  );
  assert.equal(wrap.coverage[0], 1);
  assert.equal(wrap.coverage[slot(0, 4)], 0);
});

test('wrap: the rest after a Sunday-night shift holds against the same agent’s Monday', async () => {
  const h = await hP;
  // one agent; Sunday 22:00–Monday 04:00 and Monday 08:00–12:00 are needed; 11 h rest forbids both
  // (04:00 → 08:00 is 4 h), so one of them stays uncovered
  const input: ScheduleInput = {
    required: need([0, slot(0, 4)], [slot(0, 8), slot(0, 12)], [slot(6, 22), SLOTS]),
    templates: [hourly('N6', 6), hourly('D4', 4)],
    agents: [agent('a')],
    weekEnd: 'wrap',
  };
  const r = solveSchedule(h, input, { clock });
  // one shift only: either the night (16 slots short) or Monday's day shift (24 slots short)
  assert.equal(shiftsOf(r).length, 1);
  assert.ok([16, 24].includes(r.under.reduce((a, b) => a + b, 0)));
  // a second agent covers the rest: nothing under
  const two = solveSchedule(h, { ...input, agents: [agent('a'), agent('b')] }, { clock });
  assert.equal(
    two.under.reduce((a, b) => a + b, 0),
    0,
  );
});

test('carry-in: agents still on from last week count, and their rest holds on Monday', async () => {
  const h = await hP;
  // Monday 00:00–06:00 needed; last week's night shift covers 00:00–04:00: one 2-hour shift at 04:00 is enough
  const base: ScheduleInput = { required: need([0, slot(0, 6)]), templates: [hourly('S2', 2)], agents: [agent('a'), agent('b'), agent('c')] };
  assert.equal(solveSchedule(h, base, { clock }).objective.total, 6); // without it: three 2-hour shifts
  const carried = solveSchedule(h, { ...base, carryIn: new Array(16).fill(1) }, { clock });
  assert.equal(carried.objective.total, 2);
  assert.deepEqual(
    shiftsOf(carried).map((s) => s.startMin),
    [4 * 60],
  );
  assert.equal(carried.coverage[0], 1); // the carried agent is in the reported coverage
  // an agent whose night shift ended Monday 04:00 may not start before 15:00 (11 h rest): 08:00–10:00 stays short
  const rest: ScheduleInput = { required: need([slot(0, 8), slot(0, 10)]), templates: [hourly('S2', 2)], agents: [agent('a', { carryInEndMin: 240 })] };
  const r = solveSchedule(h, rest, { clock });
  assert.equal(
    r.under.reduce((a, b) => a + b, 0),
    8,
  );
  assert.ok(shiftsOf(r).every((s) => s.startMin >= 15 * 60));
});

test('bad week-end input names the field', async () => {
  const h = await hP;
  const base: ScheduleInput = { required: need([0, 4]), templates: [hourly('S2', 2)], agents: [agent('a')] };
  const field = (input: ScheduleInput, f: string) =>
    assert.throws(
      () => solveSchedule(h, input, { clock }),
      (e: unknown) => e instanceof ScheduleInputError && e.field === f,
    );
  field({ ...base, weekEnd: 'loop' as never }, 'weekEnd');
  field({ ...base, weekEnd: 'wrap', carryIn: [1] }, 'carryIn');
  field({ ...base, carryIn: new Array(SLOTS + 1).fill(0) }, 'carryIn');
  field({ ...base, carryIn: [1, -1] }, 'carryIn[1]');
  field({ ...base, agents: [agent('a', { carryInEndMin: 2000 })] }, 'agents[0].carryInEndMin');
});
