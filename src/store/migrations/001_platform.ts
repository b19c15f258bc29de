import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

export default function platform(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('centers'), dialect)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('Asia/Shanghai'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('teams'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lead_user_id', 'integer')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addUniqueConstraint('teams_center_name_uq', ['center_id', 'name'])
        .execute();
      await withId(db.schema.createTable('agents'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('team_id', 'integer', (c) => c.references('teams.id'))
        .addColumn('employee_no', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('hire_date', 'text', (c) => c.notNull())
        .addColumn('skill_level', 'text', (c) => c.notNull().defaultTo('junior'))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
        .addColumn('left_date', 'text')
        .addColumn('ext_code', 'text', (c) => c.unique())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agents_team_idx').on('agents').column('team_id').execute();
      await db.schema
        .createTable('agent_queues')
        .addColumn('agent_id', 'integer', (c) => c.notNull().references('agents.id').onDelete('cascade'))
        .addColumn('queue', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('agent_queues_pk', ['agent_id', 'queue'])
        .execute();
      await withId(db.schema.createTable('users'), dialect)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('agent_id', 'integer', (c) => c.unique().references('agents.id'))
        .addColumn('center_id', 'integer', (c) => c.references('centers.id'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_roles')
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf', 'text', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('expires_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('audit_log'), dialect)
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text')
        .addColumn('detail', 'text')
        .execute();
      await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
      await db.schema
        .createTable('settings')
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('settings_pk', ['center_id', 'key'])
        .execute();
    },
    async down(db: AnyDb) {
      for (const t of ['settings', 'audit_log', 'sessions', 'user_roles', 'users', 'agent_queues', 'agents', 'teams', 'centers'])
        await db.schema.dropTable(t).execute();
    },
  };
}
