/**
 * Day rules over weeks (issue 15): consecutive working days (across the week boundary), days off in a
 * row, weekends off K of N, rotations, N weeks in a row, and the rule named when a set of rules cannot
 * be met. One day template, 09:00–17:00 (8 paid hours, no breaks); the requirement is one agent 09:00–17:00
 * on the days given. Costs are the defaults (1 a paid hour, 1,000 an agent-hour short, 10 over); every
 * figure is worked out by hand in the comment beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import highs from 'highs';
import { DomainError } from '../errors';
import { ScheduleInputError, solveSchedule, solveScheduleWeeks, type AgentInput, type Contract, type ScheduleInput, type ShiftTemplate } from './schedule';
import { explainShortfall, weekRules } from './schedule/dayRules';

const clock = () => performance.now();
const hP = highs();
const SLOTS = 7 * 96;
const day9to5 = (id: string): ShiftTemplate => ({ id, spanMin: 480, startEarliestMin: 540, startLatestMin: 540, startStepMin: 60, breaks: [] });
/** One agent needed 09:00–17:00 on each of `days`. */
const need = (days: number[]) => Array.from({ length: SLOTS }, (_, s) => (days.includes(Math.floor(s / 96)) && s % 96 >= 36 && s % 96 < 68 ? 1 : 0));
const ALL = [0, 1, 2, 3, 4, 5, 6];
const base: Contract = { minHoursWeek: 0, maxHoursWeek: 60, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };
const agent = (id: string, c: Partial<Contract>, extra: Partial<AgentInput> = {}): AgentInput => ({ id, contract: { ...base, ...c }, ...extra });
const worked = (r: ReturnType<typeof solveSchedule>, id: string) => r.agents.find((a) => a.agentId === id)!.days.map((d) => d !== null);
const longestRun = (days: boolean[]) =>
  days.reduce((s, w) => (w ? { run: s.run + 1, best: Math.max(s.best, s.run + 1) } : { run: 0, best: s.best }), { run: 0, best: 0 }).best;

test('max working days in a row: 5, so one day of seven is off, and last week’s run counts', async () => {
  const h = await hP;
  const input: ScheduleInput = { required: need(ALL), templates: [day9to5('D')], agents: [agent('a', { maxConsecutiveDays: 5 })] };
  // 6 days with runs of at most 5: the day off splits the week into runs i and 6 − i, so it is Tuesday..Saturday
  const r = solveSchedule(h, input, { clock });
  const w = worked(r, 'a');
  assert.equal(w.filter(Boolean).length, 6);
  assert.ok(longestRun(w) <= 5);
  // cost: 6 shifts × 8 h = 48, one day short: 8 agent-hours × 1,000 = 8,000
  assert.equal(r.objective.total, 8048);
  // 3 days worked before Monday: the first run is at most 2, so the day off is Tuesday or Wednesday
  const r2 = solveSchedule(h, { ...input, agents: [agent('a', { maxConsecutiveDays: 5 }, { workedDaysBefore: 3 })] }, { clock });
  const w2 = worked(r2, 'a');
  assert.equal(w2.filter(Boolean).length, 6);
  assert.ok(!w2[1] || !w2[2], JSON.stringify(w2));
  assert.equal(w2.findIndex((x) => !x) <= 2, true);
});

test('days off in a row: 2, so at most 5 days worked and the two days off are neighbours', async () => {
  const h = await hP;
  const r = solveSchedule(h, { required: need(ALL), templates: [day9to5('D')], agents: [agent('a', { minConsecutiveDaysOff: 2 })] }, { clock });
  const w = worked(r, 'a');
  assert.equal(w.filter(Boolean).length, 5);
  const off = w.flatMap((x, d) => (x ? [] : [d]));
  assert.equal(off[1]! - off[0]!, 1, JSON.stringify(off));
  // 5 × 8 = 40 paid, 2 days × 8 agent-hours short × 1,000 = 16,000
  assert.equal(r.objective.total, 16040);
});

