import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plannedShrinkage } from './shrinkage';

test('a requirement keeps the planned-activity share beside the sum and the leave share', () => {
  // 3 % + 2 % + 1 % (training, coaching, meetings) = 6 % booked as activities; sickness and other are not
  const c = [
    { category: 'training', fraction: 0.03 },
    { category: 'coaching', fraction: 0.02 },
    { category: 'meetings', fraction: 0.01 },
    { category: 'leave', fraction: 0.05 },
    { category: 'sickness', fraction: 0.04 },
    { category: 'other', fraction: 0.01 },
  ];
  assert.deepEqual(plannedShrinkage(c), { total: 0.16, leave: 0.05, activity: 0.06 });
  assert.deepEqual(plannedShrinkage([{ category: 'sickness', fraction: 0.1 }]), { total: 0.1, leave: 0, activity: 0 });
  assert.deepEqual(plannedShrinkage([]), { total: 0, leave: 0, activity: 0 });
});
