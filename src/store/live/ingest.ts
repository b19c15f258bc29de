/**
 * Storing normalised events: idempotent (keyed by event id), one transaction per batch, and the
 * interval aggregates and daily rollups kept up to date incrementally. See README.md in this folder.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { collisionId, derivedIdCollides, hasDerivedId, legacyDerivedId, type CallFloorEvent, type RecordFields } from '../../core/events';
import { KpiAccumulator, localDayStart, type AgentState, type AgentTrack, type TzOffset } from '../../core/kpi';
import { EVENT_WINDOW_KEY, eventWindowSettings, maxStateMs, type EventWindowSettings } from '../../core/live/eventWindow';
import { tzOffsetFn } from '../../core/timezone';
import { resolveCenterId } from '../scope';
import type { Store } from '../db';
import type { DB } from '../schema';
import { exec, insertNew, listParam, prepared, query, writeRows, type PgType, type TableSpec } from './bulk';
import { storeQaCalls, touchedSegments } from './qaCalls';
import { bumpReportStamp } from './reportStamp';
import { storeSurveyAnswers, type SurveyReject } from '../surveys';
import { LEGACY_QL_IDS_KEY } from '../migrations/063_queue_log_legacy_ids';

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

const isAgentType = (t: string) => t.charCodeAt(0) === 97; // 'agent.…' (every other type is 'call.…')
const byTs = (a: CallFloorEvent, b: CallFloorEvent) => a.ts - b.ts;

// ---- table specs --------------------------------------------------------------------------------

const COUNT_KEYS = ['offered', 'answered', 'abandoned', 'shortAbandoned', 'timedOut', 'answeredWithinSl', 'handled', 'transferred', 'notReadyCount'] as const;
const SECONDS_KEYS = ['waitAnswered', 'waitAbandoned', 'talk', 'hold', 'acw', 'ring', 'staffed', 'idle', 'notReady'] as const;
const MEASURE_KEYS = [...COUNT_KEYS, ...SECONDS_KEYS];
const NM = MEASURE_KEYS.length;
const MEASURE_COLS = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'answered_within_sl',
  'handled',
  'transferred',
  'not_ready_count',
  'wait_answered',
  'wait_abandoned',
  'talk',
  'hold',
  'acw',
  'ring',
  'staffed',
  'idle',
  'not_ready',
];
/** The measure columns of the 15-minute tables with their SQL types (the ingest bench builds its bare tables from them). */
export const MEASURE_SPEC = MEASURE_COLS.map((c, i) => [c, i < COUNT_KEYS.length ? 'integer' : 'double precision'] as const);
const addSet = (table: string) => MEASURE_COLS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', ');

const spec = (table: string, keys: [string, PgType][], conflict: string, set: string): TableSpec => ({
  table,
  cols: [['center_id', 'integer'], ...keys, ...(set === 'seconds' ? [['seconds', 'double precision'] as const] : MEASURE_SPEC)],
  tail: `on conflict (center_id, ${conflict}) do update set ${set === 'seconds' ? `seconds = ${table}.seconds + excluded.seconds` : addSet(table)}`,
});
const Q_INTERVALS = spec(
  'live_queue_intervals',
  [
    ['interval_start', 'bigint'],
    ['queue', 'text'],
    ['interval_min', 'integer'],
  ],
  'interval_start, queue',
  'measures',
);
const A_INTERVALS = spec(
  'live_agent_intervals',
  [
    ['interval_start', 'bigint'],
    ['agent_code', 'text'],
    ['interval_min', 'integer'],
  ],
  'interval_start, agent_code',
  'measures',
);
const R_INTERVALS = spec(
  'live_agent_reasons',
  [
    ['interval_start', 'bigint'],
    ['agent_code', 'text'],
    ['reason', 'text'],
  ],
  'interval_start, agent_code, reason',
  'seconds',
);
const Q_DAYS = spec(
  'live_day_queues',
  [
    ['day_start', 'bigint'],
    ['queue', 'text'],
  ],
  'day_start, queue',
  'measures',
);
const A_DAYS = spec(
  'live_day_agents',
  [
    ['day_start', 'bigint'],
    ['agent_code', 'text'],
  ],
  'day_start, agent_code',
  'measures',
);
const R_DAYS = spec(
  'live_day_agent_reasons',
  [
    ['day_start', 'bigint'],
    ['agent_code', 'text'],
    ['reason', 'text'],
  ],
  'day_start, agent_code, reason',
  'seconds',
);
const EVENTS: TableSpec = {
  table: 'live_events',
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
    ['center_id', 'integer'],
  ],
  tail: 'on conflict (id) do nothing',
};
const STATES: TableSpec = {
  table: 'live_agent_state',
  cols: [
    ['center_id', 'integer'],
    ['agent_code', 'text'],
    ['state', 'text'],
    ['reason', 'text'],
    ['queue', 'text'],
    ['since', 'bigint'],
  ],
  tail: 'on conflict (center_id, agent_code) do update set state = excluded.state, reason = excluded.reason, queue = excluded.queue, since = excluded.since',
};

// ---- the zone of the daily rollups -------------------------------------------------------------

