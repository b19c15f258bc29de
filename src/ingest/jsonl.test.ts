import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonl } from './jsonl';
import { aggregateEvents } from '../core/kpi';

test('jsonl: good lines land, bad lines are named with line and field, unknown types counted, ids dedupe', () => {
  const ts = Date.UTC(2024, 0, 1, 9, 0, 0);
  const lines = [
    JSON.stringify({ id: 'e1', ts, type: 'call.enqueued', queue: 'Q', callId: 'c1' }),
    JSON.stringify({ id: 'e2', ts: ts + 8000, type: 'call.connected', queue: 'Q', callId: 'c1', agent: 'a1' }),
    '{not json',
    JSON.stringify({ id: 'e3', ts: 'soon', type: 'call.enqueued', queue: 'Q', callId: 'c2' }),
    JSON.stringify({ id: 'e4', ts, type: 'agent.notReady', agent: 'a2' }),
    JSON.stringify({ id: 'e5', ts, type: 'call.enqueued', queue: 'Q', callId: 'c3', extra: 1 }),
    JSON.stringify({ id: 'e6', ts, type: 'agent.dance', agent: 'a2' }),
    JSON.stringify({ id: 'e1', ts, type: 'call.enqueued', queue: 'Q', callId: 'c1' }),
    '',
    JSON.stringify({ id: 'e7', ts: ts + 9000, type: 'call.ended', queue: 'Q', callId: 'c1' }),
  ].join('\n');
  const r = parseJsonl(lines);
  assert.deepEqual(
    r.events.map((e) => e.id),
    ['e1', 'e2', 'e7'],
  );
  assert.deepEqual(
    r.rejects.map((x) => x.line),
    [3, 4, 5, 6],
  );
  assert.match(r.rejects[0]!.reason, /invalid JSON/);
  assert.match(r.rejects[1]!.reason, /^ts\b/);
  assert.match(r.rejects[2]!.reason, /reason/);
  assert.match(r.rejects[3]!.reason, /extra/);
  assert.deepEqual(r.unknownEvents, { 'agent.dance': 1 });
  assert.equal(r.duplicates, 1);
  const q = aggregateEvents(r.events).queues[0]!;
  assert.deepEqual([q.offered, q.answered, q.waitAnswered, q.answeredWithinSl], [1, 1, 8, 1]);
});
