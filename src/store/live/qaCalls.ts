/**
 * Calls for QA: every call segment answered by an agent becomes an evaluable call in the quality
 * capability's `qa_calls` (see docs/quality-performance.md). Called by the ingest sink inside its
 * transaction, with the batch's new events; batched (one read, one multi-row upsert per batch).
 *
 * - A segment runs from `call.connected` (agent set) to the next `call.ended` / `call.transferred`
 *   of the same call. Only finished segments are written: a call still in progress is not
 *   evaluable yet and is written when its end arrives (in a later batch).
 * - id: the call id for the call's first answered segment, `<callId>#<n>` for the n-th (a call
 *   transferred to another agent gives that agent a call of their own).
 * - started_at = connection time, duration_s = connection → end (the conversation, what a recording
 *   holds); transferred = the segment ended by a transfer.
 * - agent via `agents.ext_code` among the center's agents; codes not in its directory are left out.
 * - The lookup reads the center's events through the partial call index (`type like 'call.%'`): a
 *   plain `type in (…)` cannot use it and scanned the whole event table on every batch (issue 16); nor
 *   may the center's own indexes serve it (`+center_id`: see below).
 * - Idempotent: a re-import upserts the same rows. The complaint flag, recording URL and creation
 *   time of an existing row are kept (set by QA / the floor, never by telephony events).
 */
import type { Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import type { Store } from '../db';
import { insertRows, selectIn } from './bulk';

const SEGMENT_TYPES = new Set(['call.connected', 'call.ended', 'call.transferred']);

interface Row {
  ts: number;
  type: string;
  queue: string | null;
  agent: string | null;
  call_id: string;
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
export function answeredSegments(callId: string, events: readonly Pick<Row, 'ts' | 'type' | 'queue' | 'agent'>[]): AnsweredSegment[] {
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

/** Upserts the answered calls touched by `accepted` (new events of this batch) into qa_calls. */
export async function syncQaCalls(
  db: Kysely<any>,
  dialect: Store['dialect'],
  centerId: number,
  accepted: readonly CallFloorEvent[],
  now: number,
): Promise<number> {
  const c = Number(centerId); // an integer, inlined: selectIn numbers only the list's parameters
  const callIds = [...new Set(accepted.filter((e) => e.callId && SEGMENT_TYPES.has(e.type)).map((e) => e.callId!))];
  if (!callIds.length) return 0;
  const rows = await selectIn<Row>(
    db,
    dialect,
    // `+center_id`: not through the center's own indexes, which SQLite chose for a long list and PostgreSQL with
    // stale statistics (AND-ed with the call index): every stored event of the center read at every batch
    (l) =>
      `select ts, type, queue, agent, call_id from live_events where call_id in (${l}) and type like 'call.%' and +center_id = ${c} and type in ('call.connected', 'call.ended', 'call.transferred') order by call_id, ts, seq`,
    callIds,
  );
  const byCall = new Map<string, Row[]>();
  for (const r of rows) {
    const l = byCall.get(r.call_id);
    if (l) l.push(r);
    else byCall.set(r.call_id, [r]);
  }
  const segs = [...byCall].flatMap(([id, evs]) => answeredSegments(id, evs));
  if (!segs.length) return 0;
  const agents = await selectIn<{ id: number; center_id: number; ext_code: string }>(
    db,
    dialect,
    (l) => `select id, center_id, ext_code from agents where ext_code in (${l}) and center_id = ${c}`,
    [...new Set(segs.map((s) => s.agent))],
  );
  const byCode = new Map(agents.map((a) => [a.ext_code, a]));
  const values = segs.flatMap((s) => {
    const a = byCode.get(s.agent);
    return a ? [[s.id, a.center_id, a.id, s.queue, s.startedAt, s.durationS, s.transferred ? 1 : 0, now]] : [];
  });
  if (!values.length) return 0;
  await insertRows(
    db,
    dialect,
    'insert into qa_calls (id, center_id, agent_id, queue, started_at, duration_s, transferred, created_at)',
    'on conflict (center_id, id) do update set agent_id = excluded.agent_id, queue = excluded.queue, started_at = excluded.started_at, duration_s = excluded.duration_s, transferred = excluded.transferred',
    8,
    values,
  );
  return values.length;
}
