/**
 * The training and survey setup screens show a refusal next to its field in the user's language:
 * each refusal names the field as the form does (`questions.0.answer`) and carries a stable reason
 * with its figures, and a refused write stores nothing.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

forEachDatabase('training setup refusals name their field and carry a reason; nothing is stored', async (_t, store) => {
  const { app, as, org } = await testApp(store);
  try {
    const trainer = await as('trainer');
    const refused = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
      const r = await trainer.req(method, url, body);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      return { field: r.body.field, reason: r.body.reason, params: r.body.params };
    };

    // a single-choice answer outside its two options
    assert.deepEqual(
      await refused('POST', '/api/people/questions', {
        bank: '账务',
        questions: [{ kind: 'single', text: '账单日？', options: ['1日', '15日'], answer: 2, points: 10 }],
      }),
      { field: 'questions.0.answer', reason: 'people.answerNotAnOption', params: { options: 2 } },
    );
    assert.deepEqual(
      await refused('POST', '/api/people/questions', {
        bank: '账务',
        questions: [
          { kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 10 },
          { kind: 'multiple', text: '可退费的情形', options: ['重复扣费', '系统故障'], answers: [0, 3], points: 10 },
        ],
      }),
      { field: 'questions.1.answers', reason: 'people.answerNotAnOption', params: { options: 2 } },
    );
    assert.deepEqual((await trainer.req('GET', '/api/people/questions')).body.questions, [], 'no question stored');

    const ok = await trainer.req('POST', '/api/people/questions', {
      bank: '账务',
      questions: [{ kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 10 }],
    });
    assert.equal(ok.status, 200);
    const [qid] = ok.body.ids as number[];

    const exam = (over: object) => ({ title: '账务认证', questionIds: [qid], timeLimitMin: 10, ...over });
    assert.deepEqual(await refused('POST', '/api/people/exams', exam({ questionIds: [] })), {
      field: 'questionIds',
      reason: 'people.examNoQuestions',
      params: {},
    });
    assert.deepEqual(await refused('POST', '/api/people/exams', exam({ questionIds: [qid, qid + 1000] })), {
      field: 'questionIds',
      reason: 'people.questionMissing',
      params: { ids: String(qid + 1000) },
    });
    assert.deepEqual(await refused('POST', '/api/people/exams', exam({ queue: 'billing' })), {
      field: 'queue',
      reason: 'people.queueNotCertified',
      params: { queue: 'billing' },
    });
    // the pass mark the exam form sends above 100: the generic bound, next to its field
    const above = await refused('POST', '/api/people/exams', exam({ passPercent: 101 }));
    assert.equal(above.field, 'body.passPercent');
    assert.equal(above.reason, 'input.tooBig');
    assert.equal(above.params.maximum, 100);
    assert.deepEqual((await trainer.req('GET', '/api/people/exams')).body, [], 'no exam stored');

    // the plan and sessions name a missing team or course
    const course = await trainer.req('POST', '/api/people/courses', { title: '账务基础' });
    assert.equal(course.status, 200);
    assert.deepEqual(await refused('POST', '/api/people/plan', { teamId: 9999, year: 2026, month: 3, courseId: course.body.id }), {
      field: 'teamId',
      reason: 'people.teamMissing',
      params: { teamId: 9999 },
    });
    assert.deepEqual(await refused('POST', '/api/people/sessions', { courseId: 9999, teamId: null, startsAt: Date.UTC(2026, 10, 3, 1) }), {
      field: 'courseId',
      reason: 'people.courseMissing',
      params: { courseId: 9999 },
    });
    assert.deepEqual((await trainer.req('GET', '/api/people/plan', undefined)).body, [], 'no plan item stored');
    assert.deepEqual((await trainer.req('GET', '/api/people/sessions')).body, [], 'no session stored');

    // a trainer's mark for a short answer above the question's points
    const short = await trainer.req('POST', '/api/people/questions', { bank: '服务', questions: [{ kind: 'short', text: '如何安抚投诉客户？', points: 10 }] });
    const [sid] = short.body.ids as number[];
    const shortExam = await trainer.req('POST', '/api/people/exams', { title: '服务简答', questionIds: [sid], timeLimitMin: 10 });
    assert.equal(shortExam.status, 200);
    const a1 = await as('a1');
    const started = await a1.req('POST', `/api/people/exams/${shortExam.body.id}/start`);
    assert.equal(started.status, 200);
    const sub = await a1.req('POST', `/api/people/attempts/${started.body.attemptId}/submit`, { answers: { [sid]: '先倾听再道歉' } });
    assert.equal(sub.body.status, 'pending_manual');
    const high = await trainer.req('POST', `/api/people/attempts/${started.body.attemptId}/marks`, { marks: { [sid]: 11 } });
    assert.equal(high.status, 400);
    assert.deepEqual([high.body.field, high.body.reason, high.body.params], [`marks.${sid}`, 'people.markOutOfRange', { max: 10 }]);
    assert.equal((await trainer.req('GET', '/api/people/attempts/pending')).body.length, 1, 'still waiting for its mark');

    // certification: a queue not under certification cannot be taken out; an uncertified agent cannot go live on one
    const gone = await trainer.req('DELETE', '/api/people/cert-queues/billing');
    assert.equal(gone.status, 404);
    assert.deepEqual([gone.body.reason, gone.body.params], ['people.certQueueMissing', { queue: 'billing' }]);
    assert.equal((await trainer.req('PUT', '/api/people/cert-queues/billing', {})).status, 200);
    const admin = await as('admin');
    const live = await admin.req('PATCH', `/api/agents/${org.agents.a1}`, { queues: ['general', 'billing'] });
    assert.equal(live.status, 400);
    assert.deepEqual([live.body.field, live.body.reason, live.body.params], ['queues', 'people.notCertified', { queue: 'billing' }]);
    assert.deepEqual((await admin.req('GET', `/api/agents/${org.agents.a1}`)).body.queues, ['general'], 'queues unchanged');

    // surveys (the center's admins): two questions with one id, a scale whose top is not above its bottom
    const survey = async (questions: unknown[]) => {
      const r = await admin.req('POST', '/api/people/surveys', { title: '满意度', invited: 10, questions });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      return { field: r.body.field, reason: r.body.reason, params: r.body.params };
    };
    assert.deepEqual(
      await survey([
        { id: 'q1', kind: 'text', text: '建议' },
        { id: 'q1', kind: 'text', text: '其他' },
      ]),
      { field: 'questions.1.id', reason: 'input.duplicate', params: { value: 'q1' } },
    );
    assert.deepEqual(await survey([{ id: 'q1', kind: 'scale', text: '满意度', min: 5, max: 5 }]), {
      field: 'questions.0.max',
      reason: 'people.scaleMaxNotAboveMin',
      params: { min: 5 },
    });
    assert.deepEqual((await admin.req('GET', '/api/people/surveys')).body, [], 'no survey stored');
  } finally {
    await app.close();
  }
});
