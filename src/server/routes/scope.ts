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
