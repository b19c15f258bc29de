/** Test helpers for the live floor: a deterministic event stream, the comparable part of a board, a center-wide caller. */
import type { CallFloorEvent } from '../core/events';
import type { Caller } from './route';

/** A center-wide caller (the duty manager of the test org) without going through HTTP. */
export function dutyCaller(org: { users: Record<string, number> }): Caller {
  return {
    userId: org.users.duty_manager!,
    username: 'duty_manager',
    displayName: 'duty',
    roles: ['duty_manager'],
    agentId: null,
    centerId: null,
    ledTeamIds: [],
    csrf: '',
    locale: 'zh-CN',
  };
}

/**
 * `calls` calls from `start`, one a minute, taken in turn by `agents` (each logs in at `start`); every
 * 4th call is abandoned after 30 s, the others wait 10 s, talk 2 min and have 30 s of after-call work.
 */
export function streamEvents(start: number, calls: number, agents: string[], prefix = 's'): CallFloorEvent[] {
  const out: CallFloorEvent[] = [];
  let n = 0;
  const ev = (ts: number, type: CallFloorEvent['type'], f: Partial<CallFloorEvent> = {}) => out.push({ id: `${prefix}${++n}`, ts, type, ...f });
  for (const a of agents) ev(start, 'agent.login', { agent: a });
  for (let i = 0; i < calls; i++) {
    const t = start + 60_000 + i * 60_000;
    const callId = `${prefix}c${i}`;
    ev(t, 'call.enqueued', { callId, queue: 'general' });
    if (i % 4 === 3) {
      ev(t + 30_000, 'call.abandoned', { callId, queue: 'general', waitS: 30 });
      continue;
    }
    const agent = agents[i % agents.length]!;
    ev(t + 10_000, 'call.connected', { callId, queue: 'general', agent, waitS: 10 });
    ev(t + 10_000, 'agent.talking', { agent, queue: 'general' });
    ev(t + 130_000, 'call.ended', { callId, queue: 'general', agent });
    ev(t + 130_000, 'agent.acw', { agent });
    ev(t + 160_000, 'agent.ready', { agent });
  }
  return out.sort((a, b) => a.ts - b.ts);
}

interface Snapshot {
  agents: { code: string; state: string; since: number; reason: string | null; queue: string | null; callsToday: number; callId: string | null }[];
  queues?: { queue: string; waiting: number; offered: number; answered: number; abandoned: number }[];
  kpis?: { offered: number; answered: number } | null;
  intervals?: unknown[];
}

/** What two boards must agree on (tiles, queue counts, today's figures and intervals). */
export function liveBoard(s: Snapshot) {
  return {
    agents: s.agents
      .map((a) => ({ code: a.code, state: a.state, since: a.since, reason: a.reason, queue: a.queue, callsToday: a.callsToday, callId: a.callId }))
      .sort((x, y) => x.code.localeCompare(y.code)),
    queues: (s.queues ?? []).map((q) => ({ queue: q.queue, waiting: q.waiting, offered: q.offered, answered: q.answered, abandoned: q.abandoned })),
    kpis: s.kpis ?? { offered: 0, answered: 0 },
    intervals: s.intervals ?? [],
  };
}

/**
 * A fixed-offset zone in which the UTC hour `h` is 12:xx local time (Etc/GMT signs are inverted): tests on the
 * real clock whose events span the last hour set their center to it, so the events never cross a local midnight.
 */
export function middayZone(h: number): string {
  const east = 12 - h; // -11 … +12
  return east === 0 ? 'Etc/GMT' : east > 0 ? `Etc/GMT-${east}` : `Etc/GMT+${-east}`;
}
