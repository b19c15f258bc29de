import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';
import { LIVE_COUNT_COLUMNS, LIVE_SECONDS_COLUMNS } from './002_live';

/**
 * Live floor, for speed (see src/store/live/README.md):
 * - daily rollups of the 15-minute aggregates, per local day × queue, × agent code and
 *   × agent code × not-ready reason, kept by the same additive updates in the same transaction;
 *   `live_meta.rollup_tz` names the zone their days are in (written by the first ingest);
 * - the 15-minute tables clustered by their key (SQLite: WITHOUT ROWID) or with a covering index
 *   (PostgreSQL), so interval reports read only the index;
 * - the event indexes narrowed to what ingest looks up: a call's events (call events only) and an
 *   agent's events (agent events only); the unused index on ts alone is gone.
 */
export default function liveRollups(dialect: Dialect): Migration {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  const measureDdl = [
    ...LIVE_COUNT_COLUMNS.map((c) => `${c} integer not null default 0`),
    ...LIVE_SECONDS_COLUMNS.map((c) => `${c} ${real} not null default 0`),
  ].join(', ');
  const measureList = [...LIVE_COUNT_COLUMNS, ...LIVE_SECONDS_COLUMNS].join(', ');
  const clustered = dialect === 'sqlite' ? ' without rowid' : '';
  const run = async (db: AnyDb, stmts: string[]) => {
    for (const s of stmts) await sql.raw(s).execute(db);
  };

  return {
    async up(db: AnyDb) {
      const stmts: string[] = [
        `create table live_meta (key text primary key, value text not null)`,
        `create table live_day_queues (day_start bigint not null, queue text not null, ${measureDdl}, primary key (day_start, queue))${clustered}`,
        `create table live_day_agents (day_start bigint not null, agent_code text not null, ${measureDdl}, primary key (day_start, agent_code))${clustered}`,
        `create index live_day_agents_agent_idx on live_day_agents (agent_code, day_start)`,
        `create table live_day_agent_reasons (day_start bigint not null, agent_code text not null, reason text not null, seconds ${real} not null default 0, primary key (day_start, agent_code, reason))${clustered}`,

        // events: each event in one lookup index, the one ingest reads it by
        `drop index live_events_ts_idx`,
        `drop index live_events_call_idx`,
        `drop index live_events_agent_idx`,
        `create index live_events_call_idx on live_events (call_id, ts) where type like 'call.%'`,
        `create index live_events_agent_idx on live_events (agent, ts) where type like 'agent.%'`,
      ];
      if (dialect === 'sqlite') {
        // rebuild the 15-minute tables clustered by their primary key: the table is its own covering index
        const rebuild = (table: string, cols: string, pk: string, extra: string[]) => [
          `create table ${table}_new (${cols}, primary key (${pk})) without rowid`,
          `insert into ${table}_new select * from ${table}`,
          `drop table ${table}`,
          `alter table ${table}_new rename to ${table}`,
          ...extra,
        ];
        stmts.push(
          ...rebuild(
            'live_queue_intervals',
            `interval_start bigint not null, queue text not null, interval_min integer not null default 15, ${measureDdl}`,
            'interval_start, queue',
            ['create index live_queue_intervals_queue_idx on live_queue_intervals (queue, interval_start)'],
          ),
          ...rebuild(
            'live_agent_intervals',
            `interval_start bigint not null, agent_code text not null, interval_min integer not null default 15, ${measureDdl}`,
            'interval_start, agent_code',
            ['create index live_agent_intervals_agent_idx on live_agent_intervals (agent_code, interval_start)'],
          ),
          ...rebuild(
            'live_agent_reasons',
            `interval_start bigint not null, agent_code text not null, reason text not null, seconds real not null default 0`,
            'interval_start, agent_code, reason',
            [],
          ),
        );
        // SQLite DDL is not run in a transaction by the migrator: make the table swaps all or nothing
        await db.transaction().execute((tx) => run(tx, stmts));
      } else {
        stmts.push(
          `create index live_queue_intervals_cover on live_queue_intervals (interval_start) include (queue, ${measureList})`,
          `create index live_agent_intervals_cover on live_agent_intervals (interval_start) include (agent_code, ${measureList})`,
        );
        await run(db, stmts);
      }
    },
    async down(db: AnyDb) {
      await run(db, [
        'drop table live_day_agent_reasons',
        'drop table live_day_agents',
        'drop table live_day_queues',
        'drop table live_meta',
        'drop index live_events_call_idx',
        'drop index live_events_agent_idx',
        'create index live_events_call_idx on live_events (call_id, ts)',
        'create index live_events_agent_idx on live_events (agent, ts)',
        'create index live_events_ts_idx on live_events (ts)',
        ...(dialect === 'postgres' ? ['drop index live_queue_intervals_cover', 'drop index live_agent_intervals_cover'] : []),
      ]);
    },
  };
}
