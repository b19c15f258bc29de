/** The ingest benches' simulated center: the demo center's teams (20 agents each) repeated, calls scaled with the agents. */
import { simulate, DEFAULT_DEMO_CONFIG } from '../../src/core/sim';
import type { CallFloorEvent } from '../../src/core/events';

/** The first `n` events of a center of `agents` agents (seeded: the same events every run). */
export function benchCenterEvents(n: number, agents: number): CallFloorEvent[] {
  const out: CallFloorEvent[] = [];
  const base = DEFAULT_DEMO_CONFIG;
  const nTeams = Math.max(1, Math.round(agents / 20));
  const teams = Array.from({ length: nTeams }, (_, i) => ({ ...base.teams[i % base.teams.length]!, name: `T${String(i + 1).padStart(3, '0')}` }));
  const scale = (nTeams * 20) / base.teams.reduce((a, t) => a + t.agents, 0);
  const days = Math.ceil(n / (90_000 * scale)) + 1; // the demo center's 200 agents make about 90,000 events a day
  simulate({ ...base, teams, callsPerDay: Math.round(base.callsPerDay * scale), seed: 99, startTs: Date.UTC(2026, 0, 4, 16), days }, (e) => {
    if (out.length < n) out.push(e);
  });
  return out;
}
