import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ME_PATH } from './boot';
import { contract } from '../contract/index';
import { navItems } from './nav';

test('the early sign-in check asks the contract’s GET /api/auth/me', () => {
  assert.equal(contract.platform.me.method, 'GET');
  assert.equal(ME_PATH, contract.platform.me.path);
});

test('every page of the menu can be fetched ahead of its render (preloadPageOf)', () => {
  for (const n of navItems) assert.equal(typeof n.page.preload, 'function', n.path);
});
