/** What the people use cases share: the caller's center day, their own agent, the store's view of the actor. */
import type { ParsedBody, ParsedParams, ParsedQuery } from '../../contract/endpoint';
import { ABOVE_LEAD, type people } from '../../contract/people';
import { forbidden } from '../../core/errors';
import { agentWithTeam, centerTimezone, localDate, type Actor as PeopleActor } from '../../store/people/common';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';

export const ok = { ok: true } as const;

type Eps = typeof people;
/** A use case's input: the parsed body / query / path parameters of its contract entry. */
export type BodyOf<K extends keyof Eps> = ParsedBody<Eps[K]>;
export type QueryOf<K extends keyof Eps> = ParsedQuery<Eps[K]>;
export type ParamsOf<K extends keyof Eps> = ParsedParams<Eps[K]>;

/** The actor's center, its time zone and today's local date there. */
export async function centerDay(deps: ServiceDeps, actor: Actor) {
  const centerId = actor.scope.centerId;
  const tz = await centerTimezone(deps.store.db, centerId);
  return { centerId, tz, today: localDate(deps.now(), tz) };
}

/** A signed-in user's id (what is written as the author); the command line has none for these steps. */
export function userOf(actor: Actor): number {
  if (actor.userId == null)
    throw forbidden('this step is recorded under a signed-in user: use the web or the API', { reason: 'role.userRequired', params: {} });
  return actor.userId;
}

/** The actor as the people store's rules see them: the teams they lead come from their scope. */
export function peopleActor(actor: Actor): PeopleActor {
  return {
    userId: userOf(actor),
    roles: actor.roles,
    agentId: actor.agentId,
    ledTeamIds: actor.scope.kind === 'teams' ? actor.scope.teamIds : [],
  };
}

/** Roles above a team lead see and act on every team of their center. */
export const isAboveLead = (actor: Actor) => hasRoleIn(actor, ABOVE_LEAD);

/** The actor's own agent (agents only), with their team. */
export async function ownAgent(deps: ServiceDeps, actor: Actor) {
  if (actor.agentId == null) throw forbidden('only agents linked to an agent record can do this', { reason: 'role.agentOnly', params: {} });
  return agentWithTeam(deps.store.db, actor.agentId);
}

/** The first day of the month of a date, and the same date a year earlier (default ranges). */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
export const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;
