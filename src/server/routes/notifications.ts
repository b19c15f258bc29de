/**
 * Personal notifications of every capability (src/store/notifications.ts): the caller's own list
 * and marking them read. New notifications and reads go out live on `user:<id>` (the built-in topic
 * rule lets only that user subscribe), so every open tab's bell stays in step.
 */
import { notifications as api, userTopic } from '../../contract/notifications';
import { topicName } from '../../contract/endpoint';
import type { Capability } from '../capability';
import { listNotifications, markRead, type Notice } from '../../store/notifications';
import { implement, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { publishTopic } from '../contractCheck';

/** Live message of a new notification: `{ type: 'notification', ...notice }`. */
export function pushNotices(ctx: ServerContext, notices: readonly Notice[]) {
  for (const n of notices) publishTopic(ctx, userTopic, { userId: n.userId }, { type: 'notification', ...n });
}

export const notificationRoutes: RouteDef[] = [
  implement(api.list, async ({ ctx, caller, query }) =>
    listNotifications(ctx.store.db, caller.userId, { unreadOnly: query.unread === 'true', ...(query.limit ? { limit: query.limit } : {}) }),
  ),
  implement(api.markRead, async ({ ctx, caller, body }) => {
    const ids = await markRead(ctx.store.db, caller.userId, body.ids, ctx.now());
    if (ids.length) publishTopic(ctx, userTopic, { userId: caller.userId }, { type: 'notification.read', ids });
    return { ids };
  }),
];

/** Notifications: the list and reads, and the personal topic `user:<id>` only that user may subscribe to. */
export const notificationsCapability: Capability = {
  name: 'notifications',
  routes: notificationRoutes,
  topicRules: [(c, t) => t === topicName(userTopic, { userId: c.userId })],
};
