/**
 * KPI definitions as data (績效指標): key (DESIGN.md names plus qaScore, attendance, skillLevel, csat,
 * complaints), weight, target (fixed or by tenure band), direction, scoring method, and usage —
 * whether the KPI feeds personal pay, only team contests, or both.
 *
 * Defaults follow the seeds: seed 002 — AHT ≤ 150 s for agents with a year or more, ≤ 170 s for
 * newer; satisfaction ≥ 98.8 %; zero complaints for agents with a year or more; intermediate skill
 * level (中級) or above except agents under a year; group answer rate 86.5 %. Seed 000 warns that the
 * answer rate depends on staffing (the planner's work), so it is a contest-only KPI by default.
 */
import { z } from 'zod';
import { issueReason } from '../issueReason';

export const KPI_KEYS = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'answerRate',
  'serviceLevel',
  'asa',
  'aht',
  'talk',
  'hold',
  'acw',
  'ring',
  'staffed',
  'notReady',
  'idle',
  'occupancy',
  'notReadyShare',
  'idleShare',
  'transferRate',
  'csat',
  'adherence',
  'fatalRate',
  'nonFatalRate',
  'attritionRate',
  'qaScore',
  'attendance',
  'skillLevel',
  'complaints',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export type Direction = 'higher' | 'lower';
export type KpiUsage = 'pay' | 'contest' | 'both';

/**
 * Scoring method of one KPI, giving an achievement (完成率) between 0 and `cap`:
 * - 'ratio': higher-is-better actual / target, lower-is-better target / actual, capped at `cap`
 *   (default 1.2, i.e. 120 %); a lower-is-better actual of 0 gets the cap. With a target of 0
 *   the ratio is undefined, so the KPI is scored pass/fail.
 * - 'passFail': 1 when the target is met, 0 when not.
 */
export type KpiScoring = 'ratio' | 'passFail';

/** Target by tenure: the band with the largest `minTenureMonths` not above the agent's tenure applies. */
export interface TenureTarget {
  minTenureMonths: number;
  /** null = the KPI is not assessed for agents in this band (e.g. complaints for agents under a year). */
  target: number | null;
}

/** How a KPI aggregates from additive components — used for teams (sum-based) and for agents. */
export type KpiAggregation = { kind: 'ratio'; num: string[]; den: string[]; denMinus?: string[] } | { kind: 'sum'; of: string } | { kind: 'mean'; of: string };

export interface KpiDefinition {
  key: KpiKey;
  label: string;
  /** Weight in the scorecard total (relative; the total is re-normalised over the KPIs that count). */
  weight: number;
  direction: Direction;
  target: number | TenureTarget[];
  scoring: KpiScoring;
  /** Cap of the 'ratio' achievement. Default 1.2. */
  cap?: number;
  usage: KpiUsage;
  aggregation: KpiAggregation;
  /** Unit for display: 'ratio' (0–1, shown as %), 's', 'points', 'count', 'level'. */
  unit: 'ratio' | 's' | 'points' | 'count' | 'level';
}

export const DEFAULT_CAP = 1.2;

