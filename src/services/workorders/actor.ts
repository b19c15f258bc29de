/**
 * Who acts on work orders: the service actor turned into what the work-order store and the core
 * machines take — the core actor (roles plus business department / field crew from memberships), the
 * read scope (center-wide roles, a lead's teams, the user's own and assigned orders) and the center's
 * rules (machines, categories, SLA, callback policy: data).
 */
import { WO_CENTER_WIDE } from '../../contract/workorders';
import { forbidden } from '../../core/errors';
import { coreActor, ledTeamMembers, woSettings, type WoActor } from '../../store/workorders/orders';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';

/** Work orders are raised and moved by signed-in users (history and notices name them): the command line has none. */
export function userOf(actor: Actor): number {
  if (actor.userId == null) throw forbidden('work orders are handled by signed-in users', { reason: 'workorder.userRequired', params: {} });
  return actor.userId;
}

/** What the REST reads show this actor (the store applies it in SQL). */
export async function woScope(deps: ServiceDeps, actor: Actor): Promise<WoActor> {
  const userId = userOf(actor);
  const { departmentIds } = await coreActor(deps.store.db, userId, actor.roles);
  const team = await ledTeamMembers(deps.store.db, actor.scope);
  return {
    userId,
    roles: actor.roles,
    departmentIds,
    seesAll: hasRoleIn(actor, WO_CENTER_WIDE),
    teamUserIds: team.userIds,
    agentId: actor.agentId,
    teamAgentIds: team.agentIds,
  };
}

/** The actor with the center's work-order rules: everything a write needs. */
export async function woContext(deps: ServiceDeps, actor: Actor) {
  const userId = userOf(actor);
  const centerId = actor.scope.centerId;
  const [{ actor: core, departmentIds }, scope, settings] = await Promise.all([
    coreActor(deps.store.db, userId, actor.roles),
    woScope(deps, actor),
    woSettings(deps.store.db, centerId),
  ]);
  return { core, departmentIds, scope, centerId, settings };
}
export type WoContext = Awaited<ReturnType<typeof woContext>>;
