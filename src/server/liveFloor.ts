/**
 * The live-floor service: keeps the floor (core LiveFloor) from the event feed, pushes changes to
 * WebSocket topics in batches, runs the diagnosis on a timer and turns findings into stored,
 * de-duplicated alerts; counts calls of people pulled in by the emergency plan; raises stress
 * prompts to team leads.
 *
 * Topics (messages in src/contract/live.ts, rules in routes/live.ts):
 * - `floor:agents`        every changed agent tile (center-wide roles)
 * - `floor:team:<teamId>` changed tiles of one team (center-wide roles and that team's lead)
 * - `floor:queues`        queue now-figures, today's KPIs and intervals (center-wide roles, team leads)
 * - `alerts`              every alert change (center-wide roles)
 * - `alerts:team:<id>`    alerts about that team / its agents, and floor-wide ones (queues, center)
 * - `user:<leadUserId>`   stress prompts for that team lead
 *
 * One floor per center: each center of the database has its own service (its zone, thresholds,
 * alerts, diagnosis leadership, call-ins, directory) reading only its own events, and publishes on
 * that center's hub topics (`centerTopic(centerId, …)`): a socket subscribes by the names above and
 * is given its own center's (src/server/live.ts), so no socket of center A receives center B's
 * tiles, alerts or agents. A database with no center yet has one floor for center 0.
 *
 * State from the store: the floor is rebuilt from the stored events at start (the last day and a half,
 * in time order) and then follows the store's sequence — events accepted here, and those accepted by
 * other instances (told through the hub's NOTIFY bridge) — so a restarted or second instance shows the
 * same board as one that saw every event. One instance (advisory lock) runs the diagnosis.
 */
import { diagnose, DEFAULT_DIAGNOSIS_THRESHOLDS, DIAGNOSIS_THRESHOLDS_KEY, type DiagnosisThresholds, type Finding } from '../core/diagnosis';
import { sortEvents, type CallFloorEvent } from '../core/events';
import { LiveFloor, type FloorAgent, type FloorState } from '../core/live/floor';
import type { TzOffset } from '../core/kpi';
import { EVENT_WINDOW_KEY, eventWindowSettings, maxStateMs } from '../core/live/eventWindow';
import { zoneOffsetMin } from '../ingest/common';
import { getCenter, getSetting, listAgents, listCenters, listTeams } from '../store/org';
import { announceToRobots } from '../store/noticeDelivery';
import { addCallinCalls, createPrompt, listActiveAlerts, openCallins, raiseAlert, refreshAlerts } from '../store/live/repo';
import { maxEventSeq, replayStoredEventsFrom, storedEventsAfter } from '../store/live/tail';
import { diagnosisLeadership, type Leadership } from '../store/live/leader';
import { loadFloorSnapshot, saveFloorSnapshot } from '../store/live/snapshot';
import type { ServerContext } from './context';
import type { Service } from './capability';
import type { EventListener, StoredRange } from './eventFeed';
import { centerTopic } from './hub';
import { agentScope, depsOf, type Caller } from './route';
import { levelConditions, propose as proposeLevel } from '../services/duty/emergencyPlan';
import { levelReached } from '../core/live/duty';
import { serviceLevel } from '../core/kpi';
import { liveTopics, type Alert, type FloorSnapshot, type Prompt, type Tile } from '../contract/live';
import { userTopic } from '../contract/notifications';
import { publishTopic } from './contractCheck';
import { outOfAdherenceNow, overGrace, type OutOfAdherenceNow, type RtaActivity } from '../core/wfm/rta';
import { listShifts } from '../store/wfm/schedules';
import { intradaySettings } from '../services/wfm/intraday';

export const THRESHOLDS_KEY = DIAGNOSIS_THRESHOLDS_KEY;
export const PIECE_RATE_KEY = 'live.pieceRate';
export const DEFAULT_PIECE_RATE = 3;
/** Hub topic (never subscribable by sockets) telling other instances that events were stored. */
export const STORED_TOPIC = 'internal:live.stored';
/**
 * A catch-up reads at most TAIL_BATCH rows and TAIL_SCAN sequences per query, and lets the event loop turn
 * between two (better-sqlite3 answers synchronously: an import thread's 20,000 rows read in one query held
 * every request 50–180 ms during an upload, bench/import.ts).
 */
const TAIL_BATCH = 5_000;
const TAIL_SCAN = 20_000;

export interface LiveFloorServiceOptions {
  /** period of the timed push (day change, growing waits, anything not pushed on apply), ms */
  tickMs?: number;
  /**
   * diffs go out as soon as events are applied when the last push was at least this long ago, else at
   * that moment (adaptive: a quiet floor pushes at once, a busy one at most this often), ms
   */
  pushGapMs?: number;
  /** diagnosis period, ms */
  diagnoseMs?: number;
  /** directory (agents, teams) reload period, ms */
  directoryMs?: number;
  /** false: no timers (tests drive tick() / diagnose() themselves) */
  timers?: boolean;
  /** recent window the staffing verdicts look at, minutes */
  windowMin?: number;
  /** full queue figures at least this often even when nothing changed (waits grow), ms */
  queuesEveryMs?: number;
  /** the leading instance stores a snapshot of the floor this often (and at stop), ms; 0: only at stop */
  snapshotMs?: number;
  /** false: neither write snapshots nor start from one (every start replays the day's events) */
  snapshots?: boolean;
}

/** How the floor was last rebuilt: from a snapshot (and the events stored after it) or from the day's events. */
export interface RebuildInfo {
  from: 'snapshot' | 'events';
  /** the snapshot's sequence (from: snapshot) */
  snapshotSeq: number | null;
  /** events applied after the snapshot, or replayed from the store */
  events: number;
}

