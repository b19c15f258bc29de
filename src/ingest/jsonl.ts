/** JSON lines of normalised events (one object a line), validated with the core zod schema. */
import { EVENT_TYPES, fastEvent, validateEvent, type CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import { countUnknown, emptyResult, reject, splitLines, timeReject, type ParseResult } from './common';

const KNOWN = new Set<string>(EVENT_TYPES);

/** Incremental: feed lines with their numbers; keeps seen ids for idempotency. */
export class JsonlParser {
  readonly result: ParseResult = emptyResult();
  private readonly seen = new Set<string>();
  /** plausible times (see core/live/eventWindow); without one only the schema's ceiling applies */
  constructor(private readonly window?: TimeWindow) {}

  /** Forget the ids seen so far (a stream: the store still counts a later repeat as a duplicate). */
  forgetSeen(): void {
    this.seen.clear();
  }

  add(text: string, line: number): void {
    if (text.charCodeAt(0) !== 123 /* { */ && !text.trim()) return; // blank line
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message.slice(0, 200);
      this.result.rejects.push(reject(line, 'line', 'import.invalidJson', `invalid JSON: ${message}`, { message }));
      return;
    }
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const t = (obj as { type?: unknown }).type;
      if (typeof t === 'string' && !KNOWN.has(t)) {
        countUnknown(this.result, t); // an event kind we do not know: counted, not fatal
        return;
      }
    }
    const ts = this.window && obj && typeof obj === 'object' ? (obj as { ts?: unknown }).ts : undefined;
    if (typeof ts === 'number') {
      // (without a window timeReject accepts any time: the label below is built only when there is one)
      const id = (obj as { id?: unknown }).id;
      const bad = timeReject(line, 'ts', ts, this.window, undefined, typeof id === 'string' && id ? `event '${id}': ts` : 'ts');
      if (bad) {
        this.result.rejects.push(bad);
        return;
      }
    }
    // the schema's fast path first (no result object an event); anything it does not accept outright, the schema
    const event = fastEvent(obj) ?? this.validated(obj, line);
    if (!event) return;
    if (this.seen.has(event.id)) {
      this.result.duplicates += 1;
      return;
    }
    this.seen.add(event.id);
    this.result.events.push(event);
    if (event.type === 'survey') (this.result.lines ??= new Map()).set(event.id, line);
  }

  /** The event by the zod schema, or undefined with the line's reject recorded. */
  private validated(obj: unknown, line: number): CallFloorEvent | undefined {
    const v = validateEvent(obj);
    if (v.ok) return v.event;
    this.result.rejects.push(
      v.reason
        ? { line, reason: v.error, field: v.field, code: v.reason, params: { ...v.params, line } }
        : reject(line, v.field ?? 'line', 'import.invalidEvent', v.error, { field: v.field ?? '', message: v.error.slice(0, 200) }),
    );
    return undefined;
  }
}

export function parseJsonl(text: string, opts: { window?: TimeWindow } = {}): ParseResult {
  const p = new JsonlParser(opts.window);
  splitLines(text).forEach((l, i) => p.add(l, i + 1));
  return p.result;
}

export async function parseJsonlStream(lines: AsyncIterable<string>, opts: { window?: TimeWindow } = {}): Promise<ParseResult> {
  const p = new JsonlParser(opts.window);
  let n = 0;
  for await (const l of lines) p.add(l, ++n);
  return p.result;
}
