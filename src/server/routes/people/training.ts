/** Training and certification: courses, the plan, sessions, the question bank, exams and attempts, certification queues. */
import { z } from 'zod';
import { notFound } from '../../../core/errors';
import { defaultExamDefaults } from '../../../core/people/defaults';
import { peopleConfig } from '../../../store/people/common';
import * as trn from '../../../store/people/training';
import { agentScope, route, type RouteDef } from '../../route';
import { assertCanSeeAgent, idParams } from '../platform';
import { TRAINERS, examLimits, STAFF, posInt, text, instant, ctxInfo, ownAgent, teamFilter, questionSchema, agentIdsOfTeams, agentFilter } from './common';

export const trainingRoutes: RouteDef[] = [
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
];
