/**
 * Two centers in one database (issues 12 and 13): each center's duty manager, team lead and agent see
 * only their own center's agents, alerts, wallboard and reports, through the API and the WebSocket;
 * each floor's day follows its own zone. Center 1 is in Asia/Shanghai (+08:00), center 2 in
 * Europe/London (GMT in November). Both use a queue named 'general'.
 */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
// @ts-ignore -- ws ships without types here (it comes with @fastify/websocket), as in liveSocket.test.ts
import { WebSocket } from 'ws';
import type { CallFloorEvent, EventType } from '../core/events';
import { forEachDatabase } from '../store/testing';
import { createAgent, createCenter, createTeam, createUser } from '../store/org';
import { raiseAlert } from '../store/live/repo';
import { storeEvents } from '../store/live/ingest';
import { hashPassword } from './password';
import { startLiveFloor, floorService } from './liveFloor';
import { signIn, testApp, TEST_PASSWORD, type Client } from './testing';

// 2026-11-02 01:30 UTC: 09:30 in Shanghai, 01:30 in London (GMT since 25 October)
const NOW = Date.UTC(2026, 10, 2, 1, 30);
const M = 60_000;
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `cc${++n}`, ts, type, ...f });

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  return `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/live`;
}

/** A socket subscribed to topics; collects every message. */
async function socket(url: string, c: Client, topics: string[]) {
  const ws = new WebSocket(url, { headers: { cookie: c.cookie } });
  const msgs: any[] = [];
  ws.on('message', (raw: Buffer) => msgs.push(JSON.parse(String(raw))));
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  ws.send(JSON.stringify({ type: 'subscribe', topics }));
  const until = Date.now() + 5000;
  while (msgs.filter((m) => m.type === 'subscribed' || m.type === 'error').length < topics.length) {
    if (Date.now() > until) throw new Error(`no subscribe answers: ${JSON.stringify(msgs)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    ws,
    msgs,
    codes: () =>
      msgs
        .filter((m) => m.type === 'event' && m.data.agents)
        .flatMap((m) => m.data.agents.map((a: any) => a.code))
        .sort(),
  };
}
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDatabase(
  'two centers: each center’s users see only their own floor, alerts and reports (API and WebSocket); each day in its own zone',
  async (_t, store) => {
    const { app, ctx, org, as } = await testApp(store, { now: () => NOW });
    const db = store.db;
    // center 2, London: a duty manager, a team lead of team L, two agents (one with a user)
    const hash = await hashPassword(TEST_PASSWORD);
    const c2 = await createCenter(db, '伦敦中心', 'Europe/London', NOW);
    const duty2 = await createUser(db, { username: 'duty2', displayName: 'duty2', passwordHash: hash, roles: ['duty_manager'], centerId: c2 }, NOW);
    const lead2 = await createUser(db, { username: 'lead2', displayName: 'lead2', passwordHash: hash, roles: ['team_lead'], centerId: c2 }, NOW);
    const teamL = await createTeam(db, { centerId: c2, name: 'L组', leadUserId: lead2 }, NOW);
    const teamM = await createTeam(db, { centerId: c2, name: 'M组', leadUserId: null }, NOW);
    const l1 = await createAgent(
      db,
      { centerId: c2, teamId: teamL, employeeNo: 'L001', name: '赵敏', hireDate: '2024-01-01', skillLevel: 'junior', extCode: 'L001', queues: ['general'] },
      NOW,
    );
    await createAgent(
      db,
      { centerId: c2, teamId: teamM, employeeNo: 'M001', name: '周杰', hireDate: '2024-01-01', skillLevel: 'junior', extCode: 'M001', queues: ['general'] },
      NOW,
    );
    await createUser(db, { username: 'l1', displayName: 'l1', passwordHash: hash, roles: ['agent'], agentId: l1, centerId: c2 }, NOW);
    // an administrator of no center: with two centers, nothing to fall back on
    await createUser(db, { username: 'root', displayName: 'root', passwordHash: hash, roles: ['admin'] }, NOW);
    void duty2;

    await startLiveFloor(ctx, { timers: false });
    const f1 = floorService(ctx, org.centerId)!;
    const f2 = floorService(ctx, c2)!;
    assert.ok(f1 && f2 && f1 !== f2, 'one floor per center');
    assert.equal(floorService(ctx), undefined, 'no center named, two centers: no floor is guessed');

    const c1duty = await as('duty_manager');
    const c1lead = await as('team_lead'); // leads team A of center 1
    const c1agent = await as('a1');
    const c2duty = await signIn(app, 'duty2');
    const c2lead = await signIn(app, 'lead2');
    const c2agent = await signIn(app, 'l1');
    const root = await signIn(app, 'root');

    const url = await listen(app);
    const s1 = await socket(url, c1duty, ['floor:agents', 'alerts']);
    const s2 = await socket(url, c2duty, ['floor:agents', 'alerts']);
    const sRoot = await socket(url, root, ['floor:agents']);
    try {
      assert.equal(sRoot.msgs[0].type, 'error', 'no center: the floor topics are refused');

      // center 1: A001 and B001 log in; one call in 'general', answered by A001 after 10 s
      let r = await c1duty.req('POST', '/api/events', [
        ev(NOW - 30 * M, 'agent.login', { agent: 'A001' }),
        ev(NOW - 30 * M, 'agent.login', { agent: 'B001' }),
        ev(NOW - 20 * M, 'call.enqueued', { callId: 'x1', queue: 'general' }),
        ev(NOW - 20 * M + 10_000, 'call.connected', { callId: 'x1', queue: 'general', agent: 'A001' }),
        ev(NOW - 20 * M + 70_000, 'call.ended', { callId: 'x1', queue: 'general', agent: 'A001' }),
      ]);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      // center 2: L001 and M001 log in; two calls in its own 'general': one answered by L001, one abandoned after 40 s
      r = await c2duty.req('POST', '/api/events', [
        ev(NOW - 30 * M, 'agent.login', { agent: 'L001' }),
        ev(NOW - 30 * M, 'agent.login', { agent: 'M001' }),
        ev(NOW - 20 * M, 'call.enqueued', { callId: 'y1', queue: 'general' }),
        ev(NOW - 20 * M + 5_000, 'call.connected', { callId: 'y1', queue: 'general', agent: 'L001' }),
        ev(NOW - 20 * M + 65_000, 'call.ended', { callId: 'y1', queue: 'general', agent: 'L001' }),
        ev(NOW - 10 * M, 'call.enqueued', { callId: 'y2', queue: 'general' }),
        ev(NOW - 10 * M + 40_000, 'call.abandoned', { callId: 'y2', queue: 'general' }),
      ]);
      assert.equal(r.status, 200, JSON.stringify(r.body));

      // wallboard over the API
      const codes = async (c: Client) => ((await c.req('GET', '/api/floor/now')).body.agents as any[]).map((a) => a.code).sort();
      assert.deepEqual(await codes(c1duty), ['A001', 'B001']);
      assert.deepEqual(await codes(c2duty), ['L001', 'M001']);
      assert.deepEqual(await codes(c1lead), ['A001']);
      assert.deepEqual(await codes(c2lead), ['L001']);
      assert.deepEqual(await codes(c1agent), ['A001']);
      assert.deepEqual(await codes(c2agent), ['L001']);
      const kpis = async (c: Client) => (await c.req('GET', '/api/floor/now')).body.kpis;
      assert.equal((await kpis(c1duty)).offered, 1);
      assert.equal((await kpis(c2duty)).offered, 2);
      assert.equal((await kpis(c2duty)).answered, 1);

      // wallboard over the WebSocket: each floor pushes its own tiles to its own center's sockets
      f1.tick(NOW);
      f2.tick(NOW);
      await quiet(200);
      assert.deepEqual([...new Set(s1.codes())], ['A001', 'B001']);
      assert.deepEqual([...new Set(s2.codes())], ['L001', 'M001']);
      assert.deepEqual(sRoot.codes(), []);

      // alerts: one raised on each floor; each center's duty manager lists and receives only its own
      const a2 = await raiseAlert(db, {
        centerId: c2,
        dedupeKey: 'understaffed|center|c2',
        kind: 'understaffed',
        scope: 'center',
        subject: 'center',
        teamId: null,
        agentId: null,
        figures: {},
        action: 'x',
        at: NOW,
      });
      await raiseAlert(db, {
        centerId: org.centerId,
        dedupeKey: 'understaffed|center|c1',
        kind: 'understaffed',
        scope: 'center',
        subject: 'center',
        teamId: null,
        agentId: null,
        figures: {},
        action: 'x',
        at: NOW,
      });
      f2.alertHandled({ ...a2 }); // published on center 2's topics only (status open: "acknowledged" change message)
      await quiet(150);
      assert.equal(s2.msgs.filter((m) => m.type === 'event' && m.topic === 'alerts').length, 1);
      assert.equal(s1.msgs.filter((m) => m.type === 'event' && m.topic === 'alerts').length, 0);
      const alerts = async (c: Client) => ((await c.req('GET', '/api/alerts')).body as any[]).map((a) => a.dedupe_key);
      assert.deepEqual(await alerts(c1duty), ['understaffed|center|c1']);
      assert.deepEqual(await alerts(c2duty), ['understaffed|center|c2']);
      // another center's alert cannot be handled
      assert.equal((await c1duty.req('POST', `/api/alerts/${a2.id}/acknowledge`, { note: 'not mine' })).status, 404);

      // KPI report: the same queue name, each center's calls only
      const queueRow = async (c: Client) =>
        (await c.req('GET', '/api/reports/kpi?by=queue')).body.rows.map((x: any) => [x.queue, x.offered, x.answered, x.abandoned]);
      assert.deepEqual(await queueRow(c1duty), [['general', 1, 1, 0]]);
      assert.deepEqual(await queueRow(c2duty), [['general', 2, 1, 1]]);
      const agentRows = async (c: Client) => (await c.req('GET', '/api/reports/kpi?by=agent')).body.rows.map((x: any) => x.agentCode).sort();
      // (M001 only logged in: no interval row before its state is counted; A001 is center 1's)
      assert.deepEqual(await agentRows(c2duty), ['L001']);
      assert.deepEqual(await agentRows(c1duty), ['A001']);
      assert.deepEqual(await agentRows(c2lead), ['L001']);
      assert.deepEqual(await agentRows(c1agent), ['A001']);
      const rep2 = (await c2duty.req('GET', '/api/reports/kpi?by=agent')).body;
      assert.deepEqual(rep2.unknownAgentCodes, [], 'center 1’s codes are not unknown codes of center 2');

      // the caller of no center in a database of two: refused with a reason, not given the first center
      const refused = await root.req('GET', '/api/alerts');
      assert.equal(refused.status, 400);
      assert.equal(refused.body.reason, 'center.required');
      // events with no door naming their center: an error, nothing stored
      await assert.rejects(storeEvents(store, [ev(NOW, 'agent.login', { agent: 'Z001' })]), /several centers/);
      assert.equal((await db.selectFrom('live_events').select('id').where('agent', '=', 'Z001').execute()).length, 0);

      // each floor's day starts at its own local midnight (by hand: 2026-11-02 00:00 +08:00 and 00:00 GMT)
      assert.equal(f1.floor.todayStart, Date.UTC(2026, 10, 1, 16, 0));
      assert.equal(f2.floor.todayStart, Date.UTC(2026, 10, 2, 0, 0));
      // and so do the daily rollups
      const days = await db.selectFrom('live_day_queues').select(['center_id', 'day_start', 'offered']).orderBy('center_id').execute();
      assert.deepEqual(
        days.map((d) => [Number(d.center_id), Number(d.day_start), Number(d.offered)]),
        [
          [org.centerId, Date.UTC(2026, 10, 1, 16, 0), 1],
          [c2, Date.UTC(2026, 10, 2, 0, 0), 2],
        ],
      );
    } finally {
      for (const s of [s1, s2, sRoot]) s.ws.close();
      for (const f of [f1, f2]) f.stop();
      await app.close();
    }
  },
);
