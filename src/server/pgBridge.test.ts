import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, skipWithoutPostgres } from '../store/testing';
import { openStore } from '../store/db';
import { buildApp } from './app';
import { startServices, stopServices } from './services';

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
