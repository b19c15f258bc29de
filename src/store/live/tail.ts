/**
 * Reading the stored event stream back for the live floor: by the store's sequence (what every
 * instance applies, in the order the store accepted it) and by time (rebuilding today's floor after a
 * restart). The floor's state is derived from these, never from what one process happened to see.
 */
import { sql, type Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import type { DB } from '../schema';
import type { Store } from '../db';
import { rowToEvent } from './ingest';

const COLS = ['seq', 'id', 'ts', 'type', 'queue', 'agent', 'call_id', 'reason', 'wait_s', 'target'] as const;

/**
 * The highest sequence stored (0 when nothing is).
 *
 * Reading "everything up to the highest committed `seq`, then moving past it" needs every lower sequence to be
 * committed already (or never). SQLite: one writer. PostgreSQL: two writers (two instances, a push beside an
 * import) draw from one identity, and a transaction holding a lower sequence could commit after a higher one was
 * read — were it not for the ingest lock (`lockIngest`, ingest.ts): every insert into `live_events` is made by
 * `storeEvents` after it took `pg_advisory_xact_lock` of the schema, so sequences are drawn by one transaction
 * at a time, and PostgreSQL releases that lock only after the commit is visible (ProcArrayEndTransaction comes
 * before the locks are let go): whatever `seq` a reader sees, every lower one is committed or rolled back.
 * No stored xid and no re-read of gaps is needed (src/server/liveSeqOrder.test.ts holds a lower sequence's
 * transaction open while another instance stores and the floor catches up; without the lock it fails).
 */
export async function maxEventSeq(db: Kysely<DB>): Promise<number> {
  const r = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return Number(r?.m ?? 0);
}

/**
 * Events stored after `afterSeq`, in sequence order, at most `limit`, with each one's sequence (`seqs`, same
 * order); `lastSeq` is the last one read. Given a center, its events only.
 *
 * With `range`: only the rows up to `uptoSeq` (every row up to it stored already: the highest sequence read
 * before), and of them only those from `fromTs` on — the older ones are read past in SQLite without being
 * built (a live floor has no use for an imported month); `lastSeq` is then `uptoSeq` when fewer than `limit`
 * rows came back.
 */
export async function storedEventsAfter(
  db: Kysely<DB>,
  afterSeq: number,
  limit: number,
  centerId?: number,
  range?: { uptoSeq: number; fromTs: number },
): Promise<{ events: CallFloorEvent[]; seqs: number[]; lastSeq: number }> {
  let q = db.selectFrom('live_events').select(COLS).where('seq', '>', afterSeq);
  // a range of the primary key: only the rows stored since; `+center_id` keeps the planner off the center's
  // (center_id, ts) index, which would read (and sort) every event of the center at every catch-up
  if (centerId !== undefined) q = q.where(sql<number>`+center_id`, '=', centerId);
  // `+ts` likewise: a day's worth of a time index is more than a range of sequences
  if (range) q = q.where('seq', '<=', range.uptoSeq).where(sql<number>`+ts`, '>=', range.fromTs);
  const rows = await q.orderBy('seq').limit(limit).execute();
  const lastRead = rows.length ? Number(rows[rows.length - 1]!.seq) : afterSeq;
  return { events: rows.map(rowToEvent), seqs: rows.map((r) => Number(r.seq)), lastSeq: range && rows.length < limit ? range.uptoSeq : lastRead };
}

/** Events with `fromTs <= ts` stored up to `uptoSeq`, in time order (ties by sequence). Given a center, its events only. */
export async function storedEventsFrom(db: Kysely<DB>, fromTs: number, uptoSeq: number, centerId?: number): Promise<CallFloorEvent[]> {
  let q = db.selectFrom('live_events').select(COLS).where('ts', '>=', fromTs).where('seq', '<=', uptoSeq);
  if (centerId !== undefined) q = q.where('center_id', '=', centerId);
  const rows = await q.orderBy('ts').orderBy('seq').execute();
  return rows.map(rowToEvent);
}

/** Rows read per round trip when replaying SQLite (the event loop and other queries get a turn in between). */
export const REPLAY_BATCH = 20_000;

/**
 * Replays the events with `fromTs <= ts` stored up to `uptoSeq` into `fn`, in time order (ties by sequence),
 * SQLite without building them all first: rows come in batches (keyset on ts, seq; PostgreSQL: one query), in a compact form (only the
 * columns the floor reads: no id, no target), and every row is handed over in ONE reused object — `fn` must
 * not keep it. SQLite reads through the better-sqlite3 handle in raw (array) mode. Returns the rows replayed.
 * Same events, same order as `storedEventsFrom` (minus id and target, which the floor does not read).
 */
export async function replayStoredEventsFrom(
  store: Store,
  fromTs: number,
  uptoSeq: number,
  fn: (e: CallFloorEvent) => void,
  centerId?: number,
  batch = REPLAY_BATCH,
): Promise<number> {
  const e: CallFloorEvent = { id: '', ts: 0, type: 'agent.login', queue: undefined, agent: undefined, callId: undefined, reason: undefined, waitS: undefined };
  // one shape for every row (no property added or deleted): the floor's loop stays monomorphic
  const put = (ts: unknown, type: unknown, queue: unknown, agent: unknown, callId: unknown, reason: unknown, waitS: unknown) => {
    e.ts = Number(ts);
    e.type = type as CallFloorEvent['type'];
    e.queue = (queue as string | null) ?? undefined;
    e.agent = (agent as string | null) ?? undefined;
    e.callId = (callId as string | null) ?? undefined;
    e.reason = (reason as string | null) ?? undefined;
    e.waitS = waitS == null ? undefined : Number(waitS);
    fn(e);
  };
  let n = 0;
  let lastTs = fromTs;
  let lastSeq = -1;
  const sqlite = store.dialect === 'sqlite' ? store.sqlite : undefined;
  if (sqlite) {
    // one center's: a range of its (center_id, ts) index, which carries the rowid (= seq), so the rows come in
    // (ts, seq) order without a sort; no center named (tests, tools): every center's events, read in full
    const cols = 'ts, type, queue, agent, call_id, reason, wait_s, seq';
    const keyset = 'ts >= ? and seq <= ? and (ts > ? or seq > ?) order by ts, seq limit ?';
    const st = (
      centerId !== undefined
        ? sqlite.prepare(`select ${cols} from live_events where center_id = ${Number(centerId)} and ${keyset}`)
        : sqlite.prepare(`select ${cols} from live_events where ${keyset}`)
    ).raw(true);
    for (;;) {
      let got = 0;
      // the handle is used only while Kysely's one connection is held (nothing else runs on it meanwhile)
      await store.db.connection().execute(async () => {
        for (const r of st.iterate(lastTs, uptoSeq, lastTs, lastSeq, batch) as Iterable<unknown[]>) {
          got++;
          lastTs = r[0] as number;
          lastSeq = r[7] as number;
          n++;
          put(r[0], r[1], r[2], r[3], r[4], r[5], r[6]);
        }
      });
      if (got < batch) return n;
    }
  }
  // PostgreSQL: one query. Keyset batches there sorted every row from the batch's start again (the index is on
  // (center_id, ts), the order is ts, seq): measured 3× slower than reading the rows once (bench/RESULTS-live.md).
  const rows = await store.db
    .selectFrom('live_events')
    .select(['ts', 'type', 'queue', 'agent', 'call_id', 'reason', 'wait_s'])
    .where('ts', '>=', fromTs)
    .where('seq', '<=', uptoSeq)
    .$if(centerId !== undefined, (q) => q.where('center_id', '=', centerId!))
    .orderBy('ts')
    .orderBy('seq')
    .execute();
  for (const r of rows) put(r.ts, r.type, r.queue, r.agent, r.call_id, r.reason, r.wait_s);
  return rows.length;
}
