import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeopleError } from './errors';
import {
  applyTrainerMarks,
  assertMayStart,
  attemptLayout,
  attemptState,
  marksVisible,
  unshuffleAnswers,
  canGoLive,
  certificationWarnings,
  certify,
  markSubmission,
  skillLevel,
  tenureMonths,
  type Exam,
  type Question,
  type Submission,
} from './training';

const bank: Question[] = [
  { id: 'q1', kind: 'single', text: '投诉升级第一步?', options: ['疑难座席', '值班经理', '挂机'], answer: 0, points: 2 },
  { id: 'q2', kind: 'multiple', text: '哪些属于樂捐?', options: ['迟到', '请假', '早退'], answers: [0, 2], points: 4 },
  { id: 'q3', kind: 'true_false', text: '手机可以放在桌面', answer: false, points: 2 },
  { id: 'q4', kind: 'short', text: '简述安抚客户的步骤', points: 2 },
];
const exam: Exam = { id: 'e1', title: '燃气报修队列认证', queueId: 'gas', questionIds: ['q1', 'q2', 'q3', 'q4'], timeLimitMin: 30, passPercent: 80 };
const sub: Submission = {
  examId: 'e1',
  agentId: 'a1',
  startedAt: '2024-03-04T01:00:00Z',
  submittedAt: '2024-03-04T01:30:30Z',
  answers: { q1: 0, q2: [0, 1, 2], q3: false, q4: '先倾听,再道歉,再解决' },
};

test('automatic marking: multiple choice all-or-nothing by default, short answer pending', () => {
  const r = markSubmission(exam, bank, sub);
  // q1 2 + q2 0 (picked a wrong option) + q3 2 = 4 so far; q4 awaits the trainer.
  assert.equal(r.max, 10);
  assert.equal(r.score, 4);
  assert.deepEqual(r.pendingManual, ['q4']);
  assert.equal(r.status, 'pending_manual');
  const done = applyTrainerMarks(r, { q4: 2 });
  // 4 + 2 = 6 of 10 = 60 % < 80 → failed
  assert.equal(done.percent, 60);
  assert.equal(done.status, 'failed');
  assert.throws(
    () => applyTrainerMarks(r, { q4: 3 }),
    (e: PeopleError) => e.field === 'marks.q4',
  );
  assert.throws(
    () => applyTrainerMarks(r, { q1: 1 }),
    (e: PeopleError) => e.why === 'already_marked',
  );
});

test('partial policy for multiple choice: points × (right − wrong) / right', () => {
  const r = applyTrainerMarks(markSubmission({ ...exam, multiplePolicy: 'partial' }, bank, sub), { q4: 2 });
  // q2: 4 × (2 − 1) / 2 = 2 → 2 + 2 + 2 + 2 = 8 of 10 = 80 % ≥ 80 → passed
  assert.equal(r.score, 8);
  assert.equal(r.status, 'passed');
});

test('a submission after the time limit plus grace is rejected', () => {
  // 30 min + 30 s grace → deadline 01:30:30; 01:30:31 is 31 s over the 30-minute limit.
  assert.throws(
    () => markSubmission(exam, bank, { ...sub, submittedAt: '2024-03-04T01:30:31Z' }),
    (e: PeopleError) => e.why === 'late_submission' && e.field === 'submittedAt' && /0 min 31 s/.test(e.message),
  );
  assert.throws(
    () => markSubmission(exam, bank, { ...sub, examId: 'e2' }),
    (e: PeopleError) => e.field === 'examId',
  );
});

test('certification: unknown queue rejected, validity 365 days, warnings, go-live gate', () => {
  const passed = applyTrainerMarks(markSubmission({ ...exam, multiplePolicy: 'partial' }, bank, sub), { q4: 2 });
  assert.throws(
    () => certify(passed, 'nope', ['gas']),
    (e: PeopleError) => e.why === 'unknown_queue' && e.field === 'queueId',
  );
  const failed = applyTrainerMarks(markSubmission(exam, bank, sub), { q4: 2 });
  assert.throws(
    () => certify(failed, 'gas', ['gas']),
    (e: PeopleError) => e.why === 'not_passed',
  );

  const cert = certify(passed, 'gas', ['gas']);
  // 2024-03-04 + 365 days: 2024-03-04 → 2025-03-04 spans no 29 Feb (2024's was before) → 365 days.
  assert.equal(cert.validUntil, '2025-03-04T01:30:30.000Z');
  assert.equal(certify(passed, 'gas', ['gas'], { validityDays: 180, warnDays: 30 }).validUntil, '2024-08-31T01:30:30.000Z'); // Mar 4→31: 27, + Apr 30 + May 31 + Jun 30 + Jul 31 = 149 (Jul 31); 180 − 149 = 31 → Aug 31

  assert.equal(canGoLive('a1', 'gas', [], '2024-03-05T00:00:00Z').ok, false);
  const live = canGoLive('a1', 'gas', [cert], '2024-03-05T00:00:00Z');
  assert.equal(live.ok, true);
  const other = canGoLive('a1', 'water', [cert], '2024-03-05T00:00:00Z');
  assert.deepEqual(other.ok ? null : other.reason, 'not_certified');
  const lapsed = canGoLive('a1', 'gas', [cert], '2025-03-04T01:30:30Z');
  assert.equal(lapsed.ok ? null : lapsed.reason, 'expired');

  // 62 days left on 2025-01-01 (Jan 31 + Feb 28 + 3) → no warning at 30; 2025-02-10: 18 + 4 = 22 days.
  assert.deepEqual(certificationWarnings([cert], '2025-01-01T01:30:30Z'), []);
  assert.deepEqual(
    certificationWarnings([cert], '2025-02-10T01:30:30Z').map((w) => [w.daysLeft, w.status]),
    [[22, 'expiring']],
  );
  assert.deepEqual(
    certificationWarnings([cert], '2025-03-05T01:30:30Z').map((w) => [w.daysLeft, w.status]),
    [[-1, 'expired']],
  );
  const renewed = { ...cert, passedAt: '2025-02-01T00:00:00.000Z', validUntil: '2026-02-01T00:00:00.000Z' };
  assert.deepEqual(certificationWarnings([cert, renewed], '2025-02-10T01:30:30Z'), []);
});

