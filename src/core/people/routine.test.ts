import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateReports, isoWeekKey, kpisOf, monthlyTaskCompletion, postShiftSummary, preShiftBriefing, unreadNotices, type DailyFigures } from './routine';
import type { AttendanceRecord } from './attendance';

const day1: DailyFigures = {
  offered: 200,
  answered: 180,
  abandoned: 20,
  shortAbandoned: 10,
  slAnswered: 152,
  handled: 180,
  talkS: 27000,
  holdS: 1800,
  acwS: 3600,
};
const day2: DailyFigures = { offered: 100, answered: 100, abandoned: 0, shortAbandoned: 0, slAnswered: 98, handled: 100, talkS: 15000, holdS: 0, acwS: 3000 };

test('KPIs per DESIGN.md', () => {
  // 180/200 = 0.9; SL 152/(200−10) = 0.8; AHT (27000+1800+3600)/180 = 32400/180 = 180 s
  assert.deepEqual(kpisOf(day1), { answerRate: 0.9, serviceLevel: 0.8, aht: 180 });
  assert.deepEqual(kpisOf({ ...day1, offered: 0, shortAbandoned: 0, handled: 0 }), { answerRate: null, serviceLevel: null, aht: null });
});

test('pre-shift briefing from yesterday', () => {
  const b = preShiftBriefing({
    teamId: 't1',
    date: '2024-03-04', // Monday
    now: '2024-03-04T08:30:00+08:00',
    yesterday: day1,
    targets: { answerRate: 0.92, serviceLevel: 0.8, aht: 170 },
    qa: [
      { evaluationId: 'e1', agentId: 'a', score: 92, fatalFailed: false },
      { evaluationId: 'e2', agentId: 'b', score: 75, fatalFailed: false },
      { evaluationId: 'e3', agentId: 'c', score: 0, fatalFailed: true },
    ],
    workOrders: [
      { id: 'w1', title: '回访', dueAt: '2024-03-03T18:00:00+08:00' },
      { id: 'w2', title: '报修', dueAt: '2024-03-05T18:00:00+08:00' },
      { id: 'w3', title: '建议', dueAt: null },
    ],
    schedule: [
      { agentId: 'b', start: '2024-03-04T09:00:00+08:00', end: '2024-03-04T18:00:00+08:00' },
      { agentId: 'a', start: '2024-03-04T08:00:00+08:00', end: '2024-03-04T17:00:00+08:00' },
    ],
    notices: [{ id: 'n1', text: '今日燃气调价', authorId: 'L1' }],
  });
  assert.deepEqual(
    b.kpis.map((k) => [k.name, k.met]),
    [
      ['answerRate', false],
      ['serviceLevel', true],
      ['aht', false],
    ],
  );
  // QA: (92 + 75 + 0) / 3 = 55.67; coach list: fatal first, then lowest score under 80.
  assert.equal(b.qa.average, 55.67);
  assert.deepEqual(
    b.qa.coach.map((c) => c.agentId),
    ['c', 'b'],
  );
  assert.deepEqual(
    b.workOrders.overdue.map((w) => w.id),
    ['w1'],
  );
  assert.equal(b.workOrders.open, 3);
  assert.deepEqual(
    b.schedule.shifts.map((s) => s.agentId),
    ['a', 'b'],
  );
  assert.equal(b.longerMeeting, true);
  assert.ok(b.highlights.some((h) => h.includes('接通率90%')));
  assert.ok(b.highlights.some((h) => h.includes('180秒')));
  assert.deepEqual(unreadNotices(b.notices, ['a', 'b'], [{ noticeId: 'n1', agentId: 'a' }]), [{ noticeId: 'n1', unread: ['b'] }]);
});

