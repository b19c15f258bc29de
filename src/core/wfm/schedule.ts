// Weekly shift scheduling: requirement curve → shifts with breaks for named agents.
//
// Two stages, as STACK.md suggests for scale:
//  1. Pattern MILP (HiGHS). x[d,p] = number of shifts of pattern p (template × start time)
//     starting on day d; z[d,p,k,o] = how many of them take break k at offset o (so break
//     placement is exact, not an average). Coverage(t) = Σ shifts working at t − Σ breaks at t;
//     under(t), over(t) ≥ 0 absorb the difference to the requirement. Aggregate agent limits
//     (heads per day, start-time windows, weekly hours) are implied by the contracts, so the LP
//     relaxation of this model is a valid lower bound for the whole problem.
//  2. Assignment of pattern instances to named agents honouring every contract rule (greedy,
//     most-restricted agent first), repair for minimum hours, greedy fill of leftover gaps, and a
//     break re-placement sweep. The reported objective is recomputed from the final schedule.
//
// Pure apart from the HiGHS instance, which the caller injects (load it with `await highs()`).
//
// The phases live in ./schedule/ (issue 13): prepare (input checks, patterns, agents in slots),
// model (agent classes, the stage-1 MILP), mip (LP bound and MILP runs), instances (rounded breaks,
// class pools), state and assign (stage 2 passes 0, A2, A, B, B2), repair (passes C/D, break
// sweep), report (results). Each phase reads and changes the state handed to it, nothing else.

import type { Highs } from 'highs';
import { InputError as ScheduleInputError } from '../errors';
import { assignFromPool } from './schedule/assign';
import { classPools, roundedInstances, roundedObjective } from './schedule/instances';
import { solveStage1 } from './schedule/mip';
import { agentClasses, buildModel } from './schedule/model';
import { prepare } from './schedule/prepare';
import { addNewShifts, sweepBreaks } from './schedule/repair';
import { scheduleResult } from './schedule/report';
import { poolLeft, stage2State } from './schedule/state';
import type { Clock, ScheduleInput, ScheduleOptions, ScheduleResult } from './schedule/types';
import { checkWeeks, solveWeeks, type HorizonWeek } from './schedule/weeks';

export { weekNumber, type Rotation, type RotationStep } from './schedule/dayRules';
export { daysInARowBefore, type HorizonWeek } from './schedule/weeks';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { ScheduleInputError };
export type {
  Activity,
  AgentInput,
  AgentSchedule,
  AssignedShift,
  BreakKind,
  BreakRule,
  Clock,
  Contract,
  ScheduleInput,
  ScheduleOptions,
  ScheduleResult,
  ShiftTemplate,
} from './schedule/types';

/**
 * Solve the weekly schedule. `h` is a loaded HiGHS instance (`await highs()`); `clock` times the LP and
 * MILP phases (the reported times and the default stall limit), so core reads no clock itself.
 */
export function solveSchedule(h: Highs, input: ScheduleInput, options: ScheduleOptions & { clock: Clock }): ScheduleResult {
  const P = prepare(input);
  const classes = agentClasses(P);
  const built = buildModel(P, classes, h.infinity);
  const s1 = solveStage1(h, built, options);
  const pool = classPools(P, classes, built, s1, roundedInstances(P, built, s1));
  const rounded = roundedObjective(P, pool);
  // Stage 2: the pools go to named agents; then new shifts and better breaks where they pay off.
  const st = stage2State(P, classes, pool);
  assignFromPool(st);
  const unassignedPatternShifts = poolLeft(st);
  addNewShifts(st);
  sweepBreaks(st);
  return scheduleResult(input, st, { built, s1, rounded, unassignedPatternShifts });
}

/** N weeks in a row, each carrying into the next (./schedule/weeks): one result per week. */
export function solveScheduleWeeks(
  h: Highs,
  input: Omit<ScheduleInput, 'required'>,
  weeks: HorizonWeek[],
  options: ScheduleOptions & { clock: Clock },
): ScheduleResult[] {
  return solveWeeks(solveSchedule, h, input, weeks, options);
}

/** Checks a week's input without solving (bad input and impossible day rules are refused naming the field). */
export function checkScheduleInput(input: ScheduleInput): void {
  prepare(input);
}

/**
 * Checks the weeks of an N-week plan without solving (./schedule/weeks `checkWeeks`): each week's rules, weeks 2..N
 * with the least the week before must carry in; a refusal names the rule, the agent and the plan's week (`n`).
 */
export function checkScheduleWeeks(input: Omit<ScheduleInput, 'required'>, weeks: HorizonWeek[]): void {
  checkWeeks(input, weeks);
}
