/**
 * The demo's live feed: the core simulator runs the 200 demo agents (telephony codes 1001…1200,
 * queues general / billing / tech / vip) in real time (or faster) from "now" and feeds every event
 * through acceptEvents(), so the wallboard moves within seconds of `npm start`.
 *
 * - A 30-minute warm-up before now is fed at once, so the board opens on a busy floor.
 * - Agents are always on (no shifts), so the demo moves at any hour.
 * - Every fourth hour call volume rises by a third: an understaffed spell, so the diagnosis raises
 *   an alert in the demo. The first spell began with the warm-up: the alert fires within seconds.
 * - The demo center's thresholds ask for a clearer not-ready excess (10 points over at least an
 *   hour staffed) than the defaults: the simulator's breaks are random, and the defaults flag
 *   a fifth of the floor on noise alone.
 * - The simulation runs in 6-hour chunks; calls still open at a chunk's end are closed (ended, or
 *   timed out when still waiting) before the next chunk starts.
 * - Event ids carry the run's start, so a restart never collides with an earlier run's events
 *   (a restart within 30 minutes replays that warm-up as new events: demo data only).
 */
import { DEFAULT_DEMO_CONFIG, simulate, type SimConfig } from '../../core/sim/simulate';
import type { CallFloorEvent } from '../../core/events';
import type { ServerContext } from '../../server/context';
import { acceptEvents } from '../../server/eventFeed';
import type { DemoSeeder } from './seeders';
import { putSetting } from '../../store/org';
import { floorService, THRESHOLDS_KEY } from '../../server/liveFloor';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoFeedOptions {
  /** simulated seconds per wall-clock second (default 1; CALLFLOOR_DEMO_SPEED) */
  speed?: number;
  /** how often events due are pushed, ms */
  tickMs?: number;
  seed?: number;
  /** calls an hour at normal load (default 2,300: about 85 % occupancy for 200 agents) */
  callsPerHour?: number;
  /** load factor of the understaffed spells */
  surge?: number;
  warmupMin?: number;
  chunkHours?: number;
  log?: (msg: string) => void;
}

/** Sim code T01-001 → demo telephony code 1001 (team t, agent i → 1000 + t·20 + i). */
export function demoExt(simCode: string, perTeam = 20): string {
  const m = /^T(\d+)-(\d+)$/.exec(simCode);
  if (!m) return simCode;
  return String(1000 + (Number(m[1]) - 1) * perTeam + Number(m[2]));
}

/** The simulator configuration of one chunk starting at `startTs`; `t0` anchors the spells. */
export function demoChunkConfig(
  t0: number,
  startTs: number,
  hours: number,
  o: Required<Pick<DemoFeedOptions, 'seed' | 'callsPerHour' | 'surge'>>,
  chunk: number,
): SimConfig {
  // a pseudo time zone puts hour boundaries at a + k·1h, with a = t0 − 30 min the start of
  // pseudo-hour 1 (a spell): the board opens half-way through the first spell
  const a = t0 - 30 * 60_000;
  const off = (((HOUR - a) % DAY) + DAY) % DAY;
  const intraday = Array.from({ length: 24 }, (_, h) => (h % 4 === 1 ? o.surge : 1));
  const iSum = intraday.reduce((a, b) => a + b, 0);
  return {
    ...DEFAULT_DEMO_CONFIG,
    seed: o.seed + chunk,
    startTs,
    days: hours / 24,
    tzOffsetMin: off / 60_000,
    teams: DEFAULT_DEMO_CONFIG.teams.map((t) => ({ ...t, shiftHours: 24 })),
    callsPerDay: o.callsPerHour * iSum,
    intraday,
    weekly: [1, 1, 1, 1, 1, 1, 1],
    mealBreakS: 0,
  };
}

export function startDemoFeed(ctx: ServerContext, opts: DemoFeedOptions = {}) {
  const speed = opts.speed ?? (Number(process.env.CALLFLOOR_DEMO_SPEED) || 1);
  const o = { seed: opts.seed ?? 20261, callsPerHour: opts.callsPerHour ?? 2300, surge: opts.surge ?? 1.35 };
  const warm = (opts.warmupMin ?? 30) * 60_000;
  const chunkH = opts.chunkHours ?? 6;
  const t0 = ctx.now();
  const prefix = `live${t0.toString(36)}-`;
  const mapTs = (ts: number) => Math.round(t0 + (ts - t0) / speed);
  let chunk = 0;
  let chunkStart = t0 - warm;
  let queue: CallFloorEvent[] = [];
  let pos = 0;
  let stopped = false;
  let busy = false;

  const nextChunk = () => {
    const cfg = demoChunkConfig(t0, chunkStart, chunkH, o, chunk);
    const evs: CallFloorEvent[] = [];
    const open = new Map<string, CallFloorEvent>(); // callId → last event
    simulate(cfg, (e) => {
      const x: CallFloorEvent = { ...e, id: prefix + e.id, ts: mapTs(e.ts), ...(e.agent ? { agent: demoExt(e.agent) } : {}) };
      evs.push(x);
      if (x.callId) {
        if (x.type === 'call.ended' || x.type === 'call.abandoned' || x.type === 'call.timedOut') open.delete(x.callId);
        else if (x.type !== 'call.ringing') open.set(x.callId, x);
      }
    });
    const endTs = mapTs(chunkStart + chunkH * HOUR);
    let k = 0;
    for (const [callId, last] of open) {
      const connected = last.type === 'call.connected' || last.type === 'call.transferred';
      evs.push({
        id: `${prefix}c${chunk}-close${k++}`,
        ts: endTs,
        type: connected ? 'call.ended' : 'call.timedOut',
        queue: last.queue,
        callId,
        ...(connected && last.agent ? { agent: last.agent } : {}),
      });
    }
    chunk += 1;
    chunkStart += chunkH * HOUR;
    queue = evs;
    pos = 0;
  };

  const push = async (untilTs: number) => {
    if (busy || stopped) return;
    busy = true;
    try {
      for (;;) {
        if (pos >= queue.length) nextChunk();
        const batch: CallFloorEvent[] = [];
        while (pos < queue.length && queue[pos]!.ts <= untilTs && batch.length < 5000) batch.push(queue[pos++]!);
        if (batch.length) await acceptEvents(ctx, batch);
        if (batch.length < 5000) break;
      }
    } finally {
      busy = false;
    }
  };

  const ready = push(t0).then(() => opts.log?.(`live feed: 200 agents, ${speed}× real time; an understaffed spell every 4 hours, the first now`));
  const timer = setInterval(() => void push(ctx.now()).catch((e) => opts.log?.(`live feed error: ${(e as Error).message}`)), opts.tickMs ?? 500);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  ctx.services.demoFeed = { stop };
  return { ready, stop, push };
}

export const liveFeedSeeder: DemoSeeder = {
  name: 'live floor feed',
  async seed(ctx, org) {
    await putSetting(ctx.store.db, org.centerId, THRESHOLDS_KEY, { notReadyMinExcess: 0.1, minStaffedS: 3600 }, ctx.now());
  },
  async live(ctx, org, log) {
    await floorService(ctx, org.centerId)?.reload();
    const feed = startDemoFeed(ctx, { log });
    await feed.ready;
  },
};
