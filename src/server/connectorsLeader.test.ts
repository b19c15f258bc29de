/**
 * Issue 12: with two instances on one PostgreSQL, a center's PBX connectors run on one of them (the holder
 * of the center's connector lock, store/live/leader.ts). A fake AMI server (the documented transcript of
 * ingest/connectors/transcripts.ts) sees one login; the calls are stored once; when the running instance
 * stops, the other one logs in and carries on, and the transcript it is sent again stores nothing twice.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { sql } from 'kysely';
import { openStore } from '../store/db';
import { freshStore, skipWithoutPostgres } from '../store/testing';
import { amiCallSession, AMI_BANNER, amiMsg } from '../ingest/connectors/transcripts';
import { buildApp } from './app';
import { startConnectors } from './connectors';
import { startLiveFloor } from './liveFloor';
import { startPgBridge } from './pgBridge';
import { seedTestOrg, signIn } from './testing';

const START = Date.UTC(2026, 10, 2, 0, 0, 0); // 08:00 Shanghai

/** Waits for a condition (not a timing assertion: the bound only keeps a broken test from hanging). */
async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const field = (msg: string, k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(msg)?.[1]?.replace(/\r$/, '');

test('connectors on two instances: one runs them (one PBX login, calls stored once); when it stops the other logs in', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const clock = START + 3_600_000; // 09:00
  const org = await seedTestOrg(storeA);
  const a = await buildApp({ store: storeA, webRoot: null, now: () => clock });
  const b = await buildApp({ store: storeB, webRoot: null, now: () => clock });
  const bridges = [await startPgBridge(a.ctx), await startPgBridge(b.ctx)];
  await startLiveFloor(a.ctx, { timers: false });
  const floorB = await startLiveFloor(b.ctx, { timers: false });
  const logsA: string[] = [];
  const logsB: string[] = [];
  const opts = { backoffMinMs: 50, backoffMaxMs: 400, leaderCheckMs: 100 };
  const connsA = await startConnectors(a.ctx, { ...opts, log: (m) => logsA.push(m) });
  const connsB = await startConnectors(b.ctx, { ...opts, log: (m) => logsB.push(m) });

  // the PBX: every login gets the whole call session; the second login also an un-pause at 08:06:40
  const session = amiCallSession(START);
  const logins: number[] = [];
  const sockets: net.Socket[] = [];
  const pbx = net.createServer((sock) => {
    sockets.push(sock);
    const n = sockets.length;
    let buf = '';
    sock.on('error', () => {});
    sock.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const msg = buf.slice(0, i);
        buf = buf.slice(i + 4);
        if (field(msg, 'Action') !== 'Login') continue;
        logins.push(n);
        sock.write(amiMsg({ Response: 'Success', ActionID: field(msg, 'ActionID')!, Message: 'Authentication accepted' }));
        sock.write(session.join(''));
        if (n === 2)
          sock.write(
            amiMsg({
              Event: 'QueueMemberPause',
              Privilege: 'agent,all',
              Timestamp: ((START + 400_000) / 1000).toFixed(6),
              Queue: 'general',
              Interface: 'PJSIP/A001',
              MemberName: 'A001',
              Paused: 0,
              PausedReason: '',
            }),
          );
      }
    });
    sock.write(AMI_BANNER);
  });
  await new Promise<void>((r) => pbx.listen(0, '127.0.0.1', r));
  const port = (pbx.address() as net.AddressInfo).port;
  const count = async () => Number((await sql<{ n: number }>`select count(*) as n from live_events`.execute(storeA.db)).rows[0]!.n);
  const idsTwice = async () => Number((await sql<{ n: number }>`select count(*) - count(distinct id) as n from live_events`.execute(storeA.db)).rows[0]!.n);
  try {
    // the setting is saved through instance A; B hears of it over NOTIFY and stands by
    const admin = await signIn(a.app, 'admin');
    const put = await admin.req('PUT', '/api/connectors', { ami: { enabled: true, host: '127.0.0.1', port, username: 'callfloor', secret: 'ami-s3cret' } });
    assert.equal(put.status, 200);
    await until('A connected and the session stored', async () => {
      const c = connsA.centers.get(org.centerId)?.ami;
      if (!c || c.status.state !== 'connected') return false;
      await c.idle();
      return (await count()) > 0;
    });
    await until('B configured', () => !!connsB.centers.get(org.centerId));
    await sleep(600); // six leadership checks of B
    assert.deepEqual(logins, [1], 'one instance logged in');
    assert.equal(connsA.running(org.centerId), true);
    assert.equal(connsB.running(org.centerId), false);
    assert.deepEqual(
      connsB.statuses(org.centerId).map((s) => [s.kind, s.state]),
      [['ami', 'standby']],
    );
    const afterFirst = await count();
    // the session, by hand: one call (offered and answered once), A001 paused for a meal at 08:05:00
    const duty = await signIn(b.app, 'duty_manager');
    await until('B follows the stored events', async () =>
      (await duty.req('GET', '/api/floor/now')).body.agents.some((x: any) => x.code === 'A001' && x.state === 'notReady'),
    );
    let board = (await duty.req('GET', '/api/floor/now')).body;
    assert.deepEqual([board.kpis.offered, board.kpis.answered], [1, 1]);

    // A stops (its lock connection ends): B takes over within a few checks and logs in
    await connsA.stop();
    await until('B logged in', () => logins.length === 2 && connsB.running(org.centerId));
    assert.deepEqual(logins, [1, 2]);
    const clientB = connsB.centers.get(org.centerId)!.ami!;
    await until('B delivered the second session', async () => {
      await clientB.idle();
      await floorB.catchUp();
      return (await count()) > afterFirst;
    });
    assert.ok(
      logsB.some((l) => l.includes('this instance runs the PBX connectors')),
      logsB.join('\n'),
    );
    // the repeated session stored nothing new; only the un-pause is new
    assert.equal(await count(), afterFirst + 1);
    assert.equal(await idsTwice(), 0);
    board = (await duty.req('GET', '/api/floor/now')).body;
    const a1 = board.agents.find((x: any) => x.code === 'A001');
    assert.deepEqual([a1.state, a1.since, a1.callsToday, board.kpis.offered, board.kpis.answered], ['ready', START + 400_000, 1, 1, 1]);
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
