import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoOrg } from './demoOrg';

test('demo org: 10 teams × 20 agents, unique numbers, every role has a user', () => {
  const o = demoOrg();
  assert.equal(o.agents.length, 200);
  assert.equal(new Set(o.agents.map((a) => a.employeeNo)).size, 200);
  assert.equal(new Set(o.agents.map((a) => a.extCode)).size, 200);
  for (let t = 0; t < 10; t++) assert.equal(o.agents.filter((a) => a.team === t).length, 20);
  const roles = new Set(o.users.flatMap((u) => u.roles));
  for (const r of ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent']) assert.ok(roles.has(r), r);
  // tenure spread: some under a year, some over three (targets depend on tenure)
  assert.ok(o.agents.some((a) => a.skillLevel === 'junior') && o.agents.some((a) => a.skillLevel === 'senior'));
});
