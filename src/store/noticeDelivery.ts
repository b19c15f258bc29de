/**
 * Notices that reach people (issue 17): each person's channels, each center's group robots, and the
 * outbox of deliveries. A notice stored by notifyUsers (store/notifications.ts) is queued here for the
 * person's channels in the same transaction; a center announcement (an alert, a published schedule)
 * is queued for the center's robots that carry its kind. The server's dispatcher sends what is due,
 * retries with back-off, and the person (or the center's admins) see what failed and why.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from './schema';
import { MAX_DELIVERY_ATTEMPTS, noticeText, retryAt } from '../core/notices/text';
import type { NewNotice, Notice } from './notifications';

type Db = Kysely<DB>;

export type Channel = 'email' | 'wecom' | 'dingtalk';

export interface PersonalChannels {
  email: string | null;
  wecomUrl: string | null;
  dingtalkUrl: string | null;
  /** never read back to the web: only whether one is set */
  dingtalkSecret: string | null;
}

export async function getChannels(db: Db, userId: number): Promise<PersonalChannels> {
  const r = await db.selectFrom('notice_channels').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return { email: r?.email ?? null, wecomUrl: r?.wecom_url ?? null, dingtalkUrl: r?.dingtalk_url ?? null, dingtalkSecret: r?.dingtalk_secret ?? null };
}

