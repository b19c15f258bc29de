/**
 * Exams (issue 13, one home per use case): the trainer creates them (defaults from the center's
 * people settings), changes (or archives) and deletes them, changes their limits and releases marks; an agent starts and submits attempts;
 * the trainer marks short answers. A pass on a certified queue certifies (in the store's transaction).
 */
import { forbidden } from '../../core/errors';
import { defaultExamDefaults } from '../../core/people/defaults';
import { peopleConfig } from '../../store/people/common';
import * as trn from '../../store/people/training';
import * as edits from '../../store/people/trainingEdits';
import * as seen from '../../store/people/trainingScope';
import type { Actor, ServiceDeps } from '../context';
import type { Body, Query } from './training';

/** The actor's own agent record (agents only). */
function ownAgentId(actor: Actor): number {
  if (actor.agentId == null) throw forbidden('only agents linked to an agent record can do this', { reason: 'role.agentOnly', params: {} });
  return actor.agentId;
}

/** The center's exams; a user with an agent record also gets where they stand at each (attempts used / left, next start). */
export const listExams = (deps: ServiceDeps, actor: Actor) => trn.listExams(deps.store.db, actor.scope.centerId, actor.agentId ?? undefined, deps.now());

/** Creates an exam; what the trainer leaves out comes from the center's exam defaults. */
export async function createExam(deps: ServiceDeps, actor: Actor, input: Body<'createExam'>) {
  const { db } = deps.store;
  const centerId = actor.scope.centerId;
  const cfg = (await peopleConfig(db, centerId)).exam;
  const exam = {
    ...input,
    passPercent: input.passPercent ?? cfg.passPercent,
    graceS: input.graceS ?? cfg.graceS,
    multiplePolicy: input.multiplePolicy ?? cfg.multiplePolicy,
    maxAttempts: input.maxAttempts ?? cfg.maxAttempts ?? defaultExamDefaults.maxAttempts,
    cooldownHours: input.cooldownHours ?? cfg.cooldownHours ?? defaultExamDefaults.cooldownHours,
  };
  return trn.createExam(db, centerId, exam, actor.userId, deps.now());
}

/** Changes an exam of the center (its marking and queue are kept once attempted: the store refuses). */
export const updateExam = (deps: ServiceDeps, actor: Actor, input: { examId: number } & Body<'updateExam'>) =>
  edits.updateExam(deps.store.db, actor.scope.centerId, input.examId, input, actor.userId, deps.now());

export const deleteExam = (deps: ServiceDeps, actor: Actor, input: { examId: number }) =>
  edits.deleteExam(deps.store.db, actor.scope.centerId, input.examId, actor.userId, deps.now());

export const releaseMarks = (deps: ServiceDeps, actor: Actor, input: { examId: number }) =>
  trn.releaseMarks(deps.store.db, actor.scope.centerId, input.examId, actor.userId, deps.now());

/** The agent starts an attempt at one of their center's exams (limits and cool-down checked by the store under a lock). */
export const startAttempt = (deps: ServiceDeps, actor: Actor, input: { examId: number }) =>
  trn.startAttempt(deps.store.db, actor.scope.centerId, input.examId, ownAgentId(actor), deps.now());

/** The agent submits their own attempt. */
export const submitAttempt = (deps: ServiceDeps, actor: Actor, input: { attemptId: number } & Body<'submitAttempt'>) =>
  trn.submitAttempt(deps.store.db, input.attemptId, ownAgentId(actor), input.answers, deps.now());

export const pendingMarking = (deps: ServiceDeps, actor: Actor) => seen.pendingMarking(deps.store.db, actor.scope);

export const markAttempt = (deps: ServiceDeps, actor: Actor, input: { attemptId: number } & Body<'markAttempt'>) =>
  trn.markAttempt(deps.store.db, actor.scope.centerId, input.attemptId, input.marks, actor.userId, deps.now());

/** One attempt in scope (else not found); an agent sees per-question marks only once allowed. */
export const attemptResult = (deps: ServiceDeps, actor: Actor, input: { attemptId: number }) => trn.attemptResult(deps.store.db, actor.scope, input.attemptId);

/** Attempts in scope; asking for an agent out of scope is refused. */
export async function listAttempts(deps: ServiceDeps, actor: Actor, input: Query<'attempts'>) {
  const { db } = deps.store;
  if (input.agentId !== undefined && !(await seen.agentInScope(db, actor.scope, input.agentId)))
    throw forbidden(`agent ${input.agentId} is not one you may see`, {
      reason: 'people.agentNotVisible',
      params: { field: 'agentId', agentId: input.agentId },
    });
  return seen.listAttempts(db, actor.scope, input.agentId);
}
