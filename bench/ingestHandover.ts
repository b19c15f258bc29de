/**
 * Parsing off the storing thread (issue 16): what the storing (main) thread pays per event to get a
 * batch of events, (a) parsing the JSON lines itself (`parseJsonl`, as the ingest's full path does),
 * (b) receiving them already parsed from a worker thread as objects (postMessage's structured clone),
 * (c) receiving compact columns from a worker (one string per text field, joined by U+001F, and a
 * Float64Array of times and of waits, the buffers transferred) and rebuilding the event objects the
 * store needs. Per second of the main thread's CPU (Linux: /proc/self/task/<pid>/stat, 10 ms ticks)
 * and of the whole process (the worker's parse included). Prints a JSON summary.
 * Env: BENCH_EVENTS (default 300000), BENCH_REPEAT (default 3).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { benchCenterEvents } from './lib/center';
import type { CallFloorEvent } from '../src/core/events';
import { parseJsonl } from '../src/ingest/jsonl';

const N = Number(process.env.BENCH_EVENTS ?? 300_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BATCH = 20_000;
const FIELDS = ['id', 'type', 'queue', 'agent', 'callId', 'reason', 'target'] as const;

/** The 1,000-agent center of bench/ingest.ts, one JSON line an event. */
const makeLines = (): string[] => benchCenterEvents(N, 1000).map((e) => JSON.stringify(e));

/** CPU seconds of the main thread (its task's utime + stime) and of the process. */
function cpu(): { main: number; all: number } {
  const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  const c = process.cpuUsage();
  return { main: (Number(rest[11]) + Number(rest[12])) / 100, all: (c.user + c.system) / 1e6 };
}

// the worker: JSON.parse (the validation would come on top) and either the objects or the columns posted back
const WORKER = `
const { parentPort } = require('node:worker_threads');
const F = ${JSON.stringify(FIELDS)};
parentPort.on('message', ({ text, mode }) => {
  const evs = text.split('\\n').map((l) => JSON.parse(l));
  if (mode === 'objects') return parentPort.postMessage(evs);
  const ts = new Float64Array(evs.length), wait = new Float64Array(evs.length);
  const cols = {};
  for (const f of F) cols[f] = evs.map((e) => e[f] ?? '').join('\\u001f');
  evs.forEach((e, i) => { ts[i] = e.ts; wait[i] = e.waitS ?? NaN; });
  parentPort.postMessage({ n: evs.length, ts, wait, cols }, [ts.buffer, wait.buffer]);
});`;

interface Columns {
  n: number;
  ts: Float64Array;
  wait: Float64Array;
  cols: Record<(typeof FIELDS)[number], string>;
}

/** The event objects of a columns message (what the store takes). */
function fromColumns(m: Columns): CallFloorEvent[] {
  const p = Object.fromEntries(FIELDS.map((f) => [f, m.cols[f].split('\u001f')])) as Record<(typeof FIELDS)[number], string[]>;
  const out = new Array<CallFloorEvent>(m.n);
  for (let i = 0; i < m.n; i++) {
    const e: CallFloorEvent = { id: p.id[i]!, ts: m.ts[i]!, type: p.type[i] as CallFloorEvent['type'] };
    if (p.queue[i]) e.queue = p.queue[i];
    if (p.agent[i]) e.agent = p.agent[i];
    if (p.callId[i]) e.callId = p.callId[i];
    if (p.reason[i]) e.reason = p.reason[i];
    if (p.target[i]) e.target = p.target[i];
    if (!Number.isNaN(m.wait[i])) e.waitS = m.wait[i];
    out[i] = e;
  }
  return out;
}

async function viaWorker(texts: string[], mode: 'objects' | 'columns'): Promise<{ main: number; all: number; n: number }> {
  const w = new Worker(WORKER, { eval: true });
  const t = cpu();
  let n = 0;
  // one batch in flight ahead: the worker parses batch i+1 while the main thread takes batch i
  const got: Promise<unknown>[] = [];
  const next = () => new Promise((res) => w.once('message', res));
  for (let i = 0; i < texts.length; i++) {
    got.push(next());
    w.postMessage({ text: texts[i], mode });
    if (i === 0) continue;
    const m = await got[i - 1];
    n += mode === 'objects' ? (m as CallFloorEvent[]).length : fromColumns(m as Columns).length;
  }
  const m = await got[texts.length - 1];
  n += mode === 'objects' ? (m as CallFloorEvent[]).length : fromColumns(m as Columns).length;
  const d = cpu();
  await w.terminate();
  return { main: d.main - t.main, all: d.all - t.all, n };
}

function inThread(texts: string[]): { main: number; all: number; n: number } {
  const t = cpu();
  let n = 0;
  for (const text of texts) n += parseJsonl(text).events.length;
  const d = cpu();
  return { main: d.main - t.main, all: d.all - t.all, n };
}

const lines = makeLines();
const texts: string[] = [];
for (let i = 0; i < lines.length; i += BATCH) texts.push(lines.slice(i, i + BATCH).join('\n'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const us = (s: number, n: number) => Math.round((s / n) * 1e7) / 10;
const runs: Record<string, { main: number; all: number }[]> = { parseInThread: [], workerObjects: [], workerColumns: [] };
const load: number[] = [];
for (let r = 0; r < REPEAT; r++) {
  load.push(Math.round(loadavg()[0]! * 10) / 10);
  for (const [k, f] of [
    ['parseInThread', () => Promise.resolve(inThread(texts))],
    ['workerObjects', () => viaWorker(texts, 'objects')],
    ['workerColumns', () => viaWorker(texts, 'columns')],
  ] as const) {
    const x = await f();
    if (x.n !== lines.length) throw new Error(`${k}: ${x.n} events of ${lines.length}`);
    runs[k]!.push({ main: us(x.main, x.n), all: us(x.all, x.n) });
  }
}
console.log(
  JSON.stringify(
    {
      events: lines.length,
      load1m: load,
      usPerEvent: Object.fromEntries(
        Object.entries(runs).map(([k, xs]) => [k, { mainThread: median(xs.map((x) => x.main)), process: median(xs.map((x) => x.all)), runs: xs }]),
      ),
    },
    null,
    2,
  ),
);
