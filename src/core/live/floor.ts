/**
 * The live floor, pure: each agent's current state and each queue's now-figures, kept from the
 * normalised event stream with the core KpiAccumulator for today's intervals. No clock: every
 * figure that depends on "now" takes it as a parameter. The server feeds it and publishes diffs.
 */
import { MAX_EVENT_TS, type CallFloorEvent, type EventType } from '../events';
import { KpiAccumulator, type AccumulatorState, type AgentState } from '../kpi/aggregate';
import { deriveKpis, type Kpis } from '../kpi/derive';
import { intervalStart, localDay, type TzOffset } from '../kpi/interval';
import { addMeasures, emptyMeasures, type Measures } from '../kpi/measures';
import type { NotReadyFigures, ScopeFigures, TalkingAgent, WaitingCall, DiagnosisInput } from '../diagnosis';

export interface FloorAgent {
  code: string;
  state: AgentState;
  /** when the agent entered this state (reason included), epoch ms */
  since: number;
  reason: string | undefined;
  /** queue of the call in hand */
  queue: string | undefined;
  /** calls connected to this agent today */
  callsToday: number;
  callId: string | undefined;
  /** when the call in hand was connected */
  callSince: number | undefined;
}

export interface QueueNow {
  queue: string;
  waiting: number;
  /** longest current wait, s (0 when nobody waits) */
  longestWaitS: number;
  /** agents serving this queue by state (loggedOut not counted) */
  agents: Partial<Record<AgentState, number>>;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  answerRate: number | null;
  asa: number | null;
}

export interface IntervalPoint {
  intervalStart: number;
  queue: string;
  offered: number;
  answered: number;
  serviceLevel: number | null;
  answerRate: number | null;
}

export interface LiveFloorOptions {
  tzOffsetMin?: TzOffset;
  intervalMin?: 15 | 30 | 60;
  slThresholdS?: number;
  shortAbandonS?: number;
  /** longest counted agent state, ms (the center's live.eventWindow maxStateHours; default 16 h) */
  maxStateMs?: number;
}

/**
 * A floor's whole state as plain data (agent tiles, calls waiting, queues seen, today's accumulator):
 * what a periodic snapshot stores so a restart replays only the events after it. `day` is the local day
 * it covers; a floor restored from it continues exactly as the one it was taken from.
 */
export interface FloorState {
  v: 1;
  day: string;
  dayStart: number;
  /** code, state, since, reason, queue, callsToday, callId, callSince */
  agents: [string, AgentState, number, string | null, string | null, number, string | null, number | null][];
  /** call id, queue, entered at */
  waiting: [string, string, number][];
  queues: string[];
  acc: AccumulatorState;
}

const CALL_STATES = new Set<AgentState>(['ringing', 'talking', 'hold', 'acw']);
const STATE_EVENT: Record<AgentState, EventType> = {
  loggedOut: 'agent.logout',
  ready: 'agent.ready',
  ringing: 'agent.ringing',
  talking: 'agent.talking',
  hold: 'agent.hold',
  acw: 'agent.acw',
  notReady: 'agent.notReady',
};

export class LiveFloor {
  private acc: KpiAccumulator;
  private readonly opts: LiveFloorOptions;
  /** local day (YYYY-MM-DD) the accumulator covers */
  private day: string | null = null;
  private dayStartTs = 0;
  /**
   * Before this instant `now` is surely still on `day` (so advance() needs no calendar work per event):
   * the next local midnight by the offset at the day's start, less 3 h for an offset change within the day.
   */
  private sameDayUntil = -Infinity;
  readonly agents = new Map<string, FloorAgent>();
  /** calls in a queue not yet connected or gone */
  readonly waiting = new Map<string, { queue: string; enqTs: number }>();
  /** agent codes changed since the last takeDirty() */
  private dirty = new Set<string>();
  private queuesChanged = false;
  /** queues seen (so a quiet queue still has a card) */
  readonly queues = new Set<string>();

  constructor(opts: LiveFloorOptions = {}) {
    this.opts = opts;
    this.acc = this.newAcc();
  }

