/**
 * Webhook push from cloud contact centers → normalised events. Pure (no clock: `now` is given).
 *
 * Authentication: `X-CallFloor-Timestamp: <epoch seconds>` and
 * `X-CallFloor-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; the timestamp
 * must be within the tolerance of the server's clock (replays of an old request are refused).
 * The vendor's push is usually relayed through a small signing proxy or configured with this scheme.
 *
 * Mapping (kept as data per center): where the events are in the JSON, which of their fields
 * give id / ts / agent / queue / callId / reason / waitS, their event type → ours, the time unit.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookMappingSchema } from '../../contract/connectors';
import { hashId, validateEvent, type CallFloorEvent } from '../../core/events';

export { SIGNATURE_HEADER, TIMESTAMP_HEADER };

export function signWebhook(secret: string, timestampS: number | string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampS}.${body}`).digest('hex')}`;
}

export type SignatureCheck = { ok: true } | { ok: false; why: 'missing' | 'timestamp' | 'signature' };

/** Checks the signature headers of a request against the secret and the clock (constant-time compare). */
export function verifyWebhook(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  nowMs: number,
  toleranceS: number,
): SignatureCheck {
  if (!headers.signature || !headers.timestamp) return { ok: false, why: 'missing' };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, why: 'timestamp' };
  if (Math.abs(nowMs / 1000 - Number(headers.timestamp)) > toleranceS) return { ok: false, why: 'timestamp' };
  const want = Buffer.from(signWebhook(secret, headers.timestamp, body));
  const got = Buffer.from(headers.signature.trim());
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false, why: 'signature' };
  return { ok: true };
}

// the mapping's schema is part of the contract (the settings API carries it); one definition
export { webhookMappingSchema };
export type WebhookMapping = z.infer<typeof webhookMappingSchema>;

/**
 * Example: Alibaba Cloud 云联络中心 2.0 (CCC) event push, after the field names of
 * help.aliyun.com/zh/ccs/use-cases/event-notification-formats ("事件消息格式"): common fields
 * `eventTime` (ISO, GMT), `eventType`, `instanceId`; agent events `agentId` (`agent@instance`),
 * `skillGroupIds`; call events `contactId` (话务ID), `skillGroupId`. The event type names besides
 * AgentCheckIn / AgentReady / AgentDialing are to be checked against that page for the instance's
 * version before use.
 */
export const ALIYUN_CCC_EXAMPLE: WebhookMapping = {
  fields: { type: 'eventType', ts: 'eventTime', agent: 'agentId', queue: 'skillGroupId', callId: 'contactId', reason: 'breakCode' },
  types: {
    AgentCheckIn: 'agent.login',
    AgentReady: 'agent.ready',
    AgentBreak: 'agent.notReady',
    AgentCheckOut: 'agent.logout',
    AgentRinging: 'agent.ringing',
    AgentTalk: 'agent.talking',
    AgentAcw: 'agent.acw',
    AgentDialing: 'ignore',
  },
  timeUnit: 'iso',
  agentSeparator: '@',
  defaultReason: 'break',
};

export function pick(obj: unknown, p: string): unknown {
  let cur: unknown = obj;
  for (const k of p.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

export interface WebhookResult {
  events: CallFloorEvent[];
  /** index and reason of each item that could not be mapped */
  rejects: { index: number; reason: string }[];
  /** their event types with no mapping → count */
  unknown: Record<string, number>;
  ignored: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/** Maps a parsed JSON body; every item either becomes a valid event, is ignored, unknown, or a reject naming its index and field. */
export function mapWebhook(body: unknown, m: WebhookMapping): WebhookResult {
  const res: WebhookResult = { events: [], rejects: [], unknown: {}, ignored: 0 };
  const list = m.events ? pick(body, m.events) : body;
  const items = Array.isArray(list) ? list : list !== undefined && list !== null ? [list] : [];
  if (m.events && !Array.isArray(list)) {
    res.rejects.push({ index: -1, reason: `${m.events}: expected an array of events` });
    return res;
  }
  items.forEach((it, index) => {
    const theirType = str(pick(it, m.fields.type));
    if (!theirType) return res.rejects.push({ index, reason: `${m.fields.type}: missing event type` });
    const type = m.types[theirType];
    if (!type) {
      res.unknown[theirType] = (res.unknown[theirType] ?? 0) + 1;
      return;
    }
    if (type === 'ignore') return void (res.ignored += 1);
    const rawTs = pick(it, m.fields.ts);
    let ts: number;
    if (m.timeUnit === 'iso') ts = typeof rawTs === 'string' ? Date.parse(rawTs) : NaN;
    else ts = Number(rawTs) * (m.timeUnit === 's' ? 1000 : 1);
    if (rawTs === undefined || rawTs === null || rawTs === '' || !Number.isFinite(ts))
      return res.rejects.push({ index, reason: `${m.fields.ts}: not a time (${m.timeUnit})` });
    ts = Math.round(ts);
    const get = (k: keyof WebhookMapping['fields']) => (m.fields[k] ? str(pick(it, m.fields[k]!)) : undefined);
    let agent = get('agent');
    if (agent && m.agentSeparator) agent = agent.split(m.agentSeparator)[0] || agent;
    const queue = get('queue');
    const callId = get('callId');
    let reason = get('reason')?.toLowerCase();
    if (type === 'agent.notReady' && !reason) reason = m.defaultReason;
    const waitRaw = get('waitS');
    const ev: Record<string, unknown> = { id: '', ts, type };
    if (agent) ev.agent = agent;
    if (queue && (type.startsWith('call.') || type === 'agent.talking' || type === 'agent.ringing')) ev.queue = queue;
    if (callId && type.startsWith('call.')) ev.callId = callId;
    if (reason && type === 'agent.notReady') ev.reason = reason;
    if (waitRaw !== undefined && type.startsWith('call.')) ev.waitS = Number(waitRaw);
    const theirId = get('id');
    ev.id = `wh:${theirId ?? hashId(`${theirType}|${ts}|${callId ?? ''}|${agent ?? ''}|${queue ?? ''}`)}`;
    const v = validateEvent(ev);
    if (!v.ok) return res.rejects.push({ index, reason: v.error });
    res.events.push(v.event);
  });
  return res;
}
