import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareAgentCodes } from './agentCodes';

test('agent codes: numbers by value, letters without case, code point only between otherwise equal codes', () => {
  const codes = ['A10', 'a2', 'B1', 'A2', '1000', 'a1', '999', 'A01', 'A1', '007', '7', 'A', 'A0'];
  // by hand: the numbers (7 = 007, then 999, 1000), then A, A0, A01 = A1 = a1, A2 = a2, A10, B1
  assert.deepEqual([...codes].sort(compareAgentCodes), ['007', '7', '999', '1000', 'A', 'A0', 'A01', 'A1', 'a1', 'A2', 'a2', 'A10', 'B1']);
});

test('agent codes: the same order as the numeric, case-blind collator wherever it tells two codes apart (random codes)', () => {
  // a second method: Intl.Collator with numeric digits and base sensitivity, on 3,000 random pairs
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const alphabet = 'aAbB0123456789';
  const code = () => Array.from({ length: 1 + rnd(5) }, () => alphabet[rnd(alphabet.length)]).join('');
  let compared = 0;
  for (let k = 0; k < 3000; k++) {
    const [a, b] = [code(), code()];
    const c = collator.compare(a, b);
    if (c === 0) continue;
    compared++;
    assert.equal(Math.sign(compareAgentCodes(a, b)), Math.sign(c), `${a} vs ${b}`);
    assert.equal(Math.sign(compareAgentCodes(b, a)), -Math.sign(c), `${b} vs ${a}`);
  }
  assert.ok(compared > 2000, `pairs the collator told apart: ${compared}`);
});

test('agent codes: a total order (equal only to itself)', () => {
  for (const [a, b] of [
    ['A1', 'a1'],
    ['A01', 'A1'],
    ['0', '00'],
  ])
    assert.ok(compareAgentCodes(a!, b!) !== 0 && Math.sign(compareAgentCodes(a!, b!)) === -Math.sign(compareAgentCodes(b!, a!)), `${a} / ${b}`);
  assert.equal(compareAgentCodes('A1', 'A1'), 0);
});
