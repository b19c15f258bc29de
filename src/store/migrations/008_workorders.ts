import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Work orders (escalation, complaint, suggestion, callback, dispatch): one table for every type,
 * the full transition history, callback attempts, departments / field crews with members (who act
 * as the pseudo-roles business_dept / field_crew of the core machines), and personal notifications.
 * `assignee` is 'user:<id>' or 'dept:<id>' (the core's opaque assignee string).
 */
export default function workorders(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('wo_departments'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addUniqueConstraint('wo_departments_uq', ['center_id', 'name'])
        .execute();
      await db.schema
        .createTable('wo_department_members')
        .addColumn('department_id', 'integer', (c) => c.notNull().references('wo_departments.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addPrimaryKeyConstraint('wo_department_members_pk', ['department_id', 'user_id'])
        .execute();
      await withId(db.schema.createTable('wo_orders'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('raised_by', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('assignee', 'text')
        .addColumn('customer_id', 'text')
        .addColumn('customer_phone', 'text')
        .addColumn('call_id', 'text')
        .addColumn('parent_id', 'integer')
        .addColumn('address', 'text')
        .addColumn('appointment_from', TS)
        .addColumn('appointment_to', TS)
        .addColumn('repeat_complainer', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('qa_review', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('qa_review_by', 'integer')
        .addColumn('qa_review_at', TS)
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addColumn('closed_at', TS)
        .addColumn('sla_warn_at', TS, (c) => c.notNull())
        .addColumn('sla_due_at', TS, (c) => c.notNull())
        .addColumn('sla_alerted', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.createIndex('wo_orders_open_idx').on('wo_orders').columns(['center_id', 'closed_at']).execute();
      await db.schema.createIndex('wo_orders_raised_idx').on('wo_orders').column('raised_by').execute();
      await db.schema.createIndex('wo_orders_customer_idx').on('wo_orders').columns(['customer_id', 'type']).execute();
      await withId(db.schema.createTable('wo_history'), dialect)
        .addColumn('order_id', 'integer', (c) => c.notNull().references('wo_orders.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('actor_id', 'integer', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('transition', 'text', (c) => c.notNull())
        .addColumn('from_state', 'text')
        .addColumn('to_state', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addUniqueConstraint('wo_history_uq', ['order_id', 'seq'])
        .execute();
      await withId(db.schema.createTable('wo_callback_attempts'), dialect)
        .addColumn('order_id', 'integer', (c) => c.notNull().references('wo_orders.id').onDelete('cascade'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('agent_user_id', 'integer', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('next_attempt_at', TS)
        .execute();
      await withId(db.schema.createTable('wo_notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('order_id', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('read_at', TS)
        .execute();
      await db.schema.createIndex('wo_notifications_user_idx').on('wo_notifications').columns(['user_id', 'read_at']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['wo_notifications', 'wo_callback_attempts', 'wo_history', 'wo_orders', 'wo_department_members', 'wo_departments'])
        await db.schema.dropTable(t).execute();
    },
  };
}
