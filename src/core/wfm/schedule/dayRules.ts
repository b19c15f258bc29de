// Day rules of a contract over weeks (issue 15): rotations, consecutive working days (across the week
// boundary), days off in a row, weekends off. A week has 7 days, so every rule is checked on the 128
// possible sets of working days: exact, and cheap enough to run per agent.
//
// How they reach the optimiser: a rotation's and a weekend rule's days off become days the agent may not
// work this week (unlike leave, the minimum hours are not pro-rated); the run rules are kept by stage 2
// (an agent takes a shift only when the week can still satisfy them) and bound stage 1's MILP per
// class over every window of days (`windowBounds`). A set of rules that leaves fewer workable days
// than the minimum hours need is refused naming the rule (`explainShortfall`).

import { InputError } from '../../errors';
import type { AgentInput, Contract } from './types';

/** One week of a rotation: the templates the agent works that week and/or the days they have off. */
export interface RotationStep {
  templateIds?: string[];
  daysOff?: number[];
}

/** An ordered list of weeks, repeating; `offset` shifts where the agent starts in it (agents of a team take different offsets). */
export interface Rotation {
  steps: RotationStep[];
  offset?: number;
}

/** The rules a contract can name, as the field each is refused by. */
export type DayRule = 'minDaysOff' | 'maxConsecutiveDays' | 'minConsecutiveDaysOff' | 'weekendsOff' | 'rotation';

const DAYS = 7;
const SAT = 5;
const SUN = 6;

/** An agent's day rules for one week, resolved. */
export interface WeekRules {
  /** days off at least */
  minDaysOff: number;
  /** most working days in a row (Infinity: no limit) */
  maxRun: number;
  /** working days in a row just before Monday (from last week) */
  runBefore: number;
  /** the week repeats: a run may go on from Sunday into Monday */
  cyclic: boolean;
  /** the week holds a run of at least this many days off in a row (0: no rule) */
  minOffRun: number;
  /** days off by rule, with the rule that sets each */
  offDays: Map<number, DayRule>;
}

/** The ISO week number used by rotations and weekend rules: whole weeks since Monday 1970-01-05. */
export const weekNumber = (mondayIso: string): number =>
  Math.round((Date.parse(`${mondayIso}T00:00:00Z`) - Date.parse('1970-01-05T00:00:00Z')) / (7 * 86_400_000));

const mod = (a: number, n: number) => ((a % n) + n) % n;

/** The rotation step the agent works in week `weekNo`, or null without a rotation. */
export function rotationStep(c: Contract, weekNo: number): RotationStep | null {
  const r = c.rotation;
  if (!r || r.steps.length === 0) return null;
  return r.steps[mod(weekNo + (r.offset ?? 0), r.steps.length)]!;
}

/**
 * Whether week `weekNo` is one of the agent's weekends off: `min` of every `weeks` weeks, spread by the
 * agent's phase (its rotation offset, else its place in the list) so a team does not take the same ones.
 * The pattern repeats every `weeks` weeks, so any `weeks` weeks in a row hold exactly `min` of them.
 */
export function weekendOff(c: Contract, weekNo: number, phase: number): boolean {
  const w = c.weekendsOff;
  if (!w || w.min <= 0) return false;
  return mod(weekNo + phase, w.weeks) < w.min;
}

function check(cond: boolean, field: string, msg: string, reason = 'input.invalid', params: Record<string, string | number> = {}): void {
  if (!cond) throw new InputError(field, msg, { reason, params: { field, ...params } });
}

/** A whole number lo..hi, else refused by its field with the range. */
function wholeIn(v: number, lo: number, hi: number, field: string): void {
  check(Number.isInteger(v) && v >= lo && v <= hi, field, `must be a whole number ${lo}..${hi}`, 'input.between', {
    minimum: lo,
    maximum: hi,
    value: String(v),
  });
}