/** Component names (additive facts per agent and period) that the aggregations use. */
export const AGGREGATIONS: Record<KpiKey, KpiAggregation> = {
  offered: { kind: 'sum', of: 'offered' },
  answered: { kind: 'sum', of: 'answered' },
  abandoned: { kind: 'sum', of: 'abandoned' },
  shortAbandoned: { kind: 'sum', of: 'shortAbandoned' },
  answerRate: { kind: 'ratio', num: ['answered'], den: ['offered'] },
  serviceLevel: { kind: 'ratio', num: ['answeredInSl'], den: ['offered'], denMinus: ['shortAbandoned'] },
  asa: { kind: 'ratio', num: ['answeredWait'], den: ['answered'] },
  aht: { kind: 'ratio', num: ['talk', 'hold', 'acw'], den: ['handled'] },
  talk: { kind: 'sum', of: 'talk' },
  hold: { kind: 'sum', of: 'hold' },
  acw: { kind: 'sum', of: 'acw' },
  ring: { kind: 'sum', of: 'ring' },
  staffed: { kind: 'sum', of: 'staffed' },
  notReady: { kind: 'sum', of: 'notReady' },
  idle: { kind: 'sum', of: 'idle' },
  occupancy: { kind: 'ratio', num: ['talk', 'hold', 'acw', 'ring'], den: ['staffed'], denMinus: ['notReady'] },
  notReadyShare: { kind: 'ratio', num: ['notReady'], den: ['staffed'] },
  idleShare: { kind: 'ratio', num: ['idle'], den: ['staffed'] },
  transferRate: { kind: 'ratio', num: ['transferred'], den: ['handled'] },
  csat: { kind: 'ratio', num: ['csatSatisfied'], den: ['csatAnswers'] },
  adherence: { kind: 'ratio', num: ['adherentS'], den: ['scheduledS'] },
  fatalRate: { kind: 'ratio', num: ['fatalEvaluations'], den: ['evaluations'] },
  nonFatalRate: { kind: 'ratio', num: ['nonFatalFailed'], den: ['nonFatalScored'] },
  attritionRate: { kind: 'ratio', num: ['leavers'], den: ['avgHeadcount'] },
  qaScore: { kind: 'ratio', num: ['qaScoreSum'], den: ['qaScored'] },
  attendance: { kind: 'ratio', num: ['attendedShifts'], den: ['scheduledShifts'] },
  skillLevel: { kind: 'mean', of: 'skillLevel' },
  complaints: { kind: 'sum', of: 'complaints' },
};

/**
 * The range a figure can take — the one place overrides (hand-entered, CSV) are checked against:
 * ratios 0–1, seconds and counts ≥ 0 (counts whole), qaScore 0–100, skill level 1–3 (初級/中級/高級).
 */
export interface FigureRange {
  min: number;
  max?: number;
  integer?: boolean;
}
const RATIO: FigureRange = { min: 0, max: 1 };
const SECONDS: FigureRange = { min: 0 };
const COUNT: FigureRange = { min: 0, integer: true };
export const FIGURE_RANGES: Record<KpiKey, FigureRange> = {
  offered: COUNT,
  answered: COUNT,
  abandoned: COUNT,
  shortAbandoned: COUNT,
  answerRate: RATIO,
  serviceLevel: RATIO,
  asa: SECONDS,
  aht: SECONDS,
  talk: SECONDS,
  hold: SECONDS,
  acw: SECONDS,
  ring: SECONDS,
  staffed: SECONDS,
  notReady: SECONDS,
  idle: SECONDS,
  occupancy: RATIO,
  notReadyShare: RATIO,
  idleShare: RATIO,
  transferRate: RATIO,
  csat: RATIO,
  adherence: RATIO,
  fatalRate: RATIO,
  nonFatalRate: RATIO,
  attritionRate: RATIO,
  qaScore: { min: 0, max: 100 },
  attendance: RATIO,
  skillLevel: { min: 1, max: 3, integer: true },
  complaints: COUNT,
};

export interface FigureRangeError {
  /** the bad input: value, numerator or denominator */
  field: 'value' | 'numerator' | 'denominator';
  message: string;
  /** for the `perf.figureOutOfRange` reason */
  params: { kpi: KpiKey; value: number; min: number; max: number | null; range: string };
}

/**
 * Checks a figure (a value, and/or numerator and denominator of a ratio) against its range: the
 * value (or numerator / denominator) must lie in FIGURE_RANGES; parts must not be negative and a
 * denominator must be positive when it alone gives the value. Null = fine.
 */
