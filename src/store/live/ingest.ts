/**
 * Storing normalised events: idempotent (keyed by event id), one transaction per batch, and the
 * interval aggregates kept up to date incrementally. See README.md in this folder.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import { KpiAccumulator, type AgentState, type AgentTrack, type IntervalAggregates } from '../../core/kpi';
import type { Measures } from '../../core/kpi/measures';
import type { Store } from '../db';
import type { DB } from '../schema';
import { insertRows, selectIn } from './bulk';
import { syncQaCalls } from './qaCalls';

/** Aggregates are stored per 15-minute UTC interval; 30/60-minute and local-day reports are sums. */
export const STORED_INTERVAL_MIN = 15;

const EVENT_COLS = 'id, ts, type, queue, agent, call_id, reason, wait_s, target';

interface EventRow {
  seq: number;
  id: string;
  ts: number;
  type: string;
  queue: string | null;
  agent: string | null;
  call_id: string | null;
  reason: string | null;
  wait_s: number | null;
  target: string | null;
}

export function rowToEvent(r: EventRow): CallFloorEvent {
  const e: CallFloorEvent = { id: r.id, ts: Number(r.ts), type: r.type as CallFloorEvent['type'] };
  if (r.queue != null) e.queue = r.queue;
  if (r.agent != null) e.agent = r.agent;
  if (r.call_id != null) e.callId = r.call_id;
  if (r.reason != null) e.reason = r.reason;
  if (r.wait_s != null) e.waitS = Number(r.wait_s);
  if (r.target != null) e.target = r.target;
  return e;
}

export function eventToRow(e: CallFloorEvent): unknown[] {
  return [e.id, e.ts, e.type, e.queue ?? null, e.agent ?? null, e.callId ?? null, e.reason ?? null, e.waitS ?? null, e.target ?? null];
}

const isAgentType = (t: string) => t.startsWith('agent.');
const byTs = (a: CallFloorEvent, b: CallFloorEvent) => a.ts - b.ts;

// ---- deltas: additive changes to the interval rows ------------------------------------------

const COUNT_KEYS = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'timedOut', 'answeredWithinSl', 'handled', 'transferred', 'notReadyCount'] as const;
const SECONDS_KEYS = ['waitAnswered', 'waitAbandoned', 'talk', 'hold', 'acw', 'ring', 'staffed', 'idle', 'notReady'] as const;
const MEASURE_KEYS = [...COUNT_KEYS, ...SECONDS_KEYS];
const MEASURE_COLS = [
  'offered', 'answered', 'abandoned', 'short_abandoned', 'timed_out', 'answered_within_sl', 'handled', 'transferred', 'not_ready_count',
  'wait_answered', 'wait_abandoned', 'talk', 'hold', 'acw', 'ring', 'staffed', 'idle', 'not_ready',
];

class Deltas {
  readonly queues = new Map<string, { start: number; key: string; m: Measures }>();
  readonly agents = new Map<string, { start: number; key: string; m: Measures }>();
  readonly reasons = new Map<string, { start: number; agent: string; reason: string; s: number }>();

  add(agg: IntervalAggregates, sign: 1 | -1): void {
    for (const r of agg.queues) this.addRow(this.queues, r.intervalStart, r.queue, r, sign);
    for (const r of agg.agents) {
      this.addRow(this.agents, r.intervalStart, r.agent, r, sign);
      for (const [reason, s] of Object.entries(r.notReadyByReason)) {
        const k = `${r.intervalStart}|${r.agent}|${reason}`;
        const x = this.reasons.get(k);
        if (x) x.s += sign * s;
        else this.reasons.set(k, { start: r.intervalStart, agent: r.agent, reason, s: sign * s });
      }
    }
  }

  private addRow(map: Map<string, { start: number; key: string; m: Measures }>, start: number, key: string, src: Measures, sign: number) {
    const k = `${start}|${key}`;
    let x = map.get(k);
    if (!x) {
      const m = {} as Measures;
      for (const f of MEASURE_KEYS) (m as any)[f] = 0;
      map.set(k, (x = { start, key, m }));
    }
    for (const f of MEASURE_KEYS) (x.m as any)[f] += sign * (src as any)[f];
  }

  async write(db: Kysely<any>, dialect: Store['dialect']): Promise<void> {
    const nonZero = (m: Measures) => MEASURE_KEYS.some((f) => Math.abs((m as any)[f]) > 1e-9);
    const rowsOf = (map: Map<string, { start: number; key: string; m: Measures }>) =>
      [...map.values()].filter((x) => nonZero(x.m)).map((x) => [x.start, x.key, STORED_INTERVAL_MIN, ...MEASURE_KEYS.map((f) => (x.m as any)[f])]);
    const set = (table: string) => MEASURE_COLS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');
    const cols = 3 + MEASURE_COLS.length;
    const q = rowsOf(this.queues);
    if (q.length)
      await insertRows(db, dialect, `insert into live_queue_intervals (interval_start, queue, interval_min, ${MEASURE_COLS.join(', ')})`,
        `on conflict (interval_start, queue) do update set ${set('live_queue_intervals')}`, cols, q);
    const a = rowsOf(this.agents);
    if (a.length)
      await insertRows(db, dialect, `insert into live_agent_intervals (interval_start, agent_code, interval_min, ${MEASURE_COLS.join(', ')})`,
        `on conflict (interval_start, agent_code) do update set ${set('live_agent_intervals')}`, cols, a);
    const r = [...this.reasons.values()].filter((x) => Math.abs(x.s) > 1e-9).map((x) => [x.start, x.agent, x.reason, x.s]);
    if (r.length)
      await insertRows(db, dialect, 'insert into live_agent_reasons (interval_start, agent_code, reason, seconds)',
        'on conflict (interval_start, agent_code, reason) do update set seconds = live_agent_reasons.seconds + excluded.seconds', 4, r);
  }
}

