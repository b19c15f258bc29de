import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Issue 16 (ingest toward the bare insert): two of the indexes on `live_events` serve no read, and every
 * stored event paid an entry in each.
 * - `live_events_ts_idx` (018, time alone): the floor's rebuild after a restart reads one center's events
 *   since a time; `live_events_center_ts_idx` (center_id, ts) serves that range (in ts, seq order: the
 *   index carries the rowid / is followed by a sort of the range on PostgreSQL), and the replay now names
 *   the center in its SQL (store/live/tail.ts). Every other time-range read names a center too.
 * - `live_events_center_seq_idx` (021): the floor's catch-up reads the events stored after a sequence
 *   (`seq > ?`, a range of the primary key, only the rows stored since; the center is a filter on them).
 * Kept: the unique id (idempotency), the partial call and agent indexes (late events, QA calls, surveys,
 * agent states), and (center_id, ts) (the rebuild, the center probe of the ingest). The plan test
 * (store/live/ingestPlan.test.ts) checks that the hot reads still go through an index.
 */
export default function liveEventIndexes(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.dropIndex('live_events_ts_idx').ifExists().execute();
      await db.schema.dropIndex('live_events_center_seq_idx').ifExists().execute();
    },
    async down(db: AnyDb) {
      await db.schema.createIndex('live_events_ts_idx').ifNotExists().on('live_events').column('ts').execute();
      await db.schema.createIndex('live_events_center_seq_idx').ifNotExists().on('live_events').columns(['center_id', 'seq']).execute();
    },
  };
}
