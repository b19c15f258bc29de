import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * The live floor is rebuilt from the stored events of the last day and a half after a restart (issue 12):
 * a time index makes that a range read instead of a scan of every event ever stored. Times arrive in
 * near order, so the index grows at its right edge and costs the ingest little.
 */
export default function liveFloorState(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.createIndex('live_events_ts_idx').on('live_events').column('ts').execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('live_events_ts_idx').execute();
    },
  };
}
