/**
 * The PBX connectors as a service: per center, an Asterisk AMI client and / or a FreeSWITCH ESL
 * client (configured in the `connectors` setting), each a thin socket around the pure adapters in
 * `src/ingest/connectors/`. Events go through acceptEvents() (stored once by id); the socket is
 * reopened with exponential back-off after a disconnect, a failed login or a malformed frame.
 * Unknown event kinds are counted and logged once per kind. Secrets are never logged.
 */
import net from 'node:net';
import type { CallFloorEvent } from '../core/events';
import { conflict, validationError } from '../core/errors';
import { AmiFrameError, AmiFramer, AmiMapper, loginAction, queueAddAction, queuePauseAction, queueRemoveAction, type AmiFrame } from '../ingest/connectors/ami';
import { Backoff } from '../ingest/connectors/backoff';
import { agentStatusCommand, EslFrameError, EslFramer, EslMapper, eventOf, type EslFrame } from '../ingest/connectors/esl';
import type { WebhookMapping } from '../ingest/connectors/webhook';
import { timeWindow, tsProblem } from '../core/live/eventWindow';
import { loadEventWindow } from '../store/live/ingest';
import { getSetting, listCenters } from '../store/org';
import { connectorLeadership, type Leadership } from '../store/live/leader';
import type { ServerContext } from './context';
import { acceptEvents } from './eventFeed';
import type { Service } from './capability';
import { ActionRelay, type ActionCarrier } from './connectorRelay';

export const CONNECTORS_KEY = 'connectors';

export interface AmiSettings {
  enabled: boolean;
  host: string;
  port: number;
  username: string;
  secret: string;
  /** interface of an agent for actions when AMI has not reported it yet; `{code}` is replaced */
  interfaceTemplate?: string;
}
export interface EslSettings {
  enabled: boolean;
  host: string;
  port: number;
  secret: string;
  /** mod_callcenter agent name of an agent code; `{code}` is replaced (e.g. `{code}@default`) */
  agentTemplate?: string;
}
export interface WebhookSettings {
  enabled: boolean;
  secret: string;
  toleranceS: number;
  mapping: WebhookMapping;
}
export interface ConnectorSettings {
  ami?: AmiSettings;
  esl?: EslSettings;
  webhook?: WebhookSettings;
}

export interface ConnectorOptions {
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** reply wait for an action */
  actionTimeoutMs?: number;
  /** how often an instance that does not run a center's connectors asks whether it should now (the holder died), ms */
  leaderCheckMs?: number;
  log?: (msg: string) => void;
}

export interface ConnectorStatus {
  kind: 'ami' | 'esl';
  /** standby: configured, but another instance runs this center's connectors (it takes over when that one dies) */
  state: 'connecting' | 'connected' | 'waiting' | 'stopped' | 'standby';
  connects: number;
  lastError: string | null;
  events: number;
  malformed: number;
  unknown: Record<string, number>;
  nextRetryMs: number | null;
}

/** Supervisor actions a connector can send. */
export interface FloorActions {
  pause(code: string, paused: boolean, reason?: string): Promise<void>;
  queue(code: string, op: 'add' | 'remove', queue: string): Promise<void>;
}

abstract class SocketClient {
  protected sock: net.Socket | null = null;
  protected backoff: Backoff;
  protected timer: NodeJS.Timeout | null = null;
  protected stopped = false;
  protected work: Promise<unknown> = Promise.resolve();
  protected loggedUnknown = new Set<string>();
  readonly status: ConnectorStatus;
  /** the center whose connector this is: its events belong to it (set by ConnectorService; unset = the only center) */
  centerId?: number;

