import { test } from 'node:test';
import assert from 'node:assert/strict';
import { erlangA, erlangB, erlangC, ErlangInputError, requiredAgents, scheduledHeads } from './erlang';

const near = (actual: number, expected: number, tol: number, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} expected ${expected} ± ${tol}, got ${actual}`);

// Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example"
// (callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30 min, AHT 180 s,
// target 80 % in 20 s. Traffic 10 Erlangs; with 14 agents the article gives
// P(wait) = 17.41 %, service level 88.84 %, ASA ≈ 7.8 s, immediate answer 82.59 %,
// occupancy 71.43 %, and with 30 % shrinkage 20 agents to roster.
// (13 agents: P(wait) 28.53 %, SL 79.56 % < 80 %, so 14 is the minimum.)
test('Call Centre Helper worked example: 100 calls / 30 min, AHT 180 s, 80/20', () => {
  const m = erlangC({ calls: 100, periodS: 1800, ahtS: 180, agents: 14, thresholdS: 20 });
  near(m.trafficErlangs, 10, 1e-12, 'A');
  near(m.probWait, 0.1741, 5e-5, 'Pw');
  near(m.serviceLevel, 0.8884, 5e-5, 'SL');
  near(m.asa, 7.8, 0.05, 'ASA');
  near(1 - m.probWait, 0.8259, 5e-5, 'immediate answer');
  near(m.occupancy, 0.7143, 5e-5, 'occupancy');
  const m13 = erlangC({ calls: 100, periodS: 1800, ahtS: 180, agents: 13, thresholdS: 20 });
  near(m13.serviceLevel, 0.7956, 5e-5, 'SL13');
  const r = requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }], shrinkage: 0.3 });
  assert.equal(r.agents, 14);
  assert.equal(r.scheduledHeads, 20);
  assert.equal(r.model, 'erlangC');
});

// M/M/1 and M/M/2 closed forms (any queueing textbook, e.g. Kleinrock, Queueing Systems vol. 1):
// M/M/1: P(wait) = ρ, mean wait = ρ/(μ − λ), P(W > t) = ρ·e^{−(μ−λ)t}.
// M/M/2: P(wait) = 2ρ²/(1 + ρ), ρ = λ/(2μ).
test('M/M/1 and M/M/2 closed forms', () => {
  // λ = 18/1800 = 0.01/s, AHT 50 s → μ = 0.02, ρ = 0.5
  const m1 = erlangC({ calls: 18, periodS: 1800, ahtS: 50, agents: 1, thresholdS: 30 });
  near(m1.probWait, 0.5, 1e-12);
  near(m1.asa, 0.5 / (0.02 - 0.01), 1e-9); // 50 s
  near(m1.serviceLevel, 1 - 0.5 * Math.exp(-0.01 * 30), 1e-12);
  // A = 1 Erlang on 2 agents → ρ = 0.5 → P(wait) = 2·0.25/1.5 = 1/3
  const m2 = erlangC({ calls: 36, periodS: 3600, ahtS: 100, agents: 2 });
  near(m2.probWait, 1 / 3, 1e-12);
  near(erlangB(1, 1), 0.5, 1e-15); // B(1, A) = A/(1 + A)
  near(erlangB(2, 1), 0.2, 1e-15); // (1/2)/(1 + 1 + 1/2)
});

// Textbook Erlang C as the naive sum Σ A^k/k! (the form printed in the Westbay "Erlang-C formula"
// page: 360 calls per half hour, 4 min per call, 55 agents, 15 s target), computed here by term
// products: an independent route from the code's Erlang B recursion.
test('Westbay example agrees with the textbook sum formula', () => {
  const A = (360 * 240) / 1800; // 48 Erlangs
  const N = 55;
  let term = 1;
  let sum = 0;
  for (let k = 0; k < N; k++) {
    sum += term;
    term *= A / (k + 1);
  }
  const top = term * (N / (N - A)); // term is now A^N/N!
  const pw = top / (sum + top);
  const sl = 1 - pw * Math.exp((-(N - A) * 15) / 240);
  const asa = (pw * 240) / (N - A);
  const m = erlangC({ calls: 360, periodS: 1800, ahtS: 240, agents: N, thresholdS: 15 });
  near(m.trafficErlangs, 48, 1e-12);
  near(m.occupancy, 48 / 55, 1e-12);
  near(m.probWait, pw, 1e-12);
  near(m.serviceLevel, sl, 1e-12);
  near(m.asa, asa, 1e-9);
});

// Halfin–Whitt (1981) heavy-traffic approximation: with N = A + β√A,
// P(wait) ≈ [1 + β·Φ(β)/φ(β)]^{-1}. Checks the code at 20,000 calls/hour and ~1,700 agents.
test('stable at 20,000 calls/hour: matches the Halfin–Whitt limit, no overflow', () => {
  const calls = 20000;
  const aht = 300;
  const A = (calls * aht) / 3600; // 1666.67 Erlangs
  const beta = 1;
  const N = Math.round(A + beta * Math.sqrt(A));
  const b = (N - A) / Math.sqrt(A);
  const phi = Math.exp((-b * b) / 2) / Math.sqrt(2 * Math.PI);
  // Φ via erf series (Abramowitz–Stegun 7.1.26)
  const z = b / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  const Phi = 0.5 * (1 + erf);
  const hw = 1 / (1 + (b * Phi) / phi);
  const m = erlangC({ calls, periodS: 3600, ahtS: aht, agents: N, thresholdS: 20 });
  near(m.probWait, hw, 0.01, 'Halfin-Whitt');
  const r = requiredAgents({ calls, periodS: 3600, ahtS: aht, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }] });
  assert.ok(r.agents > A && r.agents < A + 3 * Math.sqrt(A), `agents ${r.agents}`);
  assert.ok(r.serviceLevel >= 0.8);
  const below = erlangC({ calls, periodS: 3600, ahtS: aht, agents: r.agents - 1, thresholdS: 20 });
  assert.ok(below.serviceLevel < 0.8);
  // Erlang A at the same scale
  const ra = requiredAgents({ calls, periodS: 3600, ahtS: aht, patienceS: 120, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }] });
  // With abandonment the centre can run below the load; answered-within-T can never exceed answered.
  assert.ok(Number.isFinite(ra.serviceLevel) && ra.agents < r.agents && ra.agents > A / 2, `agents ${ra.agents}`);
  assert.ok(ra.serviceLevel >= 0.8 && ra.serviceLevel <= 1 - ra.probAbandon + 1e-12);
});

test('ASA and occupancy targets, all targets combined', () => {
  // ASA <= 10 s: from the CCH numbers, 13 agents give ASA 17.1 s, 14 give 7.8 s → 14.
  const asa = requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'asa', targetS: 10 }] });
  assert.equal(asa.agents, 14);
  // occupancy <= 0.7 with A = 10 → N >= 10/0.7 = 14.29 → 15
  const occ = requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'occupancy', max: 0.7 }] });
  assert.equal(occ.agents, 15);
  const both = requiredAgents({
    calls: 100,
    periodS: 1800,
    ahtS: 180,
    targets: [
      { kind: 'serviceLevel', target: 0.8, thresholdS: 20 },
      { kind: 'occupancy', max: 0.7 },
    ],
  });
  assert.equal(both.agents, 15);
  assert.equal(scheduledHeads(15, 0.25), 20);
  const none = requiredAgents({ calls: 0, periodS: 900, ahtS: 180, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }] });
  assert.equal(none.agents, 0);
});

test('clear errors naming the field', () => {
  const thrown = (fn: () => unknown, field: string) =>
    assert.throws(fn, (e: unknown) => e instanceof ErlangInputError && e.field.startsWith(field) && e.message.includes(field));
  thrown(() => requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'serviceLevel', target: 1, thresholdS: 0 }] }), 'targets[0].target');
  thrown(() => requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'asa', targetS: 0 }] }), 'targets[0].targetS');
  thrown(() => requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [] }), 'targets');
  thrown(() => erlangC({ calls: -1, periodS: 1800, ahtS: 180, agents: 3 }), 'calls');
  thrown(() => erlangC({ calls: 10, periodS: 0, ahtS: 180, agents: 3 }), 'periodS');
  thrown(() => erlangC({ calls: 10, periodS: 1800, ahtS: 180, agents: 0 }), 'agents');
  thrown(() => erlangC({ calls: 100, periodS: 1800, ahtS: 180, agents: 10 }), 'agents'); // load 10 = agents
  thrown(() => erlangC({ calls: 100, periodS: 1800, ahtS: 180, agents: 2.5 }), 'agents');
  thrown(() => erlangA({ calls: 100, periodS: 1800, ahtS: 180, agents: 10, patienceS: 0 }), 'patienceS');
  thrown(() => requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, shrinkage: 1, targets: [{ kind: 'asa', targetS: 5 }] }), 'shrinkage');
  thrown(
    () => requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, maxAgents: 12, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }] }),
    'targets',
  );
});

test('Erlang A tends to Erlang C as patience grows', () => {
  const base = { calls: 100, periodS: 1800, ahtS: 180, agents: 14, thresholdS: 20 };
  const c = erlangC(base);
  const a = erlangA({ ...base, patienceS: 1e8 });
  near(a.probWait, c.probWait, 1e-4);
  near(a.serviceLevel, c.serviceLevel, 1e-4);
  near(a.asa, c.asa, 1e-2);
  assert.ok(a.probAbandon < 1e-5);
  assert.deepEqual(erlangA({ ...base, patienceS: Infinity }), c);
  // Less patience → more abandonment, shorter waits for those answered, better SL.
  const a60 = erlangA({ ...base, patienceS: 60 });
  assert.ok(a60.probAbandon > 0.01 && a60.asa < c.asa && a60.serviceLevel > c.serviceLevel);
  // Erlang A is defined with fewer agents than the load (overloaded but stable).
  const over = erlangA({ ...base, agents: 8, patienceS: 60 });
  assert.ok(over.probAbandon > 0.2 && over.occupancy < 1 && over.occupancy > 0.9);
});

// Independent check: a truncated birth–death chain for M/M/N+M solved by Gaussian elimination on
// the generator; service level and ASA from integrating the tagged caller's position ODE with RK4.
test('Erlang A matches a directly solved birth–death chain', () => {
  checkAgainstChain({ N: 3, lambda: 1 / 20, aht: 50, patience: 40, T: 15 });
  // impatient callers and a long threshold: X = 1 − e^(−γT) ≈ 0.9995, the other end of the closed form
  checkAgainstChain({ N: 2, lambda: 1 / 10, aht: 40, patience: 8, T: 60 });
});

function checkAgainstChain({ N, lambda, aht, patience, T }: { N: number; lambda: number; aht: number; patience: number; T: number }) {
  const mu = 1 / aht;
  const gamma = 1 / patience;
  const S = 80; // truncation
  // generator Q, solve πQ = 0, Σπ = 1 (replace last equation by normalisation)
  const M: number[][] = Array.from({ length: S + 1 }, () => new Array(S + 2).fill(0));
  const rateUp = (n: number) => (n < S ? lambda : 0);
  const rateDown = (n: number) => Math.min(n, N) * mu + Math.max(0, n - N) * gamma;
  // equations: for each column j: Σ_i π_i Q_ij = 0 → row j of M
  for (let j = 0; j <= S; j++) {
    if (j > 0) M[j]![j - 1] = rateUp(j - 1);
    M[j]![j] = -(rateUp(j) + rateDown(j));
    if (j < S) M[j]![j + 1] = rateDown(j + 1);
  }
  for (let i = 0; i <= S; i++) M[S]![i] = 1;
  M[S]![S + 1] = 1;
  // Gaussian elimination with partial pivoting
  for (let c = 0; c <= S; c++) {
    let p = c;
    for (let r = c + 1; r <= S; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    for (let r = 0; r <= S; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / M[c]![c]!;
      if (f !== 0) for (let k = c; k <= S + 1; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const pi = M.map((row, i) => row[S + 1]! / row[i]!);
  let pw = 0;
  let abRate = 0;
  let busy = 0;
  for (let n = 0; n <= S; n++) {
    if (n >= N) pw += pi[n]!;
    abRate += Math.max(0, n - N) * gamma * pi[n]!;
    busy += Math.min(n, N) * pi[n]!;
  }
  const pab = abRate / lambda;
  // tagged caller ODE: v_j' = −(Nμ + jγ + γ) v_j + (Nμ + (j+1)γ) v_{j+1}; served flux Nμ v_0
  const J = S - N;
  let v = Array.from({ length: J + 1 }, (_, j) => pi[N + j]!);
  const deriv = (x: number[]) => x.map((vj, j) => -(N * mu + j * gamma + gamma) * vj + (j < J ? (N * mu + (j + 1) * gamma) * x[j + 1]! : 0));
  const h = 0.01;
  let servedByT = 0;
  let servedTotal = 0;
  let waitServed = 0;
  for (let step = 0, t = 0; t < 2000; step++, t = step * h) {
    const k1 = deriv(v);
    const k2 = deriv(v.map((x, i) => x + (h / 2) * k1[i]!));
    const k3 = deriv(v.map((x, i) => x + (h / 2) * k2[i]!));
    const k4 = deriv(v.map((x, i) => x + h * k3[i]!));
    const nv = v.map((x, i) => x + (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!));
    const flux = (h / 2) * N * mu * (v[0]! + nv[0]!); // trapezoid
    servedTotal += flux;
    waitServed += (t + h / 2) * flux;
    if (t + h <= T + 1e-9) servedByT += flux;
    v = nv;
  }
  const answered = 1 - pw + servedTotal;
  const m = erlangA({ calls: lambda * 3600, periodS: 3600, ahtS: aht, agents: N, thresholdS: T, patienceS: patience });
  near(m.probWait, pw, 1e-9, 'Pw');
  near(m.probAbandon, pab, 1e-6, 'Pab');
  near(1 - m.probAbandon, answered, 1e-5, 'answered');
  near(m.occupancy, busy / N, 1e-9, 'occupancy');
  near(m.occupancy, (lambda * aht * (1 - pab)) / N, 1e-6, 'occupancy = A(1−Pab)/N');
  near(m.serviceLevel, 1 - pw + servedByT, 1e-5, 'SL');
  near(m.asa, waitServed / answered, 1e-3, 'ASA');
}

test('Erlang A with a huge patience is fast: overloaded intervals use the fluid limit, staffing equals Erlang C', () => {
  const base = { calls: 100, periodS: 1800, ahtS: 180, thresholdS: 20 }; // A = 100·180/1800 = 10 Erlangs
  const t0 = performance.now();
  for (const [agents, abandon] of [
    [5, 0.5],
    [8, 0.2],
    [9, 0.1],
  ] as const) {
    const m = erlangA({ ...base, agents, patienceS: 1e9 });
    // excess load abandons: 1 − N/A; everyone waits, nobody within 20 s, agents always busy
    assert.ok(Math.abs(m.probAbandon - abandon) < 1e-9, `N=${agents}: ${m.probAbandon}`);
    assert.equal(m.probWait, 1);
    assert.equal(m.serviceLevel, 0);
    assert.equal(m.occupancy, 1);
    // time to reach the front of a queue of (λ − Nμ)/γ callers: ln(A/N)·patience
    assert.ok(Math.abs(m.asa / (Math.log(10 / agents) * 1e9) - 1) < 1e-9);
  }
  // with patience 1e9 the staffing answer is Erlang C's (14 for this example, Call Centre Helper)
  const r = requiredAgents({ calls: 100, periodS: 1800, ahtS: 180, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }], patienceS: 1e9 });
  assert.equal(r.agents, 14);
  assert.equal(r.model, 'erlangA');
  assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
});

test('the fluid limit agrees with the exact chain just below its threshold', () => {
  // N = 5, A = 10: λ = 1/18 s⁻¹, Nμ = 1/36 s⁻¹; patience chosen so the queue is ~1.5·10^5 (exact path)
  const lambda = 100 / 1800;
  const Nmu = 5 / 180;
  const patienceS = 150_000 / (lambda - Nmu);
  const exact = erlangA({ calls: 100, periodS: 1800, ahtS: 180, thresholdS: 20, agents: 5, patienceS });
  assert.ok(Math.abs(exact.probAbandon - 0.5) < 0.005, `P(abandon) ${exact.probAbandon}`);
  assert.ok(Math.abs(exact.asa / (Math.log(2) * patienceS) - 1) < 0.01, `ASA ${exact.asa}`);
  assert.ok(exact.serviceLevel < 1e-6 && exact.probWait > 1 - 1e-6);
});

test('Erlang A staffing at 20,000 calls/h is the smallest that meets the target, found from below the offered load', () => {
  // A = 20,000 · 180 / 3600 = 1000 Erlangs; impatient callers (120 s) need fewer agents than A
  const base = { calls: 20_000, periodS: 3600, ahtS: 180, thresholdS: 20, patienceS: 120 };
  const r = requiredAgents({ ...base, targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }] });
  assert.ok(r.agents < 1000, `fewer agents than the load, got ${r.agents}`);
  assert.ok(r.agents >= 800, 'never below target·A: N agents answer at most N/A of the calls');
  assert.ok(erlangA({ ...base, agents: r.agents }).serviceLevel >= 0.8);
  assert.ok(erlangA({ ...base, agents: r.agents - 1 }).serviceLevel < 0.8, 'one agent fewer misses the target');
});
