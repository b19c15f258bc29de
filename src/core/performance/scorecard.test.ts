import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_KPIS } from './kpi';
import { achievement, buildScorecard, competitionRank, itemsBelowTarget, rankScorecards, type AgentScorecard } from './scorecard';

const close = (a: number | null | undefined, b: number, eps = 1e-9) => assert.ok(a != null && Math.abs(a - b) < eps, `${a} ≈ ${b}`);

const veteran = buildScorecard(
  {
    agentId: 'V',
    teamId: 'T1',
    hireDate: '2022-01-10', // tenure at 2024-03-31: 2×12 + 2 = 26 months
    month: '2024-03',
    figures: { qaScore: 94.5, aht: 160, csat: 0.9386, complaints: 0, attendance: 1, adherence: 0.99, skillLevel: 3, answerRate: 0.5 },
  },
  DEFAULT_KPIS,
);

const newcomer = buildScorecard(
  {
    agentId: 'N',
    teamId: 'T2',
    hireDate: '2023-10-01', // tenure at 2024-03-31: 5 months
    month: '2024-03',
    figures: { qaScore: 81, aht: 160, csat: null, complaints: 1, attendance: 0.95, skillLevel: 1 },
  },
  DEFAULT_KPIS,
);

test('achievement: capped ratio and pass/fail', () => {
  const ratioHi = { direction: 'higher', scoring: 'ratio' } as const;
  const ratioLo = { direction: 'lower', scoring: 'ratio' } as const;
  close(achievement(ratioHi, 81, 90), 0.9); // 81/90
  assert.equal(achievement(ratioHi, 120, 90), 1.2); // 1.333… capped at 1.2
  assert.equal(achievement(ratioLo, 160, 150), 0.9375); // 150/160
  assert.equal(achievement(ratioLo, 0, 150), 1.2); // nothing is better than the target: cap
  assert.equal(achievement({ ...ratioLo, cap: 1 }, 100, 150), 1);
  assert.equal(achievement({ direction: 'lower', scoring: 'passFail' }, 1, 0), 0);
  assert.equal(achievement({ direction: 'lower', scoring: 'ratio' }, 0, 0), 1); // target 0 → pass/fail
});

test('veteran scorecard: tenure targets and weighted total', () => {
  assert.equal(veteran.tenureMonths, 26);
  const aht = veteran.lines.find((l) => l.key === 'aht')!;
  assert.equal(aht.target, 150);
  assert.equal(aht.status, 'below');
  // qa 94.5/90 = 1.05; aht 150/160 = 0.9375; csat 0.9386/0.988 = 0.95; complaints 0 ≤ 0 → 1; attendance 1/1 = 1;
  // adherence 0.99/0.9 = 1.1; skill 3 ≥ 2 → 1
  // total = 30×1.05 + 15×0.9375 + 15×0.95 + 10×1 + 10×1 + 10×1.1 + 10×1 (weights add to 100)
  //       = 31.5 + 14.0625 + 14.25 + 10 + 10 + 11 + 10 = 100.8125
  close(veteran.total, 100.8125);
  assert.equal(veteran.complete, true);
  assert.equal(veteran.coverage, 1);
  assert.deepEqual(veteran.belowTarget, ['aht', 'csat']);
  assert.ok(!veteran.lines.some((l) => l.key === 'answerRate')); // contest-only, not in pay
  assert.deepEqual(
    itemsBelowTarget(veteran).map((i) => [i.key, i.gap]),
    [
      ['aht', 10], // 160 − 150
      ['csat', 0.9386 - 0.988],
    ],
  );
});

test('newcomer scorecard: newer targets, not-assessed KPIs, missing figures never zero', () => {
  assert.equal(newcomer.tenureMonths, 5);
  const line = (k: string) => newcomer.lines.find((l) => l.key === k)!;
  assert.equal(line('aht').target, 170);
  assert.equal(line('aht').status, 'met'); // 160 ≤ 170
  assert.equal(line('complaints').status, 'notAssessed');
  assert.equal(line('skillLevel').status, 'notAssessed');
  assert.equal(line('csat').status, 'missing');
  assert.equal(line('csat').actual, null);
  assert.equal(line('adherence').status, 'missing');
  assert.deepEqual(newcomer.missing, ['csat', 'adherence']);
  assert.equal(newcomer.complete, false);
  // with a figure: qa 30×(81/90 = 0.9) = 27; aht 15×(170/160 = 1.0625) = 15.9375; attendance 10×0.95 = 9.5
  // total = 100 × (27 + 15.9375 + 9.5) / (30 + 15 + 10) = 100 × 52.4375 / 55
  close(newcomer.total, (100 * 52.4375) / 55);
  // assessed weight: qa 30 + aht 15 + csat 15 + attendance 10 + adherence 10 = 80; with a figure 55 → 0.6875
  assert.equal(newcomer.coverage, 0.6875);
  const none = buildScorecard({ agentId: 'X', teamId: 'T', hireDate: '2020-01-01', month: '2024-03', figures: {} }, DEFAULT_KPIS);
  assert.equal(none.total, null);
});

test('competition ranking 1, 2, 2, 4', () => {
  assert.deepEqual(competitionRank([90, 95, 90, null, 80]), [2, 1, 2, null, 4]);
  assert.deepEqual(competitionRank([3, 1, 3], 'lower'), [2, 1, 2]);
  assert.deepEqual(competitionRank([0.1 + 0.2, 0.3]), [1, 1]); // float noise is not a difference
});

test('ranking per team and per center', () => {
  const card = (agentId: string, teamId: string, total: number | null, complete = true): AgentScorecard => ({
    agentId,
    teamId,
    month: '2024-03',
    tenureMonths: 20,
    lines: [],
    total,
    complete,
    coverage: 1,
    missing: [],
    belowTarget: [],
  });
  const cards = [card('a', 'T1', 90), card('b', 'T1', 95), card('c', 'T2', 90), card('d', 'T2', null), card('e', 'T2', 80, false)];
  const r = rankScorecards(cards);
  assert.deepEqual(
    r.map((x) => [x.agentId, x.centerRank, x.teamRank]),
    [
      ['b', 1, 1],
      ['a', 2, 2],
      ['c', 2, 1],
      ['e', 4, 2],
      ['d', null, null],
    ],
  );
  const strict = rankScorecards(cards, { includeIncomplete: false });
  assert.deepEqual(strict.find((x) => x.agentId === 'e')!.centerRank, null);
});
