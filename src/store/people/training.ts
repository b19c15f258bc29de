/** Training and certification: courses, plans, sessions, question banks, timed exams, queue certification, the go-live gate. */
import { qaAverages } from '../quality/evaluations';
import { DomainError, notFound, validationError } from '../../core/errors';
import {
  applyTrainerMarks,
  assertMayStart,
  attemptLayout,
  attemptState,
  canGoLive,
  certify,
  markSubmission,
  marksVisible,
  skillLevel,
  tenureMonths,
  unshuffleAnswers,
  type Answer,
  type AttemptLimits,
  type Certification,
  type ExamResult,
  type MultiplePolicy,
  type Question,
  type SkillLevelCriteria,
} from '../../core/people';
import { audit } from '../audit';
import { lockRow, withTx } from '../db';
import { inScope, type Scope } from '../scope';
import { PeopleError } from '../../core/people/errors';
import { defaultExamDefaults } from '../../core/people/defaults';
import { uniqueAs } from '../errors';
import { agentMissing, agentWithTeam, core, iso, localDate, parseJson, toDomain, type Db } from './common';

// ---------------------------------------------------------------- courses, plan, sessions

export async function createCourse(db: Db, centerId: number, c: { title: string; module?: string; hours?: number }, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('people_courses')
      .values({ center_id: centerId, title: c.title, module: c.module ?? null, hours: c.hours ?? 1, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.course.create', entity: 'course', entityId: row.id, detail: c });
    return { id: row.id };
  });
}

export const listCourses = (db: Db, centerId: number) => db.selectFrom('people_courses').selectAll().where('center_id', '=', centerId).orderBy('id').execute();

/** Plans a course for a team and month; the course and the team must be the center's. */
export async function addPlanItem(
  db: Db,
  centerId: number,
  p: { teamId: number; year: number; month: number; courseId: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    await courseOf(tx, centerId, p.courseId);
    await teamOf(tx, centerId, p.teamId);
    const row = await uniqueAs('courseId', 'this course is already planned for that team and month', () =>
      tx
        .insertInto('people_training_plan')
        .values({ team_id: p.teamId, year: p.year, month: p.month, course_id: p.courseId })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    await audit(tx, { at: now, userId, action: 'people.plan.add', entity: 'team', entityId: p.teamId, detail: p });
    return { id: row.id };
  });
}

/** A team of the center, or the refusal naming teamId. */
export async function teamOf(tx: Db, centerId: number, teamId: number) {
  const t = await tx.selectFrom('teams').select('id').where('id', '=', teamId).where('center_id', '=', centerId).executeTakeFirst();
  if (!t) throw validationError('teamId', `team ${teamId} does not exist`, { reason: 'people.teamMissing', params: { teamId } });
}

/** A session of one of the center's courses (another center's is not found). */
export async function sessionRow(tx: Db, centerId: number, id: number) {
  const s = await tx
    .selectFrom('people_sessions as s')
    .innerJoin('people_courses as c', 'c.id', 's.course_id')
    .selectAll('s')
    .where('s.id', '=', id)
    .where('c.center_id', '=', centerId)
    .executeTakeFirst();
  if (!s) throw notFound('session', id);
  return s;
}

/** A course of the center that is not archived (new plans and sessions take only those), or the refusal naming courseId. */
export async function courseOf(tx: Db, centerId: number, courseId: number) {
  const c = await tx
    .selectFrom('people_courses')
    .select(['id', 'title', 'archived_at'])
    .where('id', '=', courseId)
    .where('center_id', '=', centerId)
    .executeTakeFirst();
  if (!c) throw validationError('courseId', `course ${courseId} does not exist`, { reason: 'people.courseMissing', params: { courseId } });
  if (c.archived_at != null)
    throw validationError('courseId', `course "${c.title}" is archived`, { reason: 'people.courseArchived', params: { title: c.title } });
  return c;
}

