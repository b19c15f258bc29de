/** Calls for QA, sampling them into evaluators' work queues (抽檢), and the recording library (錄音分享). */
import { DomainError, notFound, validationError } from '../../core/errors';
import { assignEvaluators, selectSample } from '../../core/quality/index';
import { startOfDayMs } from '../../core/performance/index';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { callInScope, findCall, listCalls as storedCalls, unsampledCalls, upsertCalls, type CallInput } from '../../store/quality/calls';
import { centerTimezone, existingUserIds, listEvaluators as storedEvaluators, teamOfAgent } from '../../store/quality/lookup';
import {
  deleteLibraryEntry,
  getSamplingPlan,
  insertLibraryEntry,
  insertWorkItems,
  listLibrary as storedLibrary,
  listWorkQueue as storedQueue,
} from '../../store/quality/work';
import type { Actor, ServiceDeps } from '../context';
import { userOf } from './common';

/** Calls the actor sees (team leads: their teams'), newest first. */
export async function listCalls(deps: ServiceDeps, actor: Actor, q: { from?: number; to?: number; agentId?: number; unevaluated?: boolean }) {
  return storedCalls(deps.store.db, actor.scope, q);
}

/** Registers calls QA may evaluate (idempotent by call id) until the live-floor ingest fills them. */
export async function registerCalls(deps: ServiceDeps, actor: Actor, input: { calls: CallInput[] }) {
  return { stored: await upsertCalls(deps.store.db, actor.scope.centerId, input.calls, deps.now()) };
}

/** Users of the center who score calls (role qa). */
export async function listEvaluators(deps: ServiceDeps, actor: Actor) {
  return storedEvaluators(deps.store.db, actor.scope.centerId);
}

/**
 * Builds evaluators' work queues from the center's sampling plan: calls in [from, to) (epoch ms) not
 * yet sampled or evaluated are sampled per agent-week (core selectSample) and spread over the evaluators.
 */
export async function generateWorkQueue(deps: ServiceDeps, actor: Actor, args: { from: number; to: number; evaluatorIds: number[]; seed: string }) {
  const centerId = actor.scope.centerId;
  const now = deps.now();
  if (!args.evaluatorIds.length)
    throw validationError('evaluatorIds', 'choose at least one evaluator', { reason: 'input.tooSmallCount', params: { minimum: 1 } });
  if (!(args.to > args.from))
    throw validationError('to', 'the period ends before it starts', { reason: 'input.endBeforeStart', params: { from: args.from, to: args.to } });
  const plan = await getSamplingPlan(deps.store.db, centerId);
  return withTx(deps.store.db, async (tx) => {
    const users = await existingUserIds(tx, args.evaluatorIds);
    const unknown = args.evaluatorIds.filter((i) => !users.includes(i));
    if (unknown.length)
      throw validationError('evaluatorIds', `user ${unknown.join(', ')} does not exist`, {
        reason: 'common.notFound',
        params: { entity: 'user', id: unknown.join(', ') },
      });
    const calls = await unsampledCalls(tx, centerId, args.from, args.to);
    const hire: Record<string, string> = {};
    for (const c of calls) hire[String(c.agent_id)] = c.hire_date;
    const sample = selectSample(
      calls.map((c) => ({
        id: c.id,
        agentId: String(c.agent_id),
        queue: c.queue,
        startedAt: new Date(c.started_at).toISOString(),
        durationS: c.duration_s,
        transferred: c.transferred === 1,
        complaint: c.complaint === 1,
      })),
      plan,
      args.seed,
      hire,
    );
    const queues = assignEvaluators(sample, args.evaluatorIds.map(String));
    const byCall = new Map(sample.map((s) => [s.callId, s]));
    const rows = queues.flatMap((q) =>
      q.callIds.map((callId) => {
        const s = byCall.get(callId)!;
        return {
          center_id: centerId,
          call_id: callId,
          agent_id: Number(s.agentId),
          evaluator_id: Number(q.evaluatorId),
          week: s.week,
          reasons: JSON.stringify(s.reasons),
          evaluation_id: null,
          created_at: now,
        };
      }),
    );
    await insertWorkItems(tx, rows);
    await audit(tx, {
      at: now,
      userId: actor.userId,
      action: 'qa.sample.generate',
      entity: 'qa_work_items',
      detail: { from: args.from, to: args.to, calls: calls.length, sampled: rows.length, seed: args.seed },
    });
    return {
      considered: calls.length,
      sampled: rows.length,
      perEvaluator: queues.map((q) => ({ evaluatorId: Number(q.evaluatorId), calls: q.callIds.length })),
    };
  });
}

