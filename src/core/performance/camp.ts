/**
 * Newcomer camp (新兵營): fun progress titles for new agents by rules (seed 000: titles tied to
 * progress on the line and learning). Rules are data: an ordered ladder of titles, each with a
 * minimum tenure in weeks and conditions on figures. The agent holds the highest title reached
 * climbing the ladder in order (a rung whose conditions fail stops the climb); a missing figure
 * fails its condition and is named. After `maxWeeks` the agent leaves the camp (graduated).
 */
import type { KpiKey } from './kpi';

export interface CampCondition {
  key: KpiKey;
  min?: number;
  max?: number;
}

export interface CampTitle {
  title: string;
  minWeeks: number;
  conditions: CampCondition[];
}

export interface CampRules {
  maxWeeks: number;
  titles: CampTitle[];
}

export const DEFAULT_CAMP_RULES: CampRules = {
  maxWeeks: 12,
  titles: [
    { title: '新兵', minWeeks: 0, conditions: [] },
    { title: '列兵', minWeeks: 2, conditions: [{ key: 'qaScore', min: 80 }] },
    {
      title: '上等兵',
      minWeeks: 4,
      conditions: [
        { key: 'qaScore', min: 85 },
        { key: 'csat', min: 0.97 },
      ],
    },
    {
      title: '下士',
      minWeeks: 8,
      conditions: [
        { key: 'qaScore', min: 90 },
        { key: 'csat', min: 0.98 },
        { key: 'aht', max: 170 },
      ],
    },
  ],
};

export interface CampProgress {
  weeks: number;
  inCamp: boolean;
  title: string | null;
  next: { title: string; unmet: string[]; gaps: CampGap[] } | null;
}

/** One condition of the next title not met yet, as data the web says in the user's language. */
export interface CampGap {
  /** `weeks` (tenure) or a KPI key */
  key: string;
  /** the figure now; null when it is missing */
  actual: number | null;
  /** the bound it must reach: at least (`min`) or at most (`max`) */
  op: 'min' | 'max';
  bound: number;
}

const DAY_MS = 86_400_000;

/** Whole weeks from hireDate to asOf (YYYY-MM-DD). */
export function tenureWeeks(hireDate: string, asOf: string): number {
  const a = Date.parse(`${hireDate}T00:00:00Z`);
  const b = Date.parse(`${asOf}T00:00:00Z`);
  if (Number.isNaN(a)) throw new Error(`hireDate: "${hireDate}" is not a date`);
  if (Number.isNaN(b)) throw new Error(`asOf: "${asOf}" is not a date`);
  if (b < a) throw new Error(`hireDate ${hireDate} is after ${asOf}`);
  return Math.floor((b - a) / DAY_MS / 7);
}

function gapsOf(rung: CampTitle, weeks: number, figures: Partial<Record<KpiKey, number | null>>): CampGap[] {
  const out: CampGap[] = [];
  if (weeks < rung.minWeeks) out.push({ key: 'weeks', actual: weeks, op: 'min', bound: rung.minWeeks });
  for (const c of rung.conditions) {
    const v = figures[c.key];
    const need = c.min !== undefined ? { op: 'min' as const, bound: c.min } : { op: 'max' as const, bound: c.max! };
    if (typeof v !== 'number') out.push({ key: c.key, actual: null, ...need });
    else if (c.min !== undefined && v < c.min) out.push({ key: c.key, actual: v, op: 'min', bound: c.min });
    else if (c.max !== undefined && v > c.max) out.push({ key: c.key, actual: v, op: 'max', bound: c.max });
  }
  return out;
}

/** The gaps as plain text (the command line, logs): `qaScore 86 < 90`, `aht missing`. */
const gapText = (g: CampGap) => (g.actual === null ? `${g.key} missing` : `${g.key} ${g.actual} ${g.op === 'min' ? '<' : '>'} ${g.bound}`);

export function campProgress(
  agent: { hireDate: string; asOf: string; figures: Partial<Record<KpiKey, number | null>> },
  rules: CampRules = DEFAULT_CAMP_RULES,
): CampProgress {
  const weeks = tenureWeeks(agent.hireDate, agent.asOf);
  const inCamp = weeks < rules.maxWeeks;
  let title: string | null = null;
  let next: CampProgress['next'] = null;
  for (const rung of rules.titles) {
    const gaps = gapsOf(rung, weeks, agent.figures);
    if (gaps.length) {
      next = { title: rung.title, unmet: gaps.map(gapText), gaps };
      break;
    }
    title = rung.title;
  }
  return { weeks, inCamp, title, next };
}
