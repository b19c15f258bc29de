import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Inputs of the per-agent facts that no module stored before (issue 11):
 * - `survey_answers`: post-call satisfaction results (IVR survey), one row per answer, idempotent by
 *   `event_id` (the event id of a `survey` event, or a hash of the imported row);
 * - complaint attribution on work orders: the agent a complaint is about, and the duty manager's
 *   verdict (only upheld complaints count in the agent's `complaints`).
 */
export default function factsInputs(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('survey_answers'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('ts', TS, (c) => c.notNull())
        .addColumn('call_id', 'text')
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id'))
        .addColumn('queue', 'text')
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('scale_max', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('survey_answers_event_uq', ['center_id', 'event_id'])
        .execute();
      await db.schema.createIndex('survey_answers_agent_ts_idx').on('survey_answers').columns(['agent_id', 'ts']).execute();
      await db.schema.alterTable('wo_orders').addColumn('agent_id', 'integer').execute();
      await db.schema.alterTable('wo_orders').addColumn('verdict', 'text').execute();
      await db.schema.alterTable('wo_orders').addColumn('verdict_by', 'integer').execute();
      await db.schema.alterTable('wo_orders').addColumn('verdict_at', TS).execute();
      await db.schema.createIndex('wo_orders_agent_idx').on('wo_orders').columns(['agent_id', 'type']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropIndex('wo_orders_agent_idx').execute();
      for (const c of ['verdict_at', 'verdict_by', 'verdict', 'agent_id']) await db.schema.alterTable('wo_orders').dropColumn(c).execute();
      await db.schema.dropTable('survey_answers').execute();
    },
  };
}
