/**
 * A second process writing into the same SQLite file (a CLI import into a running server's database)
 * must make a writer wait, not fail with "database is locked".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { endTurnSlot, holdWriteTurn, MAIN_WRITING, openStore, releaseWriteTurn, takeTurnSlot, threadHoldingTurn } from './db';

// The other process: plain better-sqlite3, as any second writer would be. Says "ready" before it writes.
const OTHER_WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 10000');
process.stdout.write('ready\\n');
db.prepare("insert into t (who) values ('other')").run();
process.stdout.write('done\\n');
db.close();
`;

test('sqlite: a transaction that reads then writes waits for another process instead of failing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-writers-'));
  const file = join(dir, 'db.sqlite');
  const store = await openStore({ file });
  try {
    await sql`create table t (id integer primary key, who text not null)`.execute(store.db);
    let otherExit: Promise<number> = Promise.resolve(-1);
    await store.db.transaction().execute(async (tx) => {
      // read first: a deferred transaction would now hold only a read snapshot
      const before = await sql<{ n: number }>`select count(*) as n from t`.execute(tx);
      assert.equal(before.rows[0]!.n, 0);
      const child = spawn(process.execPath, ['-e', OTHER_WRITER, file], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      const exited = (otherExit = new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1))));
      // wait until the other process is writing (or, had it not to wait, has written)
      for (let i = 0; i < 100 && !out.includes('ready'); i++) await new Promise((r) => setTimeout(r, 20));
      await Promise.race([exited, new Promise((r) => setTimeout(r, 1500))]);
      // it could not commit while this transaction holds the write lock
      assert.ok(!out.includes('done'), 'the other writer waited for this transaction');
      await sql`insert into t (who) values ('server')`.execute(tx);
    });
    assert.equal(await otherExit, 0, 'the other writer committed after this one');
    const rows = await sql<{ who: string }>`select who from t order by id`.execute(store.db);
    assert.deepEqual(
      rows.rows.map((r) => r.who),
      ['server', 'other'],
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sqlite: while an import thread holds its write turn, a write of the main connection waits without holding the event loop, then goes through', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-turn-'));
  const file = join(dir, 'db.sqlite');
  const store = await openStore({ file });
  try {
    await sql`create table t (id integer primary key, who text not null)`.execute(store.db);
    const w = store.writing!;
    assert.equal(Atomics.load(w, MAIN_WRITING), 0);
    const slot = takeTurnSlot(w)!;
    holdWriteTurn(w, slot); // as the thread does before its transaction (the main connection does not write: at once)
    const order: string[] = [];
    const tx = store.db
      .transaction()
      .execute(async (t) => sql`insert into t (who) values ('main')`.execute(t))
      .then(() => order.push('main wrote'));
    const plain = sql`insert into t (who) values ('plain')`.execute(store.db).then(() => order.push('plain wrote'));
    // the event loop turns meanwhile (a blocked one would run this after the writes)
    await new Promise((r) => setTimeout(r, 20));
    order.push('timer');
    assert.ok(Atomics.load(w, MAIN_WRITING) > 0, 'the main connection says it waits to write: the thread lets it go first next time');
    assert.equal((store.sqlite!.prepare('select count(*) as n from t').get() as { n: number }).n, 0, 'nothing written yet (not even begun)');
    // a read through Kysely is not queued behind the waiting writers (they let the one connection go while they wait)
    const read = sql<{ n: number }>`select count(*) as n from t`.execute(store.db).then((r) => (order.push('read'), r.rows[0]!.n));
    const answered = await Promise.race([read, new Promise<string>((r) => setTimeout(() => r('still waiting'), 2000))]);
    assert.equal(answered, 0, 'the read is answered while the thread still holds its turn');
    releaseWriteTurn(w, slot);
    await Promise.all([tx, plain]);
    assert.deepEqual(order.slice(0, 2), ['timer', 'read']);
    assert.deepEqual(order.slice(2).sort(), ['main wrote', 'plain wrote']);
    assert.equal((await sql<{ n: number }>`select count(*) as n from t`.execute(store.db)).rows[0]!.n, 2);
    assert.equal(Atomics.load(w, MAIN_WRITING), 0);
    assert.equal(threadHoldingTurn(w), -1);
    endTurnSlot(w, slot);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

// A thread that takes its write turn and is then terminated before it did anything else (the tiny window in
// which a shared count was left raised: its add done, nobody told). Real thread, real holdWriteTurn.
const TURN_TAKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  (await import(workerData.tsx)).register(); // as importThread.mjs: tsx's loader, then the TypeScript
  const { holdWriteTurn } = await import(workerData.db);
  holdWriteTurn(workerData.writing, workerData.slot);
  parentPort.postMessage('held');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // never lets go: terminated here
})();
`;

test('sqlite: an import thread terminated right after taking its write turn holds nobody once it has ended', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-turn-kill-'));
  const file = join(dir, 'db.sqlite');
  const store = await openStore({ file });
  try {
    await sql`create table t (id integer primary key, who text not null)`.execute(store.db);
    const w = store.writing!;
    const slot = takeTurnSlot(w)!;
    const worker = new Worker(TURN_TAKER, {
      eval: true,
      execArgv: process.execArgv.filter((a) => !a.startsWith('--test')),
      workerData: { writing: w, slot, tsx: import.meta.resolve('tsx/esm/api'), db: new URL('./db.ts', import.meta.url).href },
    });
    // as importInThread: the slot is let go and given back when the thread has ended, whatever way
    const ended = new Promise<void>((resolve) => worker.once('exit', () => (endTurnSlot(w, slot), resolve())));
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    assert.equal(threadHoldingTurn(w), slot, 'the thread holds its turn');
    await worker.terminate();
    await ended;
    assert.equal(threadHoldingTurn(w), -1, 'no thread holds a turn once it has ended');
    // the main connection's next write does not wait for the dead thread (it would for the busy timeout, 10 s)
    const wrote = sql`insert into t (who) values ('main')`.execute(store.db).then(() => 'wrote');
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<string>((r) => (timer = setTimeout(() => r('still waiting'), 5000)));
    assert.equal(await Promise.race([wrote, waited]), 'wrote');
    clearTimeout(timer);
    // and the slot is free for the next thread
    const next = takeTurnSlot(w)!;
    assert.equal(next, slot);
    endTurnSlot(w, next);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
