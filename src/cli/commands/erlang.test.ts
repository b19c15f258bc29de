import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runErlang } from './erlang';

const BIN = fileURLToPath(new URL('../../../bin/callfloor.mjs', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, 'erlang', ...args], { encoding: 'utf8' });

// Independent Erlang C by the textbook sum: C = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)),
// computed with plain factorials (fine for these small N), SL = 1 − C·e^{−(N−A)T/AHT}, ASA = C·AHT/(N−A).
function textbook(calls: number, periodS: number, ahtS: number, n: number, t: number) {
  const a = (calls * ahtS) / periodS;
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** n / (fact * n)) * (n / (n - a));
  const c = top / (sum + top);
  return { c, sl: 1 - c * Math.exp((-(n - a) * t) / ahtS), asa: (c * ahtS) / (n - a), occ: a / n };
}

// Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
// (callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30 min, AHT 180 s, 80 % in 20 s
// → 14 agents (SL 88.84 %, P(wait) 17.41 %, occupancy 71.43 %), with 30 % shrinkage 20 to roster.
test('erlang CLI: the Call Centre Helper worked example, --json', () => {
  const r = cli('--calls', '100', '--period-s', '1800', '--aht-s', '180', '--target-sl', '0.8', '--threshold-s', '20', '--shrinkage', '0.3', '--json');
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.agents, 14);
  assert.equal(out.scheduledHeads, 20);
  const tb = textbook(100, 1800, 180, 14, 20);
  assert.ok(Math.abs(out.serviceLevel - 0.8884) < 5e-5 && Math.abs(out.serviceLevel - tb.sl) < 1e-9);
  assert.ok(Math.abs(out.probWait - 0.1741) < 5e-5 && Math.abs(out.probWait - tb.c) < 1e-9);
  assert.ok(Math.abs(out.asa - tb.asa) < 1e-9);
  assert.ok(Math.abs(out.occupancy - 10 / 14) < 1e-12);
  // 13 agents miss the target, so 14 is the minimum
  assert.ok(textbook(100, 1800, 180, 13, 20).sl < 0.8);
  assert.equal('probAbandon' in out, false);
});

test('erlang CLI: impossible targets exit 1 with the flag named', () => {
  const r = cli('--calls', '100', '--aht-s', '180', '--target-sl', '1', '--threshold-s', '0');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /--target-sl: .*100 % in 0 s/);
  const cap = cli('--calls', '100', '--aht-s', '180', '--target-sl', '0.8', '--max-agents', '9');
  assert.equal(cap.status, 1);
  assert.match(cap.stderr, /--max-agents: .*9 agents/);
});

test('erlang flags: negative and non-numeric values name the flag', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ calls: '-5', ahtS: '180', targetSl: '0.8' }, /^--calls: must be >= 0/],
    [{ calls: '100', ahtS: '-1', targetSl: '0.8' }, /^--aht-s: /],
    [{ calls: '100', ahtS: '180', targetSl: '0.8', periodS: 'abc' }, /^--period-s: must be a number/],
    [{ calls: '100', ahtS: '180', targetSl: '1.2' }, /^--target-sl: must be <= 1/],
    [{ calls: '100', ahtS: '180', targetSl: '0.8', shrinkage: '1' }, /^--shrinkage: must be below 1/],
    [{ calls: '100', ahtS: '180', targetSl: '0.8', thresholdS: '-3' }, /^--threshold-s: /],
    [{ calls: '100', ahtS: '180', targetAsa: '0' }, /^--target-asa: .*0 s is impossible/],
    [{ calls: '100', ahtS: '180', targetSl: '0.8', patienceS: '0' }, /^--patience-s: /],
    [{ calls: '100', ahtS: '180' }, /^--target-sl: give a target/],
  ];
  for (const [f, re] of cases) {
    const r = runErlang(f);
    assert.equal(r.ok, false, JSON.stringify(f));
    assert.match((r as { message: string }).message, re);
  }
});

test('erlang flags: ASA and occupancy targets; Erlang A with patience', () => {
  // occupancy <= 0.7 with A = 10 Erlangs → N >= 10 / 0.7 = 14.29 → 15
  const occ = runErlang({ calls: '100', ahtS: '180', maxOccupancy: '0.7' });
  assert.ok(occ.ok && occ.result.agents === 15);
  // ASA <= 10 s: smallest N with textbook ASA <= 10
  let n = 11;
  while (textbook(100, 1800, 180, n, 20).asa > 10) n++;
  const asa = runErlang({ calls: '100', ahtS: '180', targetAsa: '10' });
  assert.ok(asa.ok && asa.result.agents === n);
  // Erlang A: abandonment can only help, so no more agents than Erlang C; probAbandon reported and
  // below P(wait).
  const a = runErlang({ calls: '100', ahtS: '180', targetSl: '0.8', patienceS: '120' });
  assert.ok(a.ok && a.result.agents <= 14 && a.result.probAbandon! > 0 && a.result.probAbandon! < a.result.probWait);
});
