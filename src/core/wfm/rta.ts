// Real-time adherence (RTA): who is, right now, not doing what the published schedule says, and since
// when. The live floor calls it with its agents' current states and today's published activities; an
// agent out of adherence for longer than the center's grace becomes an alert, which clears when they are back.
// Pure; times are epoch ms. Only agents inside a published shift are judged (before and after it, or with
// no shift, nothing is scheduled to adhere to).

import { DEFAULT_STATE_MAPPING, type ScheduledActivityKind, type StateMapping } from './adherence';

export interface RtaActivity {
  agentId: number;
  kind: string;
  start: number;
  end: number;
}

export interface RtaAgent {
  agentId: number;
  code: string;
  /** the live floor's state (src/core/kpi/aggregate.ts AgentState) */
  state: string;
  reason?: string | null;
  /** when the agent entered the state */
  since: number;
}

export interface OutOfAdherenceNow {
  agentId: number;
  code: string;
  /** the scheduled activity */
  scheduled: ScheduledActivityKind;
  /** the state in adherence terms (available, talk, notReady:break, loggedOut …) */
  state: string;
  /** out of adherence since: the later of the state's and the activity's start */
  since: number;
}

/** The live floor's state in the names the adherence mapping uses. */
export function adherenceState(state: string, reason?: string | null): string {
  switch (state) {
    case 'ready':
      return 'available';
    case 'ringing':
      return 'ring';
    case 'talking':
      return 'talk';
    case 'notReady':
      return `notReady:${reason ?? 'other'}`;
    default:
      return state; // hold, acw, loggedOut
  }
}

/** Agents out of adherence now (any length; the caller applies the grace). */
export function outOfAdherenceNow(
  now: number,
  activities: readonly RtaActivity[],
  agents: readonly RtaAgent[],
  mapping: StateMapping = DEFAULT_STATE_MAPPING,
): OutOfAdherenceNow[] {
  const current = new Map<number, RtaActivity>();
  for (const a of activities) if (a.start <= now && now < a.end) current.set(a.agentId, a);
  const out: OutOfAdherenceNow[] = [];
  for (const ag of agents) {
    const act = current.get(ag.agentId);
    if (!act) continue;
    const scheduled = (act.kind === 'vto' ? 'off' : act.kind) as ScheduledActivityKind;
    const allowed = mapping[scheduled];
    if (!allowed) continue; // an activity kind the mapping does not know is not judged
    const state = adherenceState(ag.state, ag.reason);
    if (allowed.includes(state)) continue;
    out.push({ agentId: ag.agentId, code: ag.code, scheduled, state, since: Math.max(ag.since, act.start) });
  }
  return out.sort((a, b) => a.since - b.since || a.code.localeCompare(b.code));
}

/** Those out of adherence for at least the grace: the ones to alert on. */
export const overGrace = (list: readonly OutOfAdherenceNow[], now: number, graceMin: number) => list.filter((o) => now - o.since >= graceMin * 60_000);
