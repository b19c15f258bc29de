/**
 * Asterisk queue_log → normalised events. See README.md in this folder for the mapping.
 *
 * Pure: text / lines in, events out. Two layers:
 * - record parsing (pipe file line, or a realtime-table CSV row) → QueueLogRecord
 * - QueueLogState: a per-agent / per-call state machine fed records in time order, emitting events.
 *   parseQueueLog() sorts the records first (out-of-order lines), a live follower feeds it directly.
 */
import { hashId, timedDerivedId, type CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import {
  countUnknown,
  emptyResult,
  epochSecondsUnitReject,
  reject,
  timeReject,
  localToEpoch,
  splitCsvLine,
  splitLines,
  type ParseResult,
  type Reject,
  type Tz,
} from './common';

export interface QueueLogRecord {
  line: number;
  ts: number; // epoch ms
  callId: string;
  queue: string;
  agent: string;
  event: string;
  data: string[];
}

export interface QueueLogOptions {
  /** zone of datetime strings in a realtime-table `time` column (epoch seconds need none) */
  tz?: Tz;
  /** plausible times (see core/live/eventWindow); a line outside is rejected, named */
  window?: TimeWindow;
}

const NONE = (s: string | undefined) => !s || s === 'NONE';

/** `Agent/1127`, `Local/1127@callback-agent`, `SIP/1127`, `PJSIP/alice` → `1127` / `alice`. */
export function agentCode(member: string): string {
  let s = member.trim();
  const slash = s.indexOf('/');
  if (slash >= 0) s = s.slice(slash + 1);
  const at = s.indexOf('@');
  if (at >= 0) s = s.slice(0, at);
  return s;
}

/** Parse one pipe-format line. */
export function parsePipeLine(text: string, line: number): QueueLogRecord | Reject {
  const f = text.split('|');
  if (f.length < 5)
    return reject(line, 'line', 'import.fieldCount', `expected at least 5 '|'-separated fields, got ${f.length}`, { expected: 5, got: f.length });
  const [t, callId, queue, agent, event] = f as [string, string, string, string, string];
  if (!/^\d+(\.\d+)?$/.test(t)) return reject(line, 'time', 'import.timeNotEpoch', `time: not epoch seconds: '${t.slice(0, 30)}'`, { value: t.slice(0, 30) });
  const unit = epochSecondsUnitReject(line, 'time', t);
  if (unit) return unit;
  if (!/^[A-Z_]+$/i.test(event))
    return reject(line, 'event', 'import.eventName', `event: not an event name: '${event.slice(0, 30)}'`, { value: event.slice(0, 30) });
  return { line, ts: Math.round(Number(t) * 1000), callId, queue, agent, event: event.toUpperCase(), data: f.slice(5) };
}

/** PBXware's realtime export puts Asterisk's data fields in named columns; rebuild data1..n per event. */
function pbxwareData(event: string, c: (n: string) => string): string[] {
  switch (event) {
    case 'ENTERQUEUE':
      return ['', c('param1'), c('entpos')];
    case 'CONNECT':
      return [c('htime'), c('param2'), c('param3')];
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      return [c('htime'), c('ttime'), c('entpos')];
    case 'ABANDON':
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return [c('expos'), c('entpos'), c('htime')];
    case 'ATTENDEDTRANSFER':
      return ['', '', c('htime'), c('ttime'), c('entpos')];
    case 'BLINDTRANSFER':
    case 'TRANSFER':
      return [c('param2'), c('param3'), c('htime'), c('ttime'), c('entpos')];
    case 'RINGNOANSWER':
    case 'RINGCANCELED':
      return [c('htime')];
    case 'AGENTCALLBACKLOGOFF':
    case 'AGENTLOGOFF':
      return [c('param1'), c('param2'), ''];
    default:
      // PBXware's own OUT* events carry durations; others (ADDMEMBER, PAUSE...) only params
      return event.startsWith('OUT') ? [c('param1'), c('param2'), c('htime'), c('ttime')] : [c('param1'), c('param2'), c('param3')];
  }
}

/** One realtime-table CSV row (see queueLogCsvRows): a record, a reject, or null for a blank line. */
export type CsvRowParser = (text: string, line: number) => QueueLogRecord | Reject | null;

/**
 * The row parser of a realtime-table CSV export given its header line (standard Asterisk columns or
 * PBXware's), or the header's reject. Row by row, so a stream reads the file once.
 */
export function queueLogCsvRows(headerLine: string, opts: QueueLogOptions = {}): CsvRowParser | Reject {
  const header = splitCsvLine(headerLine).map((h) => h.trim().toLowerCase());
  const col = new Map(header.map((h, i) => [h, i]));
  const pick = (...names: string[]) => names.map((n) => col.get(n)).find((i) => i !== undefined);
  const iTime = pick('date_time', 'time');
  const iCall = pick('callid');
  const iQueue = pick('queuename', 'queue_name', 'queue');
  const iAgent = pick('agent', 'type');
  const iEvent = pick('event');
  if ([iTime, iCall, iQueue, iAgent, iEvent].includes(undefined)) {
    const got = header.join(',').slice(0, 200);
    return reject(1, 'header', 'import.csvHeader', `header: need time, callid, queuename, agent, event columns; got ${got}`, { got });
  }
  const pbx = col.has('htime');
  const dataCols = header.filter((h) => /^data\d+$/.test(h)).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
  return (text, line) => {
    if (!text.trim()) return null;
    const f = splitCsvLine(text);
    if (f.length !== header.length)
      return reject(line, 'line', 'import.columnCount', `expected ${header.length} columns, got ${f.length}`, { expected: header.length, got: f.length });
    const c = (name: string) => (f[col.get(name) ?? -1] ?? '').trim();
    const t = f[iTime!]!.trim();
    let ts: number;
    if (/^\d+(\.\d+)?$/.test(t)) {
      const unit = epochSecondsUnitReject(line, 'time', t);
      if (unit) return unit;
      ts = Math.round(Number(t) * 1000);
    } else {
      const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?$/.exec(t);
      if (!m)
        return reject(line, 'time', 'import.timeFormat', `time: not epoch seconds nor YYYY-MM-DD HH:MM:SS: '${t.slice(0, 30)}'`, { value: t.slice(0, 30) });
      ts = localToEpoch(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, +m[6]!, opts.tz) + Math.round(Number(m[7] ?? 0) * 1000);
    }
    const event = f[iEvent!]!.trim().toUpperCase();
    if (!/^[A-Z_]+$/.test(event))
      return reject(line, 'event', 'import.eventName', `event: not an event name: '${event.slice(0, 30)}'`, { value: event.slice(0, 30) });
    const data = pbx ? pbxwareData(event, c) : dataCols.length ? dataCols.map(c) : c('data') ? c('data').split('|') : [];
    return { line, ts, callId: f[iCall!]!.trim(), queue: f[iQueue!]!.trim(), agent: f[iAgent!]!.trim(), event, data };
  };
}

/** Parse realtime-table CSV lines (header first): standard Asterisk columns or PBXware's. */
export function parseQueueLogCsv(lines: readonly string[], opts: QueueLogOptions = {}): { records: QueueLogRecord[]; rejects: Reject[] } {
  const records: QueueLogRecord[] = [];
  const rejects: Reject[] = [];
  if (!lines.length) return { records, rejects };
  const row = queueLogCsvRows(lines[0]!, opts);
  if (typeof row !== 'function') return { records, rejects: [row] };
  for (let n = 1; n < lines.length; n++) {
    const r = row(lines[n]!, n + 1);
    if (!r) continue;
    if ('reason' in r) rejects.push(r);
    else records.push(r);
  }
  return { records, rejects };
}

const num = (s: string | undefined): number | undefined => {
  if (s === undefined || s.trim() === '') return undefined;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? v : undefined;
};

/**
 * What an event id is derived from: the identity of what happened, not the whole line, so that a
 * live source reporting the same call (Asterisk AMI: its Uniqueid is queue_log's callid) gets the
 * same ids and the store keeps each event once (`src/ingest/connectors/ami.ts` feeds records built
 * from AMI events through the same QueueLogState).
 * - call outcomes: call + queue (+ agent), no time and no data (hold/talk seconds, positions and
 *   the bridged channel are reported alike but the second they are written may differ);
 * - rings that were not answered: call + queue + agent + the second;
 * - agent changes (pause, membership, login): agent + the second (+ reason / queue); the queue of a
 *   PAUSE is left out (PAUSEALL and per-queue PAUSE lines of one pause are one change).
 * Anything else: the whole line, as before.
 */
export function recordIdentity(r: Pick<QueueLogRecord, 'ts' | 'callId' | 'queue' | 'agent' | 'event' | 'data'>): string {
  const code = NONE(r.agent) ? '' : agentCode(r.agent);
  const sec = Math.floor(r.ts / 1000);
  switch (r.event) {
    case 'ENTERQUEUE':
      return `${r.callId}|${r.queue}|ENTERQUEUE`;
    case 'CONNECT':
      return `${r.callId}|${r.queue}|CONNECT|${code}`;
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
    case 'AGENTDUMP':
      return `${r.callId}|${r.queue}|COMPLETE|${code}`;
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return `${r.callId}|${r.queue}|TRANSFER|${code}`;
    case 'ABANDON':
    case 'EXITWITHKEY':
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return `${r.callId}|${r.queue}|EXIT`;
    case 'RINGNOANSWER':
    case 'RINGCANCELED':
      return `${r.callId}|${r.queue}|RINGNOANSWER|${code}|${sec}`;
    case 'PAUSE':
    case 'PAUSEALL':
      return `${sec}|${code}|PAUSE|${pauseReason(r.data[0])}`;
    case 'UNPAUSE':
    case 'UNPAUSEALL':
      return `${sec}|${code}|UNPAUSE`;
    case 'ADDMEMBER':
    case 'REMOVEMEMBER':
      return `${sec}|${code}|${r.event}|${r.queue}`;
    case 'AGENTLOGIN':
    case 'AGENTCALLBACKLOGIN':
      return `${sec}|${code}|AGENTLOGIN`;
    case 'AGENTLOGOFF':
    case 'AGENTCALLBACKLOGOFF':
      return `${sec}|${code}|AGENTLOGOFF`;
    default: {
      const data = [...r.data];
      while (data.length && data[data.length - 1] === '') data.pop();
      return `${r.ts}|${r.callId}|${r.queue}|${r.agent}|${r.event}|${data.join('|')}`;
    }
  }
}

/** Records whose identity is their call's (no time in it): they are ordered by the call's start. */
const CALL_RECORDS = new Set([
  'ENTERQUEUE',
  'CONNECT',
  'COMPLETECALLER',
  'COMPLETEAGENT',
  'AGENTDUMP',
  'TRANSFER',
  'BLINDTRANSFER',
  'ATTENDEDTRANSFER',
  'ABANDON',
  'EXITWITHKEY',
  'EXITWITHTIMEOUT',
  'EXITEMPTY',
  'RINGNOANSWER',
  'RINGCANCELED',
]);
/** Asterisk's call ids (Uniqueid): the epoch second the channel was made, a dot, a counter (after `systemname-` when set). */
const EPOCH_CALL_ID = /(?:^|-)(\d{9,10})\.\d+$/;

/**
 * The id of a record's events, in time order (issue 16): the hash of its identity (recordIdentity) under a second
 * (core/events.ts `timedDerivedId`). Hashes alone are in no order, and the store's unique id index took every
 * new event at a random page of it: a large import slowed as the store grew (2.4 M events: the last tenth at a
 * third of the first's rate). The second is one both sources agree on, so AMI and queue_log still give one id: a
 * call's records take the second of the call's start from its Asterisk call id; agent changes their own second,
 * which is in their identity; any other line its time. A call id that does not carry the time (not Asterisk's
 * form) leaves the id as it was, `ql:` and the hash.
 */
export function queueLogRecordId(r: Pick<QueueLogRecord, 'ts' | 'callId' | 'queue' | 'agent' | 'event' | 'data'>): string {
  const hash = hashId(recordIdentity(r));
  let sec: number;
  if (CALL_RECORDS.has(r.event)) {
    const m = EPOCH_CALL_ID.exec(r.callId);
    if (!m) return `ql:${hash}`;
    sec = Number(m[1]);
  } else sec = Math.floor(r.ts / 1000);
  return timedDerivedId(sec, hash);
}

/** Events known and deliberately producing nothing. */
const IGNORED = new Set(['QUEUESTART', 'CONFIGRELOAD', 'SYSCOMPAT', 'DID', 'INFO', 'ENTERQUEUE_NOTIFY']);

interface AgentTrack {
  queues: Set<string>; // ADDMEMBER'd queues
  agentLogin: boolean; // AGENTLOGIN / AGENTCALLBACKLOGIN
  paused: string | undefined; // reason when paused
  call: { callId: string; queue: string } | undefined;
  last: string; // last emitted effective state key
  lastTs: number; // time of the last emitted agent event
}

/** Pause reasons → reason codes (lower-case; empty → 'other'). */
export function pauseReason(s: string | undefined): string {
  const r = (s ?? '').trim().toLowerCase();
  return r === '' ? 'other' : r;
}

/**
 * Stateful translation of time-ordered records. Agent state is layered: on a call → talking;
 * else paused → notReady(reason); else logged in (member of a queue or agent-logged-in) → ready;
 * else logged out. An event is emitted only when that effective state changes, so repeated
 * PAUSE / PAUSEALL / ADDMEMBER lines count once.
 */
export class QueueLogState {
  private readonly agents = new Map<string, AgentTrack>();
  private readonly seen = new Set<string>();
  readonly result: ParseResult = emptyResult();

  private track(code: string): AgentTrack {
    let a = this.agents.get(code);
    if (!a) this.agents.set(code, (a = { queues: new Set(), agentLogin: false, paused: undefined, call: undefined, last: 'out', lastTs: 0 }));
    return a;
  }

  private emit(e: CallFloorEvent): void {
    this.result.events.push(e);
  }

  /** Emit the agent's effective state if it changed (or if force: after a ringing blip). */
  private settle(code: string, a: AgentTrack, ts: number, id: string, force = false): void {
    const loggedIn = a.queues.size > 0 || a.agentLogin;
    if (!loggedIn && !a.call) a.paused = undefined;
    const key = a.call ? `talk:${a.call.queue}` : a.paused !== undefined && loggedIn ? `nr:${a.paused}` : loggedIn ? 'ready' : 'out';
    if (key === a.last && !force) return;
    const prev = a.last;
    a.last = key;
    a.lastTs = ts;
    const base = { id: `${id}:state`, ts, agent: code };
    if (key === 'out') this.emit({ ...base, type: 'agent.logout' });
    else if (key === 'ready') this.emit({ ...base, type: prev === 'out' ? 'agent.login' : 'agent.ready' });
    else if (key.startsWith('nr:')) this.emit({ ...base, type: 'agent.notReady', reason: a.paused! });
    else this.emit({ ...base, type: 'agent.talking', queue: a.call!.queue });
  }

  private ringing(code: string, a: AgentTrack, r: QueueLogRecord, id: string, ringMs: number | undefined): void {
    if (!ringMs || a.call) return;
    // never before the agent's previous state change (ring times are rounded; calls back to back)
    const t0 = Math.max(r.ts - ringMs, a.lastTs);
    a.lastTs = t0;
    this.emit({ id: `${id}:ring`, ts: t0, type: 'agent.ringing', agent: code, queue: r.queue });
    this.emit({ id: `${id}:cring`, ts: t0, type: 'call.ringing', agent: code, queue: r.queue, callId: r.callId });
  }

  add(r: QueueLogRecord): void {
    const data = [...r.data];
    while (data.length && data[data.length - 1] === '') data.pop();
    const key = `${r.ts}|${r.callId}|${r.queue}|${r.agent}|${r.event}|${data.join('|')}`;
    if (this.seen.has(key)) {
      this.result.duplicates += 1;
      return;
    }
    this.seen.add(key);
    const id = queueLogRecordId(r);
    const hasAgent = !NONE(r.agent);
    const code = hasAgent ? agentCode(r.agent) : '';
    const a = hasAgent ? this.track(code) : undefined;
    const call = (type: CallFloorEvent['type'], extra: Partial<CallFloorEvent> = {}) =>
      this.emit({ id: `${id}:call`, ts: r.ts, type, queue: r.queue, callId: r.callId, ...(hasAgent ? { agent: code } : {}), ...extra });
    const needCall = () => {
      if (NONE(r.queue) || NONE(r.callId)) {
        this.result.rejects.push(reject(r.line, 'callid', 'import.callRequired', `${r.event}: queue and callid are required`, { event: r.event }));
        return false;
      }
      return true;
    };
    const needAgent = () => {
      if (!a) this.result.rejects.push(reject(r.line, 'agent', 'import.agentRequired', `${r.event}: agent is required`, { event: r.event }));
      return !!a;
    };
    const d = r.data;
    switch (r.event) {
      case 'ENTERQUEUE':
        if (needCall()) call('call.enqueued');
        return;
      case 'CONNECT': {
        if (!needCall() || !needAgent()) return;
        const wait = num(d[0]);
        call('call.connected', wait !== undefined ? { waitS: wait } : {});
        const ring = num(d[2]);
        this.ringing(code, a!, r, id, ring !== undefined ? ring * 1000 : undefined);
        a!.call = { callId: r.callId, queue: r.queue };
        this.settle(code, a!, r.ts, id, true);
        return;
      }
      case 'COMPLETECALLER':
      case 'COMPLETEAGENT':
      case 'AGENTDUMP':
        if (!needCall()) return;
        call('call.ended');
        if (a && a.call?.callId === r.callId) a.call = undefined;
        if (a) this.settle(code, a, r.ts, id);
        return;
      case 'TRANSFER':
      case 'BLINDTRANSFER':
      case 'ATTENDEDTRANSFER': {
        if (!needCall()) return;
        const target = r.event === 'ATTENDEDTRANSFER' ? d[1] || d[0] : d[0] && d[1] ? `${d[0]}@${d[1]}` : d[0];
        call('call.transferred', target ? { target } : {});
        if (a && a.call?.callId === r.callId) a.call = undefined;
        if (a) this.settle(code, a, r.ts, id);
        return;
      }
      case 'ABANDON':
      case 'EXITWITHKEY': {
        if (!needCall()) return;
        const wait = num(r.event === 'ABANDON' ? d[2] : d[3]);
        call('call.abandoned', wait !== undefined ? { waitS: wait } : {});
        return;
      }
      case 'EXITWITHTIMEOUT':
      case 'EXITEMPTY': {
        if (!needCall()) return;
        const wait = num(d[2]);
        call('call.timedOut', wait !== undefined ? { waitS: wait } : {});
        return;
      }
      case 'RINGNOANSWER':
      case 'RINGCANCELED':
        if (!needAgent()) return;
        if (!NONE(r.queue) && !NONE(r.callId)) {
          const before = this.result.events.length;
          this.ringing(code, a!, r, id, num(d[0]));
          if (this.result.events.length > before) this.settle(code, a!, r.ts, id, true);
        }
        return;
      case 'ADDMEMBER':
        if (!needAgent()) return;
        a!.queues.add(r.queue);
        this.settle(code, a!, r.ts, id);
        return;
      case 'REMOVEMEMBER':
        if (!needAgent()) return;
        a!.queues.delete(r.queue);
        this.settle(code, a!, r.ts, id);
        return;
      case 'AGENTLOGIN':
      case 'AGENTCALLBACKLOGIN':
        if (!needAgent()) return;
        a!.agentLogin = true;
        this.settle(code, a!, r.ts, id);
        return;
      case 'AGENTLOGOFF':
      case 'AGENTCALLBACKLOGOFF':
        if (!needAgent()) return;
        a!.agentLogin = false;
        this.settle(code, a!, r.ts, id);
        return;
      case 'PAUSE':
      case 'PAUSEALL':
        if (!needAgent()) return;
        a!.paused = pauseReason(d[0]);
        this.settle(code, a!, r.ts, id);
        return;
      case 'UNPAUSE':
      case 'UNPAUSEALL':
        if (!needAgent()) return;
        a!.paused = undefined;
        this.settle(code, a!, r.ts, id);
        return;
      default:
        if (!IGNORED.has(r.event)) countUnknown(this.result, r.event);
    }
  }

  /**
   * Forget the repeat check of lines older than `ts` (a stream keeps only a window of them: memory stays
   * flat). Keys were added in about time order, so this stops at the first newer one.
   */
  forgetBefore(ts: number): void {
    for (const key of this.seen) {
      if (Number(key.slice(0, key.indexOf('|'))) >= ts) break;
      this.seen.delete(key);
    }
  }

  /** Calls an agent is still on (open at the end of input). */
  openAgentCalls(): number {
    let n = 0;
    for (const a of this.agents.values()) if (a.call) n++;
    return n;
  }
}

/** Is this text a realtime-table CSV export (header with callid and event columns)? */
export function looksLikeCsv(firstLine: string): boolean {
  const h = firstLine.toLowerCase();
  return h.includes(',') && h.includes('callid') && h.includes('event') && !h.includes('|');
}

function run(all: QueueLogRecord[], rejects: Reject[], window: TimeWindow | undefined): ParseResult {
  const records: QueueLogRecord[] = [];
  for (const r of all) {
    const bad = timeReject(r.line, 'time', r.ts, window, 'epoch seconds');
    if (bad) rejects.push(bad);
    else records.push(r);
  }
  records.sort((x, y) => x.ts - y.ts); // stable: file order kept within a second
  const st = new QueueLogState();
  for (const r of records) st.add(r);
  const res = st.result;
  res.rejects = [...rejects, ...res.rejects].sort((x, y) => x.line - y.line);
  res.events.sort((x, y) => x.ts - y.ts);
  return res;
}

/** Parse a whole queue_log (pipe format or realtime CSV export; detected from the first line). */
export function parseQueueLog(text: string, opts: QueueLogOptions = {}): ParseResult {
  return parseQueueLogLines(splitLines(text), opts);
}

export function parseQueueLogLines(lines: readonly string[], opts: QueueLogOptions = {}): ParseResult {
  if (lines.length && looksLikeCsv(lines[0]!)) {
    const { records, rejects } = parseQueueLogCsv(lines, opts);
    return run(records, rejects, opts.window);
  }
  const records: QueueLogRecord[] = [];
  const rejects: Reject[] = [];
  lines.forEach((text, i) => {
    if (!text.trim()) return;
    const r = parsePipeLine(text, i + 1);
    if ('reason' in r) rejects.push(r);
    else records.push(r);
  });
  return run(records, rejects, opts.window);
}

/** For big files: lines from an async iterable (e.g. readline over a file stream). */
export async function parseQueueLogStream(lines: AsyncIterable<string>, opts: QueueLogOptions = {}): Promise<ParseResult> {
  const all: string[] = [];
  for await (const l of lines) all.push(l.endsWith('\r') ? l.slice(0, -1) : l);
  return parseQueueLogLines(all, opts);
}
