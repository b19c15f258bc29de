/**
 * Goals and careers, part 2 (issue 17; seed 000 ~61–67 崗位淘汰制度, 001 ~122–124, 002 ~9, 29–31):
 * the words of individual development plans, promotion / rotation records, the talent pool and the
 * improvement plan, and the one rule that is arithmetic — when an agent is proposed for an improvement
 * plan. Pure: the monthly scorecards come in as data (read by the store from the facts).
 *
 * Proposal rule: a month is *missed* when the agent's scorecard of that month has at least
 * `minItemsBelow` KPIs below their target. An agent is proposed when the last `months` closed months
 * were all missed, in a row. A month with no scorecard (no figures: new, on leave, not yet computed)
 * is not a miss and ends the run — nobody is proposed on missing data.
 */

export const IDP_KINDS = ['skill', 'course', 'behaviour'] as const;
export type IdpKind = (typeof IDP_KINDS)[number];
export const IDP_STATUSES = ['planned', 'doing', 'done', 'dropped'] as const;
export type IdpStatus = (typeof IDP_STATUSES)[number];

/** 晉升 (up a post) / 輪崗 (sideways: another team, queue or post). */
export const MOVE_KINDS = ['promotion', 'rotation'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** 現場標兵 (a model agent), a backup lead, a future manager. */
export const TALENT_TRACKS = ['model', 'backupLead', 'futureManager'] as const;
export type TalentTrack = (typeof TALENT_TRACKS)[number];
export const TALENT_STATUSES = ['nominated', 'accepted', 'declined'] as const;
export type TalentStatus = (typeof TALENT_STATUSES)[number];

export const PLAN_STATUSES = ['open', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
/** How a plan ends (崗位淘汰制度): improved, extended (stays open to a new end date), moved to other work, separation. */
export const PLAN_DECISIONS = ['improved', 'extended', 'reassigned', 'separation'] as const;
export type PlanDecision = (typeof PLAN_DECISIONS)[number];
export const STEP_RESULTS = ['pending', 'met', 'notMet'] as const;
export type StepResult = (typeof STEP_RESULTS)[number];

export interface ImprovementRule {
  /** months in a row below target before a plan is proposed */
  months: number;
  /** KPIs below target that make a month a miss */
  minItemsBelow: number;
}

/** The defaults; a center sets its own in the setting `careers.improvement`. */
export const DEFAULT_IMPROVEMENT_RULE: ImprovementRule = { months: 3, minItemsBelow: 2 };

/** A stored setting read as a rule: each field a whole number in range, otherwise the default's. */
export function improvementRuleOf(v: unknown): ImprovementRule {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const int = (x: unknown, min: number, max: number, d: number) => (typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max ? x : d);
  return {
    months: int(o.months, 1, 12, DEFAULT_IMPROVEMENT_RULE.months),
    minItemsBelow: int(o.minItemsBelow, 1, 20, DEFAULT_IMPROVEMENT_RULE.minItemsBelow),
  };
}

/** One month of an agent: the KPIs of their scorecard below target, or null when they have no scorecard that month. */
export interface MonthBelow {
  month: string;
  belowTarget: string[] | null;
}

export const isMissedMonth = (m: MonthBelow, rule: ImprovementRule) => m.belowTarget !== null && m.belowTarget.length >= rule.minItemsBelow;

/** The missed months in a row that end the history (oldest first in, oldest first out). */
export function missedRun(history: readonly MonthBelow[], rule: ImprovementRule): MonthBelow[] {
  const sorted = [...history].sort((a, b) => a.month.localeCompare(b.month));
  const run: MonthBelow[] = [];
  for (let i = sorted.length - 1; i >= 0 && isMissedMonth(sorted[i]!, rule); i--) run.unshift(sorted[i]!);
  return run;
}

/** Whether the history proposes a plan: its last `rule.months` months all missed. */
export const proposesPlan = (history: readonly MonthBelow[], rule: ImprovementRule) => missedRun(history, rule).length >= rule.months;
