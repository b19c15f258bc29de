import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';
import { pgTriggers, sqliteTriggers, type FactDayRule } from './024_fact_days';

/**
 * Center keys for what was still shared by every center of a database (issue 12, "several centers"):
 *
 * - `wfm_history` (uploaded forecast history) gets `center_id`, in its key. Before, an upload was seen
 *   by every center; so that no center loses what it saw, existing rows are given to every center of
 *   the database (with one center: to it). A database with no center keeps center 0 (read by no one).
 * - `qa_calls` is keyed by (center_id, id): two centers' calls with the same PBX call id are two rows
 *   (before, the second overwrote the first). The tables that point at a call (calibrations,
 *   evaluations, work items, library) point at (center_id, call_id); a work item is unique per call of
 *   a center. The stored-facts triggers of migration 024 on evaluations and calls match the center too.
 */

const QA_CHILDREN = ['qa_calibrations', 'qa_evaluations', 'qa_work_items', 'qa_library'];

/** 024's rules for evaluations and calls, matching the call's center as well as its id. */
const QA_RULES: FactDayRule[] = [
  {
    table: 'qa_evaluations',
    events: ['insert', 'update', 'delete'],
    stmt: (r) =>
      `delete from fact_agent_days where agent_id = ${r}.agent_id and exists (select 1 from qa_calls c where c.center_id = ${r}.center_id and c.id = ${r}.call_id` +
      ` and c.started_at >= fact_agent_days.day_start and c.started_at < fact_agent_days.day_end)`,
  },
  {
    table: 'qa_calls',
    events: ['update'],
    stmt: (r) =>
      `delete from fact_agent_days where agent_id in (select agent_id from qa_evaluations where center_id = ${r}.center_id and call_id = ${r}.id)` +
      ` and day_start <= ${r}.started_at and day_end > ${r}.started_at`,
  },
];

/** SQLite: the tables' CREATE statements rewritten for the new keys (the rest of each table as it is, whatever later columns it got). */
function sqliteQaTable(name: string, ddl: string): string {
  let out = ddl.replace(new RegExp(`^CREATE TABLE "${name}"`, 'i'), `CREATE TABLE "${name}_new"`);
  if (name === 'qa_calls') out = out.replace(/"id" text primary key/i, '"id" text not null').replace(/\)\s*$/, ', primary key ("center_id", "id"))');
  else
    out = out
      .replace(/ references "qa_calls" \("id"\)/i, '')
      .replace(/unique \("call_id"\)/i, 'unique ("center_id", "call_id")')
      .replace(/\)\s*$/, ', foreign key ("center_id", "call_id") references "qa_calls" ("center_id", "id"))');
  return out;
}

async function sqliteQaKeys(db: AnyDb) {
  const tables = ['qa_calls', ...QA_CHILDREN];
  const list = tables.map((t) => `'${t}'`).join(', ');
  const ddl = (await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'table' and name in (${sql.raw(list)})`.execute(db))
    .rows;
  const indexes = (
    await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.raw(list)})`.execute(db)
  ).rows.map((r) =>
    r.sql.replace(/"qa_evaluations_call_idx" on "qa_evaluations" \("call_id"\)/i, '"qa_evaluations_call_idx" on "qa_evaluations" ("center_id", "call_id")'),
  );
  // triggers on these tables or reading them: dropped first (a rename checks every trigger), created again after
  const mine = sqliteTriggers(QA_RULES);
  const triggers = (
    await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'trigger' and (tbl_name in (${sql.raw(list)}) or ${sql.raw(
      tables.map((t) => `sql like '%${t}%'`).join(' or '),
    )})`.execute(db)
  ).rows.filter((t) => !mine.drop.some((d) => d.endsWith(` ${t.name}`)));
  const stmts = [
    ...mine.drop,
    ...triggers.map((t) => `drop trigger if exists "${t.name}"`),
    ...tables.flatMap((t) => {
      const cols = ddl.find((d) => d.name === t)!;
      return [sqliteQaTable(t, cols.sql), `insert into "${t}_new" select * from "${t}"`];
    }),
    ...tables.flatMap((t) => [`drop table "${t}"`, `alter table "${t}_new" rename to "${t}"`]),
    ...indexes,
    ...triggers.map((t) => t.sql),
    ...mine.create,
  ];
  // the table swaps need foreign keys off (the drops would check the children); on again after, with a check
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      for (const s of stmts) await sql.raw(s).execute(tx);
      const broken = (await sql`pragma foreign_key_check`.execute(tx)).rows;
      if (broken.length) throw new Error(`032_center_keys: ${broken.length} rows point at a call of another center: ${JSON.stringify(broken.slice(0, 5))}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

function pgQaKeys(): string[] {
  const mine = pgTriggers(QA_RULES);
  return [
    // the children's foreign keys on qa_calls(id) go with its key
    'alter table qa_calls drop constraint qa_calls_pkey cascade',
    'alter table qa_calls add constraint qa_calls_pkey primary key (center_id, id)',
    ...QA_CHILDREN.map((t) => `alter table ${t} add constraint ${t}_call_fk foreign key (center_id, call_id) references qa_calls (center_id, id)`),
    'alter table qa_work_items drop constraint qa_work_items_call_uq',
    'alter table qa_work_items add constraint qa_work_items_call_uq unique (center_id, call_id)',
    'drop index if exists qa_evaluations_call_idx',
    'create index qa_evaluations_call_idx on qa_evaluations (center_id, call_id)',
    ...mine.drop,
    ...mine.create,
  ];
}

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
        await sqliteQaKeys(db);
        return;
      }
      await run(db, [
        `create table wfm_history_new (center_id integer not null, queue text not null, interval_min integer not null, ts bigint not null, ` +
          `offered double precision not null, aht_sum double precision not null, constraint wfm_history_pk2 primary key (center_id, queue, interval_min, ts))`,
        historyCopy('wfm_history_new'),
        'drop table wfm_history',
        'alter table wfm_history_new rename to wfm_history',
        ...pgQaKeys(),
      ]);
    },
    async down() {
      throw new Error('032_center_keys cannot be undone: the per-center keys would collide');
    },
  };
}
