/**
 * The plausible time window of an incoming event (issue 10, finding 1): one event whose time is
 * wrong by a unit (seconds read as ms, µs sent as ms) must be refused at the door, naming the
 * event and the field, and never reach the store or the live floor.
 *
 * Pure: `now` is a parameter. The window is a per-center setting (`live.eventWindow`) with defaults:
 * - not later than `maxAheadHours` (24) after the server clock;
 * - not before `earliest` (1990-01-01 UTC: the bundled Anonymous Bank data set is from 1999), the
 *   start of the center's history;
 * - `maxStateHours` (16): an agent state open longer than this without a change is closed there
 *   (an implicit logout) by the KPI accumulator, so time counted per event is bounded.
 */
import type { ErrorDetail } from '../errors';
import { MAX_EVENT_TS } from '../events';

export { MAX_EVENT_TS };

export const EVENT_WINDOW_KEY = 'live.eventWindow';

export interface EventWindowSettings {
  /** how far after the server clock an event may be, hours */
  maxAheadHours: number;
  /** first day of the center's history, YYYY-MM-DD (UTC midnight) */
  earliest: string;
  /** longest plausible agent state (a shift without any change), hours */
  maxStateHours: number;
}

export const DEFAULT_EVENT_WINDOW: Readonly<EventWindowSettings> = { maxAheadHours: 24, earliest: '1990-01-01', maxStateHours: 16 };

const HOUR = 3_600_000;
/** Beyond what JS Date can represent (±8.64e15 ms): never a time. */
export const JS_DATE_MAX = 8.64e15;
/** Bounds of the settings (a setting outside is clamped): the per-event work stays bounded. */
export const MAX_STATE_HOURS_LIMIT = 72;
export const MAX_AHEAD_HOURS_LIMIT = 24 * 7;

const num = (v: unknown, dflt: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : dflt);

/** The stored setting (only overrides, possibly malformed: it is a free JSON value) over the defaults. */
export function eventWindowSettings(raw: unknown): EventWindowSettings {
  const o = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_EVENT_WINDOW;
  const earliest = typeof o.earliest === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(o.earliest) && !Number.isNaN(Date.parse(o.earliest)) ? o.earliest : d.earliest;
  return {
    maxAheadHours: num(o.maxAheadHours, d.maxAheadHours, 0, MAX_AHEAD_HOURS_LIMIT),
    earliest,
    maxStateHours: num(o.maxStateHours, d.maxStateHours, 1, MAX_STATE_HOURS_LIMIT),
  };
}

/** Longest counted agent state, ms. */
export const maxStateMs = (s: EventWindowSettings) => Math.round(s.maxStateHours * HOUR);

export interface TimeWindow {
  /** first accepted instant, epoch ms */
  earliest: number;
  /** last accepted instant, epoch ms */
  latest: number;
}

/** The window at `now` (epoch ms). */
export function timeWindow(s: EventWindowSettings, now: number): TimeWindow {
  return { earliest: Date.parse(s.earliest), latest: Math.min(now + s.maxAheadHours * HOUR, MAX_EVENT_TS) };
}

export type TimeUnit = 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds';
const UNIT_FACTOR: Record<TimeUnit, number> = { seconds: 1e-3, milliseconds: 1, microseconds: 1e3, nanoseconds: 1e6 };

/**
 * An out-of-window time read as milliseconds: which unit it is probably in, if dividing (or
 * multiplying) by a power of 1000 lands it in the window.
 */
export function guessUnit(tsMs: number, w: TimeWindow): TimeUnit | null {
  for (const u of ['microseconds', 'nanoseconds', 'seconds'] as const) {
    const v = tsMs / UNIT_FACTOR[u];
    if (v >= w.earliest && v <= w.latest) return u;
  }
  return null;
}

const iso = (ts: number) => (Math.abs(ts) < JS_DATE_MAX ? new Date(ts).toISOString() : String(ts));

export interface TsProblem extends ErrorDetail {
  reason: 'event.tsInFuture' | 'event.tsBeforeHistory' | 'event.tsUnit';
  /** English, names the value and what to do; the caller prefixes the event / line */
  message: string;
  params: Record<string, string | number>;
}

/**
 * Why an event time (epoch ms) is outside the window, or null when it is inside. A time that is
 * inside the window once read in another unit is reported as a unit problem (`event.tsUnit`).
 * `expected` names the unit the source should use (default: epoch milliseconds).
 */
export function tsProblem(ts: number, w: TimeWindow, expected = 'epoch milliseconds'): TsProblem | null {
  if (ts >= w.earliest && ts <= w.latest) return null;
  const unit = guessUnit(ts, w);
  if (unit) {
    return {
      reason: 'event.tsUnit',
      message: `ts ${ts} looks like ${unit} (${iso(ts / UNIT_FACTOR[unit])} if so), expected ${expected}`,
      params: { ts, unit, expected, asIs: iso(ts / UNIT_FACTOR[unit]) },
    };
  }
  if (ts > w.latest) {
    return {
      reason: 'event.tsInFuture',
      message: `ts ${ts} (${iso(ts)}) is after ${iso(w.latest)}, the latest time accepted now (server clock + allowed lead)`,
      params: { ts, at: iso(ts), latest: iso(w.latest) },
    };
  }
  return {
    reason: 'event.tsBeforeHistory',
    message: `ts ${ts} (${iso(ts)}) is before ${iso(w.earliest)}, where the center's history starts`,
    params: { ts, at: iso(ts), earliest: iso(w.earliest) },
  };
}
