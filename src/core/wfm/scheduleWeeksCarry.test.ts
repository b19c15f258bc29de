/**
 * N-week plans (issue 15): what week k−1 carries into week k. The check before solving knows only the least a week
 * can carry (its rules and the days its minimum hours need); a week the optimiser ends with a longer run is refused
 * by the solve, naming the rule, the agent and the plan's week. Worked out by hand on 7-day masks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkScheduleInput, checkScheduleWeeks, ScheduleInputError, type ScheduleInput, type ScheduleResult } from './schedule';
import { solveWeeks } from './schedule/weeks';

const tpl = { id: 'D', spanMin: 480, startEarliestMin: 540, startLatestMin: 540, startStepMin: 60, breaks: [] };
// 40 h of 8-hour shifts: 5 days; at most 4 in a row; 2 days off together
const contract = {
  minHoursWeek: 40,
  maxHoursWeek: 60,
  minDaysOff: 0,
  earliestStartMin: 0,
  latestStartMin: 1380,
  minRestHours: 11,
  maxConsecutiveDays: 4,
  minConsecutiveDaysOff: 2,
};
const input: Omit<ScheduleInput, 'required'> = { intervalMin: 15, templates: [tpl], agents: [{ id: 'A', contract }], weekEnd: 'spill' };
const week = { required: new Array<number>(672).fill(0) };

test('weeks: the least carry passes the check, a longer one chosen by week 1 is refused by the solve naming week 2', () => {
  // before solving: week 1 can end with 1 day in a row (Mon–Thu, Fri–Sat off, Sun); week 2 after it: Mon, Tue–Wed off,
  // Thu–Sun = 5 days (runs of 2 and 4): possible, so the plan is not refused
  assert.doesNotThrow(() => checkScheduleWeeks(input, [week, week]));
  // a solve whose week 1 is Mon, Tue–Wed off, Thu–Sun (within the rules) carries 4 days in a row into week 2:
  // Monday then off (5 in a row), and Tue..Sun with runs ≤ 4 and 2 days off together holds 4 days (Tue–Fri, Sat–Sun
  // off) < 5; each rule alone allows 5 (Tue–Fri, Sat off, Sun; or any 2 days off together), the two together 4
  const shift = (d: number) => ({ day: d, startMin: d * 1440 + 540, endMin: d * 1440 + 1020, activities: [] });
  const weeks: ScheduleInput[] = [];
  const stub = (_h: unknown, w: ScheduleInput) => {
    weeks.push(w);
    checkScheduleInput(w);
    return { agents: [{ agentId: 'A', days: [shift(0), null, null, shift(3), shift(4), shift(5), shift(6)] }] } as unknown as ScheduleResult;
  };
  assert.throws(
    () => solveWeeks(stub, {} as never, input, [week, week], { clock: () => 0 }),
    (e: unknown) => {
      assert.ok(e instanceof ScheduleInputError);
      assert.equal(e.reason, 'wfm.scheduleRuleCarry');
      assert.equal(e.field, 'agents[0].contract.maxConsecutiveDays');
      assert.deepEqual(e.params, { agent: 'A', field: 'contract.maxConsecutiveDays', most: 4, need: 5, n: 2, before: 4 });
      return true;
    },
  );
  assert.deepEqual(
    weeks.map((w) => w.agents[0]!.workedDaysBefore ?? 0),
    [0, 4],
  );
  // one week alone carries nothing of the plan: the same refusal is the rules' (no week number)
  assert.throws(
    () => checkScheduleInput({ ...input, required: week.required, agents: [{ id: 'A', contract, workedDaysBefore: 4 }] }),
    (e: unknown) => e instanceof ScheduleInputError && e.reason === 'wfm.scheduleRulesInfeasible' && e.params?.n === undefined,
  );
});

test('weeks: a rule no week can meet is refused as the rules’ own, in its week', () => {
  // week 2 has Monday–Wednesday on leave: the minimum pro-rated to 40·4/7 = 22.9 h = 3 shifts, which Thu–Sat hold
  // (the leave days are the 2 days off together): no refusal
  assert.doesNotThrow(() => checkScheduleWeeks(input, [week, { ...week, leaveDays: { A: [0, 1, 2] } }]));
  // at most 1 day in a row and 5 days a week cannot be, whatever came before: refused in week 1 without a carry
  const tight = { ...input, agents: [{ id: 'A', contract: { ...contract, maxConsecutiveDays: 1, minConsecutiveDaysOff: 0 } }] };
  assert.throws(
    () => checkScheduleWeeks(tight, [week, week]),
    (e: unknown) => e instanceof ScheduleInputError && e.reason === 'wfm.scheduleRuleInfeasible' && e.params?.n === 1 && e.params?.most === 4,
  );
});
