import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, freshStore } from '../store/testing';
import { testApp, signIn, TEST_PASSWORD } from './testing';
import { buildApp } from './app';

forEachDatabase('sign-in, sessions, CSRF and bad input', async (_t, store) => {
  let clock = Date.UTC(2026, 10, 2, 8);
  const { app, org, as } = await testApp(store, { now: () => clock });

  // wrong password: 401, no cookie
  const bad = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope-nope' } });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.headers['set-cookie'], undefined);
  assert.match(bad.json().message, /wrong user name or password/);
  // unknown user answers the same
  const unknown = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'whatever1' } });
  assert.equal(unknown.statusCode, 401);

  const admin = await as('admin');
  const cookieLine = (await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: TEST_PASSWORD } })).headers[
    'set-cookie'
  ] as string;
  assert.match(cookieLine, /HttpOnly/i);
  assert.match(cookieLine, /SameSite=Strict/i);

  const me = await admin.req('GET', '/api/auth/me');
  assert.equal(me.status, 200);
  assert.deepEqual(me.body.user.roles, ['admin']);

  // state change without CSRF header: refused, nothing created
  const noCsrf = await app.inject({ method: 'POST', url: '/api/teams', headers: { cookie: admin.cookie }, payload: { name: '无令牌组' } });
  assert.equal(noCsrf.statusCode, 403);
  assert.match(noCsrf.json().message, /CSRF/);

  // malformed JSON
  const malformed = await app.inject({
    method: 'POST',
    url: '/api/teams',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    payload: '{"name": ',
  });
  assert.equal(malformed.statusCode, 400);
  assert.equal(malformed.json().error, 'bad_request');

  // oversized body (limit 1 MiB)
  const big = await app.inject({
    method: 'POST',
    url: '/api/teams',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
    payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
  });
  assert.equal(big.statusCode, 413);

  // a field error names the field
  const badField = await admin.req('POST', '/api/agents', { employeeNo: 'Z1', name: '赵', teamId: org.teamA, hireDate: '2026/01/01' });
  assert.equal(badField.status, 400);
  assert.equal(badField.body.field, 'body.hireDate');

  // duplicate employee number: 409 naming the field, nothing changed
  const before = (await admin.req('GET', '/api/agents')).body.length;
  const dup = await admin.req('POST', '/api/agents', { employeeNo: 'A001', name: '重复', teamId: org.teamA, hireDate: '2026-01-01' });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.field, 'employeeNo');
  assert.equal((await admin.req('GET', '/api/agents')).body.length, before);

  // unknown route: JSON 404
  const nf = await admin.req('GET', '/api/nothing-here');
  assert.equal(nf.status, 404);
  assert.match(nf.body.message, /no route GET \/api\/nothing-here/);

  // the audit log recorded the creation attempt that succeeded only
  const created = await admin.req('POST', '/api/teams', { name: '新组' });
  assert.equal(created.status, 200);
  const log = await admin.req('GET', '/api/audit?entity=team');
  assert.equal(log.body.filter((r: { action: string }) => r.action === 'team.create').length, 1);

  // expired session: 401 with a clear message, then the session is gone
  clock += 9 * 3600_000;
  const expired = await admin.req('GET', '/api/auth/me');
  assert.equal(expired.status, 401);
  assert.match(expired.body.message, /expired/);
  assert.equal((await admin.req('GET', '/api/auth/me')).body.message, 'not signed in');

  // logout ends the session
  const fresh = await signIn(app, 'qa');
  assert.equal((await fresh.req('POST', '/api/auth/logout')).status, 200);
  assert.equal((await fresh.req('GET', '/api/auth/me')).status, 401);
  await app.close();
});

forEachDatabase('agents see only themselves, team leads only their teams', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  const a1 = await as('a1');
  const list = await a1.req('GET', '/api/agents');
  assert.deepEqual(
    list.body.map((a: { id: number }) => a.id),
    [org.agents.a1],
  );
  assert.equal((await a1.req('GET', `/api/agents/${org.agents.a2}`)).status, 403);
  assert.equal((await a1.req('GET', `/api/agents/${org.agents.a1}`)).status, 200);
  assert.equal((await a1.req('GET', '/api/users')).status, 403);

  const lead = await as('team_lead');
  const leadList = await lead.req('GET', '/api/agents');
  assert.deepEqual(leadList.body.map((a: { id: number }) => a.id).sort(), [org.agents.a1, org.agents.a2].sort());
  assert.equal((await lead.req('GET', `/api/agents/${org.agents.b1}`)).status, 403);
  assert.equal((await lead.req('GET', `/api/agents?teamId=${org.teamB}`)).body.length, 0);
  const teams = await lead.req('GET', '/api/teams');
  assert.deepEqual(
    teams.body.map((t: { id: number }) => t.id),
    [org.teamA],
  );

  const qa = await as('qa');
  assert.equal((await qa.req('GET', '/api/agents')).body.length, 3);
  await app.close();
});

test('login is rate limited per user name', async () => {
  const store = await freshStore('sqlite');
  const { seedTestOrg } = await import('./testing');
  await seedTestOrg(store);
  const { app } = await buildApp({ store, webRoot: null, loginAttemptsPerMinute: 3 });
  const codes: number[] = [];
  for (let i = 0; i < 5; i++)
    codes.push((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'wrong-wrong' } })).statusCode);
  assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  // another user name is not blocked by the first one's attempts
  const other = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'qa', password: TEST_PASSWORD } });
  assert.equal(other.statusCode, 200);
  await app.close();
  await store.close();
});
