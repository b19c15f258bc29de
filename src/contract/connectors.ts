/**
 * Connectors contract: the per-center configuration (admin only, secrets write-only: never returned,
 * only whether one is set), the signed webhook for cloud contact centers, and the supervisor actions
 * on the floor (pause / un-pause an agent, add / remove an agent in a queue) sent through the
 * center's connector (src/server/routes/connectors.ts implements it).
 */
import { z } from 'zod';
import { EVENT_TYPES } from '../core/events';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';

export const FLOOR_ACTION_ROLES: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead'];
const tags = ['connectors'] as const;

/** Headers of a signed webhook request. */
export const SIGNATURE_HEADER = 'x-callfloor-signature';
export const TIMESTAMP_HEADER = 'x-callfloor-timestamp';

/** How a cloud contact center's webhook body maps onto CallFloor events (src/ingest/connectors/webhook.ts applies it). */
const path = z.string().trim().min(1).max(200);
export const webhookMappingSchema = z
  .object({
    /** dot path to the array of events; absent: the body is one event or an array of them */
    events: path.optional(),
    fields: z
      .object({
        type: path,
        ts: path,
        id: path.optional(),
        agent: path.optional(),
        queue: path.optional(),
        callId: path.optional(),
        reason: path.optional(),
        waitS: path.optional(),
      })
      .strict(),
    /** their event type → one of ours, or 'ignore' (known, nothing to store) */
    types: z.record(z.string(), z.union([z.enum(EVENT_TYPES), z.literal('ignore')])),
    /** ts unit: epoch seconds, epoch milliseconds, or an ISO-8601 string */
    timeUnit: z.enum(['s', 'ms', 'iso']),
    /** agent ids like `1001@instance`: keep what is before this separator */
    agentSeparator: z.string().max(5).optional(),
    /** reason given to agent.notReady when the source has none */
    defaultReason: z.string().min(1).max(40).optional(),
  })
  .strict();
export type WebhookMapping = z.infer<typeof webhookMappingSchema>;

const host = z
  .string({ error: 'host must be a string' })
  .trim()
  .min(1, { error: 'host must not be empty' })
  .max(255)
  .regex(/^[A-Za-z0-9.:_-]+$/, { error: 'host: letters, digits, dots, colons, dashes only' });
const port = z
  .number({ error: 'port must be a number' })
  .int({ error: 'port must be whole' })
  .min(1, { error: 'port must be 1..65535' })
  .max(65535, { error: 'port must be 1..65535' });
const oneLine = /^[^\r\n]*$/;
/** a secret: omitted or '' keeps the stored one */
const secret = z
  .string({ error: 'secret must be a string' })
  .max(512, { error: 'secret must be at most 512 characters' })
  .regex(oneLine, { error: 'secret must be one line' }) // it is sent inside a protocol line
  .optional();
const template = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\r\n\s']*$/, { error: 'no spaces, quotes or line breaks' })
  .refine((s) => s.includes('{code}'), { error: 'must contain {code}' })
  .optional();

const amiSettings = z
  .object({
    enabled: z.boolean(),
    host,
    port,
    username: z.string().trim().min(1, { error: 'username must not be empty' }).max(100).regex(oneLine, { error: 'username must be one line' }),
    secret,
    interfaceTemplate: template,
  })
  .strict();
const eslSettings = z.object({ enabled: z.boolean(), host, port, secret, agentTemplate: template }).strict();
const webhookSettings = z
  .object({
    enabled: z.boolean(),
    secret,
    toleranceS: z.number().int().min(10, { error: 'toleranceS must be >= 10' }).max(3600, { error: 'toleranceS must be <= 3600' }).default(300),
    mapping: webhookMappingSchema,
  })
  .strict();
const settingsBody = z
  .object({
    ami: amiSettings.optional(),
    esl: eslSettings.optional(),
    webhook: webhookSettings.optional(),
  })
  .strict();

const reasonText = z
  .string({ error: 'reason must be a string' })
  .trim()
  .min(1, { error: 'reason must not be empty' })
  .max(40, { error: 'reason must be at most 40 characters' })
  .regex(/^[^\r\n]*$/, { error: 'reason: one line' });
