import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answers, fixtureTemplate } from './fixtures';
import { itemFailStats, linearTrend, mostFailedItems } from './report';
import { scoreEvaluation, type ScoredEvaluation } from './score';

test('least-squares trend over a monthly series', () => {
  const tr = linearTrend([10, 8, 9, 6, 5])!;
  // x̄ = 2, ȳ = 38/5 = 7.6; Sxx = 4+1+0+1+4 = 10
  // Sxy = (−2)(2.4) + (−1)(0.4) + 0 + (1)(−1.6) + (2)(−2.6) = −4.8 − 0.4 − 1.6 − 5.2 = −12
  // slope = −1.2; intercept = 7.6 − (−1.2)(2) = 10; fitted[4] = 10 − 4.8 = 5.2
  assert.ok(Math.abs(tr.slope + 1.2) < 1e-12);
  assert.ok(Math.abs(tr.intercept - 10) < 1e-12);
  assert.ok(Math.abs(tr.fitted[4]! - 5.2) < 1e-12);
  const gap = linearTrend([2, null, 6])!; // points (0,2), (2,6): slope 2, intercept 2, fitted[1] = 4
  assert.deepEqual([gap.slope, gap.intercept, gap.fitted[1], gap.n], [2, 2, 4, 2]);
  assert.equal(linearTrend([3]), null);
});

test('most-failed items, calibration excluded', () => {
  const t = fixtureTemplate();
  const ev = (id: string, a: ReturnType<typeof answers>, calibration = false): ScoredEvaluation => ({
    id,
    callId: id,
    agentId: 'A',
    evaluatorId: 'q',
    calibration,
    result: scoreEvaluation(t, a),
  });
  const rows = mostFailedItems([
    ev('1', answers(1, 1, 3, 1)),
    ev('2', answers(null, 1, 3, 1)),
    ev('3', answers(2, 1, 4, 0)),
    ev('4', answers(0, 0, 0, 0), true),
  ]);
  // accuracy failed 2/3; greet 1/2 (N/A once); privacy 1/3; verify never
  assert.deepEqual(
    rows.map((r) => [r.itemId, r.failed, r.scored]),
    [
      ['accuracy', 2, 3],
      ['greet', 1, 2],
      ['privacy', 1, 3],
    ],
  );
});

test('one item fail stats: N/A and calibration left out', () => {
  const t = fixtureTemplate();
  const mk = (id: string, a: ReturnType<typeof answers>, calibration = false): ScoredEvaluation => ({
    id,
    callId: id,
    agentId: 'A',
    evaluatorId: 'Q',
    calibration,
    result: scoreEvaluation(t, a),
  });
  const evals = [
    mk('1', answers(1, 1, 4, 1)), // greet 1 < max 2 → failed
    mk('2', answers(2, 1, 4, 1)), // greet passed
    mk('3', answers(null, 1, 4, 1)), // greet N/A → not scored
    mk('4', answers(0, 1, 4, 1), true), // calibration → left out
  ];
  // scored 2 (evals 1, 2), failed 1 → 1/2
  assert.deepEqual(itemFailStats(evals, 'greet'), { scored: 2, failed: 1, failRate: 0.5 });
  assert.deepEqual(itemFailStats(evals.slice(2), 'greet'), { scored: 0, failed: 0, failRate: null });
});