/** `live_meta` key naming the zone a center's daily rollups' days are in (see rollupTzKey). */
export const ROLLUP_TZ_KEY = 'rollup_tz';
/** The `live_meta` key of one center's rollup zone: each center's days are in its own zone. */
export const rollupTzKey = (centerId: number) => `${ROLLUP_TZ_KEY}:${centerId}`;

/** A stored zone name ('UTC', '+480', 'Asia/Shanghai') as core's offset. */
export function rollupTzOffset(name: string): TzOffset {
  if (name === 'UTC' || name === 'Etc/UTC') return 0;
  if (/^[+-]?\d+$/.test(name)) return Number(name);
  return tzOffsetFn(name);
}

/** Local day starts of interval starts, memoised per zone (the same few hundred intervals recur). */
const dayMemo = new Map<string, Map<number, number>>();
function dayStartFn(tzName: string): (intervalStart: number) => number {
  let m = dayMemo.get(tzName);
  if (!m) dayMemo.set(tzName, (m = new Map()));
  const memo = m;
  const tz = rollupTzOffset(tzName);
  return (s) => {
    let d = memo.get(s);
    if (d === undefined) {
      if (memo.size > 200_000) memo.clear();
      memo.set(s, (d = localDayStart(s, tz)));
    }
    return d;
  };
}

const windowSql = (centerId: number) => `(select value from settings where key = '${EVENT_WINDOW_KEY}' and center_id = ${Number(centerId)})`;

/**
 * The center events belong to: the one the door they came through names (the API caller's, the
 * connector's, the CLI's `--center`), else the only center of the database; with several, an error.
 */
export const resolveEventCenter = (store: Store, centerId?: number | null, db: Kysely<any> = store.db as unknown as Kysely<any>) =>
  resolveCenterId(db, centerId);

/**
 * The zone a center's rollups should be in: the center's, else UTC; the center's event window
 * setting (`live.eventWindow`: its maxStateHours bounds the agent time one event can add); and up to when
 * events are looked up under their queue_log ids of before migration 063 (one read for the three).
 */
async function wantedRollupTz(
  store: Store,
  db: Kysely<any>,
  centerId: number,
): Promise<{ stored: string | null; wanted: string; maxStateMs: number; legacyIdsUntil: number | undefined }> {
  const id = Number(centerId);
  const sql =
    `select (select value from live_meta where key = '${rollupTzKey(id)}') as r, (select timezone from centers where id = ${id}) as c, ${windowSql(id)} as w, ` +
    `(select value from live_meta where key = '${LEGACY_QL_IDS_KEY}') as l`;
  const rows = await query<{ r: string | null; c: string | null; w: string | null; l: string | null }>(store, db, sql, sql, []);
  let raw: unknown;
  try {
    raw = rows[0]?.w ? JSON.parse(rows[0].w) : undefined;
  } catch {
    raw = undefined; // a malformed setting falls back to the defaults
  }
  return {
    stored: rows[0]?.r ?? null,
    wanted: rows[0]?.c ?? 'UTC',
    maxStateMs: maxStateMs(eventWindowSettings(raw)),
    legacyIdsUntil: rows[0]?.l != null ? Number(rows[0].l) + LEGACY_ID_MARGIN_MS : undefined,
  };
}

/** A center's event window setting over the defaults (`live.eventWindow`); no center named: the only one. */
export async function loadEventWindow(store: Store, centerId?: number | null): Promise<EventWindowSettings> {
  const sql = `select ${windowSql(await resolveEventCenter(store, centerId))} as w`;
  const rows = await query<{ w: string | null }>(store, store.db as unknown as Kysely<any>, sql, sql, []);
  try {
    return eventWindowSettings(rows[0]?.w ? JSON.parse(rows[0].w) : undefined);
  } catch {
    return eventWindowSettings(undefined);
  }
}

/** What one ingest transaction works with. */
interface Ingest {
  /** the center the events belong to (every row written and read carries it) */
  centerId: number;
  /** zone of the daily rollups */
  tzName: string;
  /** a fresh accumulator with the center's rules (15-minute intervals, longest state) */
  acc: () => KpiAccumulator;
  /**
   * the database holds queue_log events under their ids of before migration 063: the events up to this time are
   * looked up under those too (re-sends); undefined: none are
   */
  legacyIdsUntil: number | undefined;
}

/**
 * PostgreSQL: one ingest transaction at a time per schema (the key includes the schema, so stores
 * in other schemas of the same database, e.g. tests, do not wait for each other). Taken before the batch
 * draws any sequence, and held to its commit: so `live_events.seq` is also the commit order, which the
 * live floor's catch-up by sequence relies on (tail.ts `maxEventSeq`; src/server/liveSeqOrder.test.ts),
 * as do `insertNew` ("the rows from the first new seq on are this call's") and the "stored before this
 * batch" rule. Dropping it (for speed) needs another way to all three.
 */
async function lockIngest(db: Kysely<any>): Promise<void> {
  await db.executeQuery(CompiledQuery.raw('select pg_advisory_xact_lock(730301, hashtext(current_schema()))', []));
}

