/**
 * Training and certification over HTTP (issue 13): each route implements its contract entry
 * (src/contract/peopleTraining.ts) and makes one call to its use case (src/services/people/
 * training.ts, exams.ts, certification.ts) with the caller's actor (center and scope).
 */
import { training as api } from '../../../contract/peopleTraining';
import * as certs from '../../../services/people/certification';
import * as exams from '../../../services/people/exams';
import * as trn from '../../../services/people/training';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const trainingRoutes: RouteDef[] = [
  implement(api.courses, async ({ caller, ctx }) => trn.listCourses(depsOf(ctx), actorOf(caller))),
  implement(api.createCourse, async ({ body, caller, ctx }) => trn.createCourse(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateCourse, async ({ params, body, caller, ctx }) => trn.updateCourse(depsOf(ctx), actorOf(caller), { id: params.id, ...body })),
  implement(api.deleteCourse, async ({ params, caller, ctx }) => trn.deleteCourse(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.plan, async ({ query, caller, ctx }) => trn.trainingPlan(depsOf(ctx), actorOf(caller), query)),
  implement(api.addPlanItem, async ({ body, caller, ctx }) => trn.addPlanItem(depsOf(ctx), actorOf(caller), body)),
  implement(api.updatePlanItem, async ({ params, body, caller, ctx }) => trn.updatePlanItem(depsOf(ctx), actorOf(caller), { id: params.id, ...body })),
  implement(api.deletePlanItem, async ({ params, caller, ctx }) => trn.deletePlanItem(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.sessions, async ({ caller, ctx }) => trn.listSessions(depsOf(ctx), actorOf(caller))),
  implement(api.createSession, async ({ body, caller, ctx }) => trn.createSession(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateSession, async ({ params, body, caller, ctx }) => trn.updateSession(depsOf(ctx), actorOf(caller), { id: params.id, ...body })),
  implement(api.deleteSession, async ({ params, caller, ctx }) => trn.deleteSession(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.sessionAttendance, async ({ params, body, caller, ctx }) =>
    trn.recordSessionAttendance(depsOf(ctx), actorOf(caller), { sessionId: params.id, ...body }),
  ),
  implement(api.questions, async ({ query, caller, ctx }) => trn.questionBank(depsOf(ctx), actorOf(caller), query)),
  implement(api.addQuestions, async ({ body, caller, ctx }) => trn.addQuestions(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateQuestion, async ({ params, body, caller, ctx }) => trn.updateQuestion(depsOf(ctx), actorOf(caller), { id: params.id, ...body })),
  implement(api.deleteQuestion, async ({ params, caller, ctx }) => trn.deleteQuestion(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.exams, async ({ caller, ctx }) => exams.listExams(depsOf(ctx), actorOf(caller))),
  implement(api.createExam, async ({ body, caller, ctx }) => exams.createExam(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateExam, async ({ params, body, caller, ctx }) => exams.updateExam(depsOf(ctx), actorOf(caller), { examId: params.id, ...body })),
  implement(api.deleteExam, async ({ params, caller, ctx }) => exams.deleteExam(depsOf(ctx), actorOf(caller), { examId: params.id })),
  implement(api.releaseMarks, async ({ params, caller, ctx }) => exams.releaseMarks(depsOf(ctx), actorOf(caller), { examId: params.id })),
  implement(api.startAttempt, async ({ params, caller, ctx }) => exams.startAttempt(depsOf(ctx), actorOf(caller), { examId: params.id })),
  implement(api.submitAttempt, async ({ params, body, caller, ctx }) => exams.submitAttempt(depsOf(ctx), actorOf(caller), { attemptId: params.id, ...body })),
  implement(api.pendingMarking, async ({ caller, ctx }) => exams.pendingMarking(depsOf(ctx), actorOf(caller))),
  implement(api.markAttempt, async ({ params, body, caller, ctx }) => exams.markAttempt(depsOf(ctx), actorOf(caller), { attemptId: params.id, ...body })),
  implement(api.attempt, async ({ params, caller, ctx }) => exams.attemptResult(depsOf(ctx), actorOf(caller), { attemptId: params.id })),
  implement(api.attempts, async ({ query, caller, ctx }) => exams.listAttempts(depsOf(ctx), actorOf(caller), query)),
  implement(api.certQueues, async ({ caller, ctx }) => certs.listCertQueues(depsOf(ctx), actorOf(caller))),
  implement(api.putCertQueue, async ({ params, body, caller, ctx }) => certs.putCertQueue(depsOf(ctx), actorOf(caller), { queue: params.queue, ...body })),
  implement(api.removeCertQueue, async ({ params, caller, ctx }) => certs.removeCertQueue(depsOf(ctx), actorOf(caller), { queue: params.queue })),
  implement(api.certifications, async ({ query, caller, ctx }) => certs.listCertifications(depsOf(ctx), actorOf(caller), query)),
  implement(api.certWarnings, async ({ caller, ctx }) => certs.certWarnings(depsOf(ctx), actorOf(caller))),
];