test('weekends off 1 in 2: over two weeks each agent works one weekend; the two agents take different ones', async () => {
  const h = await hP;
  const agents = [agent('a', { weekendsOff: { min: 1, weeks: 2 } }), agent('b', { weekendsOff: { min: 1, weeks: 2 } })];
  const weeks = solveScheduleWeeks(h, { templates: [day9to5('D')], agents }, [{ required: need([5, 6]) }, { required: need([5, 6]) }], { clock });
  // week 0: a (phase 0) has the weekend off, b (phase 1) works it; week 1 the other way round
  assert.deepEqual(worked(weeks[0]!, 'a').slice(5), [false, false]);
  assert.deepEqual(worked(weeks[0]!, 'b').slice(5), [true, true]);
  assert.deepEqual(worked(weeks[1]!, 'a').slice(5), [true, true]);
  assert.deepEqual(worked(weeks[1]!, 'b').slice(5), [false, false]);
  // every weekend covered by one agent: 2 shifts × 8 h each week
  assert.deepEqual(
    weeks.map((w) => w.objective.total),
    [16, 16],
  );
});

test('rotation: early and late weeks, the two agents a week apart', async () => {
  const h = await hP;
  const early = day9to5('E');
  const late: ShiftTemplate = { id: 'L', spanMin: 480, startEarliestMin: 840, startLatestMin: 840, startStepMin: 60, breaks: [] };
  const rotation = (offset: number) => ({ steps: [{ templateIds: ['E'] }, { templateIds: ['L'] }], offset });
  // one agent 09:00–17:00 and one 14:00–22:00 on Monday
  const required = need([0]).map((v, s) => v + (s >= 56 && s < 88 ? 1 : 0));
  const agents = [agent('a', { rotation: rotation(0) }), agent('b', { rotation: rotation(1) })];
  const weeks = solveScheduleWeeks(h, { templates: [early, late], agents }, [{ required }, { required }], { clock });
  const tpl = (w: number, id: string) => weeks[w]!.agents.find((a) => a.agentId === id)!.days[0]?.templateId;
  assert.deepEqual([tpl(0, 'a'), tpl(0, 'b'), tpl(1, 'a'), tpl(1, 'b')], ['E', 'L', 'L', 'E']);
  // a rotation's day off: b is off on Monday in its step, so a works the early shift and the late one is short
  const off = solveSchedule(
    h,
    { required, templates: [early, late], agents: [agent('a', {}), agent('b', { rotation: { steps: [{ daysOff: [0] }] } })] },
    { clock },
  );
  assert.deepEqual([worked(off, 'a')[0], worked(off, 'b')[0]], [true, false]);
});

test('N weeks in a row: the run at the end of week 1 limits the start of week 2', async () => {
  const h = await hP;
  const agents = [agent('a', { maxConsecutiveDays: 5 })];
  const weeks = solveScheduleWeeks(h, { templates: [day9to5('D')], agents }, [{ required: need(ALL) }, { required: need(ALL) }], { clock });
  const all = [...worked(weeks[0]!, 'a'), ...worked(weeks[1]!, 'a')];
  assert.ok(longestRun(all) <= 5, JSON.stringify(all));
  // each week can still work 6 of 7 days (off Tuesday..Saturday), so 12 of 14 at best; at least 11 with the carried run
  assert.ok(all.filter(Boolean).length >= 11, JSON.stringify(all));
});

