import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate, simulateEvents, DEFAULT_DEMO_CONFIG, type SimConfig } from './simulate';
import { makeRng, mulberry32 } from './rng';
import { aggregateEvents, deriveKpis, sumMeasures, KpiAccumulator } from '../kpi';

/** Erlang C, written independently: P(wait) for N agents and A erlangs, by the textbook sums. */
function erlangC(N: number, A: number): number {
  let term = 1;
  let sum = 1; // k = 0
  for (let k = 1; k < N; k++) {
    term *= A / k;
    sum += term;
  }
  const top = ((term * A) / N) * (N / (N - A)); // A^N/N! · N/(N−A)
  return top / (sum + top);
}

test('Erlang C helper matches a textbook value', () => {
  // N = 2, A = 1: C = (1/2 · 2) / (1 + 1 + 1) = 1/3
  assert.ok(Math.abs(erlangC(2, 1) - 1 / 3) < 1e-12);
});

test('the seeded RNG is deterministic and roughly uniform / exponential', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  for (let i = 0; i < 5; i++) assert.equal(a(), b());
  const r = makeRng(7);
  let s = 0;
  let se = 0;
  const n = 200_000;
  for (let i = 0; i < n; i++) {
    s += r.next();
    se += r.exp(3);
  }
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  assert.ok(Math.abs(se / n - 3) < 0.05);
  let ln = 0;
  for (let i = 0; i < n; i++) ln += r.lognormal(240, 0.8);
  assert.ok(Math.abs(ln / n / 240 - 1) < 0.02);
});

test('steady load without abandonment: service level and ASA match Erlang C', () => {
  const N = 10;
  const ahtS = 180;
  const A = 8; // erlangs
  const days = 20;
  const cfg: SimConfig = {
    seed: 12345,
    startTs: Date.UTC(2024, 0, 1),
    days,
    queues: [{ name: 'Q', share: 1 }],
    teams: [{ name: 'T', agents: N, queues: ['Q'], shiftStartH: 0, shiftHours: 24 }],
    callsPerDay: (A / ahtS) * 86400,
    handle: { meanS: ahtS, dist: 'exponential' },
  };
  const acc = new KpiAccumulator({ intervalMin: 60 });
  simulate(cfg, (e) => acc.add(e));
  acc.flushUntil(cfg.startTs + days * 86_400_000);
  const q = sumMeasures(acc.rows().queues);
  const expectedCalls = cfg.callsPerDay * days;
  assert.ok(Math.abs(q.offered - expectedCalls) < 4 * Math.sqrt(expectedCalls), `offered ${q.offered}`);
  assert.equal(q.abandoned + q.shortAbandoned, 0);
  const C = erlangC(N, A);
  const T = 20;
  const slFormula = 1 - C * Math.exp((-(N - A) * T) / ahtS);
  const asaFormula = (C * ahtS) / (N - A);
  const sl = q.answeredWithinSl / q.answered;
  const asa = q.waitAnswered / q.answered;
  assert.ok(Math.abs(sl - slFormula) < 0.03, `SL sim ${sl.toFixed(4)} vs Erlang C ${slFormula.toFixed(4)}`);
  assert.ok(Math.abs(asa / asaFormula - 1) < 0.12, `ASA sim ${asa.toFixed(2)} vs Erlang C ${asaFormula.toFixed(2)}`);
  // occupancy = A / N for a loss-free queue
  const ag = sumMeasures(acc.rows().agents);
  assert.ok(Math.abs(deriveKpis(ag).occupancy! - A / N) < 0.02);
});

