/** Care: mood check-ins and prompts, the lead's notes, employee voice, surveys. */
import { z } from 'zod';
import { agentWithTeam, centerTimezone, peopleConfig } from '../../../store/people/common';
import * as mood from '../../../store/people/mood';
import { route, type RouteDef } from '../../route';
import { assertCanSeeAgent, idParams } from '../platform';
import { ADMINS, ABOVE_LEAD, LEADS_UP, date, posInt, text, actor, ctxInfo, ownAgent, pickTeam, teamFilter, surveyQuestion } from './common';

export const careRoutes: RouteDef[] = [
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
];
