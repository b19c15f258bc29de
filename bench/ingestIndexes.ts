/**
 * What each index of `live_events` costs an event on SQLite (issue 16): the ingest bench's rows (the simulated
 * 1,000-agent center) inserted into a bare table with `live_events`' columns, one index set at a time, with the
 * store's bulk technique (prepared 100-row INSERTs, `on conflict (id) do nothing`, one transaction per batch of
 * 20,000, WAL checkpoint counted), BENCH_REPEAT rounds, the variants interleaved in each round. Rates per second
 * of this process's CPU (SQLite does all its work here; on a shared machine the wall time says little).
 *
 * Variants: `bare` is the ingest bench's baseline (table + unique id); the others add one index each, or
 * change the key of one (integer agent / call keys: a dictionary's small integers instead of the codes), and
 * `all` is the index set `live_events` has (migration 057). `all_sorted` inserts each batch in the agent and
 * call indexes' order (explicit seq, so the stored order is unchanged): fewer insertion points a batch.
 * Env: BENCH_EVENTS (default 300000), BENCH_REPEAT (default 3), BENCH_VARIANTS (comma list, default all).
 * Prints one JSON line per measurement to stderr and a summary (median µs an event per variant) to stdout.
 */
import { rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { benchCenterEvents } from './lib/center';
import type { CallFloorEvent } from '../src/core/events';
import { WAL_AUTOCHECKPOINT_PAGES } from '../src/store/db';

const N = Number(process.env.BENCH_EVENTS ?? 300_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BATCH = 20_000;

/** The ingest bench's center (BENCH_AGENTS=1000). */
const makeEvents = (): CallFloorEvent[] => benchCenterEvents(N, 1000);

const AGENT = `create index i_agent on ev (agent, ts, seq, type, reason, center_id) where type like 'agent.%'`;
const CALL = `create index i_call on ev (call_id, ts) where type like 'call.%'`;
const CENTER_TS = 'create index i_center_ts on ev (center_id, ts)';
const VARIANTS: Record<string, string[]> = {
  bare: [],
  center_ts: [CENTER_TS],
  call: [CALL],
  call_int: [`create index i_call on ev (call_k, ts) where type like 'call.%'`],
  agent: [AGENT],
  agent_int: [`create index i_agent on ev (agent_k, ts, type, reason, center_id) where type like 'agent.%'`],
  agent_min: [`create index i_agent on ev (agent, ts) where type like 'agent.%'`],
  all: [CENTER_TS, CALL, AGENT],
  all_sorted: [CENTER_TS, CALL, AGENT],
};

const events = makeEvents();
const agentKeys = new Map<string, number>();
const callKeys = new Map<string, number>();
const key = (m: Map<string, number>, k: string | undefined) => {
  if (k === undefined) return null;
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = m.size + 1));
  return v;
};
// seq, id, ts, type, queue, agent, call_id, reason, wait_s, target, center_id, agent_k, call_k
const rows = events.map((e, i) => [
  i + 1,
  e.id,
  e.ts,
  e.type,
  e.queue ?? null,
  e.agent ?? null,
  e.callId ?? null,
  e.reason ?? null,
  e.waitS ?? null,
  e.target ?? null,
  1,
  key(agentKeys, e.agent),
  key(callKeys, e.callId),
]);
const COLS = 'seq, id, ts, type, queue, agent, call_id, reason, wait_s, target, center_id, agent_k, call_k';
const NC = 13;
/** all_sorted's order: agent events by agent, call events by call, each in time (seq) order. */
const indexOrder = (a: unknown[], b: unknown[]) => {
  const ka = (a[3] as string).charCodeAt(0) === 97 ? `a${a[5] as string}` : `c${(a[6] as string | null) ?? ''}`;
  const kb = (b[3] as string).charCodeAt(0) === 97 ? `a${b[5] as string}` : `c${(b[6] as string | null) ?? ''}`;
  return ka < kb ? -1 : ka > kb ? 1 : (a[0] as number) - (b[0] as number);
};

const cpuS = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};

function run(variant: string): { usPerEvent: number; wallS: number; pages: number } {
  const file = `/tmp/callfloor-bench-indexes-${process.pid}.sqlite`;
  const clean = () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  };
  clean();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  db.exec(
    `create table ev (seq integer primary key autoincrement, id text not null unique, ts bigint not null, type text not null, queue text, agent text, call_id text, reason text, wait_s real, target text, center_id integer not null, agent_k integer, call_k integer)`,
  );
  for (const s of VARIANTS[variant]!) db.exec(s);
  // explicit seq only where the order differs from the time order (an autoincrement key otherwise, as live_events)
  const explicit = variant === 'all_sorted';
  const cols = explicit ? COLS : COLS.slice('seq, '.length);
  const nc = explicit ? NC : NC - 1;
  const one = `(${new Array(nc).fill('?').join(',')})`;
  const st = db.prepare(`insert into ev (${cols}) values ${new Array(100).fill(one).join(',')} on conflict (id) do nothing`);
  const params = new Array<unknown>(100 * nc);
  const c0 = cpuS();
  const w0 = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    if (explicit) batch.sort(indexOrder);
    db.exec('begin immediate');
    for (let j = 0; j + 100 <= batch.length; j += 100) {
      let p = 0;
      for (let r = j; r < j + 100; r++) for (let c = explicit ? 0 : 1; c < NC; c++) params[p++] = batch[r]![c];
      st.run(params);
    }
    db.exec('commit');
  }
  db.pragma('wal_checkpoint(PASSIVE)');
  const out = {
    usPerEvent: ((cpuS() - c0) / rows.length) * 1e6,
    wallS: (performance.now() - w0) / 1000,
    pages: db.pragma('page_count', { simple: true }) as number,
  };
  db.close();
  clean();
  return out;
}

const which = (process.env.BENCH_VARIANTS ?? Object.keys(VARIANTS).join(',')).split(',');
const got = new Map<string, number[]>(which.map((v) => [v, []]));
const pages = new Map<string, number>();
for (let r = 0; r < REPEAT; r++)
  for (const v of which) {
    const x = run(v);
    got.get(v)!.push(x.usPerEvent);
    pages.set(v, x.pages);
    console.error(
      JSON.stringify({ variant: v, round: r, usPerEvent: Math.round(x.usPerEvent * 100) / 100, wallS: Math.round(x.wallS * 100) / 100, pages: x.pages }),
    );
  }
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(
  JSON.stringify(
    {
      events: rows.length,
      agentEventShare: r2(events.filter((e) => e.type.startsWith('agent.')).length / events.length),
      repeat: REPEAT,
      usPerEventPerCpuS: Object.fromEntries(
        which.map((v) => [
          v,
          {
            median: r2(median(got.get(v)!)),
            runs: got.get(v)!.map(r2),
            overBare: r2(median(got.get(v)!) - median(got.get('bare') ?? [0])),
            pages: pages.get(v),
          },
        ]),
      ),
    },
    null,
    2,
  ),
);