  constructor(
    readonly ctx: ServerContext,
    readonly kind: 'ami' | 'esl',
    readonly host: string,
    readonly port: number,
    readonly opts: Required<ConnectorOptions>,
  ) {
    this.backoff = new Backoff(opts.backoffMinMs, opts.backoffMaxMs);
    this.status = { kind, state: 'connecting', connects: 0, lastError: null, events: 0, malformed: 0, unknown: {}, nextRetryMs: null };
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  async stop() {
    this.stopped = true;
    this.status.state = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.sock?.destroy();
    this.sock = null;
    await this.work.catch(() => {});
  }

  /** Resolves when the processing of everything received so far is done (tests). */
  idle() {
    return this.work.then(() => undefined);
  }

  protected connect() {
    if (this.stopped) return;
    this.status.state = 'connecting';
    this.status.nextRetryMs = null;
    const s = net.createConnection({ host: this.host, port: this.port });
    this.sock = s;
    this.onOpen();
    s.setNoDelay(true);
    s.on('data', (d) => {
      if (this.sock !== s) return;
      try {
        this.onData(d);
      } catch (e) {
        if (e instanceof AmiFrameError || e instanceof EslFrameError) {
          this.status.malformed += 1;
          this.fail(s, `malformed frame: ${e.message}`);
        } else this.fail(s, `error: ${(e as Error).message}`);
      }
    });
    s.on('error', (e) => this.fail(s, e.message));
    s.on('close', () => this.fail(s, 'connection closed'));
  }

  /** Drop this socket and try again after the back-off. */
  protected fail(s: net.Socket, why: string) {
    if (this.sock !== s) return;
    this.sock = null;
    s.destroy();
    this.onClose(why);
    this.status.lastError = why;
    if (this.stopped) return;
    const d = this.backoff.next();
    this.status.state = 'waiting';
    this.status.nextRetryMs = d;
    this.opts.log(`${this.kind} ${this.host}:${this.port}: ${why}; reconnecting in ${d} ms`);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect();
    }, d);
    this.timer.unref();
  }

  protected connected() {
    this.status.state = 'connected';
    this.status.connects += 1;
    this.status.lastError = null;
    this.backoff.reset();
  }

  protected deliver(events: CallFloorEvent[]) {
    if (!events.length) return;
    this.status.events += events.length;
    this.work = this.work
      .then(() => this.inWindow(events))
      .then((ok) => (ok.length ? acceptEvents(this.ctx, ok, this.centerId) : undefined))
      .catch((e) => this.opts.log(`${this.kind}: storing events failed: ${(e as Error).message}`));
  }

  /** The events inside the center's time window (core/live/eventWindow), as at every other door; the others are logged and dropped. */
  private async inWindow(events: CallFloorEvent[]): Promise<CallFloorEvent[]> {
    const window = timeWindow(await loadEventWindow(this.ctx.store, this.centerId), this.ctx.now());
    return events.filter((e) => {
      const p = tsProblem(e.ts, window);
      if (p) this.opts.log(`${this.kind}: event '${e.id}' refused (${p.reason}): ${p.message}`);
      return !p;
    });
  }

  protected noteUnknown(unknown: Map<string, number>) {
    for (const [k, n] of unknown) {
      this.status.unknown[k] = n;
      if (!this.loggedUnknown.has(k)) {
        this.loggedUnknown.add(k);
        this.opts.log(`${this.kind}: unknown event ${k} (counted, logged once)`);
      }
    }
  }

  protected write(text: string) {
    if (!this.sock || this.status.state !== 'connected')
      throw conflict(`the ${this.kind} connector is not connected`, undefined, { reason: 'connector.notConnected', params: { kind: this.kind } });
    this.sock.write(text);
  }

  protected abstract onOpen(): void;
  protected abstract onData(d: Buffer): void;
  protected abstract onClose(why: string): void;
}

