import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adherenceState, outOfAdherenceNow, overGrace } from './rta';

const T = Date.UTC(2027, 0, 4, 2); // 10:00 in UTC+8
const M = 60_000;
// agent 1: phone 09:00–10:00, break 10:00–10:15, phone 10:15–17:00; agent 2: phone all day; agent 3 no shift
const acts = [
  { agentId: 1, kind: 'phone', start: T - 60 * M, end: T },
  { agentId: 1, kind: 'break', start: T, end: T + 15 * M },
  { agentId: 1, kind: 'phone', start: T + 15 * M, end: T + 420 * M },
  { agentId: 2, kind: 'phone', start: T - 60 * M, end: T + 420 * M },
];

test('the floor state is named as the adherence mapping names it', () => {
  assert.equal(adherenceState('ready'), 'available');
  assert.equal(adherenceState('talking'), 'talk');
  assert.equal(adherenceState('notReady', 'break'), 'notReady:break');
  assert.equal(adherenceState('notReady', null), 'notReady:other');
});

test('out of adherence since the later of the state change and the activity start; unscheduled agents are not judged', () => {
  const agents = [
    // still talking at 10:04 though the break began at 10:00: out since 10:00 (the talk began 09:50)
    { agentId: 1, code: '8001', state: 'talking', since: T - 10 * M },
    // on a break since 10:02 while scheduled on the phones: out since 10:02
    { agentId: 2, code: '8002', state: 'notReady', reason: 'break', since: T + 2 * M },
    { agentId: 3, code: '8003', state: 'notReady', reason: 'break', since: T - 5 * M },
  ];
  const now = T + 4 * M;
  const out = outOfAdherenceNow(now, acts, agents);
  assert.deepEqual(
    out.map((o) => [o.code, o.scheduled, o.state, (o.since - T) / M]),
    [
      ['8001', 'break', 'talk', 0],
      ['8002', 'phone', 'notReady:break', 2],
    ],
  );
  // grace 3 min at 10:04: 8001 is 4 min out (alert), 8002 2 min (not yet)
  assert.deepEqual(
    overGrace(out, now, 3).map((o) => o.code),
    ['8001'],
  );
  // at 10:05 both are over 3 min
  assert.equal(overGrace(out, T + 5 * M, 3).length, 2);
});

test('back in adherence: no longer listed', () => {
  const out = outOfAdherenceNow(T + 6 * M, acts, [{ agentId: 1, code: '8001', state: 'notReady', reason: 'break', since: T + 5 * M }]);
  assert.deepEqual(out, []);
});
