/**
 * The team lead's shift routine (班長, seed 001): pre-shift briefing from yesterday's figures,
 * post-shift summary, daily reports aggregated to weeks and months, and the lead's own tasks.
 * KPI formulas follow DESIGN.md (answerRate, serviceLevel, aht).
 */
import { PeopleError, dateOfDay, dayNumber, isoWeekday, parseTime, round } from './errors';
import { defaultMoodSignalConfig } from './defaults';
import type { AttendanceRecord } from './attendance';
import type { Violation } from './discipline';

/** A team's summed figures for one day (from the live-floor store). Seconds. */
export interface DailyFigures {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  /** Answered within the service-level threshold. */
  slAnswered: number;
  handled: number;
  talkS: number;
  holdS: number;
  acwS: number;
}

export interface Kpis {
  answerRate: number | null;
  serviceLevel: number | null;
  aht: number | null;
}

export function kpisOf(f: DailyFigures): Kpis {
  const slBase = f.offered - f.shortAbandoned;
  return {
    answerRate: f.offered > 0 ? round(f.answered / f.offered) : null,
    serviceLevel: slBase > 0 ? round(f.slAnswered / slBase) : null,
    aht: f.handled > 0 ? round((f.talkS + f.holdS + f.acwS) / f.handled, 1) : null,
  };
}

export interface KpiTargets {
  answerRate?: number;
  serviceLevel?: number;
  /** Upper bound, seconds. */
  aht?: number;
}

export interface KpiLine {
  name: keyof Kpis;
  value: number | null;
  target: number | null;
  met: boolean | null;
}

function kpiLines(k: Kpis, t: KpiTargets): KpiLine[] {
  const line = (name: keyof Kpis, higherIsBetter: boolean): KpiLine => {
    const value = k[name];
    const target = t[name] ?? null;
    const met = value === null || target === null ? null : higherIsBetter ? value >= target : value <= target;
    return { name, value, target, met };
  };
  return [line('answerRate', true), line('serviceLevel', true), line('aht', false)];
}

export interface QaResult {
  evaluationId: string;
  agentId: string;
  /** 0–100 */
  score: number;
  fatalFailed: boolean;
}
export interface OpenWorkOrder {
  id: string;
  title: string;
  dueAt: string | null;
}
export interface ShiftToday {
  agentId: string;
  start: string;
  end: string;
}
export interface Notice {
  id: string;
  text: string;
  authorId: string;
}

export interface BriefingInput {
  teamId: string;
  /** Today's date, YYYY-MM-DD; yesterday's figures are passed in. */
  date: string;
  /** When the briefing is built (for overdue work orders). */
  now: string;
  yesterday: DailyFigures;
  targets?: KpiTargets;
  qa: readonly QaResult[];
  /** QA score below this is listed for coaching. (chosen default 80) */
  qaCoachBelow?: number;
  workOrders: readonly OpenWorkOrder[];
  schedule: readonly ShiftToday[];
  notices: readonly Notice[];
  longerBriefingWeekdays?: readonly number[];
}

export interface Briefing {
  teamId: string;
  date: string;
  /** Seed 000: a longer morning meeting on Mondays. */
  longerMeeting: boolean;
  kpis: KpiLine[];
  qa: { count: number; average: number | null; fatal: number; coach: { agentId: string; score: number; fatalFailed: boolean }[] };
  workOrders: { open: number; overdue: OpenWorkOrder[] };
  schedule: { onShift: number; shifts: ShiftToday[] };
  notices: Notice[];
  /** Short lines to read out (zh-CN). */
  highlights: string[];
}

const pct = (x: number) => `${round(x * 100, 1)}%`;

