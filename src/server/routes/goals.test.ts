import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { A1, seedDay } from './facts.fixtures';

type G = {
  id: number;
  subject: string;
  agentId: number | null;
  teamId: number;
  kind: string;
  progress: { state: string; actual: number | null; reason?: string };
};

forEachDatabase(
  'goals: a lead sets their team’s goals, progress read from the facts, an agent sees only their own and their team’s; the lead scorecard by hand',
  async (_t, store) => {
    const now = Date.UTC(2026, 10, 20, 4); // 2026-11-20 12:00 in Shanghai: November still running
    const { org, as } = await testApp(store, { now: () => now });
    await seedDay(store, org); // 2026-11-02: a1 handles 2 calls, AHT 280 s; a2 1 call, AHT 640 s
    const lead = await as('team_lead'); // leads team A (a1, a2)
    const manager = await as('center_manager');
    const a1 = await as('a1');

    // a1's AHT ≤ 300 in November: the facts give 280 (A1.aht) → met, the month still running
    const g1 = await lead.req('POST', '/api/goals', {
      subject: 'agent',
      agentId: org.agents.a1,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'aht',
      direction: 'lower',
      target: 300,
    });
    assert.equal(g1.status, 200, JSON.stringify(g1.body));
    assert.equal(A1.aht, 280);
    assert.deepEqual(g1.body.progress, { state: 'met', actual: 280, final: false });
    // team A's AHT ≤ 350: (420 + 60 + 80 + 600 + 0 + 40) / 3 calls = 1200 / 3 = 400 → behind
    const g2 = await lead.req('POST', '/api/goals', {
      subject: 'team',
      teamId: org.teamA,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'aht',
      direction: 'lower',
      target: 350,
    });
    assert.equal(g2.status, 200);
    assert.deepEqual(g2.body.progress, { state: 'behind', actual: 400, final: false });
    // a2 to 中級 (2) by the year's end: a2 is junior (1) → behind
    const g3 = await lead.req('POST', '/api/goals', { subject: 'agent', agentId: org.agents.a2, kind: 'skill', dueDate: '2026-12-31', skillLevel: 2 });
    assert.equal(g3.status, 200);
    assert.deepEqual(g3.body.progress, { state: 'behind', actual: 1, final: false });
    // half of team A at 初級 or above by 30 November: both are → share 1 → met
    const g4 = await lead.req('POST', '/api/goals', { subject: 'team', teamId: org.teamA, kind: 'skill', dueDate: '2026-11-30', skillLevel: 1, share: 0.5 });
    assert.equal(g4.status, 200);
    assert.deepEqual(g4.body.progress, { state: 'met', actual: 1, final: false });

    // refusals name the field; a lead may not set goals outside their teams; nothing is stored by a refusal
    const noTarget = await lead.req('POST', '/api/goals', {
      subject: 'agent',
      agentId: org.agents.a1,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'aht',
      direction: 'lower',
    });
    assert.equal(noTarget.status, 400);
    assert.equal(noTarget.body.field, 'body.target');
    assert.equal(noTarget.body.reason, 'goals.fieldRequired');
    const noSkill = await lead.req('POST', '/api/goals', { subject: 'agent', agentId: org.agents.a1, kind: 'skill', dueDate: '2026-12-31' });
    assert.equal(noSkill.body.reason, 'goals.skillEmpty');
    const badQueue = await lead.req('POST', '/api/goals', { subject: 'agent', agentId: org.agents.a1, kind: 'skill', dueDate: '2026-12-31', queue: 'nosuch' });
    assert.equal(badQueue.body.field, 'body.queue');
    const badKpi = await lead.req('POST', '/api/goals', {
      subject: 'team',
      teamId: org.teamA,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'skillLevel',
      direction: 'higher',
      target: 2,
    });
    assert.equal(badKpi.status, 400);
    assert.equal(badKpi.body.field, 'body.kpi');
    const otherTeam = await lead.req('POST', '/api/goals', {
      subject: 'agent',
      agentId: org.agents.b1,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'csat',
      direction: 'higher',
      target: 0.9,
    });
    assert.equal(otherTeam.status, 403);
    assert.equal(otherTeam.body.reason, 'goals.notYourTeam');
    const otherTeamB = await lead.req('POST', '/api/goals', {
      subject: 'team',
      teamId: org.teamB,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'csat',
      direction: 'higher',
      target: 0.9,
    });
    assert.equal(otherTeamB.status, 403);
    // a manager sets for anyone: b1 has no survey answers → no data, with the facts' reason
    const g5 = await manager.req('POST', '/api/goals', {
      subject: 'agent',
      agentId: org.agents.b1,
      kind: 'kpi',
      month: '2026-11',
      kpi: 'csat',
      direction: 'higher',
      target: 0.9,
    });
    assert.equal(g5.status, 200);
    assert.equal(g5.body.progress.state, 'noData');
    assert.equal(g5.body.progress.reason, 'noSurveyAnswers');

    // who sees what: the lead their team's 4, the manager and the duty manager all 5, a1 their own and the team's (g1, g2, g4)
    const ids = async (c: typeof lead) => ((await c.req('GET', '/api/goals?month=2026-11')).body.goals as G[]).map((g) => g.id).sort((a, b) => a - b);
    // November: the KPI goals of the month and the skill goals due in it (g3 is due in December)
    assert.deepEqual(await ids(lead), [g1.body.id, g2.body.id, g4.body.id]);
    assert.deepEqual(await ids(manager), [g1.body.id, g2.body.id, g4.body.id, g5.body.id]);
    assert.deepEqual(await ids(await as('duty_manager')), [g1.body.id, g2.body.id, g4.body.id, g5.body.id]);
    assert.deepEqual(await ids(a1), [g1.body.id, g2.body.id, g4.body.id]);
    const a2List = ((await (await as('a2')).req('GET', '/api/goals')).body.goals as G[]).map((g) => g.id).sort((a, b) => a - b);
    assert.deepEqual(a2List, [g2.body.id, g3.body.id, g4.body.id]); // not a1's
    // another agent's goal: 404 to read, 403 to change; another team's agent sees neither team A's goals
    assert.equal((await a1.req('GET', `/api/goals/${g3.body.id}`)).status, 404);
    assert.equal((await a1.req('GET', `/api/goals/${g5.body.id}`)).status, 404);
    assert.equal((await a1.req('PATCH', `/api/goals/${g3.body.id}`, { note: 'x' })).status, 403);
    assert.equal(
      (await a1.req('POST', '/api/goals', { subject: 'agent', agentId: org.agents.a1, kind: 'skill', dueDate: '2026-12-31', skillLevel: 3 })).status,
      403,
    );
    assert.deepEqual(
      ((await (await as('b1')).req('GET', '/api/goals')).body.goals as G[]).map((g) => g.id),
      [g5.body.id],
    );
    // the lead may not change (or even find) a goal of another team
    assert.equal((await lead.req('PATCH', `/api/goals/${g5.body.id}`, { target: 0.8 })).status, 404);

    // changing: a KPI goal's target (progress follows), a skill goal has no target, dropping hides a goal
    const raised = await lead.req('PATCH', `/api/goals/${g2.body.id}`, { target: 400 });
    assert.deepEqual(raised.body.progress, { state: 'met', actual: 400, final: false });
    const wrong = await lead.req('PATCH', `/api/goals/${g4.body.id}`, { target: 3 });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, 'body.target');
    assert.equal((await lead.req('PATCH', `/api/goals/${g2.body.id}`, { target: 350 })).status, 200);

    // the lead scorecard of November: coaching entries in the shift log, nothing else of the routine
    for (const d of ['2026-11-03', '2026-11-10', '2026-11-17'])
      await store.db
        .insertInto('people_shift_log')
        .values({ team_id: org.teamA, date: d, at: now, kind: 'coaching', agent_id: org.agents.a1, text: '辅导', author_id: org.users.team_lead! })
        .execute();
    const facts = (await manager.req('GET', `/api/facts?by=agent&month=2026-11&teamId=${org.teamA}`)).body.rows as { targets: { met: boolean }[] }[];
    const checks = facts.flatMap((r) => r.targets);
    const cards = await manager.req('GET', '/api/goals/lead-scorecards?month=2026-11');
    assert.equal(cards.status, 200, JSON.stringify(cards.body));
    assert.equal(cards.body.cards.length, 1); // team B has no lead
    const c = cards.body.cards[0];
    assert.equal(c.leadId, org.users.team_lead);
    assert.deepEqual(c.input.targets, { met: checks.filter((x) => x.met).length, judged: checks.length });
    assert.deepEqual(c.input.goals, { met: 2, judged: 3 }); // g1 met, g2 behind, g4 met (g3 due in December)
    assert.equal(c.input.reportDays, 19); // 1–19 November: today's report is not due yet
    assert.equal(c.input.reportsSent, 0);
    assert.equal(c.input.coachings, 3);
    assert.equal(c.input.agents, 2);
    assert.equal(c.input.attritionRate, 0);
    // routine = (0 reports / 19 days + 3 / (2 agents × 2)) / 2 = (0 + 0.75) / 2 = 0.375 (no task due)
    assert.ok(Math.abs(c.parts.routine.score - 0.375) < 1e-9, String(c.parts.routine.score));
    assert.equal(c.execution, c.parts.routine.score);
    // people: no leaver → 1, no mood check-in → left out
    assert.equal(c.parts.people.score, 1);
    // the team's AHT beside it, from the facts
    assert.equal(c.figures.aht.value, 400);

    // the lead sees their own card; an agent none; the weights are the managers'
    assert.equal((await lead.req('GET', '/api/goals/lead-scorecards?month=2026-11')).body.cards.length, 1);
    assert.equal((await a1.req('GET', '/api/goals/lead-scorecards?month=2026-11')).status, 403);
    const cfg = { weights: { results: 1, routine: 1, people: 0 }, coachingPerAgent: 3, attritionCeiling: 0.1 };
    assert.equal((await lead.req('PUT', '/api/goals/lead-scorecards/config', cfg)).status, 403);
    const zero = await manager.req('PUT', '/api/goals/lead-scorecards/config', { ...cfg, weights: { results: 0, routine: 0, people: 0 } });
    assert.equal(zero.status, 400);
    assert.equal(zero.body.reason, 'goals.weightsZero');
    assert.equal((await manager.req('PUT', '/api/goals/lead-scorecards/config', cfg)).status, 200);
    const after = (await manager.req('GET', '/api/goals/lead-scorecards?month=2026-11')).body.cards[0];
    // coaching now 3 / (2 × 3) = 0.5 → routine (0 + 0.5) / 2 = 0.25; overall = (results + routine) / 2, people weighs 0
    assert.ok(Math.abs(after.parts.routine.score - 0.25) < 1e-9);
    assert.ok(Math.abs(after.overall - (after.parts.results.score + 0.25) / 2) < 1e-9);
  },
);