  private newAcc() {
    return new KpiAccumulator({
      intervalMin: this.opts.intervalMin ?? 15,
      tzOffsetMin: this.opts.tzOffsetMin,
      slThresholdS: this.opts.slThresholdS,
      shortAbandonS: this.opts.shortAbandonS,
      maxStateMs: this.opts.maxStateMs,
    });
  }

  get today(): string | null {
    return this.day;
  }
  get todayStart(): number {
    return this.dayStartTs;
  }

  /** Start of the local day containing ts. */
  private startOfDay(ts: number): number {
    const tz = this.opts.tzOffsetMin;
    const off = (typeof tz === 'function' ? tz(ts) : (tz ?? 0)) * 60_000;
    return Math.floor((ts + off) / 86_400_000) * 86_400_000 - off;
  }

  /**
   * Move to the day of `now` when it is a later day: today's intervals start empty, agents keep
   * their state (their time from midnight counts for the new day), calls still waiting stay.
   */
  advance(now: number): void {
    if (now < this.sameDayUntil) return;
    const d = localDay(now, this.opts.tzOffsetMin);
    if (this.day === null) {
      this.setDay(d, this.startOfDay(now));
      return;
    }
    if (d <= this.day) return;
    const midnight = this.startOfDay(now);
    // a state open longer than the longest plausible one (a forgotten logout) is closed by the
    // accumulator: the tile shows it, and it is not carried into the new day
    this.acc.flushUntil(midnight);
    const counted = this.acc.agentStates();
    this.setDay(d, midnight);
    this.acc = this.newAcc();
    for (const a of this.agents.values()) {
      a.callsToday = 0;
      this.dirty.add(a.code);
      const t = counted.get(a.code);
      if (t && t.state === 'loggedOut' && a.state !== 'loggedOut') {
        a.state = 'loggedOut';
        a.since = t.since;
        a.reason = undefined;
        a.queue = undefined;
        a.callId = undefined;
        a.callSince = undefined;
      }
      if (a.state === 'loggedOut') continue;
      this.acc.add({ id: '', ts: midnight, type: STATE_EVENT[a.state], agent: a.code, reason: a.reason, queue: a.queue });
    }
    // a call still waiting keeps its queue entry (counted on the day it entered)
    for (const [callId, w] of this.waiting) this.acc.add({ id: '', ts: w.enqTs, type: 'call.enqueued', callId, queue: w.queue });
    this.queuesChanged = true;
  }

  private setDay(day: string, start: number): void {
    this.day = day;
    this.dayStartTs = start;
    const tz = this.opts.tzOffsetMin;
    const off = (typeof tz === 'function' ? tz(start) : (tz ?? 0)) * 60_000;
    const nextMidnight = Math.floor((start + off) / 86_400_000) * 86_400_000 + 86_400_000 - off;
    this.sameDayUntil = typeof tz === 'function' ? nextMidnight - 3 * 3_600_000 : nextMidnight;
  }

  /** This floor's state as plain data (null before any day: nothing to keep). */
  exportState(): FloorState | null {
    if (this.day === null) return null;
    return {
      v: 1,
      day: this.day,
      dayStart: this.dayStartTs,
      agents: [...this.agents.values()].map((a) => [
        a.code,
        a.state,
        a.since,
        a.reason ?? null,
        a.queue ?? null,
        a.callsToday,
        a.callId ?? null,
        a.callSince ?? null,
      ]),
      waiting: [...this.waiting].map(([c, w]) => [c, w.queue, w.enqTs]),
      queues: [...this.queues],
      acc: this.acc.exportState(),
    };
  }

  /** A floor (these options: the ones the state was taken with) continuing from an exported state. */
  static fromState(opts: LiveFloorOptions, s: FloorState): LiveFloor {
    const f = new LiveFloor(opts);
    f.setDay(s.day, s.dayStart);
    for (const [code, state, since, reason, queue, callsToday, callId, callSince] of s.agents)
      f.agents.set(code, {
        code,
        state,
        since,
        reason: reason ?? undefined,
        queue: queue ?? undefined,
        callsToday,
        callId: callId ?? undefined,
        callSince: callSince ?? undefined,
      });
    for (const [c, queue, enqTs] of s.waiting) f.waiting.set(c, { queue, enqTs });
    for (const q of s.queues) f.queues.add(q);
    f.acc.restoreState(s.acc);
    return f;
  }

