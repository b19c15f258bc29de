import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  aggregate,
  AGGREGATIONS,
  DEFAULT_KPIS,
  FIGURE_RANGES,
  figureRangeError,
  figuresFromComponents,
  KPI_KEYS,
  monthsBetween,
  parseKpiDefinitions,
  targetFor,
  tenureMonths,
} from './kpi';

const def = (k: string) => DEFAULT_KPIS.find((d) => d.key === k)!;

test('tenure in whole months to the end of the month', () => {
  // hired 2023-03-15, month 2024-03 ends 2024-03-31: 12 months and 16 days → 12
  assert.equal(tenureMonths('2023-03-15', '2024-03'), 12);
  // hired 2023-04-01: (2024−2023)×12 + (3−4) = 11
  assert.equal(tenureMonths('2023-04-01', '2024-03'), 11);
  // hired 2023-03-31, month 2024-02 ends on the 29th, its last day: 12 + (2−3) = 11 (anniversary reached)
  assert.equal(tenureMonths('2023-03-31', '2024-02'), 11);
  assert.equal(monthsBetween('2024-01-31', '2024-02-28'), 0); // 28 < 31 and not Feb 2024's last day
  assert.equal(monthsBetween('2024-01-31', '2024-02-29'), 1);
  assert.throws(() => tenureMonths('2024-04-01', '2024-03'), /after/);
  assert.throws(() => tenureMonths('2024/01/01', '2024-03'), /hireDate/);
});

test('tenure-dependent targets from seed 002', () => {
  assert.equal(targetFor(def('aht'), 12), 150); // a year or more: ≤ 150 s
  assert.equal(targetFor(def('aht'), 11), 170); // newer: ≤ 170 s
  assert.equal(targetFor(def('complaints'), 12), 0); // zero complaints for agents over a year
  assert.equal(targetFor(def('complaints'), 11), null); // not assessed
  assert.equal(targetFor(def('csat'), 3), 0.988);
  assert.equal(def('answerRate').usage, 'contest'); // seed 000: not personal pay
});

test('sum-based aggregation; missing stays missing', () => {
  const rows = [
    { answered: 90, offered: 100 },
    { answered: 10, offered: 50 },
    { answered: 5 }, // offered unknown: left out
  ];
  // Σanswered / Σoffered = (90 + 10) / (100 + 50) = 100/150; the mean of ratios would be (0.9 + 0.2)/2 = 0.55
  assert.equal(aggregate(AGGREGATIONS.answerRate, rows), 100 / 150);
  assert.equal(aggregate(AGGREGATIONS.answerRate, [{ answered: 0, offered: 0 }]), null);
  // serviceLevel = 72 / (100 − 10) = 0.8
  assert.equal(aggregate(AGGREGATIONS.serviceLevel, [{ answeredInSl: 72, offered: 100, shortAbandoned: 10 }]), 0.8);
  assert.equal(aggregate(AGGREGATIONS.complaints, [{}, {}]), null);
  assert.equal(aggregate(AGGREGATIONS.complaints, [{ complaints: 0 }, {}]), 0);
  assert.equal(aggregate(AGGREGATIONS.skillLevel, [{ skillLevel: 1 }, { skillLevel: 2 }]), 1.5);
  // aht = (talk + hold + acw) / handled = (9000 + 300 + 1200) / 70 = 150
  const f = figuresFromComponents([def('aht'), def('csat')], { talk: 9000, hold: 300, acw: 1200, handled: 70 });
  assert.deepEqual(f, { aht: 150, csat: null });
});

test('KPI plan validation', () => {
  assert.equal(parseKpiDefinitions(DEFAULT_KPIS).ok, true);
  const bad = structuredClone(DEFAULT_KPIS) as any[];
  bad[1].key = 'qaScore';
  bad[3].target = [{ minTenureMonths: 12, target: 0 }];
  bad[4].direction = 'up';
  const r = parseKpiDefinitions(bad);
  assert.equal(r.ok, false);
  if (!r.ok)
    assert.deepEqual(
      r.errors.map((e) => e.path),
      ['[4].direction'],
    );
  bad[4].direction = 'higher';
  const r2 = parseKpiDefinitions(bad);
  if (!r2.ok)
    assert.deepEqual(
      r2.errors.map((e) => e.path),
      ['[1].key', '[3].target'],
    );
  else assert.fail('expected errors');
});

test('figure ranges: one place, value or parts checked, the bad field named', () => {
  assert.equal(figureRangeError('qaScore', { value: 100 }), null);
  assert.deepEqual(figureRangeError('qaScore', { value: 100.5 })?.params, { kpi: 'qaScore', value: 100.5, min: 0, max: 100, range: '0–100' });
  assert.equal(figureRangeError('qaScore', { value: -1 })?.field, 'value');
  assert.equal(figureRangeError('adherence', { value: 1 }), null);
  assert.equal(figureRangeError('adherence', { value: 1.0001 })?.field, 'value');
  assert.equal(figureRangeError('complaints', { value: 2 }), null);
  assert.equal(figureRangeError('complaints', { value: 0.5 })?.field, 'value');
  assert.equal(figureRangeError('aht', { value: -0.1 })?.params.range, '≥ 0');
  assert.equal(figureRangeError('aht', { value: null, numerator: 15_000, denominator: 100 }), null); // 150 s
  assert.equal(figureRangeError('csat', { value: null, numerator: 99, denominator: 100 }), null);
  assert.equal(figureRangeError('csat', { value: null, numerator: 101, denominator: 100 })?.field, 'numerator');
  assert.equal(figureRangeError('csat', { value: null, numerator: 1, denominator: 0 })?.field, 'denominator');
  assert.equal(figureRangeError('csat', { value: 0.9, numerator: 9, denominator: -10 })?.field, 'denominator');
  assert.equal(figureRangeError('skillLevel', { value: 3 }), null);
  assert.equal(figureRangeError('skillLevel', { value: 0 })?.field, 'value');
  // every KPI key has a range
  for (const k of KPI_KEYS) assert.ok(FIGURE_RANGES[k], k);
});
