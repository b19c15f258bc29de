import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';

/**
 * Center keys for what was still shared by every center of a database (issue 12, "several centers"):
 *
 * - `wfm_history` (uploaded forecast history) gets `center_id`, in its key. Before, an upload was seen
 *   by every center; so that no center loses what it saw, existing rows are given to every center of
 *   the database (with one center: to it). A database with no center keeps center 0 (read by no one).
 */
export default function centerKeys(dialect: Dialect): Migration {
  const run = async (db: AnyDb, stmts: string[]) => {
    for (const s of stmts) await sql.raw(s).execute(db);
  };
  const historyCols = 'queue, interval_min, ts, offered, aht_sum';
  // every center's copy of the shared rows; center 0 when there is none
  const historyCopy = (into: string) =>
    `insert into ${into} (center_id, ${historyCols}) select c.id, ${historyCols} from wfm_history h ` +
    `cross join (select id from centers union all select 0 where not exists (select 1 from centers)) c`;
  return {
    async up(db: AnyDb) {
      if (dialect === 'sqlite') {
        await db
          .transaction()
          .execute((tx) =>
            run(tx, [
              `create table wfm_history_new (center_id integer not null, queue text not null, interval_min integer not null, ts bigint not null, ` +
                `offered real not null, aht_sum real not null, primary key (center_id, queue, interval_min, ts))`,
              historyCopy('wfm_history_new'),
              'drop table wfm_history',
              'alter table wfm_history_new rename to wfm_history',
            ]),
          );
        return;
      }
      await run(db, [
        `create table wfm_history_new (center_id integer not null, queue text not null, interval_min integer not null, ts bigint not null, ` +
          `offered double precision not null, aht_sum double precision not null, constraint wfm_history_pk2 primary key (center_id, queue, interval_min, ts))`,
        historyCopy('wfm_history_new'),
        'drop table wfm_history',
        'alter table wfm_history_new rename to wfm_history',
      ]);
    },
    async down() {
      throw new Error('032_center_keys cannot be undone: the per-center keys would collide');
    },
  };
}
