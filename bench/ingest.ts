/**
 * Ingest benchmark: events/s through the full path (JSON lines → parse → store → aggregates) on
 * SQLite and PostgreSQL, against a bare batched insert of the same rows into the same database
 * (the ceiling), measured in the same run; then the time to report a month of a 1,000-agent center.
 * Prints a JSON summary. Env: BENCH_EVENTS (default 300000), BENCH_PG (default the test database).
 */
import { rmSync } from 'node:fs';
import pg from 'pg';
import { simulate, DEFAULT_DEMO_CONFIG } from '../src/core/sim';
import type { CallFloorEvent } from '../src/core/events';
import { migrate, openStore, type Store } from '../src/store/db';
import { insertRows } from '../src/store/live/bulk';
import { eventToRow, storeEvents } from '../src/store/live/ingest';
import { kpiReport, queueIntervals } from '../src/store/live/reports';
import { parseJsonl } from '../src/ingest/jsonl';

const N = Number(process.env.BENCH_EVENTS ?? 300_000);
const PG_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 20_000;

function makeEvents(): CallFloorEvent[] {
  const out: CallFloorEvent[] = [];
  const days = Math.ceil(N / 90_000) + 1;
  simulate({ ...DEFAULT_DEMO_CONFIG, seed: 99, startTs: Date.UTC(2026, 0, 4, 16), days }, (e) => {
    if (out.length < N) out.push(e);
  });
  return out;
}

async function open(kind: 'sqlite' | 'postgres', tag: string): Promise<Store> {
  if (kind === 'sqlite') {
    const file = `/tmp/callfloor-bench-${tag}.sqlite`;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const s = await openStore({ file });
    await migrate(s);
    return s;
  }
  const schema = `bench_${tag}_${process.pid}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
  await c.end();
  const s = await openStore({ url: PG_URL, pgSchema: schema });
  await migrate(s);
  const close = s.close;
  s.close = async () => {
    await close();
    const d = new pg.Client({ connectionString: PG_URL });
    await d.connect();
    await d.query(`drop schema ${schema} cascade`);
    await d.end();
  };
  return s;
}

async function ingestRate(kind: 'sqlite' | 'postgres', jsonl: string) {
  // the ceiling: the same rows, bare multi-row INSERTs into an identical table, one transaction per batch
  const bare = await open(kind, 'bare');
  await bare.db.schema
    .createTable('bare_events')
    .addColumn('seq', 'integer', (c) => (kind === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('ts', 'bigint')
    .addColumn('type', 'text')
    .addColumn('queue', 'text')
    .addColumn('agent', 'text')
    .addColumn('call_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('wait_s', 'real')
    .addColumn('target', 'text')
    .execute();
  const events = parseJsonl(jsonl).events;
  const rows = events.map(eventToRow);
  let t = performance.now();
  for (let i = 0; i < rows.length; i += BATCH)
    await bare.db.transaction().execute((tx) =>
      insertRows(tx, kind, 'insert into bare_events (id, ts, type, queue, agent, call_id, reason, wait_s, target)', '', 9, rows.slice(i, i + BATCH)),
    );
  const bareS = (performance.now() - t) / 1000;
  await bare.close();

  const store = await open(kind, 'full');
  t = performance.now();
  const parsed = parseJsonl(jsonl).events; // parse is part of the full path
  for (let i = 0; i < parsed.length; i += BATCH) await storeEvents(store, parsed.slice(i, i + BATCH));
  const fullS = (performance.now() - t) / 1000;
  await store.close();
  return {
    events: events.length,
    fullPathEventsPerS: Math.round(events.length / fullS),
    bareInsertRowsPerS: Math.round(events.length / bareS),
    ratioToCeiling: Math.round((bareS / fullS) * 100) / 100,
  };
}

async function monthReport(kind: 'sqlite' | 'postgres') {
  // a month of a 1,000-agent center as stored aggregates: every agent 10 h a day (40 intervals),
  // 8 queues with calls 08:00–22:00
  const store = await open(kind, 'month');
  const start = Date.UTC(2026, 0, 1) - 8 * 3600_000;
  const M = 18;
  const rowsA: unknown[][] = [];
  const rowsQ: unknown[][] = [];
  const chunkWrite = async () => {
    await store.db.transaction().execute(async (tx) => {
      const cols = 'offered, answered, abandoned, short_abandoned, timed_out, answered_within_sl, handled, transferred, not_ready_count, wait_answered, wait_abandoned, talk, hold, acw, ring, staffed, idle, not_ready';
      if (rowsA.length) await insertRows(tx, kind, `insert into live_agent_intervals (interval_start, agent_code, interval_min, ${cols})`, '', 3 + M, rowsA.splice(0));
      if (rowsQ.length) await insertRows(tx, kind, `insert into live_queue_intervals (interval_start, queue, interval_min, ${cols})`, '', 3 + M, rowsQ.splice(0));
    });
  };
  for (let d = 0; d < 30; d++) {
    for (let iv = 0; iv < 96; iv++) {
      const ts = start + d * 86_400_000 + iv * 900_000;
      if (iv >= 32 && iv < 88) for (let q = 0; q < 8; q++) rowsQ.push([ts, `q${q}`, 15, 120, 110, 8, 2, 0, 90, 110, 5, 0, 2200, 900, 20000, 1500, 2000, 330, 0, 0, 0]);
      for (let a = 0; a < 1000; a++) {
        const shiftStart = 32 + (a % 12) * 4;
        if (iv < shiftStart || iv >= shiftStart + 40) continue;
        rowsA.push([ts, String(10000 + a), 15, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 600, 40, 60, 20, 900, 120, 60]);
      }
    }
    await chunkWrite();
  }
  const n = Number((await store.db.selectFrom('live_agent_intervals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const timings: Record<string, number> = {};
  for (const by of ['agent', 'team', 'day', 'month', 'interval', 'queue'] as const) {
    const t = performance.now();
    await kpiReport(store.db, { by, from: start, to: start + 30 * 86_400_000, tzOffsetMin: 480, intervalMin: 60 });
    timings[`by_${by}_ms`] = Math.round(performance.now() - t);
  }
  const t = performance.now();
  await queueIntervals(store.db, { from: start, to: start + 30 * 86_400_000, intervalMin: 30, tzOffsetMin: 480 });
  timings.queueIntervals_ms = Math.round(performance.now() - t);
  await store.close();
  return { agentIntervalRows: n, ...timings };
}

const events = makeEvents();
const jsonl = events.map((e) => JSON.stringify(e)).join('\n');
const out: Record<string, unknown> = { machine: `${process.platform} node ${process.version}`, batch: BATCH };
out.sqlite = { ingest: await ingestRate('sqlite', jsonl), monthOf1000Agents: await monthReport('sqlite') };
try {
  out.postgres = { ingest: await ingestRate('postgres', jsonl), monthOf1000Agents: await monthReport('postgres') };
} catch (e) {
  out.postgres = { skipped: (e as Error).message };
}
console.log(JSON.stringify(out, null, 2));
