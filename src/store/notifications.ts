/**
 * Personal notifications of every capability (evaluated, dispute decided, a work-order step, an SLA
 * alert…), one platform table. Capabilities call notifyUsers inside their write transaction and
 * hand the returned notices to the server, which pushes them live on `user:<id>` (pushNotices).
 * A user only ever reads and marks their own.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema';
import { queueForPeople } from './noticeDelivery';

type Db = Kysely<DB>;

export interface NewNotice {
  /** `<capability>.<event>`, e.g. 'qa.evaluated', 'wo.step'; the web shows a message per kind. */
  kind: string;
  /** Short human text shown with the message (a work order's title…), '' when none. */
  title?: string;
  /** Parameters of the message (JSON-serialisable). */
  data?: Record<string, unknown>;
  /** Where the notification leads in the web app (a hash route, e.g. '#/wo/board?id=3'). */
  link?: string | null;
}

export interface Notice {
  id: number;
  userId: number;
  at: number;
  kind: string;
  title: string;
  data: Record<string, unknown>;
  link: string | null;
  readAt: number | null;
}

/** Stores one notification per (distinct) user and returns them for the live push. */
export async function notifyUsers(db: Db, userIds: readonly number[], n: NewNotice, now: number): Promise<Notice[]> {
  const users = [...new Set(userIds)];
  if (!users.length) return [];
  const title = n.title ?? '';
  const data = n.data ?? {};
  const link = n.link ?? null;
  const rows = await db
    .insertInto('notifications')
    .values(users.map((user_id) => ({ user_id, at: now, kind: n.kind, title, data: JSON.stringify(data), link, read_at: null })))
    .returning(['id', 'user_id'])
    .execute();
  const notices = rows.map((r) => ({ id: r.id, userId: r.user_id, at: now, kind: n.kind, title, data, link, readAt: null }));
  // the same notice to each person's e-mail and robots, sent by the server's dispatcher
  await queueForPeople(db, notices, now);
  return notices;
}

/** Active users signed in as this agent (an agent may have no user yet). */
export const usersOfAgent = (db: Db, agentId: number): Promise<number[]> => usersOfAgents(db, [agentId]);

/** Active users signed in as any of these agents. */
export async function usersOfAgents(db: Db, agentIds: readonly number[]): Promise<number[]> {
  if (!agentIds.length) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('agent_id', 'in', [...agentIds])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The user's latest notifications (newest first) and how many are unread in all. */
export async function listNotifications(
  db: Db,
  userId: number,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<{ unread: number; items: Notice[] }> {
  let q = db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 50);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, count] = await Promise.all([
    q.execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    unread: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      at: Number(r.at),
      kind: r.kind,
      title: r.title,
      data: JSON.parse(r.data),
      link: r.link,
      readAt: r.read_at == null ? null : Number(r.read_at),
    })),
  };
}

/** Marks the user's own unread notifications read (the given ids, or all); returns the ids it changed. */
export async function markRead(db: Db, userId: number, ids: readonly number[] | 'all', now: number): Promise<number[]> {
  if (ids !== 'all' && !ids.length) return [];
  let q = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', [...ids]);
  const rows = await q.returning('id').execute();
  return rows.map((r) => r.id).sort((a, b) => a - b);
}
