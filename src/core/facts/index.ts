/**
 * Per-agent facts (issue 11): one definition of every figure, per agent per local day, and the same
 * figures for any sum of agent-days (a team, a week, a month). Pure: the store gathers the additive
 * parts (`FactParts`), this module adds them and derives the figures. A ratio of a period is always
 * Σnumerator / Σdenominator of its days (never a mean of daily ratios). A figure that cannot be
 * computed is `null` with a reason (`noSchedule`, `noEvaluations`…), never 0.
 *
 * Names and formulas: shared/DESIGN.md (KPI definitions); see docs/facts.md.
 */
import { targetFor, type KpiDefinition, type KpiKey } from '../performance/kpi';
import type { Measures } from '../kpi/measures';
import type { qaComponents } from '../quality/score';

export type FactSource = 'telephony' | 'schedule' | 'qa' | 'workorders' | 'survey' | 'people' | 'manual';

/** Agent-side telephony sums (seconds, counts) from the live floor's stored aggregates: the agent part of the KPI measures. */
export type TelephonyParts = Pick<
  Measures,
  'handled' | 'transferred' | 'talk' | 'hold' | 'acw' | 'ring' | 'staffed' | 'idle' | 'notReady' | 'notReadyByReason'
>;

/** Published schedule against the actual agent states (core/wfm/adherence). */
export interface ScheduleParts {
  scheduledS: number;
  adherentS: number;
  workedS: number;
}

/** Scheduled shifts against login segments (core/people/attendance). */
export interface AttendanceParts {
  scheduledShifts: number;
  /** shifts with any login (on time, late or early leave): not absent */
  attendedShifts: number;
  onTime: number;
  late: number;
  lateMinutes: number;
  earlyLeave: number;
  earlyLeaveMinutes: number;
  absent: number;
}

/** QA components, as core/quality/score's qaComponents gives them (calibration excluded). */
export type QaParts = ReturnType<typeof qaComponents>;

export interface SurveyParts {
  answers: number;
  satisfied: number;
}

/** The additive parts of one agent-day (or any sum of agent-days). A group absent = no data of that kind. */
export interface FactParts {
  telephony?: TelephonyParts;
  schedule?: ScheduleParts;
  attendance?: AttendanceParts;
  qa?: QaParts;
  survey?: SurveyParts;
  /** upheld complaints (work orders with a verdict) */
  complaints: number;
}

export const emptyParts = (): FactParts => ({ complaints: 0 });

/** acc += b, group by group; `acc` is the sum's own copy (cloned from the first part), so adding in place is safe. */
function addNums<T extends object>(acc: T | undefined, b: T | undefined): T | undefined {
  if (!b) return acc;
  if (!acc) return structuredClone(b);
  const out = acc as Record<string, unknown>;
  for (const [k, v] of Object.entries(b)) {
    if (typeof v === 'number') out[k] = ((out[k] as number) ?? 0) + v;
    else if (v && typeof v === 'object') {
      const m = (out[k] ??= {}) as Record<string, number>;
      for (const [kk, vv] of Object.entries(v as Record<string, number>)) m[kk] = (m[kk] ?? 0) + vv;
    }
  }
  return acc;
}

/** Adds agent-days (a team's day, an agent's month…): every part is a sum (in the order given, in place: a month of a center is 30,000 days). */
export function addParts(rows: Iterable<FactParts>): FactParts {
  const t = emptyParts();
  for (const r of rows) {
    t.telephony = addNums(t.telephony, r.telephony);
    t.schedule = addNums(t.schedule, r.schedule);
    t.attendance = addNums(t.attendance, r.attendance);
    t.qa = addNums(t.qa, r.qa);
    t.survey = addNums(t.survey, r.survey);
    t.complaints += r.complaints;
  }
  return t;
}

export type FactReason =
  | 'noTelephony'
  | 'noHandled'
  | 'noReadyTime'
  | 'noStaffed'
  | 'noSchedule'
  | 'noShifts'
  | 'noEvaluations'
  | 'noScoredEvaluations'
  | 'noNonFatalItems'
  | 'noSurveyAnswers'
  | 'noSkillLevel';

