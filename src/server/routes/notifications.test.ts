import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { notifyUsers } from '../../store/notifications';
import { testApp } from '../testing';
import { pushNotices } from './notifications';

forEachDatabase('notifications: own records only, unread count, mark read (some / all), live on user:<id>', async (_t, store) => {
  let now = Date.UTC(2026, 10, 2, 1);
  const { ctx, org, as } = await testApp(store, { now: () => now });
  const heard: any[] = [];
  ctx.hub.subscribe(`user:${org.users.a1}`, (_topic, d) => heard.push(d));
  const db = store.db;
  // a1 twice in one call counts once; a2 gets one too
  const first = await notifyUsers(
    db,
    [org.users.a1!, org.users.a1!, org.users.a2!],
    { kind: 'wo.step', title: '退费', data: { orderId: 7 }, link: '#/wo/board?id=7' },
    now,
  );
  assert.equal(first.length, 2);
  pushNotices(ctx, first);
  now += 60_000;
  pushNotices(ctx, await notifyUsers(db, [org.users.a1!], { kind: 'qa.evaluated', data: { score: 90 } }, now));
  assert.deepEqual(
    heard.map((h) => [h.type, h.kind]),
    [
      ['notification', 'wo.step'],
      ['notification', 'qa.evaluated'],
    ],
  );

  const a1 = await as('a1');
  const list = (await a1.req('GET', '/api/notifications')).body;
  assert.equal(list.unread, 2);
  assert.deepEqual(
    list.items.map((n: any) => [n.kind, n.title, n.link, n.readAt]),
    [
      ['qa.evaluated', '', null, null],
      ['wo.step', '退费', '#/wo/board?id=7', null],
    ],
  );
  assert.equal(list.items[1].data.orderId, 7);

  // a1 cannot mark a2's notification: nothing changes for a2
  const a2Id = first.find((n) => n.userId === org.users.a2)!.id;
  assert.deepEqual((await a1.req('POST', '/api/notifications/read', { ids: [a2Id] })).body.ids, []);
  const a2 = await as('a2');
  assert.equal((await a2.req('GET', '/api/notifications')).body.unread, 1);
  assert.equal((await a2.req('GET', '/api/notifications')).body.items.length, 1);

  // bad input names the field
  const bad = await a1.req('POST', '/api/notifications/read', { ids: ['x'] });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(bad.body), /ids/);

  // one by id, then the rest; each read goes out live so other tabs' bells follow
  const woId = list.items[1].id;
  assert.deepEqual((await a1.req('POST', '/api/notifications/read', { ids: [woId] })).body.ids, [woId]);
  assert.deepEqual(
    (await a1.req('GET', '/api/notifications?unread=true')).body.items.map((n: any) => n.kind),
    ['qa.evaluated'],
  );
  assert.deepEqual(heard.at(-1), { type: 'notification.read', ids: [woId] });
  assert.equal((await a1.req('POST', '/api/notifications/read', {})).body.ids.length, 1);
  const after = (await a1.req('GET', '/api/notifications')).body;
  assert.equal(after.unread, 0);
  assert.deepEqual(
    after.items.map((n: any) => n.readAt),
    [now, now],
  );
  assert.equal((await a1.req('GET', '/api/notifications?limit=1')).body.items.length, 1);
  assert.equal((await a1.req('GET', '/api/notifications?limit=0')).status, 400);
});
