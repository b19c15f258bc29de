import type { CallFloorEvent } from '../core/events';
import { tsProblem, type TimeWindow } from '../core/live/eventWindow';

export interface Reject {
  line: number; // 1-based line number in the source
  reason: string; // English, names the field
  /** the bad field, a stable reason code (the web shows `errors.<code>`) and its params, where known */
  field?: string;
  code?: string;
  params?: Record<string, string | number>;
}

export interface ParseResult {
  events: CallFloorEvent[];
  rejects: Reject[];
  /** event kinds the adapter does not know, with how often they occurred (never fatal) */
  unknownEvents: Record<string, number>;
  /** exact repeats of an earlier record, skipped */
  duplicates: number;
  /** records understood and deliberately skipped, by why (e.g. the bank's PHANTOM calls) */
  skipped: Record<string, number>;
  /** source line of events that may still be refused when stored (surveys: unknown agent or call), by event id */
  lines?: Map<string, number>;
}

export function emptyResult(): ParseResult {
  return { events: [], rejects: [], unknownEvents: {}, duplicates: 0, skipped: {} };
}

/**
 * A line whose time (epoch ms, already converted from the source's unit) is outside the plausible
 * window (the center's `live.eventWindow` at the clock, given by the doors: CLI and API import): the
 * reject naming the line and the problem (a unit mistake is said as such), or null when it is fine
 * or there is no window (a parser called directly, e.g. on a hand-made fixture; the schema's
 * 2100-01-01 ceiling and queue_log's digit check still apply). The reject carries the field, the
 * reason code (`event.tsUnit`, `event.tsInFuture`, `event.tsBeforeHistory`) and its params.
 * `label` (default: the field) prefixes the English reason, e.g. "event 'c1': ts".
 */
export function timeReject(line: number, field: string, ts: number, window: TimeWindow | undefined, expected?: string, label = field): Reject | null {
  if (!window) return null;
  const p = tsProblem(ts, window, expected);
  return p ? { line, reason: `${label}: ${p.message}`, field, code: p.reason, params: { ...p.params, line, field } } : null;
}

const UNITS = [
  [18, 'nanoseconds', 1e9],
  [15, 'microseconds', 1e6],
  [12, 'milliseconds', 1e3],
] as const;

/**
 * A source column documented as epoch *seconds* (queue_log) holding a longer number: which unit it
 * looks like, as a reject reason saying what to do; null when the number has at most 11 digits
 * before the point (epoch seconds up to the year 5138).
 */
export function epochSecondsUnitProblem(field: string, t: string): string | null {
  return epochSecondsUnitReject(0, field, t)?.reason ?? null;
}

/** The same as a reject of line `line`, with the reason code `import.timeUnit` and its params. */
export function epochSecondsUnitReject(line: number, field: string, t: string): Reject | null {
  const digits = t.split('.')[0]!.replace(/^0+/, '').length;
  for (const [min, unit, factor] of UNITS) {
    if (digits < min) continue;
    const s = Number(t) / factor;
    const iso = Number.isFinite(s) && s * 1000 < 8.64e15 ? new Date(s * 1000).toISOString() : '';
    const at = iso ? ` (${iso} if so)` : '';
    return {
      line,
      reason: `${field}: '${t.slice(0, 30)}' has ${digits} digits and looks like epoch ${unit}${at}; this column must be epoch seconds (10 digits): divide it by ${factor} and import again`,
      field,
      code: 'import.timeUnit',
      params: { line, field, value: t.slice(0, 30), digits, unit, factor },
    };
  }
  return null;
}

/** A reject with its stable reason code (`errors.<code>` on the web) and params (the line among them). */
export function reject(line: number, field: string, code: string, reason: string, params: Record<string, string | number> = {}): Reject {
  return { line, reason, field, code, params: { line, field, ...params } };
}

// Time zones are core's (pure arithmetic on Intl); re-exported for the parsers that take a --tz.
export { localToEpoch, tzOffsetFn, zoneOffsetMin, type Tz } from '../core/timezone';

/** "H:MM:SS" → seconds, or null. */
export function hmsToSeconds(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Split one CSV line (RFC 4180 quoting, no embedded newlines). */
export function splitCsvLine(line: string, sep = ','): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === sep) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Lines without their end-of-line (LF or CRLF) and without a leading BOM. */
export function splitLines(text: string): string[] {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = t.split('\n');
  for (let i = 0; i < lines.length; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function countUnknown(r: ParseResult, kind: string): void {
  r.unknownEvents[kind] = (r.unknownEvents[kind] ?? 0) + 1;
}

export function countSkipped(r: ParseResult, why: string): void {
  r.skipped[why] = (r.skipped[why] ?? 0) + 1;
}

export interface TalkSpan {
  agent: string;
  queue: string;
  from: number; // epoch ms
  to: number;
  id: string; // id base of the call the span belongs to
}

/**
 * Per-call sources know only each call's talk span. An agent is talking while any of its calls
 * is (overlaps merged), and otherwise unknown (logged out), so staffed = talk for these sources.
 */
export function talkSpanEvents(spans: readonly TalkSpan[]): CallFloorEvent[] {
  const by = new Map<string, TalkSpan[]>();
  for (const s of spans) {
    if (s.to <= s.from) continue;
    const l = by.get(s.agent);
    if (l) l.push(s);
    else by.set(s.agent, [s]);
  }
  const out: CallFloorEvent[] = [];
  for (const [agent, l] of by) {
    l.sort((a, b) => a.from - b.from || a.to - b.to);
    let cur = { ...l[0]! };
    const flush = () => {
      out.push({ id: `${cur.id}:talk`, ts: cur.from, type: 'agent.talking', agent, queue: cur.queue });
      out.push({ id: `${cur.id}:off`, ts: cur.to, type: 'agent.logout', agent });
    };
    for (const s of l.slice(1)) {
      if (s.from > cur.to) {
        flush();
        cur = { ...s };
      } else cur.to = Math.max(cur.to, s.to);
    }
    flush();
  }
  return out;
}