export interface Fact<V = number> {
  value: V | null;
  source: FactSource;
  /** why the value is null */
  reason?: FactReason;
  /** ratio figures: the parts the value is num / den of (sums of the period) */
  num?: number;
  den?: number;
  /** epoch ms the figure was computed */
  computedAt: number;
}

/** The attendance detail shown beside the figure: the parts without the derived attended count. */
export type AttendanceDetail = Omit<AttendanceParts, 'attendedShifts'>;

export interface Facts {
  handled: Fact;
  transferred: Fact;
  talk: Fact;
  hold: Fact;
  acw: Fact;
  ring: Fact;
  aht: Fact;
  staffed: Fact;
  notReady: Fact;
  notReadyByReason: Fact<Record<string, number>>;
  idle: Fact;
  occupancy: Fact;
  notReadyShare: Fact;
  idleShare: Fact;
  transferRate: Fact;
  adherence: Fact;
  conformance: Fact;
  attendance: Fact;
  attendanceDetail: Fact<AttendanceDetail>;
  qaScore: Fact;
  fatalRate: Fact;
  nonFatalRate: Fact;
  complaints: Fact;
  csat: Fact;
  skillLevel: Fact;
  certified: Fact<string[]>;
}

/** Names of the numeric figures that are KPI keys (what a scorecard can read). */
export const FACT_KPIS = [
  'handled',
  'talk',
  'hold',
  'acw',
  'ring',
  'aht',
  'staffed',
  'notReady',
  'idle',
  'occupancy',
  'notReadyShare',
  'idleShare',
  'transferRate',
  'adherence',
  'attendance',
  'qaScore',
  'fatalRate',
  'nonFatalRate',
  'complaints',
  'csat',
  'skillLevel',
] as const;
export type FactKpi = (typeof FACT_KPIS)[number];

/** People-side facts of an agent (not additive): skill level 1 初級 / 2 中級 / 3 高級, valid certifications (queues). */
export interface PersonFacts {
  skillLevel: number | null;
  certifiedQueues: string[];
}

/**
 * The figures of a sum of agent-days. `person` (one agent) gives skillLevel and certification; for a
 * team pass the mean skill level and the union of queues, or null.
 */
