/**
 * The streaming import (issue 16), the one path of the CLI `import` and `POST /api/import`: the file is
 * read chunk by chunk, split into lines, parsed and stored in batches as it arrives, so memory stays
 * flat whatever the size and a server yields to other requests between batches. The head is sniffed
 * first: a binary file or one of another format is refused before anything is stored.
 *
 * queue_log (pipe or realtime CSV) and JSONL stream line by line. queue_log lines are put in time order
 * within a moving window (REORDER_MS): a line more than that out of order is still imported, after the
 * later ones. anonymous-bank, pwc and survey-csv need the whole file (talk spans merged per agent,
 * surveys naming calls of the same file): they are read the same way and parsed at the end, up to
 * WHOLE_FILE_LIMIT bytes.
 */
import { StringDecoder } from 'node:string_decoder';
import { validationError } from '../core/errors';
import type { CallFloorEvent } from '../core/events';
import { emptyResult, reject, timeReject, type ParseResult, type Reject } from './common';
import { parseText, type ImportFormat, type ImportReport, type ImportSink, type ParseOptions } from './import';
import { JsonlParser } from './jsonl';
import { looksLikeCsv, parsePipeLine, QueueLogState, queueLogCsvRows, type CsvRowParser, type QueueLogRecord } from './queueLog';
import { sniffImport, SNIFF_BYTES } from './sniff';

/** queue_log lines may be this much out of time order and still be read as if sorted. */
export const REORDER_MS = 10 * 60_000;
/** At most this many queue_log records held for ordering (a file far out of order is read in this window). */
const MAX_HELD = 200_000;
/** A longer line is refused (named) instead of held: a binary tail or a file without line breaks. */
export const MAX_LINE_CHARS = 1024 * 1024;
/** Formats parsed as a whole are read up to this size. */
export const WHOLE_FILE_LIMIT = 512 * 1024 * 1024;
/** Rejected lines listed in the report; the rest are counted (`rejectedTotal`). */
export const MAX_LISTED_REJECTS = 1000;

export interface ImportProgress {
  /** bytes read of the file, and its size when known */
  bytes: number;
  totalBytes: number | null;
  lines: number;
  eventsStored: number;
  duplicates: number;
  rejected: number;
  /** events parsed per second so far */
  eventsPerS: number;
  /** seconds left at the pace so far (size known), else null */
  etaS: number | null;
}

export interface StreamImportOptions extends ParseOptions {
  /** lines parsed between two stores (and two yields) */
  batchLines?: number;
  /** events per store call (default batchLines): a synchronous store (SQLite) holds the process this long */
  storeBatch?: number;
  /** the file's size when known (the ETA) */
  totalBytes?: number;
  onProgress?: (p: ImportProgress) => void;
  /** options that depend on the format found (a survey's default scale) */
  optionsFor?: (format: ImportFormat) => Promise<ParseOptions>;
  /** the clock for rates (default Date.now) */
  now?: () => number;
}

/** A parser fed lines in file order; `take` hands on the events ready to store. */
interface LineParser {
  line(text: string, no: number): void;
  take(final: boolean): CallFloorEvent[];
  /** rejects, duplicates, unknown and skipped kinds so far (rejects are moved out by the caller) */
  results(): ParseResult[];
}

class QueueLogLines implements LineParser {
  private readonly st = new QueueLogState();
  private readonly own = emptyResult();
  private held: QueueLogRecord[] = [];
  private maxTs = -Infinity;
  private csv: CsvRowParser | null = null;
  private first = true;
  private dead = false;
  constructor(private readonly opts: ParseOptions) {}

  line(text: string, no: number): void {
    if (this.first && text.trim()) {
      this.first = false;
      if (looksLikeCsv(text)) {
        const row = queueLogCsvRows(text, this.opts);
        if (typeof row === 'function') this.csv = row;
        else {
          this.own.rejects.push(row);
          this.dead = true;
        }
        return;
      }
    }
    if (this.dead || !text.trim()) return;
    const r = this.csv ? this.csv(text, no) : parsePipeLine(text, no);
    if (!r) return;
    if ('reason' in r) {
      this.own.rejects.push(r);
      return;
    }
    const bad = timeReject(r.line, 'time', r.ts, this.opts.window, 'epoch seconds');
    if (bad) {
      this.own.rejects.push(bad);
      return;
    }
    this.held.push(r);
    if (r.ts > this.maxTs) this.maxTs = r.ts;
  }

