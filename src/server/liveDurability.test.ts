/**
 * Durability of the live feed: a server killed with SIGKILL while events stream in loses no acknowledged
 * event, and once restarted (and the client has re-sent what it got no answer for) shows the same board
 * as a clean server fed the same events. Real processes (`callfloor serve`), real SIGKILL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallFloorEvent } from '../core/events';
import { migrate, openStore, type Store } from '../store/db';
import { freshStore, skipWithoutPostgres, TEST_PG_URL } from '../store/testing';
import { acceptEvents } from './eventFeed';
import { startLiveFloor } from './liveFloor';
import { dutyCaller, liveBoard, middayZone, streamEvents } from './liveBoard.testutil';
import { TEST_PASSWORD, testApp } from './testing';

const BIN = fileURLToPath(new URL('../../bin/callfloor.mjs', import.meta.url));

async function startServer(target: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', target, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '' },
  });
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 120_000);
    const on = (d: Buffer) => {
      out += d;
      const m = /CallFloor on (http:\/\/[^ ]+?) /.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
  });
  return { child, base };
}

async function signIn(base: string, username: string) {
  const r = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  assert.equal(r.status, 200, await r.clone().text());
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrf } = (await r.json()) as { csrf: string };
  return {
    post: (url: string, body: unknown) =>
      fetch(`${base}${url}`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    get: async (url: string) => (await fetch(`${base}${url}`, { headers: { cookie } })).json() as Promise<any>,
  };
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`live feed survives SIGKILL: acknowledged events kept, the restarted board equals a clean one [${kind}]`, async (t) => {
    if (kind === 'postgres' && (await skipWithoutPostgres(t))) return;
    const dir = mkdtempSync(join(tmpdir(), 'cf-kill-'));
    let store: Store;
    let target: string;
    if (kind === 'sqlite') {
      target = join(dir, 'floor.sqlite');
      store = await openStore({ file: target });
      await migrate(store);
    } else {
      store = await freshStore('postgres');
      target = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${store.pgSchema}`)}`;
    }
    const clean = await freshStore('sqlite');
    let server: ChildProcess | null = null;
    try {
      await testApp(store); // the org (users, agents A001, A002, B001) in the served database
      // the servers run on the real clock: the center's zone is one where it is about noon now, so the stream
      // (the last hour) never crosses a local midnight (in Asia/Shanghai it did from 16:00 to 17:00 UTC)
      const zone = middayZone(new Date().getUTCHours());
      await store.db.updateTable('centers').set({ timezone: zone }).execute();
      const now = Date.now();
      const agents = ['A001', 'A002', 'B001'];
      const events: CallFloorEvent[] = [
        ...streamEvents(now - 60 * 60_000, 40, agents, 'k'),
        // everyone has gone home: no open state, so the figures do not depend on either server's clock
        ...agents.map((a, i) => ({ id: `kout${i}`, ts: now - 10 * 60_000, type: 'agent.logout' as const, agent: a })),
      ];
      const batches: CallFloorEvent[][] = [];
      for (let i = 0; i < events.length; i += 12) batches.push(events.slice(i, i + 12));

      let s = await startServer(target);
      server = s.child;
      let duty = await signIn(s.base, 'duty_manager');
      const acked = new Set<number>();
      for (let i = 0; i < batches.length; i++) {
        if (i === Math.floor(batches.length / 2)) {
          // the kill lands while this batch is in flight: it may or may not be stored, it is not acknowledged
          const inflight = duty.post('/api/events', batches[i]).then(
            (r) => r.status,
            () => 0,
          );
          await new Promise((r) => setTimeout(r, 5));
          server.kill('SIGKILL');
          await new Promise((r) => server!.once('exit', r));
          if ((await inflight) === 200) acked.add(i);
          break;
        }
        const r = await duty.post('/api/events', batches[i]);
        assert.equal(r.status, 200, await r.text());
        acked.add(i);
      }
      // every acknowledged event is in the store
      const check = kind === 'sqlite' ? await openStore({ file: target }) : store;
      const ids = new Set((await check.db.selectFrom('live_events').select('id').execute()).map((r) => r.id));
      if (check !== store) await check.close();
      for (const i of acked) for (const e of batches[i]!) assert.ok(ids.has(e.id), `acknowledged event ${e.id} survived`);

      // restart; the client re-sends every batch it holds no acknowledgement for
      s = await startServer(target);
      server = s.child;
      duty = await signIn(s.base, 'duty_manager');
      for (let i = 0; i < batches.length; i++) {
        if (acked.has(i)) continue;
        const r = await duty.post('/api/events', batches[i]);
        assert.equal(r.status, 200, await r.text());
      }
      // re-sending an acknowledged batch changes nothing
      const again = (await (await duty.post('/api/events', batches[0])).json()) as { duplicates: number };
      assert.equal(again.duplicates, batches[0]!.length);
      const restarted = liveBoard(await duty.get('/api/floor/now'));

      // a clean server fed the same batches
      const c = await testApp(clean);
      await clean.db.updateTable('centers').set({ timezone: zone }).execute();
      const svc = await startLiveFloor(c.ctx, { timers: false });
      for (const b of batches) await acceptEvents(c.ctx, b);
      const caller = dutyCaller(c.org);
      const reference = liveBoard(svc.snapshot(caller, Date.now()));
      svc.stop();
      assert.deepEqual(restarted, reference);
      // and the figures are the stream's: 40 offered, 30 answered, every agent logged out
      assert.deepEqual([reference.kpis.offered, reference.kpis.answered], [40, 30]);
      assert.deepEqual(
        reference.agents.map((a) => a.state),
        ['loggedOut', 'loggedOut', 'loggedOut'],
      );
    } finally {
      server?.kill('SIGKILL');
      await store.close();
      await clean.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
