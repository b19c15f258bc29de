/**
 * Who sees what of training (issue 13, scope in SQL): an agent only their own attempts and
 * certifications and their team's plan, a team lead their teams', the center's staff all of the
 * center — and nothing of another center, whose exams, courses, teams and agents are out of reach.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createAgent, createCenter, createTeam, createUser } from '../../store/org';
import { signIn, testApp, testPasswordHash } from '../testing';

const T0 = Date.UTC(2026, 10, 2, 1, 0);

forEachDatabase('training: agents see their own attempts and certifications, leads their teams, another center nothing', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => T0 });
  try {
    const trainer = await as('trainer');
    assert.equal((await trainer.req('PUT', '/api/people/cert-queues/billing', {})).status, 200);
    const qs = await trainer.req('POST', '/api/people/questions', {
      bank: '账务',
      questions: [{ kind: 'true_false', text: '可以口头承诺退费', answer: false, points: 10 }],
    });
    const qid: number = qs.body.ids[0];
    const exam = await trainer.req('POST', '/api/people/exams', { title: '账务认证', queue: 'billing', questionIds: [qid], timeLimitMin: 10 });
    assert.equal(exam.status, 200, JSON.stringify(exam.body));
    // a1 and b1 answer right (100 % → certified), a2 wrong (0 % → failed)
    const take = async (who: 'a1' | 'a2' | 'b1', answer: boolean) => {
      const c = await as(who);
      const started = await c.req('POST', `/api/people/exams/${exam.body.id}/start`);
      assert.equal(started.status, 200, JSON.stringify(started.body));
      const sub = await c.req('POST', `/api/people/attempts/${started.body.attemptId}/submit`, { answers: { [qid]: answer } });
      assert.equal(sub.status, 200, JSON.stringify(sub.body));
      return { attemptId: started.body.attemptId as number, status: sub.body.status as string };
    };
    const a1 = await take('a1', false);
    const a2 = await take('a2', true);
    const b1 = await take('b1', false);
    assert.deepEqual([a1.status, a2.status, b1.status], ['passed', 'failed', 'passed']);

    const ids = (rows: { agent_id: number }[]) => rows.map((r) => r.agent_id).sort((x, y) => x - y);
    const sorted = (...xs: number[]) => xs.sort((x, y) => x - y);
    // an agent: own only; another agent's attempt is not found, asking for another agent is refused
    const ag = await as('a1');
    assert.deepEqual(ids((await ag.req('GET', '/api/people/attempts')).body), [org.agents.a1]);
    assert.deepEqual(ids((await ag.req('GET', '/api/people/certifications')).body), [org.agents.a1]);
    assert.equal((await ag.req('GET', `/api/people/attempts/${a2.attemptId}`)).status, 404);
    assert.equal((await ag.req('GET', `/api/people/attempts/${a1.attemptId}`)).status, 200);
    assert.equal((await ag.req('GET', `/api/people/attempts?agentId=${org.agents.a2}`)).status, 403);
    assert.equal((await ag.req('GET', `/api/people/certifications?agentId=${org.agents.b1}`)).status, 403);
    // the team lead (team A): a1 and a2, not b1 of team B
    const lead = await as('team_lead');
    assert.deepEqual(ids((await lead.req('GET', '/api/people/attempts')).body), sorted(org.agents.a1, org.agents.a2));
    assert.deepEqual(ids((await lead.req('GET', '/api/people/certifications')).body), [org.agents.a1]);
    assert.equal((await lead.req('GET', `/api/people/attempts/${b1.attemptId}`)).status, 404);
    assert.equal((await lead.req('GET', `/api/people/attempts?agentId=${org.agents.b1}`)).status, 403);
    assert.deepEqual(ids((await lead.req('GET', `/api/people/attempts?agentId=${org.agents.a2}`)).body), [org.agents.a2]);
    // the trainer: the whole center
    assert.deepEqual(ids((await trainer.req('GET', '/api/people/attempts')).body), sorted(org.agents.a1, org.agents.a2, org.agents.b1));
    assert.deepEqual(ids((await trainer.req('GET', '/api/people/certifications')).body), sorted(org.agents.a1, org.agents.b1));

    // the plan: a course in March for team A, in April for team B
    const course = await trainer.req('POST', '/api/people/courses', { title: '账务业务', hours: 2 });
    for (const [teamId, month] of [
      [org.teamA, 3],
      [org.teamB, 4],
    ])
      assert.equal((await trainer.req('POST', '/api/people/plan', { teamId, year: 2026, month, courseId: course.body.id })).status, 200);
    const months = async (who: 'a1' | 'b1' | 'team_lead' | 'trainer', q = '') =>
      ((await (await as(who)).req('GET', `/api/people/plan?year=2026${q}`)).body as { month: number }[]).map((p) => p.month);
    assert.deepEqual(await months('a1'), [3]);
    assert.deepEqual(await months('b1'), [4]);
    assert.deepEqual(await months('team_lead'), [3]);
    assert.deepEqual(await months('trainer'), [3, 4]);
    assert.deepEqual(await months('trainer', `&teamId=${org.teamB}`), [4]);
    assert.equal((await lead.req('GET', `/api/people/plan?teamId=${org.teamB}`)).status, 403);

    // sessions: one for the whole center (a1 and b1 present), one for team B; the lead sees the first, with a1 only
    const all = await trainer.req('POST', '/api/people/sessions', { courseId: course.body.id, startsAt: T0 + 86_400_000 });
    const teamB = await trainer.req('POST', '/api/people/sessions', { courseId: course.body.id, teamId: org.teamB, startsAt: T0 });
    const att = [
      { agentId: org.agents.a1, present: true },
      { agentId: org.agents.b1, present: true },
    ];
    assert.equal((await trainer.req('PUT', `/api/people/sessions/${all.body.id}/attendance`, { attendance: att })).status, 200);
    const leadSessions = (await lead.req('GET', '/api/people/sessions')).body;
    assert.deepEqual(
      leadSessions.map((s: { id: number; present: number[] }) => [s.id, s.present]),
      [[all.body.id, [org.agents.a1]]],
    );
    assert.deepEqual(
      (await trainer.req('GET', '/api/people/sessions')).body.map((s: { id: number; present: number[] }) => [s.id, s.present.length]),
      [
        [all.body.id, 2],
        [teamB.body.id, 0],
      ],
    );

    // another center: its trainer and agent reach nothing of this one
    const hash = await testPasswordHash();
    const other = await createCenter(store.db, '别的中心', 'Asia/Shanghai', T0);
    const otherTeam = await createTeam(store.db, { centerId: other, name: 'X组', leadUserId: null }, T0);
    const x1 = await createAgent(
      store.db,
      { centerId: other, teamId: otherTeam, employeeNo: 'X001', name: '外人', hireDate: '2025-01-01', skillLevel: 'junior', extCode: 'X001', queues: [] },
      T0,
    );
    await createUser(store.db, { username: 'x_trainer', displayName: 'x', passwordHash: hash, roles: ['trainer'], centerId: other }, T0);
    await createUser(store.db, { username: 'x1', displayName: 'x1', passwordHash: hash, roles: ['agent'], agentId: x1, centerId: other }, T0);
    const xt = await signIn(app, 'x_trainer');
    const xa = await signIn(app, 'x1');
    for (const url of ['/api/people/attempts', '/api/people/certifications', '/api/people/exams', '/api/people/attempts/pending', '/api/people/sessions'])
      assert.deepEqual((await xt.req('GET', url)).body, [], url);
    assert.equal((await xt.req('GET', `/api/people/attempts/${a1.attemptId}`)).status, 404);
    assert.equal((await xa.req('POST', `/api/people/exams/${exam.body.id}/start`)).status, 404);
    const planned = await xt.req('POST', '/api/people/plan', { teamId: otherTeam, year: 2026, month: 5, courseId: course.body.id });
    assert.deepEqual([planned.status, planned.body.field], [400, 'courseId']);
    const xCourse = await xt.req('POST', '/api/people/courses', { title: '外部课程' });
    const foreignTeam = await xt.req('POST', '/api/people/plan', { teamId: org.teamA, year: 2026, month: 5, courseId: xCourse.body.id });
    assert.deepEqual([foreignTeam.status, foreignTeam.body.field], [400, 'teamId']);
    assert.equal((await xt.req('PUT', `/api/people/sessions/${all.body.id}/attendance`, { attendance: [] })).status, 404);
    const xSession = await xt.req('POST', '/api/people/sessions', { courseId: xCourse.body.id, startsAt: T0 });
    const foreignAgent = await xt.req('PUT', `/api/people/sessions/${xSession.body.id}/attendance`, {
      attendance: [{ agentId: org.agents.a1, present: true }],
    });
    assert.deepEqual([foreignAgent.status, foreignAgent.body.field], [400, 'attendance.0.agentId']); // named as the form names it (as zod does)
  } finally {
    await app.close();
  }
});

forEachDatabase('marking: a trainer of another center cannot mark or see an attempt awaiting marks', async (_t, store) => {
  const { app, as } = await testApp(store, { now: () => T0 });
  try {
    const trainer = await as('trainer');
    const sq = await trainer.req('POST', '/api/people/questions', { bank: '服务', questions: [{ kind: 'short', text: '如何安抚投诉客户？', points: 10 }] });
    const ex = await trainer.req('POST', '/api/people/exams', { title: '服务', questionIds: sq.body.ids, timeLimitMin: 5, passPercent: 60 });
    const a1 = await as('a1');
    const t = await a1.req('POST', `/api/people/exams/${ex.body.id}/start`);
    await a1.req('POST', `/api/people/attempts/${t.body.attemptId}/submit`, { answers: { [sq.body.ids[0]]: '先倾听，再致歉' } });
    const other = await createCenter(store.db, '别的中心', 'Asia/Shanghai', T0);
    await createUser(store.db, { username: 'x_trainer', displayName: 'x', passwordHash: await testPasswordHash(), roles: ['trainer'], centerId: other }, T0);
    const xt = await signIn(app, 'x_trainer');
    assert.deepEqual((await xt.req('GET', '/api/people/attempts/pending')).body, []);
    assert.equal((await xt.req('POST', `/api/people/attempts/${t.body.attemptId}/marks`, { marks: { [sq.body.ids[0]]: 7 } })).status, 404);
    // this center's trainer sees it waiting, marks it: 7 / 10 = 70 % ≥ 60 %
    const pending = (await trainer.req('GET', '/api/people/attempts/pending')).body;
    assert.deepEqual(
      pending.map((p: { id: number; result: { pendingManual: string[] } }) => [p.id, p.result.pendingManual]),
      [[t.body.attemptId, [String(sq.body.ids[0])]]],
    );
    const marked = await trainer.req('POST', `/api/people/attempts/${t.body.attemptId}/marks`, { marks: { [sq.body.ids[0]]: 7 } });
    assert.deepEqual([marked.status, marked.body.status, marked.body.percent], [200, 'passed', 70]);
  } finally {
    await app.close();
  }
});
