import { test } from 'node:test';
import assert from 'node:assert/strict';
import { payrollCsv, toCsv } from './csv';
import { DEFAULT_KPIS } from './kpi';
import { buildScorecard, rankScorecards } from './scorecard';

test('CSV quoting, BOM, CRLF, formula guard', () => {
  const s = toCsv([
    ['a', 'b,c'],
    ['say "hi"', 'x\ny'],
    [1.5, null],
    ['=SUM(A1)', ' pad'],
    ['中文', true, -3],
  ]);
  assert.equal(s, '\uFEFFa,"b,c"\r\n"say ""hi""","x\ny"\r\n1.5,\r\n\'=SUM(A1)," pad"\r\n中文,true,-3\r\n');
  assert.equal(toCsv([['x']], { bom: false, eol: '\n' }), 'x\n');
});

test('payroll CSV: missing shown as missing, not-assessed as n/a, contest-only KPIs left out', () => {
  const n = buildScorecard(
    {
      agentId: 'N',
      teamId: 'T2',
      hireDate: '2023-10-01',
      month: '2024-03',
      figures: { qaScore: 81, aht: 160, csat: null, complaints: 1, attendance: 0.95, skillLevel: 1 },
    },
    DEFAULT_KPIS,
  );
  const v = buildScorecard(
    {
      agentId: 'V',
      teamId: 'T1',
      hireDate: '2022-01-10',
      month: '2024-03',
      figures: { qaScore: 99, aht: 140, csat: 0.99, complaints: 0, attendance: 1, adherence: 0.95, skillLevel: 2 },
    },
    DEFAULT_KPIS,
  );
  const lines = payrollCsv(rankScorecards([n, v]), DEFAULT_KPIS)
    .slice(1)
    .split('\r\n');
  assert.equal(
    lines[0],
    'agentId,teamId,month,tenureMonths,centerRank,teamRank,total,complete,missing,' +
      'qaScore actual,qaScore target,qaScore points,aht actual,aht target,aht points,csat actual,csat target,csat points,' +
      'complaints actual,complaints target,complaints points,attendance actual,attendance target,attendance points,' +
      'adherence actual,adherence target,adherence points,skillLevel actual,skillLevel target,skillLevel points',
  );
  // N: total 100 × 52.4375 / 55 = 95.3409… → 95.34 (see scorecard.test.ts); V ranks first (every KPI met, total > 100)
  // points: qa 81/90 → 90; aht 170/160 → 106.25; attendance 0.95 → 95
  assert.equal(
    lines[2],
    'N,T2,2024-03,5,2,1,95.34,false,csat adherence,81,90,90,160,170,106.25,missing,0.988,missing,1,n/a,n/a,0.95,1,95,missing,0.9,missing,1,n/a,n/a',
  );
  assert.match(lines[1]!, /^V,T1,2024-03,26,1,1,/);
});