  /** Apply events in time order. Events of an earlier day than the current one are ignored. */
  apply(events: readonly CallFloorEvent[]): void {
    for (const e of events) this.applyOne(e);
  }

  applyOne(e: CallFloorEvent): void {
    // never a time the door refuses (beyond 2100, beyond JS Date): it would move the floor's day
    if (!(e.ts >= 0 && e.ts <= MAX_EVENT_TS)) return;
    this.advance(e.ts);
    if (e.ts < this.dayStartTs) return; // late event from a day already closed
    this.acc.add(e);
    if (e.type.startsWith('agent.')) {
      const code = e.agent!;
      const t = this.acc.agentStates().get(code);
      if (!t) return;
      let a = this.agents.get(code);
      if (!a) {
        a = { code, state: 'loggedOut', since: e.ts, reason: undefined, queue: undefined, callsToday: 0, callId: undefined, callSince: undefined };
        this.agents.set(code, a);
      }
      if (a.state !== t.state || a.reason !== t.reason || a.queue !== t.queue) {
        if (a.state !== t.state || a.reason !== t.reason) a.since = Math.max(a.since, e.ts);
        a.state = t.state;
        a.reason = t.reason;
        a.queue = t.queue;
        if (!CALL_STATES.has(a.state)) {
          a.callId = undefined;
          a.callSince = undefined;
        }
        this.dirty.add(code);
        this.queuesChanged = true;
      }
      return;
    }
    const callId = e.callId!;
    if (e.queue) this.queues.add(e.queue);
    this.queuesChanged = true;
    switch (e.type) {
      case 'call.enqueued':
        this.waiting.set(callId, { queue: e.queue!, enqTs: e.ts });
        return;
      case 'call.ringing':
        return;
      case 'call.connected': {
        this.waiting.delete(callId);
        const code = e.agent!;
        let a = this.agents.get(code);
        if (!a) {
          a = { code, state: 'talking', since: e.ts, reason: undefined, queue: e.queue, callsToday: 0, callId: undefined, callSince: undefined };
          this.agents.set(code, a);
        }
        if (a.callId !== callId) {
          a.callsToday += 1;
          a.callId = callId;
          a.callSince = e.ts;
        }
        this.dirty.add(code);
        return;
      }
      default: {
        // ended, transferred, abandoned, timedOut
        this.waiting.delete(callId);
        const a = e.agent ? this.agents.get(e.agent) : undefined;
        if (a && a.callId === callId) {
          a.callId = undefined;
          a.callSince = undefined;
          this.dirty.add(a.code);
        }
      }
    }
  }

  /** Agent codes changed since the last call, and whether queue figures may have changed. */
  takeDirty(): { agents: FloorAgent[]; queuesChanged: boolean } {
    const agents = [...this.dirty].map((c) => this.agents.get(c)!).filter(Boolean);
    this.dirty.clear();
    const queuesChanged = this.queuesChanged;
    this.queuesChanged = false;
    return { agents, queuesChanged };
  }

  /** Today's summed queue measures, per queue and in total ('*'). */
  private todayQueueMeasures(): Map<string, Measures> {
    const out = new Map<string, Measures>();
    for (const r of this.acc.queueRowsUnsorted()) {
      if (r.intervalStart < this.dayStartTs) continue;
      let m = out.get(r.queue);
      if (!m) out.set(r.queue, (m = emptyMeasures()));
      addMeasures(m, r);
    }
    return out;
  }

