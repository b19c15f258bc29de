/**
 * Personal notifications of every capability: the caller's own list and marking them read
 * (src/server/routes/notifications.ts), and the personal live topic `user:<id>` (only that user
 * may subscribe) that carries new notifications, reads, and a team lead's stress prompts.
 */
import { z } from 'zod';
import { endpoint, topic } from './endpoint';
import { promptMessage } from './live';

const tags = ['platform'] as const;

export const notice = z.object({
  id: z.number(),
  userId: z.number(),
  at: z.number(),
  kind: z.string(),
  title: z.string(),
  data: z.record(z.string(), z.unknown()),
  link: z.string().nullable(),
  readAt: z.number().nullable(),
});
export type Notice = z.infer<typeof notice>;

export const notifications = {
  list: endpoint({
    method: 'GET',
    path: '/api/notifications',
    access: 'any',
    summary: 'The caller’s own notifications, newest first, with the unread count',
    tags,
    query: z.object({
      unread: z.enum(['true', 'false']).optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
    response: z.object({ unread: z.number(), items: z.array(notice) }),
  }),
  markRead: endpoint({
    method: 'POST',
    path: '/api/notifications/read',
    access: 'any',
    summary: 'Mark own notifications read (ids, or all when ids is omitted or "all")',
    tags,
    body: z.object({ ids: z.union([z.array(z.number().int().positive()).max(500), z.literal('all')]).default('all') }),
    response: z.object({ ids: z.array(z.number()) }),
  }),
};

/** The personal topic: new notifications, reads (from any tab), stress prompts for a team lead. */
export const userTopic = topic({
  name: 'user:{userId}',
  summary: "The user's own notifications and reads, and a team lead's stress prompts (only that user)",
  message: z.discriminatedUnion('type', [
    notice.extend({ type: z.literal('notification') }),
    z.object({ type: z.literal('notification.read'), ids: z.array(z.number()) }),
    promptMessage,
  ]),
});
