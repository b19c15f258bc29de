/**
 * Issue 16: every read of `live_events` on the ingest path goes through an index. The test records
 * the statements a realistic ingest runs (new calls, late call events, a late agent event, a survey,
 * the end-of-file flush) and asks the database for each one's plan: no full scan of `live_events`, and a read
 * of named calls or agents goes through the call or agent index, not through a range of the center's events
 * (`center_id = ? and seq < ?` read every stored event of the center at every batch: the ingest was
 * quadratic in the stored data, 1,000 agents' month 880 s against 100 agents' 6 s).
 * SQLite: EXPLAIN QUERY PLAN (its planner is rule based: the plan does not depend on the row count).
 * PostgreSQL: EXPLAIN with `enable_seqscan = off`, so a sequential scan is chosen only when no index
 * can serve the query at all (a small test table would otherwise be scanned by choice).
 */
import assert from 'node:assert/strict';
import pg from 'pg';
import type SQLite from 'better-sqlite3';
import { forEachDatabase } from '../testing';
import type { CallFloorEvent } from '../../core/events';
import type { Store } from '../db';
import { createAgent, createCenter, createTeam } from '../org';
import { flushAgentStates, rebuildDayRollups, storeEvents } from './ingest';
import { liveAgentSegments } from './agentStates';
import { maxEventSeq, replayStoredEventsFrom, storedEventsAfter, storedEventsFrom } from './tail';

const T0 = Date.UTC(2026, 0, 5, 2);
const S = 1000;

/** A day of calls and agent events (the call ids repeat nowhere), in batches as a connector sends them. */
function batches(): CallFloorEvent[][] {
  const out: CallFloorEvent[][] = [];
  for (let b = 0; b < 5; b++) {
    const evs: CallFloorEvent[] = [];
    for (let i = 0; i < 40; i++) {
      const call = `c${b}-${i}`;
      const t = T0 + (b * 40 + i) * 60 * S;
      const agent = `10${String(i % 4).padStart(2, '0')}`;
      evs.push({ id: `${call}-q`, ts: t, type: 'call.enqueued', queue: 'sales', callId: call });
      evs.push({ id: `${call}-c`, ts: t + 5 * S, type: 'call.connected', queue: 'sales', callId: call, agent, waitS: 5 });
      // the end of every other call arrives with the next batch: a touched call with stored events
      if (i % 2 === 0) evs.push({ id: `${call}-e`, ts: t + 50 * S, type: 'call.ended', queue: 'sales', callId: call, agent });
      else if (b > 0) {
        const prev = `c${b - 1}-${i}`;
        evs.push({ id: `${prev}-e`, ts: t - 40 * 60 * S + 50 * S, type: 'call.ended', queue: 'sales', callId: prev, agent });
      }
    }
    out.push(evs);
  }
  return out;
}

/** Records the SQL (and its parameters) that mentions live_events (or `which`) while `fn` runs. */
async function recordStatements(store: Store, fn: () => Promise<void>, which = /live_events/): Promise<{ text: string; params: unknown[] }[]> {
  const seen: { text: string; params: unknown[] }[] = [];
  if (store.dialect === 'sqlite') {
    // Kysely's driver and the hot path's cached statements both prepare on this handle (a fresh store: nothing cached yet)
    const sqlite = store.sqlite!;
    const prepare = sqlite.prepare.bind(sqlite);
    (sqlite as { prepare: SQLite.Database['prepare'] }).prepare = ((text: string) => {
      const st = prepare(text);
      if (!which.test(text)) return st;
      const rec = (params: unknown[]) => seen.push({ text, params: params.length === 1 && Array.isArray(params[0]) ? params[0] : params });
      for (const m of ['all', 'run', 'get', 'iterate'] as const) {
        const orig = (st as any)[m].bind(st);
        (st as any)[m] = (...params: unknown[]) => (rec(params), orig(...params));
      }
      return st;
    }) as SQLite.Database['prepare'];
    try {
      await fn();
    } finally {
      (sqlite as { prepare: unknown }).prepare = prepare;
    }
    return seen;
  }
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const text = typeof a[0] === 'string' ? a[0] : (a[0] as { text?: string })?.text;
    if (text && which.test(text)) seen.push({ text, params: Array.isArray(a[1]) ? a[1] : [] });
    return query.apply(this, a);
  };
  try {
    await fn();
  } finally {
    proto.query = query;
  }
  return seen;
}

