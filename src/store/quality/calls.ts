import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { notFound } from '../../core/errors';
import { withTx } from '../db';
import { agentMissing } from '../people/common';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

export interface CallInput {
  id: string;
  agentId: number;
  queue: string;
  startedAt: number;
  durationS: number;
  recordingUrl?: string | null;
  transferred?: boolean;
  complaint?: boolean;
}

/**
 * Registers calls QA may evaluate (idempotent by center and call id: a re-sent call updates its row;
 * another center's call with the same id is a call of its own).
 * The live-floor ingest fills this table later; until then QA loads calls through the API.
 */
export async function upsertCalls(db: Db, centerId: number, calls: readonly CallInput[], now: number): Promise<number> {
  if (!calls.length) return 0;
  return withTx(db, async (tx) => {
    const agentIds = [...new Set(calls.map((c) => c.agentId))];
    const known = new Set(
      (await tx.selectFrom('agents').select('id').where('id', 'in', agentIds).where('center_id', '=', centerId).execute()).map((r) => r.id),
    );
    calls.forEach((c, i) => {
      if (!known.has(c.agentId)) throw agentMissing(`calls[${i}].agentId`, c.agentId);
    });
    for (let i = 0; i < calls.length; i += 200) {
      const rows = calls.slice(i, i + 200).map((c) => ({
        id: c.id,
        center_id: centerId,
        agent_id: c.agentId,
        queue: c.queue,
        started_at: c.startedAt,
        duration_s: Math.round(c.durationS),
        recording_url: c.recordingUrl ?? null,
        transferred: c.transferred ? 1 : 0,
        complaint: c.complaint ? 1 : 0,
        created_at: now,
      }));
      await tx
        .insertInto('qa_calls')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['center_id', 'id']).doUpdateSet((eb) => ({
            agent_id: eb.ref('excluded.agent_id'),
            queue: eb.ref('excluded.queue'),
            started_at: eb.ref('excluded.started_at'),
            duration_s: eb.ref('excluded.duration_s'),
            recording_url: eb.ref('excluded.recording_url'),
            transferred: eb.ref('excluded.transferred'),
            complaint: eb.ref('excluded.complaint'),
          })),
        )
        .execute();
    }
    return calls.length;
  });
}

export type CallRow = DB['qa_calls'];

/** A call of a center by its id (the key is the center and the id: another center may use the same id). */
export async function findCall(db: Db, centerId: number, id: string): Promise<CallRow | undefined> {
  return db.selectFrom('qa_calls').selectAll().where('center_id', '=', centerId).where('id', '=', id).executeTakeFirst();
}

export async function getCall(db: Db, centerId: number, id: string): Promise<CallRow> {
  const c = await findCall(db, centerId, id);
  if (!c) throw notFound('call', id);
  return c;
}

/** Whether a call of the scope's center is one the scope sees (team leads: their teams' agents' calls). */
export async function callInScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('qa_calls')
    .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
    .select('qa_calls.id')
    .where('qa_calls.id', '=', id)
    .where(inScope(scope, { center: 'qa_calls.center_id', team: 'agents.team_id', agent: 'qa_calls.agent_id' }))
    .executeTakeFirst();
  return r !== undefined;
}

/** Calls the scope sees (team leads: their teams' agents' calls), newest first. */
export async function listCalls(db: Db, scope: Scope, f: { from?: number; to?: number; agentId?: number; limit?: number; unevaluated?: boolean }) {
  let q = db
    .selectFrom('qa_calls')
    .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
    .select([
      'qa_calls.id',
      'qa_calls.agent_id',
      'qa_calls.queue',
      'qa_calls.started_at',
      'qa_calls.duration_s',
      'qa_calls.recording_url',
      'qa_calls.transferred',
      'qa_calls.complaint',
      'agents.name as agent_name',
      'agents.employee_no',
      'agents.team_id',
      'agents.hire_date',
    ])
    .where(inScope(scope, { center: 'qa_calls.center_id', team: 'agents.team_id', agent: 'qa_calls.agent_id' }))
    .orderBy('qa_calls.started_at', 'desc')
    .limit(f.limit ?? 500);
  if (f.from !== undefined) q = q.where('qa_calls.started_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('qa_calls.started_at', '<', f.to);
  if (f.agentId) q = q.where('qa_calls.agent_id', '=', f.agentId);
  if (f.unevaluated)
    q = q.where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('qa_evaluations')
            .select('qa_evaluations.id')
            .whereRef('qa_evaluations.center_id', '=', 'qa_calls.center_id')
            .whereRef('qa_evaluations.call_id', '=', 'qa_calls.id')
            .where('qa_evaluations.calibration_id', 'is', null),
        ),
      ),
    );
  return q.execute();
}

/** Calls of [from, to) in a center neither sampled into a work queue nor evaluated yet, with the agent's hire date. */
export async function unsampledCalls(db: Db, centerId: number, from: number, to: number) {
  return db
    .selectFrom('qa_calls')
    .innerJoin('agents', 'agents.id', 'qa_calls.agent_id')
    .select([
      'qa_calls.id',
      'qa_calls.agent_id',
      'qa_calls.queue',
      'qa_calls.started_at',
      'qa_calls.duration_s',
      'qa_calls.transferred',
      'qa_calls.complaint',
      'agents.hire_date',
    ])
    .where('qa_calls.center_id', '=', centerId)
    .where('qa_calls.started_at', '>=', from)
    .where('qa_calls.started_at', '<', to)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('qa_work_items')
            .select('qa_work_items.id')
            .whereRef('qa_work_items.center_id', '=', 'qa_calls.center_id')
            .whereRef('qa_work_items.call_id', '=', 'qa_calls.id'),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('qa_evaluations')
            .select('qa_evaluations.id')
            .whereRef('qa_evaluations.center_id', '=', 'qa_calls.center_id')
            .whereRef('qa_evaluations.call_id', '=', 'qa_calls.id'),
        ),
      ),
    )
    .execute();
}
