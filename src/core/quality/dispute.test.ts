import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answers, fixtureTemplate } from './fixtures';
import { decideDispute, disputeDeadline, openDispute, type DisputableEvaluation } from './dispute';
import { scoreEvaluation } from './score';

const t = fixtureTemplate();
const ev: DisputableEvaluation = {
  id: 'ev1',
  agentId: 'A',
  notifiedAt: '2024-03-01T10:00:00Z',
  answers: answers(1, 1, 3, 1), // 79.5 (see score.test.ts)
  answerHistory: [],
};
const open = (now: string, extra: Partial<Parameters<typeof openDispute>[0]> = {}) =>
  openDispute({ id: 'd1', evaluation: ev, template: t, itemId: 'greet', agentId: 'A', reason: '我說了問候語', now, ...extra });

test('dispute window: 7 days after notification, inclusive', () => {
  assert.equal(disputeDeadline(ev), '2024-03-08T10:00:00.000Z');
  assert.equal(open('2024-03-08T10:00:00Z').ok, true);
  const late = open('2024-03-08T10:00:01Z');
  assert.equal(late.ok, false);
  if (!late.ok) assert.match(late.errors[0]!.message, /dispute window closed at 2024-03-08T10:00:00.000Z/);
  const early = openDispute({
    id: 'd',
    evaluation: { ...ev, notifiedAt: null },
    template: t,
    itemId: 'greet',
    agentId: 'A',
    reason: 'x',
    now: '2024-03-01T00:00:00Z',
  });
  assert.equal(early.ok, false);
});

test('bad dispute input names the field', () => {
  const r = open('2024-03-02T00:00:00Z', { itemId: 'nope', agentId: 'B', reason: ' ' });
  assert.equal(r.ok, false);
  if (!r.ok)
    assert.deepEqual(
      r.errors.map((e) => e.path),
      ['agentId', 'itemId', 'reason'],
    );
});

test('upheld dispute changes the answer, recomputes the score, keeps history', () => {
  const d = open('2024-03-02T00:00:00Z');
  assert.ok(d.ok);
  if (!d.ok) return;
  assert.equal(scoreEvaluation(t, ev.answers).score, 79.5);
  const r = decideDispute(d.value, ev, t, { decision: 'upheld', by: 'lead', at: '2024-03-03T00:00:00Z', note: '錄音確認', newValue: 2 });
  assert.ok(r.ok);
  if (!r.ok) return;
  // greet 2 → open = 100; evaluation = (40*100 + 60*82.5)/100 = 40 + 49.5 = 89.5
  assert.equal(r.value.result.score, 89.5);
  assert.equal(r.value.dispute.state, 'upheld');
  assert.deepEqual(
    r.value.dispute.history.map((h) => h.state),
    ['open', 'upheld'],
  );
  assert.deepEqual(r.value.evaluation.answerHistory, [{ itemId: 'greet', from: 1, to: 2, at: '2024-03-03T00:00:00Z', by: 'lead', disputeId: 'd1' }]);
  assert.equal(ev.answers[0]!.value, 1); // input untouched
  // a second decision is refused
  const again = decideDispute(r.value.dispute, r.value.evaluation, t, { decision: 'rejected', by: 'lead', at: 'x', note: '' });
  assert.equal(again.ok, false);
  // a second open dispute on the same item is refused while one is open
  const dup = open('2024-03-02T00:00:00Z', { existing: [d.value] });
  assert.equal(dup.ok, false);
});

test('rejected dispute keeps the score; upheld needs a valid value', () => {
  const d = open('2024-03-02T00:00:00Z');
  if (!d.ok) throw new Error('open failed');
  const r = decideDispute(d.value, ev, t, { decision: 'rejected', by: 'lead', at: '2024-03-03T00:00:00Z', note: '未按標準' });
  assert.ok(r.ok && r.value.result.score === 79.5 && r.value.evaluation.answerHistory.length === 0);
  const missing = decideDispute(d.value, ev, t, { decision: 'upheld', by: 'lead', at: 'x', note: '' });
  assert.ok(!missing.ok && missing.errors[0]!.path === 'newValue');
  const bad = decideDispute(d.value, ev, t, { decision: 'upheld', by: 'lead', at: 'x', note: '', newValue: 3 });
  assert.ok(!bad.ok && bad.errors[0]!.path === 'newValue');
});
