/** Interval arithmetic. Offsets are minutes east of UTC (UTC+8 → 480), fixed or per instant. */
export type IntervalMin = 15 | 30 | 60;
export type TzOffset = number | ((tsMs: number) => number);

export function offsetAt(tz: TzOffset | undefined, ts: number): number {
  if (tz === undefined) return 0;
  return typeof tz === 'number' ? tz : tz(ts);
}

/** Start (epoch ms) of the local interval containing ts. */
export function intervalStart(ts: number, intervalMin: number, tz?: TzOffset): number {
  const size = intervalMin * 60_000;
  const off = offsetAt(tz, ts) * 60_000;
  return Math.floor((ts + off) / size) * size - off;
}

/** Split [from, to) into pieces by interval: calls fn(intervalStart, seconds). */
export function splitByInterval(from: number, to: number, intervalMin: number, tz: TzOffset | undefined, fn: (start: number, seconds: number) => void): void {
  const size = intervalMin * 60_000;
  let a = from;
  while (a < to) {
    const s = intervalStart(a, intervalMin, tz);
    const e = Math.min(s + size, to);
    fn(s, (e - a) / 1000);
    if (e <= a) break; // defensive: never loop forever on odd offsets
    a = e;
  }
}

/** Local calendar day (YYYY-MM-DD) of an instant, for day / month rollups. */
export function localDay(ts: number, tz?: TzOffset): string {
  return new Date(ts + offsetAt(tz, ts) * 60_000).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

/** The Monday (YYYY-MM-DD) of the week of a local date (YYYY-MM-DD): the key of a week report row. */
export function weekOfDay(day: string): string {
  const d = Math.floor(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
  const wd = (((d + 3) % 7) + 7) % 7; // day 0 (1970-01-01) was a Thursday; 0 = Monday
  return new Date((d - wd) * DAY_MS).toISOString().slice(0, 10);
}

/** First instant of a local calendar date (given as its UTC midnight, e.g. Date.UTC(y, m, d)) in tz. */
export function localMidnight(dateUtcMidnight: number, tz?: TzOffset): number {
  let g = dateUtcMidnight - offsetAt(tz, dateUtcMidnight) * 60_000;
  g = dateUtcMidnight - offsetAt(tz, g) * 60_000; // settle across an offset change
  return g;
}

/**
 * Start (epoch ms) of the local day containing ts: the key of the daily rollups. The day is the
 * one localDay(ts, tz) names, so a day's rollup row is the sum of exactly the intervals that an
 * interval-by-interval report would put on that day.
 */
export function localDayStart(ts: number, tz?: TzOffset): number {
  return localMidnight(Math.floor((ts + offsetAt(tz, ts) * 60_000) / DAY_MS) * DAY_MS, tz);
}

/** Start of the local day after the one that starts at dayStart (23, 24 or 25 hours later). */
export function nextLocalDayStart(dayStart: number, tz?: TzOffset): number {
  return localMidnight(Math.floor((dayStart + offsetAt(tz, dayStart) * 60_000) / DAY_MS) * DAY_MS + DAY_MS, tz);
}
