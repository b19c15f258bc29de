/**
 * One source of numbers (issue 11): for the same agent and day, the KPI report (`by agent`), the
 * facts (store, API and CLI) and the monthly scorecard give the same handled, aht, adherence and
 * qaScore; a team's day is the sum of its agents' days and a month the sum of its days (ratios
 * re-weighted); csat from survey answers; complaints only upheld ones. Every expected number is
 * worked out by hand below from the events, schedule, evaluations, work orders and answers inserted.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { forEachDatabase } from '../../store/testing';
import { migrate, openStore, type Store } from '../../store/db';
import { storeEvents } from '../../store/live/ingest';
import { A1, A2, at, close, D, D2, seedDay } from './facts.fixtures';
import { kpiReport } from '../../store/live/reports';
import { computeFacts, type AgentFactsRow, type TeamFactsRow } from '../../store/facts/index';
import { computeScorecards, upsertFigures } from '../../store/performance/figures';
import { computeLiveFigures } from '../../store/performance/liveFigures';
import { seedTestOrg, testApp, type TestOrg } from '../testing';

forEachDatabase('facts: report, facts and scorecard agree for an agent and day; team = its agents; month = its days', async (_t, store) => {
  const org = await seedTestOrg(store);
  await seedDay(store, org);
  const now = at('2026-12-02', '09:00');
  const db = store.db;

  // --- the KPI report by agent for day D
  const rep = await kpiReport(db, { by: 'agent', from: at(D, '00:00'), to: at(D2, '00:00'), tz: 'Asia/Shanghai' });
  const r1 = rep.rows.find((r) => r.agentCode === 'A001')!;
  assert.equal(r1.handled, A1.handled);
  close(r1.aht, A1.aht, 'report aht');

  // --- facts by agent for day D
  const day = await computeFacts(db, org.centerId, { by: 'agent', day: D, now });
  const f1 = day.rows.find((r) => (r as AgentFactsRow).agentId === org.agents.a1) as AgentFactsRow;
  assert.equal(f1.handled.value, A1.handled);
  assert.equal(f1.handled.source, 'telephony');
  close(f1.aht.value, A1.aht, 'facts aht');
  for (const k of ['talk', 'hold', 'acw', 'ring', 'staffed', 'notReady'] as const) assert.equal(f1[k].value, A1[k], k);
  assert.deepEqual(f1.notReadyByReason.value, { break: 1800 });
  close(f1.idle.value, A1.staffed - A1.talk - A1.hold - A1.acw - A1.ring - A1.notReady, 'idle');
  close(f1.occupancy.value, (A1.talk + A1.hold + A1.acw + A1.ring) / (A1.staffed - A1.notReady), 'occupancy');
  close(f1.transferRate.value, 1 / 2, 'transferRate');
  close(f1.adherence.value, A1.adherence, 'adherence');
  assert.equal(f1.adherence.source, 'schedule');
  close(f1.attendance.value, 1, 'attendance (late and early, but present)');
  assert.deepEqual(f1.attendanceDetail.value, { scheduledShifts: 1, onTime: 0, late: 1, lateMinutes: 5, earlyLeave: 1, earlyLeaveMinutes: 20, absent: 0 });
  close(f1.qaScore.value, A1.qaScore, 'qaScore');
  assert.equal(f1.qaScore.source, 'qa');
  close(f1.fatalRate.value, A1.fatalRate, 'fatalRate');
  close(f1.nonFatalRate.value, A1.nonFatalRate, 'nonFatalRate');
  assert.equal(f1.complaints.value, 1, 'only the upheld complaint of D');
  assert.equal(f1.complaints.source, 'workorders');
  close(f1.csat.value, A1.csat, 'csat');
  assert.equal(f1.csat.source, 'survey');
  assert.equal(f1.skillLevel.value, 1);
  // a2 has no schedule and no evaluations: null with a reason, never 0
  const f2 = day.rows.find((r) => (r as AgentFactsRow).agentId === org.agents.a2) as AgentFactsRow;
  assert.equal(f2.adherence.value, null);
  assert.equal(f2.adherence.reason, 'noSchedule');
  assert.equal(f2.qaScore.value, null);
  assert.equal(f2.qaScore.reason, 'noEvaluations');
  assert.equal(f2.csat.reason, 'noSurveyAnswers');
  // b1 has no telephony at all
  const fb = day.rows.find((r) => (r as AgentFactsRow).agentId === org.agents.b1) as AgentFactsRow;
  assert.equal(fb.aht.value, null);
  assert.equal(fb.aht.reason, 'noTelephony');
  // targets by tenure: a1 hired 2024-05-01 (> 12 months): aht ≤ 150 missed, complaints 0 missed, adherence ≥ 0.9 missed
  assert.ok(f1.missed.includes('aht') && f1.missed.includes('complaints') && f1.missed.includes('adherence'), JSON.stringify(f1.missed));
  // a2 hired 2026-03-01 (8 months): aht ≤ 170 → 640 missed; complaints not assessed under a year
  assert.ok(f2.missed.includes('aht') && !f2.targets.some((t) => t.kpi === 'complaints'));

  // --- the team's day is the sum of its agents' days (not a mean of their ratios)
  const teams = await computeFacts(db, org.centerId, { by: 'team', day: D, now });
  const ta = teams.rows.find((r) => (r as TeamFactsRow).teamId === org.teamA) as TeamFactsRow;
  assert.equal(ta.handled.value, 3);
  close(ta.aht.value, (A1.talk + A1.hold + A1.acw + A2.talk + A2.hold + A2.acw) / 3, 'team aht = 1200 / 3'); // 400, where the mean of 280 and 640 would be 460
  close(ta.occupancy.value, (A1.talk + A1.hold + A1.acw + A1.ring + A2.talk + A2.acw + A2.ring) / (A1.staffed - A1.notReady + A2.staffed), 'team occupancy');
  assert.equal(ta.complaints.value, 2);
  close(ta.adherence.value, A1.adherence, 'team adherence (only a1 scheduled)');
  assert.equal(teams.total.key, 'total');

  // --- a month equals its days: a1 also works on D2 (one call: talk 600, acw 60)
  let n = 0;
  await storeEvents(store, [
    { id: `d2-${++n}`, ts: at(D2, '09:00'), type: 'agent.login', agent: 'A001' },
    { id: `d2-${++n}`, ts: at(D2, '10:00'), type: 'call.enqueued', queue: 'general', callId: 'c4' },
    { id: `d2-${++n}`, ts: at(D2, '10:00'), type: 'call.connected', queue: 'general', callId: 'c4', agent: 'A001' },
    { id: `d2-${++n}`, ts: at(D2, '10:00'), type: 'agent.talking', agent: 'A001', queue: 'general' },
    { id: `d2-${++n}`, ts: at(D2, '10:10'), type: 'call.ended', queue: 'general', callId: 'c4' },
    { id: `d2-${++n}`, ts: at(D2, '10:10'), type: 'agent.acw', agent: 'A001', queue: 'general' },
    { id: `d2-${++n}`, ts: at(D2, '10:11'), type: 'agent.ready', agent: 'A001' },
    { id: `d2-${++n}`, ts: at(D2, '11:00'), type: 'agent.logout', agent: 'A001' },
  ]);
  const month = await computeFacts(db, org.centerId, { by: 'agent', month: '2026-11', now });
  const m1 = month.rows.find((r) => (r as AgentFactsRow).agentId === org.agents.a1) as AgentFactsRow;
  assert.equal(m1.handled.value, 3);
  close(m1.aht.value, (560 + 660) / 3, 'month aht = Σ / Σ'); // 406.67, where the mean of 280 and 660 would be 470
  assert.equal(m1.complaints.value, 2);
  close(m1.adherence.value, A1.adherence, 'month adherence');
  close(m1.qaScore.value, A1.qaScore, 'month qaScore');
  const week = await computeFacts(db, org.centerId, { by: 'agent', week: D, now });
  close((week.rows.find((r) => (r as AgentFactsRow).agentId === org.agents.a1) as AgentFactsRow).aht.value, (560 + 660) / 3, 'week aht');

  // --- the scorecard of the month reads the same facts
  const sc = await computeScorecards(db, org.centerId, '2026-11', now);
  const card = sc.cards.find((c) => Number(c.agentId) === org.agents.a1)!;
  const line = (k: string) => card.lines.find((l) => l.key === k)!.actual;
  close(line('aht'), (560 + 660) / 3, 'scorecard aht');
  close(line('adherence'), A1.adherence, 'scorecard adherence');
  close(line('qaScore'), A1.qaScore, 'scorecard qaScore');
  close(line('csat'), A1.csat, 'scorecard csat');
  assert.equal(line('complaints'), 2);
  close(line('attendance'), 1, 'scorecard attendance');
  // each figure of the card says where it came from (shown beside the line on the scorecard pages)
  assert.deepEqual(
    [card.sources.aht, card.sources.adherence, card.sources.qaScore, card.sources.csat, card.sources.complaints],
    ['telephony', 'schedule', 'qa', 'survey', 'workorders'],
  );
  assert.equal(card.computedAt, now);

  // --- a hand-loaded figure is an override marked manual; compute-figures stores every fact figure
  await upsertFigures(db, org.centerId, [{ agentId: org.agents.a1, month: '2026-11', kpi: 'csat', value: 0.99 }], 'csv', org.users.admin!, now);
  const m1b = (await computeFacts(db, org.centerId, { by: 'agent', month: '2026-11', now })).rows.find(
    (r) => (r as AgentFactsRow).agentId === org.agents.a1,
  ) as AgentFactsRow;
  assert.equal(m1b.csat.value, 0.99);
  assert.equal(m1b.csat.source, 'manual');
  const audits = await db.selectFrom('audit_log').select('action').where('action', '=', 'perf.figures.upsert').execute();
  assert.equal(audits.length, 1);
  const cf = await computeLiveFigures(db, org.centerId, '2026-11', { userId: null, now });
  assert.deepEqual(cf.kept, [{ agentId: org.agents.a1, kpi: 'csat', source: 'csv' }]);
  const stored = await db.selectFrom('perf_figures').selectAll().where('agent_id', '=', org.agents.a1).where('source', '=', 'live').execute();
  const byKpi = new Map(stored.map((r) => [r.kpi_key, r]));
  for (const k of ['aht', 'adherence', 'attendance', 'qaScore', 'fatalRate', 'complaints', 'handled', 'occupancy'])
    assert.ok(byKpi.has(k), `compute-figures stored ${k}`);
  close(byKpi.get('adherence')!.value, A1.adherence, 'stored adherence');
  assert.equal(byKpi.get('aht')!.denominator, 3);
});

forEachDatabase('GET /api/facts: scoped like the KPI report', async (_t, store) => {
  const { org, as, app } = await testApp(store, { now: () => at('2026-12-02', '09:00') });
  try {
    await seedDay(store, org);
    const admin = await (await as('admin')).req('GET', `/api/facts?by=agent&day=${D}`);
    assert.equal(admin.status, 200, JSON.stringify(admin.body));
    assert.equal(admin.body.rows.length, 3);
    const a1 = admin.body.rows.find((r: any) => r.agentId === org.agents.a1);
    close(a1.aht.value, A1.aht, 'api aht');
    assert.equal(a1.aht.source, 'telephony');
    const lead = await (await as('team_lead')).req('GET', `/api/facts?by=agent&day=${D}`);
    assert.deepEqual(lead.body.rows.map((r: any) => r.agentId).sort(), [org.agents.a1, org.agents.a2].sort());
    const agent = await (await as('a2')).req('GET', `/api/facts?by=agent&day=${D}`);
    assert.deepEqual(
      agent.body.rows.map((r: any) => r.agentId),
      [org.agents.a2],
    );
    assert.equal((await (await as('a2')).req('GET', `/api/facts?by=team&day=${D}`)).status, 403);
    // one team picked: center-wide roles any team, a lead only theirs, an agent still only their own row
    const pickB = await (await as('admin')).req('GET', `/api/facts?by=agent&day=${D}&teamId=${org.teamB}`);
    assert.deepEqual(
      pickB.body.rows.map((r: any) => r.agentId),
      [org.agents.b1],
    );
    const leadB = await (await as('team_lead')).req('GET', `/api/facts?by=agent&day=${D}&teamId=${org.teamB}`);
    assert.equal(leadB.status, 403);
    assert.equal(leadB.body.reason, 'facts.teamNotYours');
    const agentB = await (await as('a2')).req('GET', `/api/facts?by=agent&day=${D}&teamId=${org.teamB}`);
    assert.deepEqual(
      agentB.body.rows.map((r: any) => r.agentId),
      [org.agents.a2],
    );
    const bad = await (await as('admin')).req('GET', `/api/facts?by=agent&day=2026-13-01`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.reason, 'input.badDate'); // the route's day is main's calendar date atom (server/schemas.ts)
    const both = await (await as('admin')).req('GET', `/api/facts?by=agent&day=${D}&month=2026-11`);
    assert.equal(both.body.reason, 'facts.onePeriod');
    // agent × interval report: one row per agent per 60-minute interval
    const ai = await (await as('admin')).req('GET', `/api/reports/kpi?by=agent-interval&interval=60&from=${D}&to=${D}`);
    assert.equal(ai.status, 200, JSON.stringify(ai.body));
    const ten = ai.body.rows.find((r: any) => r.agentCode === 'A001' && r.intervalStart === at(D, '10:00'));
    // 10:00–11:00 for a1: handled 1 (c2; c1 entered the queue at 09:59:50, so it counts in 09:00–10:00),
    // talk 420, hold 60, acw 80 (states count by time), break 10:50–11:00 = 600
    assert.equal(ten.handled, 1);
    assert.equal(ai.body.rows.find((r: any) => r.agentCode === 'A001' && r.intervalStart === at(D, '09:00')).handled, 1);
    assert.equal(ten.talk, 420);
    assert.equal(ten.acw, 80);
    assert.equal(ten.staffed, 3600);
    assert.deepEqual(ten.notReadyByReason, { break: 600 });
    assert.equal(ai.body.total.key, 'total');

    // by queue a lead reads the queues their agents serve (kpiReportQueues.test.ts); queue figures elsewhere stay center-wide
    assert.equal((await (await as('team_lead')).req('GET', `/api/reports/kpi?by=day&queue=general&from=${D}&to=${D}`)).status, 403);
  } finally {
    await app.close();
  }
});

/** Queue-side calls of day D besides a1's and a2's: one abandoned on billing (a2 serves it), one abandoned on a queue team A does not serve. */
async function seedQueues(store: Store, org: TestOrg) {
  await store.db.insertInto('agent_queues').values({ agent_id: org.agents.a2, queue: 'billing' }).execute();
  await storeEvents(store, [
    { id: 'qb1', ts: at(D, '11:30:00'), type: 'call.enqueued', queue: 'billing', callId: 'cb1' },
    { id: 'qb2', ts: at(D, '11:30:40'), type: 'call.abandoned', queue: 'billing', callId: 'cb1' },
    { id: 'qx1', ts: at(D, '11:40:00'), type: 'call.enqueued', queue: 'vip', callId: 'cx1' },
    { id: 'qx2', ts: at(D, '11:40:30'), type: 'call.abandoned', queue: 'vip', callId: 'cx1' },
  ]);
}

