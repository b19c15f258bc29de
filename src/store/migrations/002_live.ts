import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Live floor: the stored normalised events (idempotent by id), each agent's state between batches,
 * and additive 15-minute aggregates per queue and per agent code (see src/store/live/README.md).
 */
export const LIVE_COUNT_COLUMNS = [
  'offered',
  'answered',
  'abandoned',
  'short_abandoned',
  'timed_out',
  'answered_within_sl',
  'handled',
  'transferred',
  'not_ready_count',
] as const;
export const LIVE_SECONDS_COLUMNS = ['wait_answered', 'wait_abandoned', 'talk', 'hold', 'acw', 'ring', 'staffed', 'idle', 'not_ready'] as const;

export default function live(dialect: Dialect): Migration {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  const measures = <T extends { addColumn: (...a: any[]) => T }>(t: T): T => {
    for (const c of LIVE_COUNT_COLUMNS) t = t.addColumn(c, 'integer', (b: any) => b.notNull().defaultTo(0));
    for (const c of LIVE_SECONDS_COLUMNS) t = t.addColumn(c, sql.raw(real), (b: any) => b.notNull().defaultTo(0));
    return t;
  };
  return {
    async up(db: AnyDb) {
      // seq keeps arrival order for events with the same ts (a replay must see them in that order)
      await withId(db.schema.createTable('live_events'), dialect, 'seq')
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('ts', TS, (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('queue', 'text')
        .addColumn('agent', 'text')
        .addColumn('call_id', 'text')
        .addColumn('reason', 'text')
        .addColumn('wait_s', sql.raw(real))
        .addColumn('target', 'text')
        .execute();
      await db.schema.createIndex('live_events_call_idx').on('live_events').columns(['call_id', 'ts']).execute();
      await db.schema.createIndex('live_events_agent_idx').on('live_events').columns(['agent', 'ts']).execute();
      await db.schema.createIndex('live_events_ts_idx').on('live_events').column('ts').execute();

      await db.schema
        .createTable('live_agent_state')
        .addColumn('agent_code', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('queue', 'text')
        .addColumn('since', TS, (c) => c.notNull())
        .execute();

      await measures(
        db.schema
          .createTable('live_queue_intervals')
          .addColumn('interval_start', TS, (c) => c.notNull())
          .addColumn('queue', 'text', (c) => c.notNull())
          .addColumn('interval_min', 'integer', (c) => c.notNull().defaultTo(15)),
      )
        .addPrimaryKeyConstraint('live_queue_intervals_pk', ['interval_start', 'queue'])
        .execute();
      await db.schema.createIndex('live_queue_intervals_queue_idx').on('live_queue_intervals').columns(['queue', 'interval_start']).execute();

      await measures(
        db.schema
          .createTable('live_agent_intervals')
          .addColumn('interval_start', TS, (c) => c.notNull())
          .addColumn('agent_code', 'text', (c) => c.notNull())
          .addColumn('interval_min', 'integer', (c) => c.notNull().defaultTo(15)),
      )
        .addPrimaryKeyConstraint('live_agent_intervals_pk', ['interval_start', 'agent_code'])
        .execute();
      await db.schema.createIndex('live_agent_intervals_agent_idx').on('live_agent_intervals').columns(['agent_code', 'interval_start']).execute();

      await db.schema
        .createTable('live_agent_reasons')
        .addColumn('interval_start', TS, (c) => c.notNull())
        .addColumn('agent_code', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('seconds', sql.raw(real), (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('live_agent_reasons_pk', ['interval_start', 'agent_code', 'reason'])
        .execute();
    },
    async down(db: AnyDb) {
      for (const t of ['live_agent_reasons', 'live_agent_intervals', 'live_queue_intervals', 'live_agent_state', 'live_events'])
        await db.schema.dropTable(t).execute();
    },
  };
}
