/**
 * The live socket over a real loopback server: subscribes sent on open are never lost, revoked
 * access stops at once, work-order events reach only who may read the order, foreign origins are
 * refused. Each check on SQLite and PostgreSQL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
// @ts-ignore -- ws ships without types here (it comes with @fastify/websocket), as in bench/live.ts
import { WebSocket as WsClient } from 'ws';
import { forEachDatabase, freshStore, skipWithoutPostgres } from '../store/testing';
import { openStore } from '../store/db';
import { buildApp } from './app';
import { startPgBridge } from './pgBridge';
import { originAllowed } from './live';
import { centerTopic } from './hub';
import { seedTestOrg, signIn, testApp, type Client } from './testing';
import { startLiveFloor } from './liveFloor';
import { acceptEvents } from './eventFeed';
import { raiseAlert } from '../store/live/repo';

/** The part of the `ws` client these tests use. */
interface WebSocket {
  readyState: number;
  send(data: string): void;
  close(): void;
  on(ev: string, fn: (...args: any[]) => void): void;
}
const WebSocket = WsClient as { new (url: string, opts: { headers: Record<string, string> }): WebSocket; OPEN: number };

const NEW_PASSWORD = 'Vq7#rLm2!zTx9Kp';

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/live`;
}

interface Sock {
  ws: WebSocket;
  msgs: any[];
  /** Resolves with the first message (already received or coming) that matches; rejects after ms. */
  next(pred: (m: any) => boolean, ms?: number): Promise<any>;
  /** Resolves with the close code and reason; rejects after ms. */
  closed(ms: number): Promise<{ code: number; reason: string }>;
  events(topic: string): any[];
}

/** Opens a socket; `onOpen` messages are sent in the open handler itself, as a browser does. */
function openSocket(url: string, c: Client | null, opts: { origin?: string; onOpen?: unknown[] } = {}): Promise<Sock> {
  const headers: Record<string, string> = {};
  if (c) headers.cookie = c.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const ws = new WebSocket(url, { headers });
  const msgs: any[] = [];
  const waiters: { pred: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  let closeInfo: { code: number; reason: string } | null = null;
  const closeWaiters: ((v: { code: number; reason: string }) => void)[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    msgs.push(m);
    for (const w of [...waiters])
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  ws.on('close', (code, reason) => {
    closeInfo = { code, reason: reason.toString() };
    for (const w of closeWaiters) w(closeInfo);
  });
  const sock: Sock = {
    ws,
    msgs,
    next(pred, ms = 5000) {
      const have = msgs.find(pred);
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`no matching message within ${ms} ms; got ${JSON.stringify(msgs)}`));
          }
        }, ms);
      });
    },
    closed(ms) {
      if (closeInfo) return Promise.resolve(closeInfo);
      return new Promise((resolve, reject) => {
        closeWaiters.push(resolve);
        setTimeout(() => reject(new Error(`socket not closed within ${ms} ms; got ${JSON.stringify(msgs)}`)), ms);
      });
    },
    events: (topic) => msgs.filter((m) => m.type === 'event' && m.topic === topic),
  };
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      for (const m of opts.onOpen ?? []) ws.send(JSON.stringify(m));
      resolve(sock);
    });
    ws.on('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
    ws.on('error', reject);
  });
}

const subscribe = (...topics: string[]) => ({ type: 'subscribe', topics });
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDatabase('live socket: ten subscribes sent on open are all acknowledged and then receive events', async (_t, store) => {
  const { app, ctx, org, as } = await testApp(store);
  try {
    const url = await listen(app);
    const duty = await as('duty_manager');
    const socks = await Promise.all(Array.from({ length: 10 }, () => openSocket(url, duty, { onOpen: [subscribe('floor:agents', 'alerts')] })));
    try {
      const acks = await Promise.all(socks.map((s) => s.next((m) => m.type === 'subscribed' && m.topic === 'alerts')));
      assert.equal(acks.length, 10);
      ctx.hub.publish(centerTopic(org.centerId, 'floor:agents'), { n: 1 });
      const got = await Promise.all(socks.map((s) => s.next((m) => m.type === 'event' && m.topic === 'floor:agents')));
      assert.deepEqual(
        got.map((m) => m.data),
        Array.from({ length: 10 }, () => ({ n: 1 })),
      );
      // a repeated subscribe (the client's retry) is acknowledged again, not refused, and delivers once
      socks[0].ws.send(JSON.stringify(subscribe('floor:agents')));
      await socks[0].next(
        (m) =>
          m.type === 'subscribed' &&
          m.topic === 'floor:agents' &&
          socks[0].msgs.filter((x) => x.type === 'subscribed' && x.topic === 'floor:agents').length === 2,
      );
      ctx.hub.publish(centerTopic(org.centerId, 'floor:agents'), { n: 2 });
      await socks[0].next((m) => m.type === 'event' && m.data.n === 2);
      await quiet(100);
      assert.equal(socks[0].events('floor:agents').length, 2);
      // unsubscribed (a page left, the socket kept for the others): that topic no longer arrives, the other one does
      socks[0].ws.send(JSON.stringify({ type: 'unsubscribe', topics: ['floor:agents'] }));
      await socks[0].next((m) => m.type === 'unsubscribed' && m.topic === 'floor:agents');
      ctx.hub.publish(centerTopic(org.centerId, 'floor:agents'), { n: 3 });
      ctx.hub.publish(centerTopic(org.centerId, 'alerts'), { a: 1 });
      await socks[0].next((m) => m.type === 'event' && m.topic === 'alerts');
      await socks[1].next((m) => m.type === 'event' && m.data.n === 3);
      await quiet(100);
      assert.equal(socks[0].events('floor:agents').length, 2);
    } finally {
      for (const s of socks) s.ws.close();
    }
  } finally {
    await app.close();
  }
});

forEachDatabase(
  'live socket: logout, role removal, deactivation, password change and admin reset close the socket at once; nothing further arrives',
  async (_t, store) => {
    const { app, ctx, org, as } = await testApp(store);
    try {
      const url = await listen(app);
      const admin = await as('admin');
      // the socket is closed within a second, and an event published afterwards does not reach it
      const revoked = async (s: Sock, code: number) => {
        const c = await s.closed(1000);
        assert.equal(c.code, code);
        const before = s.events('floor:agents').length;
        ctx.hub.publish(centerTopic(org.centerId, 'floor:agents'), { after: true });
        await quiet(150);
        assert.equal(s.events('floor:agents').length, before);
      };
      const watch = async (c: Client) => {
        const s = await openSocket(url, c, { onOpen: [subscribe('floor:agents')] });
        await s.next((m) => m.type === 'subscribed');
        return s;
      };

      // logout: that session's socket closes; the same user's other session keeps streaming
      const wfm1 = await signIn(app, 'wfm');
      const wfm2 = await signIn(app, 'wfm');
      const s1 = await watch(wfm1);
      const s2 = await watch(wfm2);
      assert.equal((await wfm1.req('POST', '/api/auth/logout')).status, 200);
      await revoked(s1, 4401);
      assert.equal(s2.events('floor:agents').length, 1, 'the other session still receives');
      s2.ws.close();

      // role removed: 4403, and a new socket may no longer subscribe
      const trainer = await signIn(app, 'trainer');
      const st = await watch(trainer);
      assert.equal((await admin.req('PUT', `/api/users/${org.users.trainer}/roles`, { roles: ['agent'] })).status, 200);
      await revoked(st, 4403);
      const again = await openSocket(url, trainer, { onOpen: [subscribe('floor:agents')] });
      const refusal = await again.next((m) => m.type === 'error' && m.topic === 'floor:agents');
      assert.equal(refusal.reason, 'live.topicRefused');
      again.ws.close();

      // deactivated: 4401, the session no longer works
      const qa = await signIn(app, 'qa');
      const sq = await watch(qa);
      assert.equal((await admin.req('PATCH', `/api/users/${org.users.qa}`, { active: false })).status, 200);
      await revoked(sq, 4401);
      assert.equal((await qa.req('GET', '/api/auth/me')).status, 401);

      // password changed by the user: the other session and its socket end, the current one stays
      const cmA = await signIn(app, 'center_manager');
      const cmB = await signIn(app, 'center_manager');
      const sA = await watch(cmA);
      const sB = await watch(cmB);
      const ch = await cmA.req('POST', '/api/auth/password', { oldPassword: 'test-pass-123', newPassword: NEW_PASSWORD });
      assert.equal(ch.status, 200, JSON.stringify(ch.body));
      await revoked(sB, 4401);
      assert.equal((await cmB.req('GET', '/api/auth/me')).status, 401);
      assert.equal((await cmA.req('GET', '/api/auth/me')).status, 200);
      assert.equal(sA.ws.readyState, WebSocket.OPEN);
      assert.equal(sA.events('floor:agents').length, 1, "the changer's own socket keeps receiving");
      sA.ws.close();

      // password reset by an admin: every session of the user ends
      const dm1 = await signIn(app, 'duty_manager');
      const dm2 = await signIn(app, 'duty_manager');
      const sd1 = await watch(dm1);
      const sd2 = await watch(dm2);
      assert.equal((await admin.req('PATCH', `/api/users/${org.users.duty_manager}`, { password: NEW_PASSWORD })).status, 200);
      await revoked(sd1, 4401);
      await revoked(sd2, 4401);
      assert.equal((await dm1.req('GET', '/api/auth/me')).status, 401);
      assert.equal((await dm2.req('GET', '/api/auth/me')).status, 401);
      assert.equal((await signIn(app, 'duty_manager', NEW_PASSWORD).then((c) => c.req('GET', '/api/auth/me'))).status, 200);

      // a team lead who no longer leads team A: the team topic stops (4403)
      const lead = await signIn(app, 'team_lead');
      const sl = await openSocket(url, lead, { onOpen: [subscribe(`floor:team:${org.teamA}`)] });
      await sl.next((m) => m.type === 'subscribed');
      assert.equal((await admin.req('PATCH', `/api/teams/${org.teamA}`, { leadUserId: null })).status, 200);
      assert.equal((await sl.closed(1000)).code, 4403);
    } finally {
      await app.close();
    }
  },
);

forEachDatabase('live socket: a team lead gets work-order events only for orders the REST API shows them', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const url = await listen(app);
    const lead = await as('team_lead');
    const wfm = await as('wfm');
    const duty = await as('duty_manager');
    const sl = await openSocket(url, lead, { onOpen: [subscribe('workorders')] });
    const sw = await openSocket(url, wfm, { onOpen: [subscribe('workorders')] });
    const sd = await openSocket(url, duty, { onOpen: [subscribe('workorders')] });
    for (const s of [sl, sw, sd]) await s.next((m) => m.type === 'subscribed');
    // b1 (team B, not the lead's) raises one with a customer's phone number in the title; then a1 (team A)
    const b1 = await as('b1');
    const a1 = await as('a1');
    const hidden = await b1.req('POST', '/api/workorders', {
      type: 'escalation',
      priority: 'high',
      category: '賬務',
      title: '客户 13800138000 投诉',
      customerPhone: '13800138000',
    });
    assert.equal(hidden.status, 200, JSON.stringify(hidden.body));
    const shown = await a1.req('POST', '/api/workorders', { type: 'escalation', priority: 'high', category: '賬務', title: '客户质疑阶梯电价计费' });
    assert.equal(shown.status, 200);
    // REST: the lead sees a1's order, not b1's
    assert.equal((await lead.req('GET', `/api/workorders/${hidden.body.id}`)).status, 404);
    assert.equal((await lead.req('GET', `/api/workorders/${shown.body.id}`)).status, 200);
    // the socket agrees: a1's arrives; b1's was published first and never came
    const got = await sl.next((m) => m.type === 'event' && m.data.id === shown.body.id);
    assert.equal(got.data.title, '客户质疑阶梯电价计费');
    // the duty manager (center-wide) receives both, in order
    await sd.next((m) => m.type === 'event' && m.data.id === shown.body.id);
    assert.deepEqual(
      sd.events('workorders').map((m) => m.data.id),
      [hidden.body.id, shown.body.id],
    );
    await quiet(150);
    assert.deepEqual(
      sl.events('workorders').map((m) => m.data.id),
      [shown.body.id],
    );
    assert.ok(!JSON.stringify(sl.msgs).includes('13800138000'));
    // WFM reads neither over REST (not center-wide for work orders, raised none): nothing arrives
    assert.equal((await wfm.req('GET', `/api/workorders/${shown.body.id}`)).status, 404);
    assert.deepEqual(sw.events('workorders'), []);
    for (const s of [sl, sw, sd]) s.ws.close();
    void org;
  } finally {
    await app.close();
  }
});

forEachDatabase(
  'live socket: a foreign Origin is refused before the upgrade; same host, allowed origins and no Origin pass; prompts only for who reads them all',
  async (_t, store) => {
    const org = await seedTestOrg(store);
    const { app } = await buildApp({ store, webRoot: null, allowedOrigins: ['https://wall.example.com'] });
    try {
      const url = await listen(app);
      const duty = await signIn(app, 'duty_manager');
      await assert.rejects(openSocket(url, duty, { origin: 'https://evil.example.net' }), (e: any) => e.status === 403);
      await assert.rejects(openSocket(url, duty, { origin: 'null' }), (e: any) => e.status === 403);
      // same host as the request (Host is 127.0.0.1:<port>)
      const host = new URL(url.replace('ws:', 'http:')).host;
      for (const origin of [`http://${host}`, 'https://wall.example.com', undefined]) {
        const s = await openSocket(url, duty, { origin, onOpen: [subscribe('prompts')] });
        await s.next((m) => m.type === 'subscribed' && m.topic === 'prompts');
        s.ws.close();
      }
      // QA is center-wide but GET /api/prompts answers 403: the prompts topic is refused too
      const qa = await signIn(app, 'qa');
      assert.equal((await qa.req('GET', '/api/prompts')).status, 403);
      const sq = await openSocket(url, qa, { onOpen: [subscribe('prompts')] });
      assert.equal((await sq.next((m) => m.topic === 'prompts')).type, 'error');
      sq.ws.close();
      // no cookie: closed as unauthorized
      const anon = await openSocket(url, null, { onOpen: [subscribe('alerts')] });
      assert.equal((await anon.closed(2000)).code, 4401);
      void org;
    } finally {
      await app.close();
    }
  },
);

