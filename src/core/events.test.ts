import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collisionId, derivedIdCollides, EVENT_TYPES, eventSchema, hasDerivedId, validateEvent } from './events';

/** validateEvent has a fast path for valid events: it must accept exactly what the zod schema accepts. */
test('validateEvent agrees with the schema on valid, invalid and odd values', () => {
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const strs = ['a', '1001', 'general', '', ' ', 'break'];
  const nums = [0, 1, 1.5, -1, 1e15, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, 1767225600000];
  const values = [...strs, ...nums, null, undefined, true, [], {}];
  const fields = ['id', 'ts', 'type', 'queue', 'agent', 'callId', 'reason', 'waitS', 'target', 'extra'];
  const types = [...EVENT_TYPES, 'agent.dance', 'call', 1];
  let accepted = 0;
  for (let i = 0; i < 20_000; i++) {
    // mostly plausible events, with a field or two changed, dropped or added
    const o: Record<string, unknown> = { id: `e${i}`, ts: 1767225600000 + i, type: pick(types) };
    if (rnd() < 0.8) o.queue = pick(['general', 'vip']);
    if (rnd() < 0.7) o.agent = pick(['1001', '1002']);
    if (rnd() < 0.8) o.callId = `c${i % 50}`;
    if (rnd() < 0.4) o.reason = 'break';
    if (rnd() < 0.4) o.waitS = pick([0, 3.5, 20]);
    if (rnd() < 0.1) o.target = pick(['ext', '']);
    for (let k = Math.floor(rnd() * 3); k > 0; k--) {
      const f = pick(fields);
      if (rnd() < 0.3) delete o[f];
      else o[f] = pick(values);
    }
    const mine = validateEvent(o);
    const zod = eventSchema.safeParse(o);
    assert.equal(mine.ok, zod.success, JSON.stringify(o));
    if (mine.ok && zod.success) {
      accepted++;
      assert.deepEqual({ ...mine.event }, zod.data, JSON.stringify(o));
    }
  }
  assert.ok(accepted > 2000, `enough valid cases (${accepted})`);
  for (const odd of [null, 1, 'x', [], Object.create(null), new Date()]) assert.equal(validateEvent(odd).ok, eventSchema.safeParse(odd).success);
});

test('derived ids: which ids are ours, when a taken one is another record, and the next id to try', () => {
  assert.equal(hasDerivedId('ql:g2ny0g64abs:call'), true);
  assert.equal(hasDerivedId('esl:abc:answer'), true);
  assert.equal(hasDerivedId('wh:their-id'), false); // a sender's own id: its re-send is a re-send
  assert.equal(hasDerivedId('sim-1'), false);

  // a call's event: the same call and queue is the same record (the time is not compared)
  assert.equal(derivedIdCollides({ callId: 'c1', queue: 'q2', agent: '1084' }, { callId: 'c1', queue: 'q2', agent: '1084' }), false);
  assert.equal(derivedIdCollides({ callId: 'c1', queue: 'q2' }, { callId: 'c2', queue: 'q0' }), true);
  assert.equal(derivedIdCollides({ callId: 'c1', queue: 'q2' }, { callId: 'c1', queue: 'q0' }), true);
  // stored nulls and absent fields are alike
  assert.equal(derivedIdCollides({ callId: null, queue: null, agent: 'a1' } as never, { agent: 'a1' }), false);
  // an agent's event: by its agent
  assert.equal(derivedIdCollides({ agent: '1084' }, { agent: '1085' }), true);
  assert.equal(derivedIdCollides({ agent: '1084' }, { callId: 'c1', agent: '1084' }), true);

  assert.equal(collisionId('ql:x:call'), 'ql:x:call~2');
  assert.equal(collisionId('ql:x:call~2'), 'ql:x:call~3');
  assert.equal(collisionId('ql:x:call~9'), 'ql:x:call~10');
});
