/** What the WFM route files share: role groups, input atoms, the caller's center and scope, core-error renaming. */
import { z } from 'zod';
import { InputError, notFound, validationError } from '../../../core/errors';
import type { Role } from '../../../core/roles';
import { type StaffingTarget } from '../../../core/wfm/erlang';
import { type AllocationRule } from '../../../core/wfm/peaks';
import { type PointsRule } from '../../../core/wfm/points';
import { zoneOffsetMin } from '../../../core/timezone';
import { listAgents, listCenters } from '../../../store/org';
import { agentScope, type Caller } from '../../route';
import type { ServerContext } from '../../context';
import { callerCenterId } from '../platform';
import { isoDate } from '../../schemas';

export const WFM: Role[] = ['wfm'];
export const VIEW: Role[] = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'wfm'];
export const DAY = 86_400_000;
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const date = isoDate;
export const monday = date.refine((s) => new Date(`${s}T00:00:00Z`).getUTCDay() === 1, 'must be a Monday');
export const nonNeg = z.number().finite().min(0);

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

export async function centerOf(ctx: ServerContext, c: Caller) {
  const id = await callerCenterId(ctx, c);
  const center = (await listCenters(ctx.store.db)).find((x) => x.id === id);
  if (!center) throw notFound('center');
  return { id, tz: center.timezone };
}
export const tzAt = (tz: string, ts: number) => zoneOffsetMin(tz, ts);

export async function scopedAgentIds(ctx: ServerContext, c: Caller): Promise<number[] | undefined> {
  const s = agentScope(c);
  if (s.kind === 'all') return undefined;
  if (s.kind === 'self') return s.agentId ? [s.agentId] : [];
  return (await listAgents(ctx.store.db, { teamIds: s.teamIds })).map((a) => a.id);
}

export function targetsOf(b: { targetSl?: number; thresholdS: number; targetAsa?: number; maxOccupancy?: number }): StaffingTarget[] {
  const t: StaffingTarget[] = [];
  if (b.targetSl !== undefined) t.push({ kind: 'serviceLevel', target: b.targetSl, thresholdS: b.thresholdS });
  if (b.targetAsa !== undefined) t.push({ kind: 'asa', targetS: b.targetAsa });
  if (b.maxOccupancy !== undefined) t.push({ kind: 'occupancy', max: b.maxOccupancy });
  if (!t.length) throw validationError('targetSl', 'give a target: targetSl, targetAsa or maxOccupancy');
  return t;
}

export const FIELD_OF_TARGET = ['targetSl', 'targetAsa', 'maxOccupancy'];
export const holidayItem = z.object({ date, name: z.string().max(60).optional(), factor: nonNeg.optional() });

export const DEFAULT_POINTS_RULES: PointsRule[] = [{ id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 }];
export const DEFAULT_PEAK_RULE: AllocationRule = { mode: 'firstCome' };
