/**
 * A squad leader (小隊長) acting for the lead on their squad in the lead's routine (issue 17): the coaching and
 * listening entries of the shift log about the squad's members, the squad's own post-shift report, and the
 * squad's figures (the day's from `computeFacts`, the live tiles). Each use case asks for one of
 * src/core/peer SQUAD_LEADER_ACTIONS; the delegation is read from the store on every call, so a squad leader
 * loses it the moment the squad is dissolved or another leader is named. An agent outside the squad is
 * answered as absent (404), as another center's is.
 */
import { SQUAD_LOG_KINDS, type SquadLeaderAction } from '../../core/peer/index';
import { forbidden, notFound, validationError } from '../../core/errors';
import { computeFacts } from '../../store/facts/index';
import { peopleConfig } from '../../store/people/common';
import { squadDelegation } from '../../store/people/scope';
import { NO_DELEGATION, scopeAdmits, type Delegation } from '../../store/scope';
import * as repo from '../../store/peer/repo';
import * as sq from '../../store/peer/squadRoutine';
import { addLogEntry, shiftLogInReach } from '../../store/people/routine';
import type { ShiftLogKind } from '../../core/people';
import type { Actor, ServiceDeps } from '../context';
import { centerDay, monthStart, userOf } from '../people/common';

/** The squad the caller leads and their delegation, for one of the delegated actions; a caller who leads none is refused. */
export async function ledSquad(deps: ServiceDeps, actor: Actor, action: SquadLeaderAction): Promise<{ d: Delegation; squad: repo.Squad }> {
  const d = actor.scope.kind === 'self' ? await squadDelegation(deps.store.db, actor.scope, actor.agentId) : NO_DELEGATION;
  const squad = d.squadIds.length ? (await repo.listSquads(deps.store.db, actor.scope, d, { id: d.squadIds[0] }))[0] : undefined;
  if (!squad) throw forbidden('only a squad leader does this, for their own squad', { reason: 'peer.squadLeaderOnly', params: { action } });
  return { d, squad };
}

/** A squad's team, or the refusal: a squad leader reaches only their squad's team (another is as absent). */
function squadTeam(squad: repo.Squad, teamId: number | undefined): number {
  if (teamId !== undefined && teamId !== squad.teamId) throw notFound('team', teamId);
  return squad.teamId;
}

/** The shift log of a team-day for a squad leader: the coaching and listening entries about their squad, and their own. */
export async function squadShiftLog(deps: ServiceDeps, actor: Actor, q: { teamId?: number; date?: string }) {
  const { d, squad } = await ledSquad(deps, actor, 'readSquadLog');
  const { today } = await centerDay(deps, actor);
  return shiftLogInReach(deps.store.db, actor.scope, d, squadTeam(squad, q.teamId), q.date ?? today, userOf(actor));
}

/**
 * A coaching or listening entry (辅导 / 听录音) a squad leader writes about one of their squad's members: kept
 * in the team's shift log (the lead reads it there) as the squad leader's, with the squad, and audited.
 */
export async function addSquadLogEntry(
  deps: ServiceDeps,
  actor: Actor,
  input: { teamId: number; date?: string; kind: ShiftLogKind; agentId?: number | null; text: string },
) {
  const { squad } = await ledSquad(deps, actor, 'writeSquadLog');
  const teamId = squadTeam(squad, input.teamId);
  if (!(SQUAD_LOG_KINDS as readonly string[]).includes(input.kind))
    throw forbidden(`a squad leader writes ${SQUAD_LOG_KINDS.join(' and ')} entries only`, {
      reason: 'peer.squadLogKind',
      params: { field: 'kind', kind: input.kind },
    });
  if (input.agentId == null)
    throw validationError('agentId', 'say which member of the squad the entry is about', { reason: 'peer.squadAgentRequired', params: { field: 'agentId' } });
  // the squad's members only (not the leader themselves: their own coaching is the lead's); anyone else is as absent
  if (!squad.memberIds.includes(input.agentId)) throw notFound('agent', input.agentId);
  const { today } = await centerDay(deps, actor);
  return addLogEntry(deps.store.db, teamId, { ...input, date: input.date ?? today }, userOf(actor), deps.now(), squad.id);
}

/** The squad's post-shift report for a day (default: the center's today), sent by its leader; the lead reads it. */
export async function sendSquadReport(deps: ServiceDeps, actor: Actor, squadId: number, body: { date?: string; notes: string[] }) {
  const db = deps.store.db;
  const { d, squad } = await ledSquad(deps, actor, 'sendSquadReport');
  if (squad.id !== squadId) throw notFound('squad', squadId);
  const { centerId, today, tz } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  const date = body.date ?? today;
  const ref = { id: squad.id, teamId: squad.teamId, name: squad.name, agentIds: [squad.leaderAgentId, ...squad.memberIds] };
  const { id } = await sq.sendSquadReport(db, centerId, ref, date, body.notes, userOf(actor), deps.now(), cfg.attendanceGrace, tz);
  return (await sq.listSquadReports(db, actor.scope, d, { from: date, to: date, id }))[0]!;
}

/** Squad reports in the caller's reach (a lead: their teams' squads'; a squad leader: their squad's), default this month. */
export async function squadReports(deps: ServiceDeps, actor: Actor, q: { from?: string; to?: string }) {
  const d = actor.scope.kind === 'self' ? (await ledSquad(deps, actor, 'readSquadReports')).d : NO_DELEGATION;
  const { today } = await centerDay(deps, actor);
  return sq.listSquadReports(deps.store.db, actor.scope, d, { from: q.from ?? monthStart(today), to: q.to ?? today });
}

/**
 * A squad the caller may see the figures of: the lead over its team (or a center-wide role) and the squad's
 * own leader; a member or another agent is refused, a squad outside the caller's reach is absent.
 */
export async function squadForFigures(deps: ServiceDeps, actor: Actor, id: number, action: SquadLeaderAction) {
  const db = deps.store.db;
  const d = actor.scope.kind === 'self' ? await squadDelegation(db, actor.scope, actor.agentId) : NO_DELEGATION;
  const [s] = await repo.listSquads(db, actor.scope, d, { id });
  if (!s) throw notFound('squad', id);
  const leads = actor.scope.kind !== 'self' && scopeAdmits(actor.scope, { teamId: s.teamId });
  if (!leads && !d.squadIds.includes(s.id))
    throw forbidden('only the lead and the squad leader see the squad’s figures', { reason: 'peer.notSquadLeader', params: { squadId: id, action } });
  return { squad: s, agentIds: [s.leaderAgentId, ...s.memberIds] };
}

/** A squad's facts for a day (computeFacts by agent, the squad's agent ids) and its total over the squad. */
export async function squadDayFacts(deps: ServiceDeps, actor: Actor, agentIds: number[], day: string) {
  const { centerId } = actor.scope;
  return computeFacts(deps.store.db, centerId, { by: 'agent', day, agentIds, scope: { kind: 'all', centerId }, now: deps.now() });
}