export function figureRangeError(kpi: KpiKey, f: { value: number | null; numerator?: number | null; denominator?: number | null }): FigureRangeError | null {
  const r = FIGURE_RANGES[kpi];
  const max = r.max ?? null;
  const range = max === null ? `≥ ${r.min}` : `${r.min}–${max}`;
  const err = (field: FigureRangeError['field'], value: number, message: string): FigureRangeError => ({
    field,
    message,
    params: { kpi, value, min: r.min, max, range },
  });
  const bounds = `${r.min}${max === null ? ' or more' : `–${max}`}`;
  const check = (field: FigureRangeError['field'], v: number): FigureRangeError | null => {
    if (!Number.isFinite(v)) return err(field, v, `${kpi} must be a finite number`);
    if (v < r.min || (max !== null && v > max)) return err(field, v, `${kpi} must be ${bounds}, got ${v}`);
    if (r.integer && !Number.isInteger(v)) return err(field, v, `${kpi} must be a whole number, got ${v}`);
    return null;
  };
  const num = f.numerator ?? null;
  const den = f.denominator ?? null;
  if (num !== null && num < 0) return err('numerator', num, `the numerator of ${kpi} must not be negative, got ${num}`);
  if (den !== null && den < 0) return err('denominator', den, `the denominator of ${kpi} must not be negative, got ${den}`);
  if (f.value !== null) return check('value', f.value);
  if (num !== null && den !== null) {
    if (!(den > 0)) return err('denominator', den, `the denominator of ${kpi} must be positive when no value is given`);
    const v = num / den;
    if (v < r.min || (max !== null && v > max)) return err('numerator', num, `${kpi} = ${num} / ${den} = ${v} must be ${bounds}`);
  }
  return null;
}

/** KPIs where a smaller figure is better (durations, waits, failures, losses). */
const LOWER_IS_BETTER: ReadonlySet<KpiKey> = new Set<KpiKey>([
  'abandoned',
  'shortAbandoned',
  'asa',
  'aht',
  'talk',
  'hold',
  'acw',
  'ring',
  'notReady',
  'idle',
  'notReadyShare',
  'idleShare',
  'transferRate',
  'fatalRate',
  'nonFatalRate',
  'attritionRate',
  'complaints',
]);

/** The display unit of a KPI, from its range: qaScore points, skill level, 0–1 ratios, whole counts, else seconds. */
export function kpiUnit(key: KpiKey): KpiDefinition['unit'] {
  if (key === 'qaScore') return 'points';
  if (key === 'skillLevel') return 'level';
  const r = FIGURE_RANGES[key];
  if (r.max === 1) return 'ratio';
  return r.integer ? 'count' : 's';
}

/**
 * A KPI added to a plan from the editor: its aggregation and unit follow from the key, the direction from
 * what the figure measures; weight 0 and target 0 until the user sets them.
 */
export function newKpiDefinition(key: KpiKey, label: string): KpiDefinition {
  return {
    key,
    label,
    weight: 0,
    direction: LOWER_IS_BETTER.has(key) ? 'lower' : 'higher',
    target: 0,
    scoring: 'ratio',
    usage: 'both',
    aggregation: AGGREGATIONS[key],
    unit: kpiUnit(key),
  };
}