/** Schedules a session of one of the center's courses, for one of its teams or for all (team null). */
export async function createSession(
  db: Db,
  centerId: number,
  s: { courseId: number; teamId: number | null; startsAt: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    await courseOf(tx, centerId, s.courseId);
    if (s.teamId != null) await teamOf(tx, centerId, s.teamId);
    const row = await tx
      .insertInto('people_sessions')
      .values({ course_id: s.courseId, team_id: s.teamId, starts_at: s.startsAt, trainer_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.session.create', entity: 'session', entityId: row.id, detail: s });
    return { id: row.id };
  });
}

/** Records who attended a session of the center (its agents only). */
export async function recordSessionAttendance(
  db: Db,
  centerId: number,
  sessionId: number,
  rows: { agentId: number; present: boolean }[],
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    await sessionRow(tx, centerId, sessionId);
    for (const [i, r] of rows.entries()) {
      const a = await agentWithTeam(tx, r.agentId, `attendance[${i}].agentId`);
      if (a.center_id !== centerId) throw agentMissing(`attendance.${i}.agentId`, r.agentId);
      await tx.deleteFrom('people_session_attendance').where('session_id', '=', sessionId).where('agent_id', '=', r.agentId).execute();
      await tx
        .insertInto('people_session_attendance')
        .values({ session_id: sessionId, agent_id: r.agentId, present: r.present ? 1 : 0 })
        .execute();
    }
    await audit(tx, { at: now, userId, action: 'people.session.attendance', entity: 'session', entityId: sessionId, detail: rows });
  });
}

// ---------------------------------------------------------------- question banks and exams

export type QuestionIn =
  | { kind: 'single'; text: string; options: string[]; answer: number; points: number }
  | { kind: 'multiple'; text: string; options: string[]; answers: number[]; points: number }
  | { kind: 'true_false'; text: string; answer: boolean; points: number }
  | { kind: 'short'; text: string; points: number };

/** A question's answer key must name its own options; `at` is the field the form names it by (`questions.0`). */
export function checkQuestion(q: QuestionIn, at: string) {
  if (q.kind === 'single' && (q.answer < 0 || q.answer >= q.options.length))
    throw validationError(`${at}.answer`, `must be an option index 0–${q.options.length - 1}`, {
      reason: 'people.answerNotAnOption',
      params: { options: q.options.length },
    });
  if (q.kind === 'multiple' && (!q.answers.length || q.answers.some((a) => a < 0 || a >= q.options.length)))
    throw validationError(`${at}.answers`, `must be option indexes 0–${q.options.length - 1}`, {
      reason: 'people.answerNotAnOption',
      params: { options: q.options.length },
    });
}

/** A question as stored: kind, text, options and answer key as JSON, points. */
export function questionColumns(q: QuestionIn) {
  const answer = q.kind === 'single' ? q.answer : q.kind === 'multiple' ? q.answers : q.kind === 'true_false' ? q.answer : null;
  return {
    kind: q.kind,
    text: q.text,
    options: 'options' in q ? JSON.stringify(q.options) : null,
    answer: answer === null ? null : JSON.stringify(answer),
    points: q.points,
  };
}

