// Schedules over N weeks (issue 15): the weeks are solved one after the other, each carrying into the
// next as a week carries in from the previous published one: the shifts running past Sunday midnight
// (with `spill`), each agent's last shift end (rest) and working days in a row (maxConsecutiveDays).
// Rotations and weekend rules read the week's number, so week k uses step k (+ the agent's offset).
// One N-week model would be tighter on the weekend rules; week by week keeps each solve the size it is
// today and lets a planner publish week 1 while week 2 is still open.

import type { Highs } from 'highs';
import { InputError } from '../../errors';
import { leastRunAtEnd } from './dayRules';
import { prepare } from './prepare';
import type { AgentInput, AgentSchedule, Clock, ScheduleInput, ScheduleOptions, ScheduleResult } from './types';

const WEEK_MIN = 7 * 1440;

/** One week of the horizon: its requirement, and the agents' leave that week (agent id → days 0..6). */
export interface HorizonWeek {
  required: number[];
  leaveDays?: Record<string, number[]>;
}

/** Working days in a row up to the end of a week, from its schedule (with the run before it when every day was worked). */
export function daysInARowAtEnd(a: AgentSchedule, before: number): number {
  let run = 0;
  for (let d = 6; d >= 0 && a.days[d]; d--) run++;
  return run === 7 ? run + before : run;
}

/** Working days in a row just before a week, per agent, from their shift starts (epoch ms) in the days before it. */
export function daysInARowBefore(starts: { agentId: number; start: number }[], weekStartTs: number): Map<number, number> {
  const DAY = 86_400_000;
  const worked = new Map<number, Set<number>>();
  for (const s of starts) {
    const d = Math.floor((s.start - weekStartTs) / DAY);
    if (d < 0) worked.set(s.agentId, (worked.get(s.agentId) ?? new Set()).add(d));
  }
  const out = new Map<number, number>();
  for (const [id, days] of worked) {
    let run = 0;
    while (days.has(-1 - run)) run++;
    out.set(id, run);
  }
  return out;
}

/** What a solved week carries into the next: phone cover past its end (spill), each agent's last shift end and days in a row. */
function carryOn(week: ScheduleResult, agents: AgentInput[], intervalMin: number): { carryIn: number[]; agents: AgentInput[] } {
  const carryIn = new Array<number>(1440 / intervalMin).fill(0);
  const byId = new Map(week.agents.map((a) => [a.agentId, a]));
  const next = agents.map((a) => {
    const s = byId.get(a.id);
    if (!s) return { ...a, carryInEndMin: undefined, workedDaysBefore: 0 };
    let lastEnd = -Infinity;
    for (const sh of s.days) {
      if (!sh) continue;
      lastEnd = Math.max(lastEnd, sh.endMin);
      for (const act of sh.activities) {
        if (act.kind !== 'phone' || act.endMin <= WEEK_MIN) continue;
        for (let t = Math.max(act.startMin, WEEK_MIN); t < act.endMin; t += intervalMin) carryIn[Math.floor((t - WEEK_MIN) / intervalMin)]! += 1;
      }
    }
    return {
      ...a,
      carryInEndMin: Number.isFinite(lastEnd) ? lastEnd - WEEK_MIN : undefined,
      workedDaysBefore: daysInARowAtEnd(s, a.workedDaysBefore ?? 0),
    };
  });
  return { carryIn, agents: next };
}

/**
 * Runs week `k` (0-based) of an N-week plan: an agent's refusal (a day rule that leaves too few days) says which
 * week of the plan (`n`, 1-based, when N > 1); when the agent came in with days in a row from the plan's week before
 * (`agents`: this week's input) it is refused as the carry's (`wfm.scheduleRuleCarry`, `before`: those days).
 */
