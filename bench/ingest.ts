/**
 * Ingest benchmark: events/s through the full path (JSON lines → parse → store → aggregates and
 * daily rollups) on SQLite and PostgreSQL, against a bare batched insert of the same rows into the
 * same database (the ceiling), measured in the same run, alternately, BENCH_REPEAT times (medians
 * reported), with the full path's events/s over the first and the last tenth of its batches (flat as
 * the store grows: ratio ≥ 0.8); then the time to report a month of a 1,000-agent center.
 * Prints a JSON summary.
 * Env: BENCH_EVENTS (default 300000), BENCH_REPEAT (default 3), BENCH_AGENTS (default 1000: the
 * simulated center, 20 agents a team, calls scaled with it), BENCH_PG (default the test database; 0:
 * skip PostgreSQL), BENCH_SQLITE=0 (skip SQLite), BENCH_MONTH=0 (skip the month of reports),
 * BENCH_KYSELY=0 (skip the previous ceiling), BENCH_SCHEMA_PREFIX (PostgreSQL schemas, default bench),
 * BENCH_IDS: `sim` (default: the simulation's ids, in the order of the events), `queue_log` (the form a queue_log or
 * AMI import gives: `ql:`, the record's second (a call's start for its events), `.`, a hash), `random` (a hash
 * alone: ids in no order, as a client's UUIDs, or queue_log's before migration 063).
 *
 * Two paths are timed against the bare insert, alternated in one process (the order turned each run):
 * the store step alone (`storeEvents` on events parsed before the clock starts: what "storing costs Nx a
 * bare insert" compares) and the full path (each batch's JSON lines parsed, then stored).
 *
 * The ceiling: the same rows into a table with the same columns, key and unique id as live_events
 * (no other index), one transaction per batch, with the store's bulk technique (SQLite: prepared
 * 100-row INSERTs; PostgreSQL: one INSERT … SELECT FROM unnest(arrays) per batch). For comparison
 * with earlier runs the previous ceiling is measured too: Kysely-compiled multi-row INSERTs.
 * Rates are per wall second and, as the load of a shared machine inflates wall time, per second of
 * this process's CPU too (SQLite does all its work in this process; PostgreSQL's server does not).
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { benchCenterEvents } from './lib/center';
import { hashId, timedDerivedId, type CallFloorEvent } from '../src/core/events';
import { migrate, openStore, type Store } from '../src/store/db';
import { withSchemaLock } from '../src/store/testing';
import { insertRows, writeRows, type TableSpec } from '../src/store/live/bulk';
import { eventToRow, MEASURE_SPEC, rebuildDayRollups, storeEvents } from '../src/store/live/ingest';
import { kpiReport, queueIntervals } from '../src/store/live/reports';
import { createCenter } from '../src/store/org';
import { parseJsonl } from '../src/ingest/jsonl';
import { zoneOffsetMin } from '../src/ingest/common';

const N = Number(process.env.BENCH_EVENTS ?? 300_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const PG_URL = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const AGENTS = Number(process.env.BENCH_AGENTS ?? 1000);
/** BENCH_MONTH=0: the ingest parts only (no month of reports) */
const MONTH = process.env.BENCH_MONTH !== '0';
/** BENCH_KYSELY=0: skip the previous ceiling (the Kysely multi-row INSERT) */
const KYSELY = process.env.BENCH_KYSELY !== '0';
/** BENCH_PG=0 / BENCH_SQLITE=0: skip that database */
const SQLITE = process.env.BENCH_SQLITE !== '0';
const BATCH = 20_000;
const ZONE = 'Asia/Shanghai';

const IDS = process.env.BENCH_IDS ?? 'sim';
const makeEvents = (): CallFloorEvent[] => {
  const events = benchCenterEvents(N, AGENTS);
  if (IDS === 'random') for (const e of events) e.id = `ql:${hashId(e.id)}`;
  if (IDS === 'queue_log') {
    // a call's events under its start's second (Asterisk's call id carries it), the others under their own
    const start = new Map<string, number>();
    for (const e of events) if (e.callId) start.set(e.callId, Math.min(e.ts, start.get(e.callId) ?? Infinity));
    for (const e of events) {
      e.id = timedDerivedId(Math.floor((e.callId ? start.get(e.callId)! : e.ts) / 1000), hashId(e.id));
    }
  }
  return events;
};

