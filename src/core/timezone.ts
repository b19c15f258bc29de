/**
 * Time zones as plain arithmetic: offsets of an IANA zone (through Intl, which reads no clock) and
 * local wall-clock times to epoch ms. Shared by ingest (a file's --tz), store (a center's zone) and the edges.
 */

/** A time zone: minutes east of UTC, or an IANA name ('Asia/Shanghai'); default UTC. */
export type Tz = number | string;

const dtfCache = new Map<string, Intl.DateTimeFormat>();
/** Offset (minutes east of UTC) of an IANA zone at an instant. */
export function zoneOffsetMin(zone: string, ts: number): number {
  let f = dtfCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dtfCache.set(zone, f);
  }
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ts))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - Math.floor(ts / 1000) * 1000) / 60_000);
}

/** Offset function for core's KPI options (`tzOffsetMin`) from a Tz. */
export function tzOffsetFn(tz: Tz | undefined): number | ((ts: number) => number) {
  if (tz === undefined) return 0;
  if (typeof tz === 'number') return tz;
  return (ts: number) => zoneOffsetMin(tz, ts);
}

/** Epoch ms of a local wall-clock time in a zone (month 1-12). */
export function localToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, tz: Tz = 0): number {
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (typeof tz === 'number') return wall - tz * 60_000;
  let guess = wall - zoneOffsetMin(tz, wall) * 60_000;
  guess = wall - zoneOffsetMin(tz, guess) * 60_000; // settle across a DST change
  return guess;
}
