import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answers, fixtureTemplate } from './fixtures';
import { parseTemplate } from './template';
import { checkAnswers, evaluationTargetErrors, qaComponents, qaRates, qaRatesBy, QualityInputError, scoreEvaluation, type ScoredEvaluation } from './score';

const close = (a: number | null, b: number, eps = 1e-9) => {
  assert.ok(a !== null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

test('fixture template validates', () => {
  const r = parseTemplate(fixtureTemplate());
  assert.equal(r.ok, true);
});

test('weights that do not add up are a clear error naming the field', () => {
  const t = fixtureTemplate();
  t.sections[1]!.weight = 50; // 40 + 50 = 90
  t.sections[0]!.items[1]!.weight = 40; // 50 + 40 = 90
  const r = parseTemplate(t);
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors.map((e) => `${e.path}: ${e.message}`).sort(), [
    'sections: section weights add up to 90, must be 100',
    'sections[0].items: item weights add up to 90, must be 100',
  ]);
});

test('bad item bounds, option out of range, duplicate ids, missing fields', () => {
  const t = fixtureTemplate() as any;
  t.sections[0].items[0].options[2].value = 3;
  t.sections[1].items[0].max = 0;
  t.sections[1].items[1].id = 'greet';
  delete t.name;
  const r = parseTemplate(t);
  assert.equal(r.ok, false);
  if (r.ok) return;
  const paths = r.errors.map((e) => e.path).sort();
  assert.deepEqual(paths, ['name', 'sections[0].items[0].options[2].value', 'sections[1].items[0].max', 'sections[1].items[1].id']);
});

test('evaluation score: weighted items, weighted sections', () => {
  const r = scoreEvaluation(fixtureTemplate(), answers(1, 1, 3, 1));
  // greet 100*(1-0)/(2-0) = 50; verify 100; open = (50*50 + 50*100)/100 = 75
  // accuracy 100*3/4 = 75; privacy 100; biz = (70*75 + 30*100)/100 = 52.5 + 30 = 82.5
  // evaluation = (40*75 + 60*82.5)/100 = 30 + 49.5 = 79.5
  close(r.sections[0]!.score, 75);
  close(r.sections[1]!.score, 82.5);
  close(r.score, 79.5);
  assert.equal(r.fatal, false);
  assert.deepEqual(
    r.items.filter((i) => i.failed).map((i) => i.itemId),
    ['greet', 'accuracy'],
  );
});

test('N/A item leaves the section mean', () => {
  const r = scoreEvaluation(fixtureTemplate(), answers(null, 1, 3, 1));
  // open = verify only = 100; biz = 82.5; evaluation = (40*100 + 60*82.5)/100 = 40 + 49.5 = 89.5
  close(r.sections[0]!.score, 100);
  close(r.score, 89.5);
});

test('all-N/A section leaves the evaluation mean', () => {
  const r = scoreEvaluation(fixtureTemplate(), answers(null, null, 3, 1));
  // open has no score; evaluation = biz = 82.5
  assert.equal(r.sections[0]!.score, null);
  close(r.score, 82.5);
});

test('failed fatal item zeroes the evaluation, answers kept; flag mode keeps the score and flags', () => {
  const z = scoreEvaluation(fixtureTemplate('zero'), answers(2, 1, 4, 0));
  // raw: open = 100; biz = (70*100 + 30*0)/100 = 70; raw = (40*100 + 60*70)/100 = 40 + 42 = 82
  close(z.rawScore, 82);
  assert.equal(z.score, 0);
  assert.equal(z.fatal, true);
  assert.equal(z.flagged, false);
  assert.deepEqual(z.fatalFailed, ['privacy']);
  assert.equal(z.items.length, 4);
  const f = scoreEvaluation(fixtureTemplate('flag'), answers(2, 1, 4, 0));
  close(f.score, 82);
  assert.equal(f.flagged, true);
});

test('answers that do not fit are rejected naming the field', () => {
  const t = fixtureTemplate();
  const errs = checkAnswers(t, [
    { itemId: 'greet', value: 1.5 },
    { itemId: 'verify', value: 2 },
    { itemId: 'privacy', value: null },
    { itemId: 'nope', value: 1 },
  ]);
  assert.deepEqual(
    errs.map((e) => e.path),
    ['answers[0].value', 'answers[1].value', 'answers', 'answers[2].value', 'answers[3].itemId'],
  );
  assert.throws(() => scoreEvaluation(t, answers(1, 1, 1, null)), QualityInputError);
});

test('fatalRate and nonFatalRate, calibration excluded', () => {
  const t = fixtureTemplate();
  const ev = (id: string, agentId: string, a: ReturnType<typeof answers>, calibration = false): ScoredEvaluation => ({
    id,
    callId: 'c' + id,
    agentId,
    evaluatorId: 'qa1',
    calibration,
    result: scoreEvaluation(t, a),
  });
  const evals = [
    ev('1', 'A', answers(1, 1, 3, 1)), // non-fatal scored 3, failed 2 (greet, accuracy); score 79.5
    ev('2', 'A', answers(null, 1, 3, 1)), // scored 2 (verify, accuracy), failed 1; score 89.5
    ev('3', 'B', answers(2, 1, 4, 0)), // fatal; non-fatal scored 3, failed 0; score 0
    ev('4', 'B', answers(0, 0, 0, 0), true), // calibration: ignored
  ];
  const r = qaRates(evals);
  assert.equal(r.evaluations, 3);
  assert.equal(r.fatalEvaluations, 1);
  close(r.fatalRate, 1 / 3);
  // non-fatal: failed (2+1+0) = 3 over scored (3+2+3) = 8 → 0.375
  assert.equal(r.nonFatalFailed, 3);
  assert.equal(r.nonFatalScored, 8);
  close(r.nonFatalRate, 0.375);
  // average (79.5 + 89.5 + 0) / 3 = 169 / 3
  close(r.averageScore, 169 / 3);
  const by = qaRatesBy(evals, (e) => e.agentId);
  assert.deepEqual(
    by.map((g) => [g.key, g.rates.evaluations, g.rates.fatalRate]),
    [
      ['A', 2, 0],
      ['B', 1, 1],
    ],
  );
  assert.equal(qaRates([]).fatalRate, null);
});

test('QA components for performance KPIs, and an evaluation of a call that does not exist', () => {
  const t = fixtureTemplate();
  const mk = (id: string, a: ReturnType<typeof answers>, calibration = false): ScoredEvaluation => ({
    id,
    callId: id,
    agentId: 'A',
    evaluatorId: 'q',
    calibration,
    result: scoreEvaluation(t, a),
  });
  // scores 79.5, 0 (fatal, zero mode); calibration ignored
  const c = qaComponents([mk('1', answers(1, 1, 3, 1)), mk('2', answers(2, 1, 4, 0)), mk('3', answers(2, 1, 4, 1), true)]);
  assert.deepEqual(c, { evaluations: 2, qaScored: 2, qaScoreSum: 79.5, fatalEvaluations: 1, nonFatalFailed: 2, nonFatalScored: 6 });
  const errs = evaluationTargetErrors({ callId: 'nope', call: undefined, agentId: 'A', template: undefined, templateRef: { id: 'x', version: 2 } });
  assert.deepEqual(
    errs.map((e) => e.message),
    ['call "nope" does not exist', 'scorecard x v2 does not exist'],
  );
});
