import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultDirection, goalsMetShare, kpiProgress, skillProgress } from './index';
import { leadScorecard, DEFAULT_SCORECARD_CONFIG } from './scorecard';

test('a KPI goal: met / behind while the month runs, missed once it is over, no data keeps the facts reason', () => {
  const aht = { month: '2026-11', direction: 'lower' as const, target: 180 };
  assert.deepEqual(kpiProgress(aht, { value: 175 }, '2026-11-20'), { state: 'met', actual: 175, final: false });
  assert.deepEqual(kpiProgress(aht, { value: 190 }, '2026-11-20'), { state: 'behind', actual: 190, final: false });
  assert.deepEqual(kpiProgress(aht, { value: 190 }, '2026-12-01'), { state: 'missed', actual: 190, final: true });
  assert.deepEqual(kpiProgress(aht, { value: 180 }, '2026-12-01'), { state: 'met', actual: 180, final: true }); // the target itself is reached
  // a share computed as 9/10 by the facts reaches a 0.9 target despite floating point
  assert.equal(kpiProgress({ month: '2026-11', direction: 'higher', target: 0.9 }, { value: 0.9 - 1e-15 }, '2026-12-02').state, 'met');
  assert.deepEqual(kpiProgress(aht, { value: null, reason: 'noTelephony' }, '2026-11-20'), {
    state: 'noData',
    actual: null,
    final: false,
    reason: 'noTelephony',
  });
  assert.equal(defaultDirection('aht'), 'lower');
  assert.equal(defaultDirection('csat'), 'higher');
});

test('a skill goal: an agent reaches level and certification; a team reaches a share of its agents by the date', () => {
  const goal = { skillLevel: 2, queue: 'billing', dueDate: '2026-03-31', share: null };
  assert.equal(skillProgress(goal, [{ skillLevel: 2, certified: ['billing'] }], '2026-03-01', 'agent').state, 'met');
  // level reached but no certification: behind before the date, missed after
  assert.equal(skillProgress(goal, [{ skillLevel: 3, certified: [] }], '2026-03-31', 'agent').state, 'behind');
  assert.equal(skillProgress(goal, [{ skillLevel: 3, certified: [] }], '2026-04-01', 'agent').state, 'missed');
  assert.equal(skillProgress({ ...goal, queue: null }, [{ skillLevel: null, certified: [] }], '2026-03-01', 'agent').reason, 'noSkillLevel');
  // seed 002: half the team at 中級 (2) or above by March. Levels 1, 2, 3, 1 → 2 of 4 = 0.5 ≥ 0.5: met
  const team = { skillLevel: 2, queue: null, dueDate: '2026-03-31', share: 0.5 };
  const levels = [1, 2, 3, 1].map((l) => ({ skillLevel: l, certified: [] }));
  assert.deepEqual(skillProgress(team, levels, '2026-03-10', 'team'), { state: 'met', actual: 0.5, final: false });
  // levels 1, 2, 1, 1 → 1 of 4 = 0.25 < 0.5, after the date: missed
  assert.deepEqual(
    skillProgress(
      team,
      [1, 2, 1, 1].map((l) => ({ skillLevel: l, certified: [] })),
      '2026-04-02',
      'team',
    ),
    { state: 'missed', actual: 0.25, final: true },
  );
  assert.equal(skillProgress(team, [], '2026-03-10', 'team').reason, 'noAgents');
  assert.deepEqual(goalsMetShare(['met', 'behind', 'noData', 'met', 'missed']), { met: 2, judged: 4, share: 0.5 });
});

test('the lead scorecard: parts are the means of their sub-scores, the overall and 勝任力 their weighted means (worked by hand)', () => {
  const card = leadScorecard({
    targets: { met: 6, judged: 8 }, // 0.75
    goals: { met: 1, judged: 4 }, // 0.25           → results (0.75 + 0.25) / 2 = 0.5
    reportDays: 20,
    reportsSent: 15, // 0.75
    agents: 5,
    coachings: 5, // 5 / (5 × 2) = 0.5
    taskOnTimeRate: 1, //                          → routine (0.75 + 0.5 + 1) / 3 = 0.75
    attritionRate: 0.02, // 1 − 0.02 / 0.05 = 0.6
    moodMean: 4, // (4 − 1) / 4 = 0.75               → people (0.6 + 0.75) / 2 = 0.675
  });
  const near = (a: number | null, b: number) => assert.ok(a !== null && Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);
  near(card.parts.results.score, 0.5);
  near(card.parts.routine.score, 0.75);
  near(card.parts.people.score, 0.675);
  near(card.execution, 0.75);
  // 勝任力 = (0.4 · 0.5 + 0.3 · 0.675) / 0.7 = (0.2 + 0.2025) / 0.7 = 0.575
  near(card.competence, 0.575);
  // overall = 0.4 · 0.5 + 0.3 · 0.75 + 0.3 · 0.675 = 0.2 + 0.225 + 0.2025 = 0.6275
  near(card.overall, 0.6275);

  // no data for a part: it leaves the mean, the weights of the others are renormalised
  const thin = leadScorecard(
    {
      targets: { met: 0, judged: 0 },
      goals: { met: 0, judged: 0 },
      reportDays: 10,
      reportsSent: 12,
      agents: 0,
      coachings: 3,
      taskOnTimeRate: null,
      attritionRate: 0.1,
      moodMean: null,
    },
    DEFAULT_SCORECARD_CONFIG,
  );
  assert.equal(thin.parts.results.score, null);
  near(thin.parts.routine.score, 1); // 12 reports in 10 days counts as all, not more
  near(thin.parts.people.score, 0); // 10 % attrition is past the 5 % ceiling
  // overall = (0.3 · 1 + 0.3 · 0) / 0.6 = 0.5
  near(thin.overall, 0.5);
  near(thin.competence, 0);
});
