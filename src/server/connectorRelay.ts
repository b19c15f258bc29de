/**
 * Supervisor actions on a standby instance (issue 12): a center's PBX sockets run on one instance (the
 * holder of its connector lock), yet a duty manager's pause may reach any instance. The standby one
 * forwards the action over the hub (the PostgreSQL NOTIFY bridge) as a request; the instance that runs
 * the center's connector carries it out and answers with a reply naming the request; the asker waits
 * for it up to a timeout. The reply's error is the holder's (the PBX refused, not connected…), passed on
 * as the same DomainError; no reply in time is `connector.timeout`, as for a PBX that does not answer.
 */
import { randomBytes } from 'node:crypto';
import { conflict, DomainError, type DomainErrorCode } from '../core/errors';
import type { ServerContext } from './context';
import type { ConnectorStatus, FloorActions } from './connectors';

/** Hub topics (never subscribable by sockets): an action for the holder, and its reply to the asker. */
export const ACTION_TOPIC = 'internal:connectors.action';
export const REPLY_TOPIC = 'internal:connectors.reply';

type Op = { op: 'pause'; code: string; paused: boolean; reason?: string } | { op: 'queue'; code: string; queueOp: 'add' | 'remove'; queue: string };
interface ActionRequest {
  id: string;
  from: string;
  centerId: number;
  action: Op;
}
interface ReplyError {
  message: string;
  code: DomainErrorCode;
  field?: string;
  reason?: string;
  params?: DomainError['params'];
}
interface ActionReply {
  id: string;
  to: string;
  error?: ReplyError;
}

/** What carries a center's actions: a local client, or the holder through the relay. */
export type ActionCarrier = FloorActions & { readonly kind: 'ami' | 'esl'; readonly status: ConnectorStatus };

export class ActionRelay {
  readonly instance = randomBytes(6).toString('hex');
  private pending = new Map<string, { resolve: () => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private unsubs: (() => void)[] = [];
  private seq = 0;

  constructor(
    readonly ctx: ServerContext,
    /** this instance's client for a center, when it runs the center's sockets */
    private readonly local: (centerId: number) => ActionCarrier | undefined,
    /** how long the asker waits: the holder's own PBX timeout and the round trips */
    private readonly timeoutMs: number,
  ) {}

  start() {
    this.unsubs.push(
      this.ctx.hub.subscribe(ACTION_TOPIC, (_t, d) => void this.serve(d as ActionRequest)),
      this.ctx.hub.subscribe(REPLY_TOPIC, (_t, d) => this.settle(d as ActionReply)),
    );
  }

  stop() {
    for (const u of this.unsubs) u();
    this.unsubs = [];
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.timeout());
    }
    this.pending.clear();
  }

  /** True where actions can travel to another instance (PostgreSQL, bridge running). */
  get available(): boolean {
    return !!this.ctx.hub.forward;
  }

  /** A carrier that sends the center's actions to the instance that runs its connector. */
  remote(centerId: number, kind: 'ami' | 'esl', status: ConnectorStatus): ActionCarrier {
    return {
      kind,
      status,
      pause: (code, paused, reason) => this.ask(centerId, { op: 'pause', code, paused, ...(reason !== undefined ? { reason } : {}) }),
      queue: (code, queueOp, queue) => this.ask(centerId, { op: 'queue', code, queueOp, queue }),
    };
  }

  private timeout() {
    return conflict('the instance running the PBX connector did not answer in time', undefined, { reason: 'connector.timeout', params: { kind: 'relay' } });
  }

  private ask(centerId: number, action: Op): Promise<void> {
    const forward = this.ctx.hub.forward;
    if (!forward) return Promise.reject(this.timeout());
    const id = `${this.instance}-${++this.seq}`;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(this.timeout());
      }, this.timeoutMs);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      forward(ACTION_TOPIC, { id, from: this.instance, centerId, action } satisfies ActionRequest);
    });
  }

  /** On the holder: carry out a request for a center whose sockets run here (others ignore it). */
  private async serve(req: ActionRequest) {
    if (!req?.id || req.from === this.instance) return;
    const conn = this.local(Number(req.centerId));
    if (!conn) return; // not the holder: the holder answers
    const reply: ActionReply = { id: req.id, to: req.from };
    try {
      const a = req.action;
      if (a.op === 'pause') await conn.pause(a.code, a.paused, a.reason);
      else await conn.queue(a.code, a.queueOp, a.queue);
    } catch (e) {
      const d = e instanceof DomainError ? e : null;
      reply.error = {
        message: (e as Error).message,
        code: d?.code ?? 'conflict',
        ...(d?.field ? { field: d.field } : {}),
        ...(d?.reason ? { reason: d.reason, params: d.params ?? {} } : {}),
      };
    }
    this.ctx.hub.forward?.(REPLY_TOPIC, reply);
  }

  private settle(r: ActionReply) {
    if (r?.to !== this.instance) return;
    const p = this.pending.get(r.id);
    if (!p) return; // timed out already
    this.pending.delete(r.id);
    clearTimeout(p.timer);
    if (!r.error) return p.resolve();
    const e = r.error;
    p.reject(new DomainError(e.message, e.code, e.field, e.reason ? { reason: e.reason, params: e.params ?? {} } : {}));
  }
}
