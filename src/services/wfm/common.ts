/** What the WFM use cases share: the actor's center and its time zone, the agents in scope, core-error renaming, Erlang targets. */
import { InputError, notFound, validationError, type NotFoundEntity } from '../../core/errors';
import type { StaffingTarget } from '../../core/wfm/erlang';
import type { AllocationRule } from '../../core/wfm/peaks';
import type { PointsRule } from '../../core/wfm/points';
import { zoneOffsetMin } from '../../core/timezone';
import { listAgents, listCenters } from '../../store/org';
import type { Scope } from '../../store/scope';
import type { Actor, ServiceDeps } from '../context';

export const DAY = 86_400_000;
export const DEFAULT_POINTS_RULES: PointsRule[] = [{ id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 }];
export const DEFAULT_PEAK_RULE: AllocationRule = { mode: 'firstCome' };

/**
 * Runs a core call whose input sits under `prefix` in the request: its InputError (a DomainError naming
 * the core's field) is renamed to the request's field. Without a prefix errors pass through as they are.
 */
export async function core<T>(fn: () => T | Promise<T>, prefix = ''): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (prefix && e instanceof InputError) throw new InputError(prefix + e.field, e.problem, { reason: e.reason, params: e.params }, e.code);
    throw e;
  }
}

/** The actor's center and its IANA time zone. */
export async function centerOf(deps: ServiceDeps, actor: Actor): Promise<{ id: number; tz: string }> {
  const id = actor.scope.centerId;
  const center = (await listCenters(deps.store.db)).find((x) => x.id === id);
  if (!center) throw notFound('center');
  return { id, tz: center.timezone };
}

/** The zone's offset from UTC at an instant, minutes. */
export const tzAt = (tz: string, ts: number) => zoneOffsetMin(tz, ts);

/** Ids of the agents the scope sees (the center's, a team lead's teams', or one's own), chosen in SQL. */
export async function agentIdsIn(deps: ServiceDeps, scope: Scope): Promise<number[]> {
  return (await listAgents(deps.store.db, { scope })).map((a) => a.id);
}

/** A row of another center is as absent as a row that does not exist. */
export function sameCenter<T extends { center_id: number }>(row: T, actor: Actor, entity: NotFoundEntity, id: string | number): T {
  if (row.center_id !== actor.scope.centerId) throw notFound(entity, id);
  return row;
}

export interface TargetFields {
  targetSl?: number;
  thresholdS: number;
  targetAsa?: number;
  maxOccupancy?: number;
}
/** The request's fields in the order the core checks its targets (an error on targets[i] names field i). */
export const FIELD_OF_TARGET = ['targetSl', 'targetAsa', 'maxOccupancy'] as const;

export function targetsOf(b: TargetFields): StaffingTarget[] {
  const t: StaffingTarget[] = [];
  if (b.targetSl !== undefined) t.push({ kind: 'serviceLevel', target: b.targetSl, thresholdS: b.thresholdS });
  if (b.targetAsa !== undefined) t.push({ kind: 'asa', targetS: b.targetAsa });
  if (b.maxOccupancy !== undefined) t.push({ kind: 'occupancy', max: b.maxOccupancy });
  if (!t.length) throw validationError('targetSl', 'give a target: targetSl, targetAsa or maxOccupancy', { reason: 'wfm.targetRequired', params: {} });
  return t;
}