/** Start an ingest transaction: one writer (PostgreSQL lock), rollups in the center's zone. */
async function beginIngest(store: Store, db: Kysely<any>, center?: number | null): Promise<Ingest> {
  // one writer at a time across server instances (PostgreSQL); SQLite serialises writes anyway
  if (store.dialect === 'postgres') await lockIngest(db);
  const centerId = await resolveEventCenter(store, center, db);
  if (center == null && centerId !== 0) await adoptCenterless(store, db, centerId);
  const { stored, wanted, maxStateMs, legacyIdsUntil } = await wantedRollupTz(store, db, centerId);
  if (stored !== wanted) await rebuildRollups(store, db, wanted, centerId);
  return { centerId, tzName: wanted, acc: () => newAcc(maxStateMs), legacyIdsUntil };
}

const LIVE_TABLES = [
  'live_events',
  'live_agent_state',
  'live_queue_intervals',
  'live_agent_intervals',
  'live_agent_reasons',
  'live_day_queues',
  'live_day_agents',
  'live_day_agent_reasons',
];

/**
 * Live rows stored while the database had no center (center 0) belong to its first and only center
 * once there is one: moved there (its rollups are then rebuilt in its zone, as the rollup key of that
 * center is not there yet). One indexed probe when there is nothing to move.
 */
async function adoptCenterless(store: Store, db: Kysely<any>, centerId: number): Promise<void> {
  const probe = 'select 1 as x from live_events where center_id = 0 limit 1';
  const meta = `select 1 as x from live_meta where key = '${rollupTzKey(0)}'`;
  if (!(await query(store, db, probe, probe, [])).length && !(await query(store, db, meta, meta, [])).length) return;
  const c = Number(centerId);
  for (const t of LIVE_TABLES)
    await exec(store, db, `update ${t} set center_id = ${c} where center_id = 0`, `update ${t} set center_id = ${c} where center_id = 0`, []);
  const del = `delete from live_meta where key = '${rollupTzKey(0)}'`;
  await exec(store, db, del, del, []);
}

const SUMS = (cols: readonly string[]) => cols.map((c) => `sum(${c})`).join(', ');

/**
 * Recompute the daily rollups from the 15-minute rows with days in `tzName`, in the caller's
 * transaction. Runs by itself when the center's zone is not the rollups' zone (first ingest, or the
 * center's zone was changed); O(stored interval rows).
 */
export async function rebuildRollups(store: Store, db: Kysely<any>, tzName: string, centerId: number): Promise<void> {
  const c = Number(centerId); // an integer, inlined: the statements below keep their parameter shapes
  await bumpReportStamp(db, c); // the days are cut anew: no cached report of this center holds
  for (const t of ['live_day_queues', 'live_day_agents', 'live_day_agent_reasons'])
    await exec(store, db, `delete from ${t} where center_id = ${c}`, `delete from ${t} where center_id = ${c}`, []);
  const startsSql = ['live_queue_intervals', 'live_agent_intervals', 'live_agent_reasons']
    .map((t) => `select interval_start as s from ${t} where center_id = ${c}`)
    .join(' union ');
  const starts = await query<{ s: number }>(store, db, startsSql, startsSql, []);
  if (starts.length) {
    const dayOf = dayStartFn(tzName);
    const s = starts.map((r) => Number(r.s));
    const d = s.map(dayOf);
    const map =
      store.dialect === 'sqlite'
        ? `(select json_extract(value, '$[0]') as s, json_extract(value, '$[1]') as d from json_each(?))`
        : '(select * from unnest($1::bigint[], $2::bigint[]) as u(s, d))';
    const params = store.dialect === 'sqlite' ? [JSON.stringify(s.map((x, i) => [x, d[i]]))] : [s, d];
    // SQLite: the map drives the join (`cross join` keeps it outer), each interval start a seek into the
    // table's primary key (center_id, interval_start, …); as an inner table json_each was scanned once per
    // stored row (a 1,000-agent month: 1 M rows × 2,880 starts, the rebuild ran for many minutes)
    const from = (source: string) =>
      store.dialect === 'sqlite'
        ? `${map} m cross join ${source} t on t.center_id = ${c} and t.interval_start = m.s`
        : `${source} t join ${map} m on m.s = t.interval_start where t.center_id = ${c}`;
    const fill = (target: string, keys: string, source: string, sums: string) =>
      `insert into ${target} (center_id, day_start, ${keys}, ${sums}) select ${c}, m.d, ${keys
        .split(', ')
        .map((k) => `t.${k}`)
        .join(', ')}, ${SUMS(sums.split(', ').map((x) => `t.${x}`))} from ${from(source)} group by m.d, ${keys
        .split(', ')
        .map((k) => `t.${k}`)
        .join(', ')}`;
    for (const text of [
      fill('live_day_queues', 'queue', 'live_queue_intervals', MEASURE_COLS.join(', ')),
      fill('live_day_agents', 'agent_code', 'live_agent_intervals', MEASURE_COLS.join(', ')),
      fill('live_day_agent_reasons', 'agent_code, reason', 'live_agent_reasons', 'seconds'),
    ])
      await exec(store, db, text, text, params);
  }
  await exec(
    store,
    db,
    'insert into live_meta (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
    'insert into live_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value',
    [rollupTzKey(c), tzName],
  );
}

// ---- deltas: additive changes to the interval rows (and so to the day rows) ------------------