function inWeek<T>(k: number, count: number, agents: readonly AgentInput[], f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InputError) || e.params?.agent === undefined || count < 2) throw e;
    const before = k > 0 ? (agents.find((a) => a.id === String(e.params!.agent))?.workedDaysBefore ?? 0) : 0;
    const carried = before > 0 && (e.reason === 'wfm.scheduleRuleInfeasible' || e.reason === 'wfm.scheduleRulesInfeasible');
    throw new InputError(e.field, e.problem + (carried ? ` (with ${before} working days in a row carried in from week ${k} of the plan)` : ''), {
      reason: carried ? 'wfm.scheduleRuleCarry' : e.reason,
      params: { ...e.params, n: k + 1, ...(carried ? { before } : {}) },
    });
  }
}

/**
 * Checks every week of an N-week plan before anything is solved (issue 15). Week 1 is checked with what it carries
 * in (last week's published shifts). Week k ≥ 2 carries in what week k−1's solve makes, unknown before solving; what
 * is known: (1) the week on its own (nothing carried in: the least constrained it can be) — refused, no week before
 * can save it; (2) the fewest working days in a row week k−1 can end with while its minimum hours are met (its rules,
 * leave and the days its hours need: `leastRunAtEnd`), carried into week k — refused as the carry's
 * (`wfm.scheduleRuleCarry`): the two weeks' minimum hours cannot both be met. A week k−1 that ends with a longer run
 * than the least (the optimiser is free to) is refused by the solve itself, naming the rule and the week the same way.
 */
export function checkWeeks(input: Omit<ScheduleInput, 'required'>, weeks: HorizonWeek[]): void {
  let agents = input.agents;
  weeks.forEach((w, k) => {
    const week = (as: AgentInput[]): ScheduleInput => ({
      ...input,
      required: w.required,
      agents: as.map((a) => ({ ...a, leaveDays: w.leaveDays?.[a.id] ?? [] })),
      weekNo: (input.weekNo ?? 0) + k,
      carryIn: k === 0 ? input.carryIn : undefined,
    });
    if (k > 0) inWeek(k, weeks.length, [], () => prepare(week(agents.map((a) => ({ ...a, workedDaysBefore: 0 })))));
    const P = inWeek(k, weeks.length, agents, () => prepare(week(agents)));
    agents = P.agents.map((pa) => ({
      ...pa.src,
      carryInEndMin: undefined,
      workedDaysBefore: input.weekEnd === 'wrap' ? 0 : leastRunAtEnd(pa.availDays, pa.rules, pa.needDays),
    }));
  });
}

/**
 * Solves `weeks.length` weeks in a row from week number `input.weekNo` (default 0); `input.required`
 * is not read (each week has its own). Leave is per week; the agents' other fields hold for all weeks.
 */
export function solveWeeks(
  solveWeek: (h: Highs, input: ScheduleInput, options: ScheduleOptions & { clock: Clock }) => ScheduleResult,
  h: Highs,
  input: Omit<ScheduleInput, 'required'>,
  weeks: HorizonWeek[],
  options: ScheduleOptions & { clock: Clock },
): ScheduleResult[] {
  const im = input.intervalMin ?? 15;
  const out: ScheduleResult[] = [];
  let agents = input.agents;
  let carryIn = input.carryIn;
  weeks.forEach((w, k) => {
    const withLeave = agents.map((a) => ({ ...a, leaveDays: w.leaveDays?.[a.id] ?? [] }));
    const result = inWeek(k, weeks.length, withLeave, () =>
      solveWeek(h, { ...input, required: w.required, agents: withLeave, weekNo: (input.weekNo ?? 0) + k, carryIn }, options),
    );
    out.push(result);
    const next = carryOn(result, agents, im);
    // a wrapping week repeats itself: only the days in a row carry on (its rules then read the week as cyclic)
    agents = input.weekEnd === 'wrap' ? next.agents.map((a) => ({ ...a, carryInEndMin: undefined })) : next.agents;
    carryIn = input.weekEnd === 'spill' ? next.carryIn : undefined;
  });
  return out;
}
