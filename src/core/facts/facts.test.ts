import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addParts, checkTargets, DEFAULT_CSAT_RULE, deriveFacts, isSatisfied, satisfiedMin, type FactParts, type TelephonyParts } from './index';
import { DEFAULT_KPIS } from '../performance/kpi';

const tel = (handled: number, talk: number, acw: number, staffed: number, notReady: number): TelephonyParts => ({
  handled,
  transferred: 0,
  talk,
  hold: 0,
  acw,
  ring: 0,
  staffed,
  idle: staffed - notReady - talk - acw,
  notReady,
  notReadyByReason: notReady ? { break: notReady } : ({} as Record<string, number>),
});

test('a period is Σ of its days: ratios re-weighted, never a mean of daily ratios', () => {
  const d1: FactParts = { telephony: tel(1, 100, 20, 3600, 600), schedule: { scheduledS: 3600, adherentS: 3600, workedS: 3600 }, complaints: 0 };
  const d2: FactParts = { telephony: tel(3, 300, 60, 7200, 0), schedule: { scheduledS: 7200, adherentS: 3600, workedS: 7200 }, complaints: 1 };
  const f = deriveFacts(addParts([d1, d2]), null, 5);
  assert.equal(f.aht.value, (100 + 20 + 300 + 60) / 4); // 120; the mean of 120 and 120 happens to agree…
  assert.equal(f.adherence.value, 7200 / 10_800); // …but adherence 2/3, where the mean of 1 and 0.5 is 0.75
  assert.deepEqual([f.adherence.num, f.adherence.den], [7200, 10_800]);
  assert.deepEqual(f.notReadyByReason.value, { break: 600 });
  assert.equal(f.complaints.value, 1);
  assert.equal(f.aht.computedAt, 5);
});

test('missing is null with a reason, never 0; adherence never above 100 %', () => {
  const f = deriveFacts({ complaints: 0, telephony: tel(0, 0, 0, 0, 0) }, { skillLevel: null, certifiedQueues: [] }, 0);
  assert.deepEqual([f.aht.value, f.aht.reason], [null, 'noHandled']);
  assert.deepEqual([f.adherence.value, f.adherence.reason], [null, 'noSchedule']);
  assert.deepEqual([f.qaScore.value, f.qaScore.reason], [null, 'noEvaluations']);
  assert.deepEqual([f.csat.value, f.csat.reason], [null, 'noSurveyAnswers']);
  assert.deepEqual([f.skillLevel.value, f.skillLevel.reason], [null, 'noSkillLevel']);
  const none = deriveFacts({ complaints: 0 }, null, 0);
  assert.deepEqual([none.handled.value, none.handled.reason], [null, 'noTelephony']);
  const over = deriveFacts({ complaints: 0, schedule: { scheduledS: 100, adherentS: 120, workedS: 100 } }, null, 0);
  assert.equal(over.adherence.value, 1);
});

test('csat: satisfied from the scale (5 → 4, 10 → 8, 2 → 2, others ceil(0.8 × scale))', () => {
  assert.deepEqual(
    [satisfiedMin(DEFAULT_CSAT_RULE, 5), satisfiedMin(DEFAULT_CSAT_RULE, 10), satisfiedMin(DEFAULT_CSAT_RULE, 2), satisfiedMin(DEFAULT_CSAT_RULE, 7)],
    [4, 8, 2, 6],
  );
  assert.equal(isSatisfied(DEFAULT_CSAT_RULE, 3, 5), false);
  assert.equal(isSatisfied(DEFAULT_CSAT_RULE, 8, 10), true);
});

test('targets by tenure: who missed which', () => {
  const f = deriveFacts({ complaints: 1, telephony: tel(2, 300, 20, 3600, 0) }, { skillLevel: 1, certifiedQueues: [] }, 0);
  // aht 160: a newcomer (target 170) meets it, a senior (150) misses it; complaints and skill only from 12 months
  const newcomer = checkTargets(DEFAULT_KPIS, f as any, 6);
  assert.deepEqual(
    newcomer.filter((t) => !t.met).map((t) => t.kpi),
    [],
  );
  assert.ok(!newcomer.some((t) => t.kpi === 'complaints' || t.kpi === 'skillLevel'));
  const senior = checkTargets(DEFAULT_KPIS, f as any, 12);
  assert.deepEqual(
    senior
      .filter((t) => !t.met)
      .map((t) => t.kpi)
      .sort(),
    ['aht', 'complaints', 'skillLevel'],
  );
});
