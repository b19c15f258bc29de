/**
 * Editing and deleting the training setup (issue 14): courses, plan items, sessions, bank questions
 * and exams. What a center keeps once used:
 * - a course with sessions cannot be deleted (archive it: no new plan item or session takes it);
 *   deleting a course removes its plan items with it;
 * - a session with recorded attendance cannot be deleted (the agents' training record reads it);
 * - a question an exam with attempts asks cannot be changed or deleted (archive it: new exams cannot
 *   take it); one an exam without attempts asks cannot be deleted until that exam no longer asks it;
 * - an exam with attempts keeps its questions, pass mark, multiple-choice policy and queue, and cannot
 *   be deleted (archive it and make a new one: agents no longer see it or start it).
 * Every write is audited with what it was before; another center's record is not found.
 */
import { DomainError, conflict, notFound } from '../../core/errors';
import type { MultiplePolicy } from '../../core/people';
import { audit } from '../audit';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { parseJson, type Db } from './common';
import { checkExamSetup, checkQuestion, courseOf, examRow, limitsOf, questionColumns, sessionRow, teamOf, type QuestionIn } from './training';

const archivedAt = (archived: boolean | undefined, was: number | null, now: number) => (archived === undefined ? was : archived ? (was ?? now) : null);

// ---------------------------------------------------------------- courses

async function courseRow(tx: Db, centerId: number, id: number) {
  const c = await tx.selectFrom('people_courses').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!c) throw notFound('course', id);
  return c;
}

export async function updateCourse(
  db: Db,
  centerId: number,
  id: number,
  p: { title?: string; module?: string | null; hours?: number; archived?: boolean },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    const c = await courseRow(tx, centerId, id);
    const next = {
      title: p.title ?? c.title,
      module: p.module === undefined ? c.module : p.module || null,
      hours: p.hours ?? c.hours,
      archived_at: archivedAt(p.archived, c.archived_at, now),
    };
    await tx.updateTable('people_courses').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.course.update', entity: 'course', entityId: id, detail: { before: c, after: next } });
    return { id, ...next };
  });
}

/** Deletes a course without sessions (its plan items go with it); one with sessions is refused, naming how many. */
export async function deleteCourse(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const c = await courseRow(tx, centerId, id);
    const { n } = await tx
      .selectFrom('people_sessions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('course_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0)
      throw conflict(`course "${c.title}" has ${n} session(s): archive it instead`, 'id', { reason: 'people.courseHasSessions', params: { count: Number(n) } });
    const plans = await tx.deleteFrom('people_training_plan').where('course_id', '=', id).executeTakeFirst();
    await tx.deleteFrom('people_courses').where('id', '=', id).execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'people.course.delete',
      entity: 'course',
      entityId: id,
      detail: { course: c, planItems: Number(plans.numDeletedRows) },
    });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- plan items

async function planRow(tx: Db, centerId: number, id: number) {
  const p = await tx
    .selectFrom('people_training_plan as p')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .selectAll('p')
    .where('p.id', '=', id)
    .where('t.center_id', '=', centerId)
    .executeTakeFirst();
  if (!p) throw notFound('planItem', id);
  return p;
}

export async function updatePlanItem(
  db: Db,
  centerId: number,
  id: number,
  p: { teamId?: number; year?: number; month?: number; courseId?: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    const was = await planRow(tx, centerId, id);
    const next = { team_id: p.teamId ?? was.team_id, year: p.year ?? was.year, month: p.month ?? was.month, course_id: p.courseId ?? was.course_id };
    if (next.course_id !== was.course_id) await courseOf(tx, centerId, next.course_id);
    if (next.team_id !== was.team_id) await teamOf(tx, centerId, next.team_id);
    await uniqueAs('courseId', 'this course is already planned for that team and month', () =>
      tx.updateTable('people_training_plan').set(next).where('id', '=', id).execute(),
    );
    await audit(tx, { at: now, userId, action: 'people.plan.update', entity: 'team', entityId: next.team_id, detail: { id, before: was, after: next } });
    return { ok: true as const };
  });
}

