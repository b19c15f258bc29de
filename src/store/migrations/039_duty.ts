import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * The duty-manager regime (issue 17, seed 000 值班經理制度): the duty roster (值班表) — one duty
 * manager per duty shift — and the handover log (交接班記錄) written at the end of a duty with what
 * the store held open then (alerts, call-ins, escalated / overdue work orders) and the manager's
 * notes, read and acknowledged by the next duty manager.
 */
export default function duty(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('duty_shifts'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('starts_at', TS, (c) => c.notNull())
        .addColumn('ends_at', TS, (c) => c.notNull())
        .addColumn('manager_user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('created_by', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('duty_shifts_center_idx').on('duty_shifts').columns(['center_id', 'starts_at']).execute();
      await withId(db.schema.createTable('duty_handovers'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('shift_id', 'integer', (c) => c.notNull().references('duty_shifts.id'))
        .addColumn('written_by', 'integer', (c) => c.notNull())
        .addColumn('written_at', TS, (c) => c.notNull())
        /** JSON: what was open when it was written (alerts, call-ins, work orders), from the store */
        .addColumn('open_items', 'text', (c) => c.notNull())
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('ack_by', 'integer')
        .addColumn('ack_at', TS)
        .addUniqueConstraint('duty_handovers_shift_uq', ['shift_id'])
        .execute();
      await db.schema.createIndex('duty_handovers_ack_idx').on('duty_handovers').columns(['center_id', 'ack_at']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['duty_handovers', 'duty_shifts']) await db.schema.dropTable(t).execute();
    },
  };
}
