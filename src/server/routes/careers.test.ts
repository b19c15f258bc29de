import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

// 2026-12-06: November is the last closed month; the default rule reads Sep, Oct, Nov (3 months, ≥ 2 KPIs below target)
const NOW = Date.UTC(2026, 11, 6, 2);

/**
 * Figures worked by hand against the default KPIs: a1 and b1 (tenure > 12 months, skill level junior = 1
 * against a target of 2) have skillLevel below every month; aht 200 s is above the 150 s target → 2 below
 * in Sep, Oct and Nov → proposed. a2 (tenure < 12: no skill target, aht target 170): Sep and Oct aht 200
 * and adherence 0.8 < 0.9 → 2 below; Nov only attendance 0.9 < 1 → 1 below → the run ends → not proposed.
 */
async function loadMonths(mgr: { req: (m: 'POST', u: string, b: unknown) => Promise<{ status: number }> }, org: { agents: Record<string, number> }) {
  const figures: { agentId: number; month: string; kpi: string; value: number }[] = [];
  for (const month of ['2026-09', '2026-10', '2026-11']) {
    figures.push({ agentId: org.agents.a1!, month, kpi: 'aht', value: 200 }, { agentId: org.agents.b1!, month, kpi: 'aht', value: 200 });
    if (month !== '2026-11')
      figures.push({ agentId: org.agents.a2!, month, kpi: 'aht', value: 200 }, { agentId: org.agents.a2!, month, kpi: 'adherence', value: 0.8 });
    else figures.push({ agentId: org.agents.a2!, month, kpi: 'attendance', value: 0.9 });
  }
  assert.equal((await mgr.req('POST', '/api/performance/figures', { figures })).status, 200);
}

