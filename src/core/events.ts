import { z } from 'zod';

/**
 * The normalised event model. Every adapter (Asterisk queue_log, the bank and PwC data sets,
 * JSON lines, the simulator) produces these; the KPI aggregation consumes only these.
 *
 * Flat on purpose: one object shape, `type` says what happened. Times are epoch milliseconds.
 * `id` is deterministic from the source (same source line → same id), so a re-import is a no-op.
 */
export const AGENT_EVENT_TYPES = [
  'agent.login',
  'agent.logout',
  'agent.ready', // available, waiting for a call (idle)
  'agent.ringing',
  'agent.talking',
  'agent.hold',
  'agent.acw', // after-call work
  'agent.notReady', // with `reason`
] as const;
export const CALL_EVENT_TYPES = [
  'call.enqueued', // entered a queue: this is what `offered` counts
  'call.ringing', // the call rang an agent (`agent` set)
  'call.connected', // connected to `agent`
  'call.transferred', // the agent transferred it away: ends this queue segment
  'call.ended', // normal end after connection
  'call.abandoned', // caller left before connection
  'call.timedOut', // the queue removed it (timeout, empty queue) before connection
] as const;
/**
 * `survey`: a post-call satisfaction answer (IVR survey): `callId` and/or `agent`, `score` in
 * 1..`scale`. It is not telephony: it never enters the event log or the KPI aggregates, it is
 * stored in `survey_answers` (see src/store/survey.ts).
 */
export const SURVEY_EVENT_TYPES = ['survey'] as const;
export const EVENT_TYPES = [...AGENT_EVENT_TYPES, ...CALL_EVENT_TYPES, ...SURVEY_EVENT_TYPES] as const;

/** Scales a survey may use (its top score); the lowest score is always 1. */
export const SURVEY_SCALES = [2, 3, 5, 10] as const;

export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];
export type EventType = (typeof EVENT_TYPES)[number];

/** Reason codes seen in the seeds; any other lower-case string is allowed too. */
export const NOT_READY_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching', 'other'] as const;

export interface CallFloorEvent {
  id: string;
  ts: number; // epoch ms
  type: EventType;
  queue?: string;
  agent?: string; // external agent code
  callId?: string;
  /** agent.notReady: reason code (break, meal, training, meeting, coaching, ...). */
  reason?: string;
  /** call.connected / call.abandoned / call.timedOut: wait in queue as reported by the source, seconds. */
  waitS?: number;
  /** call.transferred: where it went (extension or queue), informative only. */
  target?: string;
  /** survey: the customer's score, an integer in 1..scale. */
  score?: number;
  /** survey: the top of the scale (one of SURVEY_SCALES). */
  scale?: number;
}

export function isSurveyEvent(e: { type: string }): boolean {
  return e.type === 'survey';
}

/**
 * Absolute ceiling of any event time, whatever the settings and clock: 2100-01-01 UTC (JS Date
 * itself ends at 8.64e15). Anything later is a unit mistake (a millisecond time read as seconds,
 * microseconds sent as milliseconds) and is refused by the schema, never stored. The plausible
 * window relative to the server clock is `core/live/eventWindow.ts`.
 */
export const MAX_EVENT_TS = Date.UTC(2100, 0, 1);

const nonEmpty = (field: string) => z.string({ error: `${field} must be a string` }).min(1, { error: `${field} must not be empty` });

