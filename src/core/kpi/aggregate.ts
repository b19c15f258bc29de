import type { CallFloorEvent } from '../events';
import { dedupeEvents, sortEvents } from '../events';
import { emptyMeasures, SCALAR_MEASURES, type Measures } from './measures';
import { intervalStart, splitByInterval, type IntervalMin, type TzOffset } from './interval';

export interface KpiOptions {
  intervalMin?: IntervalMin; // default 15
  /** minutes east of UTC, or a function of the instant (resolve tz names outside core) */
  tzOffsetMin?: TzOffset;
  slThresholdS?: number; // default 20
  shortAbandonS?: number; // default 5
  /**
   * Longest counted agent state, ms (default 16 h): a state open longer without any change (a
   * forgotten logout, a clock jump) is closed at since + maxStateMs, as if the agent logged out
   * then. Bounds the time, and the work, one event or flush can add.
   */
  maxStateMs?: number;
}

export const DEFAULT_KPI_OPTIONS = { intervalMin: 15, slThresholdS: 20, shortAbandonS: 5, maxStateMs: 16 * 3_600_000 } as const;

export interface QueueRow extends Measures {
  intervalStart: number; // epoch ms
  queue: string;
}
export interface AgentRow extends Measures {
  intervalStart: number;
  agent: string;
}
export interface IntervalAggregates {
  intervalMin: number;
  queues: QueueRow[];
  agents: AgentRow[];
}

export type AgentState = 'loggedOut' | 'ready' | 'ringing' | 'talking' | 'hold' | 'acw' | 'notReady';

export interface AgentTrack {
  state: AgentState;
  reason: string | undefined;
  queue: string | undefined;
  since: number;
}

interface Segment {
  queue: string;
  enqTs: number;
  bucket: number; // interval start of queue entry
  agent: string | undefined; // set once connected
}

const CALL_STATES = new Set<AgentState>(['ringing', 'talking', 'hold', 'acw']);

/** One stored interval row: [interval start, queue or agent, ...scalar measures (SCALAR_MEASURES order), not-ready by reason?]. */
export type StateRow = [number, string, ...(number | Record<string, number>)[]];
/** A KpiAccumulator's whole state as plain data (exportState / restoreState). */
export interface AccumulatorState {
  queues: StateRow[];
  agents: StateRow[];
  /** each agent's open state: agent, state, reason, queue, since */
  now: [string, AgentState, string | null, string | null, number][];
  /** calls in a queue segment: call id, queue, entered at, interval of entry, agent once connected */
  segments: [string, string, number, number, string | null][];
}

/**
 * Incremental interval aggregation. Feed events in time order with add() (aggregateEvents() sorts
 * and dedupes for you), call flushUntil(ts) to count open agent states up to ts, then rows().
 *
 * Rules:
 * - A call segment runs from call.enqueued to connected + ended/transferred, or abandoned/timedOut.
 *   All its counts (offered, answered, abandoned, handled, transferred...) go to the interval in
 *   which it entered the queue. A connect/abandon without a seen enqueue implies one at ts − waitS.
 * - Wait = source waitS when given, else event ts − queue-entry ts.
 * - call.transferred ends the segment; if the call enters a queue again, that is a new segment
 *   (offered again in that queue).
 * - Agent state time is split across interval boundaries. A repeated identical state (same state,
 *   reason and queue) changes nothing. Any state other than logout implies a login.
 * - A state open for longer than `maxStateMs` is counted for `maxStateMs` only and then closed (the
 *   agent counts as logged out from there until its next event), so the work per event is bounded
 *   (at most maxStateMs / interval pieces) whatever its time.
 */
export class KpiAccumulator {
  readonly intervalMin: number;
  private readonly tz: TzOffset | undefined;
  private readonly sl: number;
  private readonly shortAb: number;
  private readonly maxState: number;
  private readonly queueRows = new Map<string, QueueRow>();
  private readonly agentRows = new Map<string, AgentRow>();
  private readonly agentsNow = new Map<string, AgentTrack>();
  private readonly segments = new Map<string, Segment>();

