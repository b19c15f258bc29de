/**
 * Calendar-date sanity shared by the route atoms (src/server/schemas.ts) and the report arguments
 * (src/ingest/time.ts): a real day (no 2026-13-45, no 2026-02-30) in years 2000–2100.
 */
export const DATE_MIN_YEAR = 2000;
export const DATE_MAX_YEAR = 2100;

export type DateProblem =
  { reason: 'input.badDate'; params: { value: string } } | { reason: 'input.dateOutOfRange'; params: { value: string; min: string; max: string } };

/** null when y-m-d is a real day inside the allowed years, else the reason. */
export function calendarDateProblem(y: number, m: number, d: number, value: string): DateProblem | null {
  const last = m >= 1 && m <= 12 ? new Date(Date.UTC(2000, m, 0)).getUTCDate() : 0; // 2000 is a leap year
  const leapOk = !(m === 2 && d === 29) || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  if (d < 1 || d > last || !leapOk) return { reason: 'input.badDate', params: { value: value.slice(0, 40) } };
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
    return { reason: 'input.dateOutOfRange', params: { value, min: `${DATE_MIN_YEAR}-01-01`, max: `${DATE_MAX_YEAR}-12-31` } };
  return null;
}
