/**
 * The caller's world in SQL: which center, and which of its records (all, some teams' or one agent's).
 * The server resolves it once per request (src/server/route.ts `scopeOf`); every store query that
 * lists records a caller may only partly see takes it as a required argument and applies it here,
 * so forgetting it is a type error and no handler translates roles into filters by hand.
 */
import type { ExpressionBuilder, Expression, Kysely, SqlBool } from 'kysely';
import { notFound, validationError } from '../core/errors';

/** What part of a center a caller may see. */
export type RecordScope = { kind: 'all' } | { kind: 'teams'; teamIds: number[] } | { kind: 'self'; agentId: number | null };
/** A center and what part of it. */
export type Scope = RecordScope & { centerId: number };

/** Column names (optionally table-qualified) a scoped query filters on; a missing one is not filtered. */
export interface ScopeColumns {
  center?: string;
  team?: string;
  agent?: string;
}

/**
 * The scope as one WHERE expression: center = scope's center; teams → team column in the led teams
 * (none led: nothing); self → agent column = own agent (no agent record: nothing). A scope narrower
 * than the center on a query with neither column given sees nothing (never everything).
 */
export function inScope(scope: Scope, cols: ScopeColumns) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const parts: Expression<SqlBool>[] = [];
    if (cols.center) parts.push(eb(eb.ref(cols.center), '=', scope.centerId));
    if (scope.kind === 'teams') {
      if (cols.team && scope.teamIds.length) parts.push(eb(eb.ref(cols.team), 'in', scope.teamIds));
      else parts.push(eb.lit(false) as never);
    } else if (scope.kind === 'self') {
      if (cols.agent && scope.agentId != null) parts.push(eb(eb.ref(cols.agent), '=', scope.agentId));
      else parts.push(eb.lit(false) as never);
    }
    return parts.length ? eb.and(parts) : (eb.lit(true) as never);
  };
}

/** The same scope as a plain filter (for code that filters rows it already holds, e.g. the live floor's tiles). */
export function scopeAdmits(scope: Scope, row: { centerId?: number | null; teamId?: number | null; agentId?: number | null }): boolean {
  if (row.centerId !== undefined && row.centerId !== scope.centerId) return false;
  if (scope.kind === 'teams') return row.teamId != null && scope.teamIds.includes(row.teamId);
  if (scope.kind === 'self') return scope.agentId != null && row.agentId === scope.agentId;
  return true;
}

/**
 * A center id where none was named: the only center of the database (0 when there is none yet).
 * With several centers that would be a guess, so it is an error naming the missing field; a center
 * that is named must exist.
 */
export async function resolveCenterId(db: Kysely<any>, centerId?: number | null, field = 'center'): Promise<number> {
  if (centerId === 0) return 0; // what was stored while the database had no center
  if (centerId != null) {
    const r = await db.selectFrom('centers').select('id').where('id', '=', centerId).executeTakeFirst();
    if (!r) throw notFound('center', centerId, { reason: 'center.notFound', params: { centerId } });
    return centerId;
  }
  const rows = await db.selectFrom('centers').select('id').orderBy('id').limit(2).execute();
  if (rows.length > 1) throw validationError(field, 'the database has several centers: say which one', { reason: 'center.required', params: { field } });
  return rows.length ? Number(rows[0]!.id) : 0;
}

/** The only center of the database, or null when there are none or several (then nothing is guessed). */
export async function onlyCenterId(db: Kysely<any>): Promise<number | null> {
  const rows = await db.selectFrom('centers').select('id').orderBy('id').limit(2).execute();
  return rows.length === 1 ? Number(rows[0]!.id) : null;
}

/**
 * A scoped delegation (小隊長, issue 17): a lead names a squad leader over some agents of their team, and for a
 * defined set of the lead's actions (src/core/peer SQUAD_LEADER_ACTIONS) the squad leader reaches those
 * agents too. It widens a caller's own scope only where a use case asks for it; every other route keeps the
 * plain scope, so a squad leader stays an agent everywhere else.
 */
export interface Delegation {
  /** the squads the caller leads */
  squadIds: number[];
  /** the agents of those squads (the leader themselves included) */
  agentIds: number[];
}

export const NO_DELEGATION: Delegation = { squadIds: [], agentIds: [] };

/** The scope, or an agent of the caller's squads, as one WHERE expression over an agent column. */
export function inScopeOrDelegated(scope: Scope, d: Delegation, cols: ScopeColumns & { agent: string }) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const own = inScope(scope, cols)(eb);
    if (!d.agentIds.length) return own;
    const squad = cols.center
      ? eb.and([eb(eb.ref(cols.center), '=', scope.centerId), eb(eb.ref(cols.agent), 'in', d.agentIds)])
      : eb(eb.ref(cols.agent), 'in', d.agentIds);
    return eb.or([own, squad]);
  };
}

/** The same as a plain check of one agent (its team and center known). */
export function scopeOrDelegationAdmits(scope: Scope, d: Delegation, row: { centerId: number; teamId: number | null; agentId: number }): boolean {
  if (row.centerId !== scope.centerId) return false;
  return scopeAdmits(scope, row) || d.agentIds.includes(row.agentId);
}
