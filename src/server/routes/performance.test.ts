import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { forEachDatabase } from '../../store/testing';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { DEFAULT_KPIS } from '../../core/performance/kpi';
import { testApp } from '../testing';

// 2026-11-05: October is the last closed month
const NOW = Date.UTC(2026, 10, 5, 2);
const OCT = Date.UTC(2026, 9, 10, 2);
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

async function setup(store: Parameters<typeof testApp>[0]) {
  const t = await testApp(store, { now: () => NOW });
  const { org } = t;
  const qa = await t.as('qa');
  const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
  await qa.req('POST', '/api/quality/calls', {
    calls: [
      { id: 'P1', agentId: org.agents.a1, queue: 'general', startedAt: OCT, durationS: 100 },
      { id: 'P2', agentId: org.agents.b1, queue: 'general', startedAt: OCT, durationS: 100 },
    ],
  });
  await qa.req('POST', '/api/quality/evaluations', { callId: 'P1', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 60 }); // a1: 100
  await qa.req('POST', '/api/quality/evaluations', { callId: 'P2', templateId: tpl.id, answers: answers(1, 1, 3, 1), timeSpentS: 60 }); // b1: 79.5
  return t;
}

const CSV = [
  'employeeNo,month,kpi,value,numerator,denominator',
  // a1 (tenure 29 months): every figure exactly on target
  'A001,2026-10,aht,150,,',
  'A001,2026-10,csat,,988,1000',
  'A001,2026-10,complaints,0,,',
  'A001,2026-10,attendance,1,,',
  'A001,2026-10,adherence,0.9,,',
  // a2 (tenure 7 months): no QA evaluation → qaScore missing
  'A002,2026-10,aht,170,,',
  'A002,2026-10,csat,,950,1000',
  'A002,2026-10,attendance,1,,',
  'A002,2026-10,adherence,0.9,,',
  // b1
  'B001,2026-10,aht,200,,',
  'B001,2026-10,csat,,100,100',
  'B001,2026-10,complaints,1,,',
  'B001,2026-10,attendance,0.95,,',
  'B001,2026-10,adherence,0.95,,',
].join('\n');

forEachDatabase('figures upload, monthly scorecards with tenure targets, ranking, publication and the agent’s own view', async (_t, store) => {
  const { org, as } = await setup(store);
  const mgr = await as('center_manager');
  // a bad CSV names the line and stores nothing
  const bad = await mgr.req('POST', '/api/performance/figures/csv', {
    csv: 'employeeNo,month,kpi,value\nA001,2026-10,aht,150\nA001,2026-10,speed,3\nZ999,2026-10,aht,1',
  });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'csv.line 3, kpi');
  const unknown = await mgr.req('POST', '/api/performance/figures/csv', { csv: 'employeeNo,month,kpi,value\nZ999,2026-10,aht,1' });
  assert.match(unknown.body.message, /line 2, employeeNo: no agent with employee number "Z999"/);
  // nothing stored: the figure read from the facts is missing (null, with its reason in /api/facts), never 0
  assert.equal((await mgr.req('GET', '/api/performance/figures?month=2026-10')).body.agents.find((a: any) => a.employeeNo === 'A001').figures.aht, null);
  const qaUp = await mgr.req('POST', '/api/performance/figures', { figures: [{ employeeNo: 'A001', month: '2026-10', kpi: 'qaScore', value: 99 }] });
  assert.match(qaUp.body.message, /computed from QA evaluations/);
  const ok = await mgr.req('POST', '/api/performance/figures/csv', { csv: CSV });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.stored, 14);

  const sc = (await mgr.req('GET', '/api/performance/scorecards?month=2026-10')).body;
  const card = (no: string) => sc.cards.find((c: any) => c.employeeNo === no);
  // a1: qaScore 100/90, aht 150/150, csat .988/.988, complaints 0 (pass), attendance 1, adherence 1, skill junior(1) < 2 → 0
  // Σw·a = 30·10/9 + 15 + 15 + 10 + 10 + 10 + 0 = 93.333…; Σw = 100 → total 93.333…
  close(card('A001').total, (100 * (30 * (10 / 9) + 60)) / 100);
  assert.deepEqual(card('A001').belowTarget, ['skillLevel']);
  // a2 (under a year): aht target 170 → 1; csat .95/.988; attendance 1; adherence 1; complaints and skill not assessed;
  // qaScore missing → total over the weights with a figure: (15 + 15·.95/.988 + 10 + 10) / 50
  close(card('A002').total, (100 * (15 + (15 * 0.95) / 0.988 + 20)) / 50);
  assert.equal(card('A002').complete, false);
  assert.deepEqual(card('A002').missing, ['qaScore']);
  const a2q = card('A002').lines.find((l: any) => l.key === 'qaScore');
  assert.deepEqual([a2q.actual, a2q.points, a2q.status], [null, null, 'missing']);
  assert.equal(card('A002').lines.find((l: any) => l.key === 'aht').target, 170);
  assert.equal(card('A002').lines.find((l: any) => l.key === 'complaints').status, 'notAssessed');
  // b1: qa 79.5/90, aht 150/200, csat 1/.988, complaints 1 > 0 → 0, attendance .95, adherence .95/.9, skill 0
  const b1 = (30 * 79.5) / 90 + 15 * 0.75 + 15 / 0.988 + 0 + 10 * 0.95 + (10 * 0.95) / 0.9 + 0;
  close(card('B001').total, b1);
  // ranking: a2 98.8 > a1 93.3 > b1 73.0; team A: a2 1, a1 2; team B: b1 1
  assert.deepEqual(
    sc.cards.map((c: any) => [c.employeeNo, c.centerRank, c.teamRank]),
    [
      ['A002', 1, 1],
      ['A001', 2, 2],
      ['B001', 3, 1],
    ],
  );

  // the team lead sees only team A; agents do not see live scorecards
  const lead = (await (await as('team_lead')).req('GET', '/api/performance/scorecards?month=2026-10')).body;
  assert.deepEqual(
    lead.cards.map((c: any) => c.employeeNo),
    ['A002', 'A001'],
  );
  assert.equal((await (await as('a1')).req('GET', '/api/performance/scorecards?month=2026-10')).status, 403);

  // not published yet: the agent sees nothing; publishing with a missing figure needs a note
  const a1 = await as('a1');
  assert.equal((await a1.req('GET', '/api/performance/my-scorecard?month=2026-10')).body.published, false);
  const noNote = await mgr.req('POST', '/api/performance/months/2026-10/publish', { note: '' });
  assert.equal(noNote.status, 400);
  assert.equal(noNote.body.field, 'note');
  assert.equal((await mgr.req('POST', '/api/performance/months/2026-10/publish', { note: 'A002 質檢成績未出，下月補' })).status, 200);
  const mine = (await a1.req('GET', '/api/performance/my-scorecard')).body;
  assert.equal(mine.month, '2026-10');
  assert.deepEqual([mine.card.centerRank, mine.card.teamRank, mine.teamSize, mine.centerSize], [2, 2, 2, 3]);
  assert.equal(mine.publication.note, 'A002 質檢成績未出，下月補');
  // below target with the gap: skill level 1 vs 2
  assert.deepEqual(
    mine.belowTarget.map((b: any) => [b.key, b.actual, b.target, b.gap]),
    [['skillLevel', 1, 2, -1]],
  );
  // an agent sees only their own published card
  const pubA1 = (await a1.req('GET', '/api/performance/published?month=2026-10')).body;
  assert.deepEqual(
    pubA1.cards.map((c: any) => c.employeeNo),
    ['A001'],
  );
  // the snapshot is frozen: a later figure changes the live card, not the published one
  await mgr.req('POST', '/api/performance/figures', { figures: [{ agentId: org.agents.a1, month: '2026-10', kpi: 'aht', value: 300 }] });
  close((await a1.req('GET', '/api/performance/my-scorecard')).body.card.total, (100 * (30 * (10 / 9) + 60)) / 100);

  // payroll export: CSV with a BOM, missing written as "missing"; XLSX readable
  const csv = await mgr.req('GET', '/api/performance/export?month=2026-10&format=csv');
  assert.equal(csv.status, 200);
  const lines = String(csv.body)
    .replace(/^\uFEFF/, '')
    .split('\r\n');
  assert.ok(lines[0]!.startsWith('employeeNo,name,team,month,tenureMonths,centerRank,teamRank,total,complete,missing,qaScore actual'));
  const a2row = lines.find((l) => l.startsWith('A002'))!;
  assert.match(a2row, /,qaScore,missing,90,missing,/);
  assert.equal((await a1.req('GET', '/api/performance/export?month=2026-10')).status, 403);
  assert.equal((await mgr.req('GET', '/api/performance/export?month=2026-09')).body.field, 'query.month');
});

