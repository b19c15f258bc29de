/**
 * The people capability's teams and agents as the caller's scope admits them (src/store/scope.ts):
 * always inside the caller's center, narrowed to their led teams or their own agent. A team or agent
 * asked for outside it is refused, never replaced by "the first one" of the database.
 */
import { forbidden, validationError } from '../../core/errors';
import { inScope, type Scope } from '../scope';
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