forEachDatabase(
  'improvement plans: proposed after 3 months below target, opened by the lead, steps recorded and acknowledged by the agent alone, ended by a decision',
  async (_t, store) => {
    const { org, as } = await testApp(store, { now: () => NOW });
    const mgr = await as('center_manager');
    const lead = await as('team_lead'); // leads team A: a1, a2
    await loadMonths(mgr, org);

    const byMgr = (await mgr.req('GET', '/api/careers/plans/proposals')).body;
    assert.deepEqual(byMgr.months, ['2026-09', '2026-10', '2026-11']);
    assert.deepEqual(byMgr.rule, { months: 3, minItemsBelow: 2 });
    assert.deepEqual(byMgr.proposals.map((p: { employeeNo: string }) => p.employeeNo).sort(), ['A001', 'B001']);
    const a1Months = byMgr.proposals.find((p: { employeeNo: string }) => p.employeeNo === 'A001').months;
    assert.deepEqual(a1Months[0], { month: '2026-09', belowTarget: ['aht', 'skillLevel'] });
    // the lead sees only their team's proposals
    assert.deepEqual(
      (await lead.req('GET', '/api/careers/plans/proposals')).body.proposals.map((p: { employeeNo: string }) => p.employeeNo),
      ['A001'],
    );
    // the rule is the center's: at 1 month with 1 KPI below, a2's November (attendance 0.9 < 1) proposes a2 too
    await mgr.req('PUT', '/api/settings/careers.improvement', { value: { months: 1, minItemsBelow: 1 } });
    assert.deepEqual((await lead.req('GET', '/api/careers/plans/proposals')).body.proposals.map((p: { employeeNo: string }) => p.employeeNo).sort(), [
      'A001',
      'A002',
    ]);
    await mgr.req('PUT', '/api/settings/careers.improvement', { value: { months: 3, minItemsBelow: 2 } });

    // refusals name the field; nothing is stored
    const early = await lead.req('POST', '/api/careers/plans', {
      agentId: org.agents.a1,
      reason: '连续三个月未达标',
      startDate: '2026-12-07',
      endDate: '2026-12-01',
    });
    assert.equal(early.status, 400);
    assert.equal(early.body.field, 'body.endDate');
    assert.equal(early.body.reason, 'careers.endBeforeStart');
    const notProposed = await lead.req('POST', '/api/careers/plans', {
      agentId: org.agents.a2,
      reason: 'x',
      startDate: '2026-12-07',
      endDate: '2027-01-31',
      proposed: true,
    });
    assert.equal(notProposed.status, 400);
    assert.equal(notProposed.body.reason, 'careers.notProposed');
    // another team's agent: the lead is refused
    const other = await lead.req('POST', '/api/careers/plans', { agentId: org.agents.b1, reason: 'x', startDate: '2026-12-07', endDate: '2027-01-31' });
    assert.equal(other.status, 403);
    assert.equal(other.body.reason, 'people.agentNotVisible');
    assert.equal((await mgr.req('GET', '/api/careers/plans')).body.length, 0);

    const opened = await lead.req('POST', '/api/careers/plans', {
      agentId: org.agents.a1,
      reason: '连续三个月未达标',
      startDate: '2026-12-07',
      endDate: '2027-02-28',
      proposed: true,
    });
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    const planId = opened.body.id as number;
    assert.equal(opened.body.origin, 'proposed');
    assert.deepEqual(
      opened.body.missedMonths.map((m: { month: string }) => m.month),
      ['2026-09', '2026-10', '2026-11'],
    );
    // one open plan per agent; a1 is no longer proposed
    const again = await mgr.req('POST', '/api/careers/plans', { agentId: org.agents.a1, reason: 'x', startDate: '2026-12-07', endDate: '2027-02-28' });
    assert.equal(again.status, 409);
    assert.equal(again.body.reason, 'careers.planAlreadyOpen');
    assert.deepEqual(
      (await mgr.req('GET', '/api/careers/plans/proposals')).body.proposals.map((p: { employeeNo: string }) => p.employeeNo),
      ['B001'],
    );

    const step = await lead.req('POST', `/api/careers/plans/${planId}/steps`, { dueDate: '2026-12-20', action: '每周两次跟听优秀坐席录音' });
    assert.equal(step.status, 200);
    assert.equal(step.body.result, 'pending');
    assert.equal(step.body.acknowledgedAt, null);

    // the agent sees their plan and its step; another agent sees neither (absent, not forbidden)
    const a1 = await as('a1');
    const a2 = await as('a2');
    assert.deepEqual(
      (await a1.req('GET', '/api/careers/plans')).body.map((p: { id: number }) => p.id),
      [planId],
    );
    assert.equal((await a1.req('GET', `/api/careers/plans/${planId}`)).body.steps[0].action, '每周两次跟听优秀坐席录音');
    assert.deepEqual((await a2.req('GET', '/api/careers/plans')).body, []);
    assert.equal((await a2.req('GET', `/api/careers/plans/${planId}`)).status, 404);
    assert.equal((await a2.req('POST', `/api/careers/steps/${step.body.id}/ack`, {})).status, 404);
    assert.equal((await a2.req('GET', `/api/careers/plans?agentId=${org.agents.a1}`)).body.length, 0);

    const ack = await a1.req('POST', `/api/careers/steps/${step.body.id}/ack`, {});
    assert.equal(ack.status, 200);
    const view = (await lead.req('GET', `/api/careers/plans/${planId}`)).body;
    assert.equal(view.steps[0].acknowledgedAt, NOW);
    assert.equal(view.plan.unacknowledged, 0);
    assert.equal(view.plan.pendingSteps, 1);

    // a result is news to the agent: acknowledged again
    const rec = await lead.req('PATCH', `/api/careers/steps/${step.body.id}`, { result: 'met', note: 'AHT 降至 165 秒' });
    assert.equal(rec.body.result, 'met');
    assert.equal(rec.body.acknowledgedAt, null);

    // an extension needs a later end date; then it stays open
    const noDate = await lead.req('POST', `/api/careers/plans/${planId}/decision`, { decision: 'extended', note: '再观察一个月' });
    assert.equal(noDate.status, 400);
    assert.equal(noDate.body.reason, 'careers.extendNeedsEndDate');
    const ext = await lead.req('POST', `/api/careers/plans/${planId}/decision`, { decision: 'extended', note: '再观察一个月', endDate: '2027-03-31' });
    assert.equal(ext.body.status, 'open');
    assert.equal(ext.body.endDate, '2027-03-31');
    const done = await mgr.req('POST', `/api/careers/plans/${planId}/decision`, { decision: 'improved', note: '连续两个月达标' });
    assert.equal(done.body.status, 'closed');
    assert.equal(done.body.decision, 'improved');
    // a closed plan takes no more steps
    const late = await lead.req('POST', `/api/careers/plans/${planId}/steps`, { dueDate: '2027-01-05', action: 'x' });
    assert.equal(late.status, 409);
    assert.equal(late.body.reason, 'careers.planClosed');
    // a plan of team B's agent, opened by the manager, is absent for team A's lead (read, step, decision)
    const bPlan = (
      await mgr.req('POST', '/api/careers/plans', {
        agentId: org.agents.b1,
        reason: '连续三个月未达标',
        startDate: '2026-12-07',
        endDate: '2027-02-28',
        proposed: true,
      })
    ).body;
    const bStep = (await mgr.req('POST', `/api/careers/plans/${bPlan.id}/steps`, { dueDate: '2026-12-20', action: '跟听' })).body;
    assert.equal((await lead.req('GET', `/api/careers/plans/${bPlan.id}`)).status, 404);
    assert.equal((await lead.req('POST', `/api/careers/plans/${bPlan.id}/steps`, { dueDate: '2026-12-21', action: 'x' })).status, 404);
    assert.equal((await lead.req('PATCH', `/api/careers/steps/${bStep.id}`, { result: 'notMet' })).status, 404);
    assert.equal((await lead.req('POST', `/api/careers/plans/${bPlan.id}/decision`, { decision: 'separation', note: 'x' })).status, 404);
    assert.equal((await a1.req('POST', `/api/careers/steps/${bStep.id}/ack`, {})).status, 404);
    assert.deepEqual(
      (await lead.req('GET', '/api/careers/plans')).body.map((p: { id: number }) => p.id),
      [planId],
    );
    assert.equal((await mgr.req('GET', `/api/careers/plans/${bPlan.id}`)).body.steps[0].result, 'pending');

    // every step and decision is in the audit log
    const audit = (await mgr.req('GET', `/api/audit?entity=improvementPlan&entityId=${planId}`)).body.map((r: { action: string }) => r.action);
    assert.deepEqual(audit.sort(), ['careers.plan.decide', 'careers.plan.decide', 'careers.plan.open']);
    const stepAudit = (await mgr.req('GET', `/api/audit?entity=improvementStep&entityId=${step.body.id}`)).body.map((r: { action: string }) => r.action);
    assert.deepEqual(stepAudit.sort(), ['careers.step.ack', 'careers.step.add', 'careers.step.result']);
  },
);

