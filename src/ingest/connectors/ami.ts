/**
 * Asterisk Manager Interface (AMI) → normalised events. Pure: bytes in, frames out; frames in,
 * queue_log records out; the socket handling is in `src/server/connectors.ts`.
 *
 * Protocol (Asterisk docs, "AMI v2 Specification"): on connect the server sends one banner line
 * `Asterisk Call Manager/<version>\r\n`; then messages are `Key: Value\r\n` lines, each message
 * ended by an empty line (`\r\n\r\n`). Actions carry `Action:` and an `ActionID:` the server copies
 * into its `Response:` (Success / Error, with `Message:`); events carry `Event:`.
 *
 * Mapping: every app_queue event is turned into the queue_log record Asterisk writes for the same
 * thing (the caller's Uniqueid is queue_log's callid, MemberName its agent column) and fed through
 * the queue_log state machine (`QueueLogState`), so the events and their ids are exactly those an
 * import of the queue_log produces (see `recordIdentity` in ../queueLog.ts): the store keeps each
 * once whichever arrives first.
 */
import { agentCode, QueueLogState, type QueueLogRecord } from '../queueLog';
import type { CallFloorEvent } from '../../core/events';

export type AmiFrame = Record<string, string>;

/** Largest frame accepted (bytes without terminator); larger is malformed (a stream out of sync). */
export const AMI_MAX_FRAME = 64 * 1024;

export class AmiFrameError extends Error {}

/**
 * Incremental AMI framer. push() returns the complete frames in the data so far; the banner line
 * comes out as `{ Banner: '…' }`. A line without `: ` (other than the banner) or a frame over
 * AMI_MAX_FRAME throws AmiFrameError: the caller closes and reconnects.
 */
export class AmiFramer {
  private buf = '';
  private bannerSeen = false;

  push(chunk: string): AmiFrame[] {
    this.buf += chunk;
    const out: AmiFrame[] = [];
    if (!this.bannerSeen) {
      const nl = this.buf.indexOf('\n');
      if (nl < 0) {
        if (this.buf.length > 1024) throw new AmiFrameError('no banner line');
        return out;
      }
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      if (!/^Asterisk Call Manager\//.test(line)) throw new AmiFrameError(`not an AMI banner: '${line.slice(0, 60)}'`);
      out.push({ Banner: line });
      this.bannerSeen = true;
      this.buf = this.buf.slice(nl + 1);
    }
    for (;;) {
      const m = /\r?\n\r?\n/.exec(this.buf);
      if (!m) {
        if (this.buf.length > AMI_MAX_FRAME) throw new AmiFrameError(`frame longer than ${AMI_MAX_FRAME} bytes without an end`);
        return out;
      }
      const text = this.buf.slice(0, m.index);
      this.buf = this.buf.slice(m.index + m[0].length);
      if (!text.trim()) continue;
      out.push(parseAmiFrame(text));
    }
  }
}

/** One message's text (without the terminating empty line) → key/value pairs (first key wins). */
export function parseAmiFrame(text: string): AmiFrame {
  const f: AmiFrame = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\r$/, '');
    const c = line.indexOf(':');
    if (c <= 0) throw new AmiFrameError(`not a 'Key: Value' line: '${line.slice(0, 60)}'`);
    const k = line.slice(0, c).trim();
    if (!/^[A-Za-z0-9_-]+$/.test(k)) throw new AmiFrameError(`bad key: '${k.slice(0, 40)}'`);
    if (!(k in f)) f[k] = line.slice(c + 1).trim();
  }
  return f;
}

/** An action as sent: `Key: Value\r\n` lines and an empty line. Values may not contain line breaks. */
export function formatAmiAction(fields: Record<string, string | number | undefined>): string {
  let s = '';
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const val = String(v);
    if (/[\r\n]/.test(val) || /[\r\n:]/.test(k)) throw new Error(`AMI field ${k}: line breaks are not allowed`);
    s += `${k}: ${val}\r\n`;
  }
  return `${s}\r\n`;
}

export const loginAction = (actionId: string, username: string, secret: string) =>
  formatAmiAction({ Action: 'Login', ActionID: actionId, Username: username, Secret: secret, Events: 'on' });