export function deriveFacts(p: FactParts, person: PersonFacts | null, computedAt: number): Facts {
  const at = computedAt;
  const t = p.telephony;
  const tel = (v: number | undefined): Fact =>
    t ? { value: v!, source: 'telephony', computedAt: at } : { value: null, source: 'telephony', reason: 'noTelephony', computedAt: at };
  const ratio = (source: FactSource, num: number | undefined, den: number | undefined, missing: FactReason, zeroDen: FactReason, cap = Infinity): Fact => {
    if (num === undefined || den === undefined) return { value: null, source, reason: missing, computedAt: at };
    if (!(den > 0)) return { value: null, source, reason: zeroDen, num, den, computedAt: at };
    return { value: Math.min(num / den, cap), source, num, den, computedAt: at };
  };
  const ready = t ? t.staffed - t.notReady : undefined;
  const s = p.schedule;
  const a = p.attendance;
  const q = p.qa;
  const sv = p.survey;
  return {
    handled: tel(t?.handled),
    transferred: tel(t?.transferred),
    talk: tel(t?.talk),
    hold: tel(t?.hold),
    acw: tel(t?.acw),
    ring: tel(t?.ring),
    aht: ratio('telephony', t ? t.talk + t.hold + t.acw : undefined, t?.handled, 'noTelephony', 'noHandled'),
    staffed: tel(t?.staffed),
    notReady: tel(t?.notReady),
    notReadyByReason: t
      ? { value: { ...t.notReadyByReason }, source: 'telephony', computedAt: at }
      : { value: null, source: 'telephony', reason: 'noTelephony', computedAt: at },
    idle: tel(t?.idle),
    occupancy: ratio('telephony', t ? t.talk + t.hold + t.acw + t.ring : undefined, ready, 'noTelephony', 'noReadyTime'),
    notReadyShare: ratio('telephony', t?.notReady, t?.staffed, 'noTelephony', 'noStaffed'),
    idleShare: ratio('telephony', t?.idle, t?.staffed, 'noTelephony', 'noStaffed'),
    transferRate: ratio('telephony', t?.transferred, t?.handled, 'noTelephony', 'noHandled'),
    // adherence never above 100 %: seconds in the scheduled activity are part of the scheduled seconds
    adherence: ratio('schedule', s?.adherentS, s?.scheduledS, 'noSchedule', 'noSchedule', 1),
    conformance: ratio('schedule', s?.workedS, s?.scheduledS, 'noSchedule', 'noSchedule', 1),
    attendance: ratio('schedule', a?.attendedShifts, a?.scheduledShifts, 'noShifts', 'noShifts'),
    attendanceDetail:
      a && a.scheduledShifts > 0
        ? {
            value: {
              scheduledShifts: a.scheduledShifts,
              onTime: a.onTime,
              late: a.late,
              lateMinutes: a.lateMinutes,
              earlyLeave: a.earlyLeave,
              earlyLeaveMinutes: a.earlyLeaveMinutes,
              absent: a.absent,
            },
            source: 'schedule',
            computedAt: at,
          }
        : { value: null, source: 'schedule', reason: 'noShifts', computedAt: at },
    qaScore: ratio('qa', q?.qaScoreSum, q?.qaScored, 'noEvaluations', q && q.evaluations > 0 ? 'noScoredEvaluations' : 'noEvaluations'),
    fatalRate: ratio('qa', q?.fatalEvaluations, q?.evaluations, 'noEvaluations', 'noEvaluations'),
    nonFatalRate: ratio('qa', q?.nonFatalFailed, q?.nonFatalScored, 'noEvaluations', q && q.evaluations > 0 ? 'noNonFatalItems' : 'noEvaluations'),
    complaints: { value: p.complaints, source: 'workorders', computedAt: at },
    csat: ratio('survey', sv?.satisfied, sv?.answers, 'noSurveyAnswers', 'noSurveyAnswers'),
    skillLevel:
      person && person.skillLevel !== null
        ? { value: person.skillLevel, source: 'people', computedAt: at }
        : { value: null, source: 'people', reason: 'noSkillLevel', computedAt: at },
    certified: { value: person ? [...person.certifiedQueues].sort() : [], source: 'people', computedAt: at },
  };
}

/** csat: an answer is satisfied when score ≥ satisfiedMin(scale). Per-center setting; default scale 5 → 4, 10 → 8, 2 → 2. */
export interface CsatRule {
  /** scale_max → lowest satisfied score */
  satisfiedMin: Record<string, number>;
  /** for scales not listed: ceil(share × scale_max) */
  defaultShare: number;
}
export const DEFAULT_CSAT_RULE: CsatRule = { satisfiedMin: { '2': 2, '5': 4, '10': 8 }, defaultShare: 0.8 };

export function satisfiedMin(rule: CsatRule, scaleMax: number): number {
  const v = rule.satisfiedMin[String(scaleMax)];
  return v !== undefined ? v : Math.ceil(rule.defaultShare * scaleMax - 1e-9);
}

export function isSatisfied(rule: CsatRule, score: number, scaleMax: number): boolean {
  return score >= satisfiedMin(rule, scaleMax);
}

export interface TargetCheck {
  kpi: KpiKey;
  target: number;
  actual: number;
  direction: 'higher' | 'lower';
  met: boolean;
}

/**
 * The KPI plan's targets applied to one agent's figures at a tenure (months): every assessed KPI
 * with a known figure, met or missed. KPIs not assessed at that tenure (target null) or with a
 * missing figure are left out (a missing figure is reported by its fact's reason).
 */
export function checkTargets(defs: readonly KpiDefinition[], figures: Partial<Record<string, Fact | undefined>>, tenure: number): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const d of defs) {
    const f = figures[d.key];
    if (!f || typeof f.value !== 'number') continue;
    const target = targetFor(d, tenure);
    if (target === null) continue;
    const met = d.direction === 'higher' ? f.value >= target - 1e-12 : f.value <= target + 1e-12;
    out.push({ kpi: d.key, target, actual: f.value, direction: d.direction, met });
  }
  return out;
}