/** Default KPI plan. Pay weights add up to 100: qaScore 30, aht 15, csat 15, complaints 10, attendance 10, adherence 10, skillLevel 10. */
export const DEFAULT_KPIS: KpiDefinition[] = [
  {
    key: 'qaScore',
    label: '質檢成績',
    weight: 30,
    direction: 'higher',
    target: 90,
    scoring: 'ratio',
    usage: 'both',
    aggregation: AGGREGATIONS.qaScore,
    unit: 'points',
  },
  {
    key: 'aht',
    label: '平均處理時長',
    weight: 15,
    direction: 'lower',
    target: [
      { minTenureMonths: 0, target: 170 },
      { minTenureMonths: 12, target: 150 },
    ],
    scoring: 'ratio',
    usage: 'both',
    aggregation: AGGREGATIONS.aht,
    unit: 's',
  },
  {
    key: 'csat',
    label: '滿意率',
    weight: 15,
    direction: 'higher',
    target: 0.988,
    scoring: 'ratio',
    usage: 'both',
    aggregation: AGGREGATIONS.csat,
    unit: 'ratio',
  },
  {
    key: 'complaints',
    label: '投訴',
    weight: 10,
    direction: 'lower',
    target: [
      { minTenureMonths: 0, target: null },
      { minTenureMonths: 12, target: 0 },
    ],
    scoring: 'passFail',
    usage: 'pay',
    aggregation: AGGREGATIONS.complaints,
    unit: 'count',
  },
  {
    key: 'attendance',
    label: '出勤',
    weight: 10,
    direction: 'higher',
    target: 1,
    scoring: 'ratio',
    usage: 'pay',
    aggregation: AGGREGATIONS.attendance,
    unit: 'ratio',
  },
  {
    key: 'adherence',
    label: '遵守率',
    weight: 10,
    direction: 'higher',
    target: 0.9,
    scoring: 'ratio',
    usage: 'both',
    aggregation: AGGREGATIONS.adherence,
    unit: 'ratio',
  },
  {
    key: 'skillLevel',
    label: '業務技能等級',
    weight: 10,
    direction: 'higher',
    // 1 初級, 2 中級, 3 高級: intermediate or above, except agents under a year (seed 002).
    target: [
      { minTenureMonths: 0, target: null },
      { minTenureMonths: 12, target: 2 },
    ],
    scoring: 'passFail',
    usage: 'pay',
    aggregation: AGGREGATIONS.skillLevel,
    unit: 'level',
  },
  {
    key: 'answerRate',
    label: '接通率',
    weight: 10,
    direction: 'higher',
    target: 0.865,
    scoring: 'ratio',
    usage: 'contest',
    aggregation: AGGREGATIONS.answerRate,
    unit: 'ratio',
  },
];

import type { FieldError } from '../quality/template';
export type { FieldError };

const aggregationSchema = z.union([
  z.object({
    kind: z.literal('ratio'),
    num: z.array(z.string().min(1)).min(1),
    den: z.array(z.string().min(1)).min(1),
    denMinus: z.array(z.string().min(1)).optional(),
  }),
  z.object({ kind: z.literal('sum'), of: z.string().min(1) }),
  z.object({ kind: z.literal('mean'), of: z.string().min(1) }),
]);

export const kpiDefinitionSchema = z.object({
  key: z.enum(KPI_KEYS),
  label: z.string().min(1),
  weight: z.number().min(0),
  direction: z.enum(['higher', 'lower']),
  target: z.union([z.number(), z.array(z.object({ minTenureMonths: z.number().int().min(0), target: z.number().nullable() })).min(1)]),
  scoring: z.enum(['ratio', 'passFail']),
  cap: z.number().min(1).optional(),
  usage: z.enum(['pay', 'contest', 'both']),
  aggregation: aggregationSchema,
  unit: z.enum(['ratio', 's', 'points', 'count', 'level']),
});

