/**
 * Calls for QA: every call segment answered by an agent becomes an evaluable call in the quality
 * capability's `qa_calls` (see docs/quality-performance.md). Done by the ingest sink inside its
 * transaction, in the same pass as the call aggregates (issue 16): the touched calls' events stored before
 * the batch, which the aggregation reads anyway, plus the batch's new ones; then one read of the agents
 * and one multi-row upsert per batch (prepared statements on SQLite, one `unnest` on PostgreSQL).
 *
 * - A segment runs from `call.connected` (agent set) to the next `call.ended` / `call.transferred`
 *   of the same call. Only finished segments are written: a call still in progress is not
 *   evaluable yet and is written when its end arrives (in a later batch).
 * - id: the call id for the call's first answered segment, `<callId>#<n>` for the n-th (a call
 *   transferred to another agent gives that agent a call of their own).
 * - started_at = connection time, duration_s = connection → end (the conversation, what a recording
 *   holds); transferred = the segment ended by a transfer.
 * - agent via `agents.ext_code` among the center's agents; codes not in its directory are left out.
 * - No read of its own: it had one (`type in (…)` through the call index) that read the same events as the
 *   aggregation's, 19–24 % of the ingest path (issue 16).
 * - Idempotent: a re-import upserts the same rows. The complaint flag, recording URL and creation
 *   time of an existing row are kept (set by QA / the floor, never by telephony events).
 */
import type { Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import type { Store } from '../db';
import { listParam, query, writeRows, type TableSpec } from './bulk';

const SEGMENT_TYPES = new Set(['call.connected', 'call.ended', 'call.transferred']);

/** What a segment needs of an event (a stored row or a new event). */
interface SegmentEvent {
  ts: number;
  type: string;
  queue?: string | null;
  agent?: string | null;
}

export interface AnsweredSegment {
  id: string;
  callId: string;
  agent: string;
  queue: string;
  startedAt: number;
  durationS: number;
  transferred: boolean;
}

/** Finished answered segments of one call's events (in time order). */
export function answeredSegments(callId: string, events: readonly SegmentEvent[]): AnsweredSegment[] {
  const out: AnsweredSegment[] = [];
  let open: { agent: string; queue: string; ts: number } | null = null;
  let n = 0;
  for (const e of events) {
    if (e.type === 'call.connected') {
      if (e.agent) open = { agent: e.agent, queue: e.queue ?? '', ts: Number(e.ts) };
      continue;
    }
    if (!open) continue;
    n++;
    out.push({
      id: n === 1 ? callId : `${callId}#${n}`,
      callId,
      agent: open.agent,
      queue: open.queue,
      startedAt: open.ts,
      durationS: Math.max(0, Math.round((Number(e.ts) - open.ts) / 1000)),
      transferred: e.type === 'call.transferred',
    });
    open = null;
  }
  return out;
}

/** The `qa_calls` columns the ingest writes; a re-import updates what telephony says, never complaint, recording or creation time. */
const QA_CALLS: TableSpec = {
  table: 'qa_calls',
  cols: [
    ['id', 'text'],
    ['center_id', 'integer'],
    ['agent_id', 'integer'],
    ['queue', 'text'],
    ['started_at', 'bigint'],
    ['duration_s', 'integer'],
    ['transferred', 'integer'],
    ['created_at', 'bigint'],
  ],
  tail: 'on conflict (center_id, id) do update set agent_id = excluded.agent_id, queue = excluded.queue, started_at = excluded.started_at, duration_s = excluded.duration_s, transferred = excluded.transferred',
};

/**
 * The finished answered segments of the calls a batch touched: for each call with a new connect, end or
 * transfer (`accepted`), its events stored before the batch (`storedBefore`, in time and sequence order)
 * followed by its new ones, in time order (stable: for equal times the stored ones first, as their
 * sequence is lower).
 */
export function touchedSegments(accepted: readonly CallFloorEvent[], storedBefore: ReadonlyMap<string, readonly CallFloorEvent[]>): AnsweredSegment[] {
  const fresh = new Map<string, CallFloorEvent[]>();
  for (const e of accepted)
    if (e.callId && SEGMENT_TYPES.has(e.type)) {
      const l = fresh.get(e.callId);
      if (l) l.push(e);
      else fresh.set(e.callId, [e]);
    }
  const out: AnsweredSegment[] = [];
  for (const [callId, evs] of fresh) {
    const old = storedBefore.get(callId);
    const all = old ? [...old.filter((e) => SEGMENT_TYPES.has(e.type)), ...evs].sort((a, b) => a.ts - b.ts) : evs;
    for (const s of answeredSegments(callId, all)) out.push(s);
  }
  return out;
}

/** Upserts answered segments into the center's qa_calls (agents by `ext_code`; unknown codes left out). */
export async function storeQaCalls(store: Store, db: Kysely<any>, centerId: number, segs: readonly AnsweredSegment[], now: number): Promise<number> {
  if (!segs.length) return 0;
  const agents = await query<{ id: number; ext_code: string }>(
    store,
    db,
    'select id, ext_code from agents where ext_code in (select value from json_each(?)) and center_id = ?',
    'select id, ext_code from agents where ext_code = any($1::text[]) and center_id = $2',
    [listParam(store, [...new Set(segs.map((s) => s.agent))]), centerId],
  );
  const byCode = new Map(agents.map((a) => [a.ext_code, Number(a.id)]));
  const rows: unknown[][] = [];
  for (const s of segs) {
    const a = byCode.get(s.agent);
    if (a !== undefined) rows.push([s.id, centerId, a, s.queue, s.startedAt, s.durationS, s.transferred ? 1 : 0, now]);
  }
  await writeRows(store, db, QA_CALLS, rows);
  return rows.length;
}
