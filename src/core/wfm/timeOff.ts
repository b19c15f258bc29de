/**
 * Time off against the planned over-coverage (issue 15). A published week covers each interval with some
 * agents on the phone; where it covers more than the requirement, that many agents can be spared. A day's
 * allowance is the smallest spare over the intervals that need anyone; one agent's request is granted when
 * taking their own phone time out keeps every interval of their shift at or above the requirement.
 * Pure: per-interval arrays of one day (agents, fractions allowed), no clock.
 */

/** Agents who can be off on the day without any interval dropping under its requirement; null: nothing is required that day. */
export function dayAllowance(required: readonly number[], coverage: readonly number[]): number | null {
  let spare = Infinity;
  for (let t = 0; t < required.length; t++) if (required[t]! > 0) spare = Math.min(spare, (coverage[t] ?? 0) - required[t]!);
  return spare === Infinity ? null : Math.max(0, Math.floor(spare + 1e-9));
}

export interface TimeOffCheck {
  ok: boolean;
  /** the first interval (index in the day) that would drop under its requirement, and by how many agents */
  shortAt: number | null;
  short: number;
}

/** Whether an agent whose phone time is `phone` (per interval of the day) can be off without understaffing. */
export function checkTimeOff(required: readonly number[], coverage: readonly number[], phone: readonly number[]): TimeOffCheck {
  for (let t = 0; t < required.length; t++) {
    if (!(phone[t]! > 0) || !(required[t]! > 0)) continue;
    const left = (coverage[t] ?? 0) - phone[t]!;
    if (left + 1e-9 < required[t]!) return { ok: false, shortAt: t, short: Math.round((required[t]! - left) * 100) / 100 };
  }
  return { ok: true, shortAt: null, short: 0 };
}

/**
 * The shrinkage a requirement was computed with (migration 059): the categories' sum and the leave category's
 * share of it; `activity` (migration 060): the share of it planned as activities a schedule books (training,
 * coaching, meetings: shrinkage.ts ACTIVITY_CATEGORIES). Null: not known.
 */
export interface RequirementShrinkage {
  total: number | null;
  leave: number | null;
  /** omitted or null: not known (then every non-leave share counts as bookable, as before migration 060) */
  activity?: number | null;
}

/**
 * What one scheduled agent of the requirement is worth when leave is not taken out of it, or null when the
 * requirement's shrinkage is not known (or plans no leave): then time off is checked against it as stored.
 *
 * How the requirement is built (shrinkage.ts, erlang.ts `scheduledHeads`): N agents on the phone (Erlang)
 * become R = ⌈N / (1 − s_total)⌉ heads scheduled, s_total the sum of the categories, leave (s_leave) among
 * them. Time off is what the leave share was planned for, so a request is checked against the heads needed
 * had leave not been planned: N / (1 − (s_total − s_leave)). With N ≈ R × (1 − s_total):
 *
 *   required_net = R × (1 − s_total) / (1 − (s_total − s_leave))
 *
 * e.g. 10 scheduled at 15 % total, 5 % leave: 10 × 0.85 / 0.90 = 9.444… The rounding up in R only makes
 * R × (1 − s_total) ≥ N, so required_net is never below the unrounded need without leave (the allowance is
 * never overstated by it; it may be understated by less than one agent per queue summed). The net stays
 * fractional, as coverage is (a shift covering half an interval counts half an agent).
 */
export function leaveFactor(s: RequirementShrinkage | null): number | null {
  return s?.leave == null ? null : seenFactor(s, 0);
}

/**
 * The shrinkage of a requirement that a day's schedule does not show, as a share of paid time, when `activity`
 * (a share of the agents at work) is booked in planned activities (training, meetings, shadowing: not phone,
 * breaks or VTO): s_unseen = s_total − s_seen, where s_seen = s_leave + min(activity, cap).
 * Leave is always seen (granted time off takes the shift away); activities are seen as far as they are booked,
 * never beyond the share the requirement planned for them (more than that is a real gap): the cap is the
 * planned-activity share `s.activity` when it is recorded (migration 060; sickness and other unplanned loss are
 * never booked, so they stay unseen however much is booked), else the whole non-leave shrinkage as before.
 * A leave share not recorded counts as none. Null: the requirement's shrinkage is not known (or not believable).
 */
export function unseenShrinkage(s: RequirementShrinkage | null, activity = 0): { total: number; seen: number; unseen: number } | null {
  const cap = activityCap(s);
  if (cap === null) return null;
  const total = s!.total!;
  const seen = Math.min(total, (s!.leave ?? 0) + Math.min(Math.max(0, activity), cap));
  return { total, seen, unseen: total - seen };
}

/**
 * The share of a requirement's shrinkage that booked activities can be seen up to (unseenShrinkage; the figure
 * the intraday page shows): the planned-activity share `s.activity` when it is recorded as a finite number >= 0
 * (migration 060), never more than the non-leave shrinkage (total − leave); else the whole non-leave shrinkage.
 * A leave share not recorded counts as none. Null: the shrinkage is not known or not believable (total missing,
 * not below 1, or a leave share outside [0, total]); then nothing is seen and the requirement is used as stored.
 * e.g. 30 % total, 5 % leave: activity 10 % → 0.1; 40 % → 0.25; not recorded (or NaN, −0.1) → 0.25 (rounded to 1e-9).
 */
export function activityCap(s: RequirementShrinkage | null): number | null {
  if (!s || s.total == null) return null;
  const total = s.total;
  const leave = s.leave ?? 0;
  if (!(Number.isFinite(total) && Number.isFinite(leave) && leave >= 0 && leave <= total + 1e-9 && total < 1)) return null;
  const planned = s.activity;
  const rest = total - leave;
  // rounded to 1e-9, as the requirements are: 40 % − 10 % is 0.3, not 0.30000000000000004
  return Math.round((planned != null && Number.isFinite(planned) && planned >= 0 ? Math.min(planned, rest) : rest) * 1e9) / 1e9;
}

/**
 * What one scheduled agent of the requirement is worth once the shrinkage already seen is taken out of it
 * (leave, and `activity` as in unseenShrinkage): N agents on the phone were planned as R = N / (1 − s_total)
 * heads; with the seen part off the phone already, N / (1 − s_unseen) are needed, so
 *
 *   factor = (1 − s_total) / (1 − s_unseen)
 *
 * Null when nothing is seen (the requirement as stored) or the shrinkage is not known. leaveFactor is the
 * case of no activity.
 */
export function seenFactor(s: RequirementShrinkage | null, activity = 0): number | null {
  const u = unseenShrinkage(s, activity);
  if (!u || !(u.seen > 0)) return null;
  return (1 - u.total) / (1 - u.unseen);
}

/** The requirement net of its leave share (`leaveFactor`), per interval; as stored when the factor is not known. */
export function netOfLeave(required: readonly number[], s: RequirementShrinkage | null): number[] {
  const f = leaveFactor(s);
  // rounded to 1e-9: 18 × 0.85 / 0.9 is 17 (an agent spare on a coverage of 18), not 17.000000000000004
  return f === null ? [...required] : required.map((r) => Math.round(r * f * 1e9) / 1e9);
}