export async function deletePlanItem(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const was = await planRow(tx, centerId, id);
    await tx.deleteFrom('people_training_plan').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.plan.delete', entity: 'team', entityId: was.team_id, detail: was });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- sessions

export async function updateSession(
  db: Db,
  centerId: number,
  id: number,
  p: { courseId?: number; teamId?: number | null; startsAt?: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    const was = await sessionRow(tx, centerId, id);
    const next = { course_id: p.courseId ?? was.course_id, team_id: p.teamId === undefined ? was.team_id : p.teamId, starts_at: p.startsAt ?? was.starts_at };
    if (next.course_id !== was.course_id) await courseOf(tx, centerId, next.course_id);
    if (next.team_id != null && next.team_id !== was.team_id) await teamOf(tx, centerId, next.team_id);
    await tx.updateTable('people_sessions').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.session.update', entity: 'session', entityId: id, detail: { before: was, after: next } });
    return { ok: true as const };
  });
}

/** Deletes a session nobody's attendance was recorded at; one with attendance is refused, naming how many. */
export async function deleteSession(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const was = await sessionRow(tx, centerId, id);
    const { n } = await tx
      .selectFrom('people_session_attendance')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('session_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0)
      throw conflict(`session ${id} has the attendance of ${n} agent(s)`, 'id', { reason: 'people.sessionHasAttendance', params: { count: Number(n) } });
    await tx.deleteFrom('people_sessions').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.session.delete', entity: 'session', entityId: id, detail: was });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- questions

async function questionRow(tx: Db, centerId: number, id: number) {
  const q = await tx.selectFrom('people_questions').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!q) throw notFound('question', id);
  return q;
}

/** The center's exams that ask a question, each with how many attempts it has. */
async function examsAsking(tx: Db, centerId: number, questionId: number) {
  const exams = (await tx.selectFrom('people_exams').select(['id', 'title', 'question_ids']).where('center_id', '=', centerId).execute()).filter((e) =>
    parseJson<number[]>(e.question_ids, []).includes(questionId),
  );
  const counts = exams.length
    ? await tx
        .selectFrom('people_exam_attempts')
        .select(['exam_id', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where(
          'exam_id',
          'in',
          exams.map((e) => e.id),
        )
        .groupBy('exam_id')
        .execute()
    : [];
  return exams.map((e) => ({ id: e.id, title: e.title, attempts: Number(counts.find((c) => c.exam_id === e.id)?.n ?? 0) }));
}

const attemptedRefusal = (exam: { title: string }) =>
  new DomainError(`exam "${exam.title}" with attempts asks this question: archive it instead`, 'conflict', 'id', {
    reason: 'people.questionInAttemptedExam',
    params: { exam: exam.title },
  });

/** Changes a question's bank, content or archived mark; its content is kept once an exam with attempts asks it. */
export async function updateQuestion(
  db: Db,
  centerId: number,
  id: number,
  p: { bank?: string; question?: QuestionIn; archived?: boolean },
  userId: number | null,
  now: number,
) {
  if (p.question) checkQuestion(p.question, 'question');
  return withTx(db, async (tx) => {
    const was = await questionRow(tx, centerId, id);
    if (p.question) {
      const attempted = (await examsAsking(tx, centerId, id)).find((e) => e.attempts > 0);
      if (attempted) throw attemptedRefusal(attempted);
    }
    const next = { bank: p.bank ?? was.bank, ...(p.question ? questionColumns(p.question) : {}), archived_at: archivedAt(p.archived, was.archived_at, now) };
    await tx.updateTable('people_questions').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.question.update', entity: 'question', entityId: id, detail: { before: was, after: next } });
    return { ok: true as const };
  });
}

/** Deletes a question no exam asks; one an exam asks is refused naming the exam (with attempts: archive it). */
export async function deleteQuestion(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const was = await questionRow(tx, centerId, id);
    const asking = await examsAsking(tx, centerId, id);
    const attempted = asking.find((e) => e.attempts > 0);
    if (attempted) throw attemptedRefusal(attempted);
    if (asking.length)
      throw conflict(`exam "${asking[0]!.title}" asks this question: take it out of the exam first`, 'id', {
        reason: 'people.questionInExam',
        params: { exam: asking[0]!.title },
      });
    await tx.deleteFrom('people_questions').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.question.delete', entity: 'question', entityId: id, detail: was });
    return { ok: true as const };
  });
}

// ---------------------------------------------------------------- exams

export interface ExamPatch {
  title?: string;
  queue?: string | null;
  questionIds?: number[];
  timeLimitMin?: number;
  passPercent?: number;
  graceS?: number;
  multiplePolicy?: MultiplePolicy;
  maxAttempts?: number;
  cooldownHours?: number;
  archived?: boolean;
}

const attemptCount = async (tx: Db, examId: number) =>
  Number(
    (
      await tx
        .selectFrom('people_exam_attempts')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('exam_id', '=', examId)
        .executeTakeFirstOrThrow()
    ).n,
  );

/**
 * Changes an exam. Once it has attempts, what marks and certifies them (questions, pass mark, policy,
 * queue) is kept: a change is refused naming the field and the attempts; title, time, limits and the
 * archived mark may change.
 */
export async function updateExam(db: Db, centerId: number, id: number, p: ExamPatch, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const e = await examRow(tx, id, centerId);
    const before = { questionIds: parseJson<number[]>(e.question_ids, []), passPercent: e.pass_percent, multiplePolicy: e.multiple_policy, queue: e.queue };
    const changed = (
      [
        ['questionIds', p.questionIds !== undefined && JSON.stringify(p.questionIds) !== JSON.stringify(before.questionIds)],
        ['passPercent', p.passPercent !== undefined && p.passPercent !== before.passPercent],
        ['multiplePolicy', p.multiplePolicy !== undefined && p.multiplePolicy !== before.multiplePolicy],
        ['queue', p.queue !== undefined && (p.queue || null) !== before.queue],
      ] as const
    ).find(([, c]) => c)?.[0];
    if (changed) {
      const n = await attemptCount(tx, id);
      if (n > 0)
        throw conflict(`exam "${e.title}" has ${n} attempt(s): its ${changed} cannot change; archive it and make a new one`, changed, {
          reason: 'people.examHasAttempts',
          params: { count: n },
        });
      await checkExamSetup(
        tx,
        centerId,
        { questionIds: p.questionIds ?? before.questionIds, queue: p.queue === undefined ? before.queue : p.queue },
        before.questionIds,
      );
    }
    const next = {
      title: p.title ?? e.title,
      queue: p.queue === undefined ? e.queue : p.queue || null,
      question_ids: JSON.stringify(p.questionIds ?? before.questionIds),
      time_limit_min: p.timeLimitMin ?? e.time_limit_min,
      pass_percent: p.passPercent ?? e.pass_percent,
      grace_s: p.graceS ?? e.grace_s,
      multiple_policy: p.multiplePolicy ?? e.multiple_policy,
      max_attempts: p.maxAttempts ?? e.max_attempts,
      cooldown_hours: p.cooldownHours ?? e.cooldown_hours,
      archived_at: archivedAt(p.archived, e.archived_at, now),
    };
    await tx.updateTable('people_exams').set(next).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.exam.update', entity: 'exam', entityId: id, detail: { before: { ...e, ...limitsOf(e) }, after: p } });
    return { id, maxAttempts: next.max_attempts, cooldownHours: next.cooldown_hours };
  });
}

/** Deletes an exam nobody has attempted; one with attempts is refused, naming how many (archive it). */
export async function deleteExam(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const e = await examRow(tx, id, centerId);
    const n = await attemptCount(tx, id);
    if (n > 0) throw conflict(`exam "${e.title}" has ${n} attempt(s): archive it instead`, 'id', { reason: 'people.examHasAttempts', params: { count: n } });
    await tx.deleteFrom('people_exams').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'people.exam.delete', entity: 'exam', entityId: id, detail: e });
    return { ok: true as const };
  });
}
