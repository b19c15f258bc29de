/** The team lead's routine: an agent's record, the briefing, notices, the shift log, reports, lead tasks. */
import { z } from 'zod';
import { forbidden } from '../../../core/errors';
import { peopleConfig } from '../../../store/people/common';
import * as trn from '../../../store/people/training';
import * as rtn from '../../../store/people/routine';
import { agentScope, route, type RouteDef } from '../../route';
import { assertCanSeeAgent, idParams } from '../platform';
import { ABOVE_LEAD, LEADS_UP, date, month, posInt, text, ctxInfo, ownAgent, pickTeam, teamFilter, rangeQuery } from './common';

export const routineRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/people/agents/:id/record',
    access: 'any',
    summary: 'Training record of an employee: sessions, exams, certifications, skill level',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await assertCanSeeAgent(ctx, caller, params.id);
      const { centerId, tz } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return trn.trainingRecord(ctx.store.db, params.id, ctx.now(), tz, cfg.skillLevels);
    },
  }),

  // ------------------------------------------------------------------ the team lead's routine
  route({
    method: 'GET',
    url: '/api/people/briefing',
    access: 'any',
    summary: "Pre-shift briefing for a team and day (agents: own team's)",
    query: z.object({ teamId: posInt.optional(), date: date.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today, tz } = await ctxInfo(ctx, caller);
      const teamId = await pickTeam(ctx, caller, query.teamId);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      const b = await rtn.briefing(ctx.store.db, teamId, query.date ?? today, ctx.now(), { grace: cfg.attendanceGrace, signals: cfg.signals, timeZone: tz });
      // agents see the notices and the plan for the day, not who has not read them
      // nor teammates' QA scores or orders: their own QA results and the team's counts only
      if (agentScope(caller).kind === 'self')
        return {
          ...b,
          notices: b.notices.map((n) => ({ id: n.id, text: n.text, read: n.readBy.includes(caller.agentId ?? -1) })),
          qa: { ...b.qa, coach: b.qa.coach.filter((c) => c.agentId === String(caller.agentId)) },
          workOrders: { open: b.workOrders.open, overdue: [] },
          // their own figures and targets only; the team's totals stay
          agents: b.agents.filter((a) => a.agentId === caller.agentId),
          agentFacts: b.agentFacts.filter((a) => a.agentId === caller.agentId),
          missed: {
            yesterday: b.missed.yesterday.filter((m) => m.agentId === caller.agentId),
            today: b.missed.today.filter((m) => m.agentId === caller.agentId),
          },
        };
      return b;
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/notices',
    access: LEADS_UP,
    summary: "Add a notice to a team's briefing",
    body: z.object({ teamId: z.number().int().positive(), date: date.optional(), text: text(2000) }),
    handler: async ({ body, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      if (!caller.roles.some((r) => ABOVE_LEAD.includes(r)) && !caller.ledTeamIds.includes(body.teamId))
        throw forbidden(`team ${body.teamId} is not one of your teams`);
      return rtn.addNotice(ctx.store.db, body.teamId, body.date ?? today, body.text, caller.userId, ctx.now());
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/notices/:id/read',
    access: ['agent'],
    summary: 'Mark a briefing notice as read',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await rtn.markNoticeRead(ctx.store.db, params.id, (await ownAgent(ctx, caller)).id, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/shift-log',
    access: LEADS_UP,
    summary: "A team's in-shift log for a day",
    query: z.object({ teamId: posInt.optional(), date: date.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      return rtn.shiftLog(ctx.store.db, await pickTeam(ctx, caller, query.teamId), query.date ?? today);
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/shift-log',
    access: ['team_lead'],
    summary: 'Log an in-shift event or action (coaching, listening, escalation, care talk)',
    body: z.object({
      teamId: z.number().int().positive(),
      date: date.optional(),
      kind: z.enum(['coaching', 'listening', 'escalation', 'care_talk', 'other']),
      agentId: z.number().int().positive().nullable().optional(),
      text: text(2000),
    }),
    handler: async ({ body, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      if (!caller.ledTeamIds.includes(body.teamId)) throw forbidden(`team ${body.teamId} is not one of your teams`);
      return rtn.addLogEntry(ctx.store.db, body.teamId, { ...body, date: body.date ?? today }, caller.userId, ctx.now());
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/reports',
    access: ['team_lead'],
    summary: 'Send the post-shift summary up to the duty manager (once per team and day)',
    body: z
      .object({
        teamId: z.number().int().positive(),
        date: date.optional(),
        // a typed figure is an audited override of the stored one (checked per field in the store)
        overrides: z.record(z.string(), z.number()).optional(),
        overrideNote: z.string().max(2000).optional(),
        notes: z.array(z.string().max(2000)).max(50).default([]),
      })
      .strict(),
    handler: async ({ body, caller, ctx }) => {
      const { centerId, today, tz } = await ctxInfo(ctx, caller);
      if (!caller.ledTeamIds.includes(body.teamId)) throw forbidden(`team ${body.teamId} is not one of your teams`);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return rtn.sendPostShift(ctx.store.db, body.teamId, body.date ?? today, body, caller.userId, ctx.now(), cfg.attendanceGrace, tz);
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/reports',
    access: LEADS_UP,
    summary: 'Post-shift reports (duty manager: all; leads: own teams)',
    query: rangeQuery,
    handler: async ({ query, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      return rtn.listReports(ctx.store.db, {
        teamIds: await teamFilter(ctx, caller, query.teamId),
        from: query.from ?? `${today.slice(0, 7)}-01`,
        to: query.to ?? today,
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/reports/aggregate',
    access: LEADS_UP,
    summary: 'Daily reports summed per team and week or month (ratios recomputed from sums)',
    query: rangeQuery.extend({ by: z.enum(['week', 'month']).default('week') }),
    handler: async ({ query, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      return rtn.aggregatedReports(
        ctx.store.db,
        {
          teamIds: await teamFilter(ctx, caller, query.teamId),
          from: query.from ?? `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`,
          to: query.to ?? today,
        },
        query.by,
      );
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/tasks',
    access: LEADS_UP,
    summary: "Team leads' tasks (a lead: own)",
    handler: async ({ caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      return rtn.listTasks(ctx.store.db, centerId, caller.roles.some((r) => ABOVE_LEAD.includes(r)) ? undefined : caller.userId);
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/tasks',
    access: ABOVE_LEAD,
    summary: 'Assign a task with a due date to a team lead',
    body: z.object({ leadId: z.number().int().positive(), title: text(300), dueOn: date }),
    handler: async ({ body, caller, ctx }) => rtn.createTask(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/tasks/:id/done',
    access: LEADS_UP,
    summary: 'Mark a task done (a lead: own tasks)',
    params: idParams,
    body: z.object({ completedOn: date.optional() }).default({}),
    handler: async ({ params, body, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      await rtn.completeTask(
        ctx.store.db,
        params.id,
        caller.userId,
        caller.roles.some((r) => ABOVE_LEAD.includes(r)),
        body?.completedOn ?? today,
        ctx.now(),
      );
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/tasks/completion',
    access: LEADS_UP,
    summary: 'Monthly task completion per lead (on time / late / open)',
    query: z.object({ month: month.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      return rtn.taskCompletion(
        ctx.store.db,
        centerId,
        query.month ?? today.slice(0, 7),
        caller.roles.some((r) => ABOVE_LEAD.includes(r)) ? undefined : caller.userId,
      );
    },
  }),

  // ------------------------------------------------------------------ attrition
];