export async function addQuestions(db: Db, centerId: number, bank: string, qs: QuestionIn[], userId: number | null, now: number) {
  qs.forEach((q, i) => checkQuestion(q, `questions.${i}`));
  return withTx(db, async (tx) => {
    const ids: number[] = [];
    for (const q of qs) {
      const row = await tx
        .insertInto('people_questions')
        .values({ center_id: centerId, bank, ...questionColumns(q) })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await audit(tx, { at: now, userId, action: 'people.questions.add', entity: 'question_bank', entityId: bank, detail: { count: qs.length } });
    return { ids };
  });
}

type QRow = { id: number; bank: string; kind: string; text: string; options: string | null; answer: string | null; points: number };
const toQuestion = (r: QRow): Question => {
  const base = { id: String(r.id), text: r.text, points: r.points };
  switch (r.kind) {
    case 'single':
      return { ...base, kind: 'single', options: parseJson(r.options, []), answer: parseJson(r.answer, 0) };
    case 'multiple':
      return { ...base, kind: 'multiple', options: parseJson(r.options, []), answers: parseJson(r.answer, []) };
    case 'true_false':
      return { ...base, kind: 'true_false', answer: parseJson(r.answer, false) };
    default:
      return { ...base, kind: 'short' };
  }
};

/** Questions of a center; `withAnswers` false strips the keys (what an agent taking the exam sees). */
export async function listQuestions(db: Db, centerId: number, f: { bank?: string; ids?: number[]; withAnswers: boolean }) {
  let q = db.selectFrom('people_questions').selectAll().where('center_id', '=', centerId).orderBy('id');
  if (f.bank) q = q.where('bank', '=', f.bank);
  if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : [-1]);
  const rows = await q.execute();
  return rows.map((r) => {
    const out = {
      id: r.id,
      bank: r.bank,
      kind: r.kind,
      text: r.text,
      options: parseJson<string[] | null>(r.options, null),
      points: r.points,
      archived: r.archived_at != null,
    };
    return f.withAnswers ? { ...out, answer: parseJson<unknown>(r.answer, null) } : out;
  });
}

export async function listBanks(db: Db, centerId: number) {
  const rows = await db.selectFrom('people_questions').select(['bank']).where('center_id', '=', centerId).execute();
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.bank, (m.get(r.bank) ?? 0) + 1);
  return [...m.entries()].map(([bank, questions]) => ({ bank, questions }));
}

export interface ExamIn {
  title: string;
  queue?: string | null;
  questionIds: number[];
  timeLimitMin: number;
  passPercent: number;
  graceS: number;
  multiplePolicy: MultiplePolicy;
  /** Attempts an agent may make (default 3) and the hours between two attempts (default 24). */
  maxAttempts?: number;
  cooldownHours?: number;
}

/**
 * An exam's questions and queue as a trainer sets them: at least one question, each in the center's bank
 * and not archived (except those the exam already asks, `kept`), and a queue under certification.
 */
export async function checkExamSetup(tx: Db, centerId: number, e: { questionIds: number[]; queue?: string | null }, kept: readonly number[] = []) {
  if (!e.questionIds.length) throw validationError('questionIds', 'an exam needs at least one question', { reason: 'people.examNoQuestions', params: {} });
  const found = await tx
    .selectFrom('people_questions')
    .select(['id', 'archived_at'])
    .where('center_id', '=', centerId)
    .where('id', 'in', e.questionIds)
    .execute();
  const missing = e.questionIds.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw validationError('questionIds', `unknown question ${missing.join(', ')}`, { reason: 'people.questionMissing', params: { ids: missing.join(', ') } });
  const archived = found.filter((f) => f.archived_at != null && !kept.includes(f.id)).map((f) => f.id);
  if (archived.length)
    throw validationError('questionIds', `question ${archived.join(', ')} is archived`, {
      reason: 'people.questionArchived',
      params: { ids: archived.join(', ') },
    });
  if (e.queue) {
    const q = await tx.selectFrom('people_cert_queues').select('queue').where('center_id', '=', centerId).where('queue', '=', e.queue).executeTakeFirst();
    if (!q)
      throw validationError('queue', `queue ${JSON.stringify(e.queue)} is not under certification; add it to the certified queues first`, {
        reason: 'people.queueNotCertified',
        params: { queue: e.queue },
      });
  }
}

