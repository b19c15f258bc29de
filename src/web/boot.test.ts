import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ME_PATH, takeEarlyMe } from './boot';
import { contract } from '../contract/index';
import { navItems } from './nav';

test('the early sign-in check (public/boot.js) asks the contract’s GET /api/auth/me; index.html loads it', () => {
  assert.equal(contract.platform.me.method, 'GET');
  assert.equal(ME_PATH, contract.platform.me.path);
  assert.match(readFileSync(new URL('./public/boot.js', import.meta.url), 'utf8'), new RegExp(`fetch\\('${ME_PATH}'`));
  assert.match(readFileSync(new URL('./index.html', import.meta.url), 'utf8'), /<script async src="\/boot\.js"><\/script>/);
});

test('the early answer goes to the first sign-in check only (a later one, after signing in, asks again)', async () => {
  const g = globalThis as { __cfEarlyMe?: unknown };
  const early = Promise.resolve(new Response('{}'));
  g.__cfEarlyMe = early;
  assert.equal(takeEarlyMe(), early);
  assert.equal(takeEarlyMe(), null);
  // the script ran late (after the first check): its answer is never used
  g.__cfEarlyMe = Promise.resolve(new Response('{}', { status: 401 }));
  assert.equal(takeEarlyMe(), null);
});

test('every page of the menu can be fetched ahead of its render (preloadPageOf)', () => {
  for (const n of navItems) assert.equal(typeof n.page.preload, 'function', n.path);
});