forEachDatabase(
  'development: IDP items (trainers course items only), moves recorded by managers and seen by the agent, talent nominations keep the month’s figures',
  async (_t, store) => {
    const { org, as } = await testApp(store, { now: () => NOW });
    const mgr = await as('center_manager');
    const lead = await as('team_lead');
    const trainer = await as('trainer');
    const a1 = await as('a1');
    const a2 = await as('a2');
    await loadMonths(mgr, org);
    const course = await store.db
      .insertInto('people_courses')
      .values({ center_id: org.centerId, title: '投诉处理技巧', module: 'service', hours: 4, created_at: NOW } as never)
      .returning('id')
      .executeTakeFirstOrThrow();

    // a trainer may add a course item, not a behaviour item
    const beh = await trainer.req('POST', '/api/careers/idp', { agentId: org.agents.a1, kind: 'behaviour', title: '按时上线', dueDate: '2027-01-31' });
    assert.equal(beh.status, 403);
    assert.equal(beh.body.reason, 'careers.trainerCourseOnly');
    const unknownCourse = await trainer.req('POST', '/api/careers/idp', {
      agentId: org.agents.a1,
      kind: 'course',
      title: 'x',
      dueDate: '2027-01-31',
      courseId: 99999,
    });
    assert.equal(unknownCourse.status, 400);
    assert.equal(unknownCourse.body.field, 'body.courseId');
    const item = await trainer.req('POST', '/api/careers/idp', {
      agentId: org.agents.a1,
      kind: 'course',
      title: '完成投诉处理课程',
      dueDate: '2027-01-31',
      courseId: course.id,
    });
    assert.equal(item.status, 200, JSON.stringify(item.body));
    assert.equal(item.body.courseTitle, '投诉处理技巧');
    const skill = await lead.req('POST', '/api/careers/idp', {
      agentId: org.agents.a1,
      kind: 'skill',
      title: '升到中级',
      dueDate: '2027-03-31',
      ownerId: org.users.team_lead,
    });
    assert.equal(skill.body.ownerName, 'team_lead 用户');
    // the trainer may move the course item on, not the lead's skill item
    assert.equal((await trainer.req('PATCH', `/api/careers/idp/${item.body.id}`, { status: 'doing' })).body.status, 'doing');
    assert.equal((await trainer.req('PATCH', `/api/careers/idp/${skill.body.id}`, { status: 'done' })).status, 403);
    // the lead may not plan for another team's agent
    assert.equal((await lead.req('POST', '/api/careers/idp', { agentId: org.agents.b1, kind: 'skill', title: 'x', dueDate: '2027-03-31' })).status, 403);
    // the agent reads their own items; another agent none of them
    assert.deepEqual(
      (await a1.req('GET', '/api/careers/idp')).body.map((i: { title: string }) => i.title),
      ['完成投诉处理课程', '升到中级'],
    );
    assert.deepEqual((await a2.req('GET', `/api/careers/idp?agentId=${org.agents.a1}`)).body, []);

    // a rotation from team A to B, approved by the manager (default: who records it)
    const mv = await mgr.req('POST', '/api/careers/moves', {
      agentId: org.agents.a2,
      kind: 'rotation',
      date: '2026-12-01',
      fromTeamId: org.teamA,
      toTeamId: org.teamB,
      fromQueue: 'general',
      toQueue: 'vip',
      reason: '轮岗学习 VIP 业务',
    });
    assert.equal(mv.status, 200, JSON.stringify(mv.body));
    assert.deepEqual([mv.body.fromTeam, mv.body.toTeam, mv.body.approvedByName], ['A组', 'B组', 'center_manager 用户']);
    const badTeam = await mgr.req('POST', '/api/careers/moves', {
      agentId: org.agents.a2,
      kind: 'promotion',
      date: '2026-12-01',
      toTeamId: 99999,
      reason: 'x',
    });
    assert.equal(badTeam.status, 400);
    assert.equal(badTeam.body.field, 'body.toTeamId');
    assert.equal((await a2.req('GET', '/api/careers/moves')).body.length, 1);
    assert.equal((await a1.req('GET', '/api/careers/moves')).body.length, 0);

    // a nomination keeps November's scorecard as evidence: a1's aht 200 against 150, below
    const nom = await lead.req('POST', '/api/careers/talent', { agentId: org.agents.a1, track: 'backupLead', evidence: '带教新人两名' });
    assert.equal(nom.status, 200, JSON.stringify(nom.body));
    assert.equal(nom.body.month, '2026-11');
    const aht = nom.body.figures.kpis.find((k: { key: string }) => k.key === 'aht');
    assert.deepEqual(aht, { key: 'aht', actual: 200, target: 150, status: 'below' });
    assert.equal(nom.body.status, 'nominated');
    // the lead may not review; the manager does
    assert.equal((await lead.req('PATCH', `/api/careers/talent/${nom.body.id}`, { status: 'accepted' })).status, 403);
    const rev = await mgr.req('PATCH', `/api/careers/talent/${nom.body.id}`, { status: 'accepted', note: '列入后备组长' });
    assert.deepEqual([rev.body.status, rev.body.reviewedByName], ['accepted', 'center_manager 用户']);
    // a nomination of team B is not in team A's lead's pool
    await mgr.req('POST', '/api/careers/talent', { agentId: org.agents.b1, track: 'model', evidence: '月度标兵' });
    assert.equal((await mgr.req('GET', '/api/careers/talent')).body.length, 2);
    assert.equal((await lead.req('GET', '/api/careers/talent')).body.length, 1);
  },
);
