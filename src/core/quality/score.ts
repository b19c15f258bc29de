/**
 * QA scoring exactly as DESIGN.md defines it. All scores are points on a 0–100 scale:
 * - item: 100 × (picked − min) / (max − min); an N/A item has no score;
 * - section: weighted mean of its scored items (N/A items leave the mean); null when all N/A;
 * - evaluation: weighted mean of its scored sections (an all-N/A section leaves the mean);
 *   null when nothing at all was scored;
 * - a failed fatal item sets the evaluation score to 0 (fatalMode 'zero') or keeps the raw score and
 *   flags it (fatalMode 'flag'); every answer is kept either way.
 * Calibration evaluations never count in an agent's scores or rates.
 */
import type { FieldError, ScorecardTemplate } from './template';
import { DomainError } from '../errors';

export interface Answer {
  itemId: string;
  /** Picked value; null = N/A. */
  value: number | null;
  comment?: string;
}

export interface ItemResult {
  itemId: string;
  sectionId: string;
  fatal: boolean;
  na: boolean;
  value: number | null;
  /** 0–100, null when N/A. */
  score: number | null;
  failed: boolean;
  comment?: string;
}

export interface SectionResult {
  sectionId: string;
  /** 0–100, null when every item is N/A. */
  score: number | null;
}

export interface EvaluationScore {
  templateId: string;
  templateVersion: number;
  /** Final score 0–100 after the fatal rule; null when nothing was scored. */
  score: number | null;
  /** Weighted score before the fatal rule. */
  rawScore: number | null;
  /** Ids of fatal items that failed. */
  fatalFailed: string[];
  /** True when a fatal item failed (in either fatalMode). */
  fatal: boolean;
  /** True when fatalMode is 'flag' and a fatal item failed. */
  flagged: boolean;
  sections: SectionResult[];
  items: ItemResult[];
}

/** Answers that do not fit the template: a validation DomainError naming the first field, with every problem in `errors`. */
export class QualityInputError extends DomainError {
  constructor(public readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '), 'validation', errors[0]?.path);
    this.name = 'QualityInputError';
  }
}

/** Checks the answers against the template: every item answered once, values allowed, N/A only where allowed. */
export function checkAnswers(t: ScorecardTemplate, answers: readonly Answer[]): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map<string, number>();
  answers.forEach((a, i) => {
    if (byId.has(a.itemId))
      errors.push({ path: `answers[${i}].itemId`, message: `item "${a.itemId}" answered twice`, reason: 'quality.itemTwice', params: { item: a.itemId } });
    byId.set(a.itemId, i);
  });
  const known = new Set<string>();
  for (const s of t.sections) {
    for (const it of s.items) {
      known.add(it.id);
      const idx = byId.get(it.id);
      if (idx === undefined) {
        errors.push({ path: `answers`, message: `item "${it.id}" is not answered`, reason: 'quality.itemUnanswered', params: { item: it.label } });
        continue;
      }
      const v = answers[idx]!.value;
      const path = `answers[${idx}].value`;
      if (v === null) {
        if (!it.naAllowed) errors.push({ path, message: `item "${it.id}" does not allow N/A`, reason: 'quality.itemNoNa', params: { item: it.label } });
      } else if (!Number.isFinite(v) || v < it.min || v > it.max) {
        errors.push({
          path,
          message: `value ${v} for item "${it.id}" is outside [${it.min}, ${it.max}]`,
          reason: 'quality.itemOutOfRange',
          params: { item: it.label, value: v, min: it.min, max: it.max },
        });
      } else if (it.options && !it.options.some((o) => o.value === v)) {
        errors.push({
          path,
          message: `value ${v} for item "${it.id}" is not one of its options`,
          reason: 'quality.itemNotAnOption',
          params: { item: it.label, value: v },
        });
      }
    }
  }
  answers.forEach((a, i) => {
    if (!known.has(a.itemId)) {
      errors.push({
        path: `answers[${i}].itemId`,
        message: `item "${a.itemId}" is not in template ${t.id} v${t.version}`,
        reason: 'quality.itemNotInTemplate',
        params: { item: a.itemId, version: t.version },
      });
    }
  });
  return errors;
}

function weightedMean(pairs: { w: number; v: number }[]): number | null {
  const wsum = pairs.reduce((a, p) => a + p.w, 0);
  if (pairs.length === 0 || wsum <= 0) return null;
  return pairs.reduce((a, p) => a + p.w * p.v, 0) / wsum;
}

/** Scores one evaluation. Throws QualityInputError (listing every bad field) when the answers do not fit the template. */
export function scoreEvaluation(t: ScorecardTemplate, answers: readonly Answer[]): EvaluationScore {
  const errors = checkAnswers(t, answers);
  if (errors.length) throw new QualityInputError(errors);
  const byId = new Map(answers.map((a) => [a.itemId, a]));
  const items: ItemResult[] = [];
  const sections: SectionResult[] = [];
  const sectionPairs: { w: number; v: number }[] = [];
  for (const s of t.sections) {
    const pairs: { w: number; v: number }[] = [];
    for (const it of s.items) {
      const a = byId.get(it.id)!;
      const na = a.value === null;
      const score = na ? null : (100 * (a.value! - it.min)) / (it.max - it.min);
      const failed = !na && a.value! < (it.passAt ?? it.max);
      const r: ItemResult = { itemId: it.id, sectionId: s.id, fatal: it.fatal, na, value: a.value, score, failed };
      if (a.comment !== undefined) r.comment = a.comment;
      items.push(r);
      if (score !== null) pairs.push({ w: it.weight, v: score });
    }
    const ss = weightedMean(pairs);
    sections.push({ sectionId: s.id, score: ss });
    if (ss !== null) sectionPairs.push({ w: s.weight, v: ss });
  }
  const rawScore = weightedMean(sectionPairs);
  const fatalFailed = items.filter((i) => i.fatal && i.failed).map((i) => i.itemId);
  const fatal = fatalFailed.length > 0;
  const score = fatal && t.fatalMode === 'zero' ? 0 : rawScore;
  return {
    templateId: t.id,
    templateVersion: t.version,
    score,
    rawScore,
    fatalFailed,
    fatal,
    flagged: fatal && t.fatalMode === 'flag',
    sections,
    items,
  };
}