async function open(kind: 'sqlite' | 'postgres', tag: string): Promise<Store> {
  if (kind === 'sqlite') {
    const file = `/tmp/callfloor-bench-${tag}.sqlite`;
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    const s = await openStore({ file });
    await migrate(s);
    return s;
  }
  const schema = `${process.env.BENCH_SCHEMA_PREFIX ?? 'bench'}_${tag}_${process.pid}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  // under the tests' schema lock: Kysely's migrator introspects every schema, so a schema dropped meanwhile fails a test's migration
  await withSchemaLock(() => c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`));
  await c.end();
  // the server processes serving this store are found by their application name (their CPU is counted, below)
  const s = await openStore({ url: `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}application_name=${schema}`, pgSchema: schema });
  appName.set(s, schema);
  await withSchemaLock(() => migrate(s));
  const close = s.close;
  s.close = async () => {
    await close();
    const d = new pg.Client({ connectionString: PG_URL });
    await d.connect();
    await withSchemaLock(() => d.query(`drop schema ${schema} cascade`));
    await d.end();
  };
  return s;
}

const appName = new WeakMap<Store, string>();

/**
 * PostgreSQL: CPU ticks (utime + stime, /proc/<pid>/stat) of the server processes serving a store, by pid; the
 * server does most of the insert work, so a rate per CPU second counts this process's CPU and theirs (on the
 * same machine; the WAL writer and checkpointer, shared by all, are not counted). SQLite: none.
 */
