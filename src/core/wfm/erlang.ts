// Erlang C (M/M/N) and Erlang A (M/M/N+M, exponential caller patience) staffing maths.
//
// Pure: numbers in, numbers out. Numerically stable for thousands of agents: everything is
// built on the Erlang B recursion B(k) = A·B(k−1) / (k + A·B(k−1)), which stays in [0, 1],
// so there are no factorials, no powers of A and no overflow.
//
// Conventions: times in seconds; `calls` arrive during `periodS`; A = calls · ahtS / periodS
// (offered load, Erlangs). serviceLevel = P(answered within thresholdS) over offered calls
// (DESIGN.md: answered within slThresholdS / offered, the model has no short abandons).
// asa = mean wait of answered calls.

import { InputError as ErlangInputError } from '../errors';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { ErlangInputError };

export interface ErlangInput {
  /** calls offered in the period */
  calls: number;
  /** length of the period, seconds (e.g. 900 for a 15-min interval) */
  periodS: number;
  /** average handle time, seconds */
  ahtS: number;
  /** agents on the phones (not heads: shrinkage is applied separately) */
  agents: number;
  /** service-level threshold T, seconds (default 20) */
  thresholdS?: number;
}

export interface ErlangAInput extends ErlangInput {
  /** mean caller patience, seconds (exponential). Infinity gives Erlang C. */
  patienceS: number;
}

export interface ErlangMetrics {
  /** offered load in Erlangs */
  trafficErlangs: number;
  agents: number;
  /** P(answered within thresholdS) over offered calls */
  serviceLevel: number;
  /** mean wait of answered calls, seconds */
  asa: number;
  /** busy agents / agents */
  occupancy: number;
  /** P(an arriving call has to wait) */
  probWait: number;
  /** P(caller abandons); 0 for Erlang C */
  probAbandon: number;
  /** mean wait over all offered calls (answered and abandoned), seconds */
  meanWaitAll: number;
}

function finiteNonNeg(field: string, v: number): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ErlangInputError(field, `must be a finite number, got ${v}`);
  if (v < 0) throw new ErlangInputError(field, `must be >= 0, got ${v}`);
}

function validateBase(i: ErlangInput): { A: number; lambda: number; mu: number; N: number; T: number } {
  finiteNonNeg('calls', i.calls);
  finiteNonNeg('periodS', i.periodS);
  if (i.periodS === 0) throw new ErlangInputError('periodS', 'must be > 0');
  finiteNonNeg('ahtS', i.ahtS);
  if (i.ahtS === 0 && i.calls > 0) throw new ErlangInputError('ahtS', 'must be > 0 when calls > 0');
  finiteNonNeg('agents', i.agents);
  if (!Number.isInteger(i.agents)) throw new ErlangInputError('agents', `must be a whole number, got ${i.agents}`);
  const T = i.thresholdS ?? 20;
  finiteNonNeg('thresholdS', T);
  const lambda = i.calls / i.periodS;
  const mu = i.ahtS > 0 ? 1 / i.ahtS : Infinity;
  const A = i.calls > 0 ? lambda * i.ahtS : 0;
  if (A > 0 && i.agents === 0) throw new ErlangInputError('agents', 'there is load (calls > 0) but zero agents');
  return { A, lambda, mu, N: i.agents, T };
}

/** Erlang B blocking probability B(N, A) by the stable recursion. */
export function erlangB(agents: number, trafficErlangs: number): number {
  finiteNonNeg('agents', agents);
  finiteNonNeg('trafficErlangs', trafficErlangs);
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (trafficErlangs * b) / (k + trafficErlangs * b);
  return b;
}

