import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Notices that reach people (issue 17): each person's channels (e-mail, a WeCom or DingTalk robot of
 * their own), each center's group robots with the notice kinds they carry, and the outbox of
 * deliveries with their attempts, so a failed delivery is retried with back-off and stays visible.
 */
export default function noticeDelivery(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('notice_channels')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
        .addColumn('email', 'text')
        .addColumn('wecom_url', 'text')
        .addColumn('dingtalk_url', 'text')
        .addColumn('dingtalk_secret', 'text')
        .addColumn('updated_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('notice_robots'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id').onDelete('cascade'))
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text')
        .addColumn('kinds', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('notice_deliveries'), dialect)
        .addColumn('center_id', 'integer')
        .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
        .addColumn('robot_id', 'integer', (c) => c.references('notice_robots.id').onDelete('cascade'))
        .addColumn('notification_id', 'integer')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_at', TS, (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('sent_at', TS)
        .execute();
      await db.schema.createIndex('notice_deliveries_due_idx').on('notice_deliveries').columns(['status', 'next_at']).execute();
      await db.schema.createIndex('notice_deliveries_user_idx').on('notice_deliveries').columns(['user_id', 'id']).execute();
      await db.schema.createIndex('notice_deliveries_center_idx').on('notice_deliveries').columns(['center_id', 'id']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('notice_deliveries').execute();
      await db.schema.dropTable('notice_robots').execute();
      await db.schema.dropTable('notice_channels').execute();
    },
  };
}