  constructor(opts: KpiOptions = {}) {
    this.intervalMin = opts.intervalMin ?? DEFAULT_KPI_OPTIONS.intervalMin;
    this.tz = opts.tzOffsetMin;
    this.sl = opts.slThresholdS ?? DEFAULT_KPI_OPTIONS.slThresholdS;
    this.shortAb = opts.shortAbandonS ?? DEFAULT_KPI_OPTIONS.shortAbandonS;
    const m = opts.maxStateMs ?? DEFAULT_KPI_OPTIONS.maxStateMs;
    this.maxState = Number.isFinite(m) && m > 0 ? m : DEFAULT_KPI_OPTIONS.maxStateMs;
  }

  /**
   * The row each agent / queue touched last: events come in time order, so most lookups are for that
   * same interval and skip building the `start|name` key (a replay of a day's events is millions of them).
   */
  private readonly lastQRow = new Map<string, QueueRow>();
  private readonly lastARow = new Map<string, AgentRow>();

  private qRow(start: number, queue: string): QueueRow {
    const last = this.lastQRow.get(queue);
    if (last !== undefined && last.intervalStart === start) return last;
    const k = `${start}|${queue}`;
    let r = this.queueRows.get(k);
    if (!r) this.queueRows.set(k, (r = { intervalStart: start, queue, ...emptyMeasures() }));
    this.lastQRow.set(queue, r);
    return r;
  }
  private aRow(start: number, agent: string): AgentRow {
    const last = this.lastARow.get(agent);
    if (last !== undefined && last.intervalStart === start) return last;
    const k = `${start}|${agent}`;
    let r = this.agentRows.get(k);
    if (!r) this.agentRows.set(k, (r = { intervalStart: start, agent, ...emptyMeasures() }));
    this.lastARow.set(agent, r);
    return r;
  }

  add(e: CallFloorEvent): void {
    if (e.type.startsWith('agent.')) this.addAgent(e);
    else this.addCall(e);
  }

  /** Current state of each agent (for the live board). */
  agentStates(): ReadonlyMap<string, Readonly<AgentTrack>> {
    return this.agentsNow;
  }
  /**
   * Resume an agent from a persisted state (the store keeps each agent's state between batches,
   * so a stream of events can be aggregated batch by batch with the same result as in one go).
   */
  restoreAgent(agent: string, t: Readonly<AgentTrack>): void {
    this.agentsNow.set(agent, { state: t.state, reason: t.reason, queue: t.queue, since: t.since });
  }
  /** Calls in a queue segment not yet finished. */
  openSegments(): number {
    return this.segments.size;
  }

  private addCall(e: CallFloorEvent): void {
    const callId = e.callId;
    const queue = e.queue;
    if (!callId || !queue) return;
    let seg = this.segments.get(callId);
    if (e.type === 'call.enqueued') {
      if (seg && seg.queue === queue && !seg.agent) return; // same call entering the same queue again: once
      this.open(callId, queue, e.ts);
      return;
    }
    if (e.type === 'call.ringing') return; // ring time comes from agent states
    if (!seg || seg.queue !== queue) {
      // an end or transfer for a segment not open (already closed, or never seen): nothing to count
      if (e.type === 'call.ended' || e.type === 'call.transferred') return;
      // no queue entry seen (e.g. file starts mid-call): infer it from the reported wait
      seg = this.open(callId, queue, e.ts - (e.waitS ?? 0) * 1000);
    }
    const wait = e.waitS ?? Math.max(0, (e.ts - seg.enqTs) / 1000);
    const q = this.qRow(seg.bucket, queue);
    switch (e.type) {
      case 'call.connected': {
        if (seg.agent) return; // already connected: a second connect is not a second answer
        seg.agent = e.agent ?? '?';
        q.answered += 1;
        q.handled += 1;
        q.waitAnswered += wait;
        if (wait <= this.sl) q.answeredWithinSl += 1;
        if (e.agent) this.aRow(seg.bucket, e.agent).handled += 1;
        return;
      }
      case 'call.transferred': {
        if (seg.agent) {
          q.transferred += 1;
          if (seg.agent !== '?') this.aRow(seg.bucket, seg.agent).transferred += 1;
        }
        this.segments.delete(callId);
        return;
      }
      case 'call.ended':
      case 'call.abandoned': {
        if (!seg.agent) {
          // left before any connection
          if (wait < this.shortAb) q.shortAbandoned += 1;
          else q.abandoned += 1;
          q.waitAbandoned += wait;
        }
        this.segments.delete(callId);
        return;
      }
      case 'call.timedOut': {
        if (!seg.agent) q.timedOut += 1;
        this.segments.delete(callId);
        return;
      }
    }
  }

