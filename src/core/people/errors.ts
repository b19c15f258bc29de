import { InputError, type ErrorDetail } from '../errors';

/**
 * A rejected input in the people core, one of core's InputErrors: `field` names the offending input
 * field (dotted path), `why` the people core's own name for the problem (bad_date, other_team,
 * insufficient_funds, …). Its kind is `forbidden` for forbidden / other_team, else `validation`.
 */
export class PeopleError extends InputError {
  readonly why: string;
  constructor(why: string, field: string, message: string, detail?: ErrorDetail) {
    super(field, message, detail, why === 'forbidden' || why === 'other_team' ? 'forbidden' : 'validation');
    this.name = 'PeopleError';
    this.why = why;
  }
}

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' date; throws naming `field` if malformed. */
export function dayNumber(date: string, field = 'date'): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new PeopleError('bad_date', field, `expected YYYY-MM-DD, got ${JSON.stringify(date)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new PeopleError('bad_date', field, `not a calendar date: ${date}`);
  }
  return ms / 86_400_000;
}

/** 'YYYY-MM-DD' of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Milliseconds of an ISO timestamp; throws naming `field` if unparsable. */
export function parseTime(iso: string, field: string): number {
  const t = typeof iso === 'string' ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) throw new PeopleError('bad_time', field, `expected an ISO timestamp, got ${JSON.stringify(iso)}`);
  return t;
}

/** Weekday of a 'YYYY-MM-DD' date: 1 = Monday … 7 = Sunday (ISO). */
export function isoWeekday(date: string): number {
  const wd = new Date(dayNumber(date) * 86_400_000).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