interface Delta {
  start: number;
  key: string;
  v: Float64Array;
}
interface ReasonDelta {
  start: number;
  agent: string;
  reason: string;
  s: number;
}
const nonZero = (v: Float64Array) => {
  for (let i = 0; i < NM; i++) if (Math.abs(v[i]!) > 1e-9) return true;
  return false;
};

class Deltas {
  readonly queues = new Map<string, Delta>();
  readonly agents = new Map<string, Delta>();
  readonly reasons = new Map<string, ReasonDelta>();

  /** Add (sign 1) or take out (sign −1) everything an accumulator counted. */
  addAcc(acc: KpiAccumulator, sign: 1 | -1): void {
    for (const r of acc.queueRowsUnsorted()) this.addRow(this.queues, r.intervalStart, r.queue, r, sign);
    for (const r of acc.agentRowsUnsorted()) {
      this.addRow(this.agents, r.intervalStart, r.agent, r, sign);
      for (const reason in r.notReadyByReason) {
        const s = r.notReadyByReason[reason]!;
        const k = `${r.intervalStart}|${r.agent}|${reason}`;
        const x = this.reasons.get(k);
        if (x) x.s += sign * s;
        else this.reasons.set(k, { start: r.intervalStart, agent: r.agent, reason, s: sign * s });
      }
    }
  }

  private addRow(map: Map<string, Delta>, start: number, key: string, src: object, sign: number) {
    const k = `${start}|${key}`;
    let x = map.get(k);
    if (!x) map.set(k, (x = { start, key, v: new Float64Array(NM) }));
    const m = src as Record<string, number>;
    for (let i = 0; i < NM; i++) x.v[i]! += sign * m[MEASURE_KEYS[i]!]!;
  }

  /** The earliest interval start with a non-zero change (Infinity: none). */
  private earliestStart(): number {
    let min = Infinity;
    for (const map of [this.queues, this.agents]) for (const x of map.values()) if (x.start < min && nonZero(x.v)) min = x.start;
    for (const x of this.reasons.values()) if (x.start < min && Math.abs(x.s) > 1e-9) min = x.start;
    return min;
  }

  /** Upsert the interval rows and the day rows they roll up into (days in tzName). */
  async write(store: Store, db: Kysely<any>, ing: Ingest, now = Date.now()): Promise<void> {
    const dayOf = dayStartFn(ing.tzName);
    const c = ing.centerId;
    const intervalRows = (map: Map<string, Delta>) => {
      const out: unknown[][] = [];
      for (const x of map.values()) if (nonZero(x.v)) out.push([c, x.start, x.key, STORED_INTERVAL_MIN, ...x.v]);
      return out;
    };
    const dayRows = (map: Map<string, Delta>) => {
      const days = new Map<string, Delta>();
      for (const x of map.values()) {
        const d = dayOf(x.start);
        const k = `${d}|${x.key}`;
        let y = days.get(k);
        if (!y) days.set(k, (y = { start: d, key: x.key, v: new Float64Array(NM) }));
        for (let i = 0; i < NM; i++) y.v[i]! += x.v[i]!;
      }
      const out: unknown[][] = [];
      for (const y of days.values()) if (nonZero(y.v)) out.push([c, y.start, y.key, ...y.v]);
      return out;
    };
    const reasonRows = () => [...this.reasons.values()].filter((x) => Math.abs(x.s) > 1e-9).map((x) => [c, x.start, x.agent, x.reason, x.s]);
    const reasonDayRows = () => {
      const days = new Map<string, ReasonDelta>();
      for (const x of this.reasons.values()) {
        const d = dayOf(x.start);
        const k = `${d}|${x.agent}|${x.reason}`;
        const y = days.get(k);
        if (y) y.s += x.s;
        else days.set(k, { start: d, agent: x.agent, reason: x.reason, s: x.s });
      }
      return [...days.values()].filter((x) => Math.abs(x.s) > 1e-9).map((x) => [c, x.start, x.agent, x.reason, x.s]);
    };
    // a change to a day before the center's current day may change a cached report of a finished period
    // (a late event, a state closed across midnight, history imported): those caches are marked stale
    // (now taken at its 15-minute interval: every zone's offset is whole quarter hours, and the memo stays small)
    if (this.earliestStart() < dayOf(now - (now % (STORED_INTERVAL_MIN * 60_000)))) await bumpReportStamp(db, c);
    await writeRows(store, db, Q_INTERVALS, intervalRows(this.queues));
    await writeRows(store, db, A_INTERVALS, intervalRows(this.agents));
    await writeRows(store, db, R_INTERVALS, reasonRows());
    await writeRows(store, db, Q_DAYS, dayRows(this.queues));
    await writeRows(store, db, A_DAYS, dayRows(this.agents));
    await writeRows(store, db, R_DAYS, reasonDayRows());
  }
}

// ---- agent state between batches ------------------------------------------------------------

interface StateRow {
  agent_code: string;
  state: string;
  reason: string | null;
  queue: string | null;
  since: number;
}
const toTrack = (r: StateRow): AgentTrack => ({
  state: r.state as AgentState,
  reason: r.reason ?? undefined,
  queue: r.queue ?? undefined,
  since: Number(r.since),
});

