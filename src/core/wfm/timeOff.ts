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
