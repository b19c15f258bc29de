/**
 * Shrinkage planned by category (issue 15): the share of paid time lost to training, coaching, meetings,
 * leave, sickness, … The requirement is the base staffing divided by (1 − Σ categories), as Erlang's
 * `shrinkage` already does with one number: the categories add up to that number. Pure.
 */
import { InputError } from '../errors';

export const SHRINKAGE_CATEGORIES = ['training', 'coaching', 'meetings', 'leave', 'sickness', 'other'] as const;
export type ShrinkageCategory = (typeof SHRINKAGE_CATEGORIES)[number];

export interface ShrinkageItem {
  category: ShrinkageCategory;
  /** share of paid time, 0..1 */
  fraction: number;
}

/** The one number the requirement divides by (1 − it): the categories' sum. A sum of 1 or more leaves no time on the phone: refused, naming the line. */
export function totalShrinkage(items: readonly ShrinkageItem[]): number {
  const seen = new Set<string>();
  let sum = 0;
  items.forEach((it, i) => {
    if (!SHRINKAGE_CATEGORIES.includes(it.category))
      throw new InputError(`categories[${i}].category`, `unknown category ${it.category}`, {
        reason: 'input.invalidOption',
        params: { options: SHRINKAGE_CATEGORIES.join(', ') },
      });
    if (seen.has(it.category))
      throw new InputError(`categories[${i}].category`, `${it.category} is given twice`, { reason: 'wfm.shrinkageTwice', params: { category: it.category } });
    seen.add(it.category);
    if (!(Number.isFinite(it.fraction) && it.fraction >= 0 && it.fraction < 1))
      throw new InputError(`categories[${i}].fraction`, `must be within [0, 1), got ${it.fraction}`, { reason: 'input.invalid', params: {} });
    sum += it.fraction;
  });
  if (sum >= 1 - 1e-9)
    throw new InputError('categories', `together ${Math.round(sum * 1000) / 10} % leaves no time on the phone`, {
      reason: 'wfm.shrinkageTotal',
      params: { percent: Math.round(sum * 1000) / 10 },
    });
  return sum;
}

/** The category time off is planned under: the one place its name is written (time off counts against the requirement net of its share). */
export const LEAVE_CATEGORY: ShrinkageCategory = 'leave';

/**
 * The categories a schedule books as activities in a shift (a training or meeting block): what intraday sees
 * on the day. Sickness and `other` are unplanned loss no schedule shows; leave is seen apart (time off).
 */
export const ACTIVITY_CATEGORIES: readonly ShrinkageCategory[] = ['training', 'coaching', 'meetings'];

/**
 * What a requirement computed with these categories keeps (migrations 059, 060): their sum (rounded to 1e-9, so
 * 0.03 + 0.02 + … stores 0.15), the leave category's share of it (0 when none is planned) and the share of the
 * activity categories (ACTIVITY_CATEGORIES, the same rounding; 0 when none).
 */
export function plannedShrinkage(items: readonly { category: string; fraction: number }[]): { total: number; leave: number; activity: number } {
  const sum = (xs: readonly { fraction: number }[]) => Math.round(xs.reduce((s, c) => s + c.fraction, 0) * 1e9) / 1e9;
  return {
    total: sum(items),
    leave: items.find((c) => c.category === LEAVE_CATEGORY)?.fraction ?? 0,
    activity: sum(items.filter((c) => (ACTIVITY_CATEGORIES as readonly string[]).includes(c.category))),
  };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * The shrinkage a requirement's request declares (an uploaded curve, or one number instead of the center's
 * categories): `shrinkage` the total, `shrinkageLeave` the leave share of it, `shrinkageActivity` the share of it
 * planned as activities a schedule books (training, coaching, meetings; migration 060), each a share of paid time
 * in [0, 1) (the contract checks the range). Null: none declared. The leave and activity shares are parts of the
 * total, so each needs the total; leave cannot exceed it, and the activity share cannot exceed what leave leaves
 * of it (total − leave, leave not given counting as none): refused naming the field.
 * e.g. 40 % total, 10 % leave: an activity share of 30 % is accepted, 35 % refused.
 */
export function declaredShrinkage(body: {
  shrinkage?: number;
  shrinkageLeave?: number;
  shrinkageActivity?: number;
}): { total: number; leave: number | null; activity: number | null } | null {
  const { shrinkage: total, shrinkageLeave: leave, shrinkageActivity: activity } = body;
  if (total === undefined) {
    if (leave !== undefined)
      throw new InputError('shrinkageLeave', 'the leave share needs the total shrinkage it is part of (shrinkage)', {
        reason: 'wfm.shrinkageLeaveWithoutTotal',
        params: {},
      });
    if (activity !== undefined)
      throw new InputError('shrinkageActivity', 'the planned-activity share needs the total shrinkage it is part of (shrinkage)', {
        reason: 'wfm.shrinkageActivityWithoutTotal',
        params: {},
      });
    return null;
  }
  if (leave !== undefined && leave > total + 1e-9)
    throw new InputError('shrinkageLeave', `the leave share ${pct(leave)} % is more than the total ${pct(total)} % it is part of`, {
      reason: 'wfm.shrinkageLeaveOverTotal',
      params: { leave: pct(leave), total: pct(total) },
    });
  const rest = total - (leave ?? 0);
  if (activity !== undefined && activity > rest + 1e-9)
    throw new InputError(
      'shrinkageActivity',
      `the planned-activity share ${pct(activity)} % is more than the total ${pct(total)} % less leave ${pct(leave ?? 0)} % (${pct(rest)} %)`,
      { reason: 'wfm.shrinkageActivityOverRest', params: { activity: pct(activity), total: pct(total), leave: pct(leave ?? 0), rest: pct(rest) } },
    );
  return { total, leave: leave ?? null, activity: activity ?? null };
}