/** Asterisk AMI client: banner → Login (Events: on) → Response: Success → events; actions with ActionID. */
export class AmiClient extends SocketClient implements FloorActions {
  private framer = new AmiFramer();
  readonly mapper = new AmiMapper();
  private seq = 0;
  private loginId = '';
  private pending = new Map<string, { resolve: (f: AmiFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(
    ctx: ServerContext,
    readonly cfg: AmiSettings,
    opts: Required<ConnectorOptions>,
  ) {
    super(ctx, 'ami', cfg.host, cfg.port, opts);
  }

  override start() {
    super.start();
    this.flushTimer = setInterval(() => this.deliver(this.mapper.flush(this.ctx.now())), 1000);
    this.flushTimer.unref();
  }

  override async stop() {
    if (this.flushTimer) clearInterval(this.flushTimer);
    await super.stop();
  }

  protected onOpen() {
    this.framer = new AmiFramer();
    this.loginId = '';
  }

  protected onData(d: Buffer) {
    const s = this.sock;
    for (const f of this.framer.push(d.toString('utf8'))) {
      if (this.sock !== s) return; // failed on an earlier frame
      this.onFrame(f);
    }
  }

  private onFrame(f: AmiFrame) {
    if (f.Banner !== undefined) {
      this.loginId = `cf-login-${++this.seq}`;
      this.sock!.write(loginAction(this.loginId, this.cfg.username, this.cfg.secret));
      return;
    }
    if (f.Response !== undefined && f.ActionID === this.loginId && this.loginId) {
      this.loginId = '';
      if (f.Response === 'Success') this.connected();
      else this.fail(this.sock!, `login refused: ${f.Message ?? f.Response}`);
      return;
    }
    if (f.Response !== undefined) {
      const p = f.ActionID ? this.pending.get(f.ActionID) : undefined;
      if (p) {
        clearTimeout(p.timer);
        this.pending.delete(f.ActionID!);
        p.resolve(f);
      }
      return;
    }
    if (f.Event !== undefined) {
      const events = this.mapper.map(f, this.ctx.now());
      this.noteUnknown(this.mapper.unknown);
      this.deliver(events);
    }
  }

  protected onClose(why: string) {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(conflict(`the AMI connection dropped before the reply (${why})`, undefined, { reason: 'connector.dropped', params: { kind: 'ami' } }));
      this.pending.delete(id);
    }
  }

  /** Sends an action and waits for its Response; an Error response is a conflict naming AMI's message. */
  async action(build: (actionId: string) => string): Promise<AmiFrame> {
    const id = `cf-${++this.seq}`;
    const text = asInput(() => build(id));
    const reply = new Promise<AmiFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(conflict('the PBX did not answer in time', undefined, { reason: 'connector.timeout', params: { kind: 'ami' } }));
      }, this.opts.actionTimeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
    });
    try {
      this.write(text);
    } catch (e) {
      const p = this.pending.get(id);
      if (p) clearTimeout(p.timer);
      this.pending.delete(id);
      throw e;
    }
    const r = await reply;
    if (r.Response !== 'Success')
      throw conflict(`the PBX refused: ${r.Message ?? r.Response}`, undefined, {
        reason: 'connector.refused',
        params: { message: r.Message ?? r.Response ?? '' },
      });
    return r;
  }

  iface(code: string) {
    return this.mapper.interfaces.get(code) ?? (this.cfg.interfaceTemplate ?? 'PJSIP/{code}').replace('{code}', code);
  }

  async pause(code: string, paused: boolean, reason?: string) {
    await this.action((id) => queuePauseAction(id, { iface: this.iface(code), paused, reason }));
  }

  async queue(code: string, op: 'add' | 'remove', queue: string) {
    const iface = this.iface(code);
    await this.action((id) => (op === 'add' ? queueAddAction(id, { iface, queue, memberName: code }) : queueRemoveAction(id, { iface, queue })));
  }
}

/** FreeSWITCH inbound ESL client: auth/request → auth → event plain CUSTOM callcenter::info → events. */
export class EslClient extends SocketClient implements FloorActions {
  private framer = new EslFramer();
  readonly mapper = new EslMapper();
  private phase: 'auth' | 'subscribe' | 'ready' = 'auth';
  /** replies come in the order commands were sent */
  private replies: { resolve: (f: EslFrame) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    ctx: ServerContext,
    readonly cfg: EslSettings,
    opts: Required<ConnectorOptions>,
  ) {
    super(ctx, 'esl', cfg.host, cfg.port, opts);
  }

  protected onOpen() {
    this.framer = new EslFramer();
    this.phase = 'auth';
  }