async function writeStates(store: Store, db: Kysely<any>, centerId: number, states: Map<string, AgentTrack>) {
  const rows: unknown[][] = [];
  for (const [a, t] of states) rows.push([centerId, a, t.state, t.reason ?? null, t.queue ?? null, t.since]);
  await writeRows(store, db, STATES, rows);
}

const newAcc = (maxStateMs: number) => new KpiAccumulator({ intervalMin: STORED_INTERVAL_MIN, maxStateMs });

// ---- the sink ---------------------------------------------------------------------------------

export interface StoreEventsOptions {
  /** After storing, count every logged-in agent's open state up to this time (end of a file import). */
  flushUntil?: number;
  /**
   * The center the events are for: the door they came through (the API caller's center, the
   * connector's, the CLI's `--center`). Unset: the only center of the database; with several, an error.
   */
  centerId?: number | null;
  /** The server's clock (epoch ms; default the wall clock): which days count as past for the report stamp (reportStamp.ts). */
  now?: number;
}
export interface StoreEventsResult {
  /**
   * events not seen before, now stored and aggregated, in the order stored: time order, then (rarely) those stored
   * under their next id after their derived id was another record's, in time order among themselves (the live floor
   * does not rely on it: it sorts an import's events, and reads the feed's back in the store's sequence order)
   */
  accepted: CallFloorEvent[];
  /** events whose id was already stored (or repeated within the batch) */
  duplicates: number;
  /** survey events that could not be stored (unknown agent or call), with why; nothing of them is stored */
  rejected: SurveyReject[];
  /** the center the batch was stored for (the one named, else the only one) */
  centerId: number;
  /**
   * SQLite: the sequence numbers the accepted telephony events got, `after` < seq <= `last`, consecutive in the
   * order of `accepted` (one writer at a time: nobody else's rows in between); absent when none was new
   */
  seqs?: { after: number; last: number };
}

/**
 * Store a batch of events in one transaction: new events (by id) are inserted and aggregated,
 * re-sent ones change nothing. Works for any order of arrival:
 * - calls: a touched call with events stored before this batch is re-aggregated from all its
 *   events (old contribution out, new one in), so a late connect or end lands in the interval of
 *   queue entry; a call first seen in this batch is simply added;
 * - agents: events at or after the agent's stored state continue from that state; an earlier
 *   (late) event replays the agent from its last logout before that event (old out, new in).
 * The day rollups get the same changes, summed per day, in the same transaction.
 */
export async function storeEvents(store: Store, events: readonly CallFloorEvent[], opts: StoreEventsOptions = {}): Promise<StoreEventsResult> {
  return store.db.transaction().execute((tx) => storeInTransaction(store, tx as unknown as Kysely<any>, events, opts));
}

async function storeInTransaction(store: Store, db: Kysely<any>, events: readonly CallFloorEvent[], opts: StoreEventsOptions): Promise<StoreEventsResult> {
  const seen = new Map<string, CallFloorEvent>();
  let batch: CallFloorEvent[] = [];
  const surveys: CallFloorEvent[] = []; // not telephony: into survey_answers, never into live_events or the aggregates
  // another record's event whose derived id is taken (in this batch, or stored): tried again after this batch, as a
  // batch of its own, against what is stored then — under the same id when the taker is in this batch, else the
  // next (collisionId). Every event so walks x, x~2, x~3 … to its own record or a free id, whatever the order of arrival.
  const others: CallFloorEvent[] = [];
  for (const e of events) {
    const first = seen.get(e.id);
    if (first) {
      if (e.type !== 'survey' && hasDerivedId(e.id) && derivedIdCollides(first, e)) others.push(e);
      continue;
    }
    seen.set(e.id, e);
    if (e.type === 'survey') surveys.push(e);
    else batch.push(e);
  }
  let duplicates = events.length - batch.length - surveys.length - others.length; // repeated within the batch
  const ing = await beginIngest(store, db, opts.centerId);
  if (ing.legacyIdsUntil !== undefined) {
    const resent = await storedUnderLegacyIds(store, db, batch, ing.legacyIdsUntil);
    if (resent.size) {
      duplicates += resent.size;
      batch = batch.filter((e) => !resent.has(e));
    }
  }
  batch.sort(byTs);
  // one array literal an event (eventToRow's columns and the center): growing a 9-slot array by a push
  // reallocated it, about 250 bytes of garbage an event
  const rows = new Array<unknown[]>(batch.length);
  const c = ing.centerId;
  for (let i = 0; i < batch.length; i++) {
    const e = batch[i]!;
    rows[i] = [e.id, e.ts, e.type, e.queue ?? null, e.agent ?? null, e.callId ?? null, e.reason ?? null, e.waitS ?? null, e.target ?? null, c];
  }
  // every event stored before this batch has a lower seq than all of this batch's (one writer at a time)
  const { keys, firstSeq } = await insertNew(store, db, EVENTS, rows, 'seq');
  const accepted = keys === 'all' ? batch : batch.filter((e) => keys.has(e.id));
  if (keys !== 'all') {
    const taken = await takenByOtherRecords(store, db, keys, batch);
    others.push(...taken);
    duplicates -= taken.length;
  }
  duplicates += batch.length - accepted.length;
  await invalidateFactDays(store, db, ing.centerId, accepted);
  const deltas = new Deltas();
  const fwd = ing.acc(); // new calls and agents continuing in order: just added
  const storedCalls = await aggregateCalls(store, db, ing, accepted, firstSeq, fwd, deltas);
  const states = await aggregateAgents(store, db, ing, accepted, fwd, deltas);
  deltas.addAcc(fwd, 1);
  if (opts.flushUntil !== undefined) await flushStates(store, db, ing, opts.flushUntil, deltas, states);
  if (accepted.length || opts.flushUntil !== undefined) {
    await deltas.write(store, db, ing, opts.now);
    await writeStates(store, db, ing.centerId, states);
  }
  // answered calls → qa_calls (quality), same transaction, from the events the call aggregation read
  await storeQaCalls(store, db, ing.centerId, touchedSegments(accepted, storedCalls), Date.now());
  // after this batch's call events are in: a survey may name a call of the same batch
  const sv = await storeSurveyAnswers(db, ing.centerId, surveys, Date.now());
  const result: StoreEventsResult = {
    accepted: sv.accepted.length ? [...accepted, ...sv.accepted] : accepted,
    duplicates: duplicates + sv.duplicates,
    rejected: sv.rejected,
    centerId: ing.centerId,
    ...(store.dialect === 'sqlite' && accepted.length ? { seqs: { after: firstSeq - 1, last: firstSeq + accepted.length - 1 } } : {}),
  };
  if (!others.length) return result;
  // the other records' events, as a batch of their own in the same transaction: aggregated as late arrivals
  // would be; their sequence numbers follow this batch's, so `accepted` stays in sequence order
  const more = await storeInTransaction(store, db, others, { ...opts, centerId: ing.centerId });
  const seqs = result.seqs && more.seqs ? { after: result.seqs.after, last: more.seqs.last } : (result.seqs ?? more.seqs);
  return {
    accepted: [...result.accepted, ...more.accepted],
    duplicates: result.duplicates + more.duplicates,
    rejected: [...result.rejected, ...more.rejected],
    centerId: ing.centerId,
    ...(seqs ? { seqs } : {}),
  };
}

