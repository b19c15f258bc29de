import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AGGREGATIONS, DEFAULT_KPIS, kpiUnit, newKpiDefinition, parseKpiDefinitions } from './kpi';

test("a KPI's unit follows from its range: the seeded plan's hand-written units agree", () => {
  assert.deepEqual(
    DEFAULT_KPIS.map((d) => [d.key, kpiUnit(d.key)]),
    DEFAULT_KPIS.map((d) => [d.key, d.unit]),
  );
  assert.deepEqual(
    ['asa', 'occupancy', 'offered', 'qaScore', 'skillLevel'].map((k) => kpiUnit(k as never)),
    ['s', 'ratio', 'count', 'points', 'level'],
  );
});

test('a KPI added from the editor is a valid definition with its aggregation; a shorter wait is better', () => {
  const asa = newKpiDefinition('asa', '平均应答速度');
  assert.equal(asa.direction, 'lower');
  assert.equal(newKpiDefinition('csat', '满意率').direction, 'higher');
  assert.deepEqual(asa.aggregation, AGGREGATIONS.asa);
  const parsed = parseKpiDefinitions([...DEFAULT_KPIS, asa]);
  assert.ok(parsed.ok);
});
