/**
 * Demo: weeks of simulated history for the 200-agent demo center, stored through the same sink
 * path as live events (acceptEvents → group commit → store + aggregates). Simulator agent codes
 * (T01-001…) are mapped to the demo agents' ext codes (1001…1200, team by team, see core/demoOrg.ts).
 *
 * - At least 8 weeks (DEMO_HISTORY_DAYS), and always back to the 1st of the previous month, so the
 *   last full month is whole (issue 11's scorecards) and forecasting has the 14 days it needs.
 * - The history ends where the live feed's warm-up begins (now − 30 min), so today is covered too.
 * - Stored through the event sink (one transaction a batch), without the live floor's listener.
 * - Simulated and stored a local day at a time, oldest first: the floor closes at 22:00, so a day is
 *   a simulation of its own (no call or shift crosses midnight), memory stays at one day's events and
 *   the store sees each agent's events in time order (a late event would replay the agent).
 * - Deterministic: the seed of a day is the base seed plus the day's index from the epoch.
 */
import { DEFAULT_DEMO_CONFIG, simulate, type SimConfig } from '../../core/sim';
import type { CallFloorEvent } from '../../core/events';
import { acceptEvents } from '../../server/eventFeed';
import { flushAgentStates } from '../../store/live/ingest';
import type { DemoSeeder } from './seeders';
import type { ServerContext } from '../../server/context';

const DAY = 86_400_000;
/** Days of history at least (CALLFLOOR_DEMO_HISTORY_DAYS overrides). */
export const DEMO_HISTORY_DAYS = 56;
/** The live feed's warm-up: the history stops where it starts. */
export const DEMO_WARMUP_MS = 30 * 60_000;
const BATCH = 10_000;

/** T03-007 → '1047' (team 3, 7th agent: 1000 + 2*20 + 7). */
export function simCodeToExt(code: string, perTeam = 20): string {
  const m = /^T(\d+)-(\d+)$/.exec(code);
  if (!m) return code;
  return String(1000 + (Number(m[1]) - 1) * perTeam + Number(m[2]));
}

/** Local midnight (epoch ms) of the day containing `ts`, at the simulator's fixed zone offset. */
export function localMidnight(ts: number, tzOffsetMin = DEFAULT_DEMO_CONFIG.tzOffsetMin ?? 0): number {
  const off = tzOffsetMin * 60_000;
  return Math.floor((ts + off) / DAY) * DAY - off;
}

/**
 * The history's span: [start, end) with start a local midnight at least `minDays` before today and no
 * later than the 1st of the previous month, end = now − warm-up.
 */
export function historySpan(now: number, minDays = DEMO_HISTORY_DAYS): { start: number; end: number; days: number } {
  const off = (DEFAULT_DEMO_CONFIG.tzOffsetMin ?? 0) * 60_000;
  const today = localMidnight(now);
  const local = new Date(today + off);
  const prevMonthFirst = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1) - off;
  const start = Math.min(today - minDays * DAY, prevMonthFirst);
  return { start, end: now - DEMO_WARMUP_MS, days: Math.round((today - start) / DAY) };
}

/** The simulator configuration of one local day (or of today up to `end`). */
export function historyDayConfig(dayStart: number, end: number, callScale = 1): SimConfig {
  return {
    ...DEFAULT_DEMO_CONFIG,
    seed: 20260101 + Math.round(dayStart / DAY),
    startTs: dayStart,
    days: Math.min(1, (end - dayStart) / DAY),
    callsPerDay: DEFAULT_DEMO_CONFIG.callsPerDay * callScale,
  };
}

/** Stores the history of [start, end) a day at a time; `progress(done, total)` after each day. */
export async function storeHistory(
  ctx: ServerContext,
  span: { start: number; end: number },
  o: { callScale?: number; progress?: (done: number, total: number) => void } = {},
): Promise<{ events: number; days: number }> {
  // the store's batch path without the live listeners: the floor ignores days before today anyway,
  // and reading every stored event back (its catch-up) doubled the work; the live feed reloads the
  // floor from the store before it starts (liveFeedSeeder)
  const sink = ctx.composition.eventSink ?? ((c: typeof ctx, evs: CallFloorEvent[]) => acceptEvents(c, evs));
  const total = Math.ceil((span.end - span.start) / DAY);
  let events = 0;
  let done = 0;
  for (let d = span.start; d < span.end; d += DAY) {
    const buf: CallFloorEvent[] = [];
    simulate(historyDayConfig(d, span.end, o.callScale ?? 1), (e) => {
      if (e.agent) e.agent = simCodeToExt(e.agent);
      buf.push(e);
    });
    for (let i = 0; i < buf.length; i += BATCH) {
      await sink(ctx, buf.slice(i, i + BATCH));
      // let the server answer between batches (a batch's transaction holds the event loop)
      await new Promise((r) => setImmediate(r));
    }
    events += buf.length;
    o.progress?.(++done, total);
  }
  await flushAgentStates(ctx.store, span.end);
  return { events, days: total };
}

export const liveHistorySeeder: DemoSeeder = {
  name: 'live floor history',
  background: true,
  async seed(ctx, _org, log, progress) {
    const minDays = Number(process.env.CALLFLOOR_DEMO_HISTORY_DAYS ?? DEMO_HISTORY_DAYS);
    const callScale = Number(process.env.CALLFLOOR_DEMO_CALL_SCALE ?? 1);
    const span = historySpan(ctx.now(), minDays);
    const started = Date.now();
    let lastLog = 0;
    const r = await storeHistory(ctx, span, {
      callScale,
      progress: (done, total) => {
        progress?.(done / total);
        if (done === total || Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`live floor history: day ${done} of ${total} stored (${((Date.now() - started) / 1000).toFixed(0)} s)`);
        }
      },
    });
    log(`live floor history: ${r.days} days, ${r.events} events stored in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};
