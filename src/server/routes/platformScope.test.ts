/**
 * The organisation as each caller sees it (issue 13): teams, agents and users of the caller's center
 * only, applied in SQL; a team or agent of another center is not found and never changed; the Teams
 * page's lead candidates come from an endpoint its roles may call.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createAgent, createCenter, createTeam, createUser, setUserActive } from '../../store/org';
import { signIn, testApp, testPasswordHash } from '../testing';

forEachDatabase('teams, agents and users are those of the caller’s center; another center’s are not found', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const db = store.db;
    const now = Date.UTC(2026, 10, 1);
    const hash = await testPasswordHash();
    // a second center with its own team, agent, team lead and center manager
    const other = await createCenter(db, '第二中心', 'Europe/London', now);
    const otherLead = await createUser(db, { username: 'lead2', displayName: '二中心组长', passwordHash: hash, roles: ['team_lead'], centerId: other }, now);
    const otherTeam = await createTeam(db, { centerId: other, name: 'X组', leadUserId: otherLead }, now);
    const otherAgent = await createAgent(
      db,
      { centerId: other, teamId: otherTeam, employeeNo: 'X001', name: '外中心', hireDate: '2025-01-01', skillLevel: 'junior', queues: [] },
      now,
    );
    await createUser(db, { username: 'manager2', displayName: '二中心经理', passwordHash: hash, roles: ['center_manager'], centerId: other }, now);

    const manager = await as('center_manager');
    // teams: the seeded center's two, not X组
    const teams = await manager.req('GET', '/api/teams');
    assert.equal(teams.status, 200);
    assert.deepEqual(
      teams.body.map((t: { name: string }) => t.name),
      ['A组', 'B组'],
    );
    // agents: the seeded three (A001, A002, B001), not X001
    const agents = await manager.req('GET', '/api/agents');
    assert.deepEqual(
      agents.body.map((a: { employee_no: string }) => a.employee_no),
      ['A001', 'A002', 'B001'],
    );
    // an agent sees their own team only; a team lead the team they lead
    assert.deepEqual(
      (await (await as('b1')).req('GET', '/api/teams')).body.map((t: { id: number }) => t.id),
      [org.teamB],
    );
    assert.deepEqual(
      (await (await as('team_lead')).req('GET', '/api/teams')).body.map((t: { id: number }) => t.id),
      [org.teamA],
    );
    // the other center's agent and team: not found, not changed
    assert.equal((await manager.req('GET', `/api/agents/${otherAgent}`)).status, 404);
    assert.equal((await manager.req('PATCH', `/api/agents/${otherAgent}`, { status: 'left' })).status, 404);
    assert.equal((await manager.req('PATCH', `/api/teams/${otherTeam}`, { name: '改名' })).status, 404);
    const x = await db.selectFrom('agents').select('status').where('id', '=', otherAgent).executeTakeFirstOrThrow();
    assert.equal(x.status, 'active');
    // nor can an agent be put in another center's team
    assert.equal((await manager.req('PATCH', `/api/agents/${org.agents.a1}`, { teamId: otherTeam })).status, 400);
    // centers: the caller's own
    assert.deepEqual(
      (await manager.req('GET', '/api/centers')).body.map((c: { id: number }) => c.id),
      [org.centerId],
    );

    // users: the admin of the seeded center lists its users, not lead2 / manager2
    const users = (await (await as('admin')).req('GET', '/api/users')).body.map((u: { username: string }) => u.username);
    assert.ok(users.includes('team_lead') && users.includes('a1'));
    assert.ok(!users.includes('lead2') && !users.includes('manager2'));

    // lead candidates: a center manager may read them (the users list stays admin-only), own center's active team leads only
    assert.equal((await manager.req('GET', '/api/users')).status, 403);
    const second = await createUser(db, { username: 'lead1b', displayName: '副组长', passwordHash: hash, roles: ['team_lead'], centerId: org.centerId }, now);
    const gone = await createUser(db, { username: 'lead1c', displayName: '离职组长', passwordHash: hash, roles: ['team_lead'], centerId: org.centerId }, now);
    await setUserActive(db, gone, false);
    const cands = await manager.req('GET', '/api/teams/lead-candidates');
    assert.equal(cands.status, 200);
    assert.deepEqual(
      cands.body.map((u: { id: number }) => u.id),
      [org.users.team_lead, second],
    );
    assert.equal((await (await as('team_lead')).req('GET', '/api/teams/lead-candidates')).status, 403);
    // a lead from another center is refused, naming the field
    const bad = await manager.req('PATCH', `/api/teams/${org.teamB}`, { leadUserId: otherLead });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'body.leadUserId');

    // the second center's manager sees their own center's team only
    const manager2 = await signIn(app, 'manager2');
    assert.deepEqual(
      (await manager2.req('GET', '/api/teams')).body.map((t: { id: number }) => t.id),
      [otherTeam],
    );
  } finally {
    await app.close();
  }
});