interface DirAgent {
  agentId: number;
  name: string;
  teamId: number | null;
  queues: string[];
}

export type { Tile };

/** A diagnosis finding, or real-time adherence's (src/core/wfm/rta.ts), which the live floor adds beside it. */
type FloorFinding = Omit<Finding, 'kind'> & { kind: Finding['kind'] | 'outOfAdherence' };

type AlertRow = Awaited<ReturnType<typeof listActiveAlerts>>[number];
type PromptRow = Awaited<ReturnType<typeof createPrompt>>;

/** An alert as the contract carries it: figures parsed (the store keeps them as JSON text). */
export function alertOf(row: AlertRow): Alert {
  return { ...row, status: row.status as Alert['status'], figures: JSON.parse(row.figures) };
}
/** A stress prompt as the contract carries it: detail parsed. */
export function promptOf(row: PromptRow): Prompt {
  return { ...row, kind: row.kind as Prompt['kind'], detail: JSON.parse(row.detail) };
}

/** Offset of an IANA zone, cached per hour (the floor asks for every event). */
function cachedZone(zone: string) {
  const cache = new Map<number, number>();
  return (ts: number) => {
    const h = Math.floor(ts / 3_600_000);
    let v = cache.get(h);
    if (v === undefined) {
      if (cache.size > 1000) cache.clear();
      cache.set(h, (v = zoneOffsetMin(zone, ts)));
    }
    return v;
  };
}

/**
 * What a NOTIFY on STORED_TOPIC carries when the events fit: the center, and ALL of its events with a
 * sequence in (a, z], as compact rows [seq, ts, type, queue, agent, callId, reason, waitS].
 */
export interface StoredDelta {
  c: number;
  a: number;
  z: number;
  e: DeltaRow[];
}
type DeltaRow = [number, number, string, string | null, string | null, string | null, string | null, number | null];

/** PostgreSQL refuses payloads of 8,000 bytes: the bridge's envelope and topic take the rest. */
const DELTA_BYTES = 7_600;
/** More payloads than this for one read: the other instances read it from the store instead. */
const MAX_DELTA_CHUNKS = 8;

const deltaEvent = (r: DeltaRow): CallFloorEvent => ({
  id: '',
  ts: r[1],
  type: r[2] as CallFloorEvent['type'],
  queue: r[3] ?? undefined,
  agent: r[4] ?? undefined,
  callId: r[5] ?? undefined,
  reason: r[6] ?? undefined,
  waitS: r[7] ?? undefined,
});

/**
 * The events of one read (the center's events with a sequence in (after, seqs[last]]) cut into deltas
 * that each fit a NOTIFY and chain: each covers from the previous one's last sequence. Null when that
 * takes more than MAX_DELTA_CHUNKS payloads (or one event alone does not fit). With `last`, the read's range
 * ended there (rows after the last event read past): the deltas cover up to it.
 */
export function deltaChunks(centerId: number, after: number, events: readonly CallFloorEvent[], seqs: readonly number[], last?: number): StoredDelta[] | null {
  const out: StoredDelta[] = [];
  let cur: StoredDelta = { c: centerId, a: after, z: after, e: [] };
  let size = 64; // {"c":…,"a":…,"z":…,"e":[]}
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const row: DeltaRow = [seqs[i]!, e.ts, e.type, e.queue ?? null, e.agent ?? null, e.callId ?? null, e.reason ?? null, e.waitS ?? null];
    const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (bytes + 64 > DELTA_BYTES) return null;
    if (size + bytes > DELTA_BYTES) {
      out.push(cur);
      if (out.length >= MAX_DELTA_CHUNKS) return null;
      cur = { c: centerId, a: cur.z, z: cur.z, e: [] };
      size = 64;
    }
    cur.e.push(row);
    cur.z = row[0];
    size += bytes;
  }
  if (cur.e.length) out.push(cur);
  // rows read past (older than the floor's window): the range still ends at `last`, so the receiver moves past them too
  if (last !== undefined && last > cur.z) {
    if (cur.e.length) cur.z = last;
    else out.push({ c: centerId, a: cur.z, z: last, e: [] });
  }
  return out;
}

export class LiveFloorService {
  floor: LiveFloor;
  thresholds: DiagnosisThresholds = { ...DEFAULT_DIAGNOSIS_THRESHOLDS };
  private dir = new Map<string, DirAgent>();
  teams = new Map<number, { name: string; leadUserId: number | null }>();
  /** running call-ins by telephony code */
  private callins = new Map<string, { id: number; name: string; position: string; staffId: number; startedAt: number; calls: number }>();
  private active = new Map<string, AlertRow>();
  /** keys of alerts closed while their condition still held: not raised again until it clears */
  private suppressed = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private lastQueuesAt = 0;
  private lastIntervalsAt = 0;
  private diagnosing = false;
  /** the last stored event (by the store's sequence) applied to the floor */
  private lastSeq = 0;
  /** floor rebuilds and catch-ups run one at a time, in call order */
  private serial: Promise<void> = Promise.resolve();
  private pendingCatchUp: Promise<number> | null = null;
  private zone: TzOffset = 480;
  /** the longest agent state counted (the center's event window), also how far before midnight a rebuild reads */
  private maxStateMs = maxStateMs(eventWindowSettings(null));
  private leadership: Leadership | null = null;
  private unsubStored: (() => void) | null = null;
  /** the zone's name (with the longest state, the basis a snapshot is taken under) */
  private zoneName = 'fixed:480';
  private stopping: Promise<void> | null = null;
  /** real-time adherence: today's published activities (reloaded with the directory), the grace, who is out now */
  private rtaActs: RtaActivity[] = [];
  private rtaGraceMin = 5;
  private rta = new Map<string, OutOfAdherenceNow>();
  private lastRtaAt = -Infinity;
  /** agents whose RTA status changed and whose tiles have not gone out since (the next tick sends them) */
  private rtaUnsent = new Set<string>();
  /** how the last rebuild went (tests, the rebuild bench) */
  rebuildInfo: RebuildInfo | null = null;
  /** when tiles last went out (monotonic ms) and the push waiting for the gap to pass */
  private lastPushAt = -Infinity;
  private pushTimer: NodeJS.Timeout | null = null;
  /** events of other instances applied from NOTIFY deltas without a read, and reads a delta could not spare (tests, bench) */
  readonly deltaStats = { applied: 0, reads: 0 };
  /** import thread batches followed (onImported): told, and rows read back from the store instead (a gap) */
  readonly importStats = { batches: 0, rowsRead: 0 };
  readonly opts: Required<LiveFloorServiceOptions>;

