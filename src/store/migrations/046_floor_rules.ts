import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * The floor rules as workflows (issue 17, seed 000 第12/13/21/26條) and the emergency plan's call-in that
 * moves down its list:
 * - emergency_callin_asks: one row per person asked to come in for an activation, in the level's order;
 *   pending until they accept or decline, or the answer time runs out (then the next is asked);
 * - floor_faults: equipment fault reports (seat, device kind, description) from report to fixed;
 * - floor_check_items / floor_checks / floor_check_results: the team lead's hygiene and safety checklist
 *   (per center, editable), each check (date, area) and its result per item (pass / fail, note; the item's
 *   text kept as checked) with the follow-up of a failure;
 * - room_visits: the machine-room visitor log (機房登記薄), in and out;
 * - visit_notices: announced visits (參觀通知).
 */
export default function floorRules(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('emergency_callin_asks'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('activation_id', 'integer', (c) => c.notNull().references('emergency_activations.id').onDelete('cascade'))
        .addColumn('staff_id', 'integer', (c) => c.notNull().references('emergency_staff.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('order_no', 'integer', (c) => c.notNull())
        .addColumn('asked_at', TS, (c) => c.notNull())
        .addColumn('due_at', TS, (c) => c.notNull())
        /** pending | accepted | declined | timedOut | stopped */
        .addColumn('answer', 'text', (c) => c.notNull())
        .addColumn('answered_at', TS)
        .execute();
      await db.schema.createIndex('emergency_callin_asks_idx').on('emergency_callin_asks').columns(['center_id', 'answer', 'due_at']).execute();
      // one ask per place in the order: two instances moving the same list on insert once
      await db.schema.createIndex('emergency_callin_asks_order_uq').unique().on('emergency_callin_asks').columns(['activation_id', 'order_no']).execute();

      await withId(db.schema.createTable('floor_faults'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('seat', 'text', (c) => c.notNull())
        .addColumn('device', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('reported_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('reported_at', TS, (c) => c.notNull())
        /** open | fixed */
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('fixed_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('fixed_at', TS)
        .addColumn('fix_note', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('floor_faults_idx').on('floor_faults').columns(['center_id', 'status', 'reported_at']).execute();

      await withId(db.schema.createTable('floor_check_items'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('floor_checks'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('checked_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('floor_checks_idx').on('floor_checks').columns(['center_id', 'date']).execute();
      await db.schema
        .createTable('floor_check_results')
        .addColumn('check_id', 'integer', (c) => c.notNull().references('floor_checks.id').onDelete('cascade'))
        .addColumn('item_id', 'integer', (c) => c.notNull().references('floor_check_items.id').onDelete('cascade'))
        .addColumn('item_text', 'text', (c) => c.notNull())
        .addColumn('pass', 'integer', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        /** none (passed) | open | done */
        .addColumn('follow_up', 'text', (c) => c.notNull())
        .addColumn('follow_up_note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('follow_up_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('follow_up_at', TS)
        .addPrimaryKeyConstraint('floor_check_results_pk', ['check_id', 'item_id'])
        .execute();

      await withId(db.schema.createTable('room_visits'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('visitor', 'text', (c) => c.notNull())
        .addColumn('company', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('escort', 'text', (c) => c.notNull())
        .addColumn('in_at', TS, (c) => c.notNull())
        .addColumn('out_at', TS)
        .addColumn('logged_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .execute();
      await db.schema.createIndex('room_visits_idx').on('room_visits').columns(['center_id', 'in_at']).execute();

      await withId(db.schema.createTable('visit_notices'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('starts_at', TS, (c) => c.notNull())
        .addColumn('ends_at', TS, (c) => c.notNull())
        .addColumn('group_name', 'text', (c) => c.notNull())
        .addColumn('areas', 'text', (c) => c.notNull())
        .addColumn('host', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('visit_notices_idx').on('visit_notices').columns(['center_id', 'starts_at']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['visit_notices', 'room_visits', 'floor_check_results', 'floor_checks', 'floor_check_items', 'floor_faults', 'emergency_callin_asks'])
        await db.schema.dropTable(t).execute();
    },
  };
}