test('post-shift summary and weekly / monthly aggregation recompute ratios from sums', () => {
  const att: AttendanceRecord[] = [
    {
      shiftId: 's1',
      agentId: 'a',
      teamId: 't1',
      date: '2024-03-04',
      status: 'late',
      late: true,
      earlyLeave: false,
      absent: false,
      lateMinutes: 7,
      earlyLeaveMinutes: 0,
      presentMinutes: 533,
    },
    {
      shiftId: 's2',
      agentId: 'b',
      teamId: 't1',
      date: '2024-03-04',
      status: 'absent',
      late: false,
      earlyLeave: false,
      absent: true,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      presentMinutes: 0,
    },
  ];
  const s1 = postShiftSummary({
    teamId: 't1',
    date: '2024-03-04',
    figures: day1,
    attendance: att,
    violations: [
      {
        id: 'v1',
        ruleId: 'A1',
        ruleNo: 27,
        category: 'attendance',
        agentId: 'a',
        teamId: 't1',
        recordedBy: 'L1',
        at: '2024-03-04T09:07:00+08:00',
        contributionFen: 500,
      },
    ],
    qa: [{ evaluationId: 'e1', agentId: 'a', score: 90, fatalFailed: false }],
    log: [
      { at: '2024-03-04T10:00:00+08:00', kind: 'coaching', agentId: 'a', text: '辅导开场白' },
      { at: '2024-03-04T11:00:00+08:00', kind: 'listening', text: '监听' },
    ],
    notes: ['下午话务高峰', ' '],
  });
  assert.equal(s1.report.late, 1);
  assert.equal(s1.report.absent, 1);
  assert.equal(s1.report.contributionFen, 500);
  assert.equal(s1.log.coaching, 1);
  assert.deepEqual(s1.notes, ['下午话务高峰']);
  const s2 = postShiftSummary({
    teamId: 't1',
    date: '2024-03-10',
    figures: day2,
    attendance: [],
    violations: [],
    qa: [{ evaluationId: 'e2', agentId: 'b', score: 70, fatalFailed: false }],
    log: [],
    notes: [],
  });
  const s3 = postShiftSummary({ teamId: 't1', date: '2024-03-11', figures: day2, attendance: [], violations: [], qa: [], log: [], notes: [] });

  const weeks = aggregateReports([s1.report, s2.report, s3.report], 'week');
  assert.deepEqual(
    weeks.map((w) => [w.period, w.days]),
    [
      ['2024-W10', 2],
      ['2024-W11', 1],
    ],
  );
  // W10: offered 300, answered 280 → 280/300 = 0.9333; SL (152+98)/(300−10) = 250/290 = 0.8621; AHT (32400+18000)/280 = 180
  assert.deepEqual(weeks[0]!.kpis, { answerRate: 0.9333, serviceLevel: 0.8621, aht: 180 });
  assert.equal(weeks[0]!.qaAverage, 80); // (90 + 70) / 2
  const months = aggregateReports([s1.report, s2.report, s3.report], 'month');
  assert.equal(months.length, 1);
  assert.equal(months[0]!.offered, 400); // 200 + 100 + 100
  assert.equal(months[0]!.violations, 1);
});

test('ISO week keys across year ends', () => {
  assert.equal(isoWeekKey('2024-03-04'), '2024-W10'); // 2024-01-01 is a Monday; Mar 4 is 63 days later → 63/7 + 1 = 10
  assert.equal(isoWeekKey('2021-01-03'), '2020-W53');
  assert.equal(isoWeekKey('2024-12-30'), '2025-W01');
});

test('lead tasks: monthly on-time completion', () => {
  const r = monthlyTaskCompletion(
    [
      { id: '1', leadId: 'L1', title: '组内测试', dueOn: '2024-03-10', completedOn: '2024-03-10' },
      { id: '2', leadId: 'L1', title: '培训计划', dueOn: '2024-03-20', completedOn: '2024-03-22' },
      { id: '3', leadId: 'L1', title: '离职访谈', dueOn: '2024-03-31', completedOn: null },
      { id: '4', leadId: 'L1', title: '四月的', dueOn: '2024-04-01', completedOn: '2024-03-15' },
      { id: '5', leadId: 'L2', title: '报表', dueOn: '2024-03-05', completedOn: '2024-03-01' },
    ],
    '2024-03',
  );
  // L1: due 3 in March, 1 on time → 1/3 = 0.3333; L2: 1/1
  assert.deepEqual(r, [
    { leadId: 'L1', month: '2024-03', due: 3, onTime: 1, late: 1, open: 1, onTimeRate: 0.3333 },
    { leadId: 'L2', month: '2024-03', due: 1, onTime: 1, late: 0, open: 0, onTimeRate: 1 },
  ]);
});