// ---- agent state between batches ------------------------------------------------------------

interface StateRow { agent_code: string; state: string; reason: string | null; queue: string | null; since: number }
const toTrack = (r: StateRow): AgentTrack => ({ state: r.state as AgentState, reason: r.reason ?? undefined, queue: r.queue ?? undefined, since: Number(r.since) });

async function writeStates(db: Kysely<any>, dialect: Store['dialect'], states: Map<string, AgentTrack>) {
  const rows = [...states].map(([a, t]) => [a, t.state, t.reason ?? null, t.queue ?? null, t.since]);
  if (rows.length)
    await insertRows(db, dialect, 'insert into live_agent_state (agent_code, state, reason, queue, since)',
      'on conflict (agent_code) do update set state = excluded.state, reason = excluded.reason, queue = excluded.queue, since = excluded.since', 5, rows);
}

const newAcc = () => new KpiAccumulator({ intervalMin: STORED_INTERVAL_MIN });

// ---- the sink ---------------------------------------------------------------------------------

export interface StoreEventsOptions {
  /** After storing, count every logged-in agent's open state up to this time (end of a file import). */
  flushUntil?: number;
}
export interface StoreEventsResult {
  /** events not seen before, now stored and aggregated (in time order) */
  accepted: CallFloorEvent[];
  /** events whose id was already stored (or repeated within the batch) */
  duplicates: number;
}

/**
 * Store a batch of events in one transaction: new events (by id) are inserted and aggregated,
 * re-sent ones change nothing. Works for any order of arrival:
 * - calls: every touched call is re-aggregated from all its stored events (old contribution out,
 *   new one in), so a late connect or end lands in the interval of queue entry;
 * - agents: events at or after the agent's stored state continue from that state; an earlier
 *   (late) event replays the agent from its last logout before that event (old out, new in).
 */
export async function storeEvents(store: Store, events: readonly CallFloorEvent[], opts: StoreEventsOptions = {}): Promise<StoreEventsResult> {
  const { dialect } = store;
  const seen = new Set<string>();
  const batch: CallFloorEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    batch.push(e);
  }
  batch.sort(byTs);
  let duplicates = events.length - batch.length;
  return store.db.transaction().execute(async (tx) => {
    const db = tx as unknown as Kysely<any>;
    // one writer at a time across server instances (PostgreSQL); SQLite serialises writes anyway
    if (dialect === 'postgres') await db.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock(730301)', []));
    const inserted = await insertRows<{ id: string }>(db, dialect, `insert into live_events (${EVENT_COLS})`, 'on conflict (id) do nothing returning id', 9, batch.map(eventToRow));
    const isNew = new Set(inserted.map((r) => r.id));
    const accepted = isNew.size === batch.length ? batch : batch.filter((e) => isNew.has(e.id));
    duplicates += batch.length - accepted.length;
    const deltas = new Deltas();
    await aggregateCalls(db, dialect, accepted, isNew, deltas);
    const states = await aggregateAgents(db, dialect, accepted, isNew, deltas);
    if (opts.flushUntil !== undefined) await flushStates(db, opts.flushUntil, deltas, states);
    await deltas.write(db, dialect);
    await writeStates(db, dialect, states);
    await syncQaCalls(db, dialect, accepted, Date.now()); // answered calls → qa_calls (quality), same transaction
    return { accepted, duplicates };
  });
}

async function aggregateCalls(db: Kysely<any>, dialect: Store['dialect'], accepted: CallFloorEvent[], isNew: Set<string>, deltas: Deltas) {
  const calls = new Map<string, CallFloorEvent[]>();
  for (const e of accepted) {
    if (isAgentType(e.type) || !e.callId) continue;
    const l = calls.get(e.callId);
    if (l) l.push(e);
    else calls.set(e.callId, [e]);
  }
  if (!calls.size) return;
  const oldRows = await selectIn<EventRow>(db, dialect, (l) => `select * from live_events where call_id in (${l}) order by ts, seq`, [...calls.keys()]);
  const oldByCall = new Map<string, CallFloorEvent[]>();
  for (const r of oldRows) {
    if (isNew.has(r.id) || isAgentType(r.type)) continue;
    const l = oldByCall.get(r.call_id!);
    if (l) l.push(rowToEvent(r));
    else oldByCall.set(r.call_id!, [rowToEvent(r)]);
  }
  const before = newAcc();
  const after = newAcc();
  for (const [callId, fresh] of calls) {
    const old = oldByCall.get(callId);
    if (!old) {
      for (const e of fresh) after.add(e);
      continue;
    }
    for (const e of old) before.add(e);
    // stable: for equal times, stored events first (their seq is lower), then this batch's
    for (const e of [...old, ...fresh].sort(byTs)) after.add(e);
  }
  deltas.add(after.rows(), 1);
  deltas.add(before.rows(), -1);
}

