import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import type { AnyDb } from './helpers';
import { LIVE_COUNT_COLUMNS, LIVE_SECONDS_COLUMNS } from './002_live';

/**
 * Live data per center (issues 12 and 13, "several centers"): every stored event, agent state,
 * 15-minute aggregate and daily rollup carries the center it belongs to, and the keys include it, so
 * two centers in one database may use the same queue names and keep their own days (each center's
 * rollups are in its own zone: `live_meta` key `rollup_tz:<centerId>`).
 *
 * What is already stored belonged to the one center the platform served (the first, by id); it is
 * given that center. A database with no center keeps center 0 until events are stored for a real one.
 */
export default function liveCenters(dialect: Dialect): Migration {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  const measures = [...LIVE_COUNT_COLUMNS, ...LIVE_SECONDS_COLUMNS];
  const measureDdl = [
    ...LIVE_COUNT_COLUMNS.map((c) => `${c} integer not null default 0`),
    ...LIVE_SECONDS_COLUMNS.map((c) => `${c} ${real} not null default 0`),
  ].join(', ');
  const first = '(select coalesce(min(id), 0) from centers)';
  /** table → its columns (DDL, SQLite rebuild), its key after this migration, indexes to (re)create */
  const tables: { name: string; cols: string[]; ddl: string; pk: string; indexes: string[] }[] = [
    {
      name: 'live_agent_state',
      cols: ['agent_code', 'state', 'reason', 'queue', 'since'],
      ddl: 'agent_code text not null, state text not null, reason text, queue text, since bigint not null',
      pk: 'center_id, agent_code',
      indexes: [],
    },
    {
      name: 'live_queue_intervals',
      cols: ['interval_start', 'queue', 'interval_min', ...measures],
      ddl: `interval_start bigint not null, queue text not null, interval_min integer not null default 15, ${measureDdl}`,
      pk: 'center_id, interval_start, queue',
      indexes: ['create index live_queue_intervals_queue_idx on live_queue_intervals (center_id, queue, interval_start)'],
    },
    {
      name: 'live_agent_intervals',
      cols: ['interval_start', 'agent_code', 'interval_min', ...measures],
      ddl: `interval_start bigint not null, agent_code text not null, interval_min integer not null default 15, ${measureDdl}`,
      pk: 'center_id, interval_start, agent_code',
      indexes: ['create index live_agent_intervals_agent_idx on live_agent_intervals (center_id, agent_code, interval_start)'],
    },
    {
      name: 'live_agent_reasons',
      cols: ['interval_start', 'agent_code', 'reason', 'seconds'],
      ddl: `interval_start bigint not null, agent_code text not null, reason text not null, seconds ${real} not null default 0`,
      pk: 'center_id, interval_start, agent_code, reason',
      indexes: [],
    },
    {
      name: 'live_day_queues',
      cols: ['day_start', 'queue', ...measures],
      ddl: `day_start bigint not null, queue text not null, ${measureDdl}`,
      pk: 'center_id, day_start, queue',
      indexes: [],
    },
    {
      name: 'live_day_agents',
      cols: ['day_start', 'agent_code', ...measures],
      ddl: `day_start bigint not null, agent_code text not null, ${measureDdl}`,
      pk: 'center_id, day_start, agent_code',
      indexes: ['create index live_day_agents_agent_idx on live_day_agents (center_id, agent_code, day_start)'],
    },
    {
      name: 'live_day_agent_reasons',
      cols: ['day_start', 'agent_code', 'reason', 'seconds'],
      ddl: `day_start bigint not null, agent_code text not null, reason text not null, seconds ${real} not null default 0`,
      pk: 'center_id, day_start, agent_code, reason',
      indexes: [],
    },
  ];
  const run = async (db: AnyDb, stmts: string[]) => {
    for (const s of stmts) await sql.raw(s).execute(db);
  };
  const common = [
    `alter table live_events add column center_id integer not null default 0`,
    `update live_events set center_id = ${first}`,
    // the floor of one center: rebuilt by time, followed by sequence
    `create index live_events_center_ts_idx on live_events (center_id, ts)`,
    `create index live_events_center_seq_idx on live_events (center_id, seq)`,
    `update live_meta set key = 'rollup_tz:' || ${first} where key = 'rollup_tz'`,
  ];

  return {
    async up(db: AnyDb) {
      if (dialect === 'sqlite') {
        const stmts = [...common];
        for (const t of tables) {
          const rowid = t.name === 'live_agent_state' ? '' : ' without rowid';
          stmts.push(
            ...['live_queue_intervals_queue_idx', 'live_agent_intervals_agent_idx', 'live_day_agents_agent_idx']
              .filter((i) => t.indexes.some((x) => x.includes(` ${i} `)))
              .map((i) => `drop index if exists ${i}`),
            `create table ${t.name}_new (center_id integer not null default 0, ${t.ddl}, primary key (${t.pk}))${rowid}`,
            `insert into ${t.name}_new (center_id, ${t.cols.join(', ')}) select ${first}, ${t.cols.join(', ')} from ${t.name}`,
            `drop table ${t.name}`,
            `alter table ${t.name}_new rename to ${t.name}`,
            ...t.indexes,
          );
        }
        // SQLite DDL is not run in a transaction by the migrator: make the table swaps all or nothing
        await db.transaction().execute((tx) => run(tx, stmts));
        return;
      }
      const stmts = [...common];
      for (const t of tables) {
        stmts.push(
          `alter table ${t.name} add column center_id integer not null default 0`,
          `update ${t.name} set center_id = ${first}`,
          `alter table ${t.name} drop constraint if exists ${t.name}_pk`,
          `alter table ${t.name} drop constraint if exists ${t.name}_pkey`,
          `alter table ${t.name} add primary key (${t.pk})`,
          ...t.indexes.map((i) => `drop index if exists ${/create index (\w+)/.exec(i)![1]}`),
          ...t.indexes,
        );
      }
      stmts.push(
        'drop index if exists live_queue_intervals_cover',
        'drop index if exists live_agent_intervals_cover',
        `create index live_queue_intervals_cover on live_queue_intervals (center_id, interval_start) include (queue, ${measures.join(', ')})`,
        `create index live_agent_intervals_cover on live_agent_intervals (center_id, interval_start) include (agent_code, ${measures.join(', ')})`,
      );
      await run(db, stmts);
    },
    async down() {
      throw new Error('021_live_centers cannot be undone: the per-center keys would collide');
    },
  };
}
