/**
 * Peer help (issue 17, seed 000 ~26 and ~39): 一幫一 pairs and study groups, shadowing a top agent (跟聽)
 * booked inside the schedule, and squad leaders (小隊長) acting for their lead on their squad. Pure: plain
 * data in and out; times are epoch ms.
 */

export const PLAN_KINDS = ['pair', 'group'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];
export const PLAN_RESULTS = ['met', 'partly', 'notMet'] as const;
export type PlanResult = (typeof PLAN_RESULTS)[number];

/**
 * What a squad leader may do for their lead, on their squad's agents only: see the squad's figures (the
 * month's, the day's and the live tiles) and its help plans, write follow-ups, write and read the coaching
 * and listening (辅导 / 听录音) entries of the shift log about their squad's members, and send and read the
 * squad's own post-shift report. Nothing that approves, decides or touches money (fines, points, swaps,
 * time off) is delegated, nor the team's own post-shift report, typed figure overrides, escalations or care
 * talks; naming squads and making or closing plans stay with the lead.
 */
export const SQUAD_LEADER_ACTIONS = [
  'squadFigures',
  'squadLive',
  'readPlans',
  'writeFollowUp',
  'readSquadLog',
  'writeSquadLog',
  'sendSquadReport',
  'readSquadReports',
] as const;
export type SquadLeaderAction = (typeof SQUAD_LEADER_ACTIONS)[number];

/** The shift-log kinds a squad leader writes and reads for their squad (the lead's other kinds stay the lead's). */
export const SQUAD_LOG_KINDS = ['coaching', 'listening'] as const;
export type SquadLogKind = (typeof SQUAD_LOG_KINDS)[number];

/** The schedule activity a shadowing booking puts in the listener's shift (not on the phones: coverage drops). */
export const SHADOW_ACTIVITY = 'shadow';

export interface Activity {
  kind: string;
  start: number;
  end: number;
  paid: boolean;
}

export interface ShiftSpan {
  start: number;
  end: number;
  activities: Activity[];
}

/** Why a shadowing booking is refused (`errors.peer.<reason>` in the web, params interpolated). */
export type ShadowRefusal =
  | { reason: 'peer.shadowOutsideShift' | 'peer.shadowOutsideTopShift'; params: { who: 'agent' | 'top' } }
  | { reason: 'peer.shadowOverlapsActivity' | 'peer.topAgentNotOnPhone'; params: { who: 'agent' | 'top'; activity: string } };

/**
 * Places a shadowing slot in the listener's shift: both agents must have a (published) shift that holds
 * the whole slot; the listener must be on the phones for all of it (a break, meal, training, another
 * shadowing or time off in it is an overlap) and so must the top agent (listening to someone on a break
 * teaches nothing). The listener's phone activity is split around a paid 'shadow' activity.
 */
export function placeShadowing(
  listener: ShiftSpan | null,
  top: ShiftSpan | null,
  slot: { start: number; end: number },
): { ok: true; activities: Activity[] } | { ok: false; refusal: ShadowRefusal } {
  for (const [who, s] of [
    ['agent', listener],
    ['top', top],
  ] as const) {
    // the reason says whose plan is in the way (the listener's, or the top agent's), so the web can say it in words
    const outside = who === 'agent' ? 'peer.shadowOutsideShift' : 'peer.shadowOutsideTopShift';
    const busy = who === 'agent' ? 'peer.shadowOverlapsActivity' : 'peer.topAgentNotOnPhone';
    if (!s || slot.start < s.start || slot.end > s.end) return { ok: false, refusal: { reason: outside, params: { who } } };
    const clash = s.activities.find((a) => a.kind !== 'phone' && a.start < slot.end && a.end > slot.start);
    if (clash) return { ok: false, refusal: { reason: busy, params: { who, activity: clash.kind } } };
    // a gap between activities inside the shift (none is planned there) is not phone time either
    if (!coveredByPhone(s.activities, slot)) return { ok: false, refusal: { reason: busy, params: { who, activity: 'none' } } };
  }
  const out: Activity[] = [];
  for (const a of listener!.activities) {
    if (a.end <= slot.start || a.start >= slot.end) out.push(a);
    else {
      if (a.start < slot.start) out.push({ ...a, end: slot.start });
      if (a.end > slot.end) out.push({ ...a, start: slot.end });
    }
  }
  out.push({ kind: SHADOW_ACTIVITY, start: slot.start, end: slot.end, paid: true });
  return { ok: true, activities: out.sort((x, y) => x.start - y.start) };
}

function coveredByPhone(acts: Activity[], slot: { start: number; end: number }): boolean {
  let at = slot.start;
  for (const a of [...acts].filter((x) => x.kind === 'phone').sort((x, y) => x.start - y.start)) {
    if (a.start > at) break;
    if (a.end > at) at = a.end;
    if (at >= slot.end) return true;
  }
  return at >= slot.end;
}

/** Cancelling a booking: its shadow activity becomes phone time again, joined to the phone time on either side. */
export function removeShadowing(activities: Activity[], slot: { start: number; end: number }): Activity[] {
  const back = activities
    .map((a) => (a.kind === SHADOW_ACTIVITY && a.start === slot.start && a.end === slot.end ? { ...a, kind: 'phone' } : a))
    .sort((x, y) => x.start - y.start);
  const out: Activity[] = [];
  for (const a of back) {
    const last = out[out.length - 1];
    if (last && last.kind === 'phone' && a.kind === 'phone' && last.end === a.start && last.paid === a.paid) out[out.length - 1] = { ...last, end: a.end };
    else out.push(a);
  }
  return out;
}

/** The two months a plan's figures compare: the month before it started, and the latest month it ran in (up to today). */
export function beforeAndDuring(plan: { startDate: string; endDate: string }, today: string): { before: string; during: string } {
  const startMonth = plan.startDate.slice(0, 7);
  const last = (plan.endDate < today ? plan.endDate : today).slice(0, 7);
  return { before: shiftMonthOf(startMonth, -1), during: last < startMonth ? startMonth : last };
}

function shiftMonthOf(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** A figure's change from before to during (null when either is missing); a target is met when during reaches it in the KPI's good direction. */
export function figureChange(before: number | null, during: number | null, target: number | null, higherIsBetter: boolean) {
  const delta = before != null && during != null ? during - before : null;
  const met = target == null || during == null ? null : higherIsBetter ? during >= target : during <= target;
  return { before, during, delta, met };
}
