/**
 * The setup screens' refusals (issue 14): a scorecard or KPI plan that breaks a rule is refused naming
 * the field, with a stable reason and its figures, so the web says it next to the field in the user's
 * language; a KPI added from the editor and a tenure-band target are stored and read back.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { fixtureTemplate } from '../../core/quality/fixtures';
import { DEFAULT_KPIS, newKpiDefinition } from '../../core/performance/kpi';
import { testApp } from '../testing';

forEachDatabase('a scorecard whose weights do not add up is refused at the field with the sum and what it must be', async (_t, store) => {
  const { as } = await testApp(store);
  const qa = await as('qa');
  const items = fixtureTemplate();
  items.sections[1]!.items[0]!.weight = 80; // 80 + 30 = 110
  const r1 = await qa.req('POST', '/api/quality/templates', { template: items });
  assert.equal(r1.status, 400);
  assert.equal(r1.body.field, 'template.sections[1].items');
  assert.equal(r1.body.reason, 'quality.itemWeightSum');
  assert.deepEqual(r1.body.params, { sum: 110, must: 100 });

  const sections = fixtureTemplate();
  sections.sections[0]!.weight = 30; // 30 + 60 = 90
  const r2 = await qa.req('POST', '/api/quality/templates', { template: sections });
  assert.deepEqual([r2.status, r2.body.field, r2.body.reason, r2.body.params], [400, 'template.sections', 'quality.sectionWeightSum', { sum: 90, must: 100 }]);

  const range = fixtureTemplate();
  range.sections[1]!.items[1]!.max = 0; // min 0, max 0
  const r3 = await qa.req('POST', '/api/quality/templates', { template: range });
  assert.deepEqual([r3.body.field, r3.body.reason, r3.body.params], ['template.sections[1].items[1].max', 'quality.maxNotAboveMin', { min: 0, max: 0 }]);

  const blank = fixtureTemplate();
  blank.sections[0]!.items[0]!.label = '';
  const r4 = await qa.req('POST', '/api/quality/templates', { template: blank });
  assert.deepEqual([r4.body.field, r4.body.reason], ['template.sections[0].items[0].label', 'input.tooSmallLength']);

  const twice = fixtureTemplate();
  twice.sections[1]!.items[1]!.id = 'greet';
  const r5 = await qa.req('POST', '/api/quality/templates', { template: twice });
  assert.deepEqual([r5.body.field, r5.body.reason, r5.body.params], ['template.sections[1].items[1].id', 'input.duplicate', { value: 'greet' }]);

  // nothing was stored by the refusals
  assert.equal((await qa.req('GET', '/api/quality/templates')).body.length, 0);
});

forEachDatabase('a KPI plan with a bad tenure band is refused at the band; an added KPI with two bands is stored and read back', async (_t, store) => {
  const { as } = await testApp(store);
  const mgr = await as('center_manager');
  const before = (await mgr.req('GET', '/api/performance/kpis')).body;
  const noZero = { ...newKpiDefinition('asa', '平均应答速度'), target: [{ minTenureMonths: 3, target: 30 }] };
  const r1 = await mgr.req('PUT', '/api/performance/kpis', { kpis: [...DEFAULT_KPIS, noZero] });
  assert.deepEqual([r1.status, r1.body.field, r1.body.reason], [400, `kpis[${DEFAULT_KPIS.length}].target`, 'perf.tenureStart']);

  const dup = {
    ...noZero,
    target: [
      { minTenureMonths: 0, target: 40 },
      { minTenureMonths: 6, target: 30 },
      { minTenureMonths: 6, target: 25 },
    ],
  };
  const r2 = await mgr.req('PUT', '/api/performance/kpis', { kpis: [...DEFAULT_KPIS, dup] });
  assert.deepEqual(
    [r2.body.field, r2.body.reason, r2.body.params],
    [`kpis[${DEFAULT_KPIS.length}].target[2].minTenureMonths`, 'perf.tenureDuplicate', { months: 6 }],
  );

  const negative = { ...noZero, target: [{ minTenureMonths: -1, target: 40 }] };
  const r3 = await mgr.req('PUT', '/api/performance/kpis', { kpis: [negative] });
  assert.deepEqual([r3.body.field, r3.body.reason, r3.body.params], ['kpis[0].target[0].minTenureMonths', 'input.tooSmall', { minimum: 0 }]);
  // refused plans leave the stored one as it was
  assert.deepEqual((await mgr.req('GET', '/api/performance/kpis')).body, before);

  const asa = {
    ...newKpiDefinition('asa', '平均应答速度'),
    weight: 5,
    target: [
      { minTenureMonths: 0, target: 40 },
      { minTenureMonths: 12, target: 30 },
    ],
  };
  const saved = await mgr.req('PUT', '/api/performance/kpis', { kpis: [...DEFAULT_KPIS.filter((k) => k.key !== 'answerRate'), asa] });
  assert.equal(saved.status, 200);
  const after = (await mgr.req('GET', '/api/performance/kpis')).body as { key: string; target: unknown; direction: string; unit: string }[];
  assert.deepEqual(
    after.map((k) => k.key),
    ['qaScore', 'aht', 'csat', 'complaints', 'attendance', 'adherence', 'skillLevel', 'asa'],
  );
  const back = after.find((k) => k.key === 'asa')!;
  assert.deepEqual(back.target, asa.target);
  // a shorter wait is better, measured in seconds
  assert.deepEqual([back.direction, back.unit], ['lower', 's']);
});

forEachDatabase(
  'diagnosis thresholds: a low occupancy above the high one is refused at its field with both figures; a duty manager may change them, an agent not',
  async (_t, store) => {
    const { as } = await testApp(store);
    const mgr = await as('center_manager');
    const bad = await mgr.req('PUT', '/api/floor/thresholds', { occupancyLow: 0.9, occupancyHigh: 0.8 });
    assert.deepEqual(
      [bad.status, bad.body.field, bad.body.reason, bad.body.params],
      [400, 'occupancyLow', 'live.occupancyLowAboveHigh', { low: 0.9, high: 0.8 }],
    );
    const range = await mgr.req('PUT', '/api/floor/thresholds', { idleShareMax: 1.5 });
    assert.deepEqual([range.status, range.body.field, range.body.reason, range.body.params.maximum], [400, 'body.idleShareMax', 'input.tooBig', 1]);
    const duty = await as('duty_manager');
    const ok = await duty.req('PUT', '/api/floor/thresholds', { idleShareMax: 0.25 });
    assert.equal(ok.status, 200);
    assert.equal((await duty.req('GET', '/api/floor/thresholds')).body.thresholds.idleShareMax, 0.25);
    assert.equal((await (await as('a1')).req('PUT', '/api/floor/thresholds', { idleShareMax: 0.3 })).status, 403);
  },
);

forEachDatabase(
  'peak allocation rule: the planner sets a priority order, read back as the center setting; an empty order is refused at the field',
  async (_t, store) => {
    const { as } = await testApp(store);
    const wfm = await as('wfm');
    assert.equal((await wfm.req('GET', '/api/settings/wfm.peakRule')).body.value, null);
    const empty = await wfm.req('PUT', '/api/wfm/peak-rule', { mode: 'priority', order: [] });
    assert.deepEqual([empty.status, empty.body.field, empty.body.reason, empty.body.params.minimum], [400, 'body.order', 'input.tooSmallCount', 1]);
    const rule = { mode: 'priority', order: ['tenure', 'points'] };
    assert.equal((await wfm.req('PUT', '/api/wfm/peak-rule', rule)).status, 200);
    assert.deepEqual((await wfm.req('GET', '/api/settings/wfm.peakRule')).body.value, rule);
  },
);