  constructor(
    readonly ctx: ServerContext,
    /** the center this floor is of (0: the database has no center yet) */
    readonly centerId: number,
    opts: LiveFloorServiceOptions = {},
  ) {
    this.opts = {
      tickMs: opts.tickMs ?? 200,
      pushGapMs: opts.pushGapMs ?? 50, // p99 event-to-browser under 250 ms, on the other instance too (bench/live.ts)
      diagnoseMs: opts.diagnoseMs ?? 10_000,
      directoryMs: opts.directoryMs ?? 60_000,
      timers: opts.timers ?? true,
      windowMin: opts.windowMin ?? 30,
      queuesEveryMs: opts.queuesEveryMs ?? 2_000,
      snapshotMs: opts.snapshotMs ?? 60_000,
      snapshots: opts.snapshots ?? true,
    };
    this.floor = new LiveFloor({ tzOffsetMin: 480 }); // replaced by reload() in the center's zone
  }

  /** This center's hub topic for a topic name sockets subscribe to. */
  topic(name: string): string {
    return centerTopic(this.centerId, name);
  }

  async start() {
    await this.reload();
    // another instance stored events: apply the ones its NOTIFY carries, else read them from the store, in its order
    this.unsubStored = this.ctx.hub.subscribe(STORED_TOPIC, (_t, d) => void this.onStored(d).catch(() => {}));
    if (this.opts.timers) {
      const every = (ms: number, fn: () => unknown) => {
        const t = setInterval(() => {
          if (!this.stopped) Promise.resolve(fn()).catch(() => {});
        }, ms);
        t.unref();
        this.timers.push(t);
      };
      every(this.opts.tickMs, () => this.tick(this.ctx.now()));
      every(this.opts.diagnoseMs, () => this.diagnose(this.ctx.now()));
      every(this.opts.directoryMs, () => this.loadDirectory());
      if (this.opts.snapshots && this.opts.snapshotMs > 0) every(this.opts.snapshotMs, () => this.writeSnapshot(this.ctx.now()));
    }
  }