  /**
   * Now-figures per queue. `queuesOf` gives an agent's skill queues (from the directory); an agent
   * without known skills counts for the queue of the call in hand only.
   */
  queueNow(now: number, queuesOf: (code: string) => readonly string[] | undefined = () => undefined): QueueNow[] {
    const today = this.todayQueueMeasures();
    const names = new Set<string>([...this.queues, ...today.keys()]);
    const byQueue = new Map<string, QueueNow>();
    for (const q of [...names].sort()) {
      const m = today.get(q) ?? emptyMeasures();
      const k = deriveKpis(m);
      byQueue.set(q, {
        queue: q,
        waiting: 0,
        longestWaitS: 0,
        agents: {},
        offered: m.offered,
        answered: m.answered,
        abandoned: m.abandoned + m.shortAbandoned,
        serviceLevel: k.serviceLevel,
        answerRate: k.answerRate,
        asa: k.asa,
      });
    }
    for (const w of this.waiting.values()) {
      const q = byQueue.get(w.queue);
      if (!q) continue;
      q.waiting += 1;
      q.longestWaitS = Math.max(q.longestWaitS, Math.max(0, (now - w.enqTs) / 1000));
    }
    for (const a of this.agents.values()) {
      if (a.state === 'loggedOut') continue;
      const qs = queuesOf(a.code) ?? (a.queue ? [a.queue] : []);
      for (const qn of qs) {
        const q = byQueue.get(qn);
        if (q) q.agents[a.state] = (q.agents[a.state] ?? 0) + 1;
      }
    }
    return [...byQueue.values()];
  }

  /** Today's intervals per queue (and '*' for all queues), in time order. */
  intervals(): IntervalPoint[] {
    const rows = new Map<string, { start: number; queue: string; m: Measures }>();
    const put = (start: number, queue: string, src: Measures) => {
      const k = `${start}|${queue}`;
      let r = rows.get(k);
      if (!r) rows.set(k, (r = { start, queue, m: emptyMeasures() }));
      addMeasures(r.m, src);
    };
    for (const r of this.acc.queueRowsUnsorted()) {
      if (r.intervalStart < this.dayStartTs) continue;
      put(r.intervalStart, r.queue, r);
      put(r.intervalStart, '*', r);
    }
    return [...rows.values()]
      .sort((a, b) => a.start - b.start || (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0))
      .map((r) => {
        const k = deriveKpis(r.m);
        return { intervalStart: r.start, queue: r.queue, offered: r.m.offered, answered: r.m.answered, serviceLevel: k.serviceLevel, answerRate: k.answerRate };
      });
  }

  /**
   * Agent-time measures summed per group from `from` (epoch ms, an interval start) up to now.
   * Open states count up to now (without being closed: a later event may still start earlier).
   */
  agentMeasures(
    now: number,
    from: number,
    groupOf: (code: string) => string | undefined,
  ): { total: Measures; groups: Map<string, Measures>; perAgent: Map<string, Measures> } {
    const total = emptyMeasures();
    const groups = new Map<string, Measures>();
    const perAgent = new Map<string, Measures>();
    for (const r of [...this.acc.agentRowsUnsorted(), ...this.acc.openRows(now).agents]) {
      if (r.intervalStart < from) continue;
      addMeasures(total, r);
      let p = perAgent.get(r.agent);
      if (!p) perAgent.set(r.agent, (p = emptyMeasures()));
      addMeasures(p, r);
      const g = groupOf(r.agent);
      if (g === undefined) continue;
      let m = groups.get(g);
      if (!m) groups.set(g, (m = emptyMeasures()));
      addMeasures(m, r);
    }
    return { total, groups, perAgent };
  }

  /** Queue measures summed from `from` up to now (open agent states counted up to `now` when given), per queue and in total. */
  queueMeasures(from: number, now?: number): { total: Measures; queues: Map<string, Measures> } {
    const total = emptyMeasures();
    const queues = new Map<string, Measures>();
    const open = now === undefined ? [] : this.acc.openRows(now).queues;
    for (const r of [...this.acc.queueRowsUnsorted(), ...open]) {
      if (r.intervalStart < from) continue;
      addMeasures(total, r);
      let m = queues.get(r.queue);
      if (!m) queues.set(r.queue, (m = emptyMeasures()));
      addMeasures(m, r);
    }
    return { total, queues };
  }