export const eventSchema = z
  .object({
    id: nonEmpty('id'),
    ts: z
      .number({ error: 'ts must be a number (epoch milliseconds)' })
      .int({ error: 'ts must be an integer (epoch milliseconds)' })
      .min(0, { error: 'ts must be >= 0' })
      .max(MAX_EVENT_TS, { error: `ts must be <= ${MAX_EVENT_TS} (2100-01-01, epoch milliseconds): a later time is a unit mistake` }),
    type: z.enum(EVENT_TYPES, { error: `type must be one of ${EVENT_TYPES.join(', ')}` }),
    queue: nonEmpty('queue').optional(),
    agent: nonEmpty('agent').optional(),
    callId: nonEmpty('callId').optional(),
    reason: nonEmpty('reason').optional(),
    waitS: z.number({ error: 'waitS must be a number' }).min(0, { error: 'waitS must be >= 0' }).optional(),
    target: z.string({ error: 'target must be a string' }).optional(),
    score: z.number({ error: 'score must be a number' }).optional(),
    scale: z.number({ error: 'scale must be a number' }).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.type.startsWith('agent.') && !e.agent) {
      ctx.addIssue({ code: 'custom', path: ['agent'], message: `agent is required for ${e.type}` });
    }
    if (e.type.startsWith('call.')) {
      if (!e.callId) ctx.addIssue({ code: 'custom', path: ['callId'], message: `callId is required for ${e.type}` });
      if (!e.queue) ctx.addIssue({ code: 'custom', path: ['queue'], message: `queue is required for ${e.type}` });
    }
    if ((e.type === 'call.connected' || e.type === 'call.ringing') && !e.agent) {
      ctx.addIssue({ code: 'custom', path: ['agent'], message: `agent is required for ${e.type}` });
    }
    if (e.type === 'agent.notReady' && !e.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason is required for agent.notReady' });
    }
    if (e.type === 'survey') {
      const issue = (field: string, message: string, reason: string, params: Record<string, string | number> = {}) =>
        ctx.addIssue({ code: 'custom', path: [field], message, params: { reason, params: { field, ...params } } });
      if (!e.callId && !e.agent) issue('agent', 'a survey needs callId or agent', 'survey.callOrAgentRequired');
      if (e.scale === undefined)
        issue('scale', `scale is required for survey (one of ${SURVEY_SCALES.join(', ')})`, 'survey.badScale', { scales: SURVEY_SCALES.join(', ') });
      else if (!(SURVEY_SCALES as readonly number[]).includes(e.scale))
        issue('scale', `scale must be one of ${SURVEY_SCALES.join(', ')}, got ${e.scale}`, 'survey.badScale', { scales: SURVEY_SCALES.join(', ') });
      const max = e.scale !== undefined && (SURVEY_SCALES as readonly number[]).includes(e.scale) ? e.scale : 10;
      if (e.score === undefined) issue('score', 'score is required for survey', 'survey.scoreOutOfRange', { max });
      else if (!Number.isInteger(e.score) || e.score < 1 || e.score > max)
        issue('score', `score must be an integer from 1 to ${max}, got ${e.score}`, 'survey.scoreOutOfRange', { max, value: e.score });
    } else {
      if (e.score !== undefined) ctx.addIssue({ code: 'custom', path: ['score'], message: 'score is only for survey events' });
      if (e.scale !== undefined) ctx.addIssue({ code: 'custom', path: ['scale'], message: 'scale is only for survey events' });
    }
  });

export type ValidatedEvent = z.infer<typeof eventSchema>;

const TYPE_SET = new Set<string>(EVENT_TYPES);
const FIELDS = new Set(['id', 'ts', 'type', 'queue', 'agent', 'callId', 'reason', 'waitS', 'target']); // not score/scale: surveys take the schema's path
const okStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/**
 * The hot path of validateEvent: a plain check of what the schema accepts; the value itself is the
 * event (no copy: it has only the schema's fields). Anything it does not accept outright goes to
 * the zod schema, which decides and words the error, so the result is always the schema's (this
 * check is only ever stricter).
 */
export function fastEvent(x: unknown): CallFloorEvent | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || Object.getPrototypeOf(x) !== Object.prototype) return undefined;
  const o = x as Record<string, unknown>;
  for (const k in o) if (!FIELDS.has(k) || o[k] === undefined) return undefined;
  const { id, ts, type, queue, agent, callId, reason, waitS, target } = o;
  if (!okStr(id) || typeof type !== 'string' || !TYPE_SET.has(type) || type === 'survey') return undefined;
  if (typeof ts !== 'number' || !Number.isSafeInteger(ts) || ts < 0 || ts > MAX_EVENT_TS) return undefined;
  if (queue !== undefined && !okStr(queue)) return undefined;
  if (agent !== undefined && !okStr(agent)) return undefined;
  if (callId !== undefined && !okStr(callId)) return undefined;
  if (reason !== undefined && !okStr(reason)) return undefined;
  if (waitS !== undefined && (typeof waitS !== 'number' || !Number.isFinite(waitS) || waitS < 0)) return undefined;
  if (target !== undefined && typeof target !== 'string') return undefined;
  // the schema's cross-field rules
  if (type.charCodeAt(0) === 97 /* agent. */) {
    if (agent === undefined) return undefined;
    if (type === 'agent.notReady' && reason === undefined) return undefined;
  } else {
    if (callId === undefined || queue === undefined) return undefined;
    if ((type === 'call.connected' || type === 'call.ringing') && agent === undefined) return undefined;
  }
  return o as unknown as CallFloorEvent;
}

export interface EventInvalid {
  ok: false;
  /** every bad field, in English */
  error: string;
  /** the first bad field, and its stable reason code with params when there is one (surveys) */
  field?: string;
  reason?: string;
  params?: Record<string, string | number>;
}

