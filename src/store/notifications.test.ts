import assert from 'node:assert/strict';
import { forEachDatabase } from './testing';
import { createCenter, createUser } from './org';
import notifications from './migrations/023_notifications';
import { listNotifications } from './notifications';

forEachDatabase(
  'the notifications migration (023, was 009) carries quality and work-order notifications over, then drops the old tables',
  async (_t, store) => {
    const db = store.db as any;
    const now = Date.UTC(2026, 10, 1);
    const centerId = await createCenter(store.db, 'c', 'Asia/Shanghai', now);
    const u = await createUser(store.db, { username: 'u', displayName: 'u', passwordHash: 'x', roles: ['agent'], centerId }, now);
    const m = notifications(store.dialect);
    await m.down!(db); // back to the two capability tables
    await db
      .insertInto('qa_notifications')
      .values({ user_id: u, kind: 'qa.evaluated', data: JSON.stringify({ score: 80 }), created_at: now + 2, read_at: null })
      .execute();
    await db
      .insertInto('wo_notifications')
      .values({ user_id: u, at: now + 1, order_id: 5, kind: 'step', detail: JSON.stringify({ title: '报修', transition: 'close' }), read_at: now + 3 })
      .execute();
    await m.up(db);
    const r = await listNotifications(store.db, u);
    assert.equal(r.unread, 1);
    assert.deepEqual(
      r.items.map((n) => [n.at - now, n.kind, n.title, n.data, n.link, n.readAt]),
      [
        [2, 'qa.evaluated', '', { score: 80 }, '#/quality/mine', null],
        [1, 'wo.step', '报修', { orderId: 5, title: '报修', transition: 'close' }, '#/wo/board?id=5', now + 3],
      ],
    );
    await assert.rejects(db.selectFrom('qa_notifications').selectAll().execute());
  },
);
