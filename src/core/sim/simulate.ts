/**
 * Discrete-event simulation of a call centre that emits the normalised events.
 * Seeded and pure: the same config gives the same events. Times are epoch ms from config.startTs.
 */
import type { CallFloorEvent } from '../events';
import { Heap } from './heap';
import { makeRng } from './rng';

export interface SimTeam {
  name: string;
  agents: number;
  queues: string[]; // queues this team serves
  shiftStartH: number; // local hour the shift starts (agents are staggered over the first hour)
  shiftHours: number; // >= 24: always on
  /**
   * Days worked, by agent: agent i of the team works the local weekdays (0 = Sunday) of
   * `workDays[i % workDays.length]` and is off the others; absent = every day. Ignored when always on.
   */
  workDays?: number[][];
}

/** Whether agent `i` of `team` works on local weekday `dow` (0 = Sunday). */
export function worksOn(team: SimTeam, i: number, dow: number): boolean {
  if (team.shiftHours >= 24 || !team.workDays?.length) return true;
  return team.workDays[i % team.workDays.length]!.includes(dow);
}

/**
 * The demo teams' weeks (issue 15 "the demo plans"): every agent works 4 days of 7 (9 h on site, 8.5 h
 * paid: about the 32–40 h of the demo's full-time contracts and what next week's plan gives an agent
 * on average), with three days off, mostly in a row; the days off lie mostly at the weekend, so each
 * day's staff follows the weekly call pattern (a team has 7 agents on Sunday, 15 on Monday, 8 on Saturday).
 * 20 patterns, one per agent of a team, listed as the days worked.
 */
const DEMO_WORK_DAYS: number[][] = (() => {
  // the days off of the 20 agents of a team (0 = Sunday), interleaved so the hour's stagger mixes them
  const off = [
    [6, 0, 1],
    [5, 6, 0],
    [6, 0, 3],
    [2, 3, 4],
    [6, 0, 1],
    [5, 6, 0],
    [3, 4, 0],
    [1, 2, 4],
    [6, 0, 3],
    [2, 3, 4],
    [6, 0, 1],
    [5, 6, 0],
    [2, 4, 5],
    [6, 0, 3],
    [2, 3, 4],
    [5, 6, 0],
    [3, 4, 0],
    [6, 0, 1],
    [2, 4, 5],
    [5, 6, 2],
  ];
  return off.map((o) => [0, 1, 2, 3, 4, 5, 6].filter((d) => !o.includes(d)));
})();

export interface SimConfig {
  seed: number;
  startTs: number; // epoch ms, local midnight of the first day
  days: number;
  tzOffsetMin?: number; // local time = UTC + offset (profiles are in local hours)
  queues: { name: string; share: number }[];
  teams: SimTeam[];
  /** calls a day on a weekday with weekly factor 1 */
  callsPerDay: number;
  /** 24 relative weights of the local hours; default flat */
  intraday?: number[];
  /** 7 factors, index = local day of week (0 = Sunday); default all 1 */
  weekly?: number[];
  handle: { meanS: number; cv?: number; dist?: 'lognormal' | 'exponential' };
  acwMeanS?: number; // exponential; 0 = none
  ringS?: number; // fixed ring before connect; counted as wait
  patienceMeanS?: number; // exponential caller patience; undefined = nobody abandons
  transferProb?: number; // at the end of talk, transferred to another queue
  holdProb?: number;
  holdMeanS?: number;
  breakProb?: number; // after a call, chance of a not-ready break
  breakMeanS?: number;
  breakReasons?: { reason: string; weight: number }[];
  mealBreakS?: number; // one meal break mid-shift (0 = none)
}