  protected onData(d: Buffer) {
    const s = this.sock;
    for (const f of this.framer.push(d)) {
      if (this.sock !== s) return;
      this.onFrame(f);
    }
  }

  private onFrame(f: EslFrame) {
    const type = f.headers['Content-Type'];
    if (type === 'auth/request') {
      this.phase = 'auth';
      this.sock!.write(`auth ${this.cfg.secret}\n\n`);
      return;
    }
    if (type === 'command/reply' && this.phase !== 'ready') {
      const ok = (f.headers['Reply-Text'] ?? '').startsWith('+OK');
      if (!ok) return this.fail(this.sock!, `${this.phase === 'auth' ? 'auth' : 'event subscription'} refused: ${f.headers['Reply-Text'] ?? ''}`);
      if (this.phase === 'auth') {
        this.phase = 'subscribe';
        this.sock!.write('event plain CUSTOM callcenter::info\n\n');
      } else {
        this.phase = 'ready';
        this.connected();
      }
      return;
    }
    if (type === 'command/reply' || type === 'api/response') {
      const p = this.replies.shift();
      if (p) {
        clearTimeout(p.timer);
        p.resolve(f);
      }
      return;
    }
    if (type === 'text/disconnect-notice') return this.fail(this.sock!, 'disconnect notice');
    const ev = eventOf(f);
    if (ev) {
      const events = this.mapper.map(ev, this.ctx.now());
      this.noteUnknown(this.mapper.unknown);
      this.deliver(events);
    }
  }

  protected onClose(why: string) {
    for (const p of this.replies.splice(0)) {
      clearTimeout(p.timer);
      p.reject(conflict(`the ESL connection dropped before the reply (${why})`, undefined, { reason: 'connector.dropped', params: { kind: 'esl' } }));
    }
  }

  async api(command: string): Promise<string> {
    this.write(command);
    const f = await new Promise<EslFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.replies.findIndex((r) => r.timer === timer);
        if (i >= 0) this.replies.splice(i, 1);
        reject(conflict('the PBX did not answer in time', undefined, { reason: 'connector.timeout', params: { kind: 'esl' } }));
      }, this.opts.actionTimeoutMs);
      timer.unref();
      this.replies.push({ resolve, reject, timer });
    });
    const out = (f.body || f.headers['Reply-Text'] || '').trim();
    if (!out.startsWith('+OK'))
      throw conflict(`the PBX refused: ${out.slice(0, 200)}`, undefined, { reason: 'connector.refused', params: { message: out.slice(0, 200) } });
    return out;
  }

  agentName(code: string) {
    return (this.cfg.agentTemplate ?? '{code}@default').replace('{code}', code);
  }

  async pause(code: string, paused: boolean) {
    await this.api(asInput(() => agentStatusCommand(this.agentName(code), paused ? 'On Break' : 'Available')));
  }

  async queue(code: string, op: 'add' | 'remove', queue: string) {
    if (/['\s]/.test(queue)) throw conflict('queue names with spaces or quotes cannot be sent', 'queue', { reason: 'connector.badQueue', params: { queue } });
    await this.api(`api callcenter_config tier ${op === 'add' ? 'add' : 'del'} ${queue} ${this.agentName(code)}\n\n`);
  }
}

/** A value that cannot be put into a protocol line (line break, quote…) is bad input, not a server fault. */
function asInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw validationError('agentId', `cannot be sent to the PBX: ${(e as Error).message}`, { reason: 'connector.badValue', params: {} });
  }
}

interface CenterConnectors {
  ami?: AmiClient;
  esl?: EslClient;
  /** what the setting asks for (the clients run only while this instance holds the center's role) */
  settings: ConnectorSettings;
  /** another instance ran them when this one last asked */
  standby?: boolean;
}

/** Hub topic (never subscribable by sockets) telling the other instances that a center's connector setting changed. */
export const CONNECTORS_CHANGED_TOPIC = 'internal:connectors.changed';