  private open(callId: string, queue: string, enqTs: number): Segment {
    const seg: Segment = { queue, enqTs, bucket: intervalStart(enqTs, this.intervalMin, this.tz), agent: undefined };
    this.segments.set(callId, seg);
    this.qRow(seg.bucket, queue).offered += 1;
    return seg;
  }

  private addAgent(e: CallFloorEvent): void {
    const agent = e.agent;
    if (!agent) return;
    let t = this.agentsNow.get(agent);
    if (!t) {
      t = { state: 'loggedOut', reason: undefined, queue: undefined, since: e.ts };
      this.agentsNow.set(agent, t);
    }
    const ts = Math.max(e.ts, t.since); // late events are clamped, never counted backwards
    if (t.state !== 'loggedOut' && ts - t.since > this.maxState) this.accrue(agent, t, ts); // closes the stale state
    let state: AgentState;
    let reason: string | undefined;
    let queue: string | undefined;
    switch (e.type) {
      case 'agent.login':
        if (t.state !== 'loggedOut') return;
        state = 'ready';
        break;
      case 'agent.logout':
        state = 'loggedOut';
        break;
      case 'agent.ready':
        state = 'ready';
        break;
      case 'agent.notReady':
        state = 'notReady';
        reason = e.reason ?? 'other';
        break;
      default:
        state = e.type.slice(6) as AgentState; // ringing, talking, hold, acw
        queue = e.queue ?? (CALL_STATES.has(t.state) ? t.queue : undefined);
    }
    if (state === t.state && reason === t.reason && queue === t.queue) return; // repeated state: once
    this.accrue(agent, t, ts);
    if (state === 'notReady' && (t.state !== 'notReady' || t.reason !== reason)) {
      this.aRow(intervalStart(ts, this.intervalMin, this.tz), agent).notReadyCount += 1;
    }
    t.state = state;
    t.reason = reason;
    t.queue = queue;
    t.since = ts;
  }

  /**
   * Count t's state from t.since up to `to`, at most maxStateMs of it; a state longer than that is
   * closed at since + maxStateMs (t becomes loggedOut there).
   */
  private accrue(agent: string, t: AgentTrack, to: number): void {
    if (t.state === 'loggedOut' || to <= t.since) return;
    const { state, reason, queue } = t;
    const cap = t.since + this.maxState;
    if (to > cap) {
      t.state = 'loggedOut';
      t.reason = undefined;
      t.queue = undefined;
      const from = t.since;
      t.since = cap;
      this.accrueSpan(agent, state, reason, queue, from, cap);
      return;
    }
    this.accrueSpan(agent, state, reason, queue, t.since, to);
  }

  private accrueSpan(agent: string, state: AgentState, reason: string | undefined, queue: string | undefined, from: number, to: number): void {
    splitByInterval(from, to, this.intervalMin, this.tz, (start, s) => {
      const a = this.aRow(start, agent);
      a.staffed += s;
      const q = queue && CALL_STATES.has(state) ? this.qRow(start, queue) : undefined;
      switch (state) {
        case 'ready':
          a.idle += s;
          break;
        case 'notReady': {
          const r = reason ?? 'other';
          a.notReady += s;
          a.notReadyByReason[r] = (a.notReadyByReason[r] ?? 0) + s;
          break;
        }
        case 'ringing':
          a.ring += s;
          if (q) q.ring += s;
          break;
        case 'talking':
          a.talk += s;
          if (q) q.talk += s;
          break;
        case 'hold':
          a.hold += s;
          if (q) q.hold += s;
          break;
        case 'acw':
          a.acw += s;
          if (q) q.acw += s;
          break;
      }
    });
  }

  /** Count every open agent state up to ts (states stay open; call again later for more). */
  flushUntil(ts: number): void {
    for (const [agent, t] of this.agentsNow) {
      if (ts > t.since) {
        this.accrue(agent, t, ts); // a state longer than maxStateMs is closed (loggedOut) here
        t.since = ts;
      }
    }
  }