/** Erlang C probability of waiting C(N, A) for N > A, from B: C = N·B / (N − A·(1 − B)). */
export function erlangCProbWait(agents: number, trafficErlangs: number): number {
  if (trafficErlangs === 0) return 0;
  if (agents <= trafficErlangs)
    throw new ErlangInputError(
      'agents',
      `must exceed the offered load (${trafficErlangs.toFixed(3)} Erlangs) for Erlang C; the queue is unstable (use Erlang A)`,
    );
  const b = erlangB(agents, trafficErlangs);
  return (agents * b) / (agents - trafficErlangs * (1 - b));
}

/** Erlang C metrics. Throws when agents <= load (unstable queue). */
export function erlangC(input: ErlangInput): ErlangMetrics {
  const { A, N, T } = validateBase(input);
  if (A === 0) return { trafficErlangs: 0, agents: N, serviceLevel: 1, asa: 0, occupancy: 0, probWait: 0, probAbandon: 0, meanWaitAll: 0 };
  const pw = erlangCProbWait(N, A);
  const sl = 1 - pw * Math.exp((-(N - A) * T) / input.ahtS);
  const asa = (pw * input.ahtS) / (N - A);
  return { trafficErlangs: A, agents: N, serviceLevel: sl, asa, occupancy: A / N, probWait: pw, probAbandon: 0, meanWaitAll: asa };
}

/** Above this many expected queued callers an overloaded Erlang A is evaluated by its fluid limit. */
export const FLUID_STATES = 200_000;

/**
 * Erlang A (Palm's M/M/N+M). State n = calls in system; for n <= N the stationary weights are
 * those of Erlang B, for n > N: p(n) = p(N)·Π_{k=1..n−N} λ / (Nμ + kγ), γ = 1/patience.
 * Performance of a tagged caller who finds j callers queued ahead: his position drops at rate
 * Nμ + iγ (i ahead) and he abandons at rate γ, which gives exact recursions for P(served) and
 * E[wait·1{served}]; P(served within T) is computed by uniformisation of that small chain.
 */
