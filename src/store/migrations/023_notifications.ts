import type { Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * One platform table of personal notifications (replaces quality's qa_notifications and work
 * orders' wo_notifications; their rows are copied over, then the old tables are dropped).
 * `title` is a short human text (may be ''), `data` JSON for the kind's message, `link` a web hash route.
 */
export default function notifications(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('link', 'text')
        .addColumn('read_at', TS)
        .execute();
      await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();

      // carry the capabilities' existing notifications over (in time order), then drop their tables
      const qa = await db.selectFrom('qa_notifications').selectAll().execute();
      const wo = await db.selectFrom('wo_notifications').selectAll().execute();
      const rows = [
        ...qa.map((r: any) => ({
          user_id: r.user_id,
          at: Number(r.created_at),
          kind: r.kind,
          title: '',
          data: r.data,
          link: '#/quality/mine',
          read_at: r.read_at,
        })),
        ...wo.map((r: any) => {
          const d = JSON.parse(r.detail);
          return {
            user_id: r.user_id,
            at: Number(r.at),
            kind: `wo.${r.kind}`,
            title: String(d.title ?? ''),
            data: JSON.stringify({ orderId: r.order_id, ...d }),
            link: `#/wo/board?id=${r.order_id}`,
            read_at: r.read_at,
          };
        }),
      ].sort((a, b) => a.at - b.at);
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insertInto('notifications')
          .values(rows.slice(i, i + 500))
          .execute();
      await db.schema.dropTable('qa_notifications').execute();
      await db.schema.dropTable('wo_notifications').execute();
    },
    async down(db: AnyDb) {
      // the earlier migrations' down() drop these, so they come back (empty)
      await withId(db.schema.createTable('qa_notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('read_at', TS)
        .execute();
      await withId(db.schema.createTable('wo_notifications'), dialect)
        .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('order_id', 'integer', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('read_at', TS)
        .execute();
      await db.schema.dropTable('notifications').execute();
    },
  };
}
