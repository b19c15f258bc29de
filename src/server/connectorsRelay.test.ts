/**
 * Issue 12: a supervisor action asked on the standby instance (B) is carried out by the instance that
 * runs the center's AMI connector (A) — the fake PBX sees the action on A's one login — and B answers
 * with the holder's outcome: success, or the PBX's refusal as the same error (409 connector.refused).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { openStore } from '../store/db';
import { freshStore, skipWithoutPostgres } from '../store/testing';
import { AMI_BANNER, amiMsg } from '../ingest/connectors/transcripts';
import { buildApp } from './app';
import { startConnectors } from './connectors';
import { startPgBridge } from './pgBridge';
import { seedTestOrg, signIn } from './testing';

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const field = (msg: string, k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(msg)?.[1]?.replace(/\r$/, '');

test('connector actions on the standby instance are forwarded to the holder and answered with its outcome', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const org = await seedTestOrg(storeA);
  const a = await buildApp({ store: storeA, webRoot: null });
  const b = await buildApp({ store: storeB, webRoot: null });
  const bridges = [await startPgBridge(a.ctx), await startPgBridge(b.ctx)];
  const opts = { backoffMinMs: 50, backoffMaxMs: 400, leaderCheckMs: 100, actionTimeoutMs: 2000, log: () => {} };
  const connsA = await startConnectors(a.ctx, opts);
  const connsB = await startConnectors(b.ctx, opts);

  // the PBX: answers a login; a QueuePause for A002 is refused, every other action succeeds
  const actions: { login: number; action: string; iface: string; paused: string }[] = [];
  let logins = 0;
  const sockets: net.Socket[] = [];
  const pbx = net.createServer((sock) => {
    sockets.push(sock);
    let buf = '';
    sock.on('error', () => {});
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const msg = buf.slice(0, i);
        buf = buf.slice(i + 4);
        const action = field(msg, 'Action')!;
        const id = field(msg, 'ActionID')!;
        if (action === 'Login') {
          logins++;
          sock.write(amiMsg({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' }));
          continue;
        }
        actions.push({ login: logins, action, iface: field(msg, 'Interface') ?? '', paused: field(msg, 'Paused') ?? '' });
        const refuse = field(msg, 'Interface') === 'PJSIP/A002';
        sock.write(amiMsg(refuse ? { Response: 'Error', ActionID: id, Message: 'Interface not found' } : { Response: 'Success', ActionID: id }));
      }
    });
    sock.write(AMI_BANNER);
  });
  await new Promise<void>((r) => pbx.listen(0, '127.0.0.1', r));
  const port = (pbx.address() as net.AddressInfo).port;
  try {
    const admin = await signIn(a.app, 'admin');
    const put = await admin.req('PUT', '/api/connectors', { ami: { enabled: true, host: '127.0.0.1', port, username: 'callfloor', secret: 'ami-s3cret' } });
    assert.equal(put.status, 200);
    await until('A connected', () => connsA.centers.get(org.centerId)?.ami?.status.state === 'connected');
    await until('B standing by', () => connsB.statuses(org.centerId).some((s) => s.state === 'standby'));
    assert.equal(connsB.running(org.centerId), false);

    const duty = await signIn(b.app, 'duty_manager');
    // B says actions are available (carried by the holder)
    const info = await duty.req('GET', '/api/live/actions');
    assert.equal(info.status, 200);
    assert.equal(info.body.available, true);

    const ok = await duty.req('POST', `/api/live/agents/${org.agents.a1}/pause`, { paused: true, reason: 'meal' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(ok.body, { ok: true, via: 'ami' });
    // the PBX got it once, on A's (the only) login
    assert.equal(logins, 1);
    assert.deepEqual(actions, [{ login: 1, action: 'QueuePause', iface: 'PJSIP/A001', paused: 'true' }]);

    // the PBX refuses: B's caller gets the holder's error, reason and all
    const bad = await duty.req('POST', `/api/live/agents/${org.agents.a2}/pause`, { paused: true, reason: 'meal' });
    assert.equal(bad.status, 409, JSON.stringify(bad.body));
    assert.equal(bad.body.reason, 'connector.refused');
    assert.match(JSON.stringify(bad.body), /Interface not found/);
    assert.equal(actions.length, 2);

    // the holder gone and nobody taking over in time: B answers connector.timeout, never hangs
    await connsA.relay.stop();
    const slow = await duty.req('POST', `/api/live/agents/${org.agents.a1}/pause`, { paused: false });
    assert.equal(slow.status, 409);
    assert.equal(slow.body.reason, 'connector.timeout');
  } finally {
    await connsA.stop();
    await connsB.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => pbx.close(() => r()));
    for (const stop of bridges) await stop();
    await a.app.close();
    await b.app.close();
    await storeB.close();
    await storeA.close();
  }
});