/** Checks the rule fields of a contract (a bad value names its field). */
export function checkRuleFields(c: Contract, cf: string, templateIds: Set<string>): void {
  if (c.maxConsecutiveDays !== undefined) wholeIn(c.maxConsecutiveDays, 1, 7, `${cf}.maxConsecutiveDays`);
  if (c.minConsecutiveDaysOff !== undefined) wholeIn(c.minConsecutiveDaysOff, 0, 7, `${cf}.minConsecutiveDaysOff`);
  if (c.weekendsOff) {
    const w = c.weekendsOff;
    wholeIn(w.weeks, 1, 52, `${cf}.weekendsOff.weeks`);
    wholeIn(w.min, 0, w.weeks, `${cf}.weekendsOff.min`);
  }
  if (c.rotation) {
    check(c.rotation.steps.length > 0, `${cf}.rotation.steps`, 'give at least one week', 'wfm.rotationEmpty');
    check(Number.isInteger(c.rotation.offset ?? 0), `${cf}.rotation.offset`, 'must be a whole number');
    c.rotation.steps.forEach((s, k) => {
      (s.daysOff ?? []).forEach((d, j) => wholeIn(d, 0, DAYS - 1, `${cf}.rotation.steps[${k}].daysOff[${j}]`));
      (s.templateIds ?? []).forEach((id, j) =>
        check(templateIds.has(id), `${cf}.rotation.steps[${k}].templateIds[${j}]`, `unknown template ${id}`, 'wfm.unknownTemplate', { id }),
      );
    });
  }
}

/** The agent's rules for the week `weekNo` (`phase`: its place among the agents, for weekend rules without a rotation). */
export function weekRules(a: AgentInput, weekNo: number, phase: number, cyclic: boolean): WeekRules {
  const c = a.contract;
  const offDays = new Map<number, DayRule>();
  for (const d of rotationStep(c, weekNo)?.daysOff ?? []) offDays.set(d, 'rotation');
  if (weekendOff(c, weekNo, c.rotation?.offset ?? phase)) {
    offDays.set(SAT, 'weekendsOff');
    offDays.set(SUN, 'weekendsOff');
  }
  return {
    minDaysOff: c.minDaysOff,
    maxRun: c.maxConsecutiveDays ?? Infinity,
    runBefore: cyclic ? 0 : Math.max(0, a.workedDaysBefore ?? 0),
    cyclic,
    minOffRun: c.minConsecutiveDaysOff ?? 0,
    offDays,
  };
}