  /**
   * The input of the core diagnosis at `now`:
   * - center and each queue over the recent window (intervals starting at or after now − windowMin):
   *   answer rate from queue rows; occupancy / idle share from the agents (of the queue's skill, when
   *   known; else the whole floor);
   * - each team over the same window (no answer-rate verdict: teams are not offered calls);
   * - not-ready per agent and per team over today, against a usual share (`usualShare`, e.g. the
   *   person's past weeks; when it gives null, today's share of the whole floor is used);
   * - calls waiting now and calls in hand now.
   */
  diagnosisInput(
    now: number,
    opts: {
      windowMin: number;
      teamOf: (code: string) => string | undefined;
      queuesOf?: (code: string) => readonly string[] | undefined;
      usualShare?: (scope: 'agent' | 'team', subject: string) => number | null;
    },
  ): DiagnosisInput {
    this.advance(now);
    const intervalMin = this.opts.intervalMin ?? 15;
    const from = intervalStart(now - opts.windowMin * 60_000 + 1, intervalMin, this.opts.tzOffsetMin);
    const win = this.agentMeasures(now, from, opts.teamOf);
    const q = this.queueMeasures(from, now);
    const scopes: ScopeFigures[] = [];
    const fig = (scope: ScopeFigures['scope'], subject: string, calls: Measures | null, agents: Measures): ScopeFigures => {
      const ka = deriveKpis(agents);
      return {
        scope,
        subject,
        offered: calls?.offered ?? 0,
        answerRate: calls ? deriveKpis(calls).answerRate : null,
        occupancy: ka.occupancy,
        idleShare: ka.idleShare,
        staffed: agents.staffed,
      };
    };
    scopes.push(fig('center', '*', q.total, win.total));
    for (const [name, m] of [...q.queues].sort(([a], [b]) => (a < b ? -1 : 1))) {
      let agents = win.total;
      if (opts.queuesOf) {
        const skilled = emptyMeasures();
        let any = false;
        for (const [code, am] of win.perAgent) {
          if (opts.queuesOf(code)?.includes(name)) {
            addMeasures(skilled, am);
            any = true;
          }
        }
        if (any) agents = skilled;
      }
      scopes.push(fig('queue', name, m, agents));
    }
    for (const [team, m] of win.groups) scopes.push(fig('team', team, null, m));

    const day = this.agentMeasures(now, this.dayStartTs, opts.teamOf);
    const floorShare = deriveKpis(day.total).notReadyShare;
    const usual = (scope: 'agent' | 'team', subject: string) => opts.usualShare?.(scope, subject) ?? floorShare;
    const notReady: NotReadyFigures[] = [];
    for (const [code, m] of day.perAgent)
      notReady.push({ scope: 'agent', subject: code, notReadyShare: deriveKpis(m).notReadyShare, usualShare: usual('agent', code), staffed: m.staffed });
    for (const [team, m] of day.groups)
      notReady.push({ scope: 'team', subject: team, notReadyShare: deriveKpis(m).notReadyShare, usualShare: usual('team', team), staffed: m.staffed });

    const waiting: WaitingCall[] = [...this.waiting].map(([callId, w]) => ({ callId, queue: w.queue, waitS: Math.max(0, (now - w.enqTs) / 1000) }));
    const talking: TalkingAgent[] = [];
    for (const a of this.agents.values())
      if (a.callId && a.callSince !== undefined && (a.state === 'talking' || a.state === 'hold'))
        talking.push({ agent: a.code, talkS: (now - a.callSince) / 1000 });
    return { scopes, notReady, waiting, talking };
  }

  /** Today's KPIs of the whole floor (queue and agent figures), for the board's header. */
  todayKpis(now: number): Kpis & { offered: number; answered: number } {
    this.advance(now);
    const q = this.queueMeasures(this.dayStartTs, now).total;
    const a = this.agentMeasures(now, this.dayStartTs, () => undefined).total;
    const kq = deriveKpis(q);
    const ka = deriveKpis(a);
    return { ...kq, occupancy: ka.occupancy, idleShare: ka.idleShare, notReadyShare: ka.notReadyShare, offered: q.offered, answered: q.answered };
  }
}
