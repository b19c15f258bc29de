/**
 * Monthly KPI scorecard per agent (月度績效), weighted total and ranking.
 *
 * Per KPI line: the target for the agent's tenure, the actual figure, its status
 * ('met' | 'below' | 'missing' | 'notAssessed'), the achievement (see KpiScoring) and points
 * (achievement × 100).
 *
 * Missing figures (chosen rule): a missing figure stays null — never 0 — and is listed in `missing`.
 * The total is the weighted mean of the achievements of the KPIs that have a figure,
 *   total = 100 × Σ(wᵢ · achievementᵢ) / Σ wᵢ  over KPIs with a figure and a target,
 * so 100 means every target exactly met (max 100 × cap). A scorecard with a missing figure is
 * marked `complete: false` with `coverage` = weight with a figure / weight assessed; it is still
 * ranked (flagged) so managers can publish with a note that a figure is late. When nothing has a
 * figure, total is null and the card is not ranked.
 * 'notAssessed' KPIs (target null for the agent's tenure band) leave both sums.
 */
import { countsFor, DEFAULT_CAP, KPI_KEYS, targetFor, tenureMonths, type KpiDefinition, type KpiKey } from './kpi';

export type KpiStatus = 'met' | 'below' | 'missing' | 'notAssessed';

export interface KpiLine {
  key: KpiKey;
  label: string;
  weight: number;
  direction: 'higher' | 'lower';
  target: number | null;
  actual: number | null;
  status: KpiStatus;
  /** 0 … cap; null when missing or not assessed. */
  achievement: number | null;
  /** achievement × 100. */
  points: number | null;
  /** set when the month is published and the figure now differs from the published one (late data) */
  changedAfterPublication?: FigureChange;
}

/** A figure of a published month that changed afterwards (a late event, a re-scored evaluation…). */
export interface FigureChange {
  published: number | null;
  current: number | null;
}

export interface AgentMonthInput {
  agentId: string;
  teamId: string;
  /** YYYY-MM-DD */
  hireDate: string;
  /** YYYY-MM */
  month: string;
  figures: Partial<Record<KpiKey, number | null>>;
}

export interface AgentScorecard {
  agentId: string;
  teamId: string;
  month: string;
  tenureMonths: number;
  lines: KpiLine[];
  /** 0 … 100 × cap; null when no KPI has a figure. */
  total: number | null;
  complete: boolean;
  /** Assessed weight with a figure / assessed weight (1 when complete). */
  coverage: number;
  missing: KpiKey[];
  belowTarget: KpiKey[];
}

export function isMet(direction: 'higher' | 'lower', actual: number, target: number): boolean {
  return direction === 'higher' ? actual >= target : actual <= target;
}

/** Achievement of one KPI (see KpiScoring in kpi.ts). */
export function achievement(def: Pick<KpiDefinition, 'direction' | 'scoring' | 'cap'>, actual: number, target: number): number {
  const met = isMet(def.direction, actual, target);
  if (def.scoring === 'passFail' || target === 0) return met ? 1 : 0;
  const cap = def.cap ?? DEFAULT_CAP;
  if (def.direction === 'lower' && actual <= 0) return cap;
  const ratio = def.direction === 'higher' ? actual / target : target / actual;
  return Math.max(0, Math.min(cap, ratio));
}

export function buildScorecard(input: AgentMonthInput, defs: readonly KpiDefinition[], use: 'pay' | 'contest' = 'pay'): AgentScorecard {
  const tenure = tenureMonths(input.hireDate, input.month);
  const lines: KpiLine[] = [];
  let wAssessed = 0;
  let wWithFigure = 0;
  let wSum = 0;
  for (const d of defs) {
    if (!countsFor(d, use)) continue;
    const target = targetFor(d, tenure);
    const raw = input.figures[d.key];
    const actual = typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    let status: KpiStatus;
    let ach: number | null = null;
    if (target === null) status = 'notAssessed';
    else if (actual === null) status = 'missing';
    else {
      ach = achievement(d, actual, target);
      status = isMet(d.direction, actual, target) ? 'met' : 'below';
    }
    if (target !== null) {
      wAssessed += d.weight;
      if (ach !== null) {
        wWithFigure += d.weight;
        wSum += d.weight * ach;
      }
    }
    lines.push({
      key: d.key,
      label: d.label,
      weight: d.weight,
      direction: d.direction,
      target,
      actual,
      status,
      achievement: ach,
      points: ach === null ? null : ach * 100,
    });
  }
  const missing = lines.filter((l) => l.status === 'missing').map((l) => l.key);
  return {
    agentId: input.agentId,
    teamId: input.teamId,
    month: input.month,
    tenureMonths: tenure,
    lines,
    total: wWithFigure > 0 ? (100 * wSum) / wWithFigure : null,
    complete: missing.length === 0,
    coverage: wAssessed > 0 ? wWithFigure / wAssessed : 1,
    missing,
    belowTarget: lines.filter((l) => l.status === 'below').map((l) => l.key),
  };
}

