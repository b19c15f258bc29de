import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scryptSync } from 'node:crypto';
import { hashPassword, verifyPassword } from './password';

test('scrypt hash verifies the right password only, salts differ', async () => {
  const h1 = await hashPassword('坐席密码123');
  const h2 = await hashPassword('坐席密码123');
  assert.notEqual(h1, h2);
  assert.ok(await verifyPassword('坐席密码123', h1));
  assert.ok(!(await verifyPassword('坐席密码124', h1)));
  assert.ok(!(await verifyPassword('x', 'garbage')));
  // independent check of the stored format: recompute with node's scrypt directly
  const [, n, r, p, salt, key] = h1.split('$');
  const again = scryptSync('坐席密码123', Buffer.from(salt, 'base64'), 32, { N: +n, r: +r, p: +p, maxmem: 256 * 1024 * 1024 });
  assert.equal(again.toString('base64'), key);
});
