import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRole, ROLES } from './roles';

test('isRole accepts the nine DESIGN.md roles and nothing else', () => {
  assert.equal(ROLES.length, 9);
  assert.ok(isRole('team_lead'));
  assert.ok(!isRole('root'));
});