/** QueuePause: Interface, Paused (true/false), Queue (optional: all queues), Reason (optional). */
export const queuePauseAction = (actionId: string, a: { iface: string; paused: boolean; queue?: string; reason?: string }) =>
  formatAmiAction({ Action: 'QueuePause', ActionID: actionId, Interface: a.iface, Paused: a.paused ? 'true' : 'false', Queue: a.queue, Reason: a.reason });
export const queueAddAction = (actionId: string, a: { iface: string; queue: string; memberName?: string }) =>
  formatAmiAction({ Action: 'QueueAdd', ActionID: actionId, Queue: a.queue, Interface: a.iface, MemberName: a.memberName });
export const queueRemoveAction = (actionId: string, a: { iface: string; queue: string }) =>
  formatAmiAction({ Action: 'QueueRemove', ActionID: actionId, Queue: a.queue, Interface: a.iface });

/** app_queue events this adapter maps (or knows and deliberately skips). */
export const AMI_QUEUE_EVENTS = [
  'QueueCallerJoin',
  'QueueCallerLeave',
  'QueueCallerAbandon',
  'AgentCalled',
  'AgentConnect',
  'AgentComplete',
  'AgentRingNoAnswer',
  'AgentDump',
  'QueueMemberStatus',
  'QueueMemberPause',
  'QueueMemberPaused',
  'QueueMemberAdded',
  'QueueMemberRemoved',
] as const;
/** Events of a normal AMI session with `Events: on` that say nothing about queues: not counted as unknown. */
const QUIET = new Set([
  'FullyBooted',
  'SuccessfulAuth',
  'ChallengeSent',
  'Newchannel',
  'Newstate',
  'Hangup',
  'HangupRequest',
  'SoftHangupRequest',
  'VarSet',
  'Newexten',
  'NewCallerid',
  'NewConnectedLine',
  'NewAccountCode',
  'DialBegin',
  'DialEnd',
  'DialState',
  'BridgeCreate',
  'BridgeEnter',
  'BridgeLeave',
  'BridgeDestroy',
  'DeviceStateChange',
  'ExtensionStatus',
  'PeerStatus',
  'ContactStatus',
  'RTCPSent',
  'RTCPReceived',
  'LocalBridge',
  'LocalOptimizationBegin',
  'LocalOptimizationEnd',
  'MusicOnHoldStart',
  'MusicOnHoldStop',
  'Registry',
  'Reload',
  'Cdr',
  'Cel',
  'QueueParams',
  'QueueMember',
  'QueueEntry',
  'QueueStatusComplete',
]);

const KNOWN = new Set<string>(AMI_QUEUE_EVENTS);

export interface AmiMapperOptions {
  /** a caller who left the queue with no connect and no abandon within this many ms timed out */
  leaveGraceMs?: number;
}

/**
 * AMI events → queue_log records → events (through QueueLogState). `now` is the receive time
 * (used when the frame has no `Timestamp`, i.e. manager.conf has no `timestampevents = yes`).
 *
 * QueueCallerLeave is sent whenever a caller leaves the queue, also when an agent answers (before
 * AgentConnect): it is held, and becomes EXITWITHTIMEOUT only if neither AgentConnect nor
 * QueueCallerAbandon follows within leaveGraceMs (flush(now) decides).
 */
export class AmiMapper {
  readonly state = new QueueLogState();
  /** unknown event kinds → count */
  readonly unknown = new Map<string, number>();
  /** MemberName (agent code) → Interface, learnt from member events (supervisor actions need it) */
  readonly interfaces = new Map<string, string>();
  private pendingLeave = new Map<string, { rec: QueueLogRecord; at: number }>();
  private resolved = new Set<string>();
  private line = 0;
  readonly leaveGraceMs: number;

  constructor(opts: AmiMapperOptions = {}) {
    this.leaveGraceMs = opts.leaveGraceMs ?? 3000;
  }

  /** Events produced by one frame (and by leaves it settles). */
  map(f: AmiFrame, now: number): CallFloorEvent[] {
    const before = this.state.result.events.length;
    this.add(f, now);
    return this.take(before);
  }

  /** Leaves older than the grace become time-outs. */
  flush(now: number): CallFloorEvent[] {
    const before = this.state.result.events.length;
    for (const [k, p] of this.pendingLeave) {
      if (now - p.at < this.leaveGraceMs) continue;
      this.pendingLeave.delete(k);
      this.resolve(k);
      this.state.add(p.rec);
    }
    return this.take(before);
  }

