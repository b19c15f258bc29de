/**
 * People → training and certification (src/server/routes/people/training.ts over
 * src/services/people/{training,exams,certification}.ts): courses, the annual plan, sessions and
 * their attendance, the question bank, timed exams with attempts and marking, queues under
 * certification, certifications and their warnings. Agents see only their own attempts and
 * certifications, team leads their teams' (applied in SQL).
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { endpoint } from './endpoint';
import { idParams, okResponse } from './atoms';

const tags = ['people'] as const;

/** Who keeps the training: courses, plan, sessions, question bank, exams, marking, certified queues. */
export const TRAINERS: Role[] = ['admin', 'center_manager', 'trainer'];
/** Everyone on the floor's staff (not agents). */
export const STAFF: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert'];

// ---- inputs ----
const posInt = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
/** A time as epoch ms or an ISO timestamp. */
const instant = z.union([
  z.number().int(),
  z
    .string()
    .refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO timestamp')
    .transform((s) => Date.parse(s)),
]);
/** An exam's attempts limit and cool-down (hours between two attempts). */
export const examLimits = { maxAttempts: z.number().int().min(1).max(100), cooldownHours: z.number().int().min(0).max(8760) };
const points = z.number().int().min(1).max(100);
export const questionInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), text: text(2000), options: z.array(text(500)).min(2).max(10), answer: z.number().int().min(0), points }),
  z.object({
    kind: z.literal('multiple'),
    text: text(2000),
    options: z.array(text(500)).min(2).max(10),
    answers: z.array(z.number().int().min(0)).min(1),
    points,
  }),
  z.object({ kind: z.literal('true_false'), text: text(2000), answer: z.boolean(), points }),
  z.object({ kind: z.literal('short'), text: text(2000), points }),
]);
/** An answer as the agent gives it: an option position, positions, true/false or a text. */
const answerInput = z.union([z.number(), z.array(z.number()), z.boolean(), z.string().max(5000)]);
const queueParams = z.object({ queue: z.string().trim().min(1).max(60) });

