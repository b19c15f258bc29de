import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PeopleError } from './errors';
import { atRiskList, attritionRate, leaveReasonsByMonth, monthlyAttrition, tenureAtLeaving, type Employee } from './attrition';

const staff: Employee[] = [
  { id: 'e1', teamId: 't1', hiredOn: '2023-01-01', leftOn: null },
  { id: 'e2', teamId: 't1', hiredOn: '2023-06-01', leftOn: '2024-03-15', reasonCode: 'pay', reasonText: '工资低' },
  { id: 'e3', teamId: 't1', hiredOn: '2024-03-10', leftOn: null },
  { id: 'e4', teamId: 't1', hiredOn: '2024-02-01', leftOn: '2024-02-28', reasonCode: 'pressure' },
  { id: 'e5', teamId: 't1', hiredOn: '2022-01-01', leftOn: '2024-03-31', reasonCode: 'career' },
  { id: 'e6', teamId: 't2', hiredOn: '2022-01-01', leftOn: '2024-03-05', reasonCode: 'pay' },
];

test('attrition rate = leavers / ((start + end) / 2)', () => {
  assert.equal(attritionRate(2, 3, 2), 0.8); // 2 / ((3 + 2) / 2) = 2 / 2.5
  assert.equal(attritionRate(0, 0, 0), null);
  const m = monthlyAttrition(staff, '2024-03', 't1');
  // Start of Mar 1: e1, e2, e5 (e4 left Feb 28, e3 not yet hired) = 3.
  // After Mar 31: e1, e3 (e5's last day was the 31st) = 2. Leavers in March: e2, e5 = 2.
  assert.deepEqual(m, { month: '2024-03', teamId: 't1', leavers: 2, headcountStart: 3, headcountEnd: 2, averageHeadcount: 2.5, rate: 0.8 });
  // Whole center adds e6 (t2): start 4, end 2, leavers 3 → 3 / 3 = 1
  assert.equal(monthlyAttrition(staff, '2024-03').rate, 1);
  // February, t1: start Feb 1: e1, e2, e4, e5 = 4; end: e1, e2, e5 = 3; leavers e4 = 1 → 1 / 3.5 = 0.2857
  assert.equal(monthlyAttrition(staff, '2024-02', 't1').rate, 0.2857);
});

test('reasons over time and tenure at leaving', () => {
  const r = leaveReasonsByMonth(staff);
  assert.deepEqual(
    r.map((x) => [x.month, x.total, x.counts.pay, x.counts.career, x.counts.pressure]),
    [
      ['2024-02', 1, 0, 0, 1],
      ['2024-03', 3, 2, 1, 0],
    ],
  );
  assert.throws(
    () => leaveReasonsByMonth([{ ...staff[1]!, reasonCode: 'bored' }]),
    (e: PeopleError) => e.field === 'employees[0].reasonCode',
  );
  // e2: 2023-06-01 → 2024-03-15 = 9 months; e4: 0; e5: 2022-01 → 2024-03 = 26; e6: 2022-01-01 → 2024-03-05 = 26
  assert.deepEqual(
    tenureAtLeaving(staff).map((b) => b.leavers),
    [1, 0, 1, 0, 2],
  );
});

test('at-risk list combines low mood, falling scores and absences, with reasons', () => {
  const list = atRiskList([
    { agentId: 'x', teamId: 't1', recentMoods: [2, 3, 2], scores: [90, 88, 84], absences: 3 }, // 7/3 = 2.33 ≤ 2.5; 84 − 90 = −6; 3 ≥ 2
    { agentId: 'y', teamId: 't1', recentMoods: [4, 4], scores: [80, 76], absences: 2 }, // only absences
    { agentId: 'z', teamId: 't1', recentMoods: [3], scores: [70, 80], absences: 0 }, // nothing
    { agentId: 'w', teamId: 't1', recentMoods: [3, 2], scores: [], absences: 0 }, // 5/2 = 2.5 ≤ 2.5
  ]);
  // x: 0.4 + 0.35 + 0.25 = 1; w: 0.4; y: 0.25
  assert.deepEqual(
    list.map((e) => [e.agentId, e.score, e.reasons.length]),
    [
      ['x', 1, 3],
      ['w', 0.4, 1],
      ['y', 0.25, 1],
    ],
  );
  assert.match(list[0]!.reasons[1]!, /90降到84/);
});
