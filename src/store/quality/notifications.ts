import type { Kysely } from 'kysely';
import type { DB } from '../schema';

type Db = Kysely<DB>;

/** Personal notifications (the agent was evaluated, a dispute was decided…). The route also pushes them live on `user:<id>`. */
export async function notifyUsers(db: Db, userIds: readonly number[], kind: string, data: unknown, now: number) {
  if (!userIds.length) return [];
  const rows = await db
    .insertInto('qa_notifications')
    .values(userIds.map((user_id) => ({ user_id, kind, data: JSON.stringify(data), created_at: now, read_at: null })))
    .returning(['id', 'user_id'])
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, kind, data, createdAt: now }));
}

/** Users signed in as this agent (an agent may have no user yet). */
export async function usersOfAgent(db: Db, agentId: number): Promise<number[]> {
  const rows = await db.selectFrom('users').select('id').where('agent_id', '=', agentId).where('active', '=', 1).execute();
  return rows.map((r) => r.id);
}

export async function listNotifications(db: Db, userId: number, limit = 50) {
  const rows = await db.selectFrom('qa_notifications').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, data: JSON.parse(r.data), createdAt: r.created_at, readAt: r.read_at }));
}

export async function markNotificationsRead(db: Db, userId: number, ids: readonly number[] | 'all', now: number) {
  let q = db.updateTable('qa_notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? [...ids] : [-1]);
  await q.execute();
}