async function aggregateAgents(db: Kysely<any>, dialect: Store['dialect'], accepted: CallFloorEvent[], isNew: Set<string>, deltas: Deltas): Promise<Map<string, AgentTrack>> {
  const byAgent = new Map<string, CallFloorEvent[]>();
  for (const e of accepted) {
    if (!isAgentType(e.type) || !e.agent) continue;
    const l = byAgent.get(e.agent);
    if (l) l.push(e);
    else byAgent.set(e.agent, [e]);
  }
  const states = new Map<string, AgentTrack>();
  if (!byAgent.size) return states;
  const stateRows = await selectIn<StateRow>(db, dialect, (l) => `select * from live_agent_state where agent_code in (${l})`, [...byAgent.keys()]);
  const stored = new Map(stateRows.map((r) => [r.agent_code, toTrack(r)]));
  const acc = newAcc();
  const inOrder: string[] = [];
  for (const [agent, evs] of byAgent) {
    const st = stored.get(agent);
    if (st && evs[0]!.ts < st.since) {
      states.set(agent, await replayAgent(db, dialect, agent, st, evs, isNew, deltas));
      continue;
    }
    if (st) acc.restoreAgent(agent, st);
    for (const e of evs) acc.add(e);
    inOrder.push(agent);
  }
  deltas.add(acc.rows(), 1);
  const now = acc.agentStates();
  for (const a of inOrder) states.set(a, { ...now.get(a)! });
  return states;
}

/** A late event for an agent: replay the agent from its last logout before it, old set vs new set. */
async function replayAgent(db: Kysely<any>, dialect: Store['dialect'], agent: string, st: AgentTrack, fresh: CallFloorEvent[], isNew: Set<string>, deltas: Deltas): Promise<AgentTrack> {
  const p = (i: number) => (dialect === 'postgres' ? `$${i}` : '?');
  const anchor = (
    await db.executeQuery<{ ts: number; seq: number }>(
      CompiledQuery.raw(
        `select ts, seq from live_events where agent = ${p(1)} and type = 'agent.logout' and ts < ${p(2)} order by ts desc, seq desc limit 1`,
        [agent, fresh[0]!.ts],
      ),
    )
  ).rows[0];
  const rows = (
    await db.executeQuery<EventRow>(
      anchor
        ? CompiledQuery.raw(
            `select * from live_events where agent = ${p(1)} and type like 'agent.%' and (ts > ${p(2)} or (ts = ${p(3)} and seq > ${p(4)})) order by ts, seq`,
            [agent, Number(anchor.ts), Number(anchor.ts), Number(anchor.seq)],
          )
        : CompiledQuery.raw(`select * from live_events where agent = ${p(1)} and type like 'agent.%' order by ts, seq`, [agent]),
    )
  ).rows;
  const old = rows.filter((r) => !isNew.has(r.id)).map(rowToEvent);
  const before = newAcc();
  const after = newAcc();
  for (const e of old) before.add(e);
  for (const e of [...old, ...fresh].sort(byTs)) after.add(e);
  before.flushUntil(st.since);
  after.flushUntil(st.since);
  deltas.add(after.rows(), 1);
  deltas.add(before.rows(), -1);
  return { ...after.agentStates().get(agent)! };
}

/** Count open agent states up to `until` (those not logged out), e.g. at the end of a file import. */
async function flushStates(db: Kysely<any>, until: number, deltas: Deltas, states: Map<string, AgentTrack>) {
  const rows = (
    await db.selectFrom('live_agent_state').selectAll().where('state', '!=', 'loggedOut').where('since', '<', until).execute()
  ) as StateRow[];
  const acc = newAcc();
  const agents = new Set<string>();
  for (const r of rows) if (!states.has(r.agent_code)) {
    acc.restoreAgent(r.agent_code, toTrack(r));
    agents.add(r.agent_code);
  }
  for (const [a, t] of states) if (t.state !== 'loggedOut' && t.since < until) {
    acc.restoreAgent(a, t);
    agents.add(a);
  }
  acc.flushUntil(until);
  deltas.add(acc.rows(), 1);
  const now = acc.agentStates();
  for (const a of agents) states.set(a, { ...now.get(a)! });
}

/** Count open agent states up to `until` in a transaction of its own. */
export async function flushAgentStates(store: Store, until: number): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    const db = tx as unknown as Kysely<any>;
    if (store.dialect === 'postgres') await db.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock(730301)', []));
    const deltas = new Deltas();
    const states = new Map<string, AgentTrack>();
    await flushStates(db, until, deltas, states);
    await deltas.write(db, store.dialect);
    await writeStates(db, store.dialect, states);
  });
}

export async function countStoredEvents(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('live_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