export function erlangA(input: ErlangAInput): ErlangMetrics {
  const base = validateBase(input);
  const { A, lambda, mu, N, T } = base;
  const patience = input.patienceS;
  if (typeof patience !== 'number' || Number.isNaN(patience) || patience <= 0)
    throw new ErlangInputError('patienceS', `must be > 0 (Infinity for no abandonment), got ${patience}`);
  if (A === 0) return { trafficErlangs: 0, agents: N, serviceLevel: 1, asa: 0, occupancy: 0, probWait: 0, probAbandon: 0, meanWaitAll: 0 };
  if (!Number.isFinite(patience)) return erlangC(input);
  const gamma = 1 / patience;
  const Nmu = N * mu;
  // Overloaded (N ≤ A) with very patient callers: the queue settles around j* = (λ − Nμ)/γ callers,
  // which for patienceS = 1e9 is ~10^7 states. Beyond FLUID_STATES the exact chain is replaced by its
  // fluid limit (relative error O(1/√j*)): every caller waits (the weight of n < N is e^−O(j*)),
  // abandonment balances the excess (P(abandon) = 1 − Nμ/λ), agents are always busy, the queue is j*,
  // and a served caller's wait is the time to reach the front, ∫₀^j* di/(Nμ + iγ) = ln(λ/Nμ)/γ.
  const jStar = (lambda - Nmu) / gamma;
  if (jStar > FLUID_STATES) {
    return {
      trafficErlangs: A,
      agents: N,
      serviceLevel: 0,
      asa: Nmu > 0 ? Math.log(lambda / Nmu) / gamma : Infinity,
      occupancy: N > 0 ? 1 : 0,
      probWait: 1,
      probAbandon: 1 - Nmu / lambda,
      meanWaitAll: jStar / lambda,
    };
  }

  // Relative weights, normalised to p(N) = 1. Lower part: Σ_{n<=N} p(n)/p(N) = 1 / B(N, A).
  const b = erlangB(N, A);
  // Weights are kept relative to p(N)·scale: an overloaded queue's weights grow like (λ/Nμ)^j before
  // they fall, so they are rescaled (all by the same factor) before they overflow.
  let scale = 1;
  let lowerSum = 1 / b; // includes n = N
  // Tail: q_j = p(N + j)/p(N), j >= 1.
  const tail: number[] = [1]; // tail[0] = p(N)/p(N)
  let term = 1;
  let tailSum = 0;
  for (let j = 1; j < 50_000_000; j++) {
    term *= lambda / (Nmu + j * gamma);
    tail.push(term);
    tailSum += term;
    if (term > 1e200) {
      for (let i = 0; i < tail.length; i++) tail[i]! *= 1e-200;
      term *= 1e-200;
      tailSum *= 1e-200;
      lowerSum *= 1e-200;
      scale *= 1e-200;
    }
    if (lambda < Nmu + j * gamma && term < 1e-17 * (lowerSum + tailSum)) break;
  }
  const Z = lowerSum + tailSum;
  // P(wait) = P(n >= N) by PASTA.
  const probWait = (tail[0]! + tailSum) / Z;
  // Tagged caller finding j = n − N queued ahead (n >= N).
  const J = tail.length - 1;
  const s = new Float64Array(J + 1); // P(served | j ahead)
  const m = new Float64Array(J + 1); // E[wait · 1{served} | j ahead]
  for (let j = 0; j <= J; j++) {
    const adv = Nmu + j * gamma; // rate of moving up (or being served, j = 0)
    const r = adv + gamma; // plus own abandonment
    const prevS = j === 0 ? 1 : s[j - 1]!;
    const prevM = j === 0 ? 0 : m[j - 1]!;
    s[j] = (adv / r) * prevS;
    m[j] = s[j]! / r + (adv / r) * prevM;
  }
  let servedAfterWait = 0;
  let waitServed = 0;
  let queueLen = 0;
  for (let j = 0; j <= J; j++) {
    const p = tail[j]! / Z;
    servedAfterWait += p * s[j]!;
    waitServed += p * m[j]!;
    if (j > 0) queueLen += j * p;
  }
  const probAnswered = 1 - probWait + servedAfterWait;
  const probAbandon = Math.max(0, probWait - servedAfterWait);
  const asa = probAnswered > 0 ? waitServed / probAnswered : Infinity;
  // Busy servers: E[min(n, N)] = Σ_{n<N} n·p(n) + N·P(n >= N), and with p(n) ∝ A^n/n!,
  // Σ_{n=1..N−1} n·p(n) = A·Σ_{m=0..N−2} p(m); relative to p(N): Σ_{m<=N−2} = lowerSum − 1 − N/A.
  const busy = (A * (lowerSum - scale) - N * scale) / Z + N * probWait;
  const occupancy = busy / N;
  const serviceLevel = 1 - probWait + servedWithin(tail, Z, s, Nmu, gamma, T);
  return { trafficErlangs: A, agents: N, serviceLevel: Math.min(1, serviceLevel), asa, occupancy, probWait, probAbandon, meanWaitAll: queueLen / lambda };
}

/**
 * Σ_j p(N+j) · P(served within T | j ahead), in closed form. A caller with j ahead reaches an agent after
 * τ_j = Σ_{i=0..j} Exp(Nμ + iγ) and abandons at rate γ, so P(served by T | j) = E[1{τ_j ≤ T}·e^(−γτ_j)].
 * With b = Nμ/γ, the density of τ_j is γ·Γ(b+j+1)/(Γ(b)·j!)·e^(−Nμt)·(1−e^(−γt))^j; substituting
 * x = 1 − e^(−γt) turns the expectation into s_j · I_X(j+1, b+1), where s_j = b/(b+j+1) = P(served | j)
 * and I is the regularised incomplete beta at X = 1 − e^(−γT). With D_{−1} = (1−X)^(b+1) and
 * D_k = X^(k+1)(1−X)^(b+1)·Γ(k+b+2)/(Γ(k+2)Γ(b+1)) for k ≥ 0 (a negative-binomial law on k ≥ −1),
 * I_X(j+1, b+1) = 1 − Σ_{k=−1..j−1} D_k: one forward sum gives every j, O(J) instead of uniformisation's
 * O(J · Λ·T). The error is absolute (about 1e−16 per term), as the uniformisation's was.
 */