/**
 * The batch's events whose derived id was already stored for another record (derivedIdCollides), each under its
 * next id to try; the others not inserted are re-sends. One read of the stored rows, only when some were not new.
 */
async function takenByOtherRecords(store: Store, db: Kysely<any>, inserted: ReadonlySet<unknown>, batch: readonly CallFloorEvent[]): Promise<CallFloorEvent[]> {
  const derived = batch.filter((e) => !inserted.has(e.id) && hasDerivedId(e.id));
  if (!derived.length) return [];
  const stored = await storedRecords(
    store,
    db,
    derived.map((e) => e.id),
  );
  const out: CallFloorEvent[] = [];
  for (const e of derived) {
    const s = stored.get(e.id);
    if (s && derivedIdCollides(s, e)) out.push({ ...e, id: collisionId(e.id) });
  }
  return out;
}

/** The record fields (call, queue, agent) of the stored events with these ids, by id: one read. */
async function storedRecords(store: Store, db: Kysely<any>, ids: readonly string[]): Promise<Map<string, RecordFields>> {
  const rows = await query<{ id: string; call_id: string | null; queue: string | null; agent: string | null }>(
    store,
    db,
    `select id, call_id, queue, agent from live_events where id in (select value from json_each(?))`,
    `select id, call_id, queue, agent from live_events where id = any($1::text[])`,
    [listParam(store, ids)],
  );
  return new Map(rows.map((r) => [r.id, { callId: r.call_id ?? undefined, queue: r.queue ?? undefined, agent: r.agent ?? undefined }]));
}

/**
 * How far after the latest event stored under an old-form id (migration 063) a new event may be its re-send: the
 * same record's events from two sources (AMI's time of receipt, queue_log's line) are seconds apart.
 */
const LEGACY_ID_MARGIN_MS = 86_400_000;

/**
 * The batch's queue_log events stored before their ids carried the record's second (migration 063): each (up to
 * `until`) looked up under its old id, a re-send when the stored event is of the same record (derivedIdCollides),
 * else along the old id's chain (`~2`, `~3` …) where another record's event held it. Only in a database that held
 * such events.
 */
async function storedUnderLegacyIds(store: Store, db: Kysely<any>, batch: readonly CallFloorEvent[], until: number): Promise<Set<CallFloorEvent>> {
  const resent = new Set<CallFloorEvent>();
  let todo = new Map<string, CallFloorEvent[]>();
  for (const e of batch) {
    if (e.ts > until) continue;
    const old = legacyDerivedId(e.id);
    if (old === undefined) continue;
    const l = todo.get(old);
    if (l) l.push(e);
    else todo.set(old, [e]);
  }
  while (todo.size) {
    const next = new Map<string, CallFloorEvent[]>();
    for (const [id, stored] of await storedRecords(store, db, [...todo.keys()]))
      for (const e of todo.get(id)!) {
        if (!derivedIdCollides(stored, e)) resent.add(e);
        else {
          const l = next.get(collisionId(id));
          if (l) l.push(e);
          else next.set(collisionId(id), [e]);
        }
      }
    todo = next;
  }
  return resent;
}