const queueName = z
  .string({ error: 'queue must be a string' })
  .trim()
  .min(1, { error: 'queue must not be empty' })
  .max(80)
  .regex(/^[^\r\n\s']+$/, { error: 'queue: no spaces, quotes or line breaks' });

/** A connector's settings as the API shows them: the secret replaced by whether one is set. */
const secretSet = { secretSet: z.boolean() };

export const connectorStatus = z.object({
  kind: z.enum(['ami', 'esl']),
  state: z.enum(['connecting', 'connected', 'waiting', 'stopped', 'standby']),
  connects: z.number(),
  lastError: z.string().nullable(),
  events: z.number(),
  malformed: z.number(),
  unknown: z.record(z.string(), z.number()),
  nextRetryMs: z.number().nullable(),
});
export type ConnectorStatus = z.infer<typeof connectorStatus>;

const settingsView = z.object({
  centerId: z.number(),
  ami: amiSettings.omit({ secret: true }).extend(secretSet).nullable(),
  esl: eslSettings.omit({ secret: true }).extend(secretSet).nullable(),
  webhook: webhookSettings.omit({ secret: true }).extend(secretSet).nullable(),
  status: z.array(connectorStatus),
});
const actionDone = z.object({ ok: z.literal(true), via: z.enum(['ami', 'esl']) });

export const connectors = {
  settings: endpoint({
    method: 'GET',
    path: '/api/connectors',
    access: ['admin'],
    summary: 'Connector configuration of the center (secrets masked) and the live status of each connection',
    tags,
    response: settingsView.extend({ examples: z.object({ webhookMapping: z.object({ aliyunCcc: webhookMappingSchema }) }) }),
  }),
  saveSettings: endpoint({
    method: 'PUT',
    path: '/api/connectors',
    access: ['admin'],
    summary: 'Set the connectors of the center (each part replaces its stored part; an omitted or empty secret keeps the stored one); audited without secrets',
    tags,
    body: settingsBody,
    response: settingsView,
  }),
  webhook: endpoint({
    method: 'POST',
    path: '/api/connectors/webhook/:centerId',
    access: 'public',
    summary: `Events pushed by a cloud contact center, signed: ${TIMESTAMP_HEADER} (epoch s) and ${SIGNATURE_HEADER} = sha256=HMAC-SHA256(secret, "<timestamp>.<body>"); mapped by the center's mapping; all or nothing`,
    tags,
    params: z.object({ centerId: z.coerce.number().int().positive() }),
    body: z.unknown(),
    response: z.object({ received: z.number(), accepted: z.number(), duplicates: z.number(), ignored: z.number(), unknown: z.record(z.string(), z.number()) }),
  }),
  actions: endpoint({
    method: 'GET',
    path: '/api/live/actions',
    access: FLOOR_ACTION_ROLES,
    summary: 'Whether supervisor actions can be sent (a connector that supports them is configured) and through which',
    tags,
    response: z.object({ available: z.boolean(), kind: z.enum(['ami', 'esl']).nullable(), connected: z.boolean() }),
  }),
  pause: endpoint({
    method: 'POST',
    path: '/api/live/agents/:agentId/pause',
    access: FLOOR_ACTION_ROLES,
    summary: 'Pause (with a reason) or un-pause an agent through the center’s connector; team leads: their teams’ agents; audited',
    tags,
    params: z.object({ agentId: z.coerce.number().int().positive() }),
    body: z.object({ paused: z.boolean({ error: 'paused must be true or false' }), reason: reasonText.optional() }).strict(),
    response: actionDone,
  }),
  queues: endpoint({
    method: 'POST',
    path: '/api/live/agents/:agentId/queues',
    access: FLOOR_ACTION_ROLES,
    summary: 'Add the agent to a queue ({add: queue}) or remove it ({remove: queue}) through the center’s connector; audited',
    tags,
    params: z.object({ agentId: z.coerce.number().int().positive() }),
    body: z
      .object({ add: queueName.optional(), remove: queueName.optional() })
      .strict()
      .refine((b) => (b.add === undefined) !== (b.remove === undefined), { error: 'give exactly one of add or remove' }),
    response: actionDone,
  }),
};
