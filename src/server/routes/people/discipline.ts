/** Discipline (rules, violations, the team fund) and attendance. */
import { z } from 'zod';
import { forbidden } from '../../../core/errors';
import { defaultMoodNames } from '../../../core/people';
import { peopleConfig } from '../../../store/people/common';
import * as disc from '../../../store/people/discipline';
import { agentScope, route, type RouteDef } from '../../route';
import { assertCanSeeAgent } from '../platform';
import { ADMINS, LEADS_UP, date, posInt, text, instant, actor, ctxInfo, pickTeam, teamFilter, ruleSchema, rangeQuery } from './common';

export const disciplineRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/people/config',
    access: 'any',
    summary: "The center's people settings (signals, grace, skill levels, at-risk weights, leave reasons, exam defaults) and mood names",
    handler: async ({ caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      return { ...(await peopleConfig(ctx.store.db, centerId)), moodNames: defaultMoodNames };
    },
  }),

  // ------------------------------------------------------------------ discipline
  route({
    method: 'GET',
    url: '/api/people/rules',
    access: 'any',
    summary: "The center's floor rules (紀律), defaults from seed 000",
    handler: async ({ caller, ctx }) => disc.listRules(ctx.store.db, (await ctxInfo(ctx, caller)).centerId),
  }),
  route({
    method: 'PUT',
    url: '/api/people/rules',
    access: ADMINS,
    summary: "Replace the center's floor rules (audited)",
    body: z.object({ rules: z.array(ruleSchema).max(500) }),
    handler: async ({ body, caller, ctx }) => disc.saveRules(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, body.rules, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/violations',
    access: LEADS_UP,
    summary: 'Record a violation; its contribution (樂捐) goes to the team fund. Team leads: own teams only',
    body: z.object({ ruleCode: text(20), agentId: z.number().int().positive(), at: instant.optional(), note: z.string().trim().max(500).optional() }),
    handler: async ({ body, caller, ctx }) =>
      disc.recordViolation(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, { ...body, at: body.at ?? ctx.now() }, actor(caller), ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/violations',
    access: 'any',
    summary: 'Violations the caller may see (agents: own; leads: their teams)',
    query: z.object({ teamId: posInt.optional(), agentId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'self') return disc.listViolations(ctx.store.db, { agentIds: s.agentId == null ? [] : [s.agentId] });
      if (query.agentId) await assertCanSeeAgent(ctx, caller, query.agentId);
      return disc.listViolations(ctx.store.db, { teamIds: await teamFilter(ctx, caller, query.teamId), agentIds: query.agentId ? [query.agentId] : undefined });
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/fund',
    access: 'any',
    summary: "A team's activity fund: contributions, spending with receipts, balance (visible to the team)",
    query: z.object({ teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => disc.teamFund(ctx.store.db, await pickTeam(ctx, caller, query.teamId)),
  }),
  route({
    method: 'POST',
    url: '/api/people/fund/spending',
    access: ['admin', 'center_manager', 'team_lead'],
    summary: 'Spend from a team fund on a team activity, with a receipt (not above the balance)',
    body: z.object({
      teamId: z.number().int().positive(),
      amountFen: z.number().int(),
      receiptRef: z.string().max(200),
      description: z.string().max(500),
      at: instant.optional(),
    }),
    handler: async ({ body, caller, ctx }) => {
      if (!caller.roles.some((r) => ADMINS.includes(r)) && !caller.ledTeamIds.includes(body.teamId))
        throw forbidden(`team ${body.teamId} is not one of your teams`);
      return disc.recordSpending(ctx.store.db, body.teamId, { ...body, at: body.at ?? ctx.now() }, caller.userId, ctx.now());
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/attendance/import',
    access: ['admin', 'center_manager', 'wfm'],
    summary: 'Import scheduled shifts and login segments (adapter input until the live floor / WFM write them)',
    body: z.object({
      shifts: z
        .array(z.object({ agentId: z.number().int().positive(), date, start: instant, end: instant }))
        .max(20_000)
        .default([]),
      segments: z
        .array(z.object({ agentId: z.number().int().positive(), login: instant, logout: instant.nullable() }))
        .max(50_000)
        .default([]),
    }),
    handler: async ({ body, caller, ctx }) => disc.importAttendance(ctx.store.db, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/attendance',
    access: 'any',
    summary: 'Attendance: late, early leave, absence per shift, agent and team (agents: own)',
    query: rangeQuery,
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      const from = query.from ?? today.slice(0, 8) + '01';
      const to = query.to ?? today;
      const s = agentScope(caller);
      if (s.kind === 'self') return disc.attendanceReport(ctx.store.db, from, to, { agentIds: s.agentId == null ? [] : [s.agentId] }, cfg.attendanceGrace);
      return disc.attendanceReport(ctx.store.db, from, to, { teamIds: await teamFilter(ctx, caller, query.teamId) }, cfg.attendanceGrace);
    },
  }),

  // ------------------------------------------------------------------ mood care
];
