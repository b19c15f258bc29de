// Schedules over N weeks (issue 15): the weeks are solved one after the other, each carrying into the
// next as a week carries in from the previous published one: the shifts running past Sunday midnight
// (with `spill`), each agent's last shift end (rest) and working days in a row (maxConsecutiveDays).
// Rotations and weekend rules read the week's number, so week k uses step k (+ the agent's offset).
// One N-week model would be tighter on the weekend rules; week by week keeps each solve the size it is
// today and lets a planner publish week 1 while week 2 is still open.

import type { Highs } from 'highs';
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
    const result = solveWeek(h, { ...input, required: w.required, agents: withLeave, weekNo: (input.weekNo ?? 0) + k, carryIn }, options);
    out.push(result);
    const next = carryOn(result, agents, im);
    // a wrapping week repeats itself: only the days in a row carry on (its rules then read the week as cyclic)
    agents = input.weekEnd === 'wrap' ? next.agents.map((a) => ({ ...a, carryInEndMin: undefined })) : next.agents;
    carryIn = input.weekEnd === 'spill' ? next.carryIn : undefined;
  });
  return out;
}