/** Figures keys the input carries that are not KPI keys — reported so typos do not vanish silently. */
export function unknownFigureKeys(figures: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(figures).filter((k) => !(KPI_KEYS as readonly string[]).includes(k));
}

/** The items below target with the gap (actual − target), for the agent's own view. */
export function itemsBelowTarget(card: AgentScorecard): { key: KpiKey; label: string; actual: number; target: number; gap: number }[] {
  return card.lines
    .filter((l) => l.status === 'below')
    .map((l) => ({ key: l.key, label: l.label, actual: l.actual!, target: l.target!, gap: l.actual! - l.target! }));
}

/**
 * Standard competition ranking ("1224"): equal values share a rank and the next rank skips.
 * Values are compared after rounding to `decimals` (default 6) so float noise does not split ties.
 * Null values get rank null.
 */
export function competitionRank(values: readonly (number | null)[], direction: 'higher' | 'lower' = 'higher', decimals = 6): (number | null)[] {
  const f = 10 ** decimals;
  const keyed = values.map((v, i) => ({ i, v: v === null ? null : Math.round(v * f) / f }));
  const present = keyed.filter((x): x is { i: number; v: number } => x.v !== null);
  present.sort((a, b) => (direction === 'higher' ? b.v - a.v : a.v - b.v));
  const out: (number | null)[] = values.map(() => null);
  present.forEach((x, pos) => {
    out[x.i] = pos > 0 && present[pos - 1]!.v === x.v ? out[present[pos - 1]!.i]! : pos + 1;
  });
  return out;
}

export interface RankedScorecard extends AgentScorecard {
  centerRank: number | null;
  teamRank: number | null;
}

/** Ranks the cards of one month across the center and within each team. Order: center rank, then agent id. */
export function rankScorecards(cards: readonly AgentScorecard[], opts: { includeIncomplete?: boolean } = {}): RankedScorecard[] {
  const includeIncomplete = opts.includeIncomplete ?? true;
  const eligible = (c: AgentScorecard) => (includeIncomplete || c.complete ? c.total : null);
  const center = competitionRank(cards.map(eligible));
  const team: (number | null)[] = cards.map(() => null);
  const byTeam = new Map<string, number[]>();
  cards.forEach((c, i) => {
    const g = byTeam.get(c.teamId);
    if (g) g.push(i);
    else byTeam.set(c.teamId, [i]);
  });
  for (const idx of byTeam.values()) {
    const r = competitionRank(idx.map((i) => eligible(cards[i]!)));
    idx.forEach((i, k) => (team[i] = r[k]!));
  }
  const out = cards.map((c, i) => ({ ...c, centerRank: center[i]!, teamRank: team[i]! }));
  return out.sort((a, b) => (a.centerRank ?? Infinity) - (b.centerRank ?? Infinity) || (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
}

/**
 * Whether a figure changed between publication and now: a figure appearing or disappearing, or a
 * value differing by more than float noise (relative 1e-9).
 */
export function figureChanged(published: number | null | undefined, current: number | null | undefined): boolean {
  const p = typeof published === 'number' && Number.isFinite(published) ? published : null;
  const c = typeof current === 'number' && Number.isFinite(current) ? current : null;
  if (p === null || c === null) return p !== c;
  return Math.abs(p - c) > 1e-9 * Math.max(1, Math.abs(p), Math.abs(c));
}

/**
 * Marks a card's lines whose figure differs from the published one: `changedAfterPublication`
 * {published, current} on the line, and the keys in the card's `changedAfterPublication`.
 * `published` null = the agent had no published card: nothing is marked.
 */
export function markChangesAfterPublication<C extends AgentScorecard>(
  card: C,
  published: Partial<Record<KpiKey, number | null>> | null,
  current: Partial<Record<KpiKey, number | null>>,
): C & { changedAfterPublication: KpiKey[] } {
  if (!published) return { ...card, changedAfterPublication: [] };
  const changed: KpiKey[] = [];
  const lines = card.lines.map((l) => {
    const p = published[l.key] ?? null;
    const c = current[l.key] ?? null;
    if (!figureChanged(p, c)) return l;
    changed.push(l.key);
    return { ...l, changedAfterPublication: { published: p, current: c } };
  });
  return { ...card, lines, changedAfterPublication: changed };
}
