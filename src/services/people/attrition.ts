/** Attrition use cases: leavers with their exit interview, the attrition figures, the at-risk list. */
import { peopleConfig } from '../../store/people/common';
import * as attr from '../../store/people/attrition';
import { assertAgentInScope, teamInScope } from '../../store/people/scope';
import type { Actor, ServiceDeps } from '../context';
import { centerDay, ok, userOf, type BodyOf, type QueryOf } from './common';

export async function recordLeaver(deps: ServiceDeps, actor: Actor, input: BodyOf<'recordLeaver'>) {
  const db = deps.store.db;
  await assertAgentInScope(db, actor.scope, input.agentId);
  const cfg = await peopleConfig(db, actor.scope.centerId);
  await attr.recordLeaver(db, input.agentId, input, cfg.leaveReasons, userOf(actor), deps.now());
  return ok;
}

/** Attrition of the actor's scope (a team lead: their teams), optionally of one team, over `months` months to `month`. */
export async function attrition(deps: ServiceDeps, actor: Actor, q: QueryOf<'attrition'>) {
  const db = deps.store.db;
  const { centerId, today } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  const teamId = q.teamId === undefined ? undefined : await teamInScope(db, actor.scope, q.teamId);
  return attr.attritionStats(db, actor.scope, q.month ?? today.slice(0, 7), q.months, cfg.leaveReasons, teamId);
}

export async function atRisk(deps: ServiceDeps, actor: Actor, q: QueryOf<'atRisk'>) {
  const db = deps.store.db;
  const { centerId, today } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  const teamId = q.teamId === undefined ? undefined : await teamInScope(db, actor.scope, q.teamId);
  return attr.atRisk(db, actor.scope, today, cfg.atRisk, cfg.attendanceGrace, teamId);
}