function servedWithin(tail: number[], Z: number, s: Float64Array, Nmu: number, gamma: number, T: number): number {
  if (T === 0) return 0;
  const J = tail.length - 1;
  const b = Nmu / gamma;
  const logX = Math.log(-Math.expm1(-gamma * T));
  // logs keep the rising part (before the negative binomial's mode) from overflowing or underflowing
  let below = Math.exp(-(b + 1) * gamma * T); // Σ_{k<j} D_k, starting with D_{−1}
  let logD = logX - (b + 1) * gamma * T + Math.log(b + 1); // log D_0
  let result = 0;
  for (let j = 0; j <= J; j++) {
    result += (tail[j]! / Z) * s[j]! * Math.max(0, 1 - below);
    below += Math.exp(logD);
    logD += logX + Math.log((j + b + 2) / (j + 2)); // D_{j+1}/D_j = X·(j+b+2)/(j+2)
  }
  return result;
}

export type StaffingTarget =
  { kind: 'serviceLevel'; target: number; thresholdS: number } | { kind: 'asa'; targetS: number } | { kind: 'occupancy'; max: number };

export interface RequiredAgentsInput {
  calls: number;
  periodS: number;
  ahtS: number;
  /** all targets must hold (e.g. SL and max occupancy) */
  targets: StaffingTarget[];
  /** mean patience in seconds: given → Erlang A, absent → Erlang C */
  patienceS?: number;
  /** share of paid time not on the phones (breaks, meetings, training, absence), 0 <= s < 1 */
  shrinkage?: number;
  /** search cap, default: load + 50·sqrt(load) + 1000 */
  maxAgents?: number;
}

export interface RequiredAgentsResult extends ErlangMetrics {
  /** agents needed on the phones */
  agents: number;
  /** heads to schedule: ceil(agents / (1 − shrinkage)) */
  scheduledHeads: number;
  shrinkage: number;
  model: 'erlangC' | 'erlangA';
}

export function scheduledHeads(agents: number, shrinkage: number): number {
  finiteNonNeg('agents', agents);
  finiteNonNeg('shrinkage', shrinkage);
  if (shrinkage >= 1) throw new ErlangInputError('shrinkage', `must be below 1, got ${shrinkage}`);
  // tolerate float noise such as 14 / 0.7 = 20.000000000000004
  return Math.ceil(agents / (1 - shrinkage) - 1e-9);
}

function validateTargets(targets: StaffingTarget[], hasLoad: boolean): void {
  if (!Array.isArray(targets) || targets.length === 0) throw new ErlangInputError('targets', 'give at least one target');
  targets.forEach((t, i) => {
    const f = `targets[${i}]`;
    if (t.kind === 'serviceLevel') {
      if (!Number.isFinite(t.target) || t.target < 0 || t.target > 1)
        throw new ErlangInputError(`${f}.target`, `service level must be within [0, 1], got ${t.target}`);
      finiteNonNeg(`${f}.thresholdS`, t.thresholdS);
      if (hasLoad && t.target >= 1)
        throw new ErlangInputError(
          `${f}.target`,
          t.thresholdS === 0
            ? 'service level 100 % in 0 s is impossible with any load'
            : 'service level 100 % is never reached exactly with random arrivals; use a target below 1',
        );
    } else if (t.kind === 'asa') {
      finiteNonNeg(`${f}.targetS`, t.targetS);
      if (hasLoad && t.targetS === 0) throw new ErlangInputError(`${f}.targetS`, 'an ASA of 0 s is impossible with any load');
    } else if (t.kind === 'occupancy') {
      if (!Number.isFinite(t.max) || t.max <= 0 || t.max > 1) throw new ErlangInputError(`${f}.max`, `max occupancy must be within (0, 1], got ${t.max}`);
    } else {
      throw new ErlangInputError(`${f}.kind`, `unknown target kind ${(t as { kind: string }).kind}`);
    }
  });
}

