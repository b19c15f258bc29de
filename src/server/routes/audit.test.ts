/**
 * The audit log answers who by display name and login, and filters by action, who and time
 * (issue 14: the audit page in words). Entries are made through the API at set clock times.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createCenter, createTeam, createUser } from '../../store/org';
import { signIn, testApp, testPasswordHash } from '../testing';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 1); // 2026-11-02 09:00 Shanghai

forEachDatabase('the audit log names who by display name and login, and filters by action, who and time', async (_t, store) => {
  let clock = T0;
  const { app, as, org } = await testApp(store, { now: () => clock });
  try {
    const admin = await as('admin'); // signs in at T0: a `login` entry
    const mgr = await as('center_manager');
    assert.equal((await admin.req('POST', '/api/teams', { name: '夜班组' })).status, 200); // team.create at T0
    clock = T0 + 2 * H;
    const late = await mgr.req('POST', '/api/teams', { name: '晚班组' }); // team.create at T0 + 2 h
    assert.equal(late.status, 200);
    assert.equal((await mgr.req('PATCH', `/api/teams/${late.body.id}`, { name: '晚班二组' })).status, 200); // team.update

    const list = async (q: string) => (await admin.req('GET', `/api/audit?${q}`)).body as Array<Record<string, unknown>>;
    const creates = await list('action=team.create');
    assert.deepEqual(
      creates.map((r) => [r.action, r.entity, r.user_id, r.user_name, r.username, r.at]),
      [
        ['team.create', 'team', org.users.center_manager, 'center_manager 用户', 'center_manager', T0 + 2 * H],
        ['team.create', 'team', org.users.admin, 'admin 用户', 'admin', T0],
      ],
    );
    assert.equal(creates[0]!.entity_id, String(late.body.id));

    // by who: the manager signed in, created and renamed a team (newest first)
    assert.deepEqual(
      (await list(`userId=${org.users.center_manager}`)).map((r) => r.action),
      ['team.update', 'team.create', 'login'],
    );
    // by time: [T0 + 1 h, T0 + 3 h) holds the manager's two team changes only; `to` is exclusive
    assert.deepEqual(
      (await list(`from=${T0 + H}&to=${T0 + 3 * H}`)).map((r) => r.action),
      ['team.update', 'team.create'],
    );
    assert.deepEqual(await list(`from=${T0 + H}&to=${T0 + 2 * H}`), []);
    // combined: the admin's entries before T0 + 1 h that are team creations
    assert.equal((await list(`action=team.create&userId=${org.users.admin}&to=${T0 + H}`)).length, 1);
    // a bad filter is refused naming it
    const bad = await admin.req('GET', '/api/audit?userId=abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'query.userId');
  } finally {
    await app.close();
  }
});

forEachDatabase('a center manager reads their own center’s audit entries only; an administrator also those of no center', async (_t, store) => {
  const { app, as } = await testApp(store, { now: () => T0 });
  try {
    const hash = await testPasswordHash();
    const other = await createCenter(store.db, '第二中心', 'Europe/London', T0);
    await createUser(store.db, { username: 'manager2', displayName: '二中心经理', passwordHash: hash, roles: ['center_manager'], centerId: other }, T0);
    // a user of no center on a database of two centers: their entries belong to none
    await createUser(store.db, { username: 'floating', displayName: '无中心管理员', passwordHash: hash, roles: ['admin'], centerId: null }, T0);
    const mgr = await as('center_manager');
    const mgr2 = await signIn(app, 'manager2');
    await signIn(app, 'floating'); // a `login` entry of no center
    const mine = await mgr.req('POST', '/api/teams', { name: '一中心新组' });
    assert.equal(mine.status, 200);
    // the second manager's team goes into their own center (the caller's center), so does its audit entry
    const theirs = await mgr2.req('POST', '/api/teams', { name: '二中心新组' });
    assert.equal(theirs.status, 200);
    await createTeam(store.db, { centerId: other, name: '直接写入', leadUserId: null }, T0); // a store write: not audited

    const creates = async (c: { req: (m: string, u: string) => Promise<{ status: number; body: unknown }> }) =>
      ((await c.req('GET', '/api/audit?action=team.create')).body as Array<{ entity_id: string }>).map((r) => r.entity_id);
    assert.deepEqual(await creates(mgr), [String(mine.body.id)]);
    assert.deepEqual(await creates(mgr2), [String(theirs.body.id)]);
    // logins are entries too: each manager sees their own center's sign-ins only
    const logins = async (c: { req: (m: string, u: string) => Promise<{ status: number; body: unknown }> }) =>
      ((await c.req('GET', '/api/audit?action=login')).body as Array<{ username: string }>).map((r) => r.username).sort();
    assert.deepEqual(await logins(mgr2), ['manager2']);
    assert.ok(!(await logins(mgr)).includes('manager2'));
    assert.ok(!(await logins(mgr)).includes('floating'));
    // the seeded center's administrator: that center's entries and those of no center, not the second center's
    const admin = await as('admin');
    const adminLogins = await logins(admin);
    assert.ok(adminLogins.includes('floating') && adminLogins.includes('center_manager') && !adminLogins.includes('manager2'));
    assert.deepEqual(await creates(admin), [String(mine.body.id)]);
  } finally {
    await app.close();
  }
});
