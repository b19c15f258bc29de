/**
 * Who sees what in quality (issue 13: scope applied in SQL by inScope): another center's evaluations,
 * templates, evaluators and calls stay out of sight; a team lead sees their teams' calls and
 * evaluations only; an agent only their own; the work queue pages without repeats or gaps.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createAgent, createCenter, createUser } from '../../store/org';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { signIn, testApp, testPasswordHash } from '../testing';

// 2026-10-05 10:00 Shanghai
const T0 = Date.UTC(2026, 9, 5, 2);

forEachDatabase('quality reads are scoped: center, team lead’s teams, agent’s own; the work queue pages', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => T0 + 86_400_000 });
  const qa = await as('qa');
  const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
  const call = (id: string, agentId: number, k: number) => ({ id, agentId, queue: 'general', startedAt: T0 + k * 60_000, durationS: 100 });
  // a1, a2 in team A (the team lead's), b1 in team B
  await qa.req('POST', '/api/quality/calls', { calls: [call('A1-1', org.agents.a1, 0), call('A2-1', org.agents.a2, 1), call('B1-1', org.agents.b1, 2)] });
  const ids: Record<string, number> = {};
  for (const c of ['A1-1', 'A2-1', 'B1-1'])
    ids[c] = (await qa.req('POST', '/api/quality/evaluations', { callId: c, templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 60 })).body.id;

  // another center with its own QA user, agent, template and call
  const hash = await testPasswordHash();
  const c2 = await createCenter(store.db, '第二中心', 'Asia/Shanghai', T0);
  await createUser(store.db, { username: 'qa_c2', displayName: 'qa c2', passwordHash: hash, roles: ['qa'], centerId: c2 }, T0);
  const x1 = await createAgent(
    store.db,
    { centerId: c2, teamId: null, employeeNo: 'X001', name: '外中心', hireDate: '2024-01-01', skillLevel: 'junior', extCode: 'X001', queues: ['general'] },
    T0,
  );
  const qa2 = await signIn(app, 'qa_c2');
  const tpl2 = (await qa2.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
  await qa2.req('POST', '/api/quality/calls', { calls: [call('X1-1', x1, 3)] });

  // the other center's QA: none of center 1's evaluations, calls, evaluators or templates
  assert.equal((await qa2.req('GET', `/api/quality/evaluations/${ids['A1-1']}`)).status, 404);
  assert.deepEqual((await qa2.req('GET', '/api/quality/evaluations')).body, []);
  assert.deepEqual(
    (await qa2.req('GET', '/api/quality/calls')).body.map((c: { id: string }) => c.id),
    ['X1-1'],
  );
  assert.deepEqual(
    (await qa2.req('GET', '/api/quality/evaluators')).body.map((u: { username: string }) => u.username),
    ['qa_c2'],
  );
  assert.deepEqual(
    (await qa2.req('GET', '/api/quality/templates')).body.map((x: { id: number }) => x.id),
    [tpl2.id],
  );
  // center 1's template cannot score center 2's call
  const foreignTpl = await qa2.req('POST', '/api/quality/evaluations', { callId: 'X1-1', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 1 });
  assert.deepEqual([foreignTpl.status, foreignTpl.body.field], [400, 'templateId']);

  // the team lead of team A: team A's calls and evaluations; B's evaluation is refused
  const lead = await as('team_lead');
  assert.deepEqual(
    (await lead.req('GET', '/api/quality/calls')).body.map((c: { id: string }) => c.id),
    ['A2-1', 'A1-1'],
  );
  assert.deepEqual(
    (await lead.req('GET', '/api/quality/evaluations')).body.map((e: { call_id: string }) => e.call_id),
    ['A2-1', 'A1-1'],
  );
  const otherTeam = await lead.req('GET', `/api/quality/evaluations/${ids['B1-1']}`);
  assert.deepEqual([otherTeam.status, otherTeam.body.reason], [403, 'quality.evaluationHidden']);
  // asking for another team's agent gives nothing, not their evaluations
  assert.deepEqual((await lead.req('GET', `/api/quality/evaluations?agentId=${org.agents.b1}`)).body, []);

  // an agent: their own evaluation only, whatever agent they ask for
  const a2 = await as('a2');
  assert.deepEqual(
    (await a2.req('GET', '/api/quality/evaluations')).body.map((e: { id: number }) => e.id),
    [ids['A2-1']],
  );
  assert.deepEqual((await a2.req('GET', `/api/quality/evaluations?agentId=${org.agents.a1}`)).body, []);

  // the work queue pages: 7 sampled calls in pages of 3 → 3 + 3 + 1, in call order, no repeats
  const more = Array.from({ length: 7 }, (_, i) => call(`Q-${i}`, org.agents.a1, 10 + i));
  await qa.req('POST', '/api/quality/calls', { calls: more });
  await store.db
    .insertInto('qa_work_items')
    .values(
      more.map((c, i) => ({
        center_id: org.centerId,
        call_id: c.id,
        agent_id: org.agents.a1,
        evaluator_id: org.users.qa!,
        week: '2026-W41',
        reasons: '["random"]',
        evaluation_id: null,
        created_at: T0 + i,
      })),
    )
    .execute();
  const pages: string[][] = [];
  for (let offset = 0; offset < 9; offset += 3)
    pages.push((await qa.req('GET', `/api/quality/work-queue?limit=3&offset=${offset}`)).body.map((w: { call_id: string }) => w.call_id));
  assert.deepEqual(pages, [['Q-0', 'Q-1', 'Q-2'], ['Q-3', 'Q-4', 'Q-5'], ['Q-6']]);
  assert.equal((await qa.req('GET', '/api/quality/work-queue?limit=301')).status, 400);
});
