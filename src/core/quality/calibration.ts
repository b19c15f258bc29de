/**
 * Calibration (校準): several evaluators score the same call blind on the same template.
 * For each item: the spread of item scores (0–100, N/A excluded) — min, max, mean, median,
 * population standard deviation — and which evaluators deviate from the centre (mean or median)
 * by more than `itemThreshold` points. For the whole evaluation: each evaluator's score and its
 * distance from the centre; beyond `scoreThreshold` points the evaluator is marked as deviating.
 * An evaluator who marks N/A where others scored (or the reverse) is reported in `naMismatch`.
 */
import { scoreEvaluation, type Answer } from './score';
import type { ScorecardTemplate } from './template';

export interface CalibrationEntry {
  evaluatorId: string;
  answers: Answer[];
}

export interface CalibrationOptions {
  /** 'median' (default) is robust when one evaluator is far off; 'mean' is the textbook centre. */
  center?: 'mean' | 'median';
  /** Points of evaluation score away from the centre that count as deviating. Default 5. */
  scoreThreshold?: number;
  /** Points of item score away from the item's centre that count as deviating. Default 25. */
  itemThreshold?: number;
}

export interface Spread {
  n: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  median: number | null;
  /** Population standard deviation. */
  stddev: number | null;
}

export interface ItemCalibration {
  itemId: string;
  spread: Spread;
  byEvaluator: { evaluatorId: string; score: number | null; deviation: number | null; deviates: boolean }[];
  /** Evaluators whose N/A choice differs from the majority's. */
  naMismatch: string[];
}

export interface CalibrationReport {
  evaluators: string[];
  scoreSpread: Spread;
  byEvaluator: { evaluatorId: string; score: number | null; deviation: number | null; deviates: boolean }[];
  items: ItemCalibration[];
  /** Evaluators deviating on the total score or on at least one item, sorted. */
  deviating: string[];
}

export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) return { n, min: null, max: null, mean: null, median: null, stddev: null };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / n;
  return { n, min: sorted[0]!, max: sorted[n - 1]!, mean, median, stddev: Math.sqrt(variance) };
}

const EPS = 1e-9;

export function calibrate(t: ScorecardTemplate, entries: readonly CalibrationEntry[], opts: CalibrationOptions = {}): CalibrationReport {
  const center = opts.center ?? 'median';
  const scoreThreshold = opts.scoreThreshold ?? 5;
  const itemThreshold = opts.itemThreshold ?? 25;
  const scored = entries.map((e) => ({ evaluatorId: e.evaluatorId, result: scoreEvaluation(t, e.answers) }));
  const pick = (s: Spread) => (center === 'mean' ? s.mean : s.median);
  const deviating = new Set<string>();

  const totals = scored.map((s) => s.result.score).filter((v): v is number => v !== null);
  const scoreSpread = spread(totals);
  const c = pick(scoreSpread);
  const byEvaluator = scored.map((s) => {
    const score = s.result.score;
    const deviation = score === null || c === null ? null : score - c;
    const deviates = deviation !== null && Math.abs(deviation) > scoreThreshold + EPS;
    if (deviates) deviating.add(s.evaluatorId);
    return { evaluatorId: s.evaluatorId, score, deviation, deviates };
  });

  const items: ItemCalibration[] = [];
  for (const sec of t.sections) {
    for (const it of sec.items) {
      const per = scored.map((s) => {
        const r = s.result.items.find((i) => i.itemId === it.id)!;
        return { evaluatorId: s.evaluatorId, score: r.score };
      });
      const sp = spread(per.map((p) => p.score).filter((v): v is number => v !== null));
      const ic = pick(sp);
      const naCount = per.filter((p) => p.score === null).length;
      const majorityNa = naCount * 2 > per.length;
      const naMismatch = per.filter((p) => (p.score === null) !== majorityNa).map((p) => p.evaluatorId);
      const rows = per.map((p) => {
        const deviation = p.score === null || ic === null ? null : p.score - ic;
        const deviates = deviation !== null && Math.abs(deviation) > itemThreshold + EPS;
        if (deviates) deviating.add(p.evaluatorId);
        return { evaluatorId: p.evaluatorId, score: p.score, deviation, deviates };
      });
      items.push({ itemId: it.id, spread: sp, byEvaluator: rows, naMismatch });
    }
  }
  return {
    evaluators: scored.map((s) => s.evaluatorId),
    scoreSpread,
    byEvaluator,
    items,
    deviating: [...deviating].sort(),
  };
}
