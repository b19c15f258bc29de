/**
 * Exams cannot be gamed (issue 10, finding 6): an attempts limit and a cool-down per exam, per-question
 * marks hidden until the last allowed attempt or the trainer's release, questions and options shuffled
 * per attempt (and marked against the original options).
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp } from '../testing';

const T0 = Date.UTC(2026, 10, 2, 1, 0);
const HOUR = 3_600_000;

/** Answers by option text → the positions shown in this attempt. */
function answersFor(attempt: any, byText: Record<number, string | string[] | boolean>) {
  return Object.fromEntries(
    attempt.questions.map((q: any) => {
      const v = byText[q.id]!;
      return [q.id, typeof v === 'boolean' ? v : Array.isArray(v) ? v.map((x) => q.options.indexOf(x)) : q.options.indexOf(v)];
    }),
  );
}

forEachDatabase('exams: 3 attempts, 24 h cool-down, marks hidden until the last attempt or release, shuffled per attempt', async (_t, store) => {
  let now = T0;
  const { app, as } = await testApp(store, { now: () => now });
  try {
    const trainer = await as('trainer');
    const qs = await trainer.req('POST', '/api/people/questions', {
      bank: '账务',
      questions: [
        { kind: 'single', text: 'Q1', options: ['a', 'b', 'c', 'd'], answer: 2, points: 10 },
        { kind: 'multiple', text: 'Q2', options: ['w', 'x', 'y', 'z'], answers: [0, 3], points: 10 },
        { kind: 'true_false', text: 'Q3', answer: true, points: 5 },
        { kind: 'single', text: 'Q4', options: ['p', 'q', 'r'], answer: 0, points: 5 },
      ],
    });
    const [q1, q2, q3, q4] = qs.body.ids as number[];
    const exam = await trainer.req('POST', '/api/people/exams', { title: '账务认证', questionIds: [q1, q2, q3, q4], timeLimitMin: 10, passPercent: 80 });
    assert.equal(exam.status, 200);
    const examId = exam.body.id;
    const listed = (await trainer.req('GET', '/api/people/exams')).body.find((e: any) => e.id === examId);
    assert.deepEqual([listed.maxAttempts, listed.cooldownHours, listed.marksReleased], [3, 24, false], 'the defaults');

    const allRight = { [q1]: 'c', [q2]: ['w', 'z'], [q3]: true, [q4]: 'p' };
    // by hand: Q1 right 10, Q2 only 'w' (all or nothing) 0, Q3 right 5, Q4 'q' wrong 0 → 15 / 30 = 50 %
    const half = { [q1]: 'c', [q2]: ['w'], [q3]: true, [q4]: 'q' };

    // attempt 1
    let a1 = await signIn(app, 'a1');
    const t1 = await a1.req('POST', `/api/people/exams/${examId}/start`);
    assert.equal(t1.status, 200, JSON.stringify(t1.body));
    assert.deepEqual([t1.body.attemptNo, t1.body.attemptsLeft], [1, 2]);
    now += 5 * 60_000;
    const s1 = await a1.req('POST', `/api/people/attempts/${t1.body.attemptId}/submit`, { answers: answersFor(t1.body, half) });
    assert.deepEqual([s1.body.score, s1.body.percent, s1.body.status], [15, 50, 'failed']);
    assert.equal(s1.body.marksHidden, true);
    assert.equal(s1.body.marks, undefined, 'no per-question marks before the last attempt');
    assert.equal((await a1.req('GET', `/api/people/attempts/${t1.body.attemptId}`)).body.marks, undefined);
    const submitted1 = now;

    // cool-down: 24 h from the submission
    now += 23 * HOUR;
    a1 = await signIn(app, 'a1');
    const early = await a1.req('POST', `/api/people/exams/${examId}/start`);
    assert.deepEqual([early.status, early.body.reason, early.body.field], [409, 'people.examCooldown', 'examId']);
    assert.equal(early.body.params.nextAt, new Date(submitted1 + 24 * HOUR).toISOString());
    const mine = (await a1.req('GET', '/api/people/exams')).body.find((e: any) => e.id === examId);
    assert.deepEqual([mine.attemptsUsed, mine.attemptsLeft, mine.nextAttemptAt], [1, 2, submitted1 + 24 * HOUR]);

    // attempt 2, a different order (questions and options)
    now = submitted1 + 24 * HOUR;
    const t2 = await a1.req('POST', `/api/people/exams/${examId}/start`);
    assert.equal(t2.status, 200, JSON.stringify(t2.body));
    const layout = (t: any) => JSON.stringify(t.questions.map((q: any) => [q.id, q.options]));
    assert.notEqual(layout(t2.body), layout(t1.body));
    assert.deepEqual(t2.body.questions.map((q: any) => q.id).sort(), [q1, q2, q3, q4].sort());
    now += 60_000;
    const s2 = await a1.req('POST', `/api/people/attempts/${t2.body.attemptId}/submit`, { answers: answersFor(t2.body, allRight) });
    assert.deepEqual([s2.body.score, s2.body.percent, s2.body.status, s2.body.marksHidden], [30, 100, 'passed', true]);

    // attempt 3, the last allowed one: per-question marks are shown, equal to marking by hand
    now += 24 * HOUR;
    a1 = await signIn(app, 'a1');
    const t3 = await a1.req('POST', `/api/people/exams/${examId}/start`);
    assert.deepEqual([t3.status, t3.body.attemptsLeft], [200, 0]);
    now += 60_000;
    const s3 = await a1.req('POST', `/api/people/attempts/${t3.body.attemptId}/submit`, { answers: answersFor(t3.body, half) });
    assert.equal(s3.body.marksHidden, false);
    const awarded = Object.fromEntries(s3.body.marks.map((m: any) => [Number(m.questionId), m.awarded]));
    assert.deepEqual(awarded, { [q1]: 10, [q2]: 0, [q3]: 5, [q4]: 0 });
    assert.equal(s3.body.percent, 50);
    // … and the earlier attempts' marks too, now that no attempt is left
    assert.equal((await a1.req('GET', `/api/people/attempts/${t2.body.attemptId}`)).body.marks.length, 4);

    // the 4th attempt is refused, whatever the clock
    now += 30 * 24 * HOUR;
    a1 = await signIn(app, 'a1');
    const fourth = await a1.req('POST', `/api/people/exams/${examId}/start`);
    assert.deepEqual([fourth.status, fourth.body.reason, fourth.body.field, fourth.body.params.max], [409, 'people.examAttemptsExhausted', 'examId', 3]);
    assert.equal((await a1.req('GET', '/api/people/attempts')).body.length, 3, 'the refused start stored nothing');

    // the trainer may raise the limit (audited); then one more attempt is allowed
    const tr = await signIn(app, 'trainer');
    assert.equal((await tr.req('PATCH', `/api/people/exams/${examId}`, { maxAttempts: 4 })).status, 200);
    assert.equal((await a1.req('POST', `/api/people/exams/${examId}/start`)).status, 200);

    // release: a2's first attempt hides the marks until the trainer releases them; b1 cannot read a2's attempt
    const a2 = await signIn(app, 'a2');
    const u1 = await a2.req('POST', `/api/people/exams/${examId}/start`);
    const su = await a2.req('POST', `/api/people/attempts/${u1.body.attemptId}/submit`, { answers: answersFor(u1.body, allRight) });
    assert.deepEqual([su.body.marksHidden, su.body.marks], [true, undefined]);
    assert.equal((await a2.req('GET', `/api/people/attempts/${u1.body.attemptId}`)).body.marks, undefined);
    assert.equal((await (await signIn(app, 'b1')).req('GET', `/api/people/attempts/${u1.body.attemptId}`)).status, 404);
    assert.equal((await a2.req('POST', `/api/people/exams/${examId}/release-marks`)).status, 403);
    assert.equal((await tr.req('POST', `/api/people/exams/${examId}/release-marks`)).status, 200);
    const released = (await a2.req('GET', `/api/people/attempts/${u1.body.attemptId}`)).body;
    assert.deepEqual(
      released.marks.map((m: any) => m.awarded).reduce((s: number, x: number) => s + x, 0),
      30,
    );
  } finally {
    await app.close();
  }
});

forEachDatabase('exams: 20 simultaneous starts make one attempt (an open attempt blocks the next; serialised per agent)', async (_t, store) => {
  const { app, as } = await testApp(store, { now: () => T0 });
  try {
    const trainer = await as('trainer');
    const qs = await trainer.req('POST', '/api/people/questions', { bank: 'b', questions: [{ kind: 'true_false', text: 'Q', answer: true, points: 1 }] });
    const exam = await trainer.req('POST', '/api/people/exams', { title: 'x', questionIds: qs.body.ids, timeLimitMin: 10, maxAttempts: 3, cooldownHours: 0 });
    const a1 = await as('a1');
    const res = await Promise.all(Array.from({ length: 20 }, () => a1.req('POST', `/api/people/exams/${exam.body.id}/start`)));
    assert.equal(res.filter((r) => r.status === 200).length, 1, JSON.stringify(res.map((r) => r.status)));
    assert.ok(res.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.reason === 'people.examCooldown'));
    assert.equal((await a1.req('GET', '/api/people/attempts')).body.length, 1);
  } finally {
    await app.close();
  }
});
