import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answers, fixtureTemplate } from './fixtures';
import { calibrate, spread } from './calibration';

const close = (a: number | null | undefined, b: number, eps = 1e-9) => {
  assert.ok(a != null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);
};

test('spread: min, max, mean, median, population stddev', () => {
  const s = spread([2, 4, 4, 4, 5, 5, 7, 9]);
  // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; variance 32/8 = 4; stddev 2; median (4+5)/2
  assert.deepEqual(s, { n: 8, min: 2, max: 9, mean: 5, median: 4.5, stddev: 2 });
  assert.equal(spread([]).mean, null);
});

test('calibration shows spread per item and who deviates', () => {
  const r = calibrate(
    fixtureTemplate(),
    [
      { evaluatorId: 'E1', answers: answers(2, 1, 4, 1) }, // 100
      { evaluatorId: 'E2', answers: answers(2, 1, 3, 1) }, // open 100, biz (70*75+30*100)/100 = 82.5 → 40 + 49.5 = 89.5
      { evaluatorId: 'E3', answers: answers(1, 1, 1, 1) }, // open (50+100)/2 = 75, biz (70*25+30*100)/100 = 47.5 → 30 + 28.5 = 58.5
    ],
    { center: 'median', scoreThreshold: 11, itemThreshold: 25 },
  );
  // totals 100, 89.5, 58.5: median 89.5; deviations +10.5 (≤ 11), 0, −31 (> 11)
  assert.deepEqual(
    r.byEvaluator.map((e) => [e.evaluatorId, e.deviation, e.deviates]),
    [
      ['E1', 10.5, false],
      ['E2', 0, false],
      ['E3', -31, true],
    ],
  );
  // mean 248/3; variance = (100² + 89.5² + 58.5²)/3 − (248/3)² = 21432.5/3 − 61504/9 = 2793.5/9
  close(r.scoreSpread.mean, 248 / 3);
  close(r.scoreSpread.stddev, Math.sqrt(2793.5 / 9));
  const acc = r.items.find((i) => i.itemId === 'accuracy')!;
  // item scores 100, 75, 25; median 75; E1 +25 is not beyond 25, E3 −50 is
  assert.deepEqual([acc.spread.min, acc.spread.max, acc.spread.median], [25, 100, 75]);
  close(acc.spread.mean, 200 / 3);
  assert.deepEqual(
    acc.byEvaluator.map((e) => e.deviates),
    [false, false, true],
  );
  assert.deepEqual(r.deviating, ['E3']);
});

test('calibration: mean centre and N/A mismatch', () => {
  const r = calibrate(
    fixtureTemplate(),
    [
      { evaluatorId: 'E1', answers: answers(null, 1, 4, 1) },
      { evaluatorId: 'E2', answers: answers(2, 1, 4, 1) },
      { evaluatorId: 'E3', answers: answers(2, 1, 4, 1) },
    ],
    { center: 'mean' },
  );
  const greet = r.items.find((i) => i.itemId === 'greet')!;
  assert.deepEqual(greet.naMismatch, ['E1']);
  assert.equal(greet.spread.n, 2);
  // all three totals are 100 (E1: open = verify = 100) → nobody deviates
  assert.deepEqual(r.deviating, []);
});
