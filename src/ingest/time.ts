/** Time-zone and date arguments shared by the CLI and the API (import --tz, report --from/--to). */
import { calendarDateProblem } from '../core/calendar';
import { validationError } from '../core/errors';
import { localToEpoch, tzOffsetFn, type Tz } from '../core/timezone';

/** '+480', '-300' (minutes east of UTC), 'UTC' or an IANA name like 'Asia/Shanghai'. */
export function parseTz(s: string | undefined, field = 'tz'): Tz | undefined {
  if (s === undefined || s === '') return undefined;
  if (/^[+-]?\d+$/.test(s)) return Number(s);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s });
  } catch {
    throw validationError(field, `unknown time zone '${s}' (use an IANA name like Asia/Shanghai, or minutes east of UTC)`, {
      reason: 'input.unknownTimeZone',
      params: { field, value: s },
    });
  }
  return s;
}

export { tzOffsetFn };

/**
 * A report bound: 'YYYY-MM-DD' (local midnight in tz; as an end, the day is included),
 * 'YYYY-MM-DDTHH:MM[:SS]' (local), or an ISO time with a zone / epoch ms.
 */
export function parseTimeArg(s: string | undefined, tz: Tz | undefined, field: string, asEnd = false): number | undefined {
  if (s === undefined || s === '') return undefined;
  if (/^\d{10,}$/.test(s)) return Number(s);
  // a date part must be a real day in 2000–2100 (no 2026-13-45 rolling over into the next year)
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  const bad = ymd && calendarDateProblem(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), s);
  if (bad)
    throw validationError(field, bad.reason === 'input.badDate' ? `not a date: '${s}'` : `'${s}' is out of range (${bad.params.min} to ${bad.params.max})`, {
      reason: bad.reason,
      params: { field, ...bad.params },
    });
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (d) {
    const t = localToEpoch(Number(d[1]), Number(d[2]), Number(d[3]) + (asEnd ? 1 : 0), 0, 0, 0, tz ?? 0);
    if (Number.isNaN(t)) throw validationError(field, `not a date: '${s}'`, { reason: 'input.badDate', params: { field, value: s } });
    return t;
  }
  const dt = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (dt) return localToEpoch(Number(dt[1]), Number(dt[2]), Number(dt[3]), Number(dt[4]), Number(dt[5]), Number(dt[6] ?? 0), tz ?? 0);
  const t = Date.parse(s);
  if (Number.isNaN(t))
    throw validationError(field, `expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or an ISO time, got '${s}'`, {
      reason: 'input.badTime',
      params: { field, value: s },
    });
  return t;
}
