import type { ServerContext } from '../context';
import { agentScope, type Caller } from '../route';

/**
 * The record filter for a caller on routes open to 'any': center-wide roles see all (undefined),
 * team leads their led teams, agents only themselves.
 */
export function scopeFilter(c: Caller): { agentIds?: number[]; teamIds?: number[] } {
  const s = agentScope(c);
  if (s.kind === 'all') return {};
  if (s.kind === 'teams') return { teamIds: s.teamIds };
  return { agentIds: s.agentId == null ? [] : [s.agentId] };
}

/** Sends a stored notification live to its user (topic `user:<id>`). */
export function pushNotices(ctx: ServerContext, notices: readonly { id: number; userId: number; kind: string; data: unknown; createdAt: number }[]) {
  for (const n of notices) ctx.hub.publish(`user:${n.userId}`, { type: 'notification', id: n.id, kind: n.kind, data: n.data, createdAt: n.createdAt });
}