test('demo centre: 200 agents in 10 teams for 3 weeks, with every feature present', () => {
  const cfg: SimConfig = { ...DEFAULT_DEMO_CONFIG, seed: 1, startTs: Date.UTC(2024, 0, 7, 16), days: 21 };
  const t0 = performance.now();
  const { events, agents } = simulateEvents(cfg);
  const ms = performance.now() - t0;
  assert.equal(agents.length, 200);
  assert.equal(new Set(agents.map((a) => a.team)).size, 10);
  for (let i = 1; i < events.length; i++) assert.ok(events[i]!.ts >= events[i - 1]!.ts, 'time ordered');
  assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'unique ids');
  const t1 = performance.now();
  const agg = aggregateEvents(events, { tzOffsetMin: 480 });
  const aggMs = performance.now() - t1;
  const q = sumMeasures(agg.queues);
  const a = sumMeasures(agg.agents);
  // expected volume: 3 weeks, weekly factors sum
  const expected = cfg.callsPerDay * 3 * cfg.weekly!.reduce((x, y) => x + y, 0);
  const firstOffers = events.filter((e) => e.type === 'call.enqueued').length - q.transferred;
  assert.ok(Math.abs(firstOffers - expected) < 4 * Math.sqrt(expected), `offered ${firstOffers} vs ${expected}`);
  assert.ok(q.abandoned > 0 && q.transferred > 0 && a.hold > 0 && a.acw > 0 && a.ring > 0);
  for (const r of ['meal', 'break', 'training', 'meeting', 'coaching']) assert.ok((a.notReadyByReason[r] ?? 0) > 0, r);
  const k = deriveKpis(q);
  assert.ok(k.answerRate! > 0.5 && k.answerRate! <= 1);
  // same seed, same events
  let n = 0;
  let same = true;
  simulate(cfg, (e) => {
    const o = events[n++]!;
    if (same && (o.id !== e.id || o.ts !== e.ts || o.type !== e.type)) same = false;
  });
  assert.ok(same && n === events.length);
  console.log(
    `demo: ${events.length} events in ${ms.toFixed(0)} ms, aggregated in ${aggMs.toFixed(0)} ms; answerRate ${k.answerRate!.toFixed(3)} SL ${k.serviceLevel!.toFixed(3)} occupancy ${deriveKpis(a).occupancy!.toFixed(3)}`,
  );
});

test('simulated events satisfy the event schema (whole-millisecond times)', async () => {
  const { validateEvent } = await import('../events');
  const { events } = simulateEvents({ ...DEFAULT_DEMO_CONFIG, seed: 3, startTs: Date.UTC(2026, 0, 5) - 8 * 3600_000, days: 1, callsPerDay: 800 });
  assert.ok(events.length > 1000);
  const bad = events.map((e) => validateEvent(e)).filter((r) => !r.ok);
  assert.deepEqual(bad, []);
});

test("a team's day pattern: agents log in on their weekdays only; an always-on team ignores it", () => {
  // 2024-01-01 was a Monday; UTC is local time here. Agent 1 works Monday and Tuesday, agent 2 Sunday only.
  const cfg: SimConfig = {
    seed: 4,
    startTs: Date.UTC(2024, 0, 1),
    days: 7,
    queues: [{ name: 'Q', share: 1 }],
    teams: [
      { name: 'T', agents: 2, queues: ['Q'], shiftStartH: 9, shiftHours: 8, workDays: [[1, 2], [0]] },
      { name: 'N', agents: 1, queues: ['Q'], shiftStartH: 0, shiftHours: 24, workDays: [[3]] },
    ],
    callsPerDay: 50,
    handle: { meanS: 60 },
  };
  const { events } = simulateEvents(cfg);
  const loginDays = (agent: string) =>
    events.filter((e) => e.type === 'agent.login' && e.agent === agent).map((e) => Math.floor((e.ts - cfg.startTs) / 86_400_000));
  assert.deepEqual(loginDays('T-001'), [0, 1]); // Monday, Tuesday
  assert.deepEqual(loginDays('T-002'), [6]); // Sunday
  assert.deepEqual(loginDays('N-001'), [0]); // always on from the start
  assert.equal(events.filter((e) => e.type === 'agent.logout' && e.agent === 'N-001').length, 0);
});
