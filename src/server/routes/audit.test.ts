/**
 * The audit log answers who by display name and login, and filters by action, who and time
 * (issue 14: the audit page in words). Entries are made through the API at set clock times.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

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
