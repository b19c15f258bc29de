/**
 * Goals (issue 17, "Goals and careers"; seed 002 lines 9 and 29–31: a team's yearly aims broken into
 * monthly ones per agent, "half the team at 中級 or above by March"). A goal is either a KPI target of
 * a month (an agent's or a team's; the figure is read from the facts, never recomputed here) or a skill
 * target by a date (an agent reaches a skill level and/or a queue's certification; a team has a share of
 * its agents there). Pure: the service hands in the facts it read.
 */
import { FACT_KPIS, type FactKpi } from '../facts/index';
import { isMet } from '../performance/scorecard';

/** The figures a KPI goal may target: every numeric fact except the skill level (a skill goal's business). */
export const GOAL_KPIS = FACT_KPIS.filter((k): k is Exclude<FactKpi, 'skillLevel'> => k !== 'skillLevel');
export type GoalKpi = (typeof GOAL_KPIS)[number];
export const GOAL_SUBJECTS = ['agent', 'team'] as const;
export type GoalSubject = (typeof GOAL_SUBJECTS)[number];
export const GOAL_KINDS = ['kpi', 'skill'] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];
export const GOAL_STATUSES = ['active', 'dropped'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** Skill levels as the facts number them: 1 初級, 2 中級, 3 高級 (src/store/facts/gather.ts SKILL_LEVEL). */
export const MIN_SKILL = 1;
export const MAX_SKILL = 3;

/**
 * Figures where less is better (time, waste, failures); every other goal KPI is "higher is better".
 * The default direction offered when a goal is set; the setter may choose the other.
 */
export const LOWER_IS_BETTER: readonly GoalKpi[] = [
  'talk',
  'hold',
  'acw',
  'ring',
  'aht',
  'notReady',
  'idle',
  'notReadyShare',
  'idleShare',
  'transferRate',
  'fatalRate',
  'nonFatalRate',
  'complaints',
];
export const defaultDirection = (kpi: GoalKpi): 'higher' | 'lower' => (LOWER_IS_BETTER.includes(kpi) ? 'lower' : 'higher');

/**
 * Where a goal stands:
 * - met: the figure reaches the target (a month still running may still slip: `final` says whether it can);
 * - behind: not (yet) reached while the month / the date is still ahead;
 * - missed: the month is over (or the date passed) without reaching it;
 * - noData: the facts have no figure (their reason is passed on).
 */
export type GoalState = 'met' | 'behind' | 'missed' | 'noData';

export interface GoalProgress {
  state: GoalState;
  /** the figure read from the facts (KPI), the agent's level (agent skill goal) or the share of agents there (team skill goal) */
  actual: number | null;
  /** false while the month runs / the date is ahead: the state may still change */
  final: boolean;
  /** why there is no figure (a facts reason such as noTelephony, noSkillLevel, noAgents) */
  reason?: string;
}

/** The figure of a KPI goal as the facts give it: value or null with its reason. */
export interface FigureIn {
  value: number | null;
  reason?: string;
}

/** A KPI goal of `month`, seen on `today` (both center-local). */
export function kpiProgress(goal: { month: string; direction: 'higher' | 'lower'; target: number }, fig: FigureIn | undefined, today: string): GoalProgress {
  const final = today.slice(0, 7) > goal.month;
  if (!fig || fig.value === null) return { state: 'noData', actual: null, final, ...(fig?.reason ? { reason: fig.reason } : {}) };
  // within a rounding of the target counts as reached (the facts divide sums; 0.9 may come back as 0.8999…)
  const met = isMet(goal.direction, fig.value, goal.direction === 'higher' ? goal.target - 1e-9 : goal.target + 1e-9);
  return { state: met ? 'met' : final ? 'missed' : 'behind', actual: fig.value, final };
}

/** One agent's people facts: skill level (null when not set) and the queues with a valid certification. */
export interface SkillFacts {
  skillLevel: number | null;
  certified: readonly string[];
}

export interface SkillTarget {
  /** reach at least this level (null: the level does not matter) */
  skillLevel: number | null;
  /** hold a valid certification on this queue (null: none asked) */
  queue: string | null;
}

/** Whether one agent is where a skill target asks. */
export function reachesSkill(t: SkillTarget, f: SkillFacts): boolean {
  if (t.skillLevel !== null && (f.skillLevel === null || f.skillLevel < t.skillLevel)) return false;
  if (t.queue !== null && !f.certified.includes(t.queue)) return false;
  return true;
}

/**
 * A skill goal by `dueDate`, seen on `today`. An agent's goal: actual = their level; met when they reach
 * the target. A team's goal: actual = the share of its agents who reach it; met when that share is at
 * least `share` (seed 002: "一半以上的員工達到中級以上" → share 0.5, level 2).
 */
export function skillProgress(
  goal: SkillTarget & { dueDate: string; share: number | null },
  agents: readonly SkillFacts[],
  today: string,
  subject: GoalSubject,
): GoalProgress {
  const final = today > goal.dueDate;
  if (subject === 'agent') {
    const f = agents[0];
    if (!f) return { state: 'noData', actual: null, final, reason: 'noAgents' };
    if (goal.skillLevel !== null && f.skillLevel === null && goal.queue === null) return { state: 'noData', actual: null, final, reason: 'noSkillLevel' };
    const ok = reachesSkill(goal, f);
    return { state: ok ? 'met' : final ? 'missed' : 'behind', actual: f.skillLevel, final };
  }
  if (!agents.length) return { state: 'noData', actual: null, final, reason: 'noAgents' };
  const share = agents.filter((a) => reachesSkill(goal, a)).length / agents.length;
  const ok = share >= (goal.share ?? 1) - 1e-9;
  return { state: ok ? 'met' : final ? 'missed' : 'behind', actual: share, final };
}

/** Goals met / goals judged (noData left out); null when none could be judged. */
export function goalsMetShare(states: readonly GoalState[]): { met: number; judged: number; share: number | null } {
  const judged = states.filter((s) => s !== 'noData').length;
  const met = states.filter((s) => s === 'met').length;
  return { met, judged, share: judged ? met / judged : null };
}
