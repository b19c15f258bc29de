import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, type AnyDb } from './helpers';

/**
 * A periodic snapshot of each center's live floor (issue 12): agent states, today's accumulators, queue
 * now-figures and the store sequence they cover, written by the instance that leads the center, so a
 * restart loads it and replays only the events stored after `seq` instead of the whole day.
 * One row per center (the newest); `basis` names the options the state was taken under (zone, longest
 * state), a snapshot of another day or basis is ignored.
 */
export default function liveFloorSnapshots(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('live_floor_snapshots')
        .addColumn('center_id', 'integer', (c) => c.primaryKey())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('seq', TS, (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('taken_at', TS, (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('live_floor_snapshots').execute();
    },
  };
}