/** Replaces the person's channels; a secret left undefined keeps the stored one. */
export async function setChannels(db: Db, userId: number, c: Omit<PersonalChannels, 'dingtalkSecret'> & { dingtalkSecret?: string | null }, now: number) {
  const prev = await getChannels(db, userId);
  const row = {
    email: c.email,
    wecom_url: c.wecomUrl,
    dingtalk_url: c.dingtalkUrl,
    dingtalk_secret: c.dingtalkSecret === undefined ? prev.dingtalkSecret : c.dingtalkSecret,
    updated_at: now,
  };
  await db
    .insertInto('notice_channels')
    .values({ user_id: userId, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
    .execute();
}

export interface Robot {
  id: number;
  centerId: number;
  channel: 'wecom' | 'dingtalk';
  name: string;
  url: string;
  secret: string | null;
  /** notice kinds it carries (`live.alert`, `wfm.schedulePublished`…); '*' for all */
  kinds: string[];
  locale: string;
  active: boolean;
}

const robotOf = (r: Selectable<DB['notice_robots']>): Robot => ({
  id: r.id,
  centerId: r.center_id,
  channel: r.channel as Robot['channel'],
  name: r.name,
  url: r.url,
  secret: r.secret,
  kinds: JSON.parse(r.kinds),
  locale: r.locale,
  active: r.active === 1,
});

export async function listRobots(db: Db, centerId: number): Promise<Robot[]> {
  const rows = await db.selectFrom('notice_robots').selectAll().where('center_id', '=', centerId).orderBy('id').execute();
  return rows.map(robotOf);
}

export async function getRobot(db: Db, centerId: number, id: number): Promise<Robot | null> {
  const r = await db.selectFrom('notice_robots').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
  return r ? robotOf(r) : null;
}

/** Creates (no id) or updates a robot of the center; a secret left undefined keeps the stored one. */
export async function saveRobot(
  db: Db,
  centerId: number,
  r: Omit<Robot, 'id' | 'centerId' | 'secret'> & { id?: number; secret?: string | null },
  now: number,
): Promise<number> {
  const row = { channel: r.channel, name: r.name, url: r.url, kinds: JSON.stringify(r.kinds), locale: r.locale, active: r.active ? 1 : 0 };
  if (r.id === undefined) {
    const ins = await db
      .insertInto('notice_robots')
      .values({ center_id: centerId, ...row, secret: r.secret ?? null, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(ins.id);
  }
  await db
    .updateTable('notice_robots')
    .set({ ...row, ...(r.secret !== undefined ? { secret: r.secret } : {}) })
    .where('center_id', '=', centerId)
    .where('id', '=', r.id)
    .execute();
  return r.id;
}

export async function deleteRobot(db: Db, centerId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('notice_robots').where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Queues the stored notices for each person's channels (called by notifyUsers in its transaction). */
export async function queueForPeople(db: Db, notices: readonly Notice[], now: number): Promise<void> {
  if (!notices.length) return;
  const users = [...new Set(notices.map((n) => n.userId))];
  const rows = await db
    .selectFrom('users')
    .leftJoin('notice_channels', 'notice_channels.user_id', 'users.id')
    .select(['users.id', 'users.locale', 'users.center_id', 'notice_channels.email', 'notice_channels.wecom_url', 'notice_channels.dingtalk_url'])
    .where('users.id', 'in', users)
    .execute();
  const byUser = new Map(rows.map((r) => [r.id, r]));
  const out: DB['notice_deliveries'][] = [];
  for (const n of notices) {
    const u = byUser.get(n.userId);
    if (!u) continue;
    const channels: Channel[] = [
      ...(u.email ? ['email' as const] : []),
      ...(u.wecom_url ? ['wecom' as const] : []),
      ...(u.dingtalk_url ? ['dingtalk' as const] : []),
    ];
    if (!channels.length) continue;
    const { subject, body } = noticeText(u.locale, n);
    for (const channel of channels)
      out.push(
        pendingRow(
          {
            center_id: u.center_id,
            user_id: n.userId,
            robot_id: null,
            notification_id: n.id,
            kind: n.kind,
            channel,
            subject,
            body,
            locale: u.locale,
            link: n.link,
          },
          now,
        ),
      );
  }
  await insertRows(db, out);
}

/** Queues a center announcement for its active robots that carry this kind (or for one robot, a test); returns how many. */
export async function announceToRobots(db: Db, centerId: number, n: NewNotice, now: number, onlyRobotId?: number): Promise<number> {
  const robots = (await listRobots(db, centerId)).filter((r) =>
    onlyRobotId !== undefined ? r.id === onlyRobotId : r.active && (r.kinds.includes('*') || r.kinds.includes(n.kind)),
  );
  const out = robots.map((r) => {
    const { subject, body } = noticeText(r.locale, { kind: n.kind, title: n.title ?? '', data: n.data ?? {} });
    return pendingRow(
      {
        center_id: centerId,
        user_id: null,
        robot_id: r.id,
        notification_id: null,
        kind: n.kind,
        channel: r.channel,
        subject,
        body,
        locale: r.locale,
        link: n.link ?? null,
      },
      now,
    );
  });
  await insertRows(db, out);
  return out.length;
}

type NewRow = Omit<DB['notice_deliveries'], 'id' | 'status' | 'attempts' | 'next_at' | 'last_error' | 'created_at' | 'sent_at'>;

const pendingRow = (r: NewRow, now: number) =>
  ({ ...r, status: 'pending', attempts: 0, next_at: now, last_error: null, created_at: now, sent_at: null }) as DB['notice_deliveries'];

async function insertRows(db: Db, rows: DB['notice_deliveries'][]) {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('notice_deliveries')
      .values(rows.slice(i, i + 200) as never)
      .execute();
}

/** A due delivery with where it goes (read at send time, so a changed channel is used and secrets stay in one row). */
export interface DueDelivery {
  id: number;
  attempts: number;
  channel: Channel;
  subject: string;
  body: string;
  locale: string;
  link: string | null;
  /** address or webhook; null when the channel was removed since */
  target: string | null;
  secret: string | null;
}

/**
 * Claims up to `limit` due deliveries: each is taken by bumping its attempt count and pushing its
 * next try a lease ahead, only if nobody else did first (several instances may drain one outbox).
 */
export async function claimDue(db: Db, now: number, limit = 20, leaseMs = 60_000): Promise<DueDelivery[]> {
  const due = await db
    .selectFrom('notice_deliveries')
    .leftJoin('notice_channels', 'notice_channels.user_id', 'notice_deliveries.user_id')
    .leftJoin('notice_robots', 'notice_robots.id', 'notice_deliveries.robot_id')
    .select([
      'notice_deliveries.id',
      'notice_deliveries.attempts',
      'notice_deliveries.channel',
      'notice_deliveries.subject',
      'notice_deliveries.body',
      'notice_deliveries.locale',
      'notice_deliveries.link',
      'notice_deliveries.robot_id',
      'notice_channels.email',
      'notice_channels.wecom_url',
      'notice_channels.dingtalk_url',
      'notice_channels.dingtalk_secret',
      'notice_robots.url as robot_url',
      'notice_robots.secret as robot_secret',
    ])
    .where('notice_deliveries.status', '=', 'pending')
    .where('notice_deliveries.next_at', '<=', now)
    .orderBy('notice_deliveries.next_at')
    .limit(limit)
    .execute();
  const claimed: DueDelivery[] = [];
  for (const d of due) {
    const r = await db
      .updateTable('notice_deliveries')
      .set({ attempts: d.attempts + 1, next_at: now + leaseMs })
      .where('id', '=', d.id)
      .where('status', '=', 'pending')
      .where('attempts', '=', d.attempts)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) continue;
    const channel = d.channel as Channel;
    const robot = d.robot_id != null;
    const target = robot ? d.robot_url : channel === 'email' ? d.email : channel === 'wecom' ? d.wecom_url : d.dingtalk_url;
    const secret = robot ? d.robot_secret : channel === 'dingtalk' ? d.dingtalk_secret : null;
    claimed.push({
      id: d.id,
      attempts: d.attempts + 1,
      channel,
      subject: d.subject,
      body: d.body,
      locale: d.locale,
      link: d.link,
      target: target ?? null,
      secret: secret ?? null,
    });
  }
  return claimed;
}

export async function markSent(db: Db, id: number, now: number) {
  await db.updateTable('notice_deliveries').set({ status: 'sent', sent_at: now, last_error: null }).where('id', '=', id).execute();
}

/** A failed try: retried later with back-off, or given up after MAX_DELIVERY_ATTEMPTS (`final` gives up at once). */
export async function markFailed(db: Db, id: number, attempts: number, error: string, now: number, final = false) {
  const giveUp = final || attempts >= MAX_DELIVERY_ATTEMPTS;
  await db
    .updateTable('notice_deliveries')
    .set({ status: giveUp ? 'failed' : 'pending', next_at: giveUp ? now : retryAt(now, attempts), last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute();
}

export interface DeliveryRow {
  id: number;
  kind: string;
  channel: Channel;
  subject: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  nextAt: number;
  userId: number | null;
  robotId: number | null;
}

/** The latest deliveries of one person, or of a whole center (its admins' view, robots included). */
export async function listDeliveries(db: Db, by: { userId: number } | { centerId: number }, limit = 100): Promise<DeliveryRow[]> {
  let q = db.selectFrom('notice_deliveries').selectAll().orderBy('id', 'desc').limit(limit);
  q = 'userId' in by ? q.where('user_id', '=', by.userId) : q.where('center_id', '=', by.centerId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    channel: r.channel as Channel,
    subject: r.subject,
    status: r.status as DeliveryRow['status'],
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: Number(r.created_at),
    sentAt: r.sent_at == null ? null : Number(r.sent_at),
    nextAt: Number(r.next_at),
    userId: r.user_id,
    robotId: r.robot_id,
  }));
}
