/**
 * An upload into a SQLite file is parsed and stored in a worker thread with its own connection
 * (importWorker.ts): the same report as on the main thread, a refusal crosses the thread with its
 * reason, the live floor's listeners are told every stored row's sequence but only the events a live
 * floor can need (none of a past day), and live pushes on the main thread during the upload are stored
 * (the thread lets them go first) instead of failing with "database is locked".
 * (PostgreSQL and in-memory SQLite import on the main thread: importStream.test.ts.)
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CallFloorEvent } from '../core/events';
import { migrate, openStore } from '../store/db';
import { countStoredEvents } from '../store/live/ingest';
import { maxEventSeq } from '../store/live/tail';
import type { EventListener, StoredRange } from './eventFeed';
import { IMPORT_THREAD_STORE_EVENTS, sharedSqliteFile } from './importWorker';
import { startLiveFloor } from './liveFloor';
import { dutyCaller, liveBoard } from './liveBoard.testutil';
import { signIn, testApp } from './testing';

const T0 = Math.floor(Date.UTC(2026, 10, 2, 1, 0) / 1000); // 09:00 Shanghai, epoch seconds

test('import into a SQLite file: in a worker thread, refusals with reasons, listeners told, live pushes meanwhile all stored', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-import-thread-'));
  const store = await openStore({ file: join(dir, 'db.sqlite') });
  try {
    await migrate(store);
    assert.equal(sharedSqliteFile(store), join(dir, 'db.sqlite'));
    const { app, ctx } = await testApp(store);
    const seen: CallFloorEvent[] = [];
    const ranges: StoredRange[] = [];
    const counting: EventListener = (_ctx, events, _c, stored) => {
      seen.push(...events);
      if (stored) ranges.push(stored);
    };
    (ctx.composition.eventListeners as EventListener[]).push(counting);
    const wfm = await signIn(app, 'wfm');
    const admin = await signIn(app, 'admin');
    const upload = (query: string, payload: string | Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/import?${query}`,
        headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'application/octet-stream' },
        payload,
      });

    // a refusal made in the thread arrives as the same refusal
    const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 3)]);
    let r = await upload('format=queue_log', gz);
    assert.equal(r.statusCode, 400);
    assert.deepEqual([r.json().reason, r.json().params.kind], ['import.binary', 'gzip']);

    // several thread transactions: callers every 2 s who enter and abandon 5 s later (2 lines, 2 events each), a bad line
    const calls = 2 * IMPORT_THREAD_STORE_EVENTS + 300;
    const lines: string[] = [];
    for (let i = 0; i < calls; i++) lines.push(`${T0 + 2 * i}|c${i}|general|NONE|ENTERQUEUE||1`, `${T0 + 2 * i + 5}|c${i}|general|NONE|ABANDON|1|1|5`);
    lines.splice(100, 0, `${T0 + 10}|c-bad|general|NONE|ENTER-QUEUE`);
    // meanwhile 20 pushes of 25 agent events each on the main thread (agents A001…A020 log in a day later)
    const pushes = Array.from({ length: 20 }, (_, p) =>
      admin.req('POST', '/api/events', {
        events: Array.from({ length: 25 }, (_, k) => ({ id: `push-${p}-${k}`, ts: (T0 + 86_400 + 60 * k) * 1000, type: 'agent.login', agent: `P${p}-${k}` })),
      }),
    );
    const [imp, ...pushed] = await Promise.all([upload('format=auto', lines.join('\n') + '\n'), ...pushes]);
    assert.equal(imp.statusCode, 200, imp.body);
    const rep = imp.json();
    assert.deepEqual(
      [rep.linesRead, rep.eventsStored, rep.duplicates, rep.rejectedTotal, rep.rejected[0].line, rep.rejected[0].code],
      [2 * calls + 1, 2 * calls, 0, 1, 101, 'import.eventName'],
    );
    assert.equal(rep.lastTs, (T0 + 2 * (calls - 1) + 5) * 1000);
    for (const p of pushed) assert.deepEqual([p.status, p.body.accepted], [200, 25], JSON.stringify(p.body));
    assert.equal(await countStoredEvents(store.db), 2 * calls + 20 * 25);
    // the file is of 2026-11-02, weeks before this clock (the machine's): the listeners saw the pushes' events,
    // none of the file's; they were told the sequence ranges of all the file's rows, none of a push's
    assert.equal(seen.length, 20 * 25);
    assert.ok(seen.every((e) => e.id.startsWith('push-')));
    assert.equal(
      ranges.reduce((n, r) => n + r.last - r.after, 0),
      2 * calls,
    );
    const pushSeqs = (await store.db.selectFrom('live_events').select('seq').where('id', 'like', 'push-%').execute()).map((r) => Number(r.seq));
    assert.ok(pushSeqs.every((q) => ranges.every((r) => q <= r.after || q > r.last)));

    // again: all duplicates, nothing new for the listeners
    r = await upload('format=queue_log', lines.join('\n'));
    assert.deepEqual([r.statusCode, r.json().eventsStored, r.json().duplicates], [200, 0, 2 * calls]);
    assert.equal(seen.length, 20 * 25);
    assert.equal(
      ranges.reduce((n, r) => n + r.last - r.after, 0),
      2 * calls,
    );
    await app.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an upload cut off by its client: the thread rolls back and lets go of the file, the next writes go through at once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-import-cut-'));
  const store = await openStore({ file: join(dir, 'db.sqlite') });
  try {
    await migrate(store);
    const { app } = await testApp(store);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr ? addr.port : 0;
    const wfm = await signIn(app, 'wfm');
    const admin = await signIn(app, 'admin');
    // announce 50 MB, send 4,000 callers' lines (8,000 lines: several thread batches), then drop the connection
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) lines.push(`${T0 + 2 * i}|c${i}|general|NONE|ENTERQUEUE||1`, `${T0 + 2 * i + 5}|c${i}|general|NONE|ABANDON|1|1|5`);
    const req = http.request(`http://127.0.0.1:${port}/api/import?format=queue_log`, {
      method: 'POST',
      headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'application/octet-stream', 'content-length': 50 * 1024 * 1024 },
    });
    req.on('error', () => {}); // the connection we cut
    req.write(lines.join('\n') + '\n');
    await new Promise((r) => setTimeout(r, 1500));
    req.destroy();
    await new Promise((r) => setTimeout(r, 1500));
    // a live push right after: stored, and well within the store's 10 s busy timeout
    const t = Date.now();
    const p = await admin.req('POST', '/api/events', { events: [{ id: 'after-cut', ts: (T0 + 86_400) * 1000, type: 'agent.login', agent: 'A001' }] });
    assert.deepEqual([p.status, p.body.accepted], [200, 1], JSON.stringify(p.body));
    assert.ok(Date.now() - t < 5000, `the push waited ${Date.now() - t} ms`);
    // the batches the thread committed before the cut stay (not the whole file)
    const stored = await countStoredEvents(store.db);
    assert.ok(stored >= 1 && stored < 8001, String(stored));
    await app.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// local time (Asia/Shanghai, UTC+8) on 2026-11-02, epoch ms
const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);

test("an upload of a past day and of today into a running floor: told only today's events, the board a rebuild shows, pushes meanwhile on it", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-import-floor-'));
  const store = await openStore({ file: join(dir, 'db.sqlite') });
  try {
    await migrate(store);
    const clock = T(10, 0);
    const { app, ctx, org } = await testApp(store, { now: () => clock });
    const seen: CallFloorEvent[] = [];
    (ctx.composition.eventListeners as EventListener[]).push((_ctx, events) => void seen.push(...events));
    const floor = await startLiveFloor(ctx, { timers: false });
    const wfm = await signIn(app, 'wfm');
    const admin = await signIn(app, 'admin');
    // 1,500 callers ten days ago from 09:00 and 1,500 today from 08:00, one every 2 s: each enters and abandons 5 s later
    const lines: string[] = [];
    const callers = (from: number, tag: string) => {
      for (let i = 0; i < 1500; i++) {
        const t = from / 1000 + 2 * i;
        lines.push(`${t}|${tag}${i}|general|NONE|ENTERQUEUE||1`, `${t + 5}|${tag}${i}|general|NONE|ABANDON|1|1|5`);
      }
    };
    callers(T(9, 0) - 10 * 86_400_000, 'past');
    callers(T(8, 0), 'today');
    // meanwhile 10 pushes on the main thread: agents P0…P9 log in at 09:0x today
    const pushes = Array.from({ length: 10 }, (_, p) =>
      admin.req('POST', '/api/events', { events: [{ id: `push-${p}`, ts: T(9, p), type: 'agent.login', agent: `P${p}` }] }),
    );
    const [imp, ...pushed] = await Promise.all([
      app.inject({
        method: 'POST',
        url: '/api/import?format=queue_log',
        headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': 'application/octet-stream' },
        payload: lines.join('\n') + '\n',
      }),
      ...pushes,
    ]);
    assert.equal(imp.statusCode, 200, imp.body);
    assert.equal(imp.json().eventsStored, 6000);
    for (const p of pushed) assert.deepEqual([p.status, p.body.accepted], [200, 1], JSON.stringify(p.body));
    assert.equal(await countStoredEvents(store.db), 6000 + 10);
    // the listeners: today's 3,000 events of the file and the 10 pushes, not one of ten days ago
    assert.equal(seen.filter((e) => e.ts < T(0, 0)).length, 0);
    assert.equal(new Set(seen.map((e) => e.id)).size, 3000 + 10);
    // the floor has followed the store to its last row, and shows what a floor rebuilt from the store shows
    const board = liveBoard(floor.snapshot(dutyCaller(org), clock));
    assert.deepEqual([board.kpis.offered, board.kpis.answered], [1500, 0]);
    assert.equal(board.agents.length, 10);
    const lastSeq = await maxEventSeq(store.db);
    assert.equal(await floor.catchUp(), 0, 'nothing left to read');
    // it was told of the thread's transactions and did not read the file's 6,000 rows back (a push's rows in between may make it read one)
    assert.ok(floor.importStats.batches >= 1 && floor.importStats.rowsRead < 6000, JSON.stringify(floor.importStats));
    assert.equal(lastSeq, 6010);
    floor.stop();
    const rebuilt = await startLiveFloor(ctx, { timers: false });
    assert.deepEqual(liveBoard(rebuilt.snapshot(dutyCaller(org), clock)), board);
    rebuilt.stop();
    await app.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
