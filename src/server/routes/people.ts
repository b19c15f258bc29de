/**
 * People on the floor (issue 6): discipline and the team fund, attendance, mood care, employee voice,
 * training and certification, the team lead's routine, attrition. Thin: validation with zod,
 * scoping here, rules in src/core/people, SQL in src/store/people.
 */
import { z } from 'zod';
import { forbidden, notFound, validationError } from '../../core/errors';
import type { Role } from '../../core/roles';
import { defaultMoodNames } from '../../core/people';
import { defaultExamDefaults } from '../../core/people/defaults';
import { getAgent } from '../../store/org';
import { agentWithTeam, centerTimezone, localDate, peopleConfig, type Actor } from '../../store/people/common';
import * as disc from '../../store/people/discipline';
import * as mood from '../../store/people/mood';
import * as trn from '../../store/people/training';
import * as rtn from '../../store/people/routine';
import * as attr from '../../store/people/attrition';
import { agentScope, route, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { assertCanSeeAgent, callerCenterId, idParams } from './platform';
import { isoDate, isoMonth } from '../schemas';

const ADMINS: Role[] = ['admin', 'center_manager'];
const ABOVE_LEAD: Role[] = ['admin', 'center_manager', 'duty_manager'];
const LEADS_UP: Role[] = [...ABOVE_LEAD, 'team_lead'];
const TRAINERS: Role[] = ['admin', 'center_manager', 'trainer'];
/** An exam's attempts limit and cool-down (hours between two attempts). */
const examLimits = { maxAttempts: z.number().int().min(1).max(100), cooldownHours: z.number().int().min(0).max(8760) };
const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

const date = isoDate;
const month = isoMonth;
const posInt = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const instant = z.union([
  z.number().int(),
  z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO timestamp')
    .transform((s) => Date.parse(s)),
]);

const actor = (c: Caller): Actor => ({ userId: c.userId, roles: c.roles, agentId: c.agentId, ledTeamIds: c.ledTeamIds });

async function ctxInfo(ctx: ServerContext, c: Caller) {
  const centerId = await callerCenterId(ctx, c);
  const tz = await centerTimezone(ctx.store.db, centerId);
  return { centerId, tz, today: localDate(ctx.now(), tz) };
}

/** The caller's own agent (agents only), with their team. */
async function ownAgent(ctx: ServerContext, c: Caller) {
  if (c.agentId == null) throw forbidden('only agents linked to an agent record can do this');
  return agentWithTeam(ctx.store.db, c.agentId);
}

/** Teams the caller may see: undefined = all. */
async function visibleTeams(ctx: ServerContext, c: Caller): Promise<number[] | undefined> {
  const s = agentScope(c);
  if (s.kind === 'all') return undefined;
  if (s.kind === 'teams') return s.teamIds;
  if (s.agentId == null) return [];
  const a = await getAgent(ctx.store.db, s.agentId);
  return a.team_id == null ? [] : [a.team_id];
}

/** One team the caller may see: the asked one (checked) or the caller's first. */
async function pickTeam(ctx: ServerContext, c: Caller, teamId: number | undefined): Promise<number> {
  const vis = await visibleTeams(ctx, c);
  if (teamId !== undefined) {
    if (vis && !vis.includes(teamId)) throw forbidden(`team ${teamId} is not one of your teams`);
    return teamId;
  }
  if (vis) {
    if (!vis.length) throw validationError('teamId', 'you have no team');
    return vis[0]!;
  }
  const first = await ctx.store.db.selectFrom('teams').select('id').orderBy('id').executeTakeFirst();
  if (!first) throw validationError('teamId', 'there is no team yet');
  return first.id;
}

/** Teams for a scoped list: ?teamId narrowed to what the caller may see. */
async function teamFilter(ctx: ServerContext, c: Caller, teamId?: number): Promise<number[] | undefined> {
  if (teamId !== undefined) return [await pickTeam(ctx, c, teamId)];
  return visibleTeams(ctx, c);
}

const ruleSchema = z.object({
  id: text(20),
  no: z.number().int().min(1).max(9999),
  category: z.enum(['attendance', 'appearance', 'conduct', 'workstation', 'equipment', 'hygiene', 'safety', 'security', 'access', 'reception']),
  title: text(100),
  text: text(2000),
  consequence: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('contribution'), amountFen: z.number().int().min(0).max(1_000_000) }),
    z.object({ kind: z.literal('warning') }),
  ]),
  active: z.boolean(),
});

const questionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('single'),
    text: text(2000),
    options: z.array(text(500)).min(2).max(10),
    answer: z.number().int().min(0),
    points: z.number().int().min(1).max(100),
  }),
  z.object({
    kind: z.literal('multiple'),
    text: text(2000),
    options: z.array(text(500)).min(2).max(10),
    answers: z.array(z.number().int().min(0)).min(1),
    points: z.number().int().min(1).max(100),
  }),
  z.object({ kind: z.literal('true_false'), text: text(2000), answer: z.boolean(), points: z.number().int().min(1).max(100) }),
  z.object({ kind: z.literal('short'), text: text(2000), points: z.number().int().min(1).max(100) }),
]);

const surveyQuestion = z.discriminatedUnion('kind', [
  z.object({ id: text(40), kind: z.literal('single'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('multiple'), text: text(500), options: z.array(text(200)).min(2).max(20) }),
  z.object({ id: text(40), kind: z.literal('scale'), text: text(500), min: z.number().int(), max: z.number().int() }),
  z.object({ id: text(40), kind: z.literal('text'), text: text(500) }),
]);

const rangeQuery = z.object({ teamId: posInt.optional(), from: date.optional(), to: date.optional() });

export const peopleRoutes: RouteDef[] = [
  // ------------------------------------------------------------------ config
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
  route({
    method: 'POST',
    url: '/api/people/mood',
    access: ['agent'],
    summary: 'Morning check-in: a mood 1–5 (or a named mood) and an optional note, private to the lead',
    body: z.object({ mood: z.union([z.number(), z.string().max(20)]), note: z.string().max(600).optional() }),
    handler: async ({ body, caller, ctx }) => {
      const a = await ownAgent(ctx, caller);
      return mood.checkIn(ctx.store.db, a.id, body, ctx.now(), await centerTimezone(ctx.store.db, a.center_id));
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/mood/mine',
    access: ['agent'],
    summary: "The agent's own recent check-ins",
    handler: async ({ caller, ctx }) => mood.myCheckIns(ctx.store.db, (await ownAgent(ctx, caller)).id),
  }),
  route({
    method: 'GET',
    url: '/api/people/mood/board',
    access: LEADS_UP,
    summary: "The team's mood board for a day (team leads: own teams)",
    query: z.object({ teamId: posInt.optional(), date: date.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      const teamId = await pickTeam(ctx, caller, query.teamId);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return mood.teamMoodBoard(ctx.store.db, teamId, query.date ?? today, await mood.viewerOf(ctx.store.db, actor(caller)), cfg.signals);
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/mood/cycles',
    access: LEADS_UP,
    summary: 'Emotion cycles: mood by weekday and time of month, per team or agent',
    query: z.object({
      teamId: posInt.optional(),
      agentId: posInt.optional(),
      from: date.optional(),
      to: date.optional(),
      by: z.enum(['team', 'agent']).default('team'),
    }),
    handler: async ({ query, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      const from = query.from ?? `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
      const to = query.to ?? today;
      if (query.agentId) {
        await assertCanSeeAgent(ctx, caller, query.agentId);
        return mood.moodCycles(ctx.store.db, { agentIds: [query.agentId], from, to }, 'agent');
      }
      return mood.moodCycles(ctx.store.db, { teamIds: await teamFilter(ctx, caller, query.teamId), from, to }, query.by);
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/mood/prompts',
    access: LEADS_UP,
    summary: 'Care prompts for the lead (low-mood streaks …) over the last 14 days',
    query: z.object({ teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { centerId, today } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      const d = new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
      return mood.carePrompts(ctx.store.db, { teamIds: await teamFilter(ctx, caller, query.teamId), from: d, to: today }, cfg.signals);
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/notes',
    access: LEADS_UP,
    summary: 'A 1-to-1 talk log / private note, praise (shown to the team) or correction (private to the agent)',
    body: z.object({
      kind: z.enum(['lead_private', 'praise', 'correction']),
      agentId: z.number().int().positive(),
      text: text(2000),
      followUp: z.string().trim().max(1000).optional(),
      followUpOn: date.optional(),
    }),
    handler: async ({ body, caller, ctx }) => mood.addCareNote(ctx.store.db, body, actor(caller), ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/notes',
    access: 'any',
    summary: 'Care notes the caller may see (private notes never reach people without the right role)',
    query: z.object({ agentId: posInt.optional(), teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => mood.listCareNotes(ctx.store.db, actor(caller), query),
  }),
  route({
    method: 'POST',
    url: '/api/people/notes/:id/done',
    access: LEADS_UP,
    summary: "Mark a note's follow-up done (its author only)",
    params: idParams,
    handler: async ({ params, caller, ctx }) => mood.completeFollowUp(ctx.store.db, params.id, actor(caller), ctx.now()),
  }),

  // ------------------------------------------------------------------ employee voice and surveys
  route({
    method: 'POST',
    url: '/api/people/voice',
    access: 'any',
    summary: '員工之聲: a suggestion or complaint; anonymous posts store no author',
    body: z.object({
      kind: z.enum(['suggestion', 'complaint', 'praise', 'question']),
      text: z.string().max(2100),
      category: z.string().max(60).optional(),
      anonymous: z.boolean(),
    }),
    handler: async ({ body, caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      const team = caller.agentId == null ? null : ((await agentWithTeam(ctx.store.db, caller.agentId)).team_id ?? null);
      return mood.postVoice(ctx.store.db, centerId, body, actor(caller), team, ctx.now());
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/voice',
    access: 'any',
    summary: 'Employee voice posts with management replies (public to staff)',
    handler: async ({ caller, ctx }) => mood.listVoice(ctx.store.db, (await ctxInfo(ctx, caller)).centerId),
  }),
  route({
    method: 'POST',
    url: '/api/people/voice/:id/reply',
    access: ABOVE_LEAD,
    summary: 'Answer a post publicly (management)',
    params: idParams,
    body: z.object({ reply: text(2000) }),
    handler: async ({ params, body, caller, ctx }) =>
      mood.replyVoice(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, params.id, body.reply, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/surveys',
    access: ADMINS,
    summary: 'Create a satisfaction survey',
    body: z.object({ title: text(200), questions: z.array(surveyQuestion).min(1).max(50), invited: z.number().int().min(0) }),
    handler: async ({ body, caller, ctx }) => mood.createSurvey(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/surveys',
    access: 'any',
    summary: 'Surveys, and whether the caller has answered each',
    handler: async ({ caller, ctx }) => mood.listSurveys(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, caller.userId),
  }),
  route({
    method: 'POST',
    url: '/api/people/surveys/:id/answers',
    access: 'any',
    summary: 'Answer a survey once (answers are stored apart from who answered)',
    params: idParams,
    body: z.object({ answers: z.record(z.string(), z.union([z.number(), z.array(z.number()), z.string().max(2000)])) }),
    handler: async ({ params, body, caller, ctx }) => mood.answerSurvey(ctx.store.db, params.id, caller.userId, body.answers),
  }),
  route({
    method: 'GET',
    url: '/api/people/surveys/:id/results',
    access: LEADS_UP,
    summary: 'Survey results: counts per option, scale means, texts (sorted)',
    params: idParams,
    handler: async ({ params, ctx }) => mood.surveyResults(ctx.store.db, params.id),
  }),

  // ------------------------------------------------------------------ training and certification
  route({
    method: 'GET',
    url: '/api/people/courses',
    access: 'any',
    summary: 'Courses',
    handler: async ({ caller, ctx }) => trn.listCourses(ctx.store.db, (await ctxInfo(ctx, caller)).centerId),
  }),
  route({
    method: 'POST',
    url: '/api/people/courses',
    access: TRAINERS,
    summary: 'Create a course',
    body: z.object({ title: text(200), module: z.string().trim().max(100).optional(), hours: z.number().int().min(1).max(200).optional() }),
    handler: async ({ body, caller, ctx }) => trn.createCourse(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/plan',
    access: 'any',
    summary: 'The annual training plan per team (agents and leads: own teams)',
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), teamId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const { today } = await ctxInfo(ctx, caller);
      return trn.trainingPlan(ctx.store.db, query.year ?? Number(today.slice(0, 4)), await teamFilter(ctx, caller, query.teamId));
    },
  }),
  route({
    method: 'POST',
    url: '/api/people/plan',
    access: TRAINERS,
    summary: 'Plan a course for a team and month',
    body: z.object({
      teamId: z.number().int().positive(),
      year: z.number().int().min(2000).max(2100),
      month: z.number().int().min(1).max(12),
      courseId: z.number().int().positive(),
    }),
    handler: async ({ body, caller, ctx }) => trn.addPlanItem(ctx.store.db, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/sessions',
    access: STAFF,
    summary: 'Training sessions with attendance',
    handler: async ({ ctx }) => trn.listSessions(ctx.store.db),
  }),
  route({
    method: 'POST',
    url: '/api/people/sessions',
    access: TRAINERS,
    summary: 'Schedule a training session',
    body: z.object({ courseId: z.number().int().positive(), teamId: z.number().int().positive().nullable().default(null), startsAt: instant }),
    handler: async ({ body, caller, ctx }) => trn.createSession(ctx.store.db, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'PUT',
    url: '/api/people/sessions/:id/attendance',
    access: TRAINERS,
    summary: "Record a session's attendance",
    params: idParams,
    body: z.object({ attendance: z.array(z.object({ agentId: z.number().int().positive(), present: z.boolean() })).max(500) }),
    handler: async ({ params, body, caller, ctx }) => trn.recordSessionAttendance(ctx.store.db, params.id, body.attendance, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/questions',
    access: TRAINERS,
    summary: 'Question banks with answer keys (trainers only)',
    query: z.object({ bank: z.string().max(100).optional() }),
    handler: async ({ query, caller, ctx }) => ({
      banks: await trn.listBanks(ctx.store.db, (await ctxInfo(ctx, caller)).centerId),
      questions: await trn.listQuestions(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, { bank: query.bank, withAnswers: true }),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/people/questions',
    access: TRAINERS,
    summary: 'Add questions to a bank (single / multiple / true-false / short answer)',
    body: z.object({ bank: text(100), questions: z.array(questionSchema).min(1).max(500) }),
    handler: async ({ body, caller, ctx }) =>
      trn.addQuestions(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, body.bank, body.questions, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/exams',
    access: 'any',
    summary: 'Exams (without answer keys), with attempts limit and cool-down; agents also get their attempts used / left and the next start',
    handler: async ({ caller, ctx }) => trn.listExams(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, caller.agentId ?? undefined, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/exams',
    access: TRAINERS,
    summary: 'Create a timed exam from bank questions, optionally certifying a queue',
    body: z.object({
      title: text(200),
      queue: z.string().trim().max(60).nullable().optional(),
      questionIds: z.array(z.number().int().positive()).max(200),
      timeLimitMin: z.number().int().min(1).max(600),
      passPercent: z.number().int().min(1).max(100).optional(),
      graceS: z.number().int().min(0).max(600).optional(),
      multiplePolicy: z.enum(['all_or_nothing', 'partial']).optional(),
      maxAttempts: examLimits.maxAttempts.optional(),
      cooldownHours: examLimits.cooldownHours.optional(),
    }),
    handler: async ({ body, caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      return trn.createExam(
        ctx.store.db,
        centerId,
        {
          ...body,
          passPercent: body.passPercent ?? cfg.exam.passPercent,
          graceS: body.graceS ?? cfg.exam.graceS,
          multiplePolicy: body.multiplePolicy ?? cfg.exam.multiplePolicy,
          maxAttempts: body.maxAttempts ?? cfg.exam.maxAttempts ?? defaultExamDefaults.maxAttempts,
          cooldownHours: body.cooldownHours ?? cfg.exam.cooldownHours ?? defaultExamDefaults.cooldownHours,
        },
        caller.userId,
        ctx.now(),
      );
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/people/exams/:id',
    access: TRAINERS,
    summary: "Change an exam's attempts limit and cool-down (hours between attempts)",
    params: idParams,
    body: z.object({ maxAttempts: examLimits.maxAttempts.optional(), cooldownHours: examLimits.cooldownHours.optional() }),
    handler: async ({ params, body, caller, ctx }) =>
      trn.updateExamLimits(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, params.id, body, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/exams/:id/release-marks',
    access: TRAINERS,
    summary: 'Release the per-question marks of an exam to the agents (hidden until their last allowed attempt otherwise)',
    params: idParams,
    handler: async ({ params, caller, ctx }) => trn.releaseMarks(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, params.id, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/exams/:id/start',
    access: ['agent'],
    summary: 'Start an exam attempt (the clock runs from now); returns the questions without answers',
    params: idParams,
    handler: async ({ params, caller, ctx }) => trn.startAttempt(ctx.store.db, params.id, (await ownAgent(ctx, caller)).id, ctx.now()),
  }),
  route({
    method: 'POST',
    url: '/api/people/attempts/:id/submit',
    access: ['agent'],
    summary: 'Submit answers; refused after the time limit; auto-marked; a pass on a certified queue certifies',
    params: idParams,
    body: z.object({ answers: z.record(z.string(), z.union([z.number(), z.array(z.number()), z.boolean(), z.string().max(5000)])) }),
    handler: async ({ params, body, caller, ctx }) => trn.submitAttempt(ctx.store.db, params.id, (await ownAgent(ctx, caller)).id, body.answers, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/attempts/pending',
    access: TRAINERS,
    summary: 'Attempts with short answers awaiting marking',
    handler: async ({ ctx }) => trn.pendingMarking(ctx.store.db),
  }),
  route({
    method: 'POST',
    url: '/api/people/attempts/:id/marks',
    access: TRAINERS,
    summary: "A trainer's marks for short answers",
    params: idParams,
    body: z.object({ marks: z.record(z.string(), z.number()) }),
    handler: async ({ params, body, caller, ctx }) => trn.markAttempt(ctx.store.db, params.id, body.marks, caller.userId, ctx.now()),
  }),
  route({
    method: 'GET',
    url: '/api/people/attempts/:id',
    access: 'any',
    summary: "One attempt's result (agents: own, per-question marks only after the last allowed attempt or the trainer's release)",
    params: idParams,
    handler: async ({ params, caller, ctx }) => {
      const s = agentScope(caller);
      const r = await trn.attemptResult(ctx.store.db, params.id, s.kind === 'self');
      if (s.kind === 'self' && r.agentId !== s.agentId) throw notFound(`attempt ${params.id}`);
      if (s.kind === 'teams') await assertCanSeeAgent(ctx, caller, r.agentId);
      return r;
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/attempts',
    access: 'any',
    summary: 'Exam attempts the caller may see (agents: own)',
    query: z.object({ agentId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => {
      const s = agentScope(caller);
      if (s.kind === 'self') return trn.attemptsOf(ctx.store.db, s.agentId == null ? [] : [s.agentId]);
      if (query.agentId) {
        await assertCanSeeAgent(ctx, caller, query.agentId);
        return trn.attemptsOf(ctx.store.db, [query.agentId]);
      }
      if (s.kind === 'teams') return trn.attemptsOf(ctx.store.db, await agentIdsOfTeams(ctx, s.teamIds));
      return trn.attemptsOf(ctx.store.db);
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/cert-queues',
    access: 'any',
    summary: 'Queues under certification (an agent goes live on them only when certified)',
    handler: async ({ caller, ctx }) => trn.listCertQueues(ctx.store.db, (await ctxInfo(ctx, caller)).centerId),
  }),
  route({
    method: 'PUT',
    url: '/api/people/cert-queues/:queue',
    access: TRAINERS,
    summary: 'Put a queue under certification, with validity and warning days',
    params: z.object({ queue: z.string().trim().min(1).max(60) }),
    body: z.object({ validityDays: z.number().int().min(1).max(3650).optional(), warnDays: z.number().int().min(0).max(365).optional() }),
    handler: async ({ params, body, caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      const cfg = await peopleConfig(ctx.store.db, centerId);
      await trn.putCertQueue(
        ctx.store.db,
        centerId,
        { queue: params.queue, validityDays: body.validityDays ?? cfg.certification.validityDays, warnDays: body.warnDays ?? cfg.certification.warnDays },
        caller.userId,
        ctx.now(),
      );
      return { ok: true };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/people/cert-queues/:queue',
    access: TRAINERS,
    summary: 'Take a queue out of certification',
    params: z.object({ queue: z.string().trim().min(1).max(60) }),
    handler: async ({ params, caller, ctx }) => {
      await trn.removeCertQueue(ctx.store.db, (await ctxInfo(ctx, caller)).centerId, params.queue, caller.userId, ctx.now());
      return { ok: true };
    },
  }),
  route({
    method: 'GET',
    url: '/api/people/certifications',
    access: 'any',
    summary: 'Certifications the caller may see (agents: own)',
    query: z.object({ agentId: posInt.optional() }),
    handler: async ({ query, caller, ctx }) => trn.listCertifications(ctx.store.db, await agentFilter(ctx, caller, query.agentId)),
  }),
  route({
    method: 'GET',
    url: '/api/people/certifications/warnings',
    access: 'any',
    summary: 'Certifications about to lapse, and lapsed ones',
    handler: async ({ caller, ctx }) => {
      const { centerId } = await ctxInfo(ctx, caller);
      return trn.certWarnings(ctx.store.db, centerId, ctx.now(), await agentFilter(ctx, caller, undefined));
    },
  }),
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

async function agentIdsOfTeams(ctx: ServerContext, teamIds: number[]) {
  const rows = await ctx.store.db
    .selectFrom('agents')
    .select('id')
    .where('team_id', 'in', teamIds.length ? teamIds : [-1])
    .execute();
  return rows.map((r) => r.id);
}

/** Agent ids the caller may see records of (undefined = all), narrowed to one agent when asked. */
async function agentFilter(ctx: ServerContext, c: Caller, agentId: number | undefined): Promise<number[] | undefined> {
  if (agentId !== undefined) {
    await assertCanSeeAgent(ctx, c, agentId);
    return [agentId];
  }
  const s = agentScope(c);
  if (s.kind === 'self') return s.agentId == null ? [] : [s.agentId];
  if (s.kind === 'teams') return agentIdsOfTeams(ctx, s.teamIds);
  return undefined;
}