test('skill levels from tenure, exams and QA, with what is missing for the next', () => {
  assert.equal(tenureMonths('2023-01-31', '2023-03-01'), 1); // 2 calendar months, day 1 < 31 → 1
  assert.equal(tenureMonths('2023-03-04', '2024-03-04'), 12);
  const mid = skillLevel({ tenureMonths: 7, examAvg: 85, qaAvg: 88 });
  assert.equal(mid.level, '中级');
  assert.equal(mid.next?.level, '高级');
  assert.equal(mid.next?.missing.length, 3);
  assert.equal(skillLevel({ tenureMonths: 1, examAvg: null, qaAvg: null }).level, null);
  assert.equal(skillLevel({ tenureMonths: 1, examAvg: 60, qaAvg: null }).level, '初级');
  assert.deepEqual(skillLevel({ tenureMonths: 24, examAvg: 95, qaAvg: 95 }), { level: '高级', next: null });
  // Meets 高级 numbers on exams and QA but only 5 months' tenure → stays 初级 (levels are cumulative).
  assert.equal(skillLevel({ tenureMonths: 5, examAvg: 95, qaAvg: 95 }).level, '初级');
});

test('attempts: limit and cool-down from the end of the latest attempt; marks visible after the last attempt or release', () => {
  const L = { maxAttempts: 3, cooldownHours: 24 };
  const H = 3_600_000;
  assert.deepEqual(attemptState(L, [], 0), { used: 0, left: 3, nextAt: null });
  // submitted at 10 h → next at 34 h
  const one = [{ startedAt: 9 * H, submittedAt: 10 * H, timeLimitMin: 30 }];
  assert.deepEqual(attemptState(L, one, 20 * H), { used: 1, left: 2, nextAt: 34 * H });
  assert.deepEqual(attemptState(L, one, 34 * H), { used: 1, left: 2, nextAt: null });
  // never submitted: it ended at start + time limit = 9.5 h → next at 33.5 h
  assert.equal(attemptState(L, [{ startedAt: 9 * H, submittedAt: null, timeLimitMin: 30 }], 0).nextAt, 33.5 * H);
  assert.throws(
    () => assertMayStart(L, one, 20 * H),
    (e: any) => e.why === 'cooldown' && e.field === 'examId',
  );
  const three = [0, 1, 2].map((d) => ({ startedAt: d * 100 * H, submittedAt: d * 100 * H + H, timeLimitMin: 30 }));
  assert.throws(
    () => assertMayStart(L, three, 1000 * H),
    (e: any) => e.why === 'attempts_exhausted',
  );
  assert.equal(marksVisible(L, 2, false), false);
  assert.equal(marksVisible(L, 3, false), true);
  assert.equal(marksVisible(L, 1, true), true);
});

test('shuffled attempts: reproducible from the attempt id, a permutation, and marked against the original options', () => {
  const bank: Question[] = [
    { id: 'q1', kind: 'single', text: '', options: ['a', 'b', 'c', 'd'], answer: 2, points: 10 },
    { id: 'q2', kind: 'multiple', text: '', options: ['w', 'x', 'y', 'z'], answers: [0, 3], points: 10 },
    { id: 'q3', kind: 'true_false', text: '', answer: true, points: 5 },
  ];
  const ids = ['q1', 'q2', 'q3'];
  const l7 = attemptLayout('7', ids, bank);
  assert.deepEqual(attemptLayout('7', ids, bank), l7, 'same attempt id → same layout');
  assert.deepEqual([...l7.questionIds].sort(), ids);
  assert.deepEqual([...l7.options.q1!].sort(), [0, 1, 2, 3]);
  assert.equal(l7.options.q3, undefined, 'true/false has no options to shuffle');
  const layouts = new Set(['1', '2', '3', '4', '5', '6', '8', '9'].map((id) => JSON.stringify(attemptLayout(id, ids, bank))));
  assert.ok(layouts.size > 1, 'attempts get different layouts');
  // answer by the shown position of the right texts, map back, mark: equals the right answers by hand
  const opts = (q: string) => (bank.find((b) => b.id === q) as { options: readonly string[] }).options;
  const shown = (q: string, text: string) => l7.options[q]!.map((i) => opts(q)[i]).indexOf(text);
  const back = unshuffleAnswers(l7, { q1: shown('q1', 'c'), q2: [shown('q2', 'w'), shown('q2', 'z')], q3: true });
  assert.deepEqual(back, { q1: 2, q2: [0, 3], q3: true });
  // an index outside the options marks nothing (never a crash)
  assert.deepEqual(unshuffleAnswers(l7, { q1: 9 }), { q1: -1 });
});
