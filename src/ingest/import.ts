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
import { parseSurveyCsv } from './survey';

import { IMPORT_FORMATS, type ImportFormat } from '../core/live/names';
export { IMPORT_FORMATS, type ImportFormat };

export function isImportFormat(s: string): s is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(s);
}

export interface ParseOptions {
  tz?: Tz;
  /**
   * The plausible times (the center's `live.eventWindow` at the clock, see core/live/eventWindow); a
   * line outside it is rejected with its number and why (a time column in the wrong unit is said as
   * such), the others go on. Without one (direct callers, fixtures) only the schema's 2100-01-01
   * ceiling and queue_log's digit check apply.
   */
  window?: TimeWindow;
  /** survey-csv: the scale of rows without one (the center's `survey.defaultScale`) */
  surveyScale?: number;
}

/** Parse a file (see ParseOptions for the time window). */
export function parseText(format: ImportFormat, text: string, opts: ParseOptions = {}): { result: ParseResult; linesRead: number } {
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
    case 'survey-csv':
      return { result: parseSurveyCsv(text, { tz, window, defaultScale: opts.surveyScale }), linesRead };
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
  /** rejected lines, in line order (a stream lists the first MAX_LISTED_REJECTS) */
  rejected: Reject[];
  /** every rejected line, listed or not */
  rejectedTotal: number;
  unknownEvents: Record<string, number>;
  skipped: Record<string, number>;
  /** the first and last time of the file's telephony events (the imported period), null when none */
  firstTs: number | null;
  lastTs: number | null;
}

export interface ImportSink {
  /** `rejected`: events the store refused (a survey naming an unknown agent or call), by event id, with why */
  store(events: CallFloorEvent[]): Promise<{
    accepted: number;
    duplicates: number;
    rejected?: { id: string; field: string; reason: string; params: Record<string, string | number>; message: string }[];
  }>;
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
  // telephony first, survey answers last: an answer may name a call of the same file
  const surveys = result.events.filter((e) => e.type === 'survey');
  const events = surveys.length ? [...result.events.filter((e) => e.type !== 'survey'), ...surveys] : result.events;
  const size = opts.batchSize ?? IMPORT_BATCH;
  let stored = 0;
  let dup = 0;
  const refused: Reject[] = [];
  for (let i = 0; i < events.length; i += size) {
    const r = await sink.store(events.slice(i, i + size));
    stored += r.accepted;
    dup += r.duplicates;
    for (const x of r.rejected ?? []) {
      const line = result.lines?.get(x.id) ?? 0;
      refused.push({ line, reason: x.message, field: x.field, code: x.reason, params: { ...x.params, line } });
    }
    opts.onProgress?.(Math.min(i + size, events.length), events.length);
  }
  const telephony = surveys.length ? events.filter((e) => e.type !== 'survey') : events;
  const lastTs = telephony.length ? telephony.reduce((m, e) => Math.max(m, e.ts), 0) : null;
  if (lastTs !== null && sink.finish) await sink.finish(lastTs);
  const rejected = refused.length ? [...result.rejects, ...refused].sort((a, b) => a.line - b.line) : result.rejects;
  return {
    format,
    linesRead,
    eventsParsed: events.length,
    eventsStored: stored,
    duplicates: result.duplicates + dup,
    rejected,
    rejectedTotal: rejected.length,
    unknownEvents: result.unknownEvents,
    skipped: result.skipped,
    firstTs: telephony.length ? telephony.reduce((m, e) => Math.min(m, e.ts), Infinity) : null,
    lastTs,
  };
}

export async function importText(
  format: ImportFormat,
  text: string,
  sink: ImportSink,
  opts: ParseOptions & { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  return storeParsed(format, parseText(format, text, opts), sink, opts);
}
