/** Care use cases: mood check-ins, the mood board, emotion cycles, care prompts, notes, employee voice, surveys. */
import { addDays, centerTimezone, peopleConfig } from '../../store/people/common';
import * as mood from '../../store/people/mood';
import { assertAgentInScope, teamInScope } from '../../store/people/scope';
import type { Actor, ServiceDeps } from '../context';
import { centerDay, ok, ownAgent, peopleActor, userOf, yearBefore, type BodyOf, type ParamsOf, type QueryOf } from './common';

/** The care prompts look back this many days (today included). */
export const PROMPT_DAYS = 14;

export async function checkIn(deps: ServiceDeps, actor: Actor, input: BodyOf<'checkIn'>) {
  const a = await ownAgent(deps, actor);
  return mood.checkIn(deps.store.db, a.id, input, deps.now(), await centerTimezone(deps.store.db, a.center_id));
}

export async function myCheckIns(deps: ServiceDeps, actor: Actor) {
  return mood.myCheckIns(deps.store.db, (await ownAgent(deps, actor)).id);
}

export async function moodBoard(deps: ServiceDeps, actor: Actor, q: QueryOf<'moodBoard'>) {
  const db = deps.store.db;
  const { centerId, today } = await centerDay(deps, actor);
  const teamId = await teamInScope(db, actor.scope, q.teamId);
  const cfg = await peopleConfig(db, centerId);
  return mood.teamMoodBoard(db, teamId, q.date ?? today, await mood.viewerOf(db, peopleActor(actor)), cfg.signals);
}

/** Emotion cycles of one agent, one team, or every team the actor sees (default: the last year). */
export async function moodCycles(deps: ServiceDeps, actor: Actor, q: QueryOf<'moodCycles'>) {
  const db = deps.store.db;
  const { today } = await centerDay(deps, actor);
  const range = { scope: actor.scope, from: q.from ?? yearBefore(today), to: q.to ?? today };
  if (q.agentId !== undefined) {
    await assertAgentInScope(db, actor.scope, q.agentId);
    return mood.moodCycles(db, { ...range, agentIds: [q.agentId] }, 'agent');
  }
  const teamIds = q.teamId === undefined ? undefined : [await teamInScope(db, actor.scope, q.teamId)];
  return mood.moodCycles(db, { ...range, teamIds }, q.by);
}

export async function carePrompts(deps: ServiceDeps, actor: Actor, q: QueryOf<'carePrompts'>) {
  const db = deps.store.db;
  const { centerId, today } = await centerDay(deps, actor);
  const cfg = await peopleConfig(db, centerId);
  const teamIds = q.teamId === undefined ? undefined : [await teamInScope(db, actor.scope, q.teamId)];
  return mood.carePrompts(db, { scope: actor.scope, teamIds, from: addDays(today, 1 - PROMPT_DAYS), to: today }, cfg.signals);
}

/** A note on an agent of the actor's center; the store keeps a team lead to their own teams. */
export async function addNote(deps: ServiceDeps, actor: Actor, input: BodyOf<'addNote'>) {
  await assertAgentInScope(deps.store.db, { kind: 'all', centerId: actor.scope.centerId }, input.agentId);
  return mood.addCareNote(deps.store.db, input, peopleActor(actor), deps.now());
}

export const notes = (deps: ServiceDeps, actor: Actor, q: QueryOf<'notes'>) => mood.listCareNotes(deps.store.db, peopleActor(actor), actor.scope.centerId, q);

export async function noteDone(deps: ServiceDeps, actor: Actor, p: ParamsOf<'noteDone'>) {
  await mood.completeFollowUp(deps.store.db, p.id, peopleActor(actor), deps.now());
  return ok;
}

// ---- employee voice and surveys ----

export async function postVoice(deps: ServiceDeps, actor: Actor, input: BodyOf<'postVoice'>) {
  const team = actor.agentId == null ? null : ((await ownAgent(deps, actor)).team_id ?? null);
  return mood.postVoice(deps.store.db, actor.scope.centerId, input, peopleActor(actor), team, deps.now());
}

export const voice = (deps: ServiceDeps, actor: Actor) => mood.listVoice(deps.store.db, actor.scope.centerId);

export async function replyVoice(deps: ServiceDeps, actor: Actor, p: ParamsOf<'replyVoice'>, input: BodyOf<'replyVoice'>) {
  await mood.replyVoice(deps.store.db, actor.scope.centerId, p.id, input.reply, userOf(actor), deps.now());
  return ok;
}

export const createSurvey = (deps: ServiceDeps, actor: Actor, input: BodyOf<'createSurvey'>) =>
  mood.createSurvey(deps.store.db, actor.scope.centerId, input, userOf(actor), deps.now());

export const updateSurvey = (deps: ServiceDeps, actor: Actor, p: ParamsOf<'updateSurvey'>, input: BodyOf<'updateSurvey'>) =>
  mood.updateSurvey(deps.store.db, actor.scope.centerId, p.id, input, userOf(actor), deps.now());

export const deleteSurvey = (deps: ServiceDeps, actor: Actor, p: ParamsOf<'deleteSurvey'>) =>
  mood.deleteSurvey(deps.store.db, actor.scope.centerId, p.id, userOf(actor), deps.now());

export const surveys = (deps: ServiceDeps, actor: Actor) => mood.listSurveys(deps.store.db, actor.scope.centerId, userOf(actor));

export async function answerSurvey(deps: ServiceDeps, actor: Actor, p: ParamsOf<'answerSurvey'>, input: BodyOf<'answerSurvey'>) {
  await mood.answerSurvey(deps.store.db, actor.scope.centerId, p.id, userOf(actor), input.answers);
  return ok;
}

export const surveyResults = (deps: ServiceDeps, actor: Actor, p: ParamsOf<'surveyResults'>) => mood.surveyResults(deps.store.db, actor.scope.centerId, p.id);