/** Validates a KPI plan: each definition, unique keys, tenure bands starting at 0 without duplicates. */
export function parseKpiDefinitions(input: unknown): { ok: true; value: KpiDefinition[] } | { ok: false; errors: FieldError[] } {
  const r = z.array(kpiDefinitionSchema).safeParse(input);
  if (!r.success) {
    return {
      ok: false,
      errors: r.error.issues.map((i) => ({
        path:
          i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(root)',
        message: i.message,
        ...issueReason(i),
      })),
    };
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  r.data.forEach((d, i) => {
    if (seen.has(d.key)) errors.push({ path: `[${i}].key`, message: `duplicate KPI "${d.key}"`, reason: 'input.duplicate', params: { value: d.key } });
    seen.add(d.key);
    if (Array.isArray(d.target)) {
      const mins = d.target.map((b) => b.minTenureMonths);
      if (!mins.includes(0))
        errors.push({ path: `[${i}].target`, message: 'tenure bands must start at minTenureMonths 0', reason: 'perf.tenureStart', params: {} });
      const twice = mins.findIndex((m, j) => mins.indexOf(m) !== j);
      if (twice >= 0)
        errors.push({
          path: `[${i}].target[${twice}].minTenureMonths`,
          message: 'duplicate minTenureMonths',
          reason: 'perf.tenureDuplicate',
          params: { months: mins[twice]! },
        });
    }
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: r.data as KpiDefinition[] };
}

function ymd(s: string, field: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`${field}: "${s}" is not a YYYY-MM-DD date`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Last day of a 'YYYY-MM' month as 'YYYY-MM-DD'. */
export function monthEnd(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`month: "${month}" is not YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return `${m[1]}-${m[2]}-${String(daysInMonth(y, mo)).padStart(2, '0')}`;
}

/**
 * Whole months of service from `hireDate` to `asOf` (both YYYY-MM-DD). A monthly anniversary on a day
 * the month does not have falls on its last day (hired Jan 31 → one month on Feb 28/29).
 */
export function monthsBetween(hireDate: string, asOf: string): number {
  const [y1, m1, d1] = ymd(hireDate, 'hireDate');
  const [y2, m2, d2] = ymd(asOf, 'asOf');
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && d2 !== daysInMonth(y2, m2)) months--;
  if (months < 0) throw new Error(`hireDate ${hireDate} is after ${asOf}`);
  return months;
}

/**
 * Tenure used for a month's targets: whole months from the hire date to the last day of the month.
 * "Over one year" (入職一年以上) means tenureMonths ≥ 12.
 */
export function tenureMonths(hireDate: string, month: string): number {
  return monthsBetween(hireDate, monthEnd(month));
}

/** The target that applies at a tenure; null = not assessed. */
export function targetFor(def: Pick<KpiDefinition, 'target'>, tenure: number): number | null {
  if (typeof def.target === 'number') return def.target;
  let best: TenureTarget | undefined;
  for (const b of def.target) if (b.minTenureMonths <= tenure && (!best || b.minTenureMonths > best.minTenureMonths)) best = b;
  return best ? best.target : null;
}

export function countsFor(def: Pick<KpiDefinition, 'usage'>, use: 'pay' | 'contest'): boolean {
  return def.usage === 'both' || def.usage === use;
}

/** A row of additive components for one agent (and period). Absent or null = not known. */
export type Components = Readonly<Record<string, number | null | undefined>>;

/**
 * Aggregates a KPI over rows of components: ratio KPIs as Σnum / (Σden − ΣdenMinus) — a sum-based
 * ratio, never a mean of per-agent ratios; 'sum' adds; 'mean' averages. A row lacking any component
 * the KPI needs is left out for that KPI. Returns null (missing) when no row counts or the
 * denominator is not positive — never 0 for "no data".
 */
export function aggregate(agg: KpiAggregation, rows: readonly Components[]): number | null {
  const has = (r: Components, k: string) => typeof r[k] === 'number' && Number.isFinite(r[k] as number);
  if (agg.kind === 'ratio') {
    const needed = [...agg.num, ...agg.den, ...(agg.denMinus ?? [])];
    let num = 0;
    let den = 0;
    let any = false;
    for (const r of rows) {
      if (!needed.every((k) => has(r, k))) continue;
      any = true;
      for (const k of agg.num) num += r[k] as number;
      for (const k of agg.den) den += r[k] as number;
      for (const k of agg.denMinus ?? []) den -= r[k] as number;
    }
    return any && den > 0 ? num / den : null;
  }
  const vals = rows.filter((r) => has(r, agg.of)).map((r) => r[agg.of] as number);
  if (!vals.length) return null;
  const sum = vals.reduce((a, v) => a + v, 0);
  return agg.kind === 'sum' ? sum : sum / vals.length;
}

/** Figures for a set of KPIs from one agent's components (the store can also supply figures directly). */
export function figuresFromComponents(defs: readonly KpiDefinition[], c: Components): Partial<Record<KpiKey, number | null>> {
  const out: Partial<Record<KpiKey, number | null>> = {};
  for (const d of defs) out[d.key] = aggregate(d.aggregation, [c]);
  return out;
}
