/**
 * FreeSWITCH event socket (inbound ESL) with mod_callcenter → normalised events. Pure: bytes in,
 * frames out; frames in, events out. The socket handling is in `src/server/connectors.ts`.
 *
 * Protocol (FreeSWITCH docs, "mod_event_socket"): every message is header lines `Key: Value\n`
 * ended by an empty line; with `Content-Length: N` a body of N bytes follows. On connect the server
 * sends `Content-Type: auth/request`; the client sends `auth <password>\n\n` and gets
 * `Content-Type: command/reply` with `Reply-Text: +OK accepted` (or `-ERR invalid`). After
 * `event plain CUSTOM callcenter::info\n\n` events arrive as `Content-Type: text/event-plain` whose
 * body is again header lines with url-encoded values. `api <command>\n\n` is answered by
 * `Content-Type: api/response` with the output as body. Replies come in the order sent.
 *
 * mod_callcenter (docs, "mod_callcenter", events section): `Event-Subclass: callcenter::info`,
 * `CC-Action` says what happened; ids are `esl:` + a hash of the member (call) uuid, queue, action
 * and agent, so a repeated event (a reconnect) is stored once.
 */
import { hashId, type CallFloorEvent } from '../../core/events';
import { agentCode } from '../queueLog';

export interface EslFrame {
  headers: Record<string, string>;
  body: string;
}

export const ESL_MAX_FRAME = 256 * 1024;

export class EslFrameError extends Error {}

/** Incremental ESL framer over bytes (Content-Length counts bytes). Garbage throws EslFrameError. */
export class EslFramer {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer | string): EslFrame[] {
    this.buf = Buffer.concat([this.buf, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    const out: EslFrame[] = [];
    for (;;) {
      // skip blank lines between messages
      while (this.buf.length && (this.buf[0] === 0x0a || this.buf[0] === 0x0d)) this.buf = this.buf.subarray(1);
      const end = this.buf.indexOf('\n\n');
      if (end < 0) {
        if (this.buf.length > ESL_MAX_FRAME) throw new EslFrameError(`header block longer than ${ESL_MAX_FRAME} bytes without an end`);
        return out;
      }
      const headers = parseHeaderLines(this.buf.subarray(0, end).toString('utf8'), false);
      const lenText = headers['Content-Length'];
      let body = '';
      let next = end + 2;
      if (lenText !== undefined) {
        if (!/^\d+$/.test(lenText)) throw new EslFrameError(`bad Content-Length: '${lenText.slice(0, 20)}'`);
        const len = Number(lenText);
        if (len > ESL_MAX_FRAME) throw new EslFrameError(`Content-Length ${len} over ${ESL_MAX_FRAME}`);
        if (this.buf.length < next + len) return out;
        body = this.buf.subarray(next, next + len).toString('utf8');
        next += len;
      }
      if (!headers['Content-Type']) throw new EslFrameError('message without Content-Type');
      this.buf = this.buf.subarray(next);
      out.push({ headers, body });
    }
  }
}

/** `Key: Value` lines; values url-decoded for event-plain bodies. A line without `: ` is garbage. */
export function parseHeaderLines(text: string, urlDecoded: boolean): Record<string, string> {
  const h: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line) continue;
    const c = line.indexOf(': ');
    if (c <= 0) throw new EslFrameError(`not a 'Key: Value' line: '${line.slice(0, 60)}'`);
    const k = line.slice(0, c);
    let v = line.slice(c + 2);
    if (urlDecoded) {
      try {
        v = decodeURIComponent(v.replace(/\+/g, ' '));
      } catch {
        throw new EslFrameError(`bad url-encoding in ${k}`);
      }
    }
    if (!(k in h)) h[k] = v;
  }
  return h;
}

/** The event headers of a text/event-plain message (the body up to its own empty line). */
export function eventOf(frame: EslFrame): Record<string, string> | null {
  if (frame.headers['Content-Type'] !== 'text/event-plain') return null;
  const cut = frame.body.indexOf('\n\n');
  return parseHeaderLines(cut >= 0 ? frame.body.slice(0, cut) : frame.body, true);
}

/** A status for `callcenter_config agent set status`: quoted, no quotes or line breaks inside. */
export function agentStatusCommand(agent: string, status: string): string {
  if (/['\r\n\s]/.test(agent) || /['\r\n]/.test(status)) throw new Error('agent / status: quotes, spaces and line breaks are not allowed');
  return `api callcenter_config agent set status ${agent} '${status}'\n\n`;
}

export const ESL_ACTIONS = [
  'agent-status-change',
  'agent-state-change',
  'member-queue-start',
  'member-queue-end',
  'bridge-agent-start',
  'bridge-agent-end',
] as const;
/** mod_callcenter actions that carry nothing the floor shows (known: not counted as unknown). */
const QUIET = new Set(['agent-offering', 'members-count', 'member-queue-resume', 'agent-max-no-answer']);

const secs = (v: string | undefined): number | undefined => (v && /^\d+$/.test(v) && v !== '0' ? Number(v) * 1000 : undefined);

/**
 * mod_callcenter events → normalised events. Per agent it keeps the status (Available / On Break /
 * Logged Out) and whether a call is bridged, so the effective state is: on a call → talking; else
 * On Break → notReady(break); else Available → ready; else logged out.
 */
export class EslMapper {
  readonly unknown = new Map<string, number>();
  private agents = new Map<string, { status: string; onCall: boolean; last: string }>();

