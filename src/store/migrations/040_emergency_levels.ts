import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * The graded emergency plan (issue 17, seed 000 話務應急預案): per center, levels with the live
 * figures that raise each, their actions and their call-in order (people of the plan, in order);
 * activations from a proposal or a raise to the stand-down, and the log of who did what.
 */
export default function emergencyLevels(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('emergency_levels'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('min_waiting', 'integer')
        .addColumn('sl_below', 'integer') // percent
        .addColumn('sl_minutes', 'integer')
        .addColumn('actions', 'text', (c) => c.notNull())
        /** JSON array of emergency_staff ids, in the order they are asked */
        .addColumn('callin_order', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addUniqueConstraint('emergency_levels_uq', ['center_id', 'level'])
        .execute();
      await withId(db.schema.createTable('emergency_activations'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('level', 'integer', (c) => c.notNull())
        /** proposed | active | ended | dismissed */
        .addColumn('status', 'text', (c) => c.notNull())
        /** auto | manual */
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('proposed_at', TS)
        .addColumn('raised_at', TS)
        .addColumn('raised_by', 'integer')
        .addColumn('ended_at', TS)
        .addColumn('ended_by', 'integer')
        .execute();
      await db.schema.createIndex('emergency_activations_status_idx').on('emergency_activations').columns(['center_id', 'status']).execute();
      await withId(db.schema.createTable('emergency_activation_log'), dialect)
        .addColumn('activation_id', 'integer', (c) => c.notNull().references('emergency_activations.id'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('emergency_activation_log_idx').on('emergency_activation_log').columns(['activation_id', 'id']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['emergency_activation_log', 'emergency_activations', 'emergency_levels']) await db.schema.dropTable(t).execute();
    },
  };
}