// ---- wire types ----
export const course = z.object({
  id: z.number(),
  center_id: z.number(),
  title: z.string(),
  module: z.string().nullable(),
  hours: z.number(),
  created_at: z.number(),
  /** Set once archived: kept for its sessions, offered to no new plan item or session. */
  archived_at: z.number().nullable(),
});
export const planItem = z.object({
  id: z.number(),
  team_id: z.number(),
  year: z.number(),
  month: z.number(),
  course_id: z.number(),
  title: z.string(),
  module: z.string().nullable(),
  hours: z.number(),
});
/** A session with the agents marked present and absent (those the caller may see). */
export const trainingSession = z.object({
  id: z.number(),
  course_id: z.number(),
  title: z.string(),
  team_id: z.number().nullable(),
  starts_at: z.number(),
  present: z.array(z.number()),
  absent: z.array(z.number()),
});
/** A bank question as an agent sees it (no answer key); kind is single / multiple / true_false / short. */
export const examQuestion = z.object({
  id: z.number(),
  bank: z.string(),
  kind: z.string(),
  text: z.string(),
  options: z.array(z.string()).nullable(),
  points: z.number(),
});
/** The same with its answer key (option index, indexes or true/false; null for short answers). */
export const bankQuestion = examQuestion.extend({ answer: z.unknown(), archived: z.boolean() });
export const exam = z.object({
  id: z.number(),
  title: z.string(),
  queue: z.string().nullable(),
  questionIds: z.array(z.number()),
  timeLimitMin: z.number(),
  passPercent: z.number(),
  graceS: z.number(),
  multiplePolicy: z.string(),
  maxAttempts: z.number(),
  cooldownHours: z.number(),
  marksReleased: z.boolean(),
  /** Archived: hidden from agents, cannot be started. */
  archived: z.boolean(),
  /** For an agent: attempts used and left, and when the next may start (null = now). */
  attemptsUsed: z.number().optional(),
  attemptsLeft: z.number().optional(),
  nextAttemptAt: z.number().nullable().optional(),
});
export type Exam = z.infer<typeof exam>;
export const startedAttempt = z.object({
  attemptId: z.number(),
  examId: z.number(),
  title: z.string(),
  startedAt: z.number(),
  deadline: z.number(),
  timeLimitMin: z.number(),
  attemptNo: z.number(),
  maxAttempts: z.number(),
  attemptsLeft: z.number(),
  /** In this attempt's order, options shuffled: answers give positions as shown. */
  questions: z.array(examQuestion),
});
export type StartedAttempt = z.infer<typeof startedAttempt>;
export const questionMark = z.object({ questionId: z.string(), points: z.number(), max: z.number(), awarded: z.number().nullable() });
const examStatus = z.enum(['pending_manual', 'passed', 'failed']);
/** The core's marking of a submission (src/core/people/training.ts ExamResult). */
export const examResult = z.object({
  examId: z.string(),
  agentId: z.string(),
  submittedAt: z.string(),
  marks: z.array(questionMark),
  max: z.number(),
  score: z.number(),
  pendingManual: z.array(z.string()),
  percent: z.number().nullable(),
  status: examStatus,
  passPercent: z.number(),
});
export const issuedCertification = z.object({ id: z.number(), queue: z.string(), validUntil: z.number() });
/** An agent's submission: per-question marks only after their last allowed attempt or the trainer's release. */
export const submittedAttempt = examResult.extend({
  attemptId: z.number(),
  marks: z.array(questionMark).optional(),
  marksHidden: z.boolean(),
  certification: issuedCertification.nullable(),
  attemptsLeft: z.number(),
  nextAttemptAt: z.number().nullable(),
});
export type SubmittedAttempt = z.infer<typeof submittedAttempt>;
/** One attempt; the result's fields once submitted (marks hidden from the agent as on submission). */
export const attemptDetail = z.object({
  attemptId: z.number(),
  examId: z.number(),
  agentId: z.number(),
  title: z.string(),
  status: z.string(),
  startedAt: z.number(),
  submittedAt: z.number().nullable(),
  percent: z.number().nullable(),
  marksHidden: z.boolean(),
  marks: z.array(questionMark).optional(),
  max: z.number().optional(),
  score: z.number().optional(),
  pendingManual: z.array(z.string()).optional(),
  passPercent: z.number().optional(),
});
export const pendingAttempt = z.object({
  id: z.number(),
  exam_id: z.number(),
  title: z.string(),
  agent_id: z.number(),
  agent_name: z.string(),
  answers: z.record(z.string(), z.union([z.number(), z.array(z.number()).readonly(), z.boolean(), z.string()])),
  result: examResult.nullable(),
  submitted_at: z.number().nullable(),
});
export const markedAttempt = examResult.extend({ attemptId: z.number(), certification: issuedCertification.nullable() });
export const attemptRow = z.object({
  id: z.number(),
  exam_id: z.number(),
  title: z.string(),
  queue: z.string().nullable(),
  agent_id: z.number(),
  started_at: z.number(),
  submitted_at: z.number().nullable(),
  status: z.string(),
  percent: z.number().nullable(),
});
export const certQueue = z.object({ queue: z.string(), validity_days: z.number(), warn_days: z.number() });
export const certification = z.object({
  id: z.number(),
  agent_id: z.number(),
  agent_name: z.string(),
  team_id: z.number().nullable(),
  queue: z.string(),
  exam_id: z.number(),
  passed_at: z.number(),
  valid_until: z.number(),
  percent: z.number(),
});
export const certWarning = z.object({
  agentId: z.number(),
  agentName: z.string(),
  teamId: z.number().nullable(),
  queueId: z.string(),
  validUntil: z.string(),
  /** Whole days left (rounded down); negative once lapsed. */
  daysLeft: z.number(),
  status: z.enum(['expiring', 'expired']),
});
const created = z.object({ id: z.number() });
const courseFields = { title: text(200), module: z.string().trim().max(100), hours: z.number().int().min(1).max(200) };
const planFields = {
  teamId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
  courseId: z.number().int().positive(),
};
const examFields = {
  title: text(200),
  queue: z.string().trim().max(60).nullable(),
  questionIds: z.array(z.number().int().positive()).max(200),
  timeLimitMin: z.number().int().min(1).max(600),
  passPercent: z.number().int().min(1).max(100),
  graceS: z.number().int().min(0).max(600),
  multiplePolicy: z.enum(['all_or_nothing', 'partial']),
  ...examLimits,
};

