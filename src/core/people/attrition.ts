/**
 * Attrition (流失, seed 002): rate per team and month, coded reasons over time, tenure at leaving,
 * and an at-risk list for the lead to talk to.
 *
 * attritionRate = leavers in the period / average headcount in the period (DESIGN.md), where the
 * average headcount is (headcount at the start + headcount at the end) / 2. Start = employed at
 * the start of the first day; end = still employed after the last day. `leftOn` is the last day
 * worked, so someone leaving on the 31st is in the start count and not in the end count.
 */
import { PeopleError, dayNumber, round } from './errors';
import { defaultAtRiskConfig, defaultLeaveReasons, defaultTenureBands, type AtRiskConfig, type LeaveReason, type TenureBand } from './defaults';
import { tenureMonths } from './training';

export interface Employee {
  id: string;
  teamId: string;
  hiredOn: string;
  /** Last day worked; null while employed. */
  leftOn: string | null;
  /** Exit interview reason code (see defaultLeaveReasons); required once leftOn is set. */
  reasonCode?: string;
  reasonText?: string;
}

/** Checks leavers' reason codes and dates. Returns the employees unchanged. */
export function validateEmployees(employees: readonly Employee[], reasons: readonly LeaveReason[] = defaultLeaveReasons): readonly Employee[] {
  employees.forEach((e, i) => {
    const h = dayNumber(e.hiredOn, `employees[${i}].hiredOn`);
    if (e.leftOn === null) return;
    if (dayNumber(e.leftOn, `employees[${i}].leftOn`) < h)
      throw new PeopleError('bad_date', `employees[${i}].leftOn`, 'leaving date is before the hiring date', {
        reason: 'people.leftBeforeHired',
        params: { hiredOn: e.hiredOn },
      });
    if (!e.reasonCode || !reasons.some((r) => r.code === e.reasonCode)) {
      throw new PeopleError(
        'bad_reason',
        `employees[${i}].reasonCode`,
        `unknown leave reason ${JSON.stringify(e.reasonCode)}; use one of ${reasons.map((r) => r.code).join(', ')}`,
        { reason: 'people.unknownLeaveReason' },
      );
    }
  });
  return employees;
}

/** leavers / ((start + end) / 2); null when the average headcount is 0. */
export function attritionRate(leavers: number, headcountStart: number, headcountEnd: number): number | null {
  const avg = (headcountStart + headcountEnd) / 2;
  return avg > 0 ? round(leavers / avg) : null;
}

function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export interface MonthlyAttrition {
  month: string;
  teamId: string | null;
  leavers: number;
  headcountStart: number;
  headcountEnd: number;
  averageHeadcount: number;
  rate: number | null;
}

/** Attrition of one month ("YYYY-MM"), for a team or (teamId null) the whole center. */
export function monthlyAttrition(employees: readonly Employee[], month: string, teamId: string | null = null): MonthlyAttrition {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new PeopleError('bad_month', 'month', `expected YYYY-MM, got ${JSON.stringify(month)}`);
  const first = dayNumber(`${month}-01`, 'month');
  const last = dayNumber(lastDayOfMonth(month));
  let start = 0;
  let end = 0;
  let leavers = 0;
  for (const e of employees) {
    if (teamId !== null && e.teamId !== teamId) continue;
    const h = dayNumber(e.hiredOn);
    const l = e.leftOn === null ? Infinity : dayNumber(e.leftOn);
    if (h <= first && l >= first) start++;
    if (h <= last && l > last) end++;
    if (l >= first && l <= last) leavers++;
  }
  return { month, teamId, leavers, headcountStart: start, headcountEnd: end, averageHeadcount: (start + end) / 2, rate: attritionRate(leavers, start, end) };
}

/** Leavers per month and reason code (months in order, every known code present). */
export function leaveReasonsByMonth(
  employees: readonly Employee[],
  reasons: readonly LeaveReason[] = defaultLeaveReasons,
): { month: string; total: number; counts: Record<string, number> }[] {
  validateEmployees(employees, reasons);
  const m = new Map<string, Record<string, number>>();
  for (const e of employees) {
    if (e.leftOn === null) continue;
    const month = e.leftOn.slice(0, 7);
    let c = m.get(month);
    if (!c) m.set(month, (c = Object.fromEntries(reasons.map((r) => [r.code, 0]))));
    c[e.reasonCode!]!++;
  }
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, counts]) => ({ month, total: Object.values(counts).reduce((s, n) => s + n, 0), counts }));
}

/** Leavers per tenure band (whole months from hiredOn to leftOn). */
export function tenureAtLeaving(employees: readonly Employee[], bands: readonly TenureBand[] = defaultTenureBands): { label: string; leavers: number }[] {
  const out = bands.map((b) => ({ label: b.label, leavers: 0 }));
  for (const e of employees) {
    if (e.leftOn === null) continue;
    const t = tenureMonths(e.hiredOn, e.leftOn);
    const i = bands.findIndex((b) => t >= b.fromMonths && (b.toMonths === null || t < b.toMonths));
    if (i >= 0) out[i]!.leavers++;
  }
  return out;
}

export interface RiskInput {
  agentId: string;
  teamId: string;
  /** Recent mood check-ins, 1–5. */
  recentMoods: readonly number[];
  /** Monthly (or weekly) performance / QA scores, oldest first. */
  scores: readonly number[];
  /** Absences in the period. */
  absences: number;
}

export interface RiskEntry {
  agentId: string;
  teamId: string;
  score: number;
  reasons: string[];
}

/**
 * Score = sum of the weights of the factors present: low mood (average recent mood ≤ lowMoodAvg),
 * falling scores (last − first ≤ −scoreDrop), many absences (≥ absences). Listed when score ≥
 * minScore, highest first; each entry says why.
 */
export function atRiskList(agents: readonly RiskInput[], cfg: AtRiskConfig = defaultAtRiskConfig): RiskEntry[] {
  const out: RiskEntry[] = [];
  for (const a of agents) {
    let score = 0;
    const reasons: string[] = [];
    if (a.recentMoods.length) {
      const avg = a.recentMoods.reduce((s, x) => s + x, 0) / a.recentMoods.length;
      if (avg <= cfg.lowMoodAvg) {
        score += cfg.weights.lowMood;
        reasons.push(`近期心情平均${round(avg, 2)}分(≤${cfg.lowMoodAvg})`);
      }
    }
    if (a.scores.length >= 2) {
      const drop = a.scores[a.scores.length - 1]! - a.scores[0]!;
      if (drop <= -cfg.scoreDrop) {
        score += cfg.weights.fallingScores;
        reasons.push(`成绩从${a.scores[0]}降到${a.scores[a.scores.length - 1]}`);
      }
    }
    if (a.absences >= cfg.absences) {
      score += cfg.weights.absences;
      reasons.push(`缺勤${a.absences}次`);
    }
    score = round(score);
    if (score >= cfg.minScore && reasons.length) out.push({ agentId: a.agentId, teamId: a.teamId, score, reasons });
  }
  return out.sort((x, y) => y.score - x.score || x.agentId.localeCompare(y.agentId));
}
