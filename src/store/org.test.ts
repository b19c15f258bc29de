import assert from 'node:assert/strict';
import { forEachDatabase } from './testing';
import {
  createAgent,
  createCenter,
  createTeam,
  createUser,
  getAgent,
  listAgents,
  listUsers,
  putSetting,
  getSetting,
  getSettingCached,
  teamsLedBy,
  updateAgent,
} from './org';
import { DomainError } from '../core/errors';

forEachDatabase('org: teams, agents, users, roles', async (_t, { db }) => {
  const c = await createCenter(db, '上海中心', 'Asia/Shanghai', 1000);
  const lead = await createUser(db, { username: 'lead1', displayName: '王班长', passwordHash: 'x', roles: ['team_lead'] }, 1);
  const t1 = await createTeam(db, { centerId: c, name: '一组', leadUserId: lead }, 1);
  const t2 = await createTeam(db, { centerId: c, name: '二组', leadUserId: null }, 1);
  assert.deepEqual(await teamsLedBy(db, lead), [t1]);

  const a = await createAgent(
    db,
    { centerId: c, teamId: t1, employeeNo: 'E001', name: '李娜', hireDate: '2025-03-01', skillLevel: 'junior', queues: ['billing', 'general'] },
    2,
  );
  await createAgent(db, { centerId: c, teamId: t2, employeeNo: 'E002', name: '张伟', hireDate: '2024-01-10', skillLevel: 'senior' }, 2);

  // duplicate employee number: a conflict naming the field, and nothing else changes
  await assert.rejects(
    createAgent(db, { centerId: c, teamId: t2, employeeNo: 'E001', name: 'dup', hireDate: '2025-01-01', skillLevel: 'junior', queues: ['x'] }, 3),
    (e: unknown) => e instanceof DomainError && e.code === 'conflict' && e.field === 'employeeNo',
  );
  assert.equal((await listAgents(db)).length, 2);

  assert.deepEqual((await getAgent(db, a)).queues, ['billing', 'general']);
  assert.deepEqual(
    (await listAgents(db, { teamIds: [t1] })).map((x) => x.employee_no),
    ['E001'],
  );
  await updateAgent(db, a, { teamId: t2, queues: ['vip'], status: 'left', leftDate: '2026-10-31' });
  const moved = await getAgent(db, a);
  assert.equal(moved.team_id, t2);
  assert.deepEqual(moved.queues, ['vip']);
  assert.equal(moved.status, 'left');
  assert.deepEqual(await listAgents(db, { teamIds: [] }), []);

  await assert.rejects(
    createUser(db, { username: 'lead1', displayName: 'x', passwordHash: 'x', roles: ['agent'] }, 4),
    (e: unknown) => e instanceof DomainError && e.field === 'username',
  );
  const users = await listUsers(db);
  assert.equal(users.length, 1);
  assert.deepEqual(users[0].roles, ['team_lead']);
});

forEachDatabase('settings are per center and overwrite', async (_t, { db }) => {
  const c = await createCenter(db, 'c', 'Asia/Shanghai', 1);
  assert.equal(await getSetting(db, c, 'alerts'), undefined);
  await putSetting(db, c, 'alerts', { idleShare: 0.2 }, 1);
  await putSetting(db, c, 'alerts', { idleShare: 0.25 }, 2);
  assert.deepEqual(await getSetting(db, c, 'alerts'), { idleShare: 0.25 });
});

forEachDatabase('a cached setting: kept between reads, renewed by any putSetting of the process', async (_t, { db }) => {
  const c = await createCenter(db, '上海中心', 'Asia/Shanghai', 1000);
  assert.equal(await getSettingCached(db, c, 'kb.policy'), undefined);
  await putSetting(db, c, 'kb.policy', { candidateCap: 50 }, 1);
  assert.deepEqual(await getSettingCached(db, c, 'kb.policy'), { candidateCap: 50 }, 'a write of this process is seen at once');
  // a write that bypasses putSetting (as another instance's would) is not seen until the entry is old
  await db.updateTable('settings').set({ value: '{"candidateCap":70}' }).where('center_id', '=', c).where('key', '=', 'kb.policy').execute();
  assert.deepEqual(await getSettingCached(db, c, 'kb.policy'), { candidateCap: 50 });
  assert.deepEqual(await getSetting(db, c, 'kb.policy'), { candidateCap: 70 });
  // a write inside a transaction renews the entry read through the root connection too
  await db.transaction().execute((tx) => putSetting(tx, c, 'kb.policy', { candidateCap: 90 }, 2));
  assert.deepEqual(await getSettingCached(db, c, 'kb.policy'), { candidateCap: 90 });
});
