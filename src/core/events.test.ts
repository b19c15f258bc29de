import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES, eventSchema, validateEvent } from './events';

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
