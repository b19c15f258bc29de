/**
 * The team lead's scorecard (issue 17; seed 000 third article: 班組長崗位執行力和勝任力, "月度匯總統計
 * 工作完成量對比"): per lead and month, three parts scored 0–1 —
 * - results: the team's agents against the KPI plan's targets (the facts' target checks) and the team's goals;
 * - routine (執行力): post-shift reports sent per day of the month so far, coaching / listening entries in the
 *   shift log per agent against the center's expectation, lead tasks done on time;
 * - people: the month's attrition against the center's ceiling, the team's mean mood (1–5).
 * A part's score is the mean of its sub-scores that have data; the overall is the weighted mean of the parts
 * that have a score (weights renormalised). 勝任力 = results and people together, weighted the same way.
 * Pure: every figure comes in already computed by its one function (facts, task completion, attrition, mood).
 */

export const SCORECARD_PARTS = ['results', 'routine', 'people'] as const;
export type ScorecardPart = (typeof SCORECARD_PARTS)[number];

export interface ScorecardConfig {
  /** relative weights of the parts (any non-negative numbers, not all 0) */
  weights: Record<ScorecardPart, number>;
  /** coaching / listening entries expected per agent per month */
  coachingPerAgent: number;
  /** monthly attrition rate at which the attrition sub-score reaches 0 */
  attritionCeiling: number;
}

/** The defaults: results first (the seed judges a lead by the team's figures), routine and people equal. */
export const DEFAULT_SCORECARD_CONFIG: ScorecardConfig = {
  weights: { results: 0.4, routine: 0.3, people: 0.3 },
  coachingPerAgent: 2,
  attritionCeiling: 0.05,
};

export interface LeadMonthInput {
  /** the team's agents' KPI-plan target checks from the facts: met / judged */
  targets: { met: number; judged: number };
  /** the team's goals and its agents' goals of the month: met / judged */
  goals: { met: number; judged: number };
  /** days of the month up to today (or the whole month once over) and the post-shift reports sent in them */
  reportDays: number;
  reportsSent: number;
  /** the team's agents (active in the month) and the coaching / listening entries of the month */
  agents: number;
  coachings: number;
  /** lead tasks due in the month (monthlyTaskCompletion): on-time rate, null when none was due */
  taskOnTimeRate: number | null;
  /** the team's attrition rate of the month (monthlyAttrition), null with no headcount */
  attritionRate: number | null;
  /** mean mood of the month's check-ins (1–5), null with none */
  moodMean: number | null;
}

export interface PartScore {
  score: number | null;
  /** each sub-score (null: no data) */
  items: Record<string, number | null>;
}

export interface LeadScorecard {
  parts: Record<ScorecardPart, PartScore>;
  /** 執行力: the routine part */
  execution: number | null;
  /** 勝任力: results and people, by their weights */
  competence: number | null;
  overall: number | null;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const share = (a: number, b: number) => (b > 0 ? a / b : null);
function mean(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}
/** Weighted mean of the parts with a score; null when none has one (or their weights are all 0). */
function weighted(parts: readonly [number | null, number][]): number | null {
  const v = parts.filter((p): p is [number, number] => p[0] !== null && p[1] > 0);
  const w = v.reduce((a, [, x]) => a + x, 0);
  return w > 0 ? v.reduce((a, [s, x]) => a + s * x, 0) / w : null;
}

export function leadScorecard(i: LeadMonthInput, cfg: ScorecardConfig = DEFAULT_SCORECARD_CONFIG): LeadScorecard {
  const results: PartScore = { items: { targets: share(i.targets.met, i.targets.judged), goals: share(i.goals.met, i.goals.judged) }, score: null };
  const expected = i.agents * cfg.coachingPerAgent;
  const routine: PartScore = {
    items: {
      reports: i.reportDays > 0 ? clamp01(i.reportsSent / i.reportDays) : null,
      coaching: expected > 0 ? clamp01(i.coachings / expected) : null,
      tasks: i.taskOnTimeRate,
    },
    score: null,
  };
  const people: PartScore = {
    items: {
      attrition: i.attritionRate === null ? null : cfg.attritionCeiling > 0 ? clamp01(1 - i.attritionRate / cfg.attritionCeiling) : i.attritionRate > 0 ? 0 : 1,
      mood: i.moodMean === null ? null : clamp01((i.moodMean - 1) / 4),
    },
    score: null,
  };
  for (const p of [results, routine, people]) p.score = mean(Object.values(p.items));
  const w = cfg.weights;
  return {
    parts: { results, routine, people },
    execution: routine.score,
    competence: weighted([
      [results.score, w.results],
      [people.score, w.people],
    ]),
    overall: weighted([
      [results.score, w.results],
      [routine.score, w.routine],
      [people.score, w.people],
    ]),
  };
}