  /**
   * Stops the timers and the following of other instances; the leader stores a last snapshot first
   * (`snapshot: false`: not, as after a crash). Never throws: a store already closed only loses that snapshot.
   */
  stop(opts: { snapshot?: boolean } = {}): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopped = true;
    this.unsubStored?.();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    const last = opts.snapshot === false ? Promise.resolve(false) : this.writeSnapshot(this.ctx.now()).catch(() => false);
    this.stopping = last
      .then(() => this.leadership?.release())
      .then(
        () => undefined,
        () => undefined,
      );
    return this.stopping;
  }

  /** The options a snapshot is taken under: one taken under others (zone, longest state) is not used. */
  private snapshotBasis(): string {
    return `v1|${this.zoneName}|${this.maxStateMs}`;
  }

  /**
   * Stores the floor as it is now with the sequence it covers, when this instance leads the center (one
   * writer). The state and its sequence are read in one synchronous step: every apply sets the floor and
   * `lastSeq` together, so the snapshot holds each event up to its sequence once and none after it.
   */
  async writeSnapshot(now: number): Promise<boolean> {
    if (!this.opts.snapshots) return false;
    this.leadership ??= diagnosisLeadership(this.ctx.store, this.centerId);
    if (!(await this.leadership.held())) return false;
    this.floor.advance(now);
    const state = this.floor.exportState();
    if (!state) return false;
    const seq = this.lastSeq;
    const text = JSON.stringify(state);
    await saveFloorSnapshot(this.ctx.store.db, { centerId: this.centerId, day: state.day, seq, basis: this.snapshotBasis(), takenAt: now, state: text });
    return true;
  }

  /** (Re)reads the center, its thresholds, alerts still active and the directory. */
  async reload() {
    const center = this.centerId ? await getCenter(this.ctx.store.db, this.centerId) : undefined;
    if (center) {
      this.zoneName = center.timezone || 'Asia/Shanghai';
      this.zone = cachedZone(this.zoneName);
      if (!this.leadership) this.leadership = diagnosisLeadership(this.ctx.store, center.id);
      // the longest counted agent state follows the center's event window; a rebuild reads that far back
      this.maxStateMs = maxStateMs(eventWindowSettings(await getSetting(this.ctx.store.db, center.id, EVENT_WINDOW_KEY)));
      const th = await getSetting<Partial<DiagnosisThresholds>>(this.ctx.store.db, center.id, THRESHOLDS_KEY);
      this.thresholds = { ...DEFAULT_DIAGNOSIS_THRESHOLDS, ...(th ?? {}) };
      this.active.clear();
      for (const a of await listActiveAlerts(this.ctx.store.db, center.id)) this.active.set(a.dedupe_key, a);
    }
    await this.loadDirectory();
    await this.rebuild(this.ctx.now());
  }

  /** The store sequence of the last event this floor has applied. */
  get appliedSeq(): number {
    return this.lastSeq;
  }

  private exclusive(fn: () => Promise<void>): Promise<void> {
    const run = this.serial.then(fn);
    this.serial = run.catch(() => {});
    return run;
  }

  /**
   * A fresh floor: from the center's newest snapshot when it is of today and taken under the same
   * options (then the events stored after its sequence follow, by catchUp), else from the stored events
   * since the lookback before today's local midnight.
   */
  async rebuild(now: number) {
    let tailFrom = -1;
    await this.exclusive(async () => {
      const db = this.ctx.store.db;
      const upto = await maxEventSeq(db);
      const opts = { tzOffsetMin: this.zone, maxStateMs: this.maxStateMs };
      const probe = new LiveFloor(opts);
      probe.advance(now);
      const snap = this.opts.snapshots ? await loadFloorSnapshot(db, this.centerId) : undefined;
      // another day's, another basis's, or one ahead of the store (a database restored from an older backup): not used
      if (snap && snap.day === probe.today && snap.basis === this.snapshotBasis() && snap.seq <= upto) {
        const floor = LiveFloor.fromState(opts, JSON.parse(snap.state) as FloorState);
        floor.advance(now);
        this.floor = floor;
        this.lastSeq = snap.seq;
        tailFrom = snap.seq;
        return;
      }
      const floor = new LiveFloor(opts);
      // streamed in batches, one reused row object: the floor keeps no reference to an event
      const n = await replayStoredEventsFrom(this.ctx.store, probe.todayStart - this.maxStateMs, upto, (e) => floor.applyOne(e), this.centerId);
      floor.advance(now);
      this.floor = floor;
      this.lastSeq = upto;
      this.rebuildInfo = { from: 'events', snapshotSeq: null, events: n };
    });
    const applied = await this.catchUp();
    if (tailFrom >= 0) this.rebuildInfo = { from: 'snapshot', snapshotSeq: tailFrom, events: applied };
  }

  /**
   * Apply what the store accepted since the last event applied, in the store's order (each batch in
   * time order). Calls made while one waits to start share it.
   */
  catchUp(): Promise<number> {
    if (this.pendingCatchUp) return this.pendingCatchUp;
    let applied = 0;
    const run = this.exclusive(async () => {
      this.pendingCatchUp = null;
      // up to what is stored now (what is stored later has its own catch-up); of it only the events the floor
      // can use: from the longest open state before today's start (an older one changes nothing, LiveFloor.applyOne)
      const top = await maxEventSeq(this.ctx.store.db);
      const fromTs = this.floor.today === null ? -Infinity : this.floor.todayStart - this.maxStateMs;
      while (this.lastSeq < top) {
        const after = this.lastSeq;
        const range = { uptoSeq: Math.min(top, after + TAIL_SCAN), fromTs };
        const { events, seqs, lastSeq } = await storedEventsAfter(this.ctx.store.db, after, TAIL_BATCH, this.centerId, range);
        if (events.length) this.floor.apply(events.length > 1 ? sortEvents(events) : events);
        this.lastSeq = lastSeq;
        applied += events.length;
        // the other instances apply what this read found from the NOTIFY, without reading it themselves
        this.forwardApplied(after, lastSeq, events, seqs);
        if (events.length) this.pushSoon();
        if (this.lastSeq < top) await new Promise((r) => setImmediate(r));
      }
    }).then(() => applied);
    this.pendingCatchUp = run;
    return run;
  }

  /**
   * Tell the other instances what was just applied: the center's events with a sequence in (after, last],
   * in compact rows, in as many NOTIFY payloads as it takes (each within PostgreSQL's 8,000 bytes); when that
   * would be more than a few, a bare "stored" that has them read it from the store.
   */
  private forwardApplied(after: number, last: number, events: CallFloorEvent[], seqs: number[]) {
    const forward = this.ctx.hub.forward;
    if (!forward) return;
    const chunks = deltaChunks(this.centerId, after, events, seqs, last);
    if (!chunks) forward(STORED_TOPIC, { c: this.centerId });
    else for (const c of chunks) forward(STORED_TOPIC, c);
  }

  /**
   * A batch the import thread stored, rows (after, last] of the store: `events` are those of them from
   * `liveFrom` on (the others are older than this floor's window: a rebuild would not read them either).
   * Applied as they are when the floor has read up to `after`, and the floor moves past the batch without
   * reading it back; otherwise (rows of others in between not read yet) read from the store as usual.
   */
  private async onImported(events: CallFloorEvent[], stored: StoredRange): Promise<void> {
    let gap = false;
    this.importStats.batches++;
    await this.exclusive(async () => {
      if (this.lastSeq >= stored.last) return; // read already
      if (this.lastSeq < stored.after || stored.liveFrom > this.floor.todayStart - this.maxStateMs) {
        gap = true;
        return;
      }
      this.floor.apply(events.length > 1 ? sortEvents(events) : events);
      this.lastSeq = stored.last;
      if (events.length) this.pushSoon();
    });
    if (gap) this.importStats.rowsRead += await this.catchUp();
  }

  /**
   * Another instance stored events. A delta that continues from what this floor applied is applied
   * here (the part after `lastSeq`); one that leaves a gap (a message lost, another center's events in
   * between, a batch too large to carry) and a bare notice are read from the store instead.
   */
  async onStored(d: unknown): Promise<void> {
    const delta = d as Partial<StoredDelta> | null;
    if (delta && typeof delta.c === 'number' && delta.c !== this.centerId) return; // another center's floor
    if (!delta || !Array.isArray(delta.e) || typeof delta.a !== 'number' || typeof delta.z !== 'number') {
      this.deltaStats.reads++;
      await this.catchUp();
      return;
    }
    const { a: after, z: last, e: rows } = delta as StoredDelta;
    let gap = false;
    await this.exclusive(async () => {
      if (this.lastSeq >= last) return; // applied already (read it, or this instance sent it)
      if (this.lastSeq < after) {
        gap = true;
        return;
      }
      const events = rows.filter((r) => r[0] > this.lastSeq).map(deltaEvent);
      this.floor.apply(events.length > 1 ? sortEvents(events) : events);
      this.lastSeq = last;
      this.deltaStats.applied += events.length;
      this.pushSoon();
    });
    if (gap) {
      this.deltaStats.reads++;
      await this.catchUp();
    }
  }

  /**
   * Push the changes now when the last push is at least `pushGapMs` old, else once it is (one push
   * waiting at a time). Without timers (tests), pushes happen only when tick() is called.
   */
  private pushSoon() {
    if (!this.opts.timers || this.stopped || this.pushTimer) return;
    const wait = this.lastPushAt + this.opts.pushGapMs - performance.now();
    if (wait <= 0) {
      this.tick(this.ctx.now());
      return;
    }
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      if (!this.stopped) this.tick(this.ctx.now());
    }, wait);
    this.pushTimer.unref();
  }

  /** Agents and teams from the organisation; running call-ins of the emergency plan. */
  async loadDirectory() {
    const db = this.ctx.store.db;
    const dir = new Map<string, DirAgent>();
    for (const a of await listAgents(db, { status: 'active', scope: { kind: 'all', centerId: this.centerId } }))
      if (a.ext_code) dir.set(a.ext_code, { agentId: a.id, name: a.name, teamId: a.team_id, queues: a.queues });
    this.dir = dir;
    this.teams = new Map((await listTeams(db, { centerId: this.centerId })).map((t) => [t.id, { name: t.name, leadUserId: t.lead_user_id }]));
    if (this.centerId) {
      await this.loadSchedule(this.ctx.now());
      const rows = await openCallins(db, this.centerId);
      this.callins = new Map(
        rows.map((r) => [r.ext_code, { id: r.id, name: r.name, position: r.position, staffId: r.staff_id, startedAt: r.started_at, calls: r.calls }]),
      );
    }
  }

  /**
   * Today's published activities (a day either side, so a night shift counts) and the center's RTA grace.
   * Reloaded with the directory (every minute), so accepted break moves and offers show within a minute.
   */
  async loadSchedule(now: number) {
    if (!this.centerId) return;
    const shifts = await listShifts(this.ctx.store.db, { centerId: this.centerId, from: now - 86_400_000, to: now + 86_400_000, publishedOnly: true });
    this.rtaActs = shifts.flatMap((s) => s.activities.map((a) => ({ agentId: s.agentId, kind: a.kind, start: a.start, end: a.end })));
    this.rtaGraceMin = (await intradaySettings(depsOf(this.ctx), this.centerId)).rtaGraceMin;
    this.lastRtaAt = -Infinity;
  }

  /**
   * The one writer of the RTA map: recomputes who is out of adherence now — at most every 2 s, or at once when
   * `fresh` (the alert reconcile) — and marks the agents whose status changed as unsent, so the next tick sends
   * their tiles whoever recomputed (before, a reconcile between two ticks took the change and the tick saw none).
   */
  private refreshRta(now: number, fresh = false) {
    if (!fresh && now - this.lastRtaAt < 2_000) return;
    this.lastRtaAt = now;
    if (!this.rtaActs.length && !this.rta.size) return;
    const agents = [...this.floor.agents.values()].flatMap((a) => {
      const d = this.dir.get(a.code);
      return d ? [{ agentId: d.agentId, code: a.code, state: a.state, reason: a.reason ?? null, since: a.since }] : [];
    });
    const next = new Map(outOfAdherenceNow(now, this.rtaActs, agents).map((o) => [o.code, o]));
    for (const [code, o] of next) {
      const was = this.rta.get(code);
      if (!was || was.scheduled !== o.scheduled || was.since !== o.since) this.rtaUnsent.add(code);
    }
    for (const code of this.rta.keys()) if (!next.has(code)) this.rtaUnsent.add(code);
    this.rta = next;
  }

  /** Agents out of adherence for longer than the grace, as findings (raised, kept and cleared like every alert). */
  private rtaFindings(now: number): FloorFinding[] {
    this.refreshRta(now, true);
    if (this.rtaUnsent.size) this.pushSoon(); // the badges go out with the alert, not a tick later
    return overGrace([...this.rta.values()], now, this.rtaGraceMin).map((o) => ({
      kind: 'outOfAdherence' as const,
      scope: 'agent' as const,
      subject: o.code,
      figures: { outMin: Math.floor((now - o.since) / 60_000), graceMin: this.rtaGraceMin },
      action: 'live.suggest.outOfAdherence',
    }));
  }

  setCallin(ext: string, c: { id: number; name: string; position: string; staffId: number; startedAt: number; calls: number } | null) {
    if (c) this.callins.set(ext, c);
    else this.callins.delete(ext);
    publishTopic(this.ctx, liveTopics.floorAgents, {}, { at: this.ctx.now(), callins: this.callinList() }, this.centerId);
  }

  callinList() {
    return [...this.callins].map(([ext, c]) => ({ ...c, extCode: ext, tile: this.floor.agents.get(ext) ? this.tile(this.floor.agents.get(ext)!) : null }));
  }

  private queuesOf = (code: string) => this.dir.get(code)?.queues;
  private teamOf = (code: string) => {
    const t = this.dir.get(code)?.teamId;
    return t == null ? undefined : String(t);
  };

  /**
   * The listener: events this instance's store sink just accepted, each once. The floor reads them back
   * from the store (with any another instance stored meanwhile); call-ins are counted here only, by the
   * instance that accepted the events, so two instances never count a call twice.
   */
  async onEvents(events: CallFloorEvent[], stored?: StoredRange) {
    if (stored) await this.onImported(events, stored);
    else {
      if (!events.length) return;
      // read back in the store's order (with whatever other instances stored meanwhile); that read goes on to them as deltas
      await this.catchUp();
    }
    if (this.callins.size) {
      const counts = new Map<number, number>();
      for (const e of events) {
        if (e.type !== 'call.ended' && e.type !== 'call.transferred') continue;
        const c = e.agent ? this.callins.get(e.agent) : undefined;
        if (!c || e.ts < c.startedAt) continue;
        c.calls += 1;
        counts.set(c.id, (counts.get(c.id) ?? 0) + 1);
      }
      if (counts.size) await addCallinCalls(this.ctx.store.db, counts);
    }
  }

  tile(a: FloorAgent): Tile {
    const d = this.dir.get(a.code);
    const c = this.callins.get(a.code);
    return {
      code: a.code,
      agentId: d?.agentId ?? null,
      name: d?.name ?? c?.name ?? a.code,
      teamId: d?.teamId ?? null,
      state: a.state,
      since: a.since,
      reason: a.reason ?? null,
      queue: a.queue ?? null,
      callsToday: a.callsToday,
      callId: a.callId ?? null,
      callSince: a.callSince ?? null,
      pulledIn: !!c,
      rta: this.rta.has(a.code) ? { scheduled: this.rta.get(a.code)!.scheduled, since: this.rta.get(a.code)!.since } : null,
    };
  }

  queueFigures(now: number) {
    return { queues: this.floor.queueNow(now, this.queuesOf), kpis: this.floor.todayKpis(now) };
  }

  /** Push what changed since the last tick. */
  tick(now: number) {
    this.lastPushAt = performance.now();
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    this.floor.advance(now);
    const { agents: dirty, queuesChanged } = this.floor.takeDirty();
    // real-time adherence changes with the clock (a break begins) as well as with events: recomputed at most every
    // 2 s; every change not sent yet goes out now, also one the alert reconcile found between two ticks
    let agents = dirty;
    this.refreshRta(now);
    if (this.rtaUnsent.size) {
      const have = new Set(dirty.map((a) => a.code));
      const more = [...this.rtaUnsent].filter((code) => !have.has(code) && this.floor.agents.has(code));
      this.rtaUnsent.clear();
      if (more.length) agents = [...dirty, ...more.map((code) => this.floor.agents.get(code)!)];
    }
    // every instance derives these from its own floor: to this instance's sockets only (never a second copy over NOTIFY)
    if (agents.length) {
      const tiles = agents.map((a) => this.tile(a));
      publishTopic(this.ctx, liveTopics.floorAgents, {}, { at: now, agents: tiles }, this.centerId, true);
      const byTeam = new Map<number, Tile[]>();
      for (const t of tiles) if (t.teamId != null) byTeam.set(t.teamId, [...(byTeam.get(t.teamId) ?? []), t]);
      for (const [team, list] of byTeam) publishTopic(this.ctx, liveTopics.floorTeam, { teamId: team }, { at: now, agents: list }, this.centerId, true);
    }
    if (queuesChanged || now - this.lastQueuesAt >= this.opts.queuesEveryMs) {
      this.lastQueuesAt = now;
      // queue cards every push; the floor KPIs (a pass over today's agent rows) and the
      // intervals at most every 5 s
      const msg: { at: number; queues: FloorSnapshot['queues']; kpis?: FloorSnapshot['kpis'] & object; intervals?: FloorSnapshot['intervals'] } = {
        at: now,
        queues: this.floor.queueNow(now, this.queuesOf),
      };
      if (now - this.lastIntervalsAt >= 5_000) {
        this.lastIntervalsAt = now;
        msg.kpis = this.floor.todayKpis(now);
        msg.intervals = this.floor.intervals();
      }
      publishTopic(this.ctx, liveTopics.floorQueues, {}, msg, this.centerId, true);
    }
  }

  /** The floor as the caller may see it. */
  /** The tiles of some agents now (a squad's, issue 17): the caller's reach over them is checked by the use case. */
  tilesOf(agentIds: readonly number[], now: number): Tile[] {
    this.floor.advance(now);
    return [...this.floor.agents.values()].map((a) => this.tile(a)).filter((t) => t.agentId !== null && agentIds.includes(t.agentId));
  }

  snapshot(c: Caller, now: number): Omit<FloorSnapshot, 'running'> {
    this.floor.advance(now);
    const s = agentScope(c);
    const all = [...this.floor.agents.values()].map((a) => this.tile(a));
    const teams = [...this.teams].map(([id, t]) => ({ id, name: t.name }));
    if (s.kind === 'self') {
      return {
        at: now,
        scope: 'self',
        agents: all.filter((t) => t.agentId !== null && t.agentId === s.agentId),
        queues: [],
        kpis: null,
        intervals: [],
        teams: [],
        callins: [],
        thresholds: this.thresholds,
      };
    }
    const agents = s.kind === 'all' ? all : all.filter((t) => t.teamId !== null && s.teamIds.includes(t.teamId));
    return {
      at: now,
      scope: s.kind,
      agents,
      ...this.queueFigures(now),
      intervals: this.floor.intervals(),
      teams: s.kind === 'all' ? teams : teams.filter((t) => s.teamIds.includes(t.id)),
      callins: s.kind === 'all' ? this.callinList() : [],
      thresholds: this.thresholds,
    };
  }

  setThresholds(th: DiagnosisThresholds) {
    this.thresholds = th;
  }

  /** Key that de-duplicates an alert while its condition persists. */
  private keyOf(f: FloorFinding): string {
    if (f.kind === 'longCall') return `longCall|agent|${f.subject}|${this.floor.agents.get(f.subject)?.callId ?? ''}`;
    return `${f.kind}|${f.scope}|${f.subject}`;
  }

  /** Findings now, long waits folded to one per queue, long calls carrying their call id. */
  findings(now: number): Finding[] {
    const input = this.floor.diagnosisInput(now, { windowMin: this.opts.windowMin, teamOf: this.teamOf, queuesOf: this.queuesOf });
    const raw = diagnose(input, this.thresholds);
    const out: Finding[] = [];
    const waits = new Map<string, { max: number; calls: number; action: string }>();
    const waitingQueue = new Map((input.waiting ?? []).map((w) => [w.callId, w.queue]));
    for (const f of raw) {
      if (f.kind === 'longWait') {
        const q = waitingQueue.get(f.subject) ?? '?';
        const w = waits.get(q) ?? { max: 0, calls: 0, action: f.action };
        w.max = Math.max(w.max, Number(f.figures.waitS ?? 0));
        w.calls += 1;
        waits.set(q, w);
        continue;
      }
      out.push(f);
    }
    for (const [q, w] of waits)
      out.push({ kind: 'longWait', scope: 'queue', subject: q, figures: { longestWaitS: Math.round(w.max), callsOverThreshold: w.calls }, action: w.action });
    return out;
  }

  /** Evaluate the diagnosis and reconcile stored alerts: raise new, refresh persisting, mark gone. */
  async diagnose(now: number) {
    if (!this.centerId || this.diagnosing) return;
    this.diagnosing = true;
    try {
      if (this.leadership && !(await this.leadership.held())) {
        // another instance diagnoses: keep the alerts as the store has them (for snapshots)
        this.active.clear();
        for (const a of await listActiveAlerts(this.ctx.store.db, this.centerId)) this.active.set(a.dedupe_key, a);
        return;
      }
      const findings: FloorFinding[] = [...this.findings(now), ...this.rtaFindings(now)];
      const db = this.ctx.store.db;
      const seen = new Set<string>();
      const updates: { id: number; figures?: Record<string, unknown>; lastSeenAt?: number; clearedAt: number | null }[] = [];
      for (const f of findings) {
        const key = this.keyOf(f);
        if (seen.has(key)) continue;
        seen.add(key);
        if (this.suppressed.has(key)) continue;
        const cur = this.active.get(key);
        if (cur) {
          const reappeared = cur.cleared_at !== null;
          cur.figures = JSON.stringify(f.figures);
          cur.last_seen_at = now;
          cur.cleared_at = null;
          updates.push({ id: cur.id, figures: f.figures, lastSeenAt: now, clearedAt: null });
          if (reappeared) this.publishAlert('updated', cur);
          continue;
        }
        const d = f.scope === 'agent' ? this.dir.get(f.subject) : undefined;
        const teamId = f.scope === 'team' ? Number(f.subject) : (d?.teamId ?? null);
        const row = await raiseAlert(db, {
          centerId: this.centerId,
          dedupeKey: key,
          kind: f.kind,
          scope: f.scope,
          subject: f.subject,
          teamId,
          agentId: d?.agentId ?? null,
          figures: f.figures,
          action: f.action,
          at: now,
        });
        this.active.set(key, row);
        this.publishAlert('raised', row);
        // the center's robots that carry alerts (the duty group's WeCom / DingTalk) hear it too
        await announceToRobots(
          db,
          this.centerId,
          {
            kind: 'live.alert',
            title: d?.name ?? (f.scope === 'team' ? (this.teams.get(Number(f.subject))?.name ?? f.subject) : f.subject),
            data: { alertKind: f.kind, ...f.figures },
            link: '#/live/alerts',
          },
          now,
        );
        if (f.kind === 'longCall')
          await this.prompt(
            'longCall',
            f.subject,
            { talkS: Math.round(Number(f.figures.talkS)), callId: this.floor.agents.get(f.subject)?.callId ?? null, alertId: row.id },
            now,
          );
      }
      await this.checkLevels(now);
      for (const key of this.suppressed) if (!seen.has(key)) this.suppressed.delete(key);
      for (const [key, a] of this.active) {
        if (seen.has(key) || a.cleared_at !== null) continue;
        a.cleared_at = now;
        updates.push({ id: a.id, clearedAt: now });
        this.publishAlert('updated', a);
      }
      await refreshAlerts(db, updates);
    } finally {
      this.diagnosing = false;
    }
  }

  /**
   * The graded emergency plan: the live figures against the center's levels (leader instance only, in
   * diagnose); a level reached is proposed to the duty manager (src/services/duty/emergencyPlan.ts).
   */
  private async checkLevels(now: number) {
    if (!this.centerId) return;
    const deps = depsOf(this.ctx);
    const levels = await levelConditions(deps, this.centerId);
    if (!levels.length) return;
    const waiting = this.floor.queueNow(now).reduce((n, q) => n + q.waiting, 0);
    const reached = levelReached(levels, { waiting, serviceLevelOver: (min) => serviceLevel(this.floor.queueMeasures(now - min * 60_000, now).total) });
    if (reached) await proposeLevel(deps, this.centerId, reached, now);
  }

  /** After an acknowledge / close by a person. */
  alertHandled(row: AlertRow) {
    if (row.status === 'closed') {
      this.active.delete(row.dedupe_key);
      if (row.cleared_at === null) this.suppressed.add(row.dedupe_key);
    } else this.active.set(row.dedupe_key, row);
    this.publishAlert(row.status === 'closed' ? 'closed' : 'acknowledged', row);
  }

  activeAlerts() {
    return [...this.active.values()];
  }

  private publishAlert(change: 'raised' | 'updated' | 'acknowledged' | 'closed', row: AlertRow) {
    const msg = { change, alert: alertOf(row) };
    publishTopic(this.ctx, liveTopics.alerts, {}, msg, this.centerId);
    if (row.team_id != null) publishTopic(this.ctx, liveTopics.teamAlerts, { teamId: row.team_id }, msg, this.centerId);
    else if (row.agent_id == null) for (const id of this.teams.keys()) publishTopic(this.ctx, liveTopics.teamAlerts, { teamId: id }, msg, this.centerId);
  }

  /** A gentle prompt to the agent's team lead: give them a short break (seed 000, 員工心態的管理). */
  async prompt(kind: 'longCall' | 'complaint', code: string, detail: Record<string, unknown>, now: number) {
    const d = this.dir.get(code);
    const lead = d?.teamId != null ? (this.teams.get(d.teamId)?.leadUserId ?? null) : null;
    const row = await createPrompt(this.ctx.store.db, {
      centerId: this.centerId,
      kind,
      agentCode: code,
      agentId: d?.agentId ?? null,
      teamId: d?.teamId ?? null,
      leadUserId: lead,
      detail: { ...detail, agentName: d?.name ?? code },
      now,
    });
    if (lead != null) publishTopic(this.ctx, userTopic, { userId: lead }, { type: 'prompt', prompt: promptOf(row) });
    publishTopic(this.ctx, liveTopics.prompts, {}, { type: 'prompt', prompt: promptOf(row) }, this.centerId);
    return row;
  }

  codeOfAgent(agentId: number): string | undefined {
    for (const [code, d] of this.dir) if (d.agentId === agentId) return code;
    return undefined;
  }
}

