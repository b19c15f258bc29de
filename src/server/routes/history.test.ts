/**
 * History (issue 14): the KPI report by week, one agent's report refused outside the caller's scope,
 * and the four-indicator monthly analysis with its diagnosis. Figures worked out by hand from
 * history.fixtures.ts.
 */
import assert from 'node:assert/strict';
import { DIAGNOSIS_THRESHOLDS_KEY } from '../../core/diagnosis';
import { putSetting } from '../../store/org';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { at, close } from './facts.fixtures';
import { seedHistory } from './history.fixtures';

forEachDatabase('KPI report by week: Monday-keyed rows; one agent only within the caller’s scope', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    await seedHistory(store, org.centerId);
    const duty = await as('duty_manager');
    const week = await duty.req('GET', '/api/reports/kpi?by=week&from=2026-11-01&to=2026-11-30');
    assert.equal(week.status, 200, JSON.stringify(week.body));
    // week of 11-02: c1, c2, c3, c5, c4 offered, c1 and c5 answered; week of 11-09: c6 only
    assert.deepEqual(
      week.body.rows.map((r: any) => [r.week, r.offered, r.answered, r.abandoned]),
      [
        ['2026-11-02', 5, 2, 3],
        ['2026-11-09', 1, 0, 1],
      ],
    );
    close(week.body.rows[0].answerRate, 2 / 5, 'answerRate week 1');
    // aht week 1: (3000 + 300 + 1740 + 50) / 2
    close(week.body.rows[0].aht, 5090 / 2, 'aht week 1');

    // an agent reads their own rows by code and is refused another's
    const a1 = await as('a1');
    const own = await a1.req('GET', '/api/reports/kpi?by=day&agent=A001&from=2026-11-01&to=2026-11-30');
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.deepEqual(
      own.body.rows.map((r: any) => [r.day, r.staffed, r.handled]),
      [['2026-11-02', 3600, 1]],
    );
    const other = await a1.req('GET', '/api/reports/kpi?by=day&agent=A002&from=2026-11-01&to=2026-11-30');
    assert.equal(other.status, 403);
    assert.equal(other.body.reason, 'report.agentNotYours');
    // a lead: their team's agent yes, another team's no; a center-wide role: anyone
    const lead = await as('team_lead');
    assert.equal((await lead.req('GET', '/api/reports/kpi?by=agent&agent=A002')).status, 200);
    const b1 = await lead.req('GET', '/api/reports/kpi?by=agent&agent=B001');
    assert.equal(b1.status, 403);
    assert.deepEqual(b1.body.params, { agent: 'B001' });
    const dutyB1 = await duty.req('GET', '/api/reports/kpi?by=agent&agent=B001');
    assert.equal(dutyB1.status, 200);
    assert.deepEqual(dutyB1.body.rows, []);
  } finally {
    await app.close();
  }
});

forEachDatabase('KPI report per period: queue × day, team × week, agent × day and agent × hour', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    await seedHistory(store, org.centerId);
    const nov = 'from=2026-11-01&to=2026-11-30';
    const duty = await as('duty_manager');
    const q = await duty.req('GET', `/api/reports/kpi?by=queue&per=day&${nov}`);
    assert.equal(q.status, 200, JSON.stringify(q.body));
    // 11-02: c1 answered, c2 c3 abandoned; 11-04: c5 answered, c4 abandoned; 11-09: c6 abandoned
    assert.deepEqual(
      q.body.rows.map((r: any) => [r.queue, r.day, r.offered, r.answered]),
      [
        ['general', '2026-11-02', 3, 1],
        ['general', '2026-11-04', 2, 1],
        ['general', '2026-11-09', 1, 0],
      ],
    );
    assert.equal(q.body.total.offered, 6);
    // the lead's team per week: both agents' hours in the week of 11-02 (3600 + 3600 s, 2 calls)
    const lead = await as('team_lead');
    const t = await lead.req('GET', `/api/reports/kpi?by=team&per=week&${nov}`);
    assert.deepEqual(
      t.body.rows.map((r: any) => [r.teamName, r.week, r.staffed, r.handled, r.notReady]),
      [['A组', '2026-11-02', 7200, 2, 1800]],
    );
    const a = await lead.req('GET', `/api/reports/kpi?by=agent&per=day&${nov}`);
    assert.deepEqual(
      a.body.rows.map((r: any) => [r.agentCode, r.day, r.staffed, r.handled]),
      [
        ['A001', '2026-11-02', 3600, 1],
        ['A002', '2026-11-04', 3600, 1],
      ],
    );
    // per hour: each login is 09:00–10:00 Shanghai, one row each
    const h = await lead.req('GET', `/api/reports/kpi?by=agent&per=interval&interval=60&${nov}`);
    assert.deepEqual(
      h.body.rows.map((r: any) => [r.agentCode, r.intervalStart, r.staffed]),
      [
        ['A001', at('2026-11-02', '09:00'), 3600],
        ['A002', at('2026-11-04', '09:00'), 3600],
      ],
    );
  } finally {
    await app.close();
  }
});

forEachDatabase('Four-indicator analysis of a month: understaffed, and who is far above their usual not-ready', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    await seedHistory(store, org.centerId);
    // the demo world is small: judge from 1 offered call and 60 s staffed (the center's thresholds are read)
    await putSetting(store.db, org.centerId, DIAGNOSIS_THRESHOLDS_KEY, { minOffered: 1, minStaffedS: 60 }, 0);
    for (const who of ['duty_manager', 'team_lead'] as const) {
      const r = await (await as(who)).req('GET', '/api/reports/analysis?month=2026-11');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const f = r.body.figures;
      // offered 6 (c1–c6), answered 2
      assert.equal(f.offered, 6, who);
      close(f.answerRate, 2 / 6, `${who} answerRate`);
      // busy: a1 10 + 3000 + 300, a2 10 + 1740 + 50 = 5110; staffed 7200; notReady 1800; idle 290
      close(f.occupancy, 5110 / (7200 - 1800), `${who} occupancy`);
      close(f.notReadyShare, 1800 / 7200, `${who} notReadyShare`);
      close(f.idleShare, 290 / 7200, `${who} idleShare`);
      close(f.usualNotReadyShare, 300 / 3600, `${who} usual`);
      // answerRate 0.33 < 0.85 with occupancy 0.95 > 0.85: understaffed; team A 0.25 > 1.5 × 1/12 and
      // a2 1800/3600 = 0.5 > 1.5 × 1/12; a1 has no usual share (no October), so no verdict
      assert.deepEqual(
        r.body.findings.map((x: any) => [x.kind, x.scope]),
        [
          ['understaffed', who === 'duty_manager' ? 'center' : 'team'],
          ['notReadyAbnormal', 'team'],
          ['notReadyAbnormal', 'agent'],
        ],
        who,
      );
      assert.match(r.body.findings[2].subject, /A002/);
    }
    // a month with no data: the figures are null and nothing is diagnosed (not an error)
    const empty = await (await as('duty_manager')).req('GET', '/api/reports/analysis?month=2025-01');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.figures.answerRate, null);
    assert.deepEqual(empty.body.findings, []);
    // an agent has no floor analysis
    assert.equal((await (await as('a1')).req('GET', '/api/reports/analysis?month=2026-11')).status, 403);
  } finally {
    await app.close();
  }
});