export function preShiftBriefing(input: BriefingInput): Briefing {
  const now = parseTime(input.now, 'now');
  dayNumber(input.date, 'date');
  const kpis = kpiLines(kpisOf(input.yesterday), input.targets ?? {});
  const coachBelow = input.qaCoachBelow ?? 80;
  const qaAvg = input.qa.length ? round(input.qa.reduce((s, q) => s + q.score, 0) / input.qa.length, 2) : null;
  const coach = input.qa
    .filter((q) => q.fatalFailed || q.score < coachBelow)
    .map((q) => ({ agentId: q.agentId, score: q.score, fatalFailed: q.fatalFailed }))
    .sort((a, b) => Number(b.fatalFailed) - Number(a.fatalFailed) || a.score - b.score);
  const overdue = input.workOrders.filter((w, i) => w.dueAt !== null && parseTime(w.dueAt, `workOrders[${i}].dueAt`) < now);
  const shifts = [...input.schedule].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.agentId.localeCompare(b.agentId));
  const highlights: string[] = [];
  for (const k of kpis) {
    if (k.met === false && k.value !== null) {
      highlights.push(
        k.name === 'aht'
          ? `昨日平均处理时长${k.value}秒,高于目标${k.target}秒`
          : `昨日${k.name === 'answerRate' ? '接通率' : '服务水平'}${pct(k.value)},低于目标${pct(k.target!)}`,
      );
    }
  }
  const fatal = input.qa.filter((q) => q.fatalFailed).length;
  if (fatal) highlights.push(`昨日质检致命项${fatal}条`);
  if (overdue.length) highlights.push(`超时未结工单${overdue.length}张`);
  const longer = (input.longerBriefingWeekdays ?? defaultMoodSignalConfig.longerBriefingWeekdays).includes(isoWeekday(input.date));
  if (longer) highlights.push('周一:适当延长晨会,关注情绪');
  return {
    teamId: input.teamId,
    date: input.date,
    longerMeeting: longer,
    kpis,
    qa: { count: input.qa.length, average: qaAvg, fatal, coach },
    workOrders: { open: input.workOrders.length, overdue },
    schedule: { onShift: new Set(shifts.map((s) => s.agentId)).size, shifts },
    notices: [...input.notices],
    highlights,
  };
}

/** Which team members have not yet read each notice (notices are marked read per agent). */
export function unreadNotices(
  notices: readonly Notice[],
  members: readonly string[],
  reads: readonly { noticeId: string; agentId: string }[],
): { noticeId: string; unread: string[] }[] {
  return notices.map((n) => ({
    noticeId: n.id,
    unread: members.filter((m) => !reads.some((r) => r.noticeId === n.id && r.agentId === m)),
  }));
}

// ---------------------------------------------------------------- post-shift and reports

export type ShiftLogKind = 'coaching' | 'listening' | 'escalation' | 'care_talk' | 'other';
export interface ShiftLogEntry {
  at: string;
  kind: ShiftLogKind;
  agentId?: string;
  text: string;
}

/** Where a team-day figure came from: the store (telephony) or a typed, audited override (manual). */
export type DailyFigureSource = 'telephony' | 'manual';

/** One team-day, the unit that aggregates into weeks and months. */
export interface DailyReport extends DailyFigures {
  teamId: string;
  date: string;
  late: number;
  earlyLeave: number;
  absent: number;
  violations: number;
  contributionFen: number;
  qaCount: number;
  qaScoreSum: number;
  fatal: number;
  /** each figure's source (null: no data that day); absent on reports sent before issue 11 */
  sources?: Partial<Record<keyof DailyFigures, DailyFigureSource | null>>;
  /** the figures the lead typed (audited overrides of the stored ones) */
  overrides?: Partial<DailyFigures>;
}

/** QA totals of a team-day (evaluations of its calls, calibration excluded), from the facts. */
export interface QaTotals {
  /** evaluations with a score */
  count: number;
  scoreSum: number;
  /** evaluations with a fatal item failed */
  fatal: number;
}

export interface PostShiftSummary {
  report: DailyReport;
  kpis: KpiLine[];
  log: Record<ShiftLogKind, number>;
  /** The lead's notes, sent up with the report. */
  notes: string[];
}

export function postShiftSummary(input: {
  teamId: string;
  date: string;
  figures: DailyFigures;
  targets?: KpiTargets;
  attendance: readonly AttendanceRecord[];
  violations: readonly Violation[];
  qa: readonly QaResult[];
  /** when given, the QA figures come from these totals (the facts) instead of the list */
  qaTotals?: QaTotals;
  log: readonly ShiftLogEntry[];
  notes: readonly string[];
}): PostShiftSummary {
  dayNumber(input.date, 'date');
  const att = input.attendance.filter((r) => r.teamId === input.teamId && r.date === input.date);
  const vio = input.violations.filter((v) => v.teamId === input.teamId);
  const log: Record<ShiftLogKind, number> = { coaching: 0, listening: 0, escalation: 0, care_talk: 0, other: 0 };
  for (const e of input.log) log[e.kind]++;
  const report: DailyReport = {
    teamId: input.teamId,
    date: input.date,
    ...input.figures,
    late: att.filter((r) => r.late).length,
    earlyLeave: att.filter((r) => r.earlyLeave).length,
    absent: att.filter((r) => r.absent).length,
    violations: vio.length,
    contributionFen: vio.reduce((s, v) => s + v.contributionFen, 0),
    qaCount: input.qaTotals ? input.qaTotals.count : input.qa.length,
    qaScoreSum: input.qaTotals ? input.qaTotals.scoreSum : input.qa.reduce((s, q) => s + q.score, 0),
    fatal: input.qaTotals ? input.qaTotals.fatal : input.qa.filter((q) => q.fatalFailed).length,
  };
  return { report, kpis: kpiLines(kpisOf(input.figures), input.targets ?? {}), log, notes: input.notes.map((n) => n.trim()).filter(Boolean) };
}

