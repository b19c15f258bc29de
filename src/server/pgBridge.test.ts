import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, skipWithoutPostgres } from '../store/testing';
import { openStore } from '../store/db';
import { buildApp } from './app';
import { startServices, stopServices } from './services';
import { startPgBridge } from './pgBridge';

test('a live message published on one instance reaches subscribers of another (PostgreSQL NOTIFY)', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  // second instance on the same database (its own pool), as a second server process would have
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const a = await buildApp({ store: storeA, webRoot: null });
  const b = await buildApp({ store: storeB, webRoot: null });
  await startServices(a.ctx);
  await startServices(b.ctx);
  try {
    const got: unknown[] = [];
    const arrived = new Promise<void>((resolve) => {
      b.ctx.hub.subscribe('alerts', (_t, d) => {
        got.push(d);
        resolve();
      });
    });
    const local: unknown[] = [];
    a.ctx.hub.subscribe('alerts', (_t, d) => local.push(d));
    a.ctx.hub.publish('alerts', { id: 7, kind: 'understaffed' });
    await Promise.race([arrived, new Promise((_, rej) => setTimeout(() => rej(new Error('no NOTIFY within 5 s')), 5000))]);
    assert.deepEqual(got, [{ id: 7, kind: 'understaffed' }]);
    // delivered once locally, and not echoed back to the origin
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(local, [{ id: 7, kind: 'understaffed' }]);
  } finally {
    await stopServices(a.ctx);
    await stopServices(b.ctx);
    await a.app.close();
    await b.app.close();
    await storeB.close();
    await storeA.close();
  }
});

test('two schemas of one database are two deployments: their bridges do not see each other’s messages', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  const storeB = await freshStore('postgres');
  // a second instance of deployment A (same schema) must still get A's messages
  const storeA2 = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const [a, a2, b] = await Promise.all([storeA, storeA2, storeB].map((store) => buildApp({ store, webRoot: null })));
  const stops = [await startPgBridge(a!.ctx), await startPgBridge(a2!.ctx), await startPgBridge(b!.ctx)];
  try {
    const atA2: unknown[] = [];
    const atB: unknown[] = [];
    a2!.ctx.hub.subscribe('alerts', (_t, d) => atA2.push(d));
    b!.ctx.hub.subscribe('alerts', (_t, d) => atB.push(d));
    // a burst (queued on one sender connection, sent in order) and two identical messages (both delivered)
    for (let i = 0; i < 50; i++) a!.ctx.hub.publish('alerts', { i });
    a!.ctx.hub.publish('alerts', { same: true });
    a!.ctx.hub.publish('alerts', { same: true });
    const until = Date.now() + 5000;
    while (atA2.length < 52 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(atA2, [...Array.from({ length: 50 }, (_, i) => ({ i })), { same: true }, { same: true }]);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(atB, [], 'deployment B got nothing of A');
  } finally {
    for (const s of stops) await s();
    for (const x of [a, a2, b]) await x!.app.close();
    await storeA2.close();
    await storeA.close();
    await storeB.close();
  }
});