export async function createExam(db: Db, centerId: number, e: ExamIn, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    await checkExamSetup(tx, centerId, e);
    const row = await tx
      .insertInto('people_exams')
      .values({
        center_id: centerId,
        title: e.title,
        queue: e.queue ?? null,
        question_ids: JSON.stringify(e.questionIds),
        time_limit_min: e.timeLimitMin,
        pass_percent: e.passPercent,
        grace_s: e.graceS,
        multiple_policy: e.multiplePolicy,
        created_at: now,
        max_attempts: e.maxAttempts ?? defaultExamDefaults.maxAttempts!,
        cooldown_hours: e.cooldownHours ?? defaultExamDefaults.cooldownHours!,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'people.exam.create', entity: 'exam', entityId: row.id, detail: e });
    return { id: row.id };
  });
}

/** Exams of a center; with `agentId`, the ones not archived and where that agent stands at each (attempts used / left, next start). */
export async function listExams(db: Db, centerId: number, agentId?: number, now = 0) {
  let q = db.selectFrom('people_exams').selectAll().where('center_id', '=', centerId).orderBy('id', 'desc');
  if (agentId !== undefined) q = q.where('archived_at', 'is', null);
  const rows = await q.execute();
  const past =
    agentId === undefined
      ? []
      : await db.selectFrom('people_exam_attempts').select(['exam_id', 'started_at', 'submitted_at']).where('agent_id', '=', agentId).execute();
  return rows.map((r) => {
    const base = {
      id: r.id,
      title: r.title,
      queue: r.queue,
      questionIds: parseJson<number[]>(r.question_ids, []),
      timeLimitMin: r.time_limit_min,
      passPercent: r.pass_percent,
      graceS: r.grace_s,
      multiplePolicy: r.multiple_policy,
      maxAttempts: r.max_attempts,
      cooldownHours: r.cooldown_hours,
      marksReleased: r.marks_released === 1,
      archived: r.archived_at != null,
    };
    if (agentId === undefined) return base;
    const st = attemptState(
      limitsOf(r),
      past.filter((p) => p.exam_id === r.id).map((p) => ({ startedAt: p.started_at, submittedAt: p.submitted_at, timeLimitMin: r.time_limit_min })),
      now,
    );
    return { ...base, attemptsUsed: st.used, attemptsLeft: st.left, nextAttemptAt: st.nextAt };
  });
}

export const limitsOf = (e: { max_attempts: number; cooldown_hours: number }): AttemptLimits => ({
  maxAttempts: e.max_attempts,
  cooldownHours: e.cooldown_hours,
});

/** The trainer releases the per-question marks of an exam to every agent who took it (audited). */
export async function releaseMarks(db: Db, centerId: number, examId: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const e = await examRow(tx, examId);
    if (e.center_id !== centerId) throw notFound('exam', examId);
    await tx.updateTable('people_exams').set({ marks_released: 1 }).where('id', '=', examId).execute();
    await audit(tx, { at: now, userId, action: 'people.exam.releaseMarks', entity: 'exam', entityId: examId });
    return { id: examId, marksReleased: true as const };
  });
}

/** An exam (of the center, when one is named: another center's exam is not found). */
export async function examRow(db: Db, examId: number, centerId?: number) {
  const e = await db.selectFrom('people_exams').selectAll().where('id', '=', examId).executeTakeFirst();
  if (!e || (centerId !== undefined && e.center_id !== centerId)) throw notFound('exam', examId);
  return e;
}

async function pastAttempts(tx: Db, examId: number, agentId: number, timeLimitMin: number) {
  const rows = await tx
    .selectFrom('people_exam_attempts')
    .select(['started_at', 'submitted_at'])
    .where('exam_id', '=', examId)
    .where('agent_id', '=', agentId)
    .execute();
  return rows.map((r) => ({ startedAt: r.started_at, submittedAt: r.submitted_at, timeLimitMin }));
}

async function bankOf(tx: Db, ids: number[]) {
  return (
    await tx
      .selectFrom('people_questions')
      .selectAll()
      .where('id', 'in', ids.length ? ids : [-1])
      .execute()
  ).map(toQuestion);
}