test('impossible rules name the rule: days off in a row 4 leaves 3 days, the 40 minimum hours need 5', async () => {
  const h = await hP;
  const input = (c: Partial<Contract>): ScheduleInput => ({
    required: need(ALL),
    templates: [day9to5('D')],
    agents: [agent('a', { minHoursWeek: 40, ...c })],
  });
  // minDaysOff 3 alone allows 4 days, 4 days off in a row alone 3: the tighter one is named
  assert.throws(
    () => solveSchedule(h, input({ minDaysOff: 3, minConsecutiveDaysOff: 4 }), { clock }),
    (e: unknown) =>
      e instanceof ScheduleInputError &&
      e.field === 'agents[0].contract.minConsecutiveDaysOff' &&
      e.reason === 'wfm.scheduleRuleInfeasible' &&
      JSON.stringify(e.params) === JSON.stringify({ agent: 'a', field: 'contract.minConsecutiveDaysOff', most: 3, need: 5 }),
  );
  // neither rule alone (runs of 2: WWOWWOW = 5 days; 2 off in a row: 5 days) but together at most 4 (WWOWWOO)
  assert.throws(
    () => solveSchedule(h, input({ maxConsecutiveDays: 2, minConsecutiveDaysOff: 2 }), { clock }),
    (e: unknown) => e instanceof DomainError && e.reason === 'wfm.scheduleRulesInfeasible' && (e.params as { most: number }).most === 4,
  );
  // every weekend off with 5 days needed still fits (Monday..Friday)
  assert.equal(solveSchedule(h, input({ weekendsOff: { min: 1, weeks: 1 } }), { clock }).agents[0]!.days.filter(Boolean).length, 5);
  // plus Wednesday off in the week's rotation: 4 days left; neither alone (5 and 6 days) but the two together are named
  const r = weekRules(agent('a', { weekendsOff: { min: 1, weeks: 1 }, rotation: { steps: [{ daysOff: [2] }] } }), 0, 0, false);
  assert.deepEqual(explainShortfall(Array(7).fill(true), r, 5), { rules: ['rotation', 'weekendsOff'], most: 4 });
  // a bad rule value names its field
  assert.throws(
    () => solveSchedule(h, input({ maxConsecutiveDays: 0 }), { clock }),
    (e: unknown) => e instanceof ScheduleInputError && e.field === 'agents[0].contract.maxConsecutiveDays',
  );
});

test('distinct-shift cost: three exact shift types, or one regular type with some coverage traded', async () => {
  const h = await hP;
  // 8-hour shifts starting 08:00, 09:00 or 10:00; one agent needed Mon 08–16, Tue 09–17, Wed 10–18
  const tpl: ShiftTemplate = { id: 'D', spanMin: 480, startEarliestMin: 480, startLatestMin: 600, startStepMin: 60, breaks: [] };
  const required = Array.from({ length: SLOTS }, (_, s) => {
    const d = Math.floor(s / 96);
    const h0 = [8, 9, 10][d];
    return h0 !== undefined && s % 96 >= h0 * 4 && s % 96 < (h0 + 8) * 4 ? 1 : 0;
  });
  const input: ScheduleInput = { required, templates: [tpl], agents: [agent('a', {})] };
  // no cost: each day its own start, 3 types, 3 × 8 paid hours = 24
  const free = solveSchedule(h, input, { clock });
  assert.deepEqual([free.distinctShifts, free.objective.total], [3, 24]);
  // 2,000 a type: 3 types 24 + 6,000; two (08 Mon, 09 Tue+Wed) 24 + 1,010 + 4,000; one at 09:00 for all three:
  // Mon 08–09 short and 16–17 over, Wed 09–10 over and 17–18 short: 24 + 2 × 1,000 + 2 × 10 + 2,000 = 4,044
  const regular = solveSchedule(h, { ...input, distinctShiftCost: 2000 }, { clock });
  assert.deepEqual([regular.distinctShifts, regular.objective.total], [1, 4044]);
  assert.deepEqual(
    regular.agents[0]!.days.slice(0, 3).map((d) => d && d.startMin % 1440),
    [540, 540, 540],
  );
  // 500 a type: the three exact types (24 + 1,500) beat one (24 + 2,020 + 500)
  assert.equal(solveSchedule(h, { ...input, distinctShiftCost: 500 }, { clock }).distinctShifts, 3);
});
