/**
 * Post-call satisfaction answers (`survey` events, the IVR survey CSV) into `survey_answers`
 * (015_facts_inputs), and the one answer to "who took this call" that surveys and complaint work
 * orders share.
 *
 * - An answer naming a call gets the call's agent from the stored call events: the agent of the
 *   call's LAST `call.connected` (the one who ended up serving the customer; for a call that was
 *   never transferred that is simply the agent who answered it). An answer naming both a call
 *   and an agent must agree with the call.
 * - An answer naming only an agent needs that agent's code (`agents.ext_code`) to be known.
 * - Idempotent: one row per (center, event id); re-sent answers change nothing.
 * - Surveys never touch `live_events` nor any telephony aggregate.
 */
import { sql, type Kysely } from 'kysely';
import type { CallFloorEvent } from '../core/events';
import type { DB } from './schema';
import { getSetting } from './org';

type Db = Kysely<DB>;
const CHUNK = 500;

/** Per-center setting: the scale of survey answers that do not state one (IVR CSV). */
export const SURVEY_SCALE_SETTING = 'survey.defaultScale';
export const DEFAULT_SURVEY_SCALE = 5;

/** The center's scale for answers that state none; no center (a database without one yet): the default. */
export async function defaultSurveyScale(db: Db, centerId: number | null | undefined): Promise<number> {
  if (!centerId) return DEFAULT_SURVEY_SCALE;
  return (await getSetting<number>(db, centerId, SURVEY_SCALE_SETTING)) ?? DEFAULT_SURVEY_SCALE;
}

export interface CallFacts {
  /** agent code of the last connect, null when the call was never connected */
  agent: string | null;
  queue: string | null;
  /** time of the call's last event */
  lastTs: number;
}

const chunks = <T>(xs: readonly T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
};

/**
 * What the stored call events of one center say about each call: who served it (last connect) and its
 * queue (two centers may use the same call ids). `extra` are events not stored yet (a pushed batch
 * checked before it is stored). Reads through the partial call index (`type like 'call.%'`).
 */
export async function callFacts(db: Db, centerId: number, callIds: readonly string[], extra: readonly CallFloorEvent[] = []): Promise<Map<string, CallFacts>> {
  const ids = [...new Set(callIds)];
  const rows: { call_id: string; type: string; agent: string | null; queue: string | null; ts: number }[] = [];
  for (const c of chunks(ids)) {
    const r = await db
      .selectFrom('live_events')
      .select(['call_id', 'type', 'agent', 'queue', 'ts'])
      .where('call_id', 'in', c)
      // spelled as the partial call index is (SQLite matches a literal, not a bound parameter); `+center_id`:
      // not through the center's own (center_id, ts) index, which reads every stored event of the center
      .where('type', 'like', sql.lit('call.%'))
      .where(sql<number>`+center_id`, '=', centerId)
      .orderBy('ts')
      .orderBy('seq')
      .execute();
    for (const x of r) rows.push({ call_id: x.call_id!, type: x.type, agent: x.agent, queue: x.queue, ts: Number(x.ts) });
  }
  const want = new Set(ids);
  const fresh = extra
    .filter((e) => e.callId && want.has(e.callId) && e.type.startsWith('call.'))
    .map((e) => ({ call_id: e.callId!, type: e.type, agent: e.agent ?? null, queue: e.queue ?? null, ts: e.ts }))
    .sort((a, b) => a.ts - b.ts);
  const out = new Map<string, CallFacts>();
  for (const r of [...rows, ...fresh].sort((a, b) => a.ts - b.ts)) {
    const f = out.get(r.call_id) ?? { agent: null, queue: null, lastTs: r.ts };
    if (r.type === 'call.connected') {
      f.agent = r.agent;
      f.queue = r.queue ?? f.queue;
    } else if (!f.queue) f.queue = r.queue;
    f.lastTs = Math.max(f.lastTs, r.ts);
    out.set(r.call_id, f);
  }
  return out;
}

/** One center's agents by code (`ext_code`): id and center. */
export async function agentsByCode(db: Db, centerId: number, codes: readonly string[]): Promise<Map<string, { id: number; centerId: number }>> {
  const out = new Map<string, { id: number; centerId: number }>();
  for (const c of chunks([...new Set(codes)])) {
    const rows = await db
      .selectFrom('agents')
      .select(['id', 'center_id', 'ext_code'])
      .where('ext_code', 'in', c)
      .where('center_id', '=', centerId)
      .orderBy('id')
      .execute();
    for (const r of rows) if (!out.has(r.ext_code!)) out.set(r.ext_code!, { id: r.id, centerId: r.center_id });
  }
  return out;
}

