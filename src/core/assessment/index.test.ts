import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dimensionLevels, isGap, overallLevel, STARTER_CHECKLIST, STARTER_LEVEL_NAMES, DIMENSIONS } from './index';

test('a dimension level is the weighted mean of its scored points, rounded down; N/A and zero weights leave it', () => {
  const levels = dimensionLevels([
    // strategy: (3·2 + 1·5) / 4 = 11/4 = 2.75 → 2
    { dimension: 'strategy', weight: 3, level: 2 },
    { dimension: 'strategy', weight: 1, level: 5 },
    { dimension: 'strategy', weight: 2, level: null },
    // people: three points at 5 weighing 0.1 each: 5 → 5 (in floats 1.5 / 0.3 = 4.999999999999999, which must not floor to 4)
    { dimension: 'people', weight: 0.1, level: 5 },
    { dimension: 'people', weight: 0.1, level: 5 },
    { dimension: 'people', weight: 0.1, level: 5 },
    // process: only N/A → no level
    { dimension: 'process', weight: 1, level: null },
    // platform: a zero weight counts for nothing: 6 alone
    { dimension: 'platform', weight: 0, level: 0 },
    { dimension: 'platform', weight: 1, level: 6 },
  ]);
  assert.deepEqual(levels, { strategy: 2, people: 5, process: null, platform: 6, performance: null });
  assert.equal(overallLevel(levels), null);
  assert.equal(overallLevel({ strategy: 2, people: 4, process: 1, platform: 6, performance: 3 }), 1);
});

test('a gap is a scored point below the target; N/A is never a gap', () => {
  assert.equal(isGap(2, 3), true);
  assert.equal(isGap(3, 3), false);
  assert.equal(isGap(null, 3), false);
  assert.equal(isGap(0, 0), false);
});

test('the starting checklist: seven named levels, 35 points, seven per dimension, unique codes, positive weights', () => {
  assert.equal(STARTER_LEVEL_NAMES.length, 7);
  assert.equal(STARTER_CHECKLIST.length, 35);
  for (const d of DIMENSIONS) assert.equal(STARTER_CHECKLIST.filter((p) => p.dimension === d).length, 7, d);
  assert.equal(new Set(STARTER_CHECKLIST.map((p) => p.code)).size, 35);
  assert.ok(STARTER_CHECKLIST.every((p) => p.weight > 0));
});
