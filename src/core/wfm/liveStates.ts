/**
 * Adherence state segments from the live floor's agent events (one agent, time order), with the
 * live accumulator's semantics: login starts `available` only when logged out, logout gives
 * `loggedOut` until the next event, a repeated state continues the segment. States are named as
 * DEFAULT_STATE_MAPPING expects: available, ring, talk, hold, acw, notReady:<reason>, loggedOut.
 * Segments are clipped to [from, to); the last state runs to `to`.
 */
import type { StateSegment } from './adherence';

export interface LiveAgentEvent {
  ts: number;
  type: string;
  reason?: string | null;
}

const STATE_OF: Record<string, string> = {
  'agent.ready': 'available',
  'agent.ringing': 'ring',
  'agent.talking': 'talk',
  'agent.hold': 'hold',
  'agent.acw': 'acw',
  'agent.logout': 'loggedOut',
};

export function liveStateSegments(agentId: string, events: readonly LiveAgentEvent[], from: number, to: number): StateSegment[] {
  const out: StateSegment[] = [];
  let cur: { state: string; since: number } | null = null;
  const close = (end: number) => {
    if (!cur) return;
    const s = Math.max(cur.since, from);
    const e = Math.min(end, to);
    if (e > s) {
      const last = out[out.length - 1];
      if (last && last.state === cur.state && last.end === s) last.end = e;
      else out.push({ agentId, start: s, end: e, state: cur.state });
    }
  };
  for (const ev of events) {
    let state: string | undefined;
    if (ev.type === 'agent.login') {
      if (cur && cur.state !== 'loggedOut') continue;
      state = 'available';
    } else if (ev.type === 'agent.notReady') state = `notReady:${ev.reason ?? 'other'}`;
    else state = STATE_OF[ev.type];
    if (!state || (cur && cur.state === state)) continue;
    const ts: number = cur ? Math.max(ev.ts, (cur as { since: number }).since) : ev.ts;
    close(ts);
    cur = { state, since: ts };
  }
  close(to);
  return out;
}
