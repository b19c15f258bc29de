/**
 * Reading the stored event stream back for the live floor: by the store's sequence (what every
 * instance applies, in the order the store accepted it) and by time (rebuilding today's floor after a
 * restart). The floor's state is derived from these, never from what one process happened to see.
 */
import type { Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import type { DB } from '../schema';
import { rowToEvent } from './ingest';

const COLS = ['seq', 'id', 'ts', 'type', 'queue', 'agent', 'call_id', 'reason', 'wait_s', 'target'] as const;

/** The highest sequence stored (0 when nothing is). */
export async function maxEventSeq(db: Kysely<DB>): Promise<number> {
  const r = await db.selectFrom('live_events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0);
}

/** Events stored after `afterSeq`, in sequence order, at most `limit`; `lastSeq` is the last one read. Given a center, its events only. */
export async function storedEventsAfter(db: Kysely<DB>, afterSeq: number, limit: number, centerId?: number): Promise<{ events: CallFloorEvent[]; lastSeq: number }> {
  let q = db.selectFrom('live_events').select(COLS).where('seq', '>', afterSeq);
  if (centerId !== undefined) q = q.where('center_id', '=', centerId);
  const rows = await q.orderBy('seq').limit(limit).execute();
  return { events: rows.map(rowToEvent), lastSeq: rows.length ? Number(rows[rows.length - 1]!.seq) : afterSeq };
}

/** Events with `fromTs <= ts` stored up to `uptoSeq`, in time order (ties by sequence). Given a center, its events only. */
export async function storedEventsFrom(db: Kysely<DB>, fromTs: number, uptoSeq: number, centerId?: number): Promise<CallFloorEvent[]> {
  let q = db.selectFrom('live_events').select(COLS).where('ts', '>=', fromTs).where('seq', '<=', uptoSeq);
  if (centerId !== undefined) q = q.where('center_id', '=', centerId);
  const rows = await q
    .orderBy('ts')
    .orderBy('seq')
    .execute();
  return rows.map(rowToEvent);
}
