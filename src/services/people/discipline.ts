/** Discipline use cases: the center's settings and floor rules, violations, the team fund, attendance. */
import { defaultMoodNames } from '../../core/people';
import { peopleConfig } from '../../store/people/common';
import * as disc from '../../store/people/discipline';
import { assertAgentInScope, teamInScope } from '../../store/people/scope';
import type { Actor, ServiceDeps } from '../context';
import { centerDay, monthStart, peopleActor, userOf, type BodyOf, type QueryOf } from './common';

export async function config(deps: ServiceDeps, actor: Actor) {
  return { ...(await peopleConfig(deps.store.db, actor.scope.centerId)), moodNames: defaultMoodNames };
}

export const rules = (deps: ServiceDeps, actor: Actor) => disc.listRules(deps.store.db, actor.scope.centerId);

export const saveRules = (deps: ServiceDeps, actor: Actor, input: BodyOf<'saveRules'>) =>
  disc.saveRules(deps.store.db, actor.scope.centerId, input.rules, userOf(actor), deps.now());

/** A violation on an agent of the actor's center; the core's rule keeps a team lead to their own teams. */
export async function recordViolation(deps: ServiceDeps, actor: Actor, input: BodyOf<'recordViolation'>) {
  await assertAgentInScope(deps.store.db, { kind: 'all', centerId: actor.scope.centerId }, input.agentId);
  return disc.recordViolation(deps.store.db, actor.scope.centerId, { ...input, at: input.at ?? deps.now() }, peopleActor(actor), deps.now());
}

export async function violations(deps: ServiceDeps, actor: Actor, q: QueryOf<'violations'>) {
  const db = deps.store.db;
  if (q.teamId !== undefined) await teamInScope(db, actor.scope, q.teamId);
  if (q.agentId !== undefined) await assertAgentInScope(db, actor.scope, q.agentId);
  return disc.listViolations(db, actor.scope, {
    teamIds: q.teamId === undefined ? undefined : [q.teamId],
    agentIds: q.agentId === undefined ? undefined : [q.agentId],
  });
}

export async function fund(deps: ServiceDeps, actor: Actor, q: QueryOf<'fund'>) {
  return disc.teamFund(deps.store.db, await teamInScope(deps.store.db, actor.scope, q.teamId));
}

/** Spending from a fund of a team the actor sees (a team lead: their own). */
export async function spend(deps: ServiceDeps, actor: Actor, input: BodyOf<'spend'>) {
  const teamId = await teamInScope(deps.store.db, actor.scope, input.teamId);
  return disc.recordSpending(deps.store.db, teamId, { ...input, at: input.at ?? deps.now() }, userOf(actor), deps.now());
}

export const importAttendance = (deps: ServiceDeps, actor: Actor, input: BodyOf<'importAttendance'>) =>
  disc.importAttendance(deps.store.db, actor.scope.centerId, input, actor.userId, deps.now());

/** Attendance of the actor's scope (default: this month so far), optionally of one of their teams. */
export async function attendance(deps: ServiceDeps, actor: Actor, q: Partial<QueryOf<'attendance'>>) {
  const db = deps.store.db;
  const { centerId, today } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  const teamIds = q.teamId === undefined ? undefined : [await teamInScope(db, actor.scope, q.teamId)];
  return disc.attendanceReport(db, q.from ?? monthStart(today), q.to ?? today, { scope: actor.scope, teamIds }, cfg.attendanceGrace);
}