export const DEFAULT_DEMO_CONFIG: Omit<SimConfig, 'startTs' | 'days' | 'seed'> = {
  tzOffsetMin: 480,
  queues: [
    { name: 'general', share: 0.5 },
    { name: 'billing', share: 0.25 },
    { name: 'tech', share: 0.15 },
    { name: 'vip', share: 0.1 },
  ],
  teams: Array.from({ length: 10 }, (_, i) => ({
    name: `T${String(i + 1).padStart(2, '0')}`,
    agents: 20,
    queues: i < 5 ? ['general', 'billing'] : i < 8 ? ['general', 'tech'] : ['vip', 'billing', 'general'],
    shiftStartH: i % 2 === 0 ? 8 : 13,
    shiftHours: 9,
    workDays: DEMO_WORK_DAYS,
  })),
  // what the demo's contracts staff (issue 15 "the demo plans", measured with scripts/demoCapacity.ts): next
  // week's requirement (Erlang C 80/20 per queue, 15 % shrinkage) ≈ 5,900 agent-hours, the plan covers ≥ 95 %
  callsPerDay: 7000,
  // 08:00–22:00 with morning and afternoon peaks
  intraday: [0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 10, 9, 6, 7, 9, 9, 8, 7, 6, 5, 4, 3, 0, 0],
  weekly: [0.6, 1.2, 1.05, 1, 1, 1.05, 0.7],
  handle: { meanS: 240, cv: 0.8, dist: 'lognormal' },
  acwMeanS: 20,
  ringS: 3,
  patienceMeanS: 180,
  transferProb: 0.05,
  holdProb: 0.15,
  holdMeanS: 40,
  breakProb: 0.04,
  breakMeanS: 300,
  breakReasons: [
    { reason: 'break', weight: 6 },
    { reason: 'training', weight: 1 },
    { reason: 'meeting', weight: 1 },
    { reason: 'coaching', weight: 1 },
  ],
  mealBreakS: 1800,
};

type Kind = 'arrival' | 'abandon' | 'connect' | 'holdStart' | 'holdEnd' | 'talkEnd' | 'acwEnd' | 'breakEnd' | 'shiftStart' | 'shiftEnd' | 'meal';
interface Ev {
  t: number;
  seq: number;
  kind: Kind;
  agent?: Agent;
  call?: Call;
  ep?: number;
}
interface Call {
  id: string;
  queue: string;
  enq: number;
  agent: Agent | undefined;
  done: boolean;
  talkEnd: number;
}
interface Agent {
  code: string;
  team: string;
  queues: string[];
  state: 'out' | 'idle' | 'busy' | 'break';
  ep: number; // bumps cancel pending timers
  leaving: boolean;
  mealDue: boolean;
  call: Call | undefined;
}