forEachDatabase(
  'briefing and post-shift report: the same handled, aht, adherence, qaScore and queue figures as GET /api/facts and GET /api/reports/kpi',
  async (_t, store) => {
    const { org, as, app } = await testApp(store, { now: () => at('2026-12-02', '09:00') });
    try {
      await seedDay(store, org);
      await seedQueues(store, org);
      const admin = await as('admin');
      const lead = await as('team_lead');

      // by hand, team A on D: handled 2 + 1 = 3; aht (420 + 60 + 80 + 600 + 40) / 3 = 400 s; adherence only a1 scheduled;
      // qaScore (79 + 0) / 2 (both evaluations are of a1's calls). Queues served by team A: general (c1 wait 20 s,
      // c2 5 s, c3 20 s, all answered) and billing (cb1 abandoned after 40 s); vip is not the team's.
      // offered 4, answered 3, abandoned 1, answerRate 3/4, service level (wait ≤ 20 s) 3 / (4 − 0), asa (20 + 5 + 20) / 3 = 15 s
      const Q = { offered: 4, answered: 3, abandoned: 1, shortAbandoned: 0, answerRate: 0.75, serviceLevel: 0.75, asa: 15 };

      // the sources the routine must agree with
      const facts = (await admin.req('GET', `/api/facts?by=agent&day=${D}`)).body;
      const fa1 = facts.rows.find((r: any) => r.agentId === org.agents.a1);
      const teamFacts = (await admin.req('GET', `/api/facts?by=team&day=${D}`)).body.rows.find((r: any) => r.teamId === org.teamA);
      const byQueue = (await admin.req('GET', `/api/reports/kpi?by=queue&from=${D}&to=${D}`)).body.rows;
      const general = byQueue.find((r: any) => r.queue === 'general');
      const billing = byQueue.find((r: any) => r.queue === 'billing');
      assert.equal(general.offered, 3);
      assert.equal(billing.abandoned, 1);
      close(teamFacts.aht.value, 400, 'facts: team aht');
      close(fa1.qaScore.value, A1.qaScore, 'facts: a1 qaScore');

      // --- the post-shift report of D, nothing typed: every figure from the store
      const post = await lead.req('POST', '/api/people/reports', { teamId: org.teamA, date: D, notes: ['平稳'] });
      assert.equal(post.status, 200, JSON.stringify(post.body));
      const p = post.body;
      assert.equal(p.report.handled, 3);
      assert.equal(p.report.talkS + p.report.holdS + p.report.acwS, 420 + 60 + 80 + 600 + 40);
      close(p.kpis.find((k: any) => k.name === 'aht').value, 400, 'post-shift aht');
      assert.equal(p.kpis.find((k: any) => k.name === 'aht').source, 'telephony');
      close(p.team.aht.value, teamFacts.aht.value, 'post-shift team aht = facts');
      close(p.team.adherence.value, A1.adherence, 'post-shift team adherence');
      close(p.team.qaScore.value, A1.qaScore, 'post-shift team qaScore');
      for (const k of ['offered', 'answered', 'abandoned'] as const) assert.equal(p.report[k], Q[k], `post-shift ${k}`);
      assert.equal(p.report.slAnswered, 3);
      close(p.kpis.find((k: any) => k.name === 'answerRate').value, Q.answerRate, 'post-shift answerRate');
      close(p.kpis.find((k: any) => k.name === 'serviceLevel').value, Q.serviceLevel, 'post-shift serviceLevel');
      assert.deepEqual(p.queues.queues, ['billing', 'general']);
      close(p.queues.total.asa, Q.asa, 'post-shift asa');
      const pg = p.queues.rows.find((r: any) => r.queue === 'general');
      for (const k of ['offered', 'answered', 'serviceLevel', 'asa']) close(pg[k], general[k], `post-shift general ${k} = report`);
      assert.equal(p.figureSources.offered, 'telephony');
      // QA of the day's calls from the facts (it was always empty): 2 evaluations, 79 + 0, one fatal
      assert.deepEqual([p.report.qaCount, p.report.qaScoreSum, p.report.fatal], [2, 79, 1]);
      // each agent with the KPI plan's targets: a1 aht 280 > 150 missed, a2 aht 640 > 170 missed
      const pa1 = p.agents.find((a: any) => a.agentId === org.agents.a1);
      assert.equal(pa1.handled.value, A1.handled);
      close(pa1.aht.value, fa1.aht.value, 'post-shift a1 aht = facts');
      close(pa1.adherence.value, A1.adherence, 'post-shift a1 adherence');
      assert.ok(pa1.targets.find((t: any) => t.kpi === 'aht').target > 0);
      assert.ok(p.missed.some((m: any) => m.agentId === org.agents.a1 && m.kpi === 'aht' && m.actual === 280));
      assert.ok(p.missed.some((m: any) => m.agentId === org.agents.a2 && m.kpi === 'aht' && m.actual === 640));

      // --- the next day's briefing: yesterday = D from the store, today = D2 (nothing yet)
      const brief = await lead.req('GET', `/api/people/briefing?teamId=${org.teamA}&date=${D2}`);
      assert.equal(brief.status, 200, JSON.stringify(brief.body));
      const b = brief.body;
      close(b.kpis.find((k: any) => k.name === 'aht').value, 400, 'briefing aht');
      close(b.kpis.find((k: any) => k.name === 'answerRate').value, Q.answerRate, 'briefing answerRate from the KPI report');
      close(b.kpis.find((k: any) => k.name === 'serviceLevel').value, Q.serviceLevel, 'briefing serviceLevel');
      assert.equal(b.kpis.find((k: any) => k.name === 'answerRate').source, 'telephony');
      close(b.queues.yesterday.total.asa, Q.asa, 'briefing asa');
      assert.equal(b.queues.yesterday.total.offered, Q.offered);
      close(b.team.yesterday.handled.value, 3, 'briefing team handled');
      close(b.team.yesterday.qaScore.value, A1.qaScore, 'briefing team qaScore');
      assert.equal(b.team.today.handled.reason, 'noTelephony', 'nothing on D2 yet: a reason, not 0');
      const ba1 = b.agents.find((a: any) => a.agentId === org.agents.a1);
      assert.equal(ba1.handled.value, A1.handled);
      close(ba1.aht.value, A1.aht, 'briefing a1 aht');
      close(ba1.adherence.value, A1.adherence, 'briefing a1 adherence');
      close(ba1.qaScore.value, A1.qaScore, 'briefing a1 qaScore');
      assert.equal(ba1.qaScore.source, 'qa');
      assert.deepEqual(ba1.missed.slice().sort(), fa1.missed.slice().sort(), 'briefing: missed KPIs = facts');
      assert.ok(b.missed.yesterday.some((m: any) => m.agentId === org.agents.a1 && m.kpi === 'adherence'));
      assert.equal(ba1.today.handled.reason, 'noTelephony');
      // an agent's briefing: the team's totals, but only their own figures and targets
      const own = (await (await as('a2')).req('GET', `/api/people/briefing?date=${D2}`)).body;
      assert.deepEqual(
        own.agents.map((a: any) => a.agentId),
        [org.agents.a2],
      );
      assert.deepEqual([...new Set(own.missed.yesterday.map((m: any) => m.agentId))], [org.agents.a2]);
      assert.deepEqual(
        own.agentFacts.map((a: any) => a.agentId),
        [org.agents.a2],
      );
      close(own.team.yesterday.aht.value, 400, 'agent sees the team aht');

      // --- a typed figure is an audited override shown as manual; an impossible one is refused by field
      const bad = await lead.req('POST', '/api/people/reports', { teamId: org.teamA, date: D2, overrides: { answered: 5 } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'overrides.answered');
      assert.equal(bad.body.reason, 'routine.figureExceeds');
      const frac = await lead.req('POST', '/api/people/reports', { teamId: org.teamA, date: D2, overrides: { offered: 2.5 } });
      assert.equal(frac.body.field, 'overrides.offered');
      const typed = await lead.req('POST', '/api/people/reports', {
        teamId: org.teamA,
        date: D2,
        overrides: { offered: 10, answered: 8 },
        overrideNote: '话务系统故障，手工统计',
      });
      assert.equal(typed.status, 200, JSON.stringify(typed.body));
      close(typed.body.kpis.find((k: any) => k.name === 'answerRate').value, 0.8, 'typed answerRate');
      assert.equal(typed.body.kpis.find((k: any) => k.name === 'answerRate').source, 'manual');
      const audits = await store.db.selectFrom('audit_log').selectAll().where('action', '=', 'people.report.override').execute();
      assert.equal(audits.length, 1);
      assert.match(String(audits[0]!.detail), /手工统计/);
      const b3 = (await lead.req('GET', `/api/people/briefing?teamId=${org.teamA}&date=2026-11-04`)).body;
      assert.equal(b3.figureSources.offered, 'manual');
      assert.equal(b3.figureSources.handled, null, 'no calls on D2 and none typed');
      close(b3.kpis.find((k: any) => k.name === 'answerRate').value, 0.8, 'briefing reads the override');
    } finally {
      await app.close();
    }
  },
);

test('callfloor facts --json on a small seeded SQLite database', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'facts-cli-'));
  try {
    const file = join(dir, 'cf.sqlite');
    const store = await openStore({ file });
    await migrate(store);
    const org = await seedTestOrg(store);
    await seedDay(store, org);
    await store.close();
    const main = new URL('../../cli/main.ts', import.meta.url).pathname;
    const out = execFileSync(process.execPath, ['--import', 'tsx', main, 'facts', '--by', 'agent', '--day', D, '--db', file, '--json'], { encoding: 'utf8' });
    const res = JSON.parse(out);
    const a1 = res.rows.find((r: any) => r.agentCode === 'A001');
    assert.equal(a1.employeeNo, 'A001');
    assert.equal(a1.name, '李娜');
    assert.equal(a1.handled.value, 2);
    close(a1.aht.value, A1.aht, 'cli aht');
    close(a1.adherence.value, A1.adherence, 'cli adherence');
    close(a1.attendance.value, 1, 'cli attendance');
    close(a1.qaScore.value, A1.qaScore, 'cli qaScore');
    close(a1.fatalRate.value, A1.fatalRate, 'cli fatalRate');
    assert.equal(a1.complaints.value, 1);
    close(a1.csat.value, A1.csat, 'cli csat');
    for (const k of ['handled', 'aht', 'adherence', 'attendance', 'qaScore', 'complaints', 'csat']) assert.ok(a1[k].source, `${k} has a source`);
    const table = execFileSync(process.execPath, ['--import', 'tsx', main, 'facts', '--by', 'team', '--day', D, '--db', file], { encoding: 'utf8' });
    assert.match(table, /^total\s/m);
    const rep = execFileSync(process.execPath, ['--import', 'tsx', main, 'report', '--by', 'agent', '--from', D, '--to', D, '--db', file], {
      encoding: 'utf8',
    });
    assert.match(rep, /^total\s/m);
    assert.doesNotMatch(rep, /undefined/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
