/** Leave records and shift swaps: an agent asks to give a published shift away, their team lead decides. */
import { forbidden, notFound, validationError } from '../../core/errors';
import { getAgent } from '../../store/org';
import { scopeAdmits } from '../../store/scope';
import { addLeave, decideSwap, getSwap, listLeaveWithNames, listSwaps, requestSwap } from '../../store/wfm/schedules';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, tzAt } from './common';

export async function recordLeave(deps: ServiceDeps, actor: Actor, body: { agentId: number; date: string; kind: string }) {
  const a = await getAgent(deps.store.db, body.agentId).catch(() => null);
  if (!a || a.center_id !== actor.scope.centerId)
    throw validationError('agentId', `agent ${body.agentId} not found`, { reason: 'common.notFound', params: { entity: 'agent', id: body.agentId } });
  return { id: await addLeave(deps.store.db, body.agentId, body.date, body.kind, actor.userId, deps.now()) };
}

export const leave = (deps: ServiceDeps, actor: Actor, q: { from?: string }) =>
  listLeaveWithNames(deps.store.db, { centerId: actor.scope.centerId, fromDate: q.from });

export async function askSwap(deps: ServiceDeps, actor: Actor, body: { shiftId: number; toAgentId: number; note?: string }) {
  if (!actor.agentId) throw forbidden('only agents swap shifts', { reason: 'role.agentOnly', params: {} });
  const to = await getAgent(deps.store.db, body.toAgentId).catch(() => null);
  if (!to || to.center_id !== actor.scope.centerId)
    throw validationError('toAgentId', `agent ${body.toAgentId} not found`, { reason: 'common.notFound', params: { entity: 'agent', id: body.toAgentId } });
  return { id: await requestSwap(deps.store.db, body.shiftId, actor.agentId, body.toAgentId, body.note ?? null, actor.userId, deps.now()) };
}

/** Swap requests the actor may see: their own (either side), their teams', or the center's. */
export const swaps = (deps: ServiceDeps, actor: Actor) => listSwaps(deps.store.db, { scope: actor.scope });

/** A team lead decides swaps of their own teams' agents only; approval re-checks the receiver's contract. */
export async function decide(deps: ServiceDeps, actor: Actor, swapId: number, approve: boolean) {
  const sw = await getSwap(deps.store.db, swapId);
  const from = await getAgent(deps.store.db, sw.from_agent_id);
  if (from.center_id !== actor.scope.centerId) throw notFound('swap', swapId);
  if (!scopeAdmits(actor.scope, { teamId: from.team_id, agentId: from.id }))
    throw forbidden("team leads decide swaps of their own teams' agents only", { reason: 'wfm.swapNotYourTeam' });
  const c = await centerOf(deps, actor);
  await decideSwap(deps.store.db, swapId, approve, actor.userId, deps.now(), tzAt(c.tz, deps.now()));
  return { ok: true as const };
}
