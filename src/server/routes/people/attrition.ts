/** Attrition: leavers, the attrition figures, the at-risk list. */
import { z } from 'zod';
import { peopleConfig } from '../../../store/people/common';
import * as attr from '../../../store/people/attrition';
import { route, type RouteDef } from '../../route';
import { ADMINS, LEADS_UP, date, month, posInt, text, ctxInfo, teamFilter } from './common';

export const attritionRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/people/leavers',
    access: ADMINS,
    summary: 'Record a leaver: status left + leaving date, exit interview reason (coded + free text)',
    body: z.object({ agentId: z.number().int().positive(), leftDate: date, reasonCode: text(40), reasonText: z.string().max(2000).optional() }),
    handler: async ({ body, caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      await attr.recordLeaver(ctx.store.db, body.agentId, body, cfg.leaveReasons, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/attrition',
    access: LEADS_UP,
    summary: 'Attrition rate per team and month, reasons over time, tenure at leaving (leads: own teams)',
    query: z.object({ month: month.optional(), months: z.coerce.number().int().min(1).max(36).default(12), teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return attr.attritionStats(
        ctx.store.db,
        centerId,
        query.month ?? today.slice(0, 7),
        query.months,
        cfg.leaveReasons,
        await teamFilter(ctx, caller, query.teamId),
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/at-risk',
    access: LEADS_UP,
    summary: 'At-risk list: low mood, falling scores, absences (leads: own teams)',
    query: z.object({ teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return attr.atRisk(ctx.store.db, centerId, today, cfg.atRisk, cfg.attendanceGrace, await teamFilter(ctx, caller, query.teamId));
    },
  }),
];
