import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contestLeaderboard, validateContest, type AgentPeriodRow, type Contest } from './contest';

const contest: Contest = {
  id: 'c1',
  name: '三月接通率大比拼',
  from: '2024-03-01',
  to: '2024-03-31',
  teamIds: ['T1', 'T2', 'T3'],
  kpis: [
    { key: 'answerRate', weight: 60, target: 0.8 },
    { key: 'aht', weight: 40, target: 160 },
  ],
};

const t1 = [
  { answered: 90, offered: 100, talk: 9000, hold: 0, acw: 900, handled: 90 },
  { answered: 10, offered: 50, talk: 1500, hold: 100, acw: 200, handled: 10 },
];
const rows: AgentPeriodRow[] = [
  ...t1.map((components, i) => ({ agentId: `a${i}`, teamId: 'T1', components })),
  { agentId: 'b0', teamId: 'T2', components: { answered: 80, offered: 100, talk: 14000, hold: 1000, acw: 1000, handled: 80 } },
  ...t1.map((components, i) => ({ agentId: `c${i}`, teamId: 'T3', components })),
];

test('leaderboard: sum-based team ratios, capped achievement, ties', () => {
  const b = contestLeaderboard(contest, rows);
  const t1row = b.find((r) => r.teamId === 'T1')!;
  // answerRate = (90 + 10)/(100 + 50) = 2/3 → 2/3 ÷ 0.8 = 0.8333…
  // aht = (9000+0+900 + 1500+100+200)/(90+10) = 11700/100 = 117 → 160/117 = 1.37 → cap 1.2
  // total = (60×(2/3)/0.8 + 40×1.2)/100 × 100 = 50 + 48 = 98
  assert.equal(t1row.kpis[0]!.value, 100 / 150);
  assert.equal(t1row.kpis[1]!.value, 117);
  assert.ok(Math.abs(t1row.total! - 98) < 1e-9);
  // T2: answerRate 80/100 = 0.8 → 1; aht (14000+1000+1000)/80 = 200 → 160/200 = 0.8; total = 60 + 32 = 92
  const t2row = b.find((r) => r.teamId === 'T2')!;
  assert.ok(Math.abs(t2row.total! - 92) < 1e-9);
  assert.deepEqual(
    t2row.kpis.map((k) => k.met),
    [true, false],
  );
  // T3 has T1's figures: tie at 98 → ranks 1, 1, 3
  assert.deepEqual(
    b.map((r) => [r.teamId, r.rank]),
    [
      ['T1', 1],
      ['T3', 1],
      ['T2', 3],
    ],
  );
});

test('a team without data for a KPI shows it missing, not zero', () => {
  const b = contestLeaderboard({ ...contest, teamIds: ['T2', 'T9'] }, [
    ...rows,
    { agentId: 'z', teamId: 'T9', components: { talk: 1600, hold: 0, acw: 0, handled: 10 } },
  ]);
  const t9 = b.find((r) => r.teamId === 'T9')!;
  assert.equal(t9.kpis[0]!.value, null);
  assert.equal(t9.complete, false);
  // aht 1600/10 = 160 → 160/160 = 1; total over the KPIs with a figure = 100 × 40×1 / 40 = 100
  assert.equal(t9.total, 100);
});

test('contest validation: pay-only KPI, one team, bad period', () => {
  const errs = validateContest({ ...contest, teamIds: ['T1'], to: '2024-02-01', kpis: [{ key: 'complaints', weight: 1, target: 0 }] });
  assert.deepEqual(
    errs.map((e) => e.path),
    ['to', 'teamIds', 'kpis[0].key'],
  );
  assert.throws(() => contestLeaderboard({ ...contest, teamIds: ['T1'] }, rows), /at least two teams/);
});