export interface SimResult {
  agents: { agent: string; team: string }[];
  events: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Run the simulation, handing each event to emit() in time order. */
export function simulate(cfg: SimConfig, emit: (e: CallFloorEvent) => void): SimResult {
  const rng = makeRng(cfg.seed);
  const off = (cfg.tzOffsetMin ?? 0) * 60_000;
  const end = cfg.startTs + cfg.days * DAY;
  const intraday = cfg.intraday ?? Array(24).fill(1);
  const iSum = intraday.reduce((a, b) => a + b, 0);
  const weekly = cfg.weekly ?? Array(7).fill(1);
  const qNames = cfg.queues.map((q) => q.name);
  const qShares = cfg.queues.map((q) => q.share);
  const ringMs = (cfg.ringS ?? 0) * 1000;
  const reasons = cfg.breakReasons ?? [{ reason: 'break', weight: 1 }];
  const heap = new Heap<Ev>();
  let seq = 0;
  let nEvents = 0;
  let nCalls = 0;
  const idp = `sim${cfg.seed}-`;
  const at = (t: number, kind: Kind, x: Partial<Ev> = {}) => heap.push({ t, seq: seq++, kind, ...x });
  // the event model's times are whole epoch milliseconds (eventSchema: ts is an integer)
  const out = (e: Omit<CallFloorEvent, 'id'>) => emit({ id: idp + (nEvents++).toString(36), ...e, ts: Math.round(e.ts) } as CallFloorEvent);
  const handle = () => (cfg.handle.dist === 'exponential' ? rng.exp(cfg.handle.meanS) : rng.lognormal(cfg.handle.meanS, cfg.handle.cv ?? 0.8));

  // queues: FIFO with a head index; free agents in order of becoming free (longest idle first)
  const waiting = new Map<string, { a: Call[]; h: number }>(qNames.map((q) => [q, { a: [], h: 0 }]));
  const free: Agent[] = [];
  const agents: Agent[] = [];
  for (const team of cfg.teams) {
    for (let i = 0; i < team.agents; i++) {
      const a: Agent = {
        code: `${team.name}-${String(i + 1).padStart(3, '0')}`,
        team: team.name,
        queues: team.queues,
        state: 'out',
        ep: 0,
        leaving: false,
        mealDue: false,
        call: undefined,
      };
      agents.push(a);
      const stagger = (i / Math.max(1, team.agents)) * HOUR * (team.shiftHours >= 24 ? 0 : 1);
      for (let d = 0; d < cfg.days; d++) {
        const s = cfg.startTs + d * DAY + team.shiftStartH * HOUR + stagger;
        if (team.shiftHours >= 24) {
          if (d === 0) at(cfg.startTs, 'shiftStart', { agent: a });
          continue;
        }
        if (s >= end) continue;
        if (!worksOn(team, i, (Math.floor((s + off) / DAY) + 4) % 7)) continue; // 1970-01-01 was a Thursday
        at(s, 'shiftStart', { agent: a });
        at(Math.min(end, s + team.shiftHours * HOUR), 'shiftEnd', { agent: a });
        if (cfg.mealBreakS) at(s + (team.shiftHours * HOUR) / 2, 'meal', { agent: a });
      }
    }
  }

  const rateAt = (t: number) => {
    const local = t + off;
    const h = Math.floor((((local % DAY) + DAY) % DAY) / HOUR);
    const dow = (Math.floor(local / DAY) + 4) % 7; // 1970-01-01 was a Thursday
    return (cfg.callsPerDay * weekly[dow]! * intraday[h]!) / iSum / HOUR; // calls per ms
  };
  const nextArrival = (t: number) => {
    for (;;) {
      if (t >= end) return;
      const blockEnd = Math.min(end, Math.floor((t + off) / HOUR) * HOUR - off + HOUR);
      const r = rateAt(t);
      if (r > 0) {
        const dt = rng.exp(1 / r);
        if (t + dt < blockEnd) return at(t + dt, 'arrival');
      }
      t = blockEnd;
    }
  };
  nextArrival(cfg.startTs);

  const enqueue = (c: Call, t: number) => {
    c.enq = t;
    c.agent = undefined;
    out({ ts: t, type: 'call.enqueued', queue: c.queue, callId: c.id });
    const idx = free.findIndex((a) => a.queues.includes(c.queue));
    if (idx >= 0) {
      const a = free.splice(idx, 1)[0]!;
      assign(a, c, t);
      return;
    }
    const w = waiting.get(c.queue)!;
    w.a.push(c);
    if (cfg.patienceMeanS !== undefined) at(t + rng.exp(cfg.patienceMeanS) * 1000, 'abandon', { call: c, ep: c.enq });
  };

  const assign = (a: Agent, c: Call, t: number) => {
    a.state = 'busy';
    a.call = c;
    c.agent = a;
    a.ep++;
    if (ringMs > 0) {
      out({ ts: t, type: 'call.ringing', queue: c.queue, callId: c.id, agent: a.code });
      out({ ts: t, type: 'agent.ringing', agent: a.code, queue: c.queue });
    }
    at(t + ringMs, 'connect', { agent: a, call: c, ep: a.ep });
  };

  const takeWaiting = (a: Agent): Call | undefined => {
    let best: { a: Call[]; h: number } | undefined;
    for (const q of a.queues) {
      const w = waiting.get(q);
      if (!w) continue;
      while (w.h < w.a.length && (w.a[w.h]!.done || w.a[w.h]!.agent)) w.h++;
      if (w.h > 1024 && w.h * 2 > w.a.length) {
        w.a = w.a.slice(w.h);
        w.h = 0;
      }
      if (w.h < w.a.length && (!best || w.a[w.h]!.enq < best.a[best.h]!.enq)) best = w;
    }
    if (!best) return undefined;
    return best.a[best.h++];
  };

  /** The agent is done with whatever it did: leave, eat, pause or take the next call. */
  const available = (a: Agent, t: number) => {
    a.call = undefined;
    if (a.leaving) {
      a.leaving = false;
      a.state = 'out';
      a.ep++;
      out({ ts: t, type: 'agent.logout', agent: a.code });
      return;
    }
    if (a.mealDue || (cfg.breakProb && rng.next() < cfg.breakProb)) {
      const meal = a.mealDue;
      a.mealDue = false;
      a.state = 'break';
      a.ep++;
      const reason = meal
        ? 'meal'
        : rng.pick(
            reasons.map((r) => r.reason),
            reasons.map((r) => r.weight),
          );
      out({ ts: t, type: 'agent.notReady', agent: a.code, reason });
      at(t + (meal ? cfg.mealBreakS! * 1000 : rng.exp(cfg.breakMeanS ?? 300) * 1000), 'breakEnd', { agent: a, ep: a.ep });
      return;
    }
    const c = takeWaiting(a);
    out({ ts: t, type: 'agent.ready', agent: a.code });
    if (c) return assign(a, c, t);
    a.state = 'idle';
    free.push(a);
  };

  const unfree = (a: Agent) => {
    const i = free.indexOf(a);
    if (i >= 0) free.splice(i, 1);
  };

  for (let e = heap.pop(); e; e = heap.pop()) {
    const t = e.t;
    if (t > end) break;
    const a = e.agent;
    const c = e.call;
    switch (e.kind) {
      case 'arrival': {
        const call: Call = { id: `${idp}c${(nCalls++).toString(36)}`, queue: rng.pick(qNames, qShares), enq: t, agent: undefined, done: false, talkEnd: 0 };
        enqueue(call, t);
        nextArrival(t);
        break;
      }
      case 'abandon':
        if (!c!.done && !c!.agent && e.ep === c!.enq) {
          c!.done = true;
          out({ ts: t, type: 'call.abandoned', queue: c!.queue, callId: c!.id, waitS: (t - c!.enq) / 1000 });
        }
        break;
      case 'connect': {
        if (e.ep !== a!.ep) break;
        out({ ts: t, type: 'call.connected', queue: c!.queue, callId: c!.id, agent: a!.code, waitS: (t - c!.enq) / 1000 });
        out({ ts: t, type: 'agent.talking', agent: a!.code, queue: c!.queue });
        const h = handle() * 1000;
        c!.talkEnd = t + h;
        if (cfg.holdProb && rng.next() < cfg.holdProb) {
          const hs = t + h * rng.next() * 0.5;
          at(hs, 'holdStart', { agent: a, call: c, ep: a!.ep });
          at(Math.min(c!.talkEnd, hs + rng.exp(cfg.holdMeanS ?? 30) * 1000), 'holdEnd', { agent: a, call: c, ep: a!.ep });
        }
        at(c!.talkEnd, 'talkEnd', { agent: a, call: c, ep: a!.ep });
        break;
      }
      case 'holdStart':
        if (e.ep === a!.ep) out({ ts: t, type: 'agent.hold', agent: a!.code, queue: c!.queue });
        break;
      case 'holdEnd':
        if (e.ep === a!.ep && t < c!.talkEnd) out({ ts: t, type: 'agent.talking', agent: a!.code, queue: c!.queue });
        break;
      case 'talkEnd': {
        if (e.ep !== a!.ep) break;
        const others = qNames.filter((q) => q !== c!.queue);
        const transfer = cfg.transferProb && others.length && rng.next() < cfg.transferProb;
        if (transfer) {
          const target = rng.pick(others);
          out({ ts: t, type: 'call.transferred', queue: c!.queue, callId: c!.id, agent: a!.code, target });
        } else {
          c!.done = true;
          out({ ts: t, type: 'call.ended', queue: c!.queue, callId: c!.id, agent: a!.code });
        }
        a!.ep++;
        if (cfg.acwMeanS) {
          out({ ts: t, type: 'agent.acw', agent: a!.code, queue: c!.queue });
          at(t + rng.exp(cfg.acwMeanS) * 1000, 'acwEnd', { agent: a, ep: a!.ep });
        } else available(a!, t);
        if (transfer) {
          c!.queue = rng.pick(others);
          enqueue(c!, t);
        }
        break;
      }
      case 'acwEnd':
      case 'breakEnd':
        if (e.ep === a!.ep) available(a!, t);
        break;
      case 'shiftStart':
        if (a!.state === 'out') {
          a!.ep++;
          out({ ts: t, type: 'agent.login', agent: a!.code });
          available(a!, t);
        }
        a!.leaving = false;
        break;
      case 'shiftEnd':
        if (a!.state === 'idle' || a!.state === 'break') {
          unfree(a!);
          a!.state = 'out';
          a!.ep++;
          a!.mealDue = false;
          out({ ts: t, type: 'agent.logout', agent: a!.code });
        } else if (a!.state === 'busy') a!.leaving = true;
        break;
      case 'meal':
        if (a!.state === 'idle') {
          unfree(a!);
          a!.mealDue = true;
          available(a!, t);
        } else if (a!.state !== 'out') a!.mealDue = true;
        break;
    }
  }
  return { agents: agents.map((a) => ({ agent: a.code, team: a.team })), events: nEvents };
}

/** Convenience: collect the events in an array. */
export function simulateEvents(cfg: SimConfig): { events: CallFloorEvent[]; agents: { agent: string; team: string }[] } {
  const events: CallFloorEvent[] = [];
  const r = simulate(cfg, (e) => events.push(e));
  return { events, agents: r.agents };
}
