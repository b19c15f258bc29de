/**
 * The people capability's teams and agents as the caller's scope admits them (src/store/scope.ts):
 * always inside the caller's center, narrowed to their led teams or their own agent. A team or agent
 * asked for outside it is refused, never replaced by "the first one" of the database.
 */
import { forbidden, validationError } from '../../core/errors';
import { inScope, NO_DELEGATION, scopeOrDelegationAdmits, type Delegation, type Scope } from '../scope';
import { agentMissing, type Db } from './common';

/** The ids of the teams of the scope's center the caller sees (all; led ones; their own agent's), ascending. */
export async function teamsInScope(db: Db, scope: Scope): Promise<number[]> {
  const rows = await db
    .selectFrom('teams as t')
    .leftJoin('agents as a', 'a.team_id', 't.id')
    .select('t.id')
    .distinct()
    .where(inScope(scope, { center: 't.center_id', team: 't.id', agent: 'a.id' }))
    .orderBy('t.id')
    .execute();
  return rows.map((r) => r.id);
}

/** One team the caller may see: the one asked for (refused when outside the scope) or the first they see. */
export async function teamInScope(db: Db, scope: Scope, teamId?: number): Promise<number> {
  const teams = await teamsInScope(db, scope);
  if (teamId !== undefined) {
    if (!teams.includes(teamId))
      throw forbidden(`team ${teamId} is not one of your teams`, { reason: 'people.teamNotVisible', params: { field: 'teamId', teamId } });
    return teamId;
  }
  if (!teams.length) throw validationError('teamId', 'you see no team in this center', { reason: 'people.noTeam', params: { field: 'teamId' } });
  return teams[0]!;
}

/** The teams a list reads: the one asked for (checked), else every team the caller sees. */
export async function teamsFilter(db: Db, scope: Scope, teamId?: number): Promise<number[]> {
  return teamId !== undefined ? [await teamInScope(db, scope, teamId)] : teamsInScope(db, scope);
}

/** Refuses an agent outside the caller's scope (another center, another team, another agent). */
export async function assertAgentInScope(db: Db, scope: Scope, agentId: number, field = 'agentId'): Promise<void> {
  const row = await db
    .selectFrom('agents as a')
    .select('a.id')
    .where('a.id', '=', agentId)
    .where(inScope(scope, { center: 'a.center_id', team: 'a.team_id', agent: 'a.id' }))
    .executeTakeFirst();
  if (row) return;
  // an agent that does not exist is a bad input naming the field, as the store says it elsewhere
  const known = await db.selectFrom('agents').select('id').where('id', '=', agentId).executeTakeFirst();
  if (!known) throw agentMissing(field, agentId);
  throw forbidden(`agent ${agentId} is not one you may see`, { reason: 'people.agentNotVisible', params: { field, agentId } });
}

/**
 * The squads the caller leads as a squad leader (小隊長), and their agents: the delegation a peer-help use case
 * may add to the caller's scope (src/store/scope.ts Delegation). Only an agent of the scope's center leads a squad.
 */
export async function squadDelegation(db: Db, scope: Scope, agentId: number | null): Promise<Delegation> {
  if (agentId == null) return NO_DELEGATION;
  const squads = await db.selectFrom('peer_squads').select('id').where('leader_agent_id', '=', agentId).where('center_id', '=', scope.centerId).execute();
  if (!squads.length) return NO_DELEGATION;
  const squadIds = squads.map((s) => s.id);
  const members = await db.selectFrom('peer_squad_members').select('agent_id').distinct().where('squad_id', 'in', squadIds).execute();
  return { squadIds, agentIds: [...new Set([agentId, ...members.map((m) => m.agent_id)])].sort((a, b) => a - b) };
}

/** Refuses an agent outside both the caller's scope and their squads (another center's agent is as absent). */
export async function assertAgentInReach(db: Db, scope: Scope, d: Delegation, agentId: number, field = 'agentId'): Promise<void> {
  const a = await db.selectFrom('agents').select(['id', 'center_id', 'team_id']).where('id', '=', agentId).executeTakeFirst();
  if (!a || a.center_id !== scope.centerId) throw agentMissing(field, agentId);
  if (scopeOrDelegationAdmits(scope, d, { centerId: a.center_id, teamId: a.team_id, agentId })) return;
  throw forbidden(`agent ${agentId} is not one you may act for`, { reason: 'people.agentNotVisible', params: { field, agentId } });
}
