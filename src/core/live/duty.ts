/**
 * The duty-manager regime and the graded emergency plan (issue 17, seed 000 lines ~43, 70–86), pure:
 * a duty shift's times from the roster's local date and clock times, how a duty handled its alerts,
 * a month of duties summed into the floor figures (through the one KPI formula of core/kpi), and which
 * emergency level the live figures reach.
 */
import { answerRate, emptyMeasures, localMidnight, serviceLevel, type Measures, type TzOffset } from '../kpi';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight of 'HH:MM', or null when it is not a 24-hour clock time. */
export function clockMinutes(hhmm: string): number | null {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * A duty shift's start and end (epoch ms) from its local date and clock times: an end at or before the
 * start is on the next day (a night duty 20:00–08:00). Null when a time is not HH:MM or the date not a date.
 */
export function dutyWindow(date: string, start: string, end: string, tz: TzOffset): { startsAt: number; endsAt: number } | null {
  const s = clockMinutes(start);
  const e = clockMinutes(end);
  const day = Date.parse(`${date}T00:00:00Z`);
  if (s === null || e === null || !/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(day)) return null;
  const endDay = e <= s ? day + 86_400_000 : day;
  return { startsAt: localMidnight(day, tz) + s * 60_000, endsAt: localMidnight(endDay, tz) + e * 60_000 };
}

/** An alert's handling times (alerts.raised_at / ack_at / closed_at). */
export interface AlertTimes {
  raised_at: number;
  ack_at: number | null;
  closed_at: number | null;
}

/**
 * How a duty handled the alerts raised in its hours: how many were raised, acknowledged and closed, and
 * the mean time to act (raise → first acknowledgement or close, seconds) over those acted on.
 */
export function alertHandling(alerts: readonly AlertTimes[]) {
  let acknowledged = 0;
  let closed = 0;
  let acted = 0;
  let actS = 0;
  for (const a of alerts) {
    if (a.ack_at !== null) acknowledged += 1;
    if (a.closed_at !== null) closed += 1;
    const first = a.ack_at ?? a.closed_at;
    if (first !== null) {
      acted += 1;
      actS += (first - a.raised_at) / 1000;
    }
  }
  return { raised: alerts.length, acknowledged, closed, meanActS: acted ? actS / acted : null };
}

/** The queue-side counts of a KPI report row (src/store/live/reports.ts KpiReportRow). */
export interface ReportCounts {
  offered: number | null;
  answered: number | null;
  shortAbandoned: number | null;
  serviceLevel: number | null;
}

/**
 * Several report totals (a duty manager's duties of a month) as one: the counts are added and the
 * ratios derived by core/kpi's answerRate and serviceLevel (the one formula). A row carries its
 * service level, not the calls answered within the threshold; those are recovered from it exactly
 * (serviceLevel × (offered − shortAbandoned), a whole number of calls).
 */
export function sumReportCounts(rows: readonly ReportCounts[]): { offered: number; answered: number; answerRate: number | null; serviceLevel: number | null } {
  const m: Measures = emptyMeasures();
  for (const r of rows) {
    if (r.offered === null) continue;
    m.offered += r.offered;
    m.answered += r.answered ?? 0;
    m.shortAbandoned += r.shortAbandoned ?? 0;
    m.answeredWithinSl += r.serviceLevel === null ? 0 : Math.round(r.serviceLevel * (r.offered - (r.shortAbandoned ?? 0)));
  }
  return { offered: m.offered, answered: m.answered, answerRate: answerRate(m), serviceLevel: serviceLevel(m) };
}

/** What raises a level of the emergency plan: any condition that is set and holds. */
export interface LevelConditions {
  level: number;
  /** calls waiting now (all queues) at or above this */
  minWaiting: number | null;
  /** service level (percent) of the calls that entered in the last `slMinutes` below this */
  slBelow: number | null;
  slMinutes: number | null;
}

/** The live figures the levels are checked against. */
export interface LevelFigures {
  waiting: number;
  /** service level (0–1) of the calls that entered in the last `minutes`, null when none did */
  serviceLevelOver: (minutes: number) => number | null;
}

export const DEFAULT_SL_MINUTES = 15;

/** The highest level whose conditions the figures meet, with the figures that met it; null when none. */
export function levelReached(levels: readonly LevelConditions[], f: LevelFigures): { level: number; figures: Record<string, number | null> } | null {
  let best: { level: number; figures: Record<string, number | null> } | null = null;
  for (const l of levels) {
    const figures: Record<string, number | null> = {};
    let met = false;
    if (l.minWaiting !== null && f.waiting >= l.minWaiting) {
      met = true;
      figures.waiting = f.waiting;
    }
    if (l.slBelow !== null) {
      const minutes = l.slMinutes ?? DEFAULT_SL_MINUTES;
      const sl = f.serviceLevelOver(minutes);
      if (sl !== null && sl * 100 < l.slBelow) {
        met = true;
        figures.serviceLevel = sl;
        figures.slMinutes = minutes;
      }
    }
    if (met && (!best || l.level > best.level)) best = { level: l.level, figures };
  }
  return best;
}