export const training = {
  courses: endpoint({ method: 'GET', path: '/api/people/courses', access: 'any', summary: 'Courses', tags, response: z.array(course) }),
  createCourse: endpoint({
    method: 'POST',
    path: '/api/people/courses',
    access: TRAINERS,
    summary: 'Create a course',
    tags,
    body: z.object({ title: courseFields.title, module: courseFields.module.optional(), hours: courseFields.hours.optional() }),
    response: created,
  }),
  updateCourse: endpoint({
    method: 'PATCH',
    path: '/api/people/courses/:id',
    access: TRAINERS,
    summary: 'Change a course, or archive it (an archived course is offered to no new plan item or session)',
    tags,
    params: idParams,
    body: z.object({ ...courseFields, archived: z.boolean() }).partial(),
    response: course.omit({ center_id: true, created_at: true }),
  }),
  deleteCourse: endpoint({
    method: 'DELETE',
    path: '/api/people/courses/:id',
    access: TRAINERS,
    summary: 'Delete a course and its plan items (refused once it has sessions: archive it)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  plan: endpoint({
    method: 'GET',
    path: '/api/people/plan',
    access: 'any',
    summary: 'The annual training plan per team (agents and leads: own teams)',
    tags,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), teamId: posInt.optional() }),
    response: z.array(planItem),
  }),
  addPlanItem: endpoint({
    method: 'POST',
    path: '/api/people/plan',
    access: TRAINERS,
    summary: 'Plan a course for a team and month',
    tags,
    body: z.object(planFields),
    response: created,
  }),
  updatePlanItem: endpoint({
    method: 'PATCH',
    path: '/api/people/plan/:id',
    access: TRAINERS,
    summary: 'Move a plan item to another team, month or course',
    tags,
    params: idParams,
    body: z.object(planFields).partial(),
    response: okResponse,
  }),
  deletePlanItem: endpoint({
    method: 'DELETE',
    path: '/api/people/plan/:id',
    access: TRAINERS,
    summary: 'Take a course out of the plan',
    tags,
    params: idParams,
    response: okResponse,
  }),
  sessions: endpoint({
    method: 'GET',
    path: '/api/people/sessions',
    access: STAFF,
    summary: 'Training sessions with attendance',
    tags,
    response: z.array(trainingSession),
  }),
  createSession: endpoint({
    method: 'POST',
    path: '/api/people/sessions',
    access: TRAINERS,
    summary: 'Schedule a training session',
    tags,
    body: z.object({ courseId: z.number().int().positive(), teamId: z.number().int().positive().nullable().default(null), startsAt: instant }),
    response: created,
  }),
  updateSession: endpoint({
    method: 'PATCH',
    path: '/api/people/sessions/:id',
    access: TRAINERS,
    summary: "Change a session's course, team or start",
    tags,
    params: idParams,
    body: z.object({ courseId: z.number().int().positive(), teamId: z.number().int().positive().nullable(), startsAt: instant }).partial(),
    response: okResponse,
  }),
  deleteSession: endpoint({
    method: 'DELETE',
    path: '/api/people/sessions/:id',
    access: TRAINERS,
    summary: 'Delete a session (refused once attendance is recorded)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  sessionAttendance: endpoint({
    method: 'PUT',
    path: '/api/people/sessions/:id/attendance',
    access: TRAINERS,
    summary: "Record a session's attendance",
    tags,
    params: idParams,
    body: z.object({ attendance: z.array(z.object({ agentId: z.number().int().positive(), present: z.boolean() })).max(500) }),
    response: okResponse,
  }),
  questions: endpoint({
    method: 'GET',
    path: '/api/people/questions',
    access: TRAINERS,
    summary: 'Question banks with answer keys (trainers only)',
    tags,
    query: z.object({ bank: z.string().max(100).optional() }),
    response: z.object({ banks: z.array(z.object({ bank: z.string(), questions: z.number() })), questions: z.array(bankQuestion) }),
  }),
  addQuestions: endpoint({
    method: 'POST',
    path: '/api/people/questions',
    access: TRAINERS,
    summary: 'Add questions to a bank (single / multiple / true-false / short answer)',
    tags,
    body: z.object({ bank: text(100), questions: z.array(questionInput).min(1).max(500) }),
    response: z.object({ ids: z.array(z.number()) }),
  }),
  updateQuestion: endpoint({
    method: 'PATCH',
    path: '/api/people/questions/:id',
    access: TRAINERS,
    summary: "Change a question's bank or content, or archive it (content kept once an attempted exam asks it; archived: no new exam takes it)",
    tags,
    params: idParams,
    body: z.object({ bank: text(100), question: questionInput, archived: z.boolean() }).partial(),
    response: okResponse,
  }),
  deleteQuestion: endpoint({
    method: 'DELETE',
    path: '/api/people/questions/:id',
    access: TRAINERS,
    summary: 'Delete a question no exam asks (asked by an exam with attempts: archive it)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  exams: endpoint({
    method: 'GET',
    path: '/api/people/exams',
    access: 'any',
    summary: 'Exams (without answer keys), with attempts limit and cool-down; agents also get their attempts used / left and the next start',
    tags,
    response: z.array(exam),
  }),
  createExam: endpoint({
    method: 'POST',
    path: '/api/people/exams',
    access: TRAINERS,
    summary: 'Create a timed exam from bank questions, optionally certifying a queue',
    tags,
    body: z.object(examFields).partial().required({ title: true, questionIds: true, timeLimitMin: true }),
    response: created,
  }),
  updateExam: endpoint({
    method: 'PATCH',
    path: '/api/people/exams/:id',
    access: TRAINERS,
    summary:
      'Change an exam, its attempts limit and cool-down (hours between attempts), or archive it; once attempted its questions, pass mark, policy and queue are kept',
    tags,
    params: idParams,
    body: z.object({ ...examFields, archived: z.boolean() }).partial(),
    response: z.object({ id: z.number(), maxAttempts: z.number(), cooldownHours: z.number() }),
  }),
  deleteExam: endpoint({
    method: 'DELETE',
    path: '/api/people/exams/:id',
    access: TRAINERS,
    summary: 'Delete an exam nobody has attempted (with attempts: archive it)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  releaseMarks: endpoint({
    method: 'POST',
    path: '/api/people/exams/:id/release-marks',
    access: TRAINERS,
    summary: 'Release the per-question marks of an exam to the agents (hidden until their last allowed attempt otherwise)',
    tags,
    params: idParams,
    response: z.object({ id: z.number(), marksReleased: z.literal(true) }),
  }),
  startAttempt: endpoint({
    method: 'POST',
    path: '/api/people/exams/:id/start',
    access: ['agent'],
    summary: 'Start an exam attempt (the clock runs from now); returns the questions without answers',
    tags,
    params: idParams,
    response: startedAttempt,
  }),
  submitAttempt: endpoint({
    method: 'POST',
    path: '/api/people/attempts/:id/submit',
    access: ['agent'],
    summary: 'Submit answers; refused after the time limit; auto-marked; a pass on a certified queue certifies',
    tags,
    params: idParams,
    body: z.object({ answers: z.record(z.string(), answerInput) }),
    response: submittedAttempt,
  }),
  pendingMarking: endpoint({
    method: 'GET',
    path: '/api/people/attempts/pending',
    access: TRAINERS,
    summary: 'Attempts with short answers awaiting marking',
    tags,
    response: z.array(pendingAttempt),
  }),
  markAttempt: endpoint({
    method: 'POST',
    path: '/api/people/attempts/:id/marks',
    access: TRAINERS,
    summary: "A trainer's marks for short answers",
    tags,
    params: idParams,
    body: z.object({ marks: z.record(z.string(), z.number()) }),
    response: markedAttempt,
  }),
  attempt: endpoint({
    method: 'GET',
    path: '/api/people/attempts/:id',
    access: 'any',
    summary: "One attempt's result (agents: own, per-question marks only after the last allowed attempt or the trainer's release)",
    tags,
    params: idParams,
    response: attemptDetail,
  }),
  attempts: endpoint({
    method: 'GET',
    path: '/api/people/attempts',
    access: 'any',
    summary: 'Exam attempts the caller may see (agents: own)',
    tags,
    query: z.object({ agentId: posInt.optional() }),
    response: z.array(attemptRow),
  }),
  certQueues: endpoint({
    method: 'GET',
    path: '/api/people/cert-queues',
    access: 'any',
    summary: 'Queues under certification (an agent goes live on them only when certified)',
    tags,
    response: z.array(certQueue),
  }),
  putCertQueue: endpoint({
    method: 'PUT',
    path: '/api/people/cert-queues/:queue',
    access: TRAINERS,
    summary: 'Put a queue under certification, with validity and warning days',
    tags,
    params: queueParams,
    body: z.object({ validityDays: z.number().int().min(1).max(3650).optional(), warnDays: z.number().int().min(0).max(365).optional() }),
    response: okResponse,
  }),
  removeCertQueue: endpoint({
    method: 'DELETE',
    path: '/api/people/cert-queues/:queue',
    access: TRAINERS,
    summary: 'Take a queue out of certification',
    tags,
    params: queueParams,
    response: okResponse,
  }),
  certifications: endpoint({
    method: 'GET',
    path: '/api/people/certifications',
    access: 'any',
    summary: 'Certifications the caller may see (agents: own)',
    tags,
    query: z.object({ agentId: posInt.optional() }),
    response: z.array(certification),
  }),
  certWarnings: endpoint({
    method: 'GET',
    path: '/api/people/certifications/warnings',
    access: 'any',
    summary: 'Certifications about to lapse, and lapsed ones',
    tags,
    response: z.array(certWarning),
  }),
};
