import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { zodToError } from './validation';

const fail = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  assert.ok(!r.success, 'the value must be refused');
  return zodToError(r.error, 'body');
};

test('a generic refusal carries a stable reason and its bound, and names the field by its path', () => {
  const form = z.object({ name: z.string().min(2).max(4), weight: z.number().min(0).max(1), kind: z.enum(['a', 'b']), items: z.array(z.string()).min(1) });
  const ok = { name: 'abc', weight: 0.5, kind: 'a', items: ['x'] };
  assert.deepEqual(pick(fail(form, { ...ok, name: 'a' })), { field: 'body.name', reason: 'input.tooSmallLength', params: { minimum: 2, field: 'body.name' } });
  assert.deepEqual(pick(fail(form, { ...ok, name: 'abcde' })), {
    field: 'body.name',
    reason: 'input.tooBigLength',
    params: { maximum: 4, field: 'body.name' },
  });
  assert.deepEqual(pick(fail(form, { ...ok, weight: 2 })), { field: 'body.weight', reason: 'input.tooBig', params: { maximum: 1, field: 'body.weight' } });
  assert.deepEqual(pick(fail(form, { ...ok, kind: 'c' })), {
    field: 'body.kind',
    reason: 'input.invalidOption',
    params: { options: 'a / b', field: 'body.kind' },
  });
  assert.deepEqual(pick(fail(form, { ...ok, items: [] })), { field: 'body.items', reason: 'input.tooSmallCount', params: { minimum: 1, field: 'body.items' } });
  const { name: _omit, ...noName } = ok;
  assert.equal(fail(form, noName).reason, 'input.required');
  assert.equal(fail(form, { ...ok, weight: 'x' }).reason, 'input.invalidType');
});

test("a shared atom's own reason wins over the generic one", () => {
  const atom = z.string().superRefine((v, ctx) => ctx.addIssue({ code: 'custom', message: 'bad', params: { reason: 'input.badDate', value: v } }));
  const e = fail(z.object({ day: atom }), { day: 'x' });
  assert.equal(e.reason, 'input.badDate');
  assert.deepEqual(e.params, { value: 'x', field: 'body.day' });
});

function pick(e: ReturnType<typeof zodToError>) {
  return { field: e.field, reason: e.reason, params: e.params };
}
