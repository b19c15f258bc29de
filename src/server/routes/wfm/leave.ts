/** Leave records and shift swaps (agent asks, team lead decides). */
import { z } from 'zod';
import { forbidden } from '../../../core/errors';
import { getAgent } from '../../../store/org';
import { addLeave, decideSwap, getSwap, listLeaveWithNames, listSwaps, requestSwap } from '../../../store/wfm/schedules';
import { agentScope, route, type RouteDef } from '../../route';
import { WFM, idParams, date, centerOf, tzAt } from './common';

export const leaveRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/wfm/leave',
    access: WFM,
    summary: 'Record approved leave for an agent',
    body: z.object({ agentId: z.number().int().positive(), date, kind: z.string().min(1).max(30).default('annual') }),
    handler: async ({ body, caller, ctx }) => ({ id: await addLeave(ctx.store.db, body.agentId, body.date, body.kind, caller.userId, ctx.now()) }),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/leave',
    access: WFM,
    summary: 'Recorded leave (from a date, default all), with agent names',
    query: z.object({ from: date.optional() }),
    handler: async ({ query, ctx }) => listLeaveWithNames(ctx.store.db, query.from),
  }),
  route({
    method: 'POST',
    url: '/api/wfm/swaps',
    access: ['agent'],
    summary: 'Ask to give one of your published shifts to another agent (needs team-lead approval)',
    body: z.object({ shiftId: z.number().int().positive(), toAgentId: z.number().int().positive(), note: z.string().max(500).optional() }),
    handler: async ({ body, caller, ctx }) => {
      if (!caller.agentId) throw forbidden('only agents swap shifts');
      return { id: await requestSwap(ctx.store.db, body.shiftId, caller.agentId, body.toAgentId, body.note ?? null, caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/swaps',
    access: 'any',
    summary: 'Swap requests: agents see their own, team leads their teams, planners all',
    handler: async ({ caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'all') return listSwaps(ctx.store.db, {});
      if (s.kind === 'teams') return listSwaps(ctx.store.db, { teamIds: s.teamIds });
      return listSwaps(ctx.store.db, { agentIds: s.agentId ? [s.agentId] : [] });
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/swaps/:id/decide',
    access: ['team_lead'],
    summary: "Approve or reject a swap of your team's agent (approval re-checks the receiver's contract)",
    params: idParams,
    body: z.object({ approve: z.boolean() }),
    handler: async ({ params, body, caller, ctx }) => {
      const sw = await getSwap(ctx.store.db, params.id);
      const from = await getAgent(ctx.store.db, sw.from_agent_id);
      if (from.team_id == null || !caller.ledTeamIds.includes(from.team_id)) throw forbidden("team leads decide swaps of their own teams' agents only");
      const c = await centerOf(ctx, caller);
      await decideSwap(ctx.store.db, params.id, body.approve, caller.userId, ctx.now(), tzAt(c.tz, ctx.now()));
      return { ok: true };
    },
  }),
];