/** ISO week key of a date, e.g. 2024-03-04 → "2024-W10". */
export function isoWeekKey(date: string): string {
  const d = dayNumber(date);
  const thursday = d - isoWeekday(date) + 4;
  const y = Number(dateOfDay(thursday).slice(0, 4));
  const week = Math.floor((thursday - dayNumber(`${y}-01-01`)) / 7) + 1;
  return `${y}-W${String(week).padStart(2, '0')}`;
}

export interface PeriodReport extends Omit<DailyReport, 'date'> {
  period: string;
  days: number;
  kpis: Kpis;
  qaAverage: number | null;
}

/**
 * Sums daily reports per team and ISO week ("2024-W10") or month ("2024-03"); ratios are
 * recomputed from the sums (never averaged across days).
 */
export function aggregateReports(reports: readonly DailyReport[], by: 'week' | 'month'): PeriodReport[] {
  const m = new Map<string, PeriodReport>();
  const sumKeys = [
    'offered',
    'answered',
    'abandoned',
    'shortAbandoned',
    'slAnswered',
    'handled',
    'talkS',
    'holdS',
    'acwS',
    'late',
    'earlyLeave',
    'absent',
    'violations',
    'contributionFen',
    'qaCount',
    'qaScoreSum',
    'fatal',
  ] as const;
  for (const r of reports) {
    const period = by === 'week' ? isoWeekKey(r.date) : (dayNumber(r.date), r.date.slice(0, 7));
    const k = `${r.teamId}\u0000${period}`;
    let p = m.get(k);
    if (!p) {
      p = { teamId: r.teamId, period, days: 0, kpis: { answerRate: null, serviceLevel: null, aht: null }, qaAverage: null } as PeriodReport;
      for (const s of sumKeys) p[s] = 0;
      m.set(k, p);
    }
    p.days++;
    for (const s of sumKeys) p[s] += r[s];
  }
  for (const p of m.values()) {
    p.kpis = kpisOf(p);
    p.qaAverage = p.qaCount ? round(p.qaScoreSum / p.qaCount, 2) : null;
  }
  return [...m.values()].sort((a, b) => a.teamId.localeCompare(b.teamId) || a.period.localeCompare(b.period));
}

// ---------------------------------------------------------------- lead tasks

export interface LeadTask {
  id: string;
  leadId: string;
  title: string;
  dueOn: string;
  /** Completion date (center's local date), null while open. */
  completedOn: string | null;
}

export interface TaskCompletion {
  leadId: string;
  month: string;
  due: number;
  onTime: number;
  late: number;
  open: number;
  /** onTime / due; null when nothing was due. */
  onTimeRate: number | null;
}

/** Seed 000 third article (月度匯總統計工作完成量): monthly statistic of each lead's task completion (tasks due in the month). */
export function monthlyTaskCompletion(tasks: readonly LeadTask[], month: string): TaskCompletion[] {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new PeopleError('bad_month', 'month', `expected YYYY-MM, got ${JSON.stringify(month)}`);
  const m = new Map<string, TaskCompletion>();
  tasks.forEach((t, i) => {
    dayNumber(t.dueOn, `tasks[${i}].dueOn`);
    if (t.completedOn !== null) dayNumber(t.completedOn, `tasks[${i}].completedOn`);
    if (t.dueOn.slice(0, 7) !== month) return;
    let c = m.get(t.leadId);
    if (!c) m.set(t.leadId, (c = { leadId: t.leadId, month, due: 0, onTime: 0, late: 0, open: 0, onTimeRate: null }));
    c.due++;
    if (t.completedOn === null) c.open++;
    else if (t.completedOn <= t.dueOn) c.onTime++;
    else c.late++;
  });
  for (const c of m.values()) c.onTimeRate = c.due ? round(c.onTime / c.due) : null;
  return [...m.values()].sort((a, b) => a.leadId.localeCompare(b.leadId));
}
