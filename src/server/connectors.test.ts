/**
 * The connectors against local TCP servers that speak each protocol from documented transcripts
 * (no PBX runs here): the board and the report the events produce, reconnects with back-off and no
 * duplicate, garbage counted and the connection reopened, supervisor actions received by the
 * "PBX", the signed webhook. On SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { listAudit } from '../store/audit';
import { forEachDatabase } from '../store/testing';
import { amiCallSession, AMI_BANNER, amiMsg, eslCallSession, eslMsg, queueLogOfCallSession } from '../ingest/connectors/transcripts';
import { ALIYUN_CCC_EXAMPLE, signWebhook } from '../ingest/connectors/webhook';
import { startConnectors } from './connectors';
import { startLiveFloor } from './liveFloor';
import { testApp } from './testing';

const START = Date.UTC(2026, 10, 2, 0, 0, 0); // 08:00 Shanghai

/** Waits for a condition (not a timing assertion: the bound only keeps a broken test from hanging). */
async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface FakeConn {
  n: number;
  sock: net.Socket;
  /** messages the client sent, split on the protocol's empty line */
  got: string[];
}

/** A TCP server on 127.0.0.1:0; `onMessage` sees each message the client sends (split on `sep`). */
async function fakeServer(sep: string, onOpen: (c: FakeConn) => void, onMessage: (c: FakeConn, msg: string) => void) {
  const all: FakeConn[] = [];
  const server = net.createServer((sock) => {
    const c: FakeConn = { n: all.length + 1, sock, got: [] };
    all.push(c);
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf(sep)) >= 0) {
        const msg = buf.slice(0, i);
        buf = buf.slice(i + sep.length);
        c.got.push(msg);
        onMessage(c, msg);
      }
    });
    sock.on('error', () => {});
    onOpen(c);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    conns: all,
    close: () => {
      for (const c of all) c.sock.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const field = (msg: string, k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(msg)?.[1]?.replace(/\r$/, '');

forEachDatabase(
  'AMI connector: a call and a pause move the board and the report; a drop mid-stream reconnects with no duplicate; a queue_log import of the same calls stores nothing new; supervisor pause / queue actions reach the PBX',
  async (_t, store) => {
    const clock = START + 3_600_000; // 09:00
    const { app, ctx, org, as } = await testApp(store, { now: () => clock });
    await startLiveFloor(ctx, { timers: false });
    const logs: string[] = [];
    const conns = await startConnectors(ctx, { backoffMinMs: 50, backoffMaxMs: 400, log: (m) => logs.push(m) });
    const session = amiCallSession(START);
    const actions: Record<string, string>[] = [];
    const pbx = await fakeServer(
      '\r\n\r\n',
      (c) => c.sock.write(AMI_BANNER),
      (c, msg) => {
        const action = field(msg, 'Action');
        const id = field(msg, 'ActionID')!;
        if (action === 'Login') {
          const ok = field(msg, 'Username') === 'callfloor' && field(msg, 'Secret') === 'ami-s3cret' && field(msg, 'Events') === 'on';
          c.sock.write(amiMsg({ Response: ok ? 'Success' : 'Error', ActionID: id, Message: ok ? 'Authentication accepted' : 'Authentication failed' }));
          if (!ok) return;
          // 1st connection: half the session, then the line drops; 2nd: from the join again (a repeat) to the end
          if (c.n === 1) {
            c.sock.write(session.slice(0, 5).join(''));
            setTimeout(() => c.sock.destroy(), 50);
          } else c.sock.write(session.slice(2).join(''));
          return;
        }
        const m: Record<string, string> = {};
        for (const line of msg.split('\r\n')) {
          const i = line.indexOf(': ');
          if (i > 0) m[line.slice(0, i)] = line.slice(i + 2);
        }
        actions.push(m);
        c.sock.write(amiMsg({ Response: 'Success', ActionID: id, Message: 'done' }));
      },
    );
    try {
      const admin = await as('admin');
      const put = await admin.req('PUT', '/api/connectors', {
        ami: { enabled: true, host: '127.0.0.1', port: pbx.port, username: 'callfloor', secret: 'ami-s3cret' },
      });
      assert.equal(put.status, 200);
      assert.equal(put.body.ami.secretSet, true);
      assert.ok(!JSON.stringify(put.body).includes('ami-s3cret'), 'the secret is never returned');
      const client = conns.centers.get(org.centerId)!.ami!;
      await until('second session delivered', async () => {
        if (client.status.connects < 2) return false;
        await client.idle();
        const f = (await (await as('duty_manager')).req('GET', '/api/floor/now')).body;
        return f.agents.some((a: any) => a.code === 'A001' && a.state === 'notReady');
      });
      assert.equal(client.status.lastError, null);
      assert.ok(
        logs.some((l) => /ami 127\.0\.0\.1:\d+: connection closed; reconnecting in 50 ms/.test(l)),
        logs.join('\n'),
      );
      assert.ok(!logs.join('\n').includes('ami-s3cret'), 'the secret is never logged');

      const duty = await as('duty_manager');
      const floor = (await duty.req('GET', '/api/floor/now')).body;
      const a1 = floor.agents.find((a: any) => a.code === 'A001');
      assert.deepEqual([a1.state, a1.reason, a1.callsToday, a1.since], ['notReady', 'meal', 1, START + 300_000]);
      const q = floor.queues.find((x: any) => x.queue === 'general');
      assert.deepEqual([q.offered, q.answered, q.waiting], [1, 1, 0]);
      // the report: one offered, one answered after 10 s, talk 08:01:10 → 08:04:00 = 170 s
      const rep = (await duty.req('GET', '/api/reports/kpi?by=queue&from=2026-11-02&to=2026-11-02')).body;
      const g = rep.rows.find((r: any) => r.queue === 'general' || r.key === 'general');
      assert.deepEqual([g.offered, g.answered, g.abandoned ?? 0, g.asa], [1, 1, 0, 10]);

      // the queue_log Asterisk wrote for the same calls: every event is already there
      const up = await app.inject({
        method: 'POST',
        url: '/api/import?format=queue_log',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'text/plain' },
        payload: queueLogOfCallSession(START),
      });
      assert.equal(up.statusCode, 200, up.body);
      assert.equal(up.json().eventsStored, 0);
      assert.ok(up.json().duplicates >= 9, `duplicates ${up.json().duplicates}`);
      const rep2 = (await duty.req('GET', '/api/reports/kpi?by=queue&from=2026-11-02&to=2026-11-02')).body;
      assert.deepEqual(rep2.total, rep.total);

      // supervisor actions from the wallboard
      assert.deepEqual((await duty.req('GET', '/api/live/actions')).body, { available: true, kind: 'ami', connected: true });
      const p = await duty.req('POST', `/api/live/agents/${org.agents.a1}/pause`, { paused: true, reason: 'coaching' });
      assert.deepEqual([p.status, p.body.via], [200, 'ami']);
      const qp = actions.find((a) => a.Action === 'QueuePause')!;
      assert.deepEqual([qp.Interface, qp.Paused, qp.Reason, qp.Queue], ['PJSIP/A001', 'true', 'coaching', undefined]);
      assert.match(qp.ActionID!, /^cf-\d+$/);
      const add = await duty.req('POST', `/api/live/agents/${org.agents.a1}/queues`, { add: 'billing' });
      assert.equal(add.status, 200);
      const qa = actions.find((a) => a.Action === 'QueueAdd')!;
      assert.deepEqual([qa.Queue, qa.Interface, qa.MemberName], ['billing', 'PJSIP/A001', 'A001']);
      // a team lead: own team's agents only; nothing sent for the refused one
      const lead = await as('team_lead');
      assert.equal((await lead.req('POST', `/api/live/agents/${org.agents.a2}/pause`, { paused: false })).status, 200);
      const refused = await lead.req('POST', `/api/live/agents/${org.agents.b1}/pause`, { paused: true, reason: 'break' });
      assert.deepEqual([refused.status, refused.body.reason], [403, 'connector.notYourTeam']);
      assert.equal(actions.filter((a) => a.Action === 'QueuePause').length, 2);
      const bad = await duty.req('POST', `/api/live/agents/${org.agents.a1}/queues`, { add: 'a', remove: 'b' });
      assert.equal(bad.status, 400);
      const audits = (await listAudit(store.db, { entity: 'agent' })).map((a) => a.action);
      assert.deepEqual(audits.sort(), ['live.agent.pause', 'live.agent.queue.add', 'live.agent.unpause']);
      assert.ok(!JSON.stringify(await listAudit(store.db, { entity: 'setting' })).includes('ami-s3cret'), 'the audit keeps no secret');
      // a code that would break out of its protocol line is bad input: 400, nothing sent
      await store.db.updateTable('agents').set({ ext_code: 'A002\r\nAction: Logoff' }).where('id', '=', org.agents.a2).execute();
      const sentBefore = actions.length;
      const inj = await duty.req('POST', `/api/live/agents/${org.agents.a2}/pause`, { paused: true, reason: 'break' });
      assert.deepEqual([inj.status, inj.body.reason], [400, 'connector.badValue']);
      assert.equal(actions.length, sentBefore);
    } finally {
      await conns.stop();
      await pbx.close();
      await app.close();
    }
  },
);

forEachDatabase(
  'AMI connector: garbage and a refused login are counted, the connection reopens with growing back-off; unknown kinds logged once',
  async (_t, store) => {
    const clock = START + 3_600_000;
    const { app, ctx, org, as } = await testApp(store, { now: () => clock });
    const logs: string[] = [];
    const conns = await startConnectors(ctx, { backoffMinMs: 50, backoffMaxMs: 400, log: (m) => logs.push(m) });
    const pbx = await fakeServer(
      '\r\n\r\n',
      (c) => c.sock.write(AMI_BANNER),
      (c, msg) => {
        const id = field(msg, 'ActionID')!;
        if (c.n === 2) return void c.sock.write(amiMsg({ Response: 'Error', ActionID: id, Message: 'Authentication failed' }));
        c.sock.write(amiMsg({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' }));
        if (c.n === 1) c.sock.write('\u0000\u0001 garbage without a colon\r\n\r\n');
        else {
          const t = (s: number) => ((START + s * 1000) / 1000).toFixed(6);
          c.sock.write(amiMsg({ Event: 'MixMonitorStart', Channel: 'x' }) + amiMsg({ Event: 'MixMonitorStart', Channel: 'y' }));
          c.sock.write(amiMsg({ Event: 'QueueCallerJoin', Timestamp: t(60), Queue: 'general', Uniqueid: 'u-9', Position: 1 }));
        }
      },
    );
    try {
      const admin = await as('admin');
      await admin.req('PUT', '/api/connectors', { ami: { enabled: true, host: '127.0.0.1', port: pbx.port, username: 'u', secret: 'p' } });
      const client = conns.centers.get(org.centerId)!.ami!;
      await until('third session delivered', async () => {
        await client.idle();
        return client.status.connects >= 2 && client.status.events >= 1;
      });
      await client.idle();
      assert.equal(client.status.malformed, 1);
      assert.deepEqual(client.status.unknown, { MixMonitorStart: 2 });
      assert.equal(logs.filter((l) => l.includes('unknown event MixMonitorStart')).length, 1);
      // garbage → 50 ms, refused login → 100 ms (the back-off grows until a session logs in)
      const waits = logs.filter((l) => l.includes('reconnecting')).map((l) => Number(/in (\d+) ms/.exec(l)![1]));
      assert.deepEqual(waits.slice(0, 2), [50, 100]);
      assert.match(logs[0]!, /malformed frame/);
      assert.match(logs[1]!, /login refused: Authentication failed/);
      const rep = (await (await as('duty_manager')).req('GET', '/api/reports/kpi?by=queue&from=2026-11-02&to=2026-11-02')).body;
      assert.equal(rep.total.offered, 1);
    } finally {
      await conns.stop();
      await pbx.close();
      await app.close();
    }
  },
);

forEachDatabase(
  'ESL connector (mod_callcenter): auth, subscription, a drop mid-stream and a full repeat, a call and a break → board and report once; supervisor pause sends callcenter_config',
  async (_t, store) => {
    const clock = START + 3_600_000;
    const { app, ctx, org, as } = await testApp(store, { now: () => clock });
    await startLiveFloor(ctx, { timers: false });
    const conns = await startConnectors(ctx, { backoffMinMs: 50, backoffMaxMs: 400, log: () => {} });
    const session = eslCallSession(START);
    const reply = (text: string) => eslMsg({ 'Content-Type': 'command/reply', 'Reply-Text': text });
    const pbx = await fakeServer(
      '\n\n',
      (c) => c.sock.write(eslMsg({ 'Content-Type': 'auth/request' })),
      (c, msg) => {
        if (msg.startsWith('auth ')) return void c.sock.write(reply(msg === 'auth ClueCon2' ? '+OK accepted' : '-ERR invalid'));
        if (msg === 'event plain CUSTOM callcenter::info') {
          c.sock.write(reply('+OK event listener enabled plain'));
          // 1st connection: three events, then the line drops; 2nd: the whole session again
          if (c.n === 1) {
            for (const b of session.slice(0, 3)) c.sock.write(b);
            setTimeout(() => c.sock.destroy(), 50);
          } else for (const b of session) c.sock.write(b);
          return;
        }
        if (msg.startsWith('api ')) c.sock.write(eslMsg({ 'Content-Type': 'api/response' }, '+OK\n'));
      },
    );
    try {
      const admin = await as('admin');
      assert.equal((await admin.req('PUT', '/api/connectors', { esl: { enabled: true, host: '127.0.0.1', port: pbx.port, secret: 'ClueCon2' } })).status, 200);
      const client = conns.centers.get(org.centerId)!.esl!;
      const duty = await as('duty_manager');
      await until('session delivered', async () => {
        await client.idle();
        return (await duty.req('GET', '/api/floor/now')).body.agents.some((a: any) => a.code === 'A001' && a.state === 'notReady');
      });
      const floor = (await duty.req('GET', '/api/floor/now')).body;
      const a1 = floor.agents.find((a: any) => a.code === 'A001');
      assert.deepEqual([a1.state, a1.reason, a1.callsToday], ['notReady', 'break', 1]);
      // the queue is named general@default in FreeSWITCH
      const rep = (await duty.req('GET', '/api/reports/kpi?by=queue&from=2026-11-02&to=2026-11-02')).body;
      assert.deepEqual([rep.total.offered, rep.total.answered, rep.total.asa], [1, 1, 10]);
      assert.deepEqual(client.status.unknown, { CHANNEL_ANSWER: 1 });
      assert.equal(client.status.connects, 2);

      const p = await duty.req('POST', `/api/live/agents/${org.agents.a1}/pause`, { paused: false });
      assert.deepEqual([p.status, p.body.via], [200, 'esl']);
      assert.ok(pbx.conns[1]!.got.includes("api callcenter_config agent set status A001@default 'Available'"), pbx.conns[1]!.got.join(' | '));
    } finally {
      await conns.stop();
      await pbx.close();
      await app.close();
    }
  },
);

forEachDatabase(
  'webhook: a good signature lands; a wrong one, a stale timestamp or an unknown center → 401 and nothing stored; secrets write-only',
  async (_t, store) => {
    const clock = START + 600_000;
    const { app, org, as } = await testApp(store, { now: () => clock });
    const admin = await as('admin');
    const put = await admin.req('PUT', '/api/connectors', { webhook: { enabled: true, secret: 'wh-s3cret', toleranceS: 300, mapping: ALIYUN_CCC_EXAMPLE } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const got = await admin.req('GET', '/api/connectors');
    assert.deepEqual([got.body.webhook.secretSet, got.body.webhook.secret], [true, undefined]);
    // changing the mapping without a secret keeps the stored one
    assert.equal(
      (await admin.req('PUT', '/api/connectors', { webhook: { enabled: true, toleranceS: 120, mapping: ALIYUN_CCC_EXAMPLE } })).body.webhook.secretSet,
      true,
    );
    assert.equal((await (await as('duty_manager')).req('GET', '/api/connectors')).status, 403);
    // a secret with a line break would inject a protocol line: refused naming the field, nothing stored
    const inj = await admin.req('PUT', '/api/connectors', { esl: { enabled: true, host: '127.0.0.1', port: 8021, secret: 'ClueCon\n\napi shutdown' } });
    assert.deepEqual([inj.status, inj.body.field], [400, 'body.esl.secret']);
    assert.equal((await admin.req('GET', '/api/connectors')).body.esl, null);

    const body = JSON.stringify([
      { eventTime: '2026-11-02T00:00:00.000Z', eventType: 'AgentCheckIn', instanceId: 'cc-1', agentId: 'A001@cc-1' },
      { eventTime: '2026-11-02T00:05:00.000Z', eventType: 'AgentBreak', instanceId: 'cc-1', agentId: 'A001@cc-1', breakCode: 'Meal' },
    ]);
    const send = (centerId: number, sig: string, ts: string, payload = body) =>
      app.inject({
        method: 'POST',
        url: `/api/connectors/webhook/${centerId}`,
        headers: { 'content-type': 'application/json', 'x-callfloor-signature': sig, 'x-callfloor-timestamp': ts },
        payload,
      });
    const ts = String(Math.floor(clock / 1000));
    const stale = String(Math.floor(clock / 1000) - 121);
    for (const r of [
      await send(org.centerId, signWebhook('wrong', ts, body), ts),
      await send(org.centerId, signWebhook('wh-s3cret', ts, body.replace('Meal', 'Lunch')), ts),
      await send(org.centerId, signWebhook('wh-s3cret', stale, body), stale),
      await send(org.centerId + 99, signWebhook('wh-s3cret', ts, body), ts),
    ])
      assert.equal(r.statusCode, 401, r.body);
    const none = (await (await as('duty_manager')).req('GET', '/api/reports/kpi?by=agent&from=2026-11-02&to=2026-11-02')).body;
    assert.equal(none.rows.length, 0, 'nothing stored');

    const ok = await send(org.centerId, signWebhook('wh-s3cret', ts, body), ts);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().accepted, ok.json().duplicates], [2, 0]);
    const again = await send(org.centerId, signWebhook('wh-s3cret', ts, body), ts);
    assert.deepEqual([again.json().accepted, again.json().duplicates], [0, 2]);
    // staffed from 08:00 to the 08:05 break: 300 s logged in (the report runs to the last event)
    const rep = (await (await as('duty_manager')).req('GET', '/api/reports/kpi?by=agent&from=2026-11-02&to=2026-11-02')).body;
    assert.deepEqual(
      rep.rows.map((r: any) => r.agentCode),
      ['A001'],
    );
    // an item the mapping cannot read: 400 naming its index, nothing of the request stored
    const badBody = JSON.stringify([
      { eventTime: '2026-11-02T00:06:00.000Z', eventType: 'AgentReady', agentId: 'A001@cc-1' },
      { eventTime: 'soon', eventType: 'AgentReady', agentId: 'A001@cc-1' },
    ]);
    const bad = await send(org.centerId, signWebhook('wh-s3cret', ts, badBody), ts, badBody);
    assert.deepEqual([bad.statusCode, bad.json().field, bad.json().reason], [400, 'events.1', 'connector.webhook.badEvent']);
    // the event time window applies here as at every door: a time two days after the clock → 400 naming the event, nothing stored
    const future = new Date(clock + 2 * 86_400_000).toISOString();
    const lateBody = JSON.stringify([
      { eventTime: '2026-11-02T00:07:00.000Z', eventType: 'AgentReady', agentId: 'A001@cc-1' },
      { eventTime: future, eventType: 'AgentReady', agentId: 'A001@cc-1' },
    ]);
    const late = await send(org.centerId, signWebhook('wh-s3cret', ts, lateBody), ts, lateBody);
    assert.deepEqual([late.statusCode, late.json().field, late.json().reason], [400, 'events.1.ts', 'event.tsInFuture']);
    const firstOnly = JSON.stringify([{ eventTime: '2026-11-02T00:07:00.000Z', eventType: 'AgentReady', agentId: 'A001@cc-1' }]);
    const after = await send(org.centerId, signWebhook('wh-s3cret', ts, firstOnly), ts, firstOnly);
    assert.deepEqual([after.json().accepted, after.json().duplicates], [1, 0], 'the refused request stored none of its events');
    await app.close();
  },
);
