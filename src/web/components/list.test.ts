import { test } from 'node:test';
import assert from 'node:assert/strict';
import { moveBy, numberOf, removeAt, replaceAt, textOf } from './list';

test('list edits: replace, remove and move by one place; a move past an end changes nothing', () => {
  const xs = ['a', 'b', 'c'];
  assert.deepEqual(replaceAt(xs, 1, 'B'), ['a', 'B', 'c']);
  assert.deepEqual(removeAt(xs, 0), ['b', 'c']);
  assert.deepEqual(moveBy(xs, 2, -1), ['a', 'c', 'b']);
  assert.deepEqual(moveBy(xs, 0, 1), ['b', 'a', 'c']);
  assert.deepEqual(moveBy(xs, 0, -1), ['a', 'b', 'c']);
  assert.deepEqual(moveBy(xs, 2, 1), ['a', 'b', 'c']);
  assert.deepEqual(xs, ['a', 'b', 'c'], 'the input list is left as it was');
});

test('a cleared number input is NaN and shows as empty; a number round-trips', () => {
  assert.ok(Number.isNaN(numberOf('  ')));
  assert.equal(numberOf('12.5'), 12.5);
  assert.equal(textOf(NaN), '');
  assert.equal(textOf(null), '');
  assert.equal(textOf(0), '0');
});
