import { z } from 'zod';
import { forbidden, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { DEFAULT_DISPUTE_RULES, type DisputeRules } from '../../core/quality/index';
import { dateOfInstant, shiftMonth, startOfDayMs } from '../../core/performance/index';
import { getAgent, getSetting } from '../../store/org';
import { listCalls, upsertCalls } from '../../store/quality/calls';
import { listTemplates, saveTemplateVersion } from '../../store/quality/templates';
import {
  closeCalibration,
  createCalibration,
  createEvaluation,
  decideDisputeOn,
  getCalibration,
  getDispute,
  getEvaluation,
  listCalibrations,
  listDisputes,
  listEvaluations,
  openDisputeOn,
} from '../../store/quality/evaluations';
import { agentIdsOfTeams, centerTimezone, listEvaluators } from '../../store/quality/lookup';
import {
  addToLibrary,
  createCoaching,
  followUpCoaching,
  generateWorkQueue,
  listCoaching,
  listLibrary,
  listWorkQueue,
  qaReport,
  removeFromLibrary,
} from '../../store/quality/work';
import { agentScope, hasRole, route, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { assertCanSeeAgent, callerCenterId, idParams } from './platform';
import { scopeFilter } from './scope';
import { pushNotices } from './notifications';
import { epochMs, epochMsQuery, isoDate, isoMonth } from '../schemas';

/** Who scores calls. */
const EVALUATORS: Role[] = ['qa'];
/** Who runs QA: templates, sampling, calibration, the library. */
const QA_RUN: Role[] = ['qa', 'center_manager'];
/** Who may be asked to decide disputes (narrowed in the handler, see DISPUTE_DECIDERS_SETTING). */
const DECIDERS: Role[] = ['qa', 'center_manager'];
const REPORT_READERS: Role[] = ['qa', 'center_manager', 'duty_manager', 'team_lead'];
const COACHES: Role[] = ['team_lead', 'qa', 'center_manager'];

export const DISPUTE_RULES_SETTING = 'quality.disputeRules';
/**
 * The QA lead (質檢組長): user ids allowed to decide disputes besides center managers. When the
 * setting is absent every `qa` user may decide — but never on an evaluation they scored themselves.
 */
export const DISPUTE_DECIDERS_SETTING = 'quality.disputeDeciders';

export const month = isoMonth;
const date = isoDate;
const answer = z.object({ itemId: z.string().min(1).max(100), value: z.number().nullable(), comment: z.string().max(2000).optional() });

/** Points away from the centre (median) that count as deviating in calibration; defaults from the core (5 and 25). */
export const CALIBRATION_SETTING = 'quality.calibration';
async function calibrationThresholds(ctx: ServerContext, centerId: number) {
  return (await getSetting<{ scoreThreshold?: number; itemThreshold?: number }>(ctx.store.db, centerId, CALIBRATION_SETTING)) ?? {};
}

async function disputeRules(ctx: ServerContext, centerId: number): Promise<DisputeRules> {
  return (await getSetting<DisputeRules>(ctx.store.db, centerId, DISPUTE_RULES_SETTING)) ?? DEFAULT_DISPUTE_RULES;
}

/** The current month in the center's time zone. */
export async function currentMonth(ctx: ServerContext, centerId: number) {
  return dateOfInstant(ctx.now(), await centerTimezone(ctx.store.db, centerId)).slice(0, 7);
}

/** Evaluations an agent or a team lead may open: their own / their teams', never calibration ones. */
async function assertCanSeeEvaluation(ctx: ServerContext, c: Caller, ev: { agentId: number; calibrationId: number | null; evaluatorId: number }) {
  const s = agentScope(c);
  if (s.kind === 'all') return;
  if (ev.calibrationId !== null) throw forbidden('calibration evaluations are visible to QA only');
  await assertCanSeeAgent(ctx, c, ev.agentId);
}

export const qualityRoutes: RouteDef[] = [
  route({
    method: 'GET',
    url: '/api/quality/templates',
    access: 'any',
    summary: 'Scorecard templates (every version; the newest is active)',
    query: z.object({ active: z.coerce.boolean().optional() }),
    handler: async ({ query, caller, ctx }) => listTemplates(ctx.store.db, await callerCenterId(ctx, caller), { activeOnly: query.active }),
  }),
  route({
    method: 'POST',
    url: '/api/quality/templates',
    access: QA_RUN,
    summary: 'Save a new version of a scorecard template (weights must add up to 100 per level)',
    body: z.object({ template: z.unknown() }),
    handler: async ({ body, caller, ctx }) => saveTemplateVersion(ctx.store.db, await callerCenterId(ctx, caller), body.template, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/quality/calls',
    access: [...QA_RUN, 'team_lead'],
    summary: 'Calls QA may evaluate (filled by the live-floor ingest, or registered by QA)',
    query: z.object({
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
      agentId: z.coerce.number().int().optional(),
      unevaluated: z.coerce.boolean().optional(),
    }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const sc = scopeFilter(caller);
      let agentIds = query.agentId ? [query.agentId] : undefined;
      if (sc.teamIds) {
        const own = await agentIdsOfTeams(ctx.store.db, sc.teamIds);
        agentIds = agentIds ? agentIds.filter((a) => own.includes(a)) : own;
      }
      return listCalls(ctx.store.db, { centerId, from: query.from, to: query.to, agentIds, unevaluated: query.unevaluated });
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/calls',
    access: [...QA_RUN, 'admin'],
    summary: 'Register calls for QA (idempotent by call id) until the live-floor ingest fills them',
    body: z.object({
      calls: z
        .array(
          z.object({
            id: z.string().trim().min(1).max(100),
            agentId: z.number().int().positive(),
            queue: z.string().trim().min(1).max(60),
            startedAt: epochMs,
            durationS: z.number().min(0),
            recordingUrl: z
              .string()
              .max(1000)
              .regex(/^https?:\/\/\S+$/i, 'expected an http(s) URL')
              .nullable()
              .optional(),
            transferred: z.boolean().optional(),
            complaint: z.boolean().optional(),
          }),
        )
        .min(1)
        .max(5000),
    }),
    handler: async ({ body, caller, ctx }) => ({ stored: await upsertCalls(ctx.store.db, await callerCenterId(ctx, caller), body.calls, ctx.now()) }),
  }),
  route({
    method: 'GET',
    url: '/api/quality/work-queue',
    access: QA_RUN,
    summary: "An evaluator's work queue (sampled calls); ?all=true for every evaluator",
    query: z.object({ all: z.coerce.boolean().optional(), done: z.coerce.boolean().optional() }),
    handler: async ({ query, caller, ctx }) =>
      listWorkQueue(ctx.store.db, await callerCenterId(ctx, caller), { evaluatorId: query.all ? undefined : caller.userId, pending: !query.done }),
  }),
  route({
    method: 'POST',
    url: '/api/quality/work-queue/generate',
    access: QA_RUN,
    summary: 'Sample calls of a period by the sampling plan (center setting quality.samplingPlan) into evaluators’ queues',
    body: z.object({ from: date, to: date, evaluatorIds: z.array(z.number().int().positive()).min(1).max(100), seed: z.string().max(100).optional() }),
    handler: async ({ body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const tz = await centerTimezone(ctx.store.db, centerId);
      const from = startOfDayMs(body.from, tz);
      const to = startOfDayMs(new Date(Date.parse(`${body.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), tz);
      return generateWorkQueue(ctx.store.db, centerId, {
        from,
        to,
        evaluatorIds: body.evaluatorIds,
        seed: body.seed ?? `${body.from}/${body.to}`,
        userId: caller.userId,
        now: ctx.now(),
      });
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/evaluations',
    access: EVALUATORS,
    summary: 'Score a call on a scorecard (the agent is notified); with calibrationId, a blind calibration score',
    body: z.object({
      callId: z.string().trim().min(1).max(100),
      templateId: z.number().int().positive(),
      answers: z.array(answer).min(1).max(500),
      timeSpentS: z.number().min(0).max(86_400),
      comment: z.string().max(4000).nullable().optional(),
      calibrationId: z.number().int().positive().nullable().optional(),
    }),
    handler: async ({ body, caller, ctx }) => {
      const r = await createEvaluation(ctx.store.db, await callerCenterId(ctx, caller), caller.userId, body, ctx.now());
      pushNotices(ctx, r.notices);
      return { id: r.id, score: r.result.score, fatal: r.result.fatal, flagged: r.result.flagged };
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/evaluations',
    access: 'any',
    summary: 'Evaluations the caller may see (agents: their own; team leads: their teams), calibration ones excluded',
    query: z.object({
      agentId: z.coerce.number().int().optional(),
      evaluatorId: z.coerce.number().int().optional(),
      fromMonth: month.optional(),
      toMonth: month.optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
    handler: async ({ query, caller, ctx }) => {
      const sc = scopeFilter(caller);
      if (query.agentId) await assertCanSeeAgent(ctx, caller, query.agentId);
      return listEvaluations(ctx.store.db, {
        centerId: await callerCenterId(ctx, caller),
        ...sc,
        ...(query.agentId ? { agentIds: [query.agentId] } : {}),
        evaluatorId: query.evaluatorId,
        fromMonth: query.fromMonth,
        toMonth: query.toMonth,
        limit: query.limit,
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/evaluations/:id',
    access: 'any',
    summary: 'One evaluation with the call, answers, comments, answer history and disputes',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      const ev = await getEvaluation(ctx.store.db, params.id, await disputeRules(ctx, await callerCenterId(ctx, caller)));
      await assertCanSeeEvaluation(ctx, caller, ev);
      return ev;
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/evaluations/:id/disputes',
    access: ['agent'],
    summary: 'The evaluated agent appeals one item with a reason, within the dispute window',
    params: idParams,
    body: z.object({ itemId: z.string().min(1).max(100), reason: z.string().max(2000) }),
    handler: async ({ params, body, caller, ctx }) => {
      if (caller.agentId == null) throw forbidden('only an agent user may dispute');
      const centerId = await callerCenterId(ctx, caller);
      const r = await openDisputeOn(ctx.store.db, {
        evaluationId: params.id,
        itemId: body.itemId,
        reason: body.reason,
        agentId: caller.agentId,
        userId: caller.userId,
        now: ctx.now(),
        rules: await disputeRules(ctx, centerId),
      });
      pushNotices(ctx, r.notices);
      return { id: r.id };
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/disputes',
    access: 'any',
    summary: 'Disputes the caller may see (agents: their own; team leads: their teams; QA: all)',
    query: z.object({ state: z.enum(['open', 'upheld', 'rejected']).optional() }),
    handler: async ({ query, caller, ctx }) =>
      listDisputes(ctx.store.db, { centerId: await callerCenterId(ctx, caller), state: query.state, ...scopeFilter(caller) }),
  }),
  route({
    method: 'POST',
    url: '/api/quality/disputes/:id/decision',
    access: DECIDERS,
    summary: 'The QA lead (or a center manager) upholds or rejects a dispute; upheld changes the item and recomputes the score',
    params: idParams,
    body: z.object({ decision: z.enum(['upheld', 'rejected']), note: z.string().max(2000).default(''), newValue: z.number().nullable().optional() }),
    handler: async ({ params, body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const d = await getDispute(ctx.store.db, params.id);
      if (!hasRole(caller, 'center_manager')) {
        const deciders = await getSetting<number[]>(ctx.store.db, centerId, DISPUTE_DECIDERS_SETTING);
        if (deciders && !deciders.includes(caller.userId))
          throw forbidden('only the QA lead (setting quality.disputeDeciders) or a center manager decides disputes');
        if (d.evaluator_id === caller.userId) throw forbidden('an evaluator does not decide disputes on their own evaluation');
      }
      const r = await decideDisputeOn(ctx.store.db, {
        disputeId: params.id,
        decision: body.decision,
        note: body.note,
        newValue: body.newValue,
        userId: caller.userId,
        now: ctx.now(),
      });
      pushNotices(ctx, r.notices);
      return { state: r.state, score: r.score, scoreBefore: r.scoreBefore };
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/evaluators',
    access: QA_RUN,
    summary: 'Users who score calls (role qa), for work queues and calibration sessions',
    handler: async ({ ctx }) => listEvaluators(ctx.store.db),
  }),
  route({
    method: 'GET',
    url: '/api/quality/calibrations',
    access: QA_RUN,
    summary: 'Calibration sessions',
    handler: async ({ caller, ctx }) => listCalibrations(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST',
    url: '/api/quality/calibrations',
    access: QA_RUN,
    summary: 'Start a calibration session: several evaluators score the same call blind',
    body: z.object({
      callId: z.string().trim().min(1).max(100),
      templateId: z.number().int().positive(),
      title: z.string().trim().min(1).max(200),
      evaluatorIds: z.array(z.number().int().positive()).max(50),
    }),
    handler: async ({ body, caller, ctx }) => ({
      id: await createCalibration(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now()),
    }),
  }),
  route({
    method: 'GET',
    url: '/api/quality/calibrations/:id',
    access: QA_RUN,
    summary: 'A calibration session: blind while open (own score only), spread per item and who deviates once closed',
    params: idParams,
    handler: async ({ params, caller, ctx }) =>
      getCalibration(ctx.store.db, params.id, caller.userId, await calibrationThresholds(ctx, await callerCenterId(ctx, caller))),
  }),
  route({
    method: 'POST',
    url: '/api/quality/calibrations/:id/close',
    access: QA_RUN,
    summary: 'Close a calibration session and reveal the scores',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await closeCalibration(ctx.store.db, params.id, caller.userId, ctx.now());
      return getCalibration(ctx.store.db, params.id, caller.userId, await calibrationThresholds(ctx, await callerCenterId(ctx, caller)));
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/library',
    access: 'any',
    summary: 'Recording library (good and instructive calls) shared with the caller’s teams',
    handler: async ({ caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const s = agentScope(caller);
      if (s.kind === 'all') return listLibrary(ctx.store.db, centerId);
      if (s.kind === 'teams') return listLibrary(ctx.store.db, centerId, { teamIds: s.teamIds });
      const team = s.agentId == null ? null : (await getAgent(ctx.store.db, s.agentId)).team_id;
      return listLibrary(ctx.store.db, centerId, { teamIds: team == null ? [] : [team] });
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/library',
    access: [...QA_RUN, 'team_lead'],
    summary: 'Tag a call as good or instructive and share it with teams (none = the whole center); team leads: calls of their teams only',
    body: z.object({
      callId: z.string().trim().min(1).max(100),
      tag: z.enum(['good', 'instructive']),
      title: z.string().trim().min(1).max(200),
      note: z.string().max(2000).default(''),
      teamIds: z.array(z.number().int().positive()).max(100).default([]),
    }),
    handler: async ({ body, caller, ctx }) => {
      // team leads publish only their own teams' calls (the REST read rule of /api/quality/calls)
      const sc = scopeFilter(caller);
      const allowed = sc.teamIds ? await agentIdsOfTeams(ctx.store.db, sc.teamIds) : sc.agentIds;
      return { id: await addToLibrary(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now(), allowed) };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/quality/library/:id',
    access: QA_RUN,
    summary: 'Remove a call from the library',
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      await removeFromLibrary(ctx.store.db, await callerCenterId(ctx, caller), params.id, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/reports',
    access: REPORT_READERS,
    summary: 'QA report: average score, fatal and non-fatal rates per month with trend lines, per agent/team/evaluator, most-failed items',
    query: z.object({
      fromMonth: month.optional(),
      toMonth: month.optional(),
      groupBy: z.enum(['agent', 'team', 'evaluator', 'month']).default('team'),
      teamId: z.coerce.number().int().optional(),
      agentId: z.coerce.number().int().optional(),
      evaluatorId: z.coerce.number().int().optional(),
    }),
    handler: async ({ query, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const toMonth = query.toMonth ?? (await currentMonth(ctx, centerId));
      const fromMonth = query.fromMonth ?? shiftMonth(toMonth, -5);
      if (fromMonth > toMonth) throw validationError('query.fromMonth', 'the report starts after it ends');
      const sc = scopeFilter(caller);
      let teamIds = query.teamId ? [query.teamId] : undefined;
      if (sc.teamIds) teamIds = (teamIds ?? sc.teamIds).filter((t) => sc.teamIds!.includes(t));
      if (query.agentId) await assertCanSeeAgent(ctx, caller, query.agentId);
      return qaReport(ctx.store.db, {
        centerId,
        fromMonth,
        toMonth,
        groupBy: query.groupBy,
        teamIds,
        agentIds: query.agentId ? [query.agentId] : undefined,
        evaluatorId: query.evaluatorId,
      });
    },
  }),
  route({
    method: 'GET',
    url: '/api/quality/coaching',
    access: 'any',
    summary: 'Coaching sessions the caller may see (agents: their own)',
    handler: async ({ caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const sc = scopeFilter(caller);
      if (sc.teamIds) {
        return listCoaching(ctx.store.db, centerId, { agentIds: await agentIdsOfTeams(ctx.store.db, sc.teamIds) });
      }
      return listCoaching(ctx.store.db, centerId, sc);
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/coaching',
    access: COACHES,
    summary: 'A coaching session from a failed item or a KPI gap: 1-to-1 correction or 1-to-many praise, with goals and a follow-up date',
    body: z.object({
      kind: z.enum(['correction', 'praise']),
      agentIds: z.array(z.number().int().positive()).min(1).max(200),
      sourceKind: z.enum(['item', 'kpi']),
      sourceKey: z.string().trim().min(1).max(100),
      evaluationId: z.number().int().positive().nullable().optional(),
      month,
      goals: z.string().trim().min(1, 'goals are required').max(4000),
      notes: z.string().max(4000).default(''),
      followUpDate: date,
    }),
    handler: async ({ body, caller, ctx }) => {
      for (const a of body.agentIds) await assertCanSeeAgent(ctx, caller, a);
      return { id: await createCoaching(ctx.store.db, await callerCenterId(ctx, caller), body, caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/quality/coaching/:id/follow-up',
    access: COACHES,
    summary: 'Follow up a coaching session: measure again and compare before / after',
    params: idParams,
    body: z.object({ note: z.string().max(4000).default('') }),
    handler: async ({ params, body, caller, ctx }) => {
      const centerId = await callerCenterId(ctx, caller);
      const c = (await listCoaching(ctx.store.db, centerId)).find((x) => x.id === params.id);
      if (!c) throw notFound(`coaching session ${params.id}`);
      for (const a of c.agents) await assertCanSeeAgent(ctx, caller, a.id);
      return followUpCoaching(ctx.store.db, centerId, params.id, body.note, caller.userId, ctx.now());
    },
  }),
];
