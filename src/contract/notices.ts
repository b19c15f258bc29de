/**
 * Notices that reach people (issue 17): each person's own channels (e-mail, a WeCom or DingTalk robot),
 * the center's group robots and the notice kinds they carry, and the deliveries with their status, so
 * a failed one is seen with its reason. Secrets (a DingTalk signing key) are written, never read back;
 * a robot's address is shown without its key.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { idParams, okResponse } from './atoms';

const tags = ['platform'] as const;

/** Who configures the center's robots and reads every delivery of the center. */
export const NOTICE_ADMINS: Role[] = ['admin', 'center_manager'];
export const NOTICE_READERS: Role[] = ['admin', 'center_manager', 'duty_manager'];

/** Kinds a center robot can carry (center announcements and every personal kind). */
export const ROBOT_KINDS = [
  'live.alert',
  'live.emergencyProposed',
  'live.emergencyRaised',
  'wfm.schedulePublished',
  'wfm.peakSlot',
  // a visit announced to the floor (src/services/floor/rules.ts) also goes to the robots that carry it
  'floor.visitNotice',
  'notice.test',
  '*',
] as const;

const webhook = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((u) => /^https?:\/\//.test(u), { params: { reason: 'notices.webhookScheme' } });
const nullable = <T extends z.ZodType>(s: T) => z.union([s, z.literal('').transform(() => null), z.null()]);

const channels = z.object({
  email: z.string().nullable(),
  wecomUrl: z.string().nullable(),
  dingtalkUrl: z.string().nullable(),
  hasDingtalkSecret: z.boolean(),
});

const delivery = z.object({
  id: z.number(),
  kind: z.string(),
  channel: z.enum(['email', 'wecom', 'dingtalk']),
  subject: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.number(),
  sentAt: z.number().nullable(),
  nextAt: z.number(),
  userId: z.number().nullable(),
  robotId: z.number().nullable(),
});

const robot = z.object({
  id: z.number(),
  channel: z.enum(['wecom', 'dingtalk']),
  name: z.string(),
  /** without its key or token */
  url: z.string(),
  hasSecret: z.boolean(),
  kinds: z.array(z.string()),
  locale: z.enum(['zh-CN', 'zh-TW', 'en']),
  active: z.boolean(),
});
export type RobotWire = z.infer<typeof robot>;
export type DeliveryWire = z.infer<typeof delivery>;

export const notices = {
  myChannels: endpoint({ method: 'GET', path: '/api/notices/channels', access: 'any', summary: 'The caller’s own notice channels', tags, response: channels }),
  setMyChannels: endpoint({
    method: 'PUT',
    path: '/api/notices/channels',
    access: 'any',
    summary: 'Set the caller’s own channels (an empty field turns the channel off; a secret left out is kept)',
    tags,
    body: z.object({
      email: nullable(z.string().trim().max(200).email()),
      wecomUrl: nullable(webhook),
      dingtalkUrl: nullable(webhook),
      dingtalkSecret: nullable(z.string().trim().max(200)).optional(),
    }),
    response: channels,
  }),
  testMine: endpoint({
    method: 'POST',
    path: '/api/notices/test',
    access: 'any',
    summary: 'Send the caller a test notice on every channel they set (and the bell)',
    tags,
    response: okResponse,
  }),
  myDeliveries: endpoint({
    method: 'GET',
    path: '/api/notices/deliveries',
    access: 'any',
    summary: 'The caller’s own deliveries, newest first',
    tags,
    response: z.array(delivery),
  }),
  centerDeliveries: endpoint({
    method: 'GET',
    path: '/api/notices/center-deliveries',
    access: NOTICE_READERS,
    summary: 'Every delivery of the caller’s center (people and robots), newest first',
    tags,
    response: z.array(delivery),
  }),
  robots: endpoint({
    method: 'GET',
    path: '/api/notices/robots',
    access: NOTICE_READERS,
    summary: 'The center’s group robots',
    tags,
    response: z.array(robot),
  }),
  saveRobot: endpoint({
    method: 'POST',
    path: '/api/notices/robots',
    access: NOTICE_ADMINS,
    summary: 'Add (no id) or change a group robot of the center; a URL or secret left out is kept',
    tags,
    body: z.object({
      id: z.number().int().positive().optional(),
      channel: z.enum(['wecom', 'dingtalk']),
      name: z.string().trim().min(1).max(60),
      url: webhook.optional(),
      secret: nullable(z.string().trim().max(200)).optional(),
      kinds: z.array(z.enum(ROBOT_KINDS)).min(1),
      locale: z.enum(['zh-CN', 'zh-TW', 'en']),
      active: z.boolean(),
    }),
    response: robot,
  }),
  deleteRobot: endpoint({
    method: 'DELETE',
    path: '/api/notices/robots/:id',
    access: NOTICE_ADMINS,
    summary: 'Remove a group robot',
    tags,
    params: idParams,
    response: okResponse,
  }),
  testRobot: endpoint({
    method: 'POST',
    path: '/api/notices/robots/:id/test',
    access: NOTICE_ADMINS,
    summary: 'Send a test notice to one robot',
    tags,
    params: idParams,
    response: okResponse,
  }),
};