/** Smallest number of agents meeting every target, then shrinkage to scheduled heads. */
export function requiredAgents(input: RequiredAgentsInput): RequiredAgentsResult {
  const shrinkage = input.shrinkage ?? 0;
  finiteNonNeg('shrinkage', shrinkage);
  if (shrinkage >= 1) throw new ErlangInputError('shrinkage', `must be below 1, got ${shrinkage}`);
  const probe = validateBase({ calls: input.calls, periodS: input.periodS, ahtS: input.ahtS, agents: 1 });
  const A = probe.A;
  validateTargets(input.targets, A > 0);
  const useA = input.patienceS !== undefined && Number.isFinite(input.patienceS);
  if (input.patienceS !== undefined && !(input.patienceS > 0)) throw new ErlangInputError('patienceS', `must be > 0, got ${input.patienceS}`);
  const model = useA ? ('erlangA' as const) : ('erlangC' as const);
  if (A === 0) {
    return {
      trafficErlangs: 0,
      agents: 0,
      serviceLevel: 1,
      asa: 0,
      occupancy: 0,
      probWait: 0,
      probAbandon: 0,
      meanWaitAll: 0,
      scheduledHeads: 0,
      shrinkage,
      model,
    };
  }
  const cap = input.maxAgents ?? Math.ceil(A + 50 * Math.sqrt(A) + 1000);
  const evalAt = (n: number, thresholdS: number): ErlangMetrics =>
    useA
      ? erlangA({ calls: input.calls, periodS: input.periodS, ahtS: input.ahtS, agents: n, thresholdS, patienceS: input.patienceS! })
      : erlangC({ calls: input.calls, periodS: input.periodS, ahtS: input.ahtS, agents: n, thresholdS });
  const ok = (n: number): ErlangMetrics | null => {
    let last: ErlangMetrics | null = null;
    for (const t of input.targets) {
      const m = evalAt(n, t.kind === 'serviceLevel' ? t.thresholdS : 20);
      last = m;
      if (t.kind === 'serviceLevel' && m.serviceLevel < t.target) return null;
      if (t.kind === 'asa' && m.asa > t.targetS) return null;
      if (t.kind === 'occupancy' && m.occupancy > t.max + 1e-12) return null;
    }
    return last;
  };
  // Erlang C needs N > A. Erlang A may go below, but no further than the service level allows: N agents
  // answer at most Nμ of the λ offered, so the share answered (within T or not) is at most N/A, and
  // N < target·A cannot meet a service-level target. Starting there spares the costly overloaded states.
  const slFloor = Math.max(0, ...input.targets.map((t) => (t.kind === 'serviceLevel' ? Math.ceil(t.target * A) : 0)));
  let n = useA ? Math.max(1, slFloor) : Math.floor(A) + 1;
  // Metrics are monotone in N, so a galloping search then bisection keeps this fast for large loads.
  let lo = n - 1;
  let hi = n;
  let step = 1;
  while (!ok(hi)) {
    lo = hi;
    hi = hi + step;
    step *= 2;
    if (hi > cap) {
      if (lo >= cap || !ok(cap)) throw new ErlangInputError('targets', `no staffing up to ${cap} agents meets the targets (load ${A.toFixed(2)} Erlangs)`);
      hi = cap;
      break;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  n = hi;
  const first = input.targets[0]!;
  const m = evalAt(n, first.kind === 'serviceLevel' ? first.thresholdS : 20);
  return { ...m, agents: n, scheduledHeads: scheduledHeads(n, shrinkage), shrinkage, model };
}