/** Validate one parsed JSON value; on failure, a message naming each bad field. */
export function validateEvent(x: unknown): { ok: true; event: CallFloorEvent } | EventInvalid {
  const fast = fastEvent(x);
  if (fast) return { ok: true, event: fast };
  const r = eventSchema.safeParse(x);
  if (r.success) return { ok: true, event: r.data as CallFloorEvent };
  const first = r.error.issues[0];
  const detail = first && first.code === 'custom' ? (first.params as { reason?: string; params?: Record<string, string | number> } | undefined) : undefined;
  const field = first?.path.length ? first.path.join('.') : undefined;
  const error = r.error.issues
    .map((i) => {
      const field = i.path.length ? i.path.join('.') : '(event)';
      return i.message.startsWith(field) ? i.message : `${field}: ${i.message}`;
    })
    .join('; ');
  return { ok: false, error, ...(field ? { field } : {}), ...(detail?.reason ? { reason: detail.reason, params: detail.params ?? {} } : {}) };
}

export function isAgentEvent(e: CallFloorEvent): boolean {
  return e.type.startsWith('agent.');
}

/** Sort by time, keeping input order for equal times (Array.prototype.sort is stable). */
export function sortEvents(events: readonly CallFloorEvent[]): CallFloorEvent[] {
  return [...events].sort((a, b) => a.ts - b.ts);
}

/** Drop events whose id was already seen (first one wins). */
export function dedupeEvents(events: readonly CallFloorEvent[]): CallFloorEvent[] {
  const seen = new Set<string>();
  const out: CallFloorEvent[] = [];
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}

/**
 * Ids our own parsers derive from a source record by `hashId` (queue_log, FreeSWITCH ESL). Two different records can
 * hash alike: a 2 GB queue_log (33 M records) had two such pairs, a call's CONNECT and another call's ENTERQUEUE, and
 * the later one was dropped as "already stored". So for these ids an id already taken is a duplicate only when the
 * record's own fields agree; otherwise the event is stored under the next id (`collisionId`).
 */
export const DERIVED_ID_PREFIXES = ['ql:', 'esl:'] as const;

export const hasDerivedId = (id: string) => DERIVED_ID_PREFIXES.some((p) => id.startsWith(p));

/** The fields of an event that come straight from its source record (never from the parser's context or the zone). */
export type RecordFields = Pick<CallFloorEvent, 'callId' | 'queue' | 'agent'>;

/**
 * Whether an event whose derived id is already taken (by `stored`) is another record's, not a re-send: a call's
 * event by its call and queue, an agent's by its agent. The time is not compared: a re-parse in another zone, or a
 * record's identity without its second, must still be a duplicate.
 */
export function derivedIdCollides(stored: RecordFields, e: RecordFields): boolean {
  const norm = (v: string | null | undefined) => v ?? null;
  if (norm(stored.callId) !== norm(e.callId)) return true;
  if (norm(e.callId) !== null) return norm(stored.queue) !== norm(e.queue);
  return norm(stored.agent) !== norm(e.agent);
}

/**
 * The id of a queue_log record's events in time order (issue 16, migration 063): `ql:`, a second in 7 base-36
 * digits, `.`, the hash of the record's identity (ingest/queueLog.ts `queueLogRecordId` picks the second). Ids in
 * time order go to the end of the store's unique id index instead of a random page each.
 */
export const timedDerivedId = (sec: number, hash: string) => `ql:${sec.toString(36).padStart(7, '0')}.${hash}`;
const TIMED_DERIVED_ID = /^ql:[0-9a-z]{7}\./;
const TIMED_HEAD = 'ql:0000000.'.length;

/**
 * The id an event of a queue_log record had before those ids carried the record's second (timedDerivedId): `ql:`
 * and the hash, with the event's suffix. Undefined for any other id. A store that holds events from before the
 * change looks their re-sends up under it.
 */
export function legacyDerivedId(id: string): string | undefined {
  return TIMED_DERIVED_ID.test(id) ? `ql:${id.slice(TIMED_HEAD)}` : undefined;
}

/** The id an event takes when its derived id is another record's: `x` → `x~2` → `x~3` … */
export function collisionId(id: string): string {
  const m = /~(\d+)$/.exec(id);
  return m ? `${id.slice(0, m.index)}~${Number(m[1]) + 1}` : `${id}~2`;
}

/** 53-bit FNV-1a style hash as base36, for deterministic short ids from source text. */
export function hashId(s: string): string {
  let h1 = 0x811c9dc5 | 0;
  let h2 = 0x01000193 | 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619);
    h2 = Math.imul(h2 ^ c, 2246822519);
  }
  return ((h2 >>> 0) & 0x1fffff).toString(36) + (h1 >>> 0).toString(36).padStart(7, '0');
}
