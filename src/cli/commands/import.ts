import type { Command } from 'commander';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { validationError } from '../../core/errors';
import { timeWindow, tsProblem, type TimeWindow } from '../../core/live/eventWindow';
import { IMPORT_FORMATS, isImportFormat, type ImportReport, type ImportSink } from '../../ingest/import';
import { importStream, type ImportProgress } from '../../ingest/stream';
import { parsePipeLine, QueueLogState } from '../../ingest/queueLog';
import { parseTz } from '../../ingest/time';
import { useImportCache, type Store } from '../../store/db';
import { flushAgentStates, loadEventWindow, storeEvents } from '../../store/live/ingest';
import { centerOption, openMigratedStore } from '../options';
import { resolveCenterId } from '../../store/scope';
import { defaultSurveyScale } from '../../store/surveys';

/** Stores into one center (`--center`; unset: the only center of the database, several: an error). */
export function storeSink(store: Store, centerId?: number): ImportSink {
  return {
    async store(events) {
      const r = await storeEvents(store, events, { centerId });
      return { accepted: r.accepted.length, duplicates: r.duplicates, rejected: r.rejected };
    },
    finish: (lastTs) => flushAgentStates(store, lastTs, centerId),
  };
}

/**
 * Lines parsed per batch (one transaction) of `callfloor import`: 5,000 queue_log lines (~11,000 events)
 * peaked 40 MB lower than 20,000 at the same CPU time (bench/RESULTS-speed.md).
 */
export const CLI_IMPORT_BATCH_LINES = 5_000;

