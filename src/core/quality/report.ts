/** QA reports: least-squares trend line over a monthly series (the seed's 線性 chart) and most-failed items. */
import type { ScoredEvaluation } from './score';

export interface Trend {
  /** Change per step (per month). */
  slope: number;
  /** Fitted value at index 0. */
  intercept: number;
  /** Fitted value at every index of the input, missing points included. */
  fitted: number[];
  /** Points used (non-null). */
  n: number;
}

/**
 * Ordinary least squares y = intercept + slope·x with x = 0, 1, 2, … the index in the series.
 * Null points (a month without data) are skipped but keep their x. Fewer than two points → null.
 */
export function linearTrend(series: readonly (number | null)[]): Trend | null {
  const pts = series.flatMap((y, x) => (y === null || !Number.isFinite(y) ? [] : [{ x, y }]));
  const n = pts.length;
  if (n < 2) return null;
  const mx = pts.reduce((a, p) => a + p.x, 0) / n;
  const my = pts.reduce((a, p) => a + p.y, 0) / n;
  const sxx = pts.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const sxy = pts.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  return { slope, intercept, fitted: series.map((_, x) => intercept + slope * x), n };
}

export interface FailedItemStat {
  itemId: string;
  fatal: boolean;
  failed: number;
  /** Times the item was scored (N/A excluded). */
  scored: number;
  failRate: number;
}

/** Items by number of failures (then fail rate, then id), calibration evaluations excluded. */
export function mostFailedItems(evals: readonly ScoredEvaluation[], limit = 10): FailedItemStat[] {
  const m = new Map<string, FailedItemStat>();
  for (const e of evals) {
    if (e.calibration) continue;
    for (const i of e.result.items) {
      if (i.na) continue;
      let s = m.get(i.itemId);
      if (!s) m.set(i.itemId, (s = { itemId: i.itemId, fatal: i.fatal, failed: 0, scored: 0, failRate: 0 }));
      s.scored++;
      if (i.failed) s.failed++;
    }
  }
  const rows = [...m.values()].map((s) => ({ ...s, failRate: s.failed / s.scored })).filter((s) => s.failed > 0);
  rows.sort((a, b) => b.failed - a.failed || b.failRate - a.failRate || (a.itemId < b.itemId ? -1 : 1));
  return rows.slice(0, limit);
}

/** One item's failures over a set of evaluations (calibration excluded); failRate null when never scored. */
export function itemFailStats(evals: readonly ScoredEvaluation[], itemId: string): { scored: number; failed: number; failRate: number | null } {
  let scored = 0;
  let failed = 0;
  for (const e of evals) {
    if (e.calibration) continue;
    const i = e.result.items.find((x) => x.itemId === itemId);
    if (!i || i.na) continue;
    scored++;
    if (i.failed) failed++;
  }
  return { scored, failed, failRate: scored ? failed / scored : null };
}
