import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeopleError } from './errors';
import { aggregateSurvey, anonymize, type Survey } from './voice';

test('anonymous posts keep no identity', () => {
  const p = anonymize({
    kind: 'complaint',
    text: ' 排班太紧 ',
    anonymous: true,
    authorId: 'a1',
    teamId: 't1',
    at: '2024-03-04T09:13:27Z',
    name: '张三',
    ip: '10.0.0.8',
  });
  assert.deepEqual(p, { anonymous: true, kind: 'complaint', text: '排班太紧', category: null, date: '2024-03-04' });
  const s = JSON.stringify(p);
  for (const leak of ['a1', 't1', '张三', '10.0.0.8', '09:13']) assert.equal(s.includes(leak), false, leak);
  const named = anonymize({ kind: 'suggestion', text: '增加休息区', anonymous: false, authorId: 'a1', at: '2024-03-04T09:13:27Z' });
  assert.equal(named.anonymous === false && named.authorId, 'a1');
  assert.throws(
    () => anonymize({ kind: 'suggestion', text: '  ', anonymous: true, authorId: 'a1', at: '2024-03-04T09:13:27Z' }),
    (e: PeopleError) => e.field === 'text',
  );
});

test('survey results: counts, scale mean, response rate', () => {
  const survey: Survey = {
    id: 's1',
    questions: [
      { id: 'q1', kind: 'single', text: '满意吗', options: ['满意', '一般', '不满意'] },
      { id: 'q2', kind: 'scale', text: '打分', min: 1, max: 5 },
      { id: 'q3', kind: 'text', text: '建议' },
      { id: 'q4', kind: 'multiple', text: '希望的活动', options: ['聚餐', '运动', '旅游'] },
    ],
  };
  const r = aggregateSurvey(
    survey,
    [
      { answers: { q1: 0, q2: 5, q3: 'b', q4: [0, 1] } },
      { answers: { q1: 0, q2: 4, q4: [1] } },
      { answers: { q1: 2, q2: 2, q3: 'a' } },
      { answers: { q1: 1 } },
    ],
    5,
  );
  assert.equal(r.responseRate, 0.8); // 4 / 5
  assert.deepEqual(r.questions[0], { id: 'q1', kind: 'single', answered: 4, counts: [2, 1, 1] });
  // (5 + 4 + 2) / 3 = 11 / 3 = 3.67
  assert.deepEqual(r.questions[1], { id: 'q2', kind: 'scale', answered: 3, counts: [0, 1, 0, 1, 1], mean: 3.67 });
  assert.deepEqual(r.questions[2], { id: 'q3', kind: 'text', answered: 2, texts: ['a', 'b'] });
  assert.deepEqual(r.questions[3], { id: 'q4', kind: 'multiple', answered: 2, counts: [1, 2, 0] });
  assert.throws(
    () => aggregateSurvey(survey, [{ answers: { q2: 6 } }], 5),
    (e: PeopleError) => e.field === 'responses[0].answers.q2',
  );
  assert.throws(
    () => aggregateSurvey(survey, [{ answers: {} }, { answers: {} }], 1),
    (e: PeopleError) => e.field === 'invited',
  );
});
