import assert from 'node:assert/strict';
import { test } from 'node:test';
import { liveStateSegments } from './liveStates';

test('live state segments: states named for adherence, clipped, repeated states merged', () => {
  const segs = liveStateSegments(
    '7',
    [
      { ts: 0, type: 'agent.login' },
      { ts: 0, type: 'agent.ready' },
      { ts: 10, type: 'agent.login' }, // already logged in: ignored
      { ts: 20, type: 'agent.talking' },
      { ts: 30, type: 'agent.notReady', reason: 'break' },
      { ts: 40, type: 'agent.notReady', reason: 'break' },
      { ts: 50, type: 'agent.logout' },
      { ts: 60, type: 'agent.login' },
    ],
    5,
    70,
  );
  assert.deepEqual(segs, [
    { agentId: '7', start: 5, end: 20, state: 'available' },
    { agentId: '7', start: 20, end: 30, state: 'talk' },
    { agentId: '7', start: 30, end: 50, state: 'notReady:break' },
    { agentId: '7', start: 50, end: 60, state: 'loggedOut' },
    { agentId: '7', start: 60, end: 70, state: 'available' },
  ]);
});