/** The same for whole days of the center's calendar: from the start of `from` to the end of `to`; the seed defaults to the period. */
export async function sampleDays(deps: ServiceDeps, actor: Actor, body: { from: string; to: string; evaluatorIds: number[]; seed?: string }) {
  const tz = await centerTimezone(deps.store.db, actor.scope.centerId);
  const dayAfter = new Date(Date.parse(`${body.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return generateWorkQueue(deps, actor, {
    from: startOfDayMs(body.from, tz),
    to: startOfDayMs(dayAfter, tz),
    evaluatorIds: body.evaluatorIds,
    seed: body.seed ?? `${body.from}/${body.to}`,
  });
}

/** The actor's own work queue (or every evaluator's with `all`), pending items unless `done`. */
export async function listWorkQueue(deps: ServiceDeps, actor: Actor, q: { all?: boolean; done?: boolean; limit?: number; offset?: number }) {
  return storedQueue(deps.store.db, actor.scope.centerId, {
    evaluatorId: q.all ? undefined : (actor.userId ?? -1),
    pending: !q.done,
    limit: q.limit,
    offset: q.offset,
  });
}

// ---- recording library ----

/** Shares a call of the center as good or instructive with teams (none = the whole center); team leads: only their teams' calls. */
export async function addToLibrary(
  deps: ServiceDeps,
  actor: Actor,
  input: { callId: string; tag: 'good' | 'instructive'; title: string; note: string; teamIds: number[] },
) {
  const centerId = actor.scope.centerId;
  const userId = userOf(actor);
  const now = deps.now();
  return withTx(deps.store.db, async (tx) => {
    const call = await findCall(tx, centerId, input.callId);
    if (!call || call.center_id !== centerId)
      throw validationError('callId', `call "${input.callId}" does not exist`, { reason: 'common.notFound', params: { entity: 'call', id: input.callId } });
    if (!(await callInScope(tx, actor.scope, input.callId)))
      throw new DomainError(`callId: call "${input.callId}" is not of an agent of your teams`, 'forbidden', 'callId', {
        reason: 'quality.libraryOtherTeam',
        params: { field: 'callId', callId: input.callId },
      });
    const id = await insertLibraryEntry(tx, {
      center_id: centerId,
      call_id: input.callId,
      tag: input.tag,
      title: input.title,
      note: input.note,
      team_ids: JSON.stringify(input.teamIds),
      created_by: userId,
      created_at: now,
    });
    await audit(tx, { at: now, userId, action: 'qa.library.add', entity: 'qa_library', entityId: id, detail: input });
    return { id };
  });
}

/** Library entries shared with the actor's teams (an agent's own team; team leads their led teams) or with the whole center. */
export async function listLibrary(deps: ServiceDeps, actor: Actor) {
  const db = deps.store.db;
  const s = actor.scope;
  if (s.kind === 'all') return storedLibrary(db, s.centerId);
  if (s.kind === 'teams') return storedLibrary(db, s.centerId, { teamIds: s.teamIds });
  const team = s.agentId == null ? null : await teamOfAgent(db, s.agentId);
  return storedLibrary(db, s.centerId, { teamIds: team == null ? [] : [team] });
}

export async function removeFromLibrary(deps: ServiceDeps, actor: Actor, id: number) {
  const now = deps.now();
  await withTx(deps.store.db, async (tx) => {
    if (!(await deleteLibraryEntry(tx, actor.scope.centerId, id))) throw notFound('libraryEntry', id);
    await audit(tx, { at: now, userId: actor.userId, action: 'qa.library.remove', entity: 'qa_library', entityId: id });
  });
  return { ok: true as const };
}
