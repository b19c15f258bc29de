import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/** Live floor: alerts, the emergency plan (people pulled onto the phones) and stress prompts. */
export default function alerts(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('alerts'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('dedupe_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('team_id', 'integer')
        .addColumn('agent_id', 'integer')
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
        .addColumn('figures', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('raised_at', TS, (c) => c.notNull())
        .addColumn('last_seen_at', TS, (c) => c.notNull())
        .addColumn('cleared_at', TS)
        .addColumn('ack_by', 'integer')
        .addColumn('ack_at', TS)
        .addColumn('ack_note', 'text')
        .addColumn('closed_by', 'integer')
        .addColumn('closed_at', TS)
        .addColumn('close_note', 'text')
        .execute();
      await db.schema.createIndex('alerts_status_idx').on('alerts').columns(['center_id', 'status']).execute();
      await withId(db.schema.createTable('emergency_staff'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('ext_code', 'text', (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('emergency_staff_ext_uq', ['center_id', 'ext_code'])
        .execute();
      await withId(db.schema.createTable('emergency_callins'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('staff_id', 'integer', (c) => c.notNull().references('emergency_staff.id'))
        .addColumn('alert_id', 'integer')
        .addColumn('called_by', 'integer')
        .addColumn('started_at', TS, (c) => c.notNull())
        .addColumn('ended_at', TS)
        .addColumn('ended_by', 'integer')
        .addColumn('calls', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('emergency_callins_open_idx').on('emergency_callins').columns(['center_id', 'ended_at']).execute();
      await withId(db.schema.createTable('stress_prompts'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('agent_code', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'integer')
        .addColumn('team_id', 'integer')
        .addColumn('lead_user_id', 'integer')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('done_at', TS)
        .addColumn('done_by', 'integer')
        .addColumn('note', 'text')
        .execute();
      await db.schema.createIndex('stress_prompts_lead_idx').on('stress_prompts').columns(['lead_user_id', 'done_at']).execute();
    },
    async down(db: AnyDb) {
      for (const t of ['stress_prompts', 'emergency_callins', 'emergency_staff', 'alerts']) await db.schema.dropTable(t).execute();
    },
  };
}
