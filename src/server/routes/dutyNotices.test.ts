import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { putCertQueue } from '../../store/people/training';
import { notifyExpiringCertifications } from '../../services/people/certification';
import { depsOf } from '../route';
import { testApp } from '../testing';

const DAY = 86_400_000;

forEachDatabase('notices that were missing (issue 17): a new peak slot, a lead task assigned, certification expiry once a day', async (_t, store) => {
  let now = Date.UTC(2026, 10, 2, 2); // 10:00 in Shanghai
  const { app, ctx, org, as } = await testApp(store, { now: () => now });
  const kinds = async (u: 'a1' | 'a2' | 'b1' | 'team_lead' | 'trainer') =>
    (await (await as(u)).req('GET', '/api/notifications')).body.items.map((x: { kind: string; title: string }) => [x.kind, x.title]);

  // a planner publishes a peak slot: every active agent of the center is told
  const slot = await (
    await as('wfm')
  ).req('POST', '/api/wfm/peak-slots', { kind: 'peak', title: '周六早高峰', start: now + 5 * DAY, end: now + 5 * DAY + 4 * 3_600_000, capacity: 2 });
  assert.equal(slot.status, 200, JSON.stringify(slot.body));
  for (const u of ['a1', 'a2', 'b1'] as const) assert.deepEqual(await kinds(u), [['wfm.peakSlot', '周六早高峰']], u);
  assert.deepEqual(await kinds('team_lead'), []);

  // the center manager gives the team lead a task: the lead is told
  const task = await (await as('center_manager')).req('POST', '/api/people/tasks', { leadId: org.users.team_lead, title: '检查耳麦', dueOn: '2026-11-10' });
  assert.equal(task.status, 200, JSON.stringify(task.body));
  assert.deepEqual(await kinds('team_lead'), [['people.taskAssigned', '检查耳麦']]);

  // certification of queue general (warned 30 days ahead): a1's lapses in 7 days (a week before: told), a2's in 20
  // (inside the window, not a day to tell), b1's in 100 (not yet)
  await putCertQueue(store.db, org.centerId, { queue: 'general', validityDays: 365, warnDays: 30 }, null, now);
  for (const [agentId, days] of [
    [org.agents.a1, 7],
    [org.agents.a2, 20],
    [org.agents.b1, 100],
  ] as const)
    await store.db
      .insertInto('people_certifications')
      .values({ agent_id: agentId, queue: 'general', exam_id: 1, attempt_id: null, passed_at: now - 300 * DAY, valid_until: now + days * DAY, percent: 90 })
      .execute();
  const deps = depsOf(ctx);
  assert.equal(await notifyExpiringCertifications(deps, org.centerId), 1);
  // the same day again (another instance, the next hourly run): nobody is told twice
  now += 3_600_000;
  assert.equal(await notifyExpiringCertifications(deps, org.centerId), 0);
  assert.deepEqual((await kinds('a1'))[0], ['people.certExpiring', '李娜']);
  // a1's team lead (team A) is told; b1 is not
  assert.deepEqual((await kinds('team_lead'))[0], ['people.certExpiring', '李娜']);
  assert.deepEqual(await kinds('b1'), [['wfm.peakSlot', '周六早高峰']]);
  const bell = (await (await as('a1')).req('GET', '/api/notifications')).body.items[0];
  // 7 days after 2026-11-02 10:00 Shanghai
  assert.deepEqual([bell.data.queue, bell.data.expiresOn, bell.data.daysLeft], ['general', '2026-11-09', 7]);
  assert.deepEqual(await kinds('a2'), [['wfm.peakSlot', '周六早高峰']]);
  // the next day (6 days left) runs again and tells nobody; 6 days on (a day left) a1 is told again
  now += DAY;
  assert.equal(await notifyExpiringCertifications(deps, org.centerId), 0);
  now += 5 * DAY;
  assert.equal(await notifyExpiringCertifications(deps, org.centerId), 1);
  await app.close();
});