  take(final: boolean): CallFloorEvent[] {
    this.held.sort((a, b) => a.ts - b.ts); // stable: file order within a second, as the whole-file parser
    const cut = final ? Infinity : this.maxTs - REORDER_MS;
    let n = 0;
    while (n < this.held.length && this.held[n]!.ts <= cut) n++;
    n = Math.max(n, this.held.length - MAX_HELD);
    for (let i = 0; i < n; i++) this.st.add(this.held[i]!);
    this.held = this.held.slice(n);
    if (!final) this.st.forgetBefore(cut - REORDER_MS);
    return this.st.result.events.splice(0).sort((a, b) => a.ts - b.ts);
  }

  results(): ParseResult[] {
    return [this.own, this.st.result];
  }
}

class JsonlLines implements LineParser {
  private readonly p: JsonlParser;
  /** survey answers wait for the end: one may name a call further down the file */
  private surveys: CallFloorEvent[] = [];
  constructor(opts: ParseOptions) {
    this.p = new JsonlParser(opts.window);
  }
  line(text: string, no: number): void {
    this.p.add(text, no);
  }
  take(final: boolean): CallFloorEvent[] {
    const all = this.p.result.events.splice(0);
    const out: CallFloorEvent[] = [];
    for (const e of all) (e.type === 'survey' ? this.surveys : out).push(e);
    this.p.forgetSeen(); // a later repeat is counted by the store
    if (final) {
      out.push(...this.surveys);
      this.surveys = [];
    }
    return out;
  }
  results(): ParseResult[] {
    return [this.p.result];
  }
}

/** anonymous-bank, pwc, survey-csv: lines kept, parsed as one text at the end. */
class WholeFile implements LineParser {
  private lines: string[] = [];
  private chars = 0;
  private result = emptyResult();
  constructor(
    private readonly format: ImportFormat,
    private readonly opts: ParseOptions,
  ) {}
  line(text: string): void {
    this.chars += text.length + 1;
    if (this.chars > WHOLE_FILE_LIMIT) {
      const maxMb = WHOLE_FILE_LIMIT / 1024 / 1024;
      throw validationError('file', `${this.format} files are read whole, at most ${maxMb} MB; split the file`, {
        reason: 'import.tooLargeForFormat',
        params: { field: 'file', format: this.format, maxMb },
      });
    }
    this.lines.push(text);
  }
  take(final: boolean): CallFloorEvent[] {
    if (!final) return [];
    const { result } = parseText(this.format, this.lines.join('\n'), this.opts);
    this.lines = [];
    this.result = result;
    // telephony first, survey answers last: an answer may name a call of the same file
    const surveys = result.events.filter((e) => e.type === 'survey');
    const events = surveys.length ? [...result.events.filter((e) => e.type !== 'survey'), ...surveys] : result.events;
    result.events = [];
    return events;
  }
  results(): ParseResult[] {
    return [this.result];
  }
}