/**
 * The stored agent-days new events make stale (issue 11), deleted once per agent and batch: a new event of an
 * agent closes the state that began at the agent's previous state event before it, so the agent's days ending
 * after that event can change. Runs after the batch is inserted: for the agent's earliest new event, the events
 * before it are all older ones. SQLite: done per row by a trigger until migration 036 (a seek and a delete per
 * event). PostgreSQL: by a statement-level trigger with a transition table until migration 062 (a copy of every
 * inserted row kept for it); now one statement for the batch's agents.
 */
async function invalidateFactDays(store: Store, db: Kysely<any>, centerId: number, accepted: readonly CallFloorEvent[]) {
  const first = new Map<string, number>();
  for (const e of accepted)
    if (e.agent) {
      const t = first.get(e.agent);
      if (t === undefined || e.ts < t) first.set(e.agent, e.ts);
    }
  if (!first.size) return;
  if (store.dialect === 'postgres') {
    await db.executeQuery(
      CompiledQuery.raw(
        `delete from fact_agent_days f using (select u.agent, coalesce((select max(p.ts) from live_events p where p.agent = u.agent and p.type like 'agent.%' and p.ts < u.ts), u.ts) as ts ` +
          `from unnest($1::text[], $2::bigint[]) as u(agent, ts)) n where f.center_id = $3 and f.agent_code = n.agent and f.day_end > n.ts`,
        [[...first.keys()], [...first.values()], centerId],
      ),
    );
    return;
  }
  const del = prepared(
    store.sqlite!,
    `delete from fact_agent_days where center_id = ? and agent_code = ? and day_end > coalesce((select max(p.ts) from live_events p where p.agent = ? and p.type like 'agent.%' and p.ts < ?), ?)`,
  );
  for (const [agent, ts] of first) del.run(centerId, agent, agent, ts, ts);
}

/**
 * The batch's call events into the deltas (see storeEvents); returns the touched calls' events stored before
 * this batch, by call, in time and sequence order (the QA calls are cut from them and the new ones).
 */
async function aggregateCalls(
  store: Store,
  db: Kysely<any>,
  ing: Ingest,
  accepted: CallFloorEvent[],
  firstSeq: number,
  fwd: KpiAccumulator,
  deltas: Deltas,
): Promise<Map<string, CallFloorEvent[]>> {
  const oldByCall = new Map<string, CallFloorEvent[]>();
  const ids = new Set<string>();
  for (const e of accepted) if (!isAgentType(e.type) && e.callId) ids.add(e.callId);
  if (!ids.size) return oldByCall;
  // the touched calls' events stored before this batch (none for a call first seen now)
  const oldRows = await query<EventRow>(
    store,
    db,
    `select seq, ${EVENT_COLS} from live_events where call_id in (select value from json_each(?)) and type like 'call.%' and +seq < ? and +center_id = ? order by ts, seq`,
    `select seq, ${EVENT_COLS} from live_events where call_id = any($1::text[]) and type like 'call.%' and +seq < $2 and +center_id = $3 order by ts, seq`,
    [listParam(store, [...ids]), firstSeq === Infinity ? Number.MAX_SAFE_INTEGER : firstSeq, ing.centerId],
  );
  if (!oldRows.length) {
    for (const e of accepted) if (!isAgentType(e.type)) fwd.add(e);
    return oldByCall;
  }
  for (const r of oldRows) {
    const l = oldByCall.get(r.call_id!);
    if (l) l.push(rowToEvent(r));
    else oldByCall.set(r.call_id!, [rowToEvent(r)]);
  }
  const freshOfOld = new Map<string, CallFloorEvent[]>();
  for (const e of accepted) {
    if (isAgentType(e.type)) continue;
    if (!e.callId || !oldByCall.has(e.callId)) {
      fwd.add(e);
      continue;
    }
    const l = freshOfOld.get(e.callId);
    if (l) l.push(e);
    else freshOfOld.set(e.callId, [e]);
  }
  const before = ing.acc();
  const after = ing.acc();
  for (const [callId, fresh] of freshOfOld) {
    const old = oldByCall.get(callId)!;
    for (const e of old) before.add(e);
    // stable: for equal times, stored events first (their seq is lower), then this batch's
    for (const e of [...old, ...fresh].sort(byTs)) after.add(e);
  }
  deltas.addAcc(after, 1);
  deltas.addAcc(before, -1);
  return oldByCall;
}

async function aggregateAgents(
  store: Store,
  db: Kysely<any>,
  ing: Ingest,
  accepted: CallFloorEvent[],
  fwd: KpiAccumulator,
  deltas: Deltas,
): Promise<Map<string, AgentTrack>> {
  const first = new Map<string, number>(); // each agent's earliest event in the batch
  for (const e of accepted) if (isAgentType(e.type) && e.agent && !first.has(e.agent)) first.set(e.agent, e.ts);
  const states = new Map<string, AgentTrack>();
  if (!first.size) return states;
  const stateRows = await query<StateRow>(
    store,
    db,
    'select * from live_agent_state where agent_code in (select value from json_each(?)) and center_id = ?',
    'select * from live_agent_state where agent_code = any($1::text[]) and center_id = $2',
    [listParam(store, [...first.keys()]), ing.centerId],
  );
  const stored = new Map(stateRows.map((r) => [r.agent_code, toTrack(r)]));
  const late = new Map<string, CallFloorEvent[]>();
  for (const [agent, ts] of first) {
    const st = stored.get(agent);
    if (st && ts < st.since) late.set(agent, []);
    else if (st) fwd.restoreAgent(agent, st);
  }
  for (const e of accepted) {
    if (!isAgentType(e.type) || !e.agent) continue;
    const l = late.get(e.agent);
    if (l) l.push(e);
    else fwd.add(e);
  }
  const now = fwd.agentStates();
  for (const a of first.keys()) if (!late.has(a)) states.set(a, { ...now.get(a)! });
  for (const [agent, evs] of late) states.set(agent, await replayAgent(store, db, ing, agent, stored.get(agent)!, evs, deltas));
  return states;
}

