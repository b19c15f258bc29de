import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Intraday offers (issue 15): when the re-forecast opens a gap the planner pushes overtime offers (extend a
 * shift) and VTO offers (go home early) to the agents concerned. An offer has a window and a capacity; each
 * agent it went to has a row with the shift it would change, answered first come, first served.
 */
export default function intraday(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('wfm_intraday_offers'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('start_ts', TS, (c) => c.notNull())
        .addColumn('end_ts', TS, (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.notNull())
        .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wfm_intraday_offers_center').on('wfm_intraday_offers').columns(['center_id', 'start_ts']).execute();
      await db.schema
        .createTable('wfm_intraday_offer_agents')
        .addColumn('offer_id', 'integer', (c) => c.notNull().references('wfm_intraday_offers.id').onDelete('cascade'))
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('shift_id', 'integer', (c) => c.notNull())
        // the shift's bounds when the agent takes the offer
        .addColumn('new_start_ts', TS, (c) => c.notNull())
        .addColumn('new_end_ts', TS, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('answered_at', TS)
        .addPrimaryKeyConstraint('wfm_intraday_offer_agents_pk', ['offer_id', 'agent_id'])
        .execute();
      await db.schema.createIndex('wfm_intraday_offer_agents_agent').on('wfm_intraday_offer_agents').columns(['agent_id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('wfm_intraday_offer_agents').execute();
      await db.schema.dropTable('wfm_intraday_offers').execute();
    },
  };
}