/**
 * Starts an attempt (the clock runs from here): refused with 409 when the exam's attempts are used
 * up or its cool-down is running (checked and written under the agent's row lock, so parallel starts
 * cannot exceed the limit). Returns the questions without their answers, in this attempt's shuffled
 * order with shuffled options (seeded from the attempt id).
 */
export async function startAttempt(db: Db, centerId: number, examId: number, agentId: number, now: number) {
  return withTx(db, async (tx) => {
    const e = await examRow(tx, examId, centerId);
    if (e.archived_at != null)
      throw new DomainError(`exam ${examId} is archived`, 'conflict', 'examId', { reason: 'people.examArchived', params: { title: e.title } });
    await lockRow(tx, 'agents', agentId);
    const limits = limitsOf(e);
    let st;
    try {
      st = assertMayStart(limits, await pastAttempts(tx, examId, agentId, e.time_limit_min), now);
    } catch (err) {
      if (err instanceof PeopleError && err.why === 'attempts_exhausted')
        throw new DomainError(err.message, 'conflict', 'examId', {
          reason: 'people.examAttemptsExhausted',
          params: { field: 'examId', max: limits.maxAttempts },
        });
      if (err instanceof PeopleError && err.why === 'cooldown') {
        const next = attemptState(limits, await pastAttempts(tx, examId, agentId, e.time_limit_min), now).nextAt!;
        throw new DomainError(err.message, 'conflict', 'examId', {
          reason: 'people.examCooldown',
          params: { field: 'examId', hours: limits.cooldownHours, nextAt: iso(next) },
        });
      }
      throw toDomain(err);
    }
    const ids = parseJson<number[]>(e.question_ids, []);
    const row = await tx
      .insertInto('people_exam_attempts')
      .values({ exam_id: examId, agent_id: agentId, started_at: now, submitted_at: null, answers: null, result: null, status: 'started', percent: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const layout = attemptLayout(String(row.id), ids.map(String), await bankOf(tx, ids));
    const qs = await listQuestions(tx, e.center_id, { ids, withAnswers: false });
    const questions = layout.questionIds.map((id) => {
      const q = qs.find((x) => String(x.id) === id)!;
      const perm = layout.options[id];
      return perm && q.options ? { ...q, options: perm.map((i) => q.options![i]!) } : q;
    });
    return {
      attemptId: row.id,
      examId,
      title: e.title,
      startedAt: now,
      deadline: now + e.time_limit_min * 60_000,
      timeLimitMin: e.time_limit_min,
      attemptNo: st.used + 1,
      maxAttempts: limits.maxAttempts,
      attemptsLeft: st.left - 1,
      questions,
    };
  });
}

/** What an agent sees of a result: per-question marks only after their last allowed attempt or once released. */
function forAgent<T extends { marks?: unknown }>(r: T, visible: boolean) {
  if (visible) return { ...r, marksHidden: false };
  const { marks: _hidden, ...rest } = r;
  return { ...rest, marksHidden: true };
}

/**
 * Submits an attempt: the answers (positions on the shuffled options) are mapped back to the original
 * options, then marked by the core (a submission after the time limit + grace is refused and nothing
 * is stored); a passed exam for a certified queue issues the certification in the same transaction.
 * Per-question marks are left out of the answer until the agent's last allowed attempt or the release.
 */
export async function submitAttempt(db: Db, attemptId: number, agentId: number, shownAnswers: Record<string, Answer>, now: number) {
  return withTx(db, async (tx) => {
    const a = await tx.selectFrom('people_exam_attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
    if (!a || a.agent_id !== agentId) throw notFound('attempt', attemptId);
    if (a.status !== 'started')
      throw new DomainError(`attempt ${attemptId} was already submitted`, 'conflict', 'attemptId', { reason: 'people.attemptSubmitted', params: {} });
    const e = await examRow(tx, a.exam_id);
    const ids = parseJson<number[]>(e.question_ids, []);
    const bank = await bankOf(tx, ids);
    const answers = unshuffleAnswers(attemptLayout(String(attemptId), ids.map(String), bank), shownAnswers);
    const result = core(() =>
      markSubmission(
        {
          id: String(e.id),
          title: e.title,
          questionIds: ids.map(String),
          timeLimitMin: e.time_limit_min,
          passPercent: e.pass_percent,
          graceS: e.grace_s,
          multiplePolicy: e.multiple_policy as MultiplePolicy,
        },
        bank,
        { examId: String(e.id), agentId: String(agentId), startedAt: iso(a.started_at), submittedAt: iso(now), answers },
      ),
    );
    await saveResult(tx, attemptId, result, answers, now);
    const cert = await certifyIfPassed(tx, e.center_id, e, attemptId, result, agentId, now, agentId);
    const past = await pastAttempts(tx, e.id, agentId, e.time_limit_min);
    const st = attemptState(limitsOf(e), past, now);
    return {
      attemptId,
      ...forAgent(result, marksVisible(limitsOf(e), past.length, e.marks_released === 1)),
      certification: cert,
      attemptsLeft: st.left,
      nextAttemptAt: st.nextAt,
    };
  });
}

/**
 * One attempt's result, if the scope admits it (else not found): its agent sees per-question marks
 * only as in submitAttempt; others in scope (a lead's teams, the center's staff) see all.
 */
export async function attemptResult(db: Db, scope: Scope, attemptId: number) {
  const a = await db
    .selectFrom('people_exam_attempts as t')
    .innerJoin('people_exams as e', 'e.id', 't.exam_id')
    .innerJoin('agents as a', 'a.id', 't.agent_id')
    .selectAll('t')
    .where('t.id', '=', attemptId)
    .where(inScope(scope, { center: 'e.center_id', team: 'a.team_id', agent: 't.agent_id' }))
    .executeTakeFirst();
  if (!a) throw notFound('attempt', attemptId);
  const asAgent = scope.kind === 'self';
  const e = await examRow(db, a.exam_id);
  const result = parseJson<ExamResult | null>(a.result, null);
  const base = {
    attemptId,
    examId: a.exam_id,
    agentId: a.agent_id,
    title: e.title,
    status: a.status,
    startedAt: a.started_at,
    submittedAt: a.submitted_at,
    percent: a.percent,
  };
  if (!result) return { ...base, marksHidden: false };
  if (!asAgent) return { ...result, ...base, marksHidden: false };
  const used = (await pastAttempts(db, e.id, a.agent_id, e.time_limit_min)).length;
  return { ...forAgent(result, marksVisible(limitsOf(e), used, e.marks_released === 1)), ...base };
}

async function saveResult(tx: Db, attemptId: number, r: ExamResult, answers: Record<string, Answer> | null, now: number) {
  await tx
    .updateTable('people_exam_attempts')
    .set({ ...(answers ? { answers: JSON.stringify(answers), submitted_at: now } : {}), result: JSON.stringify(r), status: r.status, percent: r.percent })
    .where('id', '=', attemptId)
    .execute();
}

async function certifyIfPassed(
  tx: Db,
  centerId: number,
  e: { id: number; queue: string | null },
  attemptId: number,
  result: ExamResult,
  agentId: number,
  now: number,
  userId: number | null,
) {
  if (result.status !== 'passed' || !e.queue) return null;
  const queues = await tx.selectFrom('people_cert_queues').selectAll().where('center_id', '=', centerId).execute();
  const policy = queues.find((q) => q.queue === e.queue);
  const c = core(() =>
    certify(
      result,
      e.queue!,
      queues.map((q) => q.queue),
      policy ? { validityDays: policy.validity_days, warnDays: policy.warn_days } : undefined,
    ),
  );
  const row = await tx
    .insertInto('people_certifications')
    .values({
      agent_id: agentId,
      queue: c.queueId,
      exam_id: e.id,
      attempt_id: attemptId,
      passed_at: Date.parse(c.passedAt),
      valid_until: Date.parse(c.validUntil),
      percent: c.percent,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(tx, {
    at: now,
    userId,
    action: 'people.certification.issue',
    entity: 'agent',
    entityId: agentId,
    detail: { certificationId: row.id, queue: c.queueId, validUntil: c.validUntil },
  });
  return { id: row.id, queue: c.queueId, validUntil: Date.parse(c.validUntil) };
}

/** A trainer marks the short answers of an attempt at one of the center's exams; a pass on a certified queue certifies. */
export async function markAttempt(db: Db, centerId: number, attemptId: number, marks: Record<string, number>, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const a = await tx.selectFrom('people_exam_attempts').selectAll().where('id', '=', attemptId).executeTakeFirst();
    const e = a && (await tx.selectFrom('people_exams').selectAll().where('id', '=', a.exam_id).where('center_id', '=', centerId).executeTakeFirst());
    if (!a || !e) throw notFound('attempt', attemptId);
    if (a.status !== 'pending_manual')
      throw new DomainError(`attempt ${attemptId} is ${a.status}, nothing to mark`, 'conflict', 'attemptId', {
        reason: 'people.attemptNotPending',
        params: {},
      });
    const result = core(() => applyTrainerMarks(parseJson<ExamResult>(a.result, null as never), marks));
    await saveResult(tx, attemptId, result, null, now);
    await audit(tx, {
      at: now,
      userId,
      action: 'people.exam.mark',
      entity: 'agent',
      entityId: a.agent_id,
      detail: { attemptId, marks, status: result.status, percent: result.percent },
    });
    const cert = await certifyIfPassed(tx, e.center_id, e, attemptId, result, a.agent_id, now, userId);
    return { attemptId, ...result, certification: cert };
  });
}

export async function attemptsOf(db: Db, agentIds?: number[]) {
  let q = db
    .selectFrom('people_exam_attempts as t')
    .innerJoin('people_exams as e', 'e.id', 't.exam_id')
    .select(['t.id', 't.exam_id', 'e.title', 'e.queue', 't.agent_id', 't.started_at', 't.submitted_at', 't.status', 't.percent'])
    .orderBy('t.started_at', 'desc')
    .limit(1000);
  if (agentIds) q = q.where('t.agent_id', 'in', agentIds.length ? agentIds : [-1]);
  return q.execute();
}

// ---------------------------------------------------------------- certification and the go-live gate

export async function listCertQueues(db: Db, centerId: number) {
  return db.selectFrom('people_cert_queues').select(['queue', 'validity_days', 'warn_days']).where('center_id', '=', centerId).orderBy('queue').execute();
}

/** Puts a queue under certification (or changes its validity / warning days); audited. */
export async function putCertQueue(db: Db, centerId: number, q: { queue: string; validityDays: number; warnDays: number }, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    await tx.deleteFrom('people_cert_queues').where('center_id', '=', centerId).where('queue', '=', q.queue).execute();
    await tx.insertInto('people_cert_queues').values({ center_id: centerId, queue: q.queue, validity_days: q.validityDays, warn_days: q.warnDays }).execute();
    await audit(tx, { at: now, userId, action: 'people.certqueue.put', entity: 'queue', entityId: q.queue, detail: q });
  });
}

export async function removeCertQueue(db: Db, centerId: number, queue: string, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const r = await tx.deleteFrom('people_cert_queues').where('center_id', '=', centerId).where('queue', '=', queue).executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFound('certifiedQueue', queue, { reason: 'people.certQueueMissing', params: { queue } });
    await audit(tx, { at: now, userId, action: 'people.certqueue.remove', entity: 'queue', entityId: queue });
  });
}