forEachDatabase('payroll XLSX export, KPI plan validation, team contests sum-based', async (_t, store) => {
  const { app, org, as } = await setup(store);
  const mgr = await as('center_manager');
  await mgr.req('POST', '/api/performance/figures/csv', { csv: CSV });
  await mgr.req('POST', '/api/performance/months/2026-10/publish', { note: '質檢成績遲交' });
  const res = await app.inject({ method: 'GET', url: '/api/performance/export?month=2026-10&format=xlsx', headers: { cookie: mgr.cookie } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('2026-10')!;
  assert.equal(ws.getRow(1).getCell(1).value, 'employeeNo');
  assert.equal(ws.rowCount, 4); // header + 3 agents

  // KPI plan: a bad definition names the field; a good one is saved and used
  const badPlan = await mgr.req('PUT', '/api/performance/kpis', { kpis: [{ ...DEFAULT_KPIS[0], direction: 'sideways' }] });
  assert.equal(badPlan.status, 400);
  assert.equal(badPlan.body.field, 'kpis[0].direction');
  const dup = await mgr.req('PUT', '/api/performance/kpis', { kpis: [DEFAULT_KPIS[0], DEFAULT_KPIS[0]] });
  assert.match(dup.body.message, /duplicate KPI "qaScore"/);
  assert.equal((await (await as('team_lead')).req('PUT', '/api/performance/kpis', { kpis: DEFAULT_KPIS })).status, 403);

  // contest team A vs B on csat: A (988 + 950)/(1000 + 1000) = 0.969, B 100/100 = 1 → B first
  const payOnly = await mgr.req('POST', '/api/performance/contests', {
    name: 'x',
    from: '2026-10-01',
    to: '2026-10-31',
    teamIds: [org.teamA, org.teamB],
    kpis: [{ key: 'complaints', weight: 1, target: 0 }],
  });
  assert.match(payOnly.body.message, /feed pay only/);
  const c = await mgr.req('POST', '/api/performance/contests', {
    name: '十月滿意度擂台',
    from: '2026-10-01',
    to: '2026-10-31',
    teamIds: [org.teamA, org.teamB],
    kpis: [{ key: 'csat', weight: 1, target: 0.95 }],
  });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const board = (await (await as('a1')).req('GET', `/api/performance/contests/${c.body.id}`)).body.board;
  assert.deepEqual(
    board.map((b: any) => [b.teamName, b.rank]),
    [
      ['B组', 1],
      ['A组', 2],
    ],
  );
  close(board[1].kpis[0].value, 1938 / 2000);
  close(board[1].total, (100 * (1938 / 2000)) / 0.95);
});