const wantsSocket = (s: ConnectorSettings) => !!((s.ami?.enabled && s.ami.host) || (s.esl?.enabled && s.esl.host));

/**
 * The service: clients per center, rebuilt when the setting changes. With several instances on one
 * PostgreSQL a center's sockets run on one of them only, the holder of the center's connector lock
 * (store/live/leader.ts); the others stand by and ask again every `leaderCheckMs`, so when the holder
 * dies (its lock connection ends) the next one connects. SQLite serves one process: it always runs them.
 */
export class ConnectorService {
  readonly centers = new Map<number, CenterConnectors>();
  readonly opts: Required<ConnectorOptions>;
  private leads = new Map<number, Leadership>();
  private timer: NodeJS.Timeout | null = null;
  private unsub: (() => void) | null = null;
  /** one reconfigure / leadership check at a time */
  private serial: Promise<unknown> = Promise.resolve();
  private stopped = false;
  /** supervisor actions asked on a standby instance travel to the holder (connectorRelay.ts) */
  readonly relay: ActionRelay;

  constructor(
    readonly ctx: ServerContext,
    opts: ConnectorOptions = {},
  ) {
    this.opts = {
      backoffMinMs: opts.backoffMinMs ?? 1000,
      backoffMaxMs: opts.backoffMaxMs ?? 60_000,
      actionTimeoutMs: opts.actionTimeoutMs ?? 10_000,
      leaderCheckMs: opts.leaderCheckMs ?? 5_000,
      log: opts.log ?? ((m) => console.warn(`callfloor connectors: ${m}`)),
    };
    this.relay = new ActionRelay(ctx, (id) => this.localActions(id), this.opts.actionTimeoutMs + 5_000);
  }

  async start() {
    this.stopped = false;
    this.relay.start();
    for (const c of await listCenters(this.ctx.store.db)) await this.reconfigure(c.id, false);
    // another instance saved a center's setting: follow it (the holder restarts its sockets)
    this.unsub = this.ctx.hub.subscribe(CONNECTORS_CHANGED_TOPIC, (_t, d) => {
      const id = Number((d as { centerId?: unknown } | null)?.centerId);
      if (Number.isInteger(id) && id > 0) void this.reconfigure(id, false).catch((e) => this.opts.log(`reconfigure failed: ${(e as Error).message}`));
    });
    this.timer = setInterval(() => void this.checkLeadership().catch(() => {}), this.opts.leaderCheckMs);
    this.timer.unref();
  }

  async stop() {
    this.stopped = true;
    this.relay.stop();
    this.unsub?.();
    this.unsub = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.exclusive(async () => {
      for (const id of [...this.centers.keys()]) await this.stopClients(this.centers.get(id));
      this.centers.clear();
      for (const l of this.leads.values()) await l.release();
      this.leads.clear();
    });
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.serial.then(fn);
    this.serial = run.catch(() => {});
    return run;
  }

  private async stopClients(c: CenterConnectors | undefined) {
    const ami = c?.ami;
    const esl = c?.esl;
    if (c) c.ami = c.esl = undefined;
    await ami?.stop();
    await esl?.stop();
  }

  private lead(centerId: number): Leadership {
    let l = this.leads.get(centerId);
    if (!l) this.leads.set(centerId, (l = connectorLeadership(this.ctx.store, centerId)));
    return l;
  }

  /** Starts the sockets of a center whose role this instance holds (again), stops those of a center whose role it lost. */
  private async follow(centerId: number, c: CenterConnectors) {
    if (this.stopped) return;
    if (!wantsSocket(c.settings)) {
      await this.stopClients(c);
      // nothing to run: leave the role to nobody
      const l = this.leads.get(centerId);
      this.leads.delete(centerId);
      await l?.release();
      return;
    }
    const held = await this.lead(centerId).held();
    const running = !!(c.ami || c.esl);
    if (held && !running) {
      const s = c.settings;
      if (s.ami?.enabled && s.ami.host) c.ami = new AmiClient(this.ctx, s.ami, this.opts);
      if (s.esl?.enabled && s.esl.host) c.esl = new EslClient(this.ctx, s.esl, this.opts);
      for (const client of [c.ami, c.esl]) {
        if (!client) continue;
        client.centerId = centerId; // events that come through a center's connector are that center's
        client.start();
      }
      if (c.standby) this.opts.log(`center ${centerId}: this instance runs the PBX connectors now (took over)`);
      c.standby = false;
    } else if (!held && running) {
      this.opts.log(`center ${centerId}: another instance runs the PBX connectors now; stopping here`);
      await this.stopClients(c);
    }
    if (!held) c.standby = true;
  }