type CertRow = { agent_id: number; queue: string; exam_id: number; passed_at: number; valid_until: number; percent: number };
export const toCert = (r: CertRow): Certification => ({
  agentId: String(r.agent_id),
  queueId: r.queue,
  examId: String(r.exam_id),
  passedAt: iso(r.passed_at),
  validUntil: iso(r.valid_until),
  percent: r.percent,
});

export async function listCertifications(db: Db, agentIds?: number[]) {
  let q = db
    .selectFrom('people_certifications as c')
    .innerJoin('agents as a', 'a.id', 'c.agent_id')
    .select(['c.id', 'c.agent_id', 'a.name as agent_name', 'a.team_id', 'c.queue', 'c.exam_id', 'c.passed_at', 'c.valid_until', 'c.percent'])
    .orderBy('c.valid_until', 'desc');
  if (agentIds) q = q.where('c.agent_id', 'in', agentIds.length ? agentIds : [-1]);
  return q.execute();
}

/**
 * THE GO-LIVE GATE. Refuses to put an agent on a queue the center has placed under certification
 * unless the agent holds a certification for it that is valid now (core `canGoLive`). Only queues
 * being added are checked (queues the agent already has, and queues not under certification, pass).
 * Called by the platform's agent queue assignment (POST/PATCH /api/agents).
 */
