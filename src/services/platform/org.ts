/**
 * The organisation's use cases (issue 13): centers, teams and agents as the actor may see and change
 * them. Reads apply the actor's scope in SQL (src/store/scope.ts); a team or agent of another center
 * is not found, never changed.
 */
import { forbidden, notFound, validationError } from '../../core/errors';
import { audit } from '../../store/audit';
import { createAgent, createTeam, getCenter, listAgents, listTeams, listUsers, updateAgent, updateTeam, type AgentPatch } from '../../store/org';
import { assertCertifiedForQueues } from '../../store/people/training';
import type { Actor, ServiceDeps } from '../context';

/** The actor's center (a user sees only their own). */
export async function centersOf(deps: ServiceDeps, actor: Actor) {
  const c = await getCenter(deps.store.db, actor.scope.centerId);
  return c ? [c] : [];
}

/** Teams the actor sees: the center's, the led ones, or the agent's own team. */
export const teamsOf = (deps: ServiceDeps, actor: Actor) => listTeams(deps.store.db, { scope: actor.scope });

/** Who may lead a team: active users of the actor's center holding the team-lead role (what the Teams page offers). */
export async function teamLeadCandidates(deps: ServiceDeps, actor: Actor) {
  const users = await listUsers(deps.store.db, { centerId: actor.scope.centerId });
  return users.filter((u) => u.active && u.roles.includes('team_lead')).map((u) => ({ id: u.id, username: u.username, displayName: u.display_name }));
}

/** A team of the actor's center, or not found. */
async function teamInCenter(deps: ServiceDeps, actor: Actor, id: number) {
  const t = await deps.store.db.selectFrom('teams').selectAll().where('id', '=', id).where('center_id', '=', actor.scope.centerId).executeTakeFirst();
  if (!t) throw notFound('team', id);
  return t;
}

/** A lead must be a user of the center (or of none), never someone of another center. */
async function assertLeadInCenter(deps: ServiceDeps, actor: Actor, userId: number | null | undefined) {
  if (userId == null) return;
  const u = await deps.store.db.selectFrom('users').select(['id', 'center_id']).where('id', '=', userId).executeTakeFirst();
  if (!u || (u.center_id != null && u.center_id !== actor.scope.centerId))
    throw validationError('body.leadUserId', `user ${userId} does not exist`, { reason: 'common.notFound', params: { entity: 'user', id: userId } });
}

/** Creates a team; `accessChanged` names the users whose view of the floor changed (the new lead). */
export async function addTeam(deps: ServiceDeps, actor: Actor, input: { name: string; leadUserId?: number | null }) {
  await assertLeadInCenter(deps, actor, input.leadUserId);
  const now = deps.now();
  const id = await deps.store.db.transaction().execute(async (tx) => {
    const id = await createTeam(tx, { centerId: actor.scope.centerId, name: input.name, leadUserId: input.leadUserId ?? null }, now);
    await audit(tx, { at: now, userId: actor.userId, action: 'team.create', entity: 'team', entityId: id, detail: input });
    return id;
  });
  return { id, accessChanged: input.leadUserId != null ? [input.leadUserId] : [] };
}

/** Renames a team or changes its lead; the old and the new lead see other teams now (`accessChanged`). */
export async function changeTeam(deps: ServiceDeps, actor: Actor, id: number, patch: { name?: string; leadUserId?: number | null }) {
  const before = await teamInCenter(deps, actor, id);
  await assertLeadInCenter(deps, actor, patch.leadUserId);
  const team = await deps.store.db.transaction().execute(async (tx) => {
    await updateTeam(tx, id, patch);
    await audit(tx, { at: deps.now(), userId: actor.userId, action: 'team.update', entity: 'team', entityId: id, detail: patch });
    return tx.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
  const accessChanged = before.lead_user_id !== team.lead_user_id ? [before.lead_user_id, team.lead_user_id].filter((u): u is number => u != null) : [];
  return { team, accessChanged };
}

/** Agents the actor sees (center-wide roles: all of the center; team leads: their teams; agents: themselves). */
export function agentsOf(deps: ServiceDeps, actor: Actor, f: { teamId?: number; status?: 'active' | 'left' } = {}) {
  return listAgents(deps.store.db, { status: f.status, teamIds: f.teamId ? [f.teamId] : undefined, scope: actor.scope });
}

/**
 * Throws unless the actor may see this agent's records: forbidden for an agent of their center
 * outside their scope, not found for one of another center or none.
 */
export async function assertSeesAgent(deps: ServiceDeps, actor: Actor, agentId: number) {
  const [seen] = await listAgents(deps.store.db, { ids: [agentId], scope: actor.scope });
  if (seen) return seen;
  const [inCenter] = await listAgents(deps.store.db, { ids: [agentId], scope: { kind: 'all', centerId: actor.scope.centerId } });
  if (!inCenter) throw notFound('agent', agentId);
  throw forbidden(actor.scope.kind === 'teams' ? 'team leads see only their own teams' : 'agents see only their own records', {
    reason: 'people.agentNotVisible',
    params: { agentId },
  });
}

/** One agent, if the actor may see them. */
export const agentOf = (deps: ServiceDeps, actor: Actor, id: number) => assertSeesAgent(deps, actor, id);

export interface NewAgent {
  employeeNo: string;
  name: string;
  teamId: number | null;
  hireDate: string;
  skillLevel: string;
  extCode?: string | null;
  queues: string[];
}

/** Creates an agent of the actor's center; a queue under certification needs the certification first (issue 6). */
export async function addAgent(deps: ServiceDeps, actor: Actor, input: NewAgent) {
  const centerId = actor.scope.centerId;
  if (input.teamId != null)
    await teamInCenter(deps, actor, input.teamId).catch(() => {
      throw validationError('body.teamId', `team ${input.teamId} does not exist`, {
        reason: 'common.notFound',
        params: { entity: 'team', id: input.teamId ?? null },
      });
    });
  const now = deps.now();
  await assertCertifiedForQueues(deps.store.db, centerId, null, input.queues, [], now);
  const id = await createAgent(deps.store.db, { ...input, centerId }, now);
  await audit(deps.store.db, { at: now, userId: actor.userId, action: 'agent.create', entity: 'agent', entityId: id, detail: input });
  return assertSeesAgent(deps, { ...actor, scope: { kind: 'all', centerId } }, id);
}

/** Changes an agent of the actor's center: team, skill level, queues (the go-live gate), status. */
export async function changeAgent(deps: ServiceDeps, actor: Actor, id: number, patch: AgentPatch) {
  const wide = { ...actor, scope: { kind: 'all' as const, centerId: actor.scope.centerId } };
  const current = await assertSeesAgent(deps, wide, id);
  if (patch.teamId != null)
    await teamInCenter(deps, actor, patch.teamId).catch(() => {
      throw validationError('body.teamId', `team ${patch.teamId} does not exist`, {
        reason: 'common.notFound',
        params: { entity: 'team', id: patch.teamId ?? null },
      });
    });
  // go-live gate (issue 6): adding a queue the center put under certification needs the agent's valid certification for it
  if (patch.queues) await assertCertifiedForQueues(deps.store.db, current.center_id, id, patch.queues, current.queues, deps.now());
  await updateAgent(deps.store.db, id, patch);
  await audit(deps.store.db, { at: deps.now(), userId: actor.userId, action: 'agent.update', entity: 'agent', entityId: id, detail: patch });
  return assertSeesAgent(deps, wide, id);
}
