/**
 * Agents needed at 20,000 calls/h (issue 15: Erlang A aim under 5 ms), against Erlang C for the same
 * interval in the same run. `npm run bench erlang`.
 */
import { requiredAgents } from '../src/core/wfm/erlang';

const cases = [
  { ahtS: 180, patienceS: 120 },
  { ahtS: 300, patienceS: 60 },
  { ahtS: 240, patienceS: 600 },
];
const time = (f: () => unknown, runs = 50) => {
  for (let i = 0; i < 5; i++) f();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - t0) / runs;
};
console.log('| 20,000 calls/h, SL 80/20 | agents (A) | Erlang A ms | agents (C) | Erlang C ms | A / C |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const c of cases) {
  const base = { calls: 20_000, periodS: 3600, ahtS: c.ahtS, targets: [{ kind: 'serviceLevel' as const, target: 0.8, thresholdS: 20 }] };
  const a = requiredAgents({ ...base, patienceS: c.patienceS });
  const cc = requiredAgents(base);
  const ta = time(() => requiredAgents({ ...base, patienceS: c.patienceS }));
  const tc = time(() => requiredAgents(base));
  console.log(`| AHT ${c.ahtS} s, patience ${c.patienceS} s | ${a.agents} | ${ta.toFixed(2)} | ${cc.agents} | ${tc.toFixed(2)} | ${(ta / tc).toFixed(1)}× |`);
}