/** The floors of a context, one per center (started by startLiveFloor). */
interface Floors {
  byCenter: Map<number, LiveFloorService>;
  opts: LiveFloorServiceOptions;
  /** the app stops every service on the context when it closes (app.ts): each floor's timers and leadership go, the leader's last snapshot is stored */
  stop(): Promise<void>;
}
const floorsOf = (ctx: ServerContext) => ctx.services.floors as Floors | undefined;

/**
 * A center's floor; no center named: the floor when there is exactly one (a one-center database),
 * else undefined (never "the first").
 */
export function floorService(ctx: ServerContext, centerId?: number | null): LiveFloorService | undefined {
  const f = floorsOf(ctx);
  if (!f) return undefined;
  if (centerId != null) return f.byCenter.get(centerId);
  return f.byCenter.size === 1 ? [...f.byCenter.values()][0] : undefined;
}

/** Every running floor (one per center). */
export function floorServices(ctx: ServerContext): LiveFloorService[] {
  return [...(floorsOf(ctx)?.byCenter.values() ?? [])];
}

/** A floor for a center that has none yet (a center created while the server runs), started with the context's options. */
export async function ensureFloor(ctx: ServerContext, centerId: number): Promise<LiveFloorService | undefined> {
  const f = floorsOf(ctx);
  if (!f) return undefined;
  let s = f.byCenter.get(centerId);
  if (!s) {
    s = new LiveFloorService(ctx, centerId, f.opts);
    f.byCenter.set(centerId, s);
    await s.start();
  }
  return s;
}