/** The plan lines of one statement. */
async function plan(store: Store, text: string, params: unknown[]): Promise<string[]> {
  if (store.dialect === 'sqlite') {
    const rows = store.sqlite!.prepare(`explain query plan ${text}`).all(...(params as never[])) as { detail: string }[];
    return rows.map((r) => r.detail);
  }
  const c = new pg.Client({ connectionString: store.url, options: `-c search_path=${store.pgSchema}` });
  await c.connect();
  try {
    await c.query('begin');
    await c.query('set local enable_seqscan = off');
    const r = await c.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
    await c.query('rollback');
    return r.rows.map((x) => x['QUERY PLAN']);
  } finally {
    await c.end();
  }
}

const fullScan = (store: Store, line: string) =>
  store.dialect === 'sqlite' ? /^SCAN live_events\b/.test(line.trim()) : /Seq Scan on live_events\b/.test(line);

forEachDatabase('ingest path: every read of live_events uses an index (no full scan)', async (_t, store) => {
  const centerId = await createCenter(store.db, 'c', 'UTC', T0);
  const teamId = await createTeam(store.db, { centerId, name: 't', leadUserId: null }, T0);
  for (let i = 0; i < 4; i++) {
    const code = `10${String(i).padStart(2, '0')}`;
    await createAgent(
      store.db,
      { centerId, teamId, employeeNo: `E${i}`, name: code, hireDate: '2020-01-01', skillLevel: 'junior', extCode: code, queues: ['sales'] },
      T0,
    );
  }
  const login = (a: string, ts: number): CallFloorEvent => ({ id: `login-${a}-${ts}`, ts, type: 'agent.login', agent: a });
  const statements = await recordStatements(store, async () => {
    await storeEvents(
      store,
      ['1000', '1001', '1002', '1003'].map((a) => login(a, T0 - 60 * S)),
    );
    for (const b of batches()) await storeEvents(store, b);
    // a late agent event (before the stored state): the agent is replayed from its last logout
    await storeEvents(store, [{ id: 'late-nr', ts: T0 - 30 * S, type: 'agent.notReady', agent: '1001', reason: 'break' }]);
    await storeEvents(store, [{ id: 'out', ts: T0 + 300 * 60 * S, type: 'agent.logout', agent: '1002' }]);
    await storeEvents(store, [{ id: 'late-2', ts: T0 + 200 * 60 * S, type: 'agent.ready', agent: '1002' }]);
    // a survey naming a call: the call's agent from the stored call events
    await storeEvents(store, [{ id: 's1', ts: T0 + 10 * 60 * S, type: 'survey', callId: 'c0-2', score: 5, scale: 5 }]);
    // a derived id sent again (a file imported twice): its stored row read by id (derivedIdCollides)
    const resent: CallFloorEvent = { id: 'ql:again:call', ts: T0 + 20 * 60 * S, type: 'call.enqueued', queue: 'sales', callId: 'again' };
    await storeEvents(store, [resent]);
    assert.equal((await storeEvents(store, [resent])).duplicates, 1);
    await flushAgentStates(store, T0 + 400 * 60 * S);
    // not the ingest, but the same rule: the agent states of a range (adherence, the facts' agent-days)
    const codes = new Map(['1000', '1001', '1002', '1003'].map((a) => [a, a]));
    assert.ok((await liveAgentSegments(store.db, centerId, codes, T0, T0 + 300 * 60 * S)).length > 0, 'agent states read');
  });
  // the kinds of read the ingest path makes (each must have run, or the test proves nothing)
  const reads = statements.filter((s) => /^\s*select/i.test(s.text));
  const has = (re: RegExp) => reads.some((s) => re.test(s.text));
  assert.ok(has(/call_id/), 'the call lookup (aggregation) ran');
  // the QA calls are cut from the events the aggregation read (issue 16): no read of their own
  assert.ok(!has(/type in/), 'no separate QA-call read of live_events');
  assert.ok(has(/agent = /), 'the late agent replay ran');
  assert.ok(has(/"agent" in/), 'the agent states range read ran');
  assert.ok(has(/id, call_id, queue, agent from live_events where id/), 'the re-sent derived id was looked up');
  // by hand: every call is answered by a registered agent; the even ones end in their own batch (5 × 20), the odd
  // ones of batches 0–3 end in the next batch (4 × 20: a stored connect and a new end), batch 4's odd ones never end
  assert.equal((await store.db.selectFrom('qa_calls').select('id').execute()).length, 180, 'finished answered calls in qa_calls');
  assert.equal((await store.db.selectFrom('survey_answers').select('id').execute()).length, 1, 'the survey found its call');
  const distinct = new Map(reads.map((s) => [s.text, s.params]));
  const scans: string[] = [];
  for (const [text, params] of distinct) {
    const lines = await plan(store, text, params);
    if (lines.some((l) => fullScan(store, l))) scans.push(`${text}\n  ${lines.join('\n  ')}`);
  }
  assert.deepEqual(scans, [], 'statements that scan the whole event table');
  // a read of named calls or agents: through their index (the plan names it), and not through the center's own
  // indexes (alone, or AND-ed with it as PostgreSQL did with stale statistics)
  const byKey = [...distinct].filter(([text]) => /"?call_id"? in|call_id = any|"?agent"? (=|in) /.test(text));
  // the aggregation's call read, the survey's, the late agent's anchor and replay, the agent states' (the QA calls' own read is gone)
  assert.ok(byKey.length >= 5, 'the per-call and per-agent reads were recorded');
  const wide: string[] = [];
  for (const [text, params] of byKey) {
    const lines = await plan(store, text, params);
    // (PostgreSQL picks among the other indexes by cost: on these few rows, or for many agents' month, the time index may do)
    const keyIndex = store.dialect !== 'sqlite' || lines.some((l) => /live_events_(call|agent)_idx/.test(l));
    if (!keyIndex || lines.some((l) => /live_events_center_(seq|ts)_idx/.test(l))) wide.push(`${text}\n  ${lines.join('\n  ')}`);
  }
  assert.deepEqual(wide, [], 'per-call or per-agent reads not served by the call or agent index');
});