  /**
   * What the open agent states add up to `ts`, as fresh rows, leaving this accumulator as it is: live
   * figures "as of now" must not move an agent's state forward, or an event that arrives a moment
   * later with an earlier time would be clamped to now.
   */
  openRows(ts: number): { agents: AgentRow[]; queues: QueueRow[] } {
    const scratch = new KpiAccumulator({
      intervalMin: this.intervalMin as IntervalMin,
      tzOffsetMin: this.tz,
      slThresholdS: this.sl,
      shortAbandonS: this.shortAb,
    });
    for (const [agent, t] of this.agentsNow) if (ts > t.since) scratch.accrue(agent, { ...t }, ts);
    return { agents: [...scratch.agentRows.values()], queues: [...scratch.queueRows.values()] };
  }

  /**
   * Everything this accumulator holds, as plain JSON-able data (a periodic snapshot of the live floor,
   * so a restart replays only the events after it). Rows are arrays: start, name, the scalar measures in
   * SCALAR_MEASURES order, then the not-ready seconds by reason (omitted when none).
   */
  exportState(): AccumulatorState {
    const row = (r: QueueRow | AgentRow, name: string): StateRow => {
      const out: StateRow = [r.intervalStart, name, ...SCALAR_MEASURES.map((k) => r[k])];
      for (const _ in r.notReadyByReason) {
        out.push({ ...r.notReadyByReason });
        break;
      }
      return out;
    };
    return {
      queues: [...this.queueRows.values()].map((r) => row(r, r.queue)),
      agents: [...this.agentRows.values()].map((r) => row(r, r.agent)),
      now: [...this.agentsNow].map(([a, t]) => [a, t.state, t.reason ?? null, t.queue ?? null, t.since]),
      segments: [...this.segments].map(([c, s]) => [c, s.queue, s.enqTs, s.bucket, s.agent ?? null]),
    };
  }

  /** Continue from an exported state (same options); what this accumulator held before is replaced. */
  restoreState(s: AccumulatorState): void {
    this.queueRows.clear();
    this.agentRows.clear();
    this.agentsNow.clear();
    this.segments.clear();
    this.lastQRow.clear();
    this.lastARow.clear();
    const measures = (r: StateRow): Measures => {
      const m = emptyMeasures();
      SCALAR_MEASURES.forEach((k, i) => (m[k] = r[2 + i] as number));
      const by = r[2 + SCALAR_MEASURES.length];
      if (by && typeof by === 'object') m.notReadyByReason = { ...by };
      return m;
    };
    for (const r of s.queues) {
      const q: QueueRow = { intervalStart: r[0], queue: r[1], ...measures(r) };
      this.queueRows.set(`${q.intervalStart}|${q.queue}`, q);
    }
    for (const r of s.agents) {
      const a: AgentRow = { intervalStart: r[0], agent: r[1], ...measures(r) };
      this.agentRows.set(`${a.intervalStart}|${a.agent}`, a);
    }
    for (const [a, state, reason, queue, since] of s.now) this.agentsNow.set(a, { state, reason: reason ?? undefined, queue: queue ?? undefined, since });
    for (const [c, queue, enqTs, bucket, agent] of s.segments) this.segments.set(c, { queue, enqTs, bucket, agent: agent ?? undefined });
  }

  /** Queue rows in no particular order, without sorting (cheap, for live figures). */
  queueRowsUnsorted(): Iterable<QueueRow> {
    return this.queueRows.values();
  }
  /** Agent rows in no particular order, without sorting (cheap, for live figures). */
  agentRowsUnsorted(): Iterable<AgentRow> {
    return this.agentRows.values();
  }

  rows(): IntervalAggregates {
    const byStart =
      <R extends { intervalStart: number }>(key: (r: R) => string) =>
      (a: R, b: R) =>
        a.intervalStart - b.intervalStart || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
    return {
      intervalMin: this.intervalMin,
      queues: [...this.queueRows.values()].sort(byStart<QueueRow>((r) => r.queue)),
      agents: [...this.agentRows.values()].sort(byStart<AgentRow>((r) => r.agent)),
    };
  }
}

/**
 * Batch: dedupe by id, sort by time, aggregate, and count open agent states up to `untilTs`
 * (default: the last event's time; open calls stay offered without an outcome).
 */
export function aggregateEvents(events: readonly CallFloorEvent[], opts: KpiOptions & { untilTs?: number } = {}): IntervalAggregates {
  const acc = new KpiAccumulator(opts);
  const sorted = sortEvents(dedupeEvents(events));
  for (const e of sorted) acc.add(e);
  const last = sorted.length ? sorted[sorted.length - 1]!.ts : 0;
  acc.flushUntil(opts.untilTs ?? last);
  return acc.rows();
}
