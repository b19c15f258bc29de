/** Shared helpers of the WFM pages: times on the center's clock (src/web/format.ts), whatever the browser's zone. */
import { centerClock, fmtDayOfWeek, fromCenterInput, toCenterInput } from '../../format';

export const pad = (n: number) => String(n).padStart(2, '0');
/** 14:05 on the center's clock */
export const hm = (ts: number) => centerClock(ts).hm;
/** the center's day of an instant, YYYY-MM-DD */
export const ymd = (ts: number) => centerClock(ts).day;
/** 12/7 (Mon), the center's day, in a language */
export const mdw = (ts: number, locale: string) => fmtDayOfWeek(ts, locale);
/** Monday of the center's week containing ts, as YYYY-MM-DD. */
export function mondayOf(ts: number) {
  const c = centerClock(ts);
  return new Date(Date.parse(`${c.day}T00:00:00Z`) - c.weekday * 86_400_000).toISOString().slice(0, 10);
}
/** datetime-local value ↔ epoch ms, on the center's clock */
export const toLocalInput = toCenterInput;
export const fromLocalInput = fromCenterInput;