// local time (Asia/Shanghai, the test center's zone, UTC+8) on 2026-11-02
const T = (h: number, m: number) => Date.UTC(2026, 10, 2, h - 8, m);

forEachDatabase(
  'live socket: floor.snapshot sent with the subscribe is answered at once (no tick), after the topics, as GET /api/floor/now and /api/alerts give',
  async (_t, store) => {
    const clock = T(9, 0);
    const { app, ctx, org, as } = await testApp(store, { now: () => clock });
    // no timers: the floor never ticks nor pushes on its own, so whatever arrives is the answer to the message
    const floor = await startLiveFloor(ctx, { timers: false });
    try {
      await acceptEvents(
        ctx,
        (['A001', 'A002', 'B001'] as const).map((agent, i) => ({ id: `snap-${i}`, ts: T(8, 50 + i), type: 'agent.login' as const, agent })),
      );
      // one open alert about team B's floor, one closed (not active: not in the answer)
      const alert = (dedupeKey: string, teamId: number | null) =>
        raiseAlert(store.db, {
          centerId: org.centerId,
          dedupeKey,
          kind: 'longWait',
          scope: teamId == null ? 'queue' : 'team',
          subject: teamId == null ? 'general' : 'B组',
          teamId,
          agentId: null,
          figures: {},
          action: 'x',
          at: T(8, 55),
        });
      const open = await alert('snap-open', org.teamB);
      const closed = await alert('snap-closed', null);
      await store.db.updateTable('alerts').set({ status: 'closed' }).where('id', '=', closed.id).execute();
      const url = await listen(app);
      const ask = { type: 'floor.snapshot', id: 7 };

      const duty = await as('duty_manager');
      const s = await openSocket(url, duty, { onOpen: [subscribe('floor:agents', 'floor:queues', 'alerts'), ask] });
      const ack = await s.next((m) => m.type === 'ack' && m.id === 7);
      // in order: the three topics answered, then the snapshot; nothing else (no tick ran)
      assert.deepEqual(
        s.msgs.map((m) => (m.type === 'subscribed' ? m.topic : m.type)),
        ['floor:agents', 'floor:queues', 'alerts', 'ack'],
      );
      // by hand: the three agents signed in at 08:50, 08:51, 08:52 and did nothing since: ready since then
      assert.deepEqual(ack.result.floor.agents.map((a: { code: string; state: string; since: number }) => [a.code, a.state, a.since]).sort(), [
        ['A001', 'ready', T(8, 50)],
        ['A002', 'ready', T(8, 51)],
        ['B001', 'ready', T(8, 52)],
      ]);
      assert.deepEqual(
        ack.result.alerts.map((a: { id: number }) => a.id),
        [open.id],
      );
      // the same answers as the two requests the wallboard made before
      assert.deepEqual(ack.result.floor, (await duty.req('GET', '/api/floor/now')).body);
      assert.deepEqual(ack.result.alerts, (await duty.req('GET', '/api/alerts?status=active')).body);
      s.ws.close();

      // a team lead (team A): their team's two agents; team B's alert is not theirs (as GET /api/alerts says)
      const lead = await as('team_lead');
      const sl = await openSocket(url, lead, { onOpen: [subscribe('floor:queues'), ask] });
      const la = await sl.next((m) => m.type === 'ack' && m.id === 7);
      assert.deepEqual(la.result.floor.agents.map((a: { code: string }) => a.code).sort(), ['A001', 'A002']);
      assert.deepEqual(la.result.alerts, (await lead.req('GET', '/api/alerts?status=active')).body);
      assert.deepEqual(la.result.floor, (await lead.req('GET', '/api/floor/now')).body);
      sl.ws.close();

      // an agent: only their own tile, and no alerts (GET /api/alerts refuses agents)
      const a1 = await as('a1');
      assert.equal((await a1.req('GET', '/api/alerts?status=active')).status, 403);
      const sa = await openSocket(url, a1, { onOpen: [ask] });
      const aa = await sa.next((m) => m.type === 'ack' && m.id === 7);
      assert.equal(aa.result.floor.scope, 'self');
      assert.deepEqual(
        aa.result.floor.agents.map((a: { code: string }) => a.code),
        ['A001'],
      );
      assert.deepEqual(aa.result.alerts, []);
      sa.ws.close();
    } finally {
      await floor.stop({ snapshot: false });
      await app.close();
    }
  },
);

