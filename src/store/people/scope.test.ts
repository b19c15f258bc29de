/**
 * The people capability's teams and agents stay inside the caller's scope: their center, their led
 * teams, their own agent. Before, a caller who named no team got the first team of the whole database,
 * which could be another center's.
 */
import assert from 'node:assert/strict';
import { DomainError } from '../../core/errors';
import { createAgent, createCenter, createTeam } from '../org';
import { forEachDatabase } from '../testing';
import { assertAgentInScope, teamInScope, teamsFilter, teamsInScope } from './scope';

const refused = (code: string, reason?: string, field?: string) => (e: unknown) =>
  e instanceof DomainError && e.code === code && (reason === undefined || e.reason === reason) && (field === undefined || e.field === field);

forEachDatabase('people scope: teams and agents of the caller’s center, led teams or own agent only', async (_t, store) => {
  const db = store.db;
  const now = Date.UTC(2026, 10, 1);
  // center A is created first, so its teams hold the lowest ids of the database
  const A = await createCenter(db, 'A', 'Asia/Shanghai', now);
  const B = await createCenter(db, 'B', 'Asia/Shanghai', now);
  const a1 = await createTeam(db, { centerId: A, name: 'a1', leadUserId: null }, now);
  const a2 = await createTeam(db, { centerId: A, name: 'a2', leadUserId: null }, now);
  const b1 = await createTeam(db, { centerId: B, name: 'b1', leadUserId: null }, now);
  const agent = (centerId: number, teamId: number, no: string) =>
    createAgent(db, { centerId, teamId, employeeNo: no, name: no, hireDate: '2025-01-01', skillLevel: '初级' }, now);
  const x = await agent(A, a1, 'x');
  const y = await agent(A, a2, 'y');
  const z = await agent(B, b1, 'z');

  assert.deepEqual(await teamsInScope(db, { kind: 'all', centerId: A }), [a1, a2]);
  assert.deepEqual(await teamsInScope(db, { kind: 'all', centerId: B }), [b1]);
  // a lead's list naming another center's team sees only their teams of this center
  assert.deepEqual(await teamsInScope(db, { kind: 'teams', teamIds: [a2, b1], centerId: A }), [a2]);
  assert.deepEqual(await teamsInScope(db, { kind: 'self', agentId: x, centerId: A }), [a1]);
  assert.deepEqual(await teamsInScope(db, { kind: 'self', agentId: null, centerId: A }), []);
  assert.deepEqual(await teamsInScope(db, { kind: 'self', agentId: z, centerId: A }), []);

  // no team named: the first team of the caller's own center (b1), not of the database (a1)
  assert.equal(await teamInScope(db, { kind: 'all', centerId: B }), b1);
  assert.equal(await teamInScope(db, { kind: 'self', agentId: y, centerId: A }), a2);
  await assert.rejects(teamInScope(db, { kind: 'all', centerId: B }, a1), refused('forbidden', 'people.teamNotVisible'));
  await assert.rejects(teamInScope(db, { kind: 'teams', teamIds: [a1], centerId: A }, a2), refused('forbidden', 'people.teamNotVisible'));
  await assert.rejects(teamInScope(db, { kind: 'teams', teamIds: [], centerId: A }), refused('validation', 'people.noTeam', 'teamId'));
  assert.deepEqual(await teamsFilter(db, { kind: 'teams', teamIds: [a1, a2], centerId: A }, a2), [a2]);
  assert.deepEqual(await teamsFilter(db, { kind: 'teams', teamIds: [a1, a2], centerId: A }), [a1, a2]);

  await assertAgentInScope(db, { kind: 'all', centerId: A }, x);
  await assertAgentInScope(db, { kind: 'teams', teamIds: [a1], centerId: A }, x);
  await assertAgentInScope(db, { kind: 'self', agentId: x, centerId: A }, x);
  await assert.rejects(assertAgentInScope(db, { kind: 'all', centerId: B }, x), refused('forbidden', 'people.agentNotVisible'));
  await assert.rejects(assertAgentInScope(db, { kind: 'teams', teamIds: [a1], centerId: A }, y), refused('forbidden', 'people.agentNotVisible'));
  await assert.rejects(assertAgentInScope(db, { kind: 'self', agentId: x, centerId: A }, y), refused('forbidden'));
  // an agent that does not exist is a bad input naming the field
  await assert.rejects(assertAgentInScope(db, { kind: 'all', centerId: A }, z + 1000, 'id'), refused('validation', undefined, 'id'));
});
