/**
 * Personal notifications of every capability (src/store/notifications.ts): the caller's own list
 * and marking them read. New notifications and reads go out live on `user:<id>` (the built-in topic
 * rule lets only that user subscribe), so every open tab's bell stays in step.
 */
import { z } from 'zod';
import { listNotifications, markRead, type Notice } from '../../store/notifications';
import { route, type RouteDef } from '../route';
import type { ServerContext } from '../context';

/** Live message of a new notification: `{ type: 'notification', ...notice }`. */
export function pushNotices(ctx: ServerContext, notices: readonly Notice[]) {
  for (const n of notices) ctx.hub.publish(`user:${n.userId}`, { type: 'notification', ...n });
}

export const notificationRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/notifications',
    access: 'any',
    summary: 'The caller’s own notifications, newest first, with the unread count',
    tags: ['platform'],
    query: z.object({
      unread: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
    handler: async ({ ctx, caller, query }) => listNotifications(ctx.store.db, caller.userId, { unreadOnly: query.unread === 'true', ...(query.limit ? { limit: query.limit } : {}) }),
  }),
  route({
    method: 'POST',
    url: '/api/notifications/read',
    access: 'any',
    summary: 'Mark own notifications read (ids, or all when ids is omitted or "all")',
    tags: ['platform'],
    body: z.object({ ids: z.union([z.array(z.number().int().positive()).max(500), z.literal('all')]).default('all') }),
    handler: async ({ ctx, caller, body }) => {
      const ids = await markRead(ctx.store.db, caller.userId, body.ids, ctx.now());
      if (ids.length) ctx.hub.publish(`user:${caller.userId}`, { type: 'notification.read', ids });
      return { ids };
    },
  }),
];