export async function assertCertifiedForQueues(
  db: Db,
  centerId: number,
  agentId: number | null,
  queues: readonly string[],
  current: readonly string[],
  now: number,
) {
  const added = [...new Set(queues)].filter((q) => !current.includes(q));
  if (!added.length) return;
  const gated = new Set((await listCertQueues(db, centerId)).map((q) => q.queue));
  const check = added.filter((q) => gated.has(q));
  if (!check.length) return;
  const certs = agentId == null ? [] : (await db.selectFrom('people_certifications').selectAll().where('agent_id', '=', agentId).execute()).map(toCert);
  for (const q of check) {
    const g = canGoLive(String(agentId ?? 'new'), q, certs, iso(now));
    if (!g.ok) {
      const why =
        g.reason === 'expired' ? `the certification for queue ${q} has lapsed; re-certify first` : `the agent has not passed the certification for queue ${q}`;
      throw validationError('queues', `cannot set the agent live on queue ${q}: ${why}`, {
        reason: g.reason === 'expired' ? 'people.certLapsed' : 'people.notCertified',
        params: { queue: q },
      });
    }
  }
}

// ---------------------------------------------------------------- skill level and training record

export async function trainingRecord(db: Db, agentId: number, now: number, timeZone: string, levels: readonly SkillLevelCriteria[]) {
  const a = await agentWithTeam(db, agentId);
  const sessions = await db
    .selectFrom('people_session_attendance as sa')
    .innerJoin('people_sessions as s', 's.id', 'sa.session_id')
    .innerJoin('people_courses as c', 'c.id', 's.course_id')
    .select(['s.id', 'c.title', 'c.module', 'c.hours', 's.starts_at', 'sa.present'])
    .where('sa.agent_id', '=', agentId)
    .orderBy('s.starts_at', 'desc')
    .execute();
  const attempts = await attemptsOf(db, [agentId]);
  const certs = await listCertifications(db, [agentId]);
  const marked = attempts.filter((t) => t.percent != null);
  const examAvg = marked.length ? Math.round((marked.reduce((s, t) => s + t.percent!, 0) / marked.length) * 100) / 100 : null;
  const today = localDate(now, timeZone);
  const tenure = tenureMonths(a.hire_date, today);
  // the agent's average over all their (non-calibration) QA evaluations; null before the first one
  const qaAvg = (await qaAverages(db, { centerId: a.center_id, agentIds: [agentId] })).get(agentId) ?? null;
  const level = skillLevel({ tenureMonths: tenure, examAvg, qaAvg }, levels);
  return {
    agent: a,
    tenureMonths: tenure,
    examAvg,
    qaAvg,
    skill: level,
    levels,
    sessions,
    attempts,
    certifications: certs.map((c) => ({ ...c, valid: c.valid_until > now })),
  };
}