  private take(before: number): CallFloorEvent[] {
    const evs = this.state.result.events.splice(before);
    // the state machine's result grows forever otherwise; rejects are not kept either
    this.state.result.events.length = 0;
    this.state.result.rejects.length = 0;
    return evs;
  }

  private resolve(key: string) {
    this.resolved.add(key);
    if (this.resolved.size > 50_000) this.resolved.delete(this.resolved.values().next().value!);
  }

  private add(f: AmiFrame, now: number): void {
    const ev = f.Event;
    if (!ev) return; // responses are handled by the client
    if (!KNOWN.has(ev)) {
      if (!QUIET.has(ev)) this.unknown.set(ev, (this.unknown.get(ev) ?? 0) + 1);
      return;
    }
    const ts = f.Timestamp && /^\d+(\.\d+)?$/.test(f.Timestamp) ? Math.round(Number(f.Timestamp) * 1000) : now;
    const queue = f.Queue ?? '';
    const callId = f.Uniqueid ?? '';
    const member = f.MemberName || f.Interface || '';
    if (f.Interface && member) this.interfaces.set(agentCode(member), f.Interface);
    const rec = (event: string, agent: string, data: string[], cid = callId): QueueLogRecord => ({
      line: ++this.line,
      ts,
      callId: cid || 'NONE',
      queue: queue || 'NONE',
      agent: agent || 'NONE',
      event,
      data,
    });
    const key = `${callId}|${queue}`;
    switch (ev) {
      case 'QueueCallerJoin':
        this.state.add(rec('ENTERQUEUE', '', ['', f.CallerIDNum ?? '', f.Position ?? '']));
        return;
      case 'QueueCallerLeave':
        if (!this.resolved.has(key)) this.pendingLeave.set(key, { rec: rec('EXITWITHTIMEOUT', '', [f.Position ?? '', '', '']), at: now });
        return;
      case 'QueueCallerAbandon':
        this.pendingLeave.delete(key);
        this.resolve(key);
        this.state.add(rec('ABANDON', '', [f.Position ?? '', f.OriginalPosition ?? '', f.HoldTime ?? '']));
        return;
      case 'AgentConnect':
        this.pendingLeave.delete(key);
        this.resolve(key);
        // RingTime in seconds (AMI and queue_log's CONNECT data3 alike)
        this.state.add(rec('CONNECT', member, [f.HoldTime ?? '', f.DestUniqueid ?? '', f.RingTime ?? '']));
        return;
      case 'AgentComplete': {
        const r = (f.Reason ?? '').toLowerCase();
        const event = r === 'agent' ? 'COMPLETEAGENT' : r === 'transfer' ? 'TRANSFER' : 'COMPLETECALLER';
        this.state.add(rec(event, member, event === 'TRANSFER' ? [] : [f.HoldTime ?? '', f.TalkTime ?? '']));
        return;
      }
      case 'AgentDump':
        this.state.add(rec('AGENTDUMP', member, []));
        return;
      case 'AgentRingNoAnswer': {
        // AMI RingTime is seconds here; queue_log's RINGNOANSWER data1 is milliseconds
        const s = Number(f.RingTime);
        this.state.add(rec('RINGNOANSWER', member, [Number.isFinite(s) ? String(Math.round(s * 1000)) : '']));
        return;
      }
      case 'QueueMemberPause':
      case 'QueueMemberPaused': {
        const paused = f.Paused === '1' || f.Paused?.toLowerCase() === 'true';
        const reason = f.PausedReason ?? f.Reason ?? '';
        this.state.add(rec(paused ? 'PAUSE' : 'UNPAUSE', member, paused ? [reason] : [], 'NONE'));
        return;
      }
      case 'QueueMemberAdded':
        this.state.add(rec('ADDMEMBER', member, [], 'NONE'));
        if (f.Paused === '1') this.state.add(rec('PAUSE', member, [f.PausedReason ?? ''], 'NONE'));
        return;
      case 'QueueMemberRemoved':
        this.state.add(rec('REMOVEMEMBER', member, [], 'NONE'));
        return;
      default:
        // AgentCalled: the ring is reported with the connect (its ring time) or RINGNOANSWER, as
        // queue_log does; QueueMemberStatus: device states, redundant with the events above
        return;
    }
  }
}