export function formatImportReport(r: ImportReport, file: string): string {
  const out = [
    `${file} (${r.format}): ${r.linesRead} lines read, ${r.eventsParsed} events parsed, ${r.eventsStored} stored, ${r.duplicates} duplicates, ${r.rejectedTotal} rejected lines`,
  ];
  const unknown = Object.entries(r.unknownEvents);
  if (unknown.length) out.push(`unknown event kinds (not stored): ${unknown.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  const skipped = Object.entries(r.skipped);
  if (skipped.length) out.push(`skipped on purpose: ${skipped.map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  for (const x of r.rejected.slice(0, 50)) out.push(`  line ${x.line}: ${x.reason}`);
  if (r.rejectedTotal > 50) out.push(`  … and ${r.rejectedTotal - 50} more rejected lines (--json lists the first ${r.rejected.length})`);
  const hint = unitHint(r);
  if (hint) out.push(hint);
  return out.join('\n');
}

/**
 * When lines were refused for a time in the wrong unit: one sentence saying so up front (the first
 * such line, how many, what to do), since every other line of such a file is likely the same.
 */
export function unitHint(r: Pick<ImportReport, 'rejected'>): string | null {
  const unit = r.rejected.filter((x) => /looks like (epoch )?(seconds|milliseconds|microseconds|nanoseconds)/.test(x.reason));
  if (!unit.length) return null;
  const first = unit[0]!;
  return `time unit problem: ${unit.length} line(s) have times in the wrong unit, first line ${first.line}: ${first.reason}. Nothing of those lines was imported; convert the time column and import the file again (a re-import stores only what is new).`;
}

export function registerImport(program: Command) {
  program
    .command('import')
    .description('import telephony events (queue_log, anonymous-bank, pwc, jsonl) or IVR survey results (survey-csv) from a file; idempotent')
    .argument('<file>', 'the file to import')
    .requiredOption('--format <format>', `one of ${IMPORT_FORMATS.join(', ')}, or auto (detected from the first line)`)
    .option('--db <target>', 'SQLite file or postgres:// URL')
    .option('--tz <zone>', 'zone of local times in the file (IANA name or minutes east of UTC); default UTC')
    .option('--follow', 'queue_log: keep reading lines appended to the file (Ctrl-C to stop)')
    .option('--center <id>', 'the center the events are for (required when the database has several)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, o) => {
      const center = centerOption(o.center);
      if (o.format !== 'auto' && !isImportFormat(o.format))
        throw validationError('--format', `expected one of ${IMPORT_FORMATS.join(', ')} or auto, got '${o.format}'`, {
          reason: 'input.invalidOption',
          params: { options: [...IMPORT_FORMATS, 'auto'].join(' / ') },
        });
      if (o.follow && o.format !== 'queue_log')
        throw validationError('--follow', 'only for --format queue_log', { reason: 'import.followOnlyQueueLog', params: {} });
      const tz = parseTz(o.tz, '--tz');
      const store = await openMigratedStore(o.db);
      try {
        // which center, once: named, else the only one (several: refused with the option's name)
        const centerId = await resolveCenterId(store.db, center, '--center');
        // the plausible times: the center's live.eventWindow at this machine's clock
        const settings = await loadEventWindow(store, centerId);
        if (o.follow) return await follow(store, file, !!o.json, () => timeWindow(settings, Date.now()), centerId);
        const window = timeWindow(settings, Date.now());
        const totalBytes = statSync(file).size;
        useImportCache(store); // the command's own connection
        const bar = progressLine(totalBytes);
        const report = await importStream(o.format, createReadStream(file, { highWaterMark: 256 * 1024 }), storeSink(store, centerId), {
          tz,
          window,
          totalBytes,
          batchLines: CLI_IMPORT_BATCH_LINES,
          onProgress: bar.update,
          optionsFor: async (f) => (f === 'survey-csv' ? { surveyScale: await defaultSurveyScale(store.db, centerId || null) } : {}),
        });
        bar.done();
        console.log(o.json ? JSON.stringify({ file, ...report }, null, 2) : formatImportReport(report, file));
        const hint = unitHint(report);
        if (hint && o.json) process.stderr.write(`${hint}\n`);
        if (report.rejectedTotal) process.exitCode = 2; // good lines landed; some did not
      } finally {
        if (!o.follow) await store.close();
      }
    });
}

/**
 * The progress of an import on stderr: on a terminal one line rewritten at most 5 times a second
 * (lines, events/s, share, ETA); otherwise a line every 10 s, and only for files over 2 MB.
 */
export function progressLine(totalBytes: number, out: NodeJS.WriteStream = process.stderr) {
  const tty = !!out.isTTY;
  let last = 0;
  let shown = false;
  const text = (p: ImportProgress) => {
    const pct = p.totalBytes ? ` ${Math.floor((p.bytes / p.totalBytes) * 100)} %` : '';
    const eta = p.etaS !== null ? `, ETA ${p.etaS >= 60 ? `${Math.floor(p.etaS / 60)} min ${p.etaS % 60} s` : `${p.etaS} s`}` : '';
    return `import:${pct} ${p.lines} lines, ${p.eventsStored} events stored, ${p.eventsPerS} events/s${eta}, ${p.rejected} rejected`;
  };
  return {
    update: (p: ImportProgress) => {
      const t = Date.now();
      if (!tty && totalBytes < 2_000_000) return;
      if (t - last < (tty ? 200 : 10_000)) return;
      last = t;
      shown = true;
      out.write(tty ? `\r${text(p)}\x1b[K` : `${text(p)}\n`);
    },
    done: () => {
      if (shown && tty) out.write('\n');
    },
  };
}

/** Tail a growing pipe-format queue_log: the stateful parser sees each line once, in file order. */
async function follow(store: Store, file: string, json: boolean, windowNow: () => TimeWindow, centerId: number): Promise<void> {
  const st = new QueueLogState();
  let pos = 0;
  let partial = '';
  let lineNo = 0;
  const totals = { lines: 0, stored: 0, duplicates: 0, rejected: 0 };
  const pump = async () => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return;
    }
    if (size < pos) {
      process.stderr.write(`${file} was truncated or rotated; reading it from the start\n`);
      pos = 0;
      partial = '';
    }
    if (size === pos) return;
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(size - pos);
    readSync(fd, buf, 0, buf.length, pos);
    closeSync(fd);
    pos = size;
    const text = partial + buf.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    const window = windowNow(); // the window moves with the clock while following
    for (let l of lines) {
      lineNo++;
      if (l.endsWith('\r')) l = l.slice(0, -1);
      if (!l.trim()) continue;
      totals.lines++;
      const r = parsePipeLine(l, lineNo);
      if ('reason' in r) {
        totals.rejected++;
        process.stderr.write(`line ${r.line}: ${r.reason}\n`);
        continue;
      }
      const p = tsProblem(r.ts, window, 'epoch seconds');
      if (p) {
        totals.rejected++;
        process.stderr.write(`line ${r.line}: time: ${p.message}\n`);
      } else st.add(r);
    }
    const fresh = st.result.events.splice(0); // handed on; the parser keeps only its state
    if (fresh.length) {
      const res = await storeEvents(store, fresh, { centerId });
      totals.stored += res.accepted.length;
      totals.duplicates += res.duplicates;
    }
    const msg = { ...totals, duplicates: totals.duplicates + st.result.duplicates, unknownEvents: st.result.unknownEvents };
    console.log(
      json ? JSON.stringify(msg) : `${file}: ${msg.lines} lines, ${msg.stored} events stored, ${msg.duplicates} duplicates, ${msg.rejected} rejected`,
    );
  };
  await pump();
  process.stderr.write(`following ${file} (Ctrl-C to stop)\n`);
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await pump();
    } finally {
      busy = false;
    }
  }, 1000);
  await new Promise<void>((resolve) => {
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await store.close();
}