/** An evaluation as stored: who, what call, and its computed score. */
export interface ScoredEvaluation {
  id: string;
  callId: string;
  agentId: string;
  evaluatorId: string;
  teamId?: string;
  /** 'YYYY-MM' the evaluation counts in. */
  month?: string;
  /** Calibration evaluations never count in an agent's scores. */
  calibration?: boolean;
  result: EvaluationScore;
}

export interface QaRates {
  /** Evaluations counted (calibration excluded). */
  evaluations: number;
  /** Mean final score over evaluations with a score; null when none. */
  averageScore: number | null;
  /** Evaluations with at least one fatal item failed. */
  fatalEvaluations: number;
  /** fatalEvaluations / evaluations; null when there are no evaluations. */
  fatalRate: number | null;
  nonFatalFailed: number;
  /** Non-fatal items scored (N/A excluded). */
  nonFatalScored: number;
  /** nonFatalFailed / nonFatalScored; null when nothing was scored. */
  nonFatalRate: number | null;
}

/** fatalRate, nonFatalRate and average score per DESIGN.md over a set of evaluations, calibration ones excluded. */
export function qaRates(evals: readonly ScoredEvaluation[]): QaRates {
  const counted = evals.filter((e) => !e.calibration);
  let fatalEvaluations = 0;
  let nonFatalFailed = 0;
  let nonFatalScored = 0;
  let scoreSum = 0;
  let scoreN = 0;
  for (const e of counted) {
    if (e.result.fatal) fatalEvaluations++;
    if (e.result.score !== null) {
      scoreSum += e.result.score;
      scoreN++;
    }
    for (const i of e.result.items) {
      if (i.fatal || i.na) continue;
      nonFatalScored++;
      if (i.failed) nonFatalFailed++;
    }
  }
  return {
    evaluations: counted.length,
    averageScore: scoreN ? scoreSum / scoreN : null,
    fatalEvaluations,
    fatalRate: counted.length ? fatalEvaluations / counted.length : null,
    nonFatalFailed,
    nonFatalScored,
    nonFatalRate: nonFatalScored ? nonFatalFailed / nonFatalScored : null,
  };
}

/** qaRates grouped by a key (agent, team, evaluator, month, or a combination). Keys sorted. */
export function qaRatesBy(evals: readonly ScoredEvaluation[], key: (e: ScoredEvaluation) => string | undefined): { key: string; rates: QaRates }[] {
  const groups = new Map<string, ScoredEvaluation[]>();
  for (const e of evals) {
    const k = key(e);
    if (k === undefined) continue;
    const g = groups.get(k);
    if (g) g.push(e);
    else groups.set(k, [e]);
  }
  return [...groups.keys()].sort().map((k) => ({ key: k, rates: qaRates(groups.get(k)!) }));
}

/**
 * Additive QA components for one agent (or team) and period, as the performance KPIs aggregate them:
 * qaScore = qaScoreSum / qaScored, fatalRate = fatalEvaluations / evaluations,
 * nonFatalRate = nonFatalFailed / nonFatalScored. Calibration evaluations are excluded.
 */
export function qaComponents(evals: readonly ScoredEvaluation[]): {
  evaluations: number;
  qaScored: number;
  qaScoreSum: number;
  fatalEvaluations: number;
  nonFatalFailed: number;
  nonFatalScored: number;
} {
  const r = qaRates(evals);
  const scored = evals.filter((e) => !e.calibration && e.result.score !== null);
  return {
    evaluations: r.evaluations,
    qaScored: scored.length,
    qaScoreSum: scored.reduce((a, e) => a + e.result.score!, 0),
    fatalEvaluations: r.fatalEvaluations,
    nonFatalFailed: r.nonFatalFailed,
    nonFatalScored: r.nonFatalScored,
  };
}

/** Checks that an evaluation targets a call that exists and a template version that exists. */
export function evaluationTargetErrors(args: {
  callId: string;
  call: { id: string; agentId: string } | undefined;
  agentId: string;
  template: ScorecardTemplate | undefined;
  templateRef: { id: string; version: number };
}): FieldError[] {
  const errors: FieldError[] = [];
  if (!args.call)
    errors.push({ path: 'callId', message: `call "${args.callId}" does not exist`, reason: 'common.notFound', params: { entity: 'call', id: args.callId } });
  else if (args.call.agentId !== args.agentId) {
    errors.push({
      path: 'agentId',
      message: `call "${args.callId}" was handled by "${args.call.agentId}", not "${args.agentId}"`,
      reason: 'quality.callOfAnotherAgent',
      params: { callId: args.callId, handledBy: args.call.agentId },
    });
  }
  if (!args.template) {
    errors.push({
      path: 'templateId',
      message: `scorecard ${args.templateRef.id} v${args.templateRef.version} does not exist`,
      reason: 'common.notFound',
      params: { entity: 'scorecardTemplate', id: `${args.templateRef.id} v${args.templateRef.version}` },
    });
  }
  return errors;
}
