// The schedule's public data: what the caller gives (templates, contracts, agents, the requirement
// curve, options) and what the solver answers. Re-exported by ../schedule.ts.

import type { Rotation } from './dayRules';

export type BreakKind = 'break' | 'meal';

export interface BreakRule {
  kind: BreakKind;
  durationMin: number;
  paid: boolean;
  /** window for the break START, minutes after the shift start (inclusive) */
  earliestStartMin: number;
  latestStartMin: number;
}

export interface ShiftTemplate {
  id: string;
  /** from shift start to shift end, including unpaid breaks */
  spanMin: number;
  /** allowed start times, minutes after midnight: earliest..latest every stepMin */
  startEarliestMin: number;
  startLatestMin: number;
  startStepMin: number;
  /** in order; windows must not overlap */
  breaks: BreakRule[];
  /** default 1 */
  costPerPaidHour?: number;
  /** days of the week (0..6) on which the template may be used; default all */
  days?: number[];
}

export interface Contract {
  minHoursWeek: number;
  maxHoursWeek: number;
  /** at least this many days off in the week */
  minDaysOff: number;
  /** earliest / latest shift start, minutes after midnight */
  earliestStartMin: number;
  latestStartMin: number;
  /** templates this agent may work; default all */
  templateIds?: string[];
  /** minimum rest between the end of one shift and the start of the next, hours (default 11) */
  minRestHours?: number;
  /** at most this many working days in a row, counting the days worked at the end of last week (`workedDaysBefore`) */
  maxConsecutiveDays?: number;
  /** the week's days off include this many in a row (leave and rule days off count as off) */
  minConsecutiveDaysOff?: number;
  /** at least `min` whole weekends (Saturday and Sunday) off in any `weeks` weeks in a row; `{ min: 1, weeks: 1 }`: every weekend off */
  weekendsOff?: { min: number; weeks: number };
  /** a rotation of template groups and/or days off, week by week (see ./dayRules) */
  rotation?: Rotation;
}

export interface AgentInput {
  id: string;
  contract: Contract;
  skills?: string[];
  /** approved leave: whole days of the week (0..6). Minimum hours are pro-rated over the days left. */
  leaveDays?: number[];
  preferences?: { daysOff?: number[]; startMin?: number };
  /**
   * When the agent's last shift before this week ends, minutes from Monday 00:00 (≤ 0, or > 0 when a Sunday
   * night shift runs into Monday): their first shift of the week starts no earlier than this plus the rest.
   */
  carryInEndMin?: number;
  /** working days in a row up to last Sunday (from the previous week's published or solved shifts), for `maxConsecutiveDays` */
  workedDaysBefore?: number;
}

/**
 * What happens at the end of the week. `cut` (default): every shift ends within the week. `spill`: a shift
 * may start late on Sunday and run into next week; its hours past the week's end cover next week (whose
 * solve counts them in as `carryIn`), not this one. `wrap`: the week repeats, so a shift running past
 * Sunday midnight covers this week's Monday morning (a cyclic week, as in shift design).
 */
export type WeekEnd = 'cut' | 'spill' | 'wrap';

export interface ScheduleInput {
  /** 15 by default; must divide 1440 */
  intervalMin?: number;
  /** required agents on the phones per interval, 7 days × (1440 / intervalMin), Monday 00:00 first */
  required: number[];
  templates: ShiftTemplate[];
  agents: AgentInput[];
  /** only agents with this skill are scheduled */
  requiredSkill?: string;
  weights?: { underPerAgentHour?: number; overPerAgentHour?: number };
  weekEnd?: WeekEnd;
  /**
   * Agents already on the phone per interval from shifts before the week (the previous week's published
   * shifts running past its end), from Monday 00:00; shorter than the week is fine. Not with `wrap`.
   */
  carryIn?: number[];
  /** cost of each distinct shift type used (start time of day × length), in the objective's units (a paid hour = 1); default 0 */
  distinctShiftCost?: number;
  /** the week's number (dayRules.weekNumber of its Monday): which rotation week and which weekends off apply; default 0 */
  weekNo?: number;
}

export interface ScheduleOptions {
  /** stage-1 MILP time limit, seconds (default 30) */
  timeLimitS?: number;
  /** stage-1 relative gap (default 0.005) */
  mipRelGap?: number;
  /** stage-1 absolute gap in objective units (default 1) */
  mipAbsGap?: number;
  /**
   * Stall rule: the full-model run (after the LP-neighbourhood run, warm-started from its schedule)
   * stops when its incumbent has not improved by at least mipAbsGap for this many seconds. Default:
   * max(2 s, 2 × the LP relaxation's time), so it scales with the instance. 0: off.
   */
  stallS?: number;
}

export interface Activity {
  kind: 'phone' | BreakKind;
  /** minutes from Monday 00:00 */
  startMin: number;
  endMin: number;
  paid: boolean;
}

export interface AssignedShift {
  day: number;
  templateId: string;
  /** minutes from Monday 00:00 */
  startMin: number;
  endMin: number;
  paidHours: number;
  activities: Activity[];
}

export interface AgentSchedule {
  agentId: string;
  /** index = day 0..6; null = off */
  days: (AssignedShift | null)[];
  paidHours: number;
  /** minimum hours after pro-rating for leave */
  minHoursEffective: number;
  preferenceMisses: number;
}

export interface ScheduleResult {
  agents: AgentSchedule[];
  intervalMin: number;
  required: number[];
  coverage: number[];
  under: number[];
  over: number[];
  objective: { total: number; under: number; over: number; cost: number };
  /** LP relaxation of the stage-1 model: a lower bound on any schedule's objective */
  lpBound: number;
  /** (objective − lpBound) / objective */
  gap: number;
  stage1: {
    status: string;
    objective: number;
    dualBound: number;
    rounded: { total: number; under: number; over: number; cost: number };
    patterns: number;
    columns: number;
    rows: number;
    lpTimeS: number;
    mipTimeS: number;
  };
  /** distinct shift types (start time of day × length) in the schedule */
  distinctShifts: number;
  /** pattern instances the MILP chose that no agent could take */
  unassignedPatternShifts: number;
  warnings: string[];
}

/** A monotonic clock in milliseconds (the edge passes `() => performance.now()`): core reads none of its own. */
export type Clock = () => number;
