import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueCallbacks, followUpCallback, recordAttempt, type CallbackItem } from './callbacks';
import { applyTransition, createWorkOrder, type Actor } from './workflow';

const item: CallbackItem = { orderId: 'cb1', customerId: 'c1', phone: '13800000000', assignee: 'a1', attempts: [], status: 'open', followUp: false };
const att = (at: string, outcome: Parameters<typeof recordAttempt>[1]['outcome']) => ({ at, agentId: 'a1', outcome, note: '' });

test('callback retries: spacing 30 min, 2 h, then failed after 3 attempts', () => {
  const r1 = recordAttempt(item, att('2026-03-01T09:00:00.000Z', 'no_answer'));
  assert.ok(r1.ok);
  assert.deepEqual([r1.item.status, r1.item.nextAttemptAt, r1.transition], ['open', '2026-03-01T09:30:00.000Z', null]);
  const r2 = recordAttempt(r1.item, att('2026-03-01T09:31:00.000Z', 'busy'));
  assert.ok(r2.ok);
  assert.equal(r2.item.nextAttemptAt, '2026-03-01T11:31:00.000Z');
  const r3 = recordAttempt(r2.item, att('2026-03-01T11:40:00.000Z', 'no_answer'));
  assert.ok(r3.ok);
  assert.deepEqual([r3.item.status, r3.item.nextAttemptAt, r3.transition, r3.item.attempts.length], ['failed', undefined, 'give_up', 3]);
  const r4 = recordAttempt(r3.item, att('2026-03-01T12:00:00.000Z', 'no_answer'));
  assert.ok(!r4.ok);
});

test('callback outcomes: reached ends it (unsatisfied flags a follow-up), wrong number fails at once', () => {
  const ok = recordAttempt(item, att('2026-03-01T09:00:00.000Z', 'reached_unsatisfied'));
  assert.ok(ok.ok);
  assert.deepEqual([ok.item.status, ok.item.followUp, ok.transition], ['done', true, 'complete']);
  const wrong = recordAttempt(item, att('2026-03-01T09:00:00.000Z', 'wrong_number'));
  assert.ok(wrong.ok);
  assert.deepEqual([wrong.item.status, wrong.transition], ['failed', 'give_up']);
  const back = recordAttempt({ ...item, attempts: [att('2026-03-01T10:00:00.000Z', 'busy')] }, att('2026-03-01T09:00:00.000Z', 'busy'));
  assert.ok(!back.ok);
});

test('due callbacks for an agent, earliest first', () => {
  const items: CallbackItem[] = [
    { ...item, orderId: 'x', nextAttemptAt: '2026-03-01T10:00:00.000Z' },
    { ...item, orderId: 'y' },
    { ...item, orderId: 'z', nextAttemptAt: '2026-03-01T12:00:00.000Z' },
    { ...item, orderId: 'w', assignee: 'a2' },
    { ...item, orderId: 'v', status: 'done' },
  ];
  assert.deepEqual(
    dueCallbacks(items, '2026-03-01T11:00:00.000Z', 'a1').map((i) => i.orderId),
    ['y', 'x'],
  );
  assert.deepEqual(
    dueCallbacks(items, '2026-03-01T12:00:00.000Z').map((i) => i.orderId),
    ['w', 'y', 'x', 'z'],
  );
});

test('field dispatch: sent, accepted, on site, done, then a callback order', () => {
  const agent: Actor = { id: 'a1', roles: ['agent'] };
  const crew: Actor = { id: 'crew9', roles: ['field_crew'] };
  const c = createWorkOrder(
    {
      id: 'D1',
      type: 'dispatch',
      priority: 'urgent',
      category: '報修',
      title: '燃氣表漏氣',
      customerId: 'c1',
      dispatch: { address: '某市某路1號', appointmentFrom: '2026-03-01T10:00:00.000Z', appointmentTo: '2026-03-01T12:00:00.000Z' },
    },
    agent,
    '2026-03-01T09:00:00.000Z',
  );
  assert.ok(c.ok);
  let o = c.value;
  assert.equal(followUpCallback(o, 'CB1'), null);
  for (const [name, actor, at, note] of [
    ['send', agent, '2026-03-01T09:01:00.000Z', ''],
    ['accept', crew, '2026-03-01T09:05:00.000Z', ''],
    ['arrive', crew, '2026-03-01T09:40:00.000Z', ''],
    ['complete', crew, '2026-03-01T10:30:00.000Z', '更換閥門'],
  ] as const) {
    const r = applyTransition(o, name, actor, at, note);
    assert.ok(r.ok, name);
    o = r.value.order;
  }
  assert.equal(o.state, 'done');
  assert.deepEqual(followUpCallback(o, 'CB1'), {
    id: 'CB1',
    type: 'callback',
    priority: 'urgent',
    category: '派工回訪',
    title: '回訪: 燃氣表漏氣',
    parentId: 'D1',
    customerId: 'c1',
  });
  const cb = createWorkOrder(followUpCallback(o, 'CB1')!, agent, '2026-03-01T10:31:00.000Z');
  assert.ok(cb.ok && cb.value.state === 'pending');
});