/** Longest run of working days in the week (with the days before Monday; round the end when cyclic). */
function longestRun(worked: readonly boolean[], r: WeekRules): number {
  if (r.cyclic && worked.every(Boolean)) return Infinity;
  let best = 0;
  let run = r.runBefore;
  const n = r.cyclic ? 2 * DAYS : DAYS;
  for (let i = 0; i < n; i++) {
    run = worked[i % DAYS] ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Whether `free` (days not worked) holds `k` days in a row within the week (round the end when cyclic). */
function hasOffRun(free: readonly boolean[], k: number, cyclic: boolean): boolean {
  if (k <= 0) return true;
  let run = 0;
  const n = cyclic ? 2 * DAYS : DAYS;
  for (let i = 0; i < n; i++) {
    run = free[i % DAYS] ? run + 1 : 0;
    if (run >= k) return true;
  }
  return false;
}

/**
 * Stage 2's check before giving a shift on day `d`: with it the run limit still holds, and the days
 * still free still hold the days off in a row (so a schedule built shift by shift ends within the rules).
 */
export function mayWork(worked: readonly boolean[], d: number, r: WeekRules): boolean {
  if (r.offDays.has(d)) return false;
  if (r.maxRun === Infinity && r.minOffRun === 0) return true;
  const w = worked.map((x, i) => x || i === d);
  if (longestRun(w, r) > r.maxRun) return false;
  return hasOffRun(
    w.map((x) => !x),
    r.minOffRun,
    r.cyclic,
  );
}

/** Which rules to apply when counting (all by default; explaining drops or keeps some). */
type Only = Partial<Record<DayRule, boolean>>;

/** Whether a set of working days keeps the rules (those in `only`, when given). */
function keeps(worked: readonly boolean[], r: WeekRules, only?: Only): boolean {
  const on = (k: DayRule) => !only || only[k] === true;
  for (const [d, why] of r.offDays) if (worked[d] && on(why)) return false;
  const n = worked.filter(Boolean).length;
  if (on('minDaysOff') && DAYS - n < r.minDaysOff) return false;
  if (on('maxConsecutiveDays') && longestRun(worked, r) > r.maxRun) return false;
  if (
    on('minConsecutiveDaysOff') &&
    !hasOffRun(
      worked.map((x) => !x),
      r.minOffRun,
      r.cyclic,
    )
  )
    return false;
  return true;
}

/** The sets of working days (as bit masks over Monday..Sunday) among the available days that keep the rules. */
function allowedWeeks(avail: readonly boolean[], r: WeekRules, only?: Only): number[] {
  const out: number[] = [];
  for (let m = 0; m < 1 << DAYS; m++) {
    const worked = Array.from({ length: DAYS }, (_, d) => (m & (1 << d)) !== 0);
    if (worked.some((w, d) => w && !avail[d])) continue;
    if (keeps(worked, r, only)) out.push(m);
  }
  return out;
}

const bits = (m: number) => {
  let n = 0;
  for (let x = m; x; x &= x - 1) n++;
  return n;
};

/** Most days the agent can work this week within the rules (the available days being those without leave). */
export const mostWorkDays = (avail: readonly boolean[], r: WeekRules, only?: Only): number =>
  allowedWeeks(avail, r, only).reduce((s, m) => Math.max(s, bits(m)), -1);

/**
 * The fewest working days in a row an agent can end the week with (into next Monday) while working at least
 * `need` days within the rules (issue 15: what an N-week plan carries into the next week at the least, when
 * this week's minimum hours are met). 0 when `need` is 0 or no set of days allows it (the week is refused
 * on its own then).
 */
export function leastRunAtEnd(avail: readonly boolean[], r: WeekRules, need: number): number {
  if (need <= 0) return 0;
  let least = Infinity;
  for (const m of allowedWeeks(avail, r)) {
    if (bits(m) < need) continue;
    let run = 0;
    for (let d = DAYS - 1; d >= 0 && m & (1 << d); d--) run++;
    least = Math.min(least, run === DAYS ? run + r.runBefore : run);
  }
  return Number.isFinite(least) ? least : 0;
}

/**
 * For stage 1: the most days an agent can work within each window of consecutive days (from..to,
 * within the week), for windows of 2..6 days; where the rules bind, a class's shifts in the window are
 * bounded by the sum of its members' figures.
 */
export function windowBounds(avail: readonly boolean[], r: WeekRules): { from: number; to: number; most: number }[] {
  const weeks = allowedWeeks(avail, r);
  const out: { from: number; to: number; most: number }[] = [];
  for (let len = 2; len < DAYS; len++)
    for (let from = 0; from + len <= DAYS; from++) {
      let w = 0;
      for (let d = from; d < from + len; d++) w |= 1 << d;
      out.push({ from, to: from + len - 1, most: weeks.reduce((s, m) => Math.max(s, bits(m & w)), 0) });
    }
  return out;
}

/** Whether a contract has any day rule beyond the days off (stage 1 then adds the window rows). */
export const hasDayRules = (r: WeekRules): boolean => r.maxRun < DAYS || r.minOffRun > 0 || r.offDays.size > 0;

/**
 * Why an agent cannot work `need` days this week: the rule that on its own allows the fewest days (when
 * that is below the need), else the pair of rules that together do. Null when the rules allow `need`
 * days (then the shortfall, if any, is the leave's or the hours', and the caller says so).
 */
export function explainShortfall(avail: readonly boolean[], r: WeekRules, need: number): { rules: DayRule[]; most: number } | null {
  const most = mostWorkDays(avail, r);
  if (most >= need) return null;
  const present: DayRule[] = [];
  if (r.minDaysOff > 0) present.push('minDaysOff');
  if (r.maxRun < DAYS) present.push('maxConsecutiveDays');
  if (r.minOffRun > 0) present.push('minConsecutiveDaysOff');
  for (const why of new Set(r.offDays.values())) present.push(why);
  const solo = present.map((k) => ({ k, most: mostWorkDays(avail, r, { [k]: true }) })).sort((a, b) => a.most - b.most);
  if (solo.length && solo[0]!.most < need) return { rules: [solo[0]!.k], most: solo[0]!.most };
  for (let i = 0; i < present.length; i++)
    for (let j = i + 1; j < present.length; j++) {
      const m = mostWorkDays(avail, r, { [present[i]!]: true, [present[j]!]: true });
      if (m < need) return { rules: [present[i]!, present[j]!], most: m };
    }
  return present.length ? { rules: present, most } : null;
}