test('originAllowed: same host, allow-list, no Origin; everything else refused', () => {
  assert.equal(originAllowed(undefined, 'cf.local:3000', []), true);
  assert.equal(originAllowed('http://cf.local:3000', 'cf.local:3000', []), true);
  assert.equal(originAllowed('https://CF.local:3000/', 'cf.local:3000', []), true);
  assert.equal(originAllowed('http://cf.local:3001', 'cf.local:3000', []), false);
  assert.equal(originAllowed('http://cf.local.evil.net:3000', 'cf.local:3000', []), false);
  assert.equal(originAllowed('null', 'cf.local:3000', []), false);
  assert.equal(originAllowed('file://x', 'x', []), false);
  assert.equal(originAllowed('https://wall.example.com', 'cf.local:3000', ['https://wall.example.com']), true);
});

test("a revocation on one instance closes the user's socket on another (PostgreSQL NOTIFY)", async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const org = await seedTestOrg(storeA);
  const a = await buildApp({ store: storeA, webRoot: null });
  const b = await buildApp({ store: storeB, webRoot: null });
  const stops = [await startPgBridge(a.ctx), await startPgBridge(b.ctx)];
  try {
    await a.app.ready();
    const urlB = await listen(b.app);
    const admin = await signIn(a.app, 'admin');
    const wfm = await signIn(b.app, 'wfm');
    const s = await openSocket(urlB, wfm, { onOpen: [subscribe('floor:agents')] });
    await s.next((m) => m.type === 'subscribed');
    assert.equal((await admin.req('PUT', `/api/users/${org.users.wfm}/roles`, { roles: ['agent'] })).status, 200);
    assert.equal((await s.closed(1000)).code, 4403);
    // and a deactivation on A ends a session used on B
    const trainer = await signIn(b.app, 'trainer');
    const st = await openSocket(urlB, trainer, { onOpen: [subscribe('floor:agents')] });
    await st.next((m) => m.type === 'subscribed');
    assert.equal((await admin.req('PATCH', `/api/users/${org.users.trainer}`, { active: false })).status, 200);
    assert.equal((await st.closed(1000)).code, 4401);
  } finally {
    for (const stop of stops) await stop();
    await a.app.close();
    await b.app.close();
    await storeB.close();
    await storeA.close();
  }
});
