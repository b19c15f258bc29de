/**
 * Demo: weeks of simulated history for the 200-agent demo center, stored through the same sink
 * path as live events (acceptEvents → store + aggregates). Simulator agent codes (T01-001…)
 * are mapped to the demo agents' ext codes (1001…1200, team by team, see core/demoOrg.ts).
 */
import { DEFAULT_DEMO_CONFIG, simulate, type SimConfig } from '../../core/sim';
import type { CallFloorEvent } from '../../core/events';
import { acceptEvents } from '../../server/eventFeed';
import { flushAgentStates } from '../../store/live/ingest';
import type { DemoSeeder } from './seeders';

const DAY = 86_400_000;
/** Days of history (CALLFLOOR_DEMO_HISTORY_DAYS overrides). */
export const DEMO_HISTORY_DAYS = 3;

/** T03-007 → '1047' (team 3, 7th agent: 1000 + 2*20 + 7). */
export function simCodeToExt(code: string, perTeam = 20): string {
  const m = /^T(\d+)-(\d+)$/.exec(code);
  if (!m) return code;
  return String(1000 + (Number(m[1]) - 1) * perTeam + Number(m[2]));
}

export function historyConfig(now: number, days: number): SimConfig {
  const off = (DEFAULT_DEMO_CONFIG.tzOffsetMin ?? 0) * 60_000;
  const todayLocalMidnight = Math.floor((now + off) / DAY) * DAY - off;
  return { ...DEFAULT_DEMO_CONFIG, seed: 20260101, startTs: todayLocalMidnight - days * DAY, days };
}

export const liveHistorySeeder: DemoSeeder = {
  name: 'live floor history',
  async seed(ctx, _org, log) {
    const days = Number(process.env.CALLFLOOR_DEMO_HISTORY_DAYS ?? DEMO_HISTORY_DAYS);
    const cfg = historyConfig(ctx.now(), days);
    const started = Date.now();
    const all: CallFloorEvent[] = [];
    simulate(cfg, (e) => {
      if (e.agent) e.agent = simCodeToExt(e.agent);
      all.push(e);
    });
    for (let i = 0; i < all.length; i += 20_000) await acceptEvents(ctx, all.slice(i, i + 20_000));
    const total = all.length;
    await flushAgentStates(ctx.store, cfg.startTs + days * DAY);
    log(`live floor history: ${days} days, ${total} events stored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};