/**
 * Starts one floor per center on a context (liveFloorService below; tests call it with timers off) and
 * returns the floor of the only center (with several, the lowest id's: use floorService(ctx, id)).
 */
export async function startLiveFloor(ctx: ServerContext, opts: LiveFloorServiceOptions = {}): Promise<LiveFloorService> {
  await Promise.all(floorServices(ctx).map((s) => s.stop()));
  const byCenter = new Map<number, LiveFloorService>();
  const f: Floors = { byCenter, opts, stop: () => Promise.all([...byCenter.values()].map((s) => s.stop())).then(() => undefined) };
  ctx.services.floors = f;
  const centers = await listCenters(ctx.store.db);
  const ids = centers.length ? centers.map((c) => c.id) : [0];
  for (const id of ids) await ensureFloor(ctx, id);
  return f.byCenter.get(ids[0]!)!;
}

/** The live floor as a service of the live capability: one floor per center, started with the server, stopped with it. */
export const liveFloorService: Service = {
  name: 'liveFloor',
  start: (ctx) => startLiveFloor(ctx).then(() => undefined),
  async stop(ctx) {
    const f = floorsOf(ctx);
    delete ctx.services.floors;
    await f?.stop();
  },
};

/** The live capability's event listener: each batch of new events goes to its center's floor (started on demand). */
export const followEvents: EventListener = async (ctx, events, centerId, stored) => {
  const f = floorsOf(ctx);
  if (!f) return;
  // the sink says which center it stored the batch for; without one (no store sink) the same rule as
  // the store's: the door's center, else the only center (0 when there is none)
  const centers = centerId == null ? await listCenters(ctx.store.db) : [];
  const id = centerId ?? (centers.length === 1 ? centers[0]!.id : centers.length ? null : 0);
  if (id == null) return; // the sink refused such a batch already
  if (id !== 0 && f.byCenter.has(0)) {
    // the first center was created while the server ran: its floor replaces the center-less one
    void f.byCenter.get(0)!.stop({ snapshot: false });
    f.byCenter.delete(0);
  }
  await (await ensureFloor(ctx, id))?.onEvents(events, stored);
};