/** A late event for an agent: replay the agent from its last logout before it, old set vs new set. */
async function replayAgent(
  store: Store,
  db: Kysely<any>,
  ing: Ingest,
  agent: string,
  st: AgentTrack,
  fresh: CallFloorEvent[],
  deltas: Deltas,
): Promise<AgentTrack> {
  const freshIds = new Set(fresh.map((e) => e.id));
  const anchor = (
    await query<{ ts: number; seq: number }>(
      store,
      db,
      `select ts, seq from live_events where agent = ? and type like 'agent.%' and type = 'agent.logout' and ts < ? and +center_id = ? order by ts desc, seq desc limit 1`,
      `select ts, seq from live_events where agent = $1 and type like 'agent.%' and type = 'agent.logout' and ts < $2 and +center_id = $3 order by ts desc, seq desc limit 1`,
      [agent, fresh[0]!.ts, ing.centerId],
    )
  )[0];
  const rows = anchor
    ? await query<EventRow>(
        store,
        db,
        `select seq, ${EVENT_COLS} from live_events where agent = ? and type like 'agent.%' and (ts > ? or (ts = ? and seq > ?)) and +center_id = ? order by ts, seq`,
        `select seq, ${EVENT_COLS} from live_events where agent = $1 and type like 'agent.%' and (ts > $2 or (ts = $3 and seq > $4)) and +center_id = $5 order by ts, seq`,
        [agent, Number(anchor.ts), Number(anchor.ts), Number(anchor.seq), ing.centerId],
      )
    : await query<EventRow>(
        store,
        db,
        `select seq, ${EVENT_COLS} from live_events where agent = ? and type like 'agent.%' and +center_id = ? order by ts, seq`,
        `select seq, ${EVENT_COLS} from live_events where agent = $1 and type like 'agent.%' and +center_id = $2 order by ts, seq`,
        [agent, ing.centerId],
      );
  const old = rows.filter((r) => !freshIds.has(r.id)).map(rowToEvent);
  const before = ing.acc();
  const after = ing.acc();
  for (const e of old) before.add(e);
  for (const e of [...old, ...fresh].sort(byTs)) after.add(e);
  before.flushUntil(st.since);
  after.flushUntil(st.since);
  deltas.addAcc(after, 1);
  deltas.addAcc(before, -1);
  return { ...after.agentStates().get(agent)! };
}

/** Count open agent states up to `until` (those not logged out), e.g. at the end of a file import. */
async function flushStates(store: Store, db: Kysely<any>, ing: Ingest, until: number, deltas: Deltas, states: Map<string, AgentTrack>) {
  const rows = await query<StateRow>(
    store,
    db,
    `select * from live_agent_state where state != 'loggedOut' and since < ? and center_id = ?`,
    `select * from live_agent_state where state != 'loggedOut' and since < $1 and center_id = $2`,
    [until, ing.centerId],
  );
  const acc = ing.acc();
  const agents = new Set<string>();
  for (const r of rows)
    if (!states.has(r.agent_code)) {
      acc.restoreAgent(r.agent_code, toTrack(r));
      agents.add(r.agent_code);
    }
  for (const [a, t] of states)
    if (t.state !== 'loggedOut' && t.since < until) {
      acc.restoreAgent(a, t);
      agents.add(a);
    }
  acc.flushUntil(until);
  deltas.addAcc(acc, 1);
  const now = acc.agentStates();
  for (const a of agents) states.set(a, { ...now.get(a)! });
}

/** Count one center's open agent states up to `until` in a transaction of its own (no center: the only one). */
export async function flushAgentStates(store: Store, until: number, centerId?: number | null): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    const db = tx as unknown as Kysely<any>;
    const ing = await beginIngest(store, db, centerId);
    const deltas = new Deltas();
    const states = new Map<string, AgentTrack>();
    await flushStates(store, db, ing, until, deltas, states);
    await deltas.write(store, db, ing);
    await writeStates(store, db, ing.centerId, states);
  });
}

/**
 * Put the daily rollups in `tzName`'s days now (they follow the center's zone by themselves at the
 * next ingest; this is for a zone change without ingest, or a repair).
 */
export async function rebuildDayRollups(store: Store, tzName: string, centerId?: number | null): Promise<void> {
  await store.db.transaction().execute(async (tx) => {
    const db = tx as unknown as Kysely<any>;
    if (store.dialect === 'postgres') await lockIngest(db);
    await rebuildRollups(store, db, tzName, await resolveEventCenter(store, centerId, db));
  });
}

export async function countStoredEvents(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
