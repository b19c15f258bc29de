import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ladderStep, type LadderAsk } from './callinLadder';

const people = [
  { staffId: 11, reachable: true },
  { staffId: 12, reachable: false },
  { staffId: 13, reachable: true },
];
const ask = (id: number, orderNo: number, answer: LadderAsk['answer'], dueAt: number): LadderAsk => ({ id, orderNo, answer, dueAt });

test('a raised level asks the first person of its order', () => {
  assert.deepEqual(ladderStep(people, [], 0), { timedOut: [], skipped: [], ask: { staffId: 11, orderNo: 1 } });
});

test('nobody new is asked while the one asked is within their answer time', () => {
  assert.deepEqual(ladderStep(people, [ask(1, 1, 'pending', 600)], 599), { timedOut: [], skipped: [], ask: null });
});

test('when the answer time runs out the ask times out and the next reachable person is asked, the unreachable one skipped', () => {
  // due at 600, now 600: timed out; person 2 (no user) skipped; person 3 asked
  assert.deepEqual(ladderStep(people, [ask(1, 1, 'pending', 600)], 600), {
    timedOut: [1],
    skipped: [{ staffId: 12, orderNo: 2 }],
    ask: { staffId: 13, orderNo: 3 },
  });
});

test('a decline or an acceptance moves on at once, before the answer time', () => {
  assert.deepEqual(ladderStep(people, [ask(1, 1, 'declined', 600)], 10).ask, { staffId: 13, orderNo: 3 });
  assert.deepEqual(ladderStep(people, [ask(1, 1, 'accepted', 600)], 10).ask, { staffId: 13, orderNo: 3 });
});

test('the end of the list, or a stood-down level, asks nobody', () => {
  assert.equal(ladderStep(people, [ask(1, 1, 'declined', 600), ask(2, 3, 'timedOut', 1200)], 5000).ask, null);
  assert.equal(ladderStep(people, [ask(1, 1, 'stopped', 600)], 5000).ask, null);
});
