import { test } from 'node:test';
import assert from 'node:assert/strict';
import { campProgress, tenureWeeks } from './camp';

test('tenure in whole weeks', () => {
  assert.equal(tenureWeeks('2024-01-01', '2024-02-05'), 5); // 35 days / 7
  assert.equal(tenureWeeks('2024-01-01', '2024-01-14'), 1); // 13 days → 1
});

test('title ladder with the next rung and what is missing', () => {
  const p = campProgress({ hireDate: '2024-01-01', asOf: '2024-02-05', figures: { qaScore: 86, csat: 0.975 } });
  // 5 weeks: 新兵 (0) ✓, 列兵 (2 w, qa ≥ 80) ✓, 上等兵 (4 w, qa ≥ 85, csat ≥ 0.97) ✓, 下士 (8 w …) ✗
  assert.equal(p.title, '上等兵');
  assert.equal(p.inCamp, true);
  assert.deepEqual(p.next, {
    title: '下士',
    unmet: ['weeks 5 < 8', 'qaScore 86 < 90', 'csat 0.975 < 0.98', 'aht missing'],
    // the same gaps as data, for the web to say in the user's language (下士: 8 w, qa ≥ 90, csat ≥ 0.98, aht ≤ 170)
    gaps: [
      { key: 'weeks', actual: 5, op: 'min', bound: 8 },
      { key: 'qaScore', actual: 86, op: 'min', bound: 90 },
      { key: 'csat', actual: 0.975, op: 'min', bound: 0.98 },
      { key: 'aht', actual: null, op: 'max', bound: 170 },
    ],
  });
});

test('a missing figure stops the climb; after maxWeeks the agent graduates', () => {
  const p = campProgress({ hireDate: '2024-01-01', asOf: '2024-02-05', figures: { csat: 0.99 } });
  assert.equal(p.title, '新兵');
  assert.deepEqual(p.next, { title: '列兵', unmet: ['qaScore missing'], gaps: [{ key: 'qaScore', actual: null, op: 'min', bound: 80 }] });
  const g = campProgress({ hireDate: '2024-01-01', asOf: '2024-04-01', figures: {} }); // 91 days = 13 weeks ≥ 12
  assert.equal(g.inCamp, false);
});
