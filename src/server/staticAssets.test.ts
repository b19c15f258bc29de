/**
 * How the server sends the web app (issue 16): built assets compressed once at build time are sent as
 * they are (brotli or gzip, as the browser accepts), hashed assets are cached for a year, index.html is
 * revalidated, large API answers are compressed, and a clone without a built web app says how to build it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { openStore, migrate } from '../store/db';
import { buildApp } from './app';

async function appWith(webRoot: string | null) {
  const store = await openStore({ file: ':memory:' });
  await migrate(store);
  const { app } = await buildApp({ store, webRoot });
  return { app, close: async () => (await app.close(), await store.close()) };
}

test('built assets go out precompressed and hashed ones are cached for a year', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cf-web-'));
  try {
    mkdirSync(join(root, 'assets'));
    const js = 'export const greeting = "你好";\n'.repeat(200);
    writeFileSync(join(root, 'assets', 'index-abc123.js'), js);
    writeFileSync(join(root, 'assets', 'index-abc123.js.br'), brotliCompressSync(Buffer.from(js)));
    writeFileSync(join(root, 'assets', 'index-abc123.js.gz'), gzipSync(Buffer.from(js)));
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    const { app, close } = await appWith(root);
    try {
      const br = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'br, gzip' } });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), js);
      assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');

      const gz = await app.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString(), js);

      const plain = await app.inject({ url: '/assets/index-abc123.js' });
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.equal(plain.body, js);

      // the SPA's entry and its client-side routes are revalidated, so a new build is picked up at once
      for (const url of ['/', '/wfm/schedule']) {
        const page = await app.inject({ url });
        assert.equal(page.statusCode, 200, url);
        assert.match(page.body, /id="root"/);
        assert.equal(page.headers['cache-control'], 'no-cache', url);
      }
    } finally {
      await close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a large API answer is compressed when the client accepts it, a small one is not', async () => {
  const { app, close } = await appWith(null);
  try {
    const docs = await app.inject({ url: '/api/docs', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(docs.statusCode, 200);
    assert.equal(docs.headers['content-encoding'], 'gzip');
    const doc = JSON.parse(gunzipSync(docs.rawPayload).toString());
    assert.ok(Object.keys(doc.paths).length > 50);
    const raw = await app.inject({ url: '/api/docs' });
    assert.ok(docs.rawPayload.length < raw.rawPayload.length / 3, `${docs.rawPayload.length} vs ${raw.rawPayload.length}`);

    const small = await app.inject({ url: '/api/health', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(small.headers['content-encoding'], undefined);
  } finally {
    await close();
  }
});

test('without a built web app, / says how to build it in three languages and the API still answers', async () => {
  const { app, close } = await appWith(null);
  try {
    const home = await app.inject({ url: '/' });
    assert.equal(home.statusCode, 503);
    assert.match(home.headers['content-type'] as string, /text\/html/);
    for (const words of ['npm run build:web', '网页界面尚未构建', '網頁介面尚未建置', 'has not been built']) assert.ok(home.body.includes(words), words);
    const api = await app.inject({ url: '/api/nothing-here' });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().error, 'not_found');
  } finally {
    await close();
  }
});