forEachDatabase("the floor's reads of live_events: the rebuild through (center_id, ts), the catch-up through the sequence", async (_t, store) => {
  // two centers (migration 057 dropped the indexes on ts alone and on (center_id, seq)): each read names its center
  const a = await createCenter(store.db, 'a', 'UTC', T0);
  const b = await createCenter(store.db, 'b', 'UTC', T0);
  const [first, second] = batches();
  await storeEvents(store, first!, { centerId: a });
  await storeEvents(store, second!, { centerId: b });
  const upto = await maxEventSeq(store.db);
  let replayed = 0;
  const statements = await recordStatements(store, async () => {
    replayed = await replayStoredEventsFrom(store, T0, upto, () => {}, a, 7); // small batches: the keyset continues
    assert.equal((await storedEventsAfter(store.db, 0, 1000, b)).events.length, second!.length);
    // the floor's catch-up: a range of sequences, the old rows read past (`+ts`: not through a time index)
    assert.equal((await storedEventsAfter(store.db, 0, 1000, b, { uptoSeq: upto, fromTs: T0 })).events.length, second!.length);
    assert.equal((await storedEventsFrom(store.db, T0, upto, a)).length, first!.length);
  });
  assert.equal(replayed, first!.length, "the rebuild replays center a's events only");
  const reads = new Map(statements.filter((s) => /^\s*select/i.test(s.text)).map((s) => [s.text, s.params]));
  assert.ok(reads.size >= 4, 'the replay, catch-ups and range reads were recorded');
  const bad: string[] = [];
  for (const [text, params] of reads) {
    const lines = await plan(store, text, params);
    const catchUp = /"?seq"? >/.test(text) && !/(?<!\+)"?ts"? >/.test(text);
    const ok =
      lines.every((l) => !fullScan(store, l)) &&
      (catchUp ? !lines.some((l) => /center_ts_idx/.test(l)) : lines.some((l) => /live_events_center_ts_idx/.test(l)));
    if (!ok) bad.push(`${text}\n  ${lines.join('\n  ')}`);
  }
  assert.deepEqual(bad, [], 'floor reads not served by their index');
});

forEachDatabase('the daily rollups rebuilt from the 15-minute rows: one seek per interval start, not a scan per stored row', async (_t, store) => {
  // SQLite joined the stored rows to the (interval start → local day) map with json_each as the inner table:
  // scanned once per stored row (a 1,000-agent month: 1 M rows × 2,880 starts; the bench's rebuild ran for many minutes)
  await createCenter(store.db, 'c', 'UTC', T0);
  for (const b of batches()) await storeEvents(store, b);
  const statements = await recordStatements(store, () => rebuildDayRollups(store, 'Asia/Shanghai'), /^insert into live_day_/);
  assert.equal(statements.length, 3, 'the three day tables were filled');
  const bad: string[] = [];
  for (const { text, params } of statements) {
    const lines = await plan(store, text, params);
    const ok =
      store.dialect === 'sqlite'
        ? // the map first (outer), then a primary-key seek into the interval table
          lines.findIndex((l) => /SCAN json_each/.test(l)) === 0 &&
          lines.some((l) => /SEARCH t USING PRIMARY KEY \(center_id=\? AND interval_start=\?\)/.test(l))
        : !lines.some((l) => /Nested Loop/.test(l)) || lines.some((l) => /Index (Only )?Scan .* on live_(queue|agent)_(intervals|reasons)/.test(l));
    if (!ok) bad.push(`${text}\n  ${lines.join('\n  ')}`);
  }
  assert.deepEqual(bad, [], 'rollup fills that scan per stored row');
});
