/** Per-agent / per-team facts of a day, week or month (issue 11): one source of the floor's numbers. */
import { z } from 'zod';
import { forbidden } from '../../core/errors';
import { computeFacts, FACTS_BYS } from '../../store/facts/index';
import { agentScope, route, type RouteDef } from '../route';
import { isoDate, isoMonth } from '../schemas';
import { callerCenterId } from './platform';
import { scopeFilter } from './scope';

export const factsRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/facts',
    access: 'any',
    summary: 'Facts by agent|team for a day, week or month, each figure with its source (agents: own; team leads: their teams; center-wide roles: all)',
    query: z.object({
      by: z.enum(FACTS_BYS as [string, ...string[]]).default('agent'),
      // calendar-checked at the edge (server/schemas.ts): a bad one is 400 input.badDate / input.dateOutOfRange
      day: isoDate.optional(),
      week: isoDate.optional(),
      month: isoMonth.optional(),
      // one team (center-wide roles: any; team leads: one of theirs); agents always get their own row
      teamId: z.coerce.number().int().positive().optional(),
    }),
    handler: async ({ query, caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'self' && query.by === 'team') throw forbidden('team facts are for team leads and center-wide roles', { reason: 'facts.teamForbidden', params: {} });
      const centerId = await callerCenterId(ctx, caller);
      const scope = scopeFilter(caller);
      if (query.teamId !== undefined && s.kind === 'teams' && !s.teamIds.includes(query.teamId))
        throw forbidden(`team ${query.teamId} is not one of your teams`, { reason: 'facts.teamNotYours', params: { teamId: query.teamId } });
      const filter = query.teamId !== undefined && s.kind !== 'self' ? { teamIds: [query.teamId] } : scope;
      return computeFacts(ctx.store.db, centerId, { by: query.by as 'agent' | 'team', day: query.day, week: query.week, month: query.month, ...filter, now: ctx.now() });
    },
  }),
];