  map(ev: Record<string, string>, now: number): CallFloorEvent[] {
    const name = ev['Event-Name'];
    if (name !== 'CUSTOM' || ev['Event-Subclass'] !== 'callcenter::info') {
      const k = name === 'CUSTOM' ? `CUSTOM ${ev['Event-Subclass'] ?? ''}` : (name ?? '(no Event-Name)');
      this.unknown.set(k, (this.unknown.get(k) ?? 0) + 1);
      return [];
    }
    const action = ev['CC-Action'] ?? '';
    const us = ev['Event-Date-Timestamp'];
    const ts = us && /^\d+$/.test(us) ? Math.round(Number(us) / 1000) : now;
    const queue = ev['CC-Queue'] ?? '';
    const callId = ev['CC-Member-UUID'] ?? ev['CC-Member-Session-UUID'] ?? '';
    const agentRaw = ev['CC-Agent'] ?? '';
    const code = agentRaw ? agentCode(agentRaw) : '';
    const id = (what: string, extra = '') => `esl:${hashId(`${callId}|${queue}|${action}|${code}|${extra}`)}:${what}`;
    const out: CallFloorEvent[] = [];
    switch (action) {
      case 'member-queue-start':
        if (callId && queue) out.push({ id: id('call'), ts, type: 'call.enqueued', queue, callId });
        return out;
      case 'member-queue-end': {
        if (!callId || !queue) return out;
        const cause = ev['CC-Cause'] ?? '';
        if (cause !== 'Cancel') return out; // Terminated: answered, the bridge events tell the rest
        const r = ev['CC-Cancel-Reason'] ?? 'NONE';
        const joined = secs(ev['CC-Member-Joined-Time']);
        const left = secs(ev['CC-Member-Leaving-Time']);
        const waitS = joined !== undefined && left !== undefined && left >= joined ? (left - joined) / 1000 : undefined;
        const type = r === 'TIMEOUT' || r === 'NO_AGENT_TIMEOUT' ? 'call.timedOut' : 'call.abandoned';
        out.push({ id: id('call'), ts, type, queue, callId, ...(waitS !== undefined ? { waitS } : {}) });
        return out;
      }
      case 'bridge-agent-start': {
        if (!callId || !queue || !code) return out;
        const joined = secs(ev['CC-Member-Joined-Time']);
        const called = secs(ev['CC-Agent-Called-Time']);
        const answered = secs(ev['CC-Agent-Answered-Time']) ?? ts;
        const a = this.agent(code);
        if (called !== undefined && called < answered) {
          // the ring is already on the floor when its Receiving state came first
          if (a.last !== 'ring') out.push({ id: id('ring'), ts: called, type: 'agent.ringing', agent: code, queue });
          out.push({ id: id('cring'), ts: called, type: 'call.ringing', agent: code, queue, callId });
        }
        const waitS = joined !== undefined && answered >= joined ? (answered - joined) / 1000 : undefined;
        out.push({ id: id('call'), ts: answered, type: 'call.connected', agent: code, queue, callId, ...(waitS !== undefined ? { waitS } : {}) });
        a.onCall = true;
        this.settle(code, a, answered, id('state'), out, true, queue);
        return out;
      }
      case 'bridge-agent-end': {
        if (!callId || !queue || !code) return out;
        out.push({ id: id('call'), ts, type: 'call.ended', agent: code, queue, callId });
        const a = this.agent(code);
        a.onCall = false;
        this.settle(code, a, ts, id('state'), out);
        return out;
      }
      case 'agent-status-change': {
        if (!code) return out;
        const a = this.agent(code);
        a.status = ev['CC-Agent-Status'] ?? '';
        this.settle(code, a, ts, id('state', `${ts}|${a.status}`), out);
        return out;
      }
      case 'agent-state-change': {
        if (!code) return out;
        // Receiving: the agent's phone rings (a live tile); the rest follows from status and bridges
        if (ev['CC-Agent-State'] === 'Receiving') {
          const a = this.agent(code);
          if (!a.onCall) {
            out.push({ id: id('ring', String(ts)), ts, type: 'agent.ringing', agent: code, ...(queue ? { queue } : {}) });
            a.last = 'ring';
          }
        } else if (ev['CC-Agent-State'] === 'Waiting') {
          const a = this.agent(code);
          this.settle(code, a, ts, id('state', String(ts)), out);
        }
        return out;
      }
      default:
        if (!QUIET.has(action)) {
          const k = `callcenter::info ${action || '(no CC-Action)'}`;
          this.unknown.set(k, (this.unknown.get(k) ?? 0) + 1);
        }
        return out;
    }
  }

  private agent(code: string) {
    let a = this.agents.get(code);
    if (!a) this.agents.set(code, (a = { status: '', onCall: false, last: 'out' }));
    return a;
  }

  private settle(
    code: string,
    a: { status: string; onCall: boolean; last: string },
    ts: number,
    id: string,
    out: CallFloorEvent[],
    force = false,
    queue?: string,
  ) {
    const s = a.status.toLowerCase();
    const key = a.onCall
      ? 'talk'
      : s.startsWith('on break')
        ? 'break'
        : s.startsWith('available')
          ? 'ready'
          : s === 'logged out'
            ? 'out'
            : a.last === 'out'
              ? 'out'
              : 'ready';
    if (key === a.last && !force) return;
    const prev = a.last;
    a.last = key;
    const base = { id, ts, agent: code };
    if (key === 'talk') out.push({ ...base, type: 'agent.talking', ...(queue ? { queue } : {}) });
    else if (key === 'break') out.push({ ...base, type: 'agent.notReady', reason: 'break' });
    else if (key === 'ready') out.push({ ...base, type: prev === 'out' ? 'agent.login' : 'agent.ready' });
    else out.push({ ...base, type: 'agent.logout' });
  }
}