async function serverTicks(store: Store): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const name = appName.get(store);
  if (!name) return out;
  const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where application_name = ${name}`.execute(store.db);
  for (const { pid } of pids.rows) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(Number(pid), Number(f[11]) + Number(f[12])); // fields 14 and 15 of stat(5), counted after the name
    } catch {
      // not on this machine (a remote server): nothing counted
    }
  }
  return out;
}
const CLK_TCK = 100;
/** Server CPU seconds between two serverTicks readings (a process started in between counts from 0). */
const serverCpuS = (a: Map<number, number>, b: Map<number, number>) => {
  let t = 0;
  for (const [pid, v] of b) t += v - (a.get(pid) ?? 0);
  return t / CLK_TCK;
};

const BARE: TableSpec = {
  table: 'bare_events',
  cols: [
    ['id', 'text'],
    ['ts', 'bigint'],
    ['type', 'text'],
    ['queue', 'text'],
    ['agent', 'text'],
    ['call_id', 'text'],
    ['reason', 'text'],
    ['wait_s', 'double precision'],
    ['target', 'text'],
  ],
  tail: '',
};

/**
 * SQLite: copy what is still in the WAL into the database file, inside the timed part of both paths: a
 * commit checkpoints only every WAL_AUTOCHECKPOINT_PAGES pages, so the last ones' copy would otherwise be
 * left to the close, outside the measurement.
 */
async function checkpoint(store: Store): Promise<void> {
  store.sqlite?.pragma('wal_checkpoint(PASSIVE)');
}

/** Wall and CPU seconds to insert the rows into a fresh bare table, one transaction per batch. */
async function bareInsert(kind: 'sqlite' | 'postgres', rows: unknown[][], how: 'bulk' | 'kysely'): Promise<Bare> {
  const bare = await open(kind, 'bare');
  const seq = kind === 'postgres' ? 'seq integer generated by default as identity primary key' : 'seq integer primary key autoincrement';
  const real = kind === 'postgres' ? 'double precision' : 'real';
  await sql
    .raw(
      `create table bare_events (${seq}, id text not null unique, ts bigint not null, type text not null, queue text, agent text, call_id text, reason text, wait_s ${real}, target text)`,
    )
    .execute(bare.db);
  const st = await serverTicks(bare);
  const t = performance.now();
  const c = process.cpuUsage();
  for (let i = 0; i < rows.length; i += BATCH)
    await bare.db.transaction().execute(async (tx) => {
      if (how === 'bulk') await writeRows(bare, tx, BARE, rows.slice(i, i + BATCH));
      else await insertRows(tx, kind, `insert into bare_events (${BARE.cols.map((c) => c[0]).join(', ')})`, '', 9, rows.slice(i, i + BATCH));
    });
  await checkpoint(bare);
  const out = { s: (performance.now() - t) / 1000, cpuS: cpuS(process.cpuUsage(c)), serverCpuS: serverCpuS(st, await serverTicks(bare)) };
  await bare.close();
  return out;
}

interface Bare {
  s: number;
  cpuS: number;
  /** PostgreSQL: seconds of CPU of the server processes serving the store */
  serverCpuS: number;
}

interface Timed {
  /** wall seconds */
  s: number;
  /** seconds of this process's CPU */
  cpuS: number;
  /** PostgreSQL: seconds of CPU of the server processes serving the store */
  serverCpuS: number;
  /** events per wall second and per CPU second over the first and the last tenth of the batches */
  first: number;
  last: number;
  firstCpu: number;
  lastCpu: number;
}

const cpuS = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1e6;
const allCpu = (x: { cpuS: number; serverCpuS: number }) => x.cpuS + x.serverCpuS;

/**
 * The full path, batch by batch as the streaming import does it: parse a batch's JSON lines, store it.
 * Each batch's wall and CPU time are kept (the first and the last tenth).
 */
async function fullPath(kind: 'sqlite' | 'postgres', lines: string[], storeOnly = false): Promise<Timed> {
  const store = await open(kind, storeOnly ? 'store' : 'full');
  await createCenter(store.db, 'Bench', ZONE, 0);
  const batches: { n: number; s: number; cpuS: number }[] = [];
  // the store step alone (issue 16's "storing costs Nx a bare insert"): every batch parsed before the clock starts
  const preParsed = storeOnly ? chunks(lines).map((b) => parseJsonl(b.join('\n')).events) : [];
  const st = await serverTicks(store);
  for (let i = 0, b = 0; i < lines.length; i += BATCH, b++) {
    const t = performance.now();
    const c = process.cpuUsage();
    const parsed = storeOnly ? preParsed[b]! : parseJsonl(lines.slice(i, i + BATCH).join('\n')).events; // parse is part of the full path
    await storeEvents(store, parsed);
    batches.push({ n: parsed.length, s: (performance.now() - t) / 1000, cpuS: cpuS(process.cpuUsage(c)) });
  }
  // the final checkpoint counts in the totals (not in the first and last tenth's rates)
  const t = performance.now();
  const c = process.cpuUsage();
  await checkpoint(store);
  const final = { s: (performance.now() - t) / 1000, cpuS: cpuS(process.cpuUsage(c)) };
  const server = serverCpuS(st, await serverTicks(store));
  await store.close();
  const sum = (bs: typeof batches, k: 's' | 'cpuS') => bs.reduce((a, b) => a + b[k], 0);
  const rate = (bs: typeof batches, k: 's' | 'cpuS') => bs.reduce((a, b) => a + b.n, 0) / sum(bs, k);
  const tenth = Math.max(1, Math.round(batches.length / 10));
  const [head, tail] = [batches.slice(0, tenth), batches.slice(-tenth)];
  return {
    s: sum(batches, 's') + final.s,
    cpuS: sum(batches, 'cpuS') + final.cpuS,
    serverCpuS: server,
    first: rate(head, 's'),
    last: rate(tail, 's'),
    firstCpu: rate(head, 'cpuS'),
    lastCpu: rate(tail, 'cpuS'),
  };
}

const chunks = <T>(xs: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += BATCH) out.push(xs.slice(i, i + BATCH));
  return out;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const r2 = (x: number) => Math.round(x * 100) / 100;

async function ingestRate(kind: 'sqlite' | 'postgres', lines: string[]) {
  // parsed batch by batch: the month's lines joined would pass V8's longest string (512 MiB)
  const rows = chunks(lines).flatMap((b) => parseJsonl(b.join('\n')).events.map(eventToRow));
  const runs: { full: Timed; store: Timed; bare: Bare; kysely: number; load: number }[] = [];
  for (let r = 0; r < REPEAT; r++) {
    const load = loadavg()[0]!;
    // alternated, the order turned each run (bare, store, full / full, store, bare …) so no side always goes first
    const order = r % 2 ? (['full', 'store', 'bare'] as const) : (['bare', 'store', 'full'] as const);
    const got: Partial<{ bare: Bare; store: Timed; full: Timed }> = {};
    for (const w of order) {
      if (w === 'bare') got.bare = await bareInsert(kind, rows, 'bulk');
      else got[w] = await fullPath(kind, lines, w === 'store');
    }
    const kysely = KYSELY ? (await bareInsert(kind, rows, 'kysely')).s : NaN;
    runs.push({ full: got.full!, store: got.store!, bare: got.bare!, kysely, load });
  }
  const n = rows.length;
  return {
    events: n,
    fullPathEventsPerS: Math.round(median(runs.map((x) => n / x.full.s))),
    bareInsertRowsPerS: Math.round(median(runs.map((x) => n / x.bare.s))),
    ratioToCeiling: r2(median(runs.map((x) => x.bare.s / x.full.s))),
    ratioToCeilingCpu: r2(median(runs.map((x) => x.bare.cpuS / x.full.cpuS))),
    storeStepEventsPerS: Math.round(median(runs.map((x) => n / x.store.s))),
    storeStepRatio: r2(median(runs.map((x) => x.bare.s / x.store.s))),
    storeStepRatioCpu: r2(median(runs.map((x) => x.bare.cpuS / x.store.cpuS))),
    // PostgreSQL: this process's CPU and the server's together (SQLite: the same as the ratios above)
    ratioToCeilingAllCpu: r2(median(runs.map((x) => allCpu(x.bare) / allCpu(x.full)))),
    storeStepRatioAllCpu: r2(median(runs.map((x) => allCpu(x.bare) / allCpu(x.store)))),
    firstTenthEventsPerS: Math.round(median(runs.map((x) => x.full.first))),
    lastTenthEventsPerS: Math.round(median(runs.map((x) => x.full.last))),
    lastToFirstTenth: r2(median(runs.map((x) => x.full.last / x.full.first))),
    lastToFirstTenthCpu: r2(median(runs.map((x) => x.full.lastCpu / x.full.firstCpu))),
    // the store step's own (events parsed beforehand): whether a decline is the store's or the parsing's
    storeStepLastToFirstTenth: r2(median(runs.map((x) => x.store.last / x.store.first))),
    storeStepLastToFirstTenthCpu: r2(median(runs.map((x) => x.store.lastCpu / x.store.firstCpu))),
    kyselyMultiRowInsertRowsPerS: Math.round(median(runs.map((x) => n / x.kysely))),
    ratioToKyselyInsert: r2(median(runs.map((x) => x.kysely / x.full.s))),
    runs: runs.map((x) => ({
      full: Math.round(n / x.full.s),
      bare: Math.round(n / x.bare.s),
      ratio: r2(x.bare.s / x.full.s),
      fullPerCpuS: Math.round(n / x.full.cpuS),
      barePerCpuS: Math.round(n / x.bare.cpuS),
      ratioCpu: r2(x.bare.cpuS / x.full.cpuS),
      store: Math.round(n / x.store.s),
      storePerCpuS: Math.round(n / x.store.cpuS),
      storeRatio: r2(x.bare.s / x.store.s),
      storeRatioCpu: r2(x.bare.cpuS / x.store.cpuS),
      ...(kind === 'postgres'
        ? {
            bareServerCpuS: r2(x.bare.serverCpuS),
            storeServerCpuS: r2(x.store.serverCpuS),
            fullServerCpuS: r2(x.full.serverCpuS),
            ratioAllCpu: r2(allCpu(x.bare) / allCpu(x.full)),
            storeRatioAllCpu: r2(allCpu(x.bare) / allCpu(x.store)),
          }
        : {}),
      firstTenth: Math.round(x.full.first),
      lastTenth: Math.round(x.full.last),
      firstTenthCpu: Math.round(x.full.firstCpu),
      lastTenthCpu: Math.round(x.full.lastCpu),
      storeFirstTenth: Math.round(x.store.first),
      storeLastTenth: Math.round(x.store.last),
      load1m: Math.round(x.load * 10) / 10,
    })),
  };
}

async function monthReport(kind: 'sqlite' | 'postgres') {
  // a month of a 1,000-agent center as stored 15-minute aggregates: every agent 10 h a day
  // (40 intervals), 8 queues with calls 08:00–22:00 local; then the daily rollups built from them
  const store = await open(kind, 'month');
  const centerId = await createCenter(store.db, 'Bench', ZONE, 0);
  const start = Date.UTC(2026, 0, 1) - 8 * 3600_000; // local midnight
  const DAY = 86_400_000;
  const spec = (table: string, key: string): TableSpec => ({
    table,
    cols: [['center_id', 'integer'], ['interval_start', 'bigint'], [key, 'text'], ['interval_min', 'integer'], ...MEASURE_SPEC],
    tail: '',
  });
  for (let d = 0; d < 30; d++) {
    const rowsA: unknown[][] = [];
    const rowsQ: unknown[][] = [];
    const rowsR: unknown[][] = [];
    for (let iv = 0; iv < 96; iv++) {
      const ts = start + d * DAY + iv * 900_000;
      if (iv >= 32 && iv < 88)
        for (let q = 0; q < 8; q++) rowsQ.push([centerId, ts, `q${q}`, 15, 120, 110, 8, 2, 0, 90, 110, 5, 0, 2200, 900, 20000, 1500, 2000, 330, 0, 0, 0]);
      for (let a = 0; a < 1000; a++) {
        const shiftStart = 32 + (a % 12) * 4;
        if (iv < shiftStart || iv >= shiftStart + 40) continue;
        rowsA.push([centerId, ts, String(10000 + a), 15, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 600, 40, 60, 20, 900, 120, 60]);
        if (iv === shiftStart + 20) rowsR.push([centerId, ts, String(10000 + a), 'meal', 60]);
      }
    }
    await store.db.transaction().execute(async (tx) => {
      await writeRows(store, tx, spec('live_agent_intervals', 'agent_code'), rowsA);
      await writeRows(store, tx, spec('live_queue_intervals', 'queue'), rowsQ);
      await writeRows(
        store,
        tx,
        {
          table: 'live_agent_reasons',
          cols: [
            ['center_id', 'integer'],
            ['interval_start', 'bigint'],
            ['agent_code', 'text'],
            ['reason', 'text'],
            ['seconds', 'double precision'],
          ],
          tail: '',
        },
        rowsR,
      );
    });
  }
  if (kind === 'postgres') await sql`analyze`.execute(store.db);
  const n = Number(
    (
      await store.db
        .selectFrom('live_agent_intervals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const t = performance.now();
  await rebuildDayRollups(store, ZONE); // what ingest keeps up to date batch by batch
  const out: Record<string, number> = { agentIntervalRows: n, rollupRebuild_ms: Math.round(performance.now() - t) };
  const month = { from: start, to: start + 30 * DAY };
  const time = async (name: string, f: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await f();
      xs.push(performance.now() - t0);
    }
    out[name] = Math.round(median(xs));
  };
  for (const by of ['agent', 'team', 'day', 'month', 'queue'] as const) await time(`by_${by}_ms`, () => kpiReport(store.db, { by, ...month, tz: ZONE }));
  // month with partial first and last days (09:00 on the 1st to 15:00 on the 30th): edges from 15-minute rows
  await time('by_agent_partial_days_ms', () =>
    kpiReport(store.db, { by: 'agent', from: start + 9 * 3600_000, to: start + 29 * DAY + 15 * 3600_000, tz: ZONE }),
  );
  // by day in a zone given only as an offset function (no name): every 15-minute row is read
  await time('by_day_15min_rows_ms', () => kpiReport(store.db, { by: 'day', ...month, tzOffsetMin: (x) => zoneOffsetMin(ZONE, x) }));
  await time('by_interval_60_month_ms', () => kpiReport(store.db, { by: 'interval', ...month, tz: ZONE, intervalMin: 60 }));
  await time('by_interval_15_day_ms', () => kpiReport(store.db, { by: 'interval', from: start + 10 * DAY, to: start + 11 * DAY, tz: ZONE }));
  await time('queueIntervals_30_month_ms', () => queueIntervals(store.db, { centerId, ...month, intervalMin: 30, tzOffsetMin: 480 }));
  await store.close();
  return out;
}

const events = makeEvents();
const lines = events.map((e) => JSON.stringify(e));
const out: Record<string, unknown> = {
  machine: `${process.platform} node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
  agents: AGENTS,
  ids: IDS,
  batch: BATCH,
  repeat: REPEAT,
};
// each part to stderr as soon as it is measured (a long run interrupted still leaves its figures)
const part = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
  const r = await f();
  console.error(name, JSON.stringify(r));
  return r;
};
if (SQLITE)
  out.sqlite = {
    ingest: await part('sqlite ingest', () => ingestRate('sqlite', lines)),
    ...(MONTH ? { monthOf1000Agents: await part('sqlite month', () => monthReport('sqlite')) } : {}),
  };
if (process.env.BENCH_PG !== '0')
  try {
    out.postgres = {
      ingest: await part('postgres ingest', () => ingestRate('postgres', lines)),
      ...(MONTH ? { monthOf1000Agents: await part('postgres month', () => monthReport('postgres')) } : {}),
    };
  } catch (e) {
    out.postgres = { skipped: (e as Error).message };
  }
out.loadAfter = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
console.log(JSON.stringify(out, null, 2));