/** The agent (id, code) of a center who served its call, from the stored events; null for an unknown or unanswered call or an unknown code. */
export async function agentOfCall(db: Db, centerId: number, callId: string): Promise<{ agentId: number; centerId: number; code: string } | null> {
  const f = (await callFacts(db, centerId, [callId])).get(callId);
  if (!f?.agent) return null;
  const a = (await agentsByCode(db, centerId, [f.agent])).get(f.agent);
  return a ? { agentId: a.id, centerId: a.centerId, code: f.agent } : null;
}

export interface SurveyReject {
  /** the event's id (import maps it back to its line) */
  id: string;
  field: 'agent' | 'callId';
  reason: string;
  params: Record<string, string | number>;
  message: string;
}

export interface ResolvedSurvey {
  event: CallFloorEvent;
  centerId: number;
  agentId: number;
  ts: number;
  queue: string | null;
}

/** Each survey event's agent in the center the events came in for (and time, queue), or why it cannot be stored. */
export async function resolveSurveys(
  db: Db,
  centerId: number,
  events: readonly CallFloorEvent[],
  extra: readonly CallFloorEvent[] = [],
): Promise<{ ok: ResolvedSurvey[]; rejected: SurveyReject[] }> {
  const calls = await callFacts(
    db,
    centerId,
    events.filter((e) => e.callId).map((e) => e.callId!),
    extra,
  );
  const codes = new Set<string>();
  for (const e of events) {
    if (e.agent) codes.add(e.agent);
    const a = e.callId ? calls.get(e.callId)?.agent : null;
    if (a) codes.add(a);
  }
  const agents = await agentsByCode(db, centerId, [...codes]);
  const ok: ResolvedSurvey[] = [];
  const rejected: SurveyReject[] = [];
  for (const e of events) {
    const no = (field: SurveyReject['field'], reason: string, params: Record<string, string | number>, message: string) =>
      rejected.push({ id: e.id, field, reason, params: { field, ...params }, message: `${field}: ${message}` });
    let code = e.agent;
    let ts = e.ts;
    let queue = e.queue ?? null;
    if (e.callId) {
      const f = calls.get(e.callId);
      if (!f) {
        no('callId', 'survey.unknownCall', { callId: e.callId }, `no call ${e.callId} is stored`);
        continue;
      }
      if (!f.agent) {
        no('callId', 'survey.callNotAnswered', { callId: e.callId }, `call ${e.callId} was never connected to an agent`);
        continue;
      }
      if (e.agent && e.agent !== f.agent) {
        no(
          'agent',
          'survey.agentNotOnCall',
          { agent: e.agent, callId: e.callId, callAgent: f.agent },
          `agent ${e.agent} did not serve call ${e.callId} (agent ${f.agent} did)`,
        );
        continue;
      }
      code = f.agent;
      if (ts <= 0) ts = f.lastTs; // the CSV gave no time: the call's end
      queue = queue ?? f.queue;
    }
    const a = code ? agents.get(code) : undefined;
    if (!a) {
      no(e.callId ? 'callId' : 'agent', 'survey.unknownAgent', { agent: code ?? '' }, `unknown agent ${code ?? '(none)'}`);
      continue;
    }
    ok.push({ event: e, centerId: a.centerId, agentId: a.id, ts, queue });
  }
  return { ok, rejected };
}

export interface StoreSurveysResult {
  accepted: CallFloorEvent[];
  duplicates: number;
  rejected: SurveyReject[];
}

/** Store one center's survey events (idempotent by center + event id); unresolvable ones are returned, not stored. */
export async function storeSurveyAnswers(db: Db, centerId: number, events: readonly CallFloorEvent[], now: number): Promise<StoreSurveysResult> {
  if (!events.length) return { accepted: [], duplicates: 0, rejected: [] };
  const { ok, rejected } = await resolveSurveys(db, centerId, events);
  const accepted: CallFloorEvent[] = [];
  for (const c of chunks(ok)) {
    const ins = await db
      .insertInto('survey_answers')
      .values(
        c.map((r) => ({
          center_id: r.centerId,
          event_id: r.event.id,
          ts: r.ts,
          call_id: r.event.callId ?? null,
          agent_id: r.agentId,
          queue: r.queue,
          score: r.event.score!,
          scale_max: r.event.scale!,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['center_id', 'event_id']).doNothing())
      .returning('event_id')
      .execute();
    const got = new Set(ins.map((x) => x.event_id));
    for (const r of c) if (got.has(r.event.id)) accepted.push(r.event);
  }
  return { accepted, duplicates: ok.length - accepted.length, rejected };
}
