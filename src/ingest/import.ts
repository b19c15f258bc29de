/**
 * One import path for every format (CLI `import`, the upload API): parse → store in batches →
 * a report (lines read, events stored, duplicates, rejected lines with numbers and reasons,
 * unknown event kinds). Storage is passed in, so this stays free of the database.
 */
import type { CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import { parseAnonymousBank } from './anonymousBank';
import { splitLines, type ParseResult, type Reject, type Tz } from './common';
import { parseJsonl } from './jsonl';
import { parsePwc } from './pwc';
import { parseQueueLogLines } from './queueLog';

export const IMPORT_FORMATS = ['queue_log', 'anonymous-bank', 'pwc', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function isImportFormat(s: string): s is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}

/**
 * Parse a file. `window`: the plausible times (the center's `live.eventWindow` at the clock, see
 * core/live/eventWindow); a line outside it is rejected with its number and why (a time column in
 * the wrong unit is said as such), the others go on. Without one (direct callers, fixtures) only the
 * schema's 2100-01-01 ceiling and queue_log's digit check apply.
 */
export function parseText(format: ImportFormat, text: string, opts: { tz?: Tz; window?: TimeWindow } = {}): { result: ParseResult; linesRead: number } {
  const lines = splitLines(text);
  const linesRead = lines.length;
  const { tz, window } = opts;
  switch (format) {
    case 'queue_log':
      return { result: parseQueueLogLines(lines, { tz, window }), linesRead };
    case 'anonymous-bank':
      return { result: parseAnonymousBank(text, { tz, window }), linesRead };
    case 'pwc':
      return { result: parsePwc(text, { tz, window }), linesRead };
    case 'jsonl':
      return { result: parseJsonl(text, { window }), linesRead };
  }
}

export interface ImportReport {
  format: ImportFormat;
  linesRead: number;
  /** events the parser produced */
  eventsParsed: number;
  /** events new to the store */
  eventsStored: number;
  /** repeated source lines plus events already stored (a re-import is all duplicates) */
  duplicates: number;
  rejected: Reject[];
  unknownEvents: Record<string, number>;
  skipped: Record<string, number>;
}

export interface ImportSink {
  store(events: CallFloorEvent[]): Promise<{ accepted: number; duplicates: number }>;
  /** after the last batch: count agents' open states up to the last event */
  finish?(lastTs: number): Promise<void>;
}

export const IMPORT_BATCH = 20_000;

/** Store parsed events in batches; onProgress(stored, total) after each. */
export async function storeParsed(
  format: ImportFormat,
  parsed: { result: ParseResult; linesRead: number },
  sink: ImportSink,
  opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const { result, linesRead } = parsed;
  const events = result.events;
  const size = opts.batchSize ?? IMPORT_BATCH;
  let stored = 0;
  let dup = 0;
  for (let i = 0; i < events.length; i += size) {
    const r = await sink.store(events.slice(i, i + size));
    stored += r.accepted;
    dup += r.duplicates;
    opts.onProgress?.(Math.min(i + size, events.length), events.length);
  }
  if (events.length && sink.finish) await sink.finish(events.reduce((m, e) => Math.max(m, e.ts), 0));
  return {
    format,
    linesRead,
    eventsParsed: events.length,
    eventsStored: stored,
    duplicates: result.duplicates + dup,
    rejected: result.rejects,
    unknownEvents: result.unknownEvents,
    skipped: result.skipped,
  };
}

export async function importText(
  format: ImportFormat,
  text: string,
  sink: ImportSink,
  opts: { tz?: Tz; window?: TimeWindow; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  return storeParsed(format, parseText(format, text, { tz: opts.tz, window: opts.window }), sink, opts);
}