function parserFor(format: ImportFormat, opts: ParseOptions): LineParser {
  if (format === 'queue_log') return new QueueLogLines(opts);
  if (format === 'jsonl') return new JsonlLines(opts);
  return new WholeFile(format, opts);
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Read `source` (a file or request stream) and import it; see the file comment. */
export async function importStream(
  format: ImportFormat | 'auto',
  source: AsyncIterable<Uint8Array | string>,
  sink: ImportSink,
  opts: StreamImportOptions = {},
): Promise<ImportReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const it = source[Symbol.asyncIterator]();
  // the head: enough bytes to judge the file, before anything is parsed or stored
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < SNIFF_BYTES) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    const b = typeof n.value === 'string' ? Buffer.from(n.value) : Buffer.from(n.value.buffer, n.value.byteOffset, n.value.byteLength);
    head.push(b);
    headSize += b.length;
  }
  const headBuf = Buffer.concat(head);
  const fmt = sniffImport(headBuf.subarray(0, SNIFF_BYTES), format);
  const popts: ParseOptions = { ...opts, ...(opts.optionsFor ? await opts.optionsFor(fmt) : {}) };
  const parser = parserFor(fmt, popts);
  const batchLines = opts.batchLines ?? 20_000;
  const storeBatch = opts.storeBatch ?? batchLines;

  const listed: Reject[] = [];
  let rejectedTotal = 0;
  const counts = { lines: 0, bytes: 0, parsed: 0, stored: 0, storeDup: 0 };
  let firstTs = Infinity;
  let lastTs = -Infinity;
  const addRejects = (rs: Reject[]) => {
    rejectedTotal += rs.length;
    for (const r of rs) if (listed.length < MAX_LISTED_REJECTS) listed.push(r);
  };
  const drainRejects = () => {
    for (const r of parser.results()) if (r.rejects.length) addRejects(r.rejects.splice(0));
  };
  const progress = () => {
    if (!opts.onProgress) return;
    const s = Math.max((now() - started) / 1000, 0.001);
    const total = opts.totalBytes ?? null;
    const rate = counts.bytes / s;
    opts.onProgress({
      bytes: counts.bytes,
      totalBytes: total,
      lines: counts.lines,
      eventsStored: counts.stored,
      duplicates: counts.storeDup + parser.results().reduce((n, r) => n + r.duplicates, 0),
      rejected: rejectedTotal,
      eventsPerS: Math.round(counts.parsed / s),
      etaS: total && rate > 0 ? Math.max(0, Math.round((total - counts.bytes) / rate)) : null,
    });
  };
  const store = async (final: boolean) => {
    const events = parser.take(final);
    counts.parsed += events.length;
    for (let i = 0; i < events.length; i += storeBatch) {
      const part = events.slice(i, i + storeBatch);
      const r = await sink.store(part);
      counts.stored += r.accepted;
      counts.storeDup += r.duplicates;
      for (const e of part)
        if (e.type !== 'survey') {
          if (e.ts < firstTs) firstTs = e.ts;
          if (e.ts > lastTs) lastTs = e.ts;
        }
      const lineOf = new Map<string, number>();
      for (const p of parser.results()) for (const [id, l] of p.lines ?? []) lineOf.set(id, l);
      addRejects(
        (r.rejected ?? []).map((x) => {
          const line = lineOf.get(x.id) ?? 0;
          return { line, reason: x.message, field: x.field, code: x.reason, params: { ...x.params, line } };
        }),
      );
      if (i + storeBatch < events.length) await yieldNow();
    }
    drainRejects();
    progress();
    await yieldNow(); // let the server answer others between batches
  };

  // lines: decoded across chunk borders, CR and a leading BOM removed, an overlong line refused
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let skipping = false; // inside a line already refused as too long
  let sinceStore = 0;
  const emit = (text: string) => {
    counts.lines++;
    if (counts.lines === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    parser.line(text.endsWith('\r') ? text.slice(0, -1) : text, counts.lines);
  };
  const feed = async (chunk: Buffer) => {
    counts.bytes += chunk.length;
    const text = partial + decoder.write(chunk);
    let at = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', at)) {
      if (skipping) skipping = false;
      else emit(text.slice(at, nl));
      at = nl + 1;
      if (++sinceStore >= batchLines) {
        sinceStore = 0;
        await store(false);
      }
    }
    partial = text.slice(at);
    if (partial.length > MAX_LINE_CHARS && !skipping) {
      counts.lines++;
      addRejects([reject(counts.lines, 'line', 'import.lineTooLong', `longer than ${MAX_LINE_CHARS} characters`, { max: MAX_LINE_CHARS })]);
      skipping = true;
    }
    if (skipping) partial = '';
  };
  if (headBuf.length) await feed(headBuf);
  while (!ended) {
    const n = await it.next();
    if (n.done) break;
    await feed(typeof n.value === 'string' ? Buffer.from(n.value) : Buffer.from(n.value.buffer, n.value.byteOffset, n.value.byteLength));
  }
  const rest = partial + decoder.end();
  if (rest && !skipping) emit(rest);
  await store(true);
  if (lastTs > -Infinity && sink.finish) await sink.finish(lastTs);

  const results = parser.results();
  const merge = (pick: (r: ParseResult) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const r of results) for (const [k, v] of Object.entries(pick(r))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    format: fmt,
    linesRead: counts.lines,
    eventsParsed: counts.parsed,
    eventsStored: counts.stored,
    duplicates: counts.storeDup + results.reduce((n, r) => n + r.duplicates, 0),
    rejected: listed.sort((a, b) => a.line - b.line),
    rejectedTotal,
    unknownEvents: merge((r) => r.unknownEvents),
    skipped: merge((r) => r.skipped),
    firstTs: firstTs === Infinity ? null : firstTs,
    lastTs: lastTs === -Infinity ? null : lastTs,
  };
}