  /** Every `leaderCheckMs`: take over a center whose connectors no instance runs any more. */
  checkLeadership(): Promise<void> {
    return this.exclusive(async () => {
      for (const [id, c] of this.centers) await this.follow(id, c);
    });
  }

  /**
   * (Re)starts a center's clients from its setting (where this instance holds the center's role). `announce`:
   * tell the other instances too (after a change saved here).
   */
  async reconfigure(centerId: number, announce = true) {
    await this.exclusive(async () => {
      await this.stopClients(this.centers.get(centerId));
      const s = (await getSetting<ConnectorSettings>(this.ctx.store.db, centerId, CONNECTORS_KEY)) ?? {};
      const c: CenterConnectors = { settings: s };
      this.centers.set(centerId, c);
      await this.follow(centerId, c);
    });
    if (announce) this.ctx.hub.forward?.(CONNECTORS_CHANGED_TOPIC, { centerId });
  }

  /** True while this instance runs the center's sockets (false: another instance does, or none is configured). */
  running(centerId: number): boolean {
    const c = this.centers.get(centerId);
    return !!(c?.ami || c?.esl);
  }

  /** This instance's client for a center's supervisor actions (AMI first), when it runs the center's sockets. */
  localActions(centerId: number): AmiClient | EslClient | undefined {
    const c = this.centers.get(centerId);
    return c?.ami ?? c?.esl;
  }

  /**
   * What carries supervisor actions for a center: the local client, or on a standby instance the
   * holder's, through the relay; undefined when no connector that supports actions is configured.
   */
  actions(centerId: number): ActionCarrier | undefined {
    const local = this.localActions(centerId);
    if (local) return local;
    const c = this.centers.get(centerId);
    if (!c?.standby || !wantsSocket(c.settings) || !this.relay.available) return undefined;
    const status = this.statuses(centerId)[0]!;
    return this.relay.remote(centerId, status.kind as 'ami' | 'esl', status);
  }

  statuses(centerId: number): ConnectorStatus[] {
    const c = this.centers.get(centerId);
    if (c && !c.ami && !c.esl && wantsSocket(c.settings)) {
      const standby = (kind: 'ami' | 'esl'): ConnectorStatus => ({
        kind,
        state: 'standby',
        connects: 0,
        lastError: null,
        events: 0,
        malformed: 0,
        unknown: {},
        nextRetryMs: null,
      });
      return [
        c.settings.ami?.enabled && c.settings.ami.host ? standby('ami') : null,
        c.settings.esl?.enabled && c.settings.esl.host ? standby('esl') : null,
      ].filter((x): x is ConnectorStatus => !!x);
    }
    return [c?.ami?.status, c?.esl?.status].filter((x): x is ConnectorStatus => !!x);
  }
}

export function connectorService(ctx: ServerContext): ConnectorService | undefined {
  return ctx.services.connectors as ConnectorService | undefined;
}

export async function startConnectors(ctx: ServerContext, opts: ConnectorOptions = {}) {
  await connectorService(ctx)?.stop();
  const s = new ConnectorService(ctx, opts);
  ctx.services.connectors = s;
  await s.start();
  return s;
}

/** The connectors as a service of the connectors capability: started with the server, sockets closed with it. */
export const connectorsService: Service = {
  name: 'connectors',
  start: (ctx) => startConnectors(ctx).then(() => undefined),
  async stop(ctx) {
    const s = connectorService(ctx);
    delete ctx.services.connectors;
    await s?.stop();
  },
};
