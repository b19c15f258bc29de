import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Issue 16: the events of a queue_log record (and of the AMI connector, which makes the same records) now carry the
 * record's second in their id (`ql:` + 7 base-36 digits + `.` + the hash: ingest/queueLog.ts `queueLogRecordId`), so
 * the unique id index takes a batch's new ids where its time is instead of at random pages. Events stored before
 * have `ql:` + the hash. A database that holds any is marked (`live_meta` LEGACY_QL_IDS_KEY, the latest time among
 * them): its ingest then also looks the old form up (core/events.ts `legacyDerivedId`) of each new-form id of an
 * event up to a day after that time, so a file imported before the change and again after it is still stored once,
 * and what comes later (the live feed) is not looked up. Read once, at this migration: all `ql:` ids are old-form here.
 */
export const LEGACY_QL_IDS_KEY = 'legacy_ql_ids';

export default function queueLogLegacyIds(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await sql`insert into live_meta (key, value) select ${LEGACY_QL_IDS_KEY}, cast(max(ts) as text) from live_events where id like 'ql:%' having count(*) > 0`.execute(
        db,
      );
    },
    async down(db: AnyDb) {
      await sql`delete from live_meta where key = ${LEGACY_QL_IDS_KEY}`.execute(db);
    },
  };
}
