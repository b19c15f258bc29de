/**
 * Training (issue 13, one home per use case): courses, the annual plan, sessions and their attendance,
 * the question bank — created, changed (or archived) and deleted (what is kept once used: the store's
 * trainingEdits.ts). Exams and attempts are in exams.ts, certification in certification.ts.
 * The caller's center and scope come from the actor; the store applies the scope in SQL.
 */
import type { ParsedBody, ParsedQuery } from '../../contract/endpoint';
import type { training as api } from '../../contract/peopleTraining';
import { centerTimezone, localDate } from '../../store/people/common';
import * as trn from '../../store/people/training';
import * as edits from '../../store/people/trainingEdits';
import * as seen from '../../store/people/trainingScope';
import type { Actor, ServiceDeps } from '../context';
import { teamInScope } from '../../store/people/scope';

/** What an endpoint's body / query is once parsed: the use case's input. */
export type Body<K extends keyof typeof api> = ParsedBody<(typeof api)[K]>;
export type Query<K extends keyof typeof api> = ParsedQuery<(typeof api)[K]>;

export const listCourses = (deps: ServiceDeps, actor: Actor) => trn.listCourses(deps.store.db, actor.scope.centerId);

export const createCourse = (deps: ServiceDeps, actor: Actor, input: Body<'createCourse'>) =>
  trn.createCourse(deps.store.db, actor.scope.centerId, input, actor.userId, deps.now());

/** The plan of a year (default: the center's current year) for the teams in scope; a named team out of scope is refused. */
export async function trainingPlan(deps: ServiceDeps, actor: Actor, input: Query<'plan'>) {
  const db = deps.store.db;
  if (input.teamId !== undefined) await teamInScope(db, actor.scope, input.teamId);
  const year = input.year ?? Number(localDate(deps.now(), await centerTimezone(db, actor.scope.centerId)).slice(0, 4));
  return seen.trainingPlan(db, actor.scope, year, input.teamId);
}

export const addPlanItem = (deps: ServiceDeps, actor: Actor, input: Body<'addPlanItem'>) =>
  trn.addPlanItem(deps.store.db, actor.scope.centerId, input, actor.userId, deps.now());

export const listSessions = (deps: ServiceDeps, actor: Actor) => seen.listSessions(deps.store.db, actor.scope);

export const createSession = (deps: ServiceDeps, actor: Actor, input: Body<'createSession'>) =>
  trn.createSession(deps.store.db, actor.scope.centerId, input, actor.userId, deps.now());

export async function recordSessionAttendance(deps: ServiceDeps, actor: Actor, input: { sessionId: number } & Body<'sessionAttendance'>) {
  await trn.recordSessionAttendance(deps.store.db, actor.scope.centerId, input.sessionId, input.attendance, actor.userId, deps.now());
  return { ok: true as const };
}

/** The center's question banks and their questions with the answer keys (trainers). */
export async function questionBank(deps: ServiceDeps, actor: Actor, input: Query<'questions'>) {
  const { db } = deps.store;
  const centerId = actor.scope.centerId;
  return {
    banks: await trn.listBanks(db, centerId),
    questions: (await trn.listQuestions(db, centerId, { bank: input.bank, withAnswers: true })).map((q) => ({ ...q, answer: 'answer' in q ? q.answer : null })),
  };
}

export const addQuestions = (deps: ServiceDeps, actor: Actor, input: Body<'addQuestions'>) =>
  trn.addQuestions(deps.store.db, actor.scope.centerId, input.bank, input.questions, actor.userId, deps.now());

/** What an edit of one record takes: its id (from the path) and the endpoint's body. */
type Edit<K extends keyof typeof api> = { id: number } & Body<K>;

export const updateCourse = (deps: ServiceDeps, actor: Actor, { id, ...p }: Edit<'updateCourse'>) =>
  edits.updateCourse(deps.store.db, actor.scope.centerId, id, p, actor.userId, deps.now());

export const deleteCourse = (deps: ServiceDeps, actor: Actor, id: number) =>
  edits.deleteCourse(deps.store.db, actor.scope.centerId, id, actor.userId, deps.now());

export const updatePlanItem = (deps: ServiceDeps, actor: Actor, { id, ...p }: Edit<'updatePlanItem'>) =>
  edits.updatePlanItem(deps.store.db, actor.scope.centerId, id, p, actor.userId, deps.now());

export const deletePlanItem = (deps: ServiceDeps, actor: Actor, id: number) =>
  edits.deletePlanItem(deps.store.db, actor.scope.centerId, id, actor.userId, deps.now());

export const updateSession = (deps: ServiceDeps, actor: Actor, { id, ...p }: Edit<'updateSession'>) =>
  edits.updateSession(deps.store.db, actor.scope.centerId, id, p, actor.userId, deps.now());

export const deleteSession = (deps: ServiceDeps, actor: Actor, id: number) =>
  edits.deleteSession(deps.store.db, actor.scope.centerId, id, actor.userId, deps.now());

export const updateQuestion = (deps: ServiceDeps, actor: Actor, { id, ...p }: Edit<'updateQuestion'>) =>
  edits.updateQuestion(deps.store.db, actor.scope.centerId, id, p, actor.userId, deps.now());

export const deleteQuestion = (deps: ServiceDeps, actor: Actor, id: number) =>
  edits.deleteQuestion(deps.store.db, actor.scope.centerId, id, actor.userId, deps.now());
