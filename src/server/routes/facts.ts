/** Per-agent / per-team facts of a day, week or month (issue 11): one source of the floor's numbers. */
import { facts as api } from '../../contract/facts';
import type { Capability } from '../capability';
import { forbidden } from '../../core/errors';
import { computeFacts } from '../../store/facts/index';
import { agentScope, implement, scopeOf, type RouteDef } from '../route';
import { callerCenterId } from './platform';
import { factsWarmerService } from '../factsWarmer';

export const factsRoutes: RouteDef[] = [
  implement(api.get, async ({ query, caller, ctx }) => {
    const s = agentScope(caller);
    if (s.kind === 'self' && query.by === 'team')
      throw forbidden('team facts are for team leads and center-wide roles', { reason: 'facts.teamForbidden', params: {} });
    const centerId = await callerCenterId(ctx, caller);
    if (query.teamId !== undefined && s.kind === 'teams' && !s.teamIds.includes(query.teamId))
      throw forbidden(`team ${query.teamId} is not one of your teams`, { reason: 'facts.teamNotYours', params: { teamId: query.teamId } });
    // the caller's scope in SQL; a named team narrows it further
    const teamIds = query.teamId !== undefined && s.kind !== 'self' ? [query.teamId] : undefined;
    return computeFacts(ctx.store.db, centerId, {
      by: query.by,
      day: query.day,
      week: query.week,
      month: query.month,
      teamIds,
      scope: scopeOf(caller),
      now: ctx.now(),
    });
  }),
];

export const factsCapability: Capability = { name: 'facts', routes: factsRoutes, services: [factsWarmerService()] };
