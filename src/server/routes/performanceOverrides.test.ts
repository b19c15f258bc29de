import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

// 2026-11-05: October is the last closed month
const NOW = Date.UTC(2026, 10, 5, 2);

forEachDatabase('an override outside the figure’s range is refused naming the field; every override is audited and shown as manual', async (_t, store) => {
  const { as, org } = await testApp(store, { now: () => NOW });
  const mgr = await as('center_manager');
  const post = (figures: object[]) => mgr.req('POST', '/api/performance/figures', { figures });
  const a1 = (x: object) => ({ employeeNo: 'A001', month: '2026-10', ...x });

  // a good override first: it must survive every refused batch below
  assert.equal((await post([a1({ kpi: 'adherence', value: 0.93 })])).status, 200);

  const refused: [object[], string, number][] = [
    [[a1({ kpi: 'attendance', value: 1 }), a1({ kpi: 'adherence', value: 1.2 })], 'figures[1].value', 1.2], // a rate > 1
    [[a1({ kpi: 'csat', value: -0.1 })], 'figures[0].value', -0.1], // a rate < 0
    [[a1({ kpi: 'complaints', value: -1 })], 'figures[0].value', -1], // a negative count
    [[a1({ kpi: 'complaints', value: 1.5 })], 'figures[0].value', 1.5], // a count is whole
    [[a1({ kpi: 'aht', value: -3 })], 'figures[0].value', -3],
    [[a1({ kpi: 'skillLevel', value: 4 })], 'figures[0].value', 4],
    [[a1({ kpi: 'csat', value: null, numerator: 1001, denominator: 1000 })], 'figures[0].numerator', 1001], // 1001/1000 > 1
    [[a1({ kpi: 'attendance', value: null, numerator: -1, denominator: 22 })], 'figures[0].numerator', -1],
    [[a1({ kpi: 'attendance', value: null, numerator: 0, denominator: 0 })], 'figures[0].denominator', 0],
  ];
  for (const [figures, field, value] of refused) {
    const r = await post(figures);
    assert.equal(r.status, 400, JSON.stringify(figures));
    assert.equal(r.body.field, field, JSON.stringify(r.body));
    assert.equal(r.body.reason, 'perf.figureOutOfRange');
    assert.equal(r.body.params.value, value);
  }
  // qaScore is not uploaded at all (computed from evaluations); its range 0–100 is checked in the core test
  // the CSV names the line and the column
  const csv = await mgr.req('POST', '/api/performance/figures/csv', {
    csv: 'employeeNo,month,kpi,value,numerator,denominator\nA001,2026-10,aht,150,,\nA001,2026-10,attendance,,23,22',
  });
  assert.equal(csv.status, 400);
  assert.equal(csv.body.field, 'csv.line 3, numerator');

  // nothing refused was stored; the first override is intact and says 'manual'
  const figs = (await mgr.req('GET', '/api/performance/figures?month=2026-10')).body.agents.find((a: any) => a.employeeNo === 'A001');
  assert.equal(figs.figures.adherence, 0.93);
  assert.equal(figs.sources.adherence, 'manual');
  assert.equal(figs.figures.attendance, null); // refused with its batch: still missing, never 0
  assert.equal(figs.figures.aht, null);

  // a second override of the same figure: audited with what it replaced
  assert.equal((await post([a1({ kpi: 'adherence', value: null, numerator: 45, denominator: 50 })])).status, 200);
  const facts = (await mgr.req('GET', '/api/facts?by=agent&month=2026-10')).body.rows.find((r: any) => r.employeeNo === 'A001');
  assert.deepEqual([facts.adherence.value, facts.adherence.source, facts.adherence.num, facts.adherence.den], [0.9, 'manual', 45, 50]);
  const log = await store.db
    .selectFrom('audit_log')
    .select(['action', 'user_id', 'detail'])
    .where('action', '=', 'perf.figures.upsert')
    .orderBy('id')
    .execute();
  assert.equal(log.length, 2);
  const [first, second] = log.map((l) => JSON.parse(l.detail!));
  assert.deepEqual(first.overrides, [
    { agentId: org.agents.a1, month: '2026-10', kpi: 'adherence', value: 0.93, numerator: null, denominator: null, before: null },
  ]);
  assert.deepEqual(second.overrides[0].before, { value: 0.93, numerator: null, denominator: null, source: 'api' });
  assert.equal(second.overrides[0].numerator, 45);
  assert.ok(log.every((l) => l.user_id !== null));
});
