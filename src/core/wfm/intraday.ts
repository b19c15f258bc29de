// Intraday re-optimisation (日内调整): when the rest-of-day re-forecast (reforecastIntraday) opens a gap
// against the published coverage, propose
//   1. moving breaks / meals inside their template windows to intervals with spare cover,
//   2. overtime offers (extend a shift before or after) for the shortfall left, within the contract,
//   3. VTO offers where the cover is well above the requirement.
// Pure: the caller passes the day's requirement, the published shifts with their templates' break rules
// and contracts, and `nowTs` (nothing that has begun is moved). Times: epoch ms.

import { checkAgentWeek, type RuleViolation } from './rules';
import type { BreakRule, Contract } from './schedule';
import { applyTimeOff, type ShiftActivity } from './peaks';
import { InputError } from '../errors';
import { seenFactor, unseenShrinkage, type RequirementShrinkage } from './timeOff';

const MIN = 60_000;

export interface IntradayShift {
  shiftId: number;
  agentId: number;
  start: number;
  end: number;
  paidHours: number;
  activities: ShiftActivity[];
  /** the shift template's break rules (windows from the shift start); none: its breaks stay where they are */
  breakRules: BreakRule[];
  /** no contract: the agent gets no overtime offer (the rules cannot be checked) */
  contract?: Contract;
  /** the agent's other shifts of the same week, for weekly hours and rest */
  otherShifts: { start: number; end: number; paidHours: number }[];
}

export interface IntradayPlanInput {
  intervalMin: number;
  /** the day's re-forecast requirement, agents on the phones per interval */
  intervals: { ts: number; required: number }[];
  shifts: IntradayShift[];
  /** intervals before it are history; breaks that began and offers that would begin before it are not proposed */
  nowTs: number;
  /** the local Monday 00:00 of the shifts' week, for the contract rules */
  weekStartTs: number;
  /** longest overtime one agent is offered at a time (default 120 min) */
  maxOvertimeMin?: number;
  /** VTO only where the cover exceeds the requirement by at least this many agents (default 1) */
  vtoMinOver?: number;
  /** longest VTO window offered (default 120 min) */
  maxVtoMin?: number;
}

export interface BreakMove {
  shiftId: number;
  agentId: number;
  kind: string;
  fromStart: number;
  toStart: number;
  durationMin: number;
}

export interface OvertimeCandidate {
  agentId: number;
  shiftId: number;
  /** the shift's new start and end when the agent takes the offer */
  start: number;
  end: number;
}

export interface IntradayOffer {
  kind: 'overtime' | 'vto';
  start: number;
  end: number;
  /** how many agents may take it (first come, first served) */
  capacity: number;
  /** the agents it goes to */
  agents: OvertimeCandidate[];
}

export interface IntradayPlan {
  intervals: { ts: number; required: number; planned: number; afterBreaks: number; after: number }[];
  breakMoves: BreakMove[];
  offers: IntradayOffer[];
  /** agent-minutes short before and after the proposal (offers counted as fully taken) */
  shortBeforeMin: number;
  shortAfterMin: number;
  /** overtime refused to agents by a contract rule, for the planner to see why someone got no offer */
  ruledOut: { agentId: number; start: number; end: number; rule: RuleViolation['rule'] }[];
}

const isBreak = (a: ShiftActivity) => a.kind === 'break' || a.kind === 'meal';

/** Agents on the phones per interval (an agent counts for the share of the interval they are on the phones). */
export function phoneCoverage(shifts: readonly { activities: readonly ShiftActivity[] }[], tss: number[], intervalMin: number): number[] {
  const len = intervalMin * MIN;
  return tss.map((ts) => {
    let n = 0;
    for (const s of shifts) for (const a of s.activities) if (a.kind === 'phone') n += Math.max(0, Math.min(a.end, ts + len) - Math.max(a.start, ts)) / len;
    return n;
  });
}

/**
 * The queues a published shift answers: the ones its multi-skill plan gave it (the skills of the agent's skill
 * group, wfm_shifts.queues, migration 053), else the agent's skills (a single-skill run's shift serves whatever
 * the agent's skills are). A skill that is no queue (e.g. 'voice') is harmless: no queue is asked for by it.
 */
export function shiftQueues(shift: { queues?: readonly string[] | null }, skills: readonly string[] | undefined): readonly string[] {
  return shift.queues ?? skills ?? [];
}

/**
 * One queue's scheduled cover (the intraday panel's gap, GET /api/wfm/intraday): agents on the phone per interval
 * (phoneCoverage) on shifts that answer the queue (shiftQueues), not every agent on the phone. No share of an
 * agent who answers several queues is any one queue's (the multi-skill plan splits the load by simulation, not
 * by a fixed share), so such an agent counts in full in each queue they answer: the cover is the agents who can
 * take the queue's calls, and the queues' covers do not add up to the center's. Also how many agents count and
 * how many others are on the phone that day without counting (no such queue on the shift or in the skills).
 * e.g. a (skills A) and b (A, B) on the phone 09:00–10:00, c (B) 09:00–09:30: queue A has 2 at 09:00–10:00
 * (2 agents, 1 other); queue B 2 at 09:00–09:30 and 1 at 09:30–10:00.
 */
export function queueCover(
  shifts: readonly { agentId: number; activities: ShiftActivity[]; queues?: readonly string[] | null }[],
  skillsOf: ReadonlyMap<number, readonly string[]>,
  queue: string,
  tss: number[],
  intervalMin: number,
): { cover: number[]; agents: number; otherAgents: number } {
  const end = tss.length ? tss[tss.length - 1]! + intervalMin * MIN : 0;
  const onPhone = shifts.filter((s) => tss.length && s.activities.some((a) => a.kind === 'phone' && a.start < end && a.end > tss[0]!));
  const serving = onPhone.filter((s) => shiftQueues(s, skillsOf.get(s.agentId)).includes(queue));
  const counted = new Set(serving.map((s) => s.agentId));
  return {
    cover: phoneCoverage(serving, tss, intervalMin),
    agents: counted.size,
    otherAgents: new Set(onPhone.map((s) => s.agentId).filter((id) => !counted.has(id))).size,
  };
}

/** Activities that are not planned shrinkage: the phone, the template's breaks and meals, and VTO (taken because the day is over-covered). */
const NOT_SHRINKAGE = new Set(['phone', 'break', 'meal', 'vto']);

/**
 * Per interval, the share of the agents at work (on the phone or in a planned activity) booked in a planned
 * activity — training, a meeting, shadowing a top agent: any activity but the phone, breaks, meals and VTO;
 * 0 where nobody is at work.
 */
export function activityShare(shifts: { activities: ShiftActivity[] }[], tss: number[], intervalMin: number): number[] {
  const len = intervalMin * MIN;
  return tss.map((ts) => {
    let phone = 0;
    let booked = 0;
    for (const s of shifts)
      for (const a of s.activities) {
        const part = Math.max(0, Math.min(a.end, ts + len) - Math.max(a.start, ts)) / len;
        if (a.kind === 'phone') phone += part;
        else if (!NOT_SHRINKAGE.has(a.kind)) booked += part;
      }
    return phone + booked > 0 ? booked / (phone + booked) : 0;
  });
}

/**
 * The requirement intraday compares the phone cover with (日内调整), in one interval. The cover counts agents on
 * the phone, so it is already net of the shrinkage the day's schedule shows: leave (granted time off takes the
 * shift away) and the planned activities booked in it (`activity`, activityShare). The published requirement is
 * in heads, grossed up for all of its shrinkage (R = N / (1 − s_total)): compared as it is, that shrinkage would
 * count twice and the proposal would offer overtime the plan already allows for. So, as a planner reads the
 * day, intraday compares the cover with the agents the calls need on the phone, grossed up only for the
 * shrinkage the schedule cannot show (sickness, other, activities not booked; core/wfm/timeOff unseenShrinkage):
 *
 *   heads (the published requirement):       R × (1 − s_total) / (1 − s_unseen)
 *   agents (a re-forecast's Erlang agents):  N / (1 − s_unseen)
 *
 * e.g. R = 20 at 15 % (5 % leave): 18.89 with nothing booked, 17 with 10 % of the agents in training (all the
 * non-leave shrinkage seen). Shrinkage not known: the requirement as given. Rounded to 1e-9 (18 × 0.85 / 0.9 is 17).
 */
export function intradayRequired(required: number, s: RequirementShrinkage | null, activity: number, of: 'heads' | 'agents' = 'heads'): number {
  if (of === 'heads') {
    const f = seenFactor(s, activity);
    return f === null ? required : Math.round(required * f * 1e9) / 1e9;
  }
  const u = unseenShrinkage(s, activity);
  return u === null ? required : Math.round((required / (1 - u.unseen)) * 1e9) / 1e9;
}

/**
 * The published week's requirement of one queue, per interval (heads, as the total is), or null when the week's
 * requirement has no per-queue split (an uploaded curve without one, a multi-skill plan's: its skill groups serve
 * several queues at once, so no interval's need is any one queue's). A split that does not name the queue planned
 * none for it: zeros.
 */
export function queueShare(byQueue: Readonly<Record<string, readonly number[]>> | null, queue: string, length: number): readonly number[] | null {
  if (!byQueue) return null;
  // only read by the caller: the stored array itself, not a copy
  return byQueue[queue] ?? new Array<number>(length).fill(0);
}

/**
 * One interval's requirement when a queue is re-forecast (日内调整): only that queue's share of the published
 * requirement is replaced. The other queues keep theirs (the plan total less the queue's share, in heads) and
 * the queue's need becomes the re-forecast's Erlang agents on the phone; each is grossed up as intradayRequired
 * does (heads net of the seen shrinkage, agents for the unseen shrinkage only):
 *
 *   intradayRequired(R_total − R_queue, heads) + intradayRequired(N_reforecast, agents)
 *
 * e.g. R_total 20 = 11 (queue A) + 9 (queue B) at 15 % (5 % leave), nothing booked, A re-forecast at 9 agents:
 * B keeps 9 × 0.85 / 0.9 = 8.5, A needs 9 / 0.9 = 10: 18.5. A share above the total (a split that does not add
 * up) leaves the other queues none, never less.
 */
export function reforecastRequired(planTotal: number, planQueue: number, reforecastAgents: number, s: RequirementShrinkage | null, activity: number): number {
  const others = intradayRequired(Math.max(0, planTotal - planQueue), s, activity, 'heads');
  return Math.round((others + intradayRequired(reforecastAgents, s, activity, 'agents')) * 1e9) / 1e9;
}

/** The shift's activities with the non-phone ones given and phone time filling the rest of [start, end). */
export function withPhoneFill(start: number, end: number, fixed: ShiftActivity[]): ShiftActivity[] {
  const out: ShiftActivity[] = [];
  let t = start;
  for (const a of [...fixed].sort((x, y) => x.start - y.start)) {
    if (a.start > t) out.push({ kind: 'phone', start: t, end: a.start, paid: true });
    out.push(a);
    t = Math.max(t, a.end);
  }
  if (end > t) out.push({ kind: 'phone', start: t, end, paid: true });
  return out;
}

/** Moves one break of a shift; the phone time closes around it. */
export function moveBreak(activities: ShiftActivity[], start: number, end: number, fromStart: number, toStart: number): ShiftActivity[] {
  const fixed = activities.filter((a) => a.kind !== 'phone');
  const b = fixed.find((a) => isBreak(a) && a.start === fromStart);
  if (!b) return activities;
  const moved = fixed.map((a) => (a === b ? { ...a, start: toStart, end: toStart + (b.end - b.start) } : a));
  return withPhoneFill(start, end, moved);
}

/**
 * The starts a break may move to: inside its rule's window (the i-th break of a kind follows the i-th rule of
 * that kind), on the 15-minute grid from the shift start, not before now, not over another non-phone activity.
 * Empty when the break has begun or has no rule.
 */
export function breakStarts(shift: Pick<IntradayShift, 'start' | 'end' | 'activities' | 'breakRules'>, fromStart: number, nowTs: number): number[] {
  const breaks = shift.activities.filter(isBreak).sort((a, b) => a.start - b.start);
  const b = breaks.find((a) => a.start === fromStart);
  if (!b || b.start < nowTs) return [];
  const nth = breaks.filter((a) => a.kind === b.kind).indexOf(b);
  const rule = shift.breakRules.filter((r) => r.kind === b.kind)[nth];
  if (!rule) return [];
  const d = b.end - b.start;
  const others = shift.activities.filter((a) => a.kind !== 'phone' && a !== b);
  const out: number[] = [];
  for (let m = rule.earliestStartMin; m <= rule.latestStartMin; m += 15) {
    const s = shift.start + m * MIN;
    if (s < nowTs || s + d > shift.end) continue;
    if (others.some((o) => o.start < s + d && s < o.end)) continue;
    out.push(s);
  }
  return out;
}

function validate(o: IntradayPlanInput) {
  if (![15, 30, 60].includes(o.intervalMin)) throw new InputError('intervalMin', 'must be 15, 30 or 60', { reason: 'wfm.intervalLength', params: {} });
  o.intervals.forEach((x, i) => {
    if (!(Number.isFinite(x.required) && x.required >= 0))
      throw new InputError(`intervals[${i}].required`, 'must be a number >= 0', { reason: 'input.tooSmall', params: { minimum: 0 } });
    if (i > 0 && x.ts !== o.intervals[i - 1]!.ts + o.intervalMin * MIN)
      throw new InputError(`intervals[${i}].ts`, 'intervals must follow each other without gaps', { reason: 'wfm.intervalGap', params: { line: i } });
  });
}

const shortOf = (req: number[], cov: number[], live: boolean[]) => req.reduce((s, r, i) => s + (live[i] ? Math.max(0, r - cov[i]!) : 0), 0);

/** The proposal (see the file comment). Greedy and deterministic: shifts by id, breaks by start. */
export function proposeIntraday(o: IntradayPlanInput): IntradayPlan {
  validate(o);
  const im = o.intervalMin * MIN;
  const tss = o.intervals.map((x) => x.ts);
  const req = o.intervals.map((x) => x.required);
  const live = tss.map((ts) => ts >= o.nowTs);
  const shifts = [...o.shifts].sort((a, b) => a.shiftId - b.shiftId).map((s) => ({ ...s, activities: [...s.activities] }));
  const planned = phoneCoverage(shifts, tss, o.intervalMin);

  // 1. break moves: each pass moves a break where it lowers the shortfall most (ties: the nearest start)
  const cov = [...planned];
  const moves = new Map<string, BreakMove>();
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    for (const s of shifts) {
      for (const b of s.activities.filter(isBreak).sort((x, y) => x.start - y.start)) {
        const base = shortOf(req, cov, live);
        const own = phoneCoverage([s], tss, o.intervalMin);
        let best: { start: number; short: number; acts: ShiftActivity[]; c: number[] } | null = null;
        for (const t of breakStarts(s, b.start, o.nowTs)) {
          if (t === b.start) continue;
          const acts = moveBreak(s.activities, s.start, s.end, b.start, t);
          const mine = phoneCoverage([{ activities: acts }], tss, o.intervalMin);
          const c = cov.map((v, i) => v - own[i]! + mine[i]!);
          const short = shortOf(req, c, live);
          const better = !best || short < best.short - 1e-9 || (Math.abs(short - best.short) <= 1e-9 && Math.abs(t - b.start) < Math.abs(best.start - b.start));
          if (short < base - 1e-9 && better) best = { start: t, short, acts, c };
        }
        if (!best) continue;
        const key = `${s.shiftId}:${b.kind}:${s.activities.filter((a) => a.kind === b.kind && a.start < b.start).length}`;
        const prev = moves.get(key);
        moves.set(key, {
          shiftId: s.shiftId,
          agentId: s.agentId,
          kind: b.kind,
          fromStart: prev?.fromStart ?? b.start,
          toStart: best.start,
          durationMin: (b.end - b.start) / MIN,
        });
        s.activities = best.acts;
        best.c.forEach((v, i) => (cov[i] = v));
        changed = true;
      }
    }
    if (!changed) break;
  }
  const afterBreaks = [...cov];
  const breakMoves = [...moves.values()].filter((m) => m.fromStart !== m.toStart);

  // 2. overtime: each run of short intervals (cut at maxOvertimeMin) is one offer to the agents whose shift
  //    ends at or before it (or starts at or after it) closely enough to reach it, contract rules kept
  const maxOt = (o.maxOvertimeMin ?? 120) * MIN;
  const offers: IntradayOffer[] = [];
  const ruledOut: IntradayPlan['ruledOut'] = [];
  const after = [...cov];
  const runs = (pred: (i: number) => boolean, maxLen: number) => {
    const out: { a: number; b: number }[] = [];
    for (let i = 0; i < tss.length; i++) {
      if (!pred(i)) continue;
      let j = i;
      while (j + 1 < tss.length && pred(j + 1) && (j + 2 - i) * im <= maxLen) j++;
      out.push({ a: i, b: j + 1 });
      i = j;
    }
    return out;
  };
  for (const r of runs((i) => live[i]! && req[i]! - cov[i]! > 1e-9, maxOt)) {
    const start = tss[r.a]!;
    const end = tss[r.b - 1]! + im;
    const need = Math.ceil(Math.max(...req.slice(r.a, r.b).map((v, k) => v - cov[r.a + k]!)) - 1e-9);
    const agents: OvertimeCandidate[] = [];
    for (const s of shifts) {
      const ext = s.end <= start && end - s.end <= maxOt ? { start: s.start, end } : s.start >= end && s.start - start <= maxOt ? { start, end: s.end } : null;
      if (!ext || !s.contract || agents.some((x) => x.agentId === s.agentId)) continue;
      const added = (ext.end - ext.start - (s.end - s.start)) / 3_600_000;
      const week = [...s.otherShifts, { start: ext.start, end: ext.end, paidHours: s.paidHours + added }].map((x) => ({
        startMin: (x.start - o.weekStartTs) / MIN,
        endMin: (x.end - o.weekStartTs) / MIN,
        paidHours: x.paidHours,
      }));
      const v = checkAgentWeek(s.contract, week, [], { checkMinHours: false }).filter((x) => x.rule !== 'minDaysOff');
      if (v.length) ruledOut.push({ agentId: s.agentId, start, end, rule: v[0]!.rule });
      else agents.push({ agentId: s.agentId, shiftId: s.shiftId, ...ext });
    }
    if (!agents.length) continue;
    const capacity = Math.min(need, agents.length);
    offers.push({ kind: 'overtime', start, end, capacity, agents });
    for (let i = r.a; i < r.b; i++) after[i]! += capacity;
  }

  // 3. VTO: each run with cover at least vtoMinOver above the requirement, to the agents on the phones throughout
  const minOver = o.vtoMinOver ?? 1;
  for (const r of runs((i) => live[i]! && cov[i]! - req[i]! >= minOver - 1e-9, (o.maxVtoMin ?? 120) * MIN)) {
    const start = tss[r.a]!;
    const end = tss[r.b - 1]! + im;
    const spare = Math.floor(Math.min(...req.slice(r.a, r.b).map((v, k) => cov[r.a + k]! - v)) + 1e-9);
    const agents = shifts
      .filter((s) => s.activities.some((a) => a.kind === 'phone' && a.start <= start && a.end >= end))
      .map((s) => ({ agentId: s.agentId, shiftId: s.shiftId, ...vtoShift(s, { start, end }) }));
    const capacity = Math.min(spare, agents.length);
    if (capacity < 1) continue;
    offers.push({ kind: 'vto', start, end, capacity, agents });
    for (let i = r.a; i < r.b; i++) after[i]! -= capacity;
  }

  return {
    intervals: o.intervals.map((x, i) => ({ ts: x.ts, required: x.required, planned: planned[i]!, afterBreaks: afterBreaks[i]!, after: after[i]! })),
    breakMoves,
    offers,
    shortBeforeMin: shortOf(req, planned, live) * o.intervalMin,
    shortAfterMin: shortOf(req, after, live) * o.intervalMin,
    ruledOut,
  };
}

/** The shift after taking a VTO window: its bounds (shorter at an edge) — applyTimeOff decides. */
function vtoShift(s: IntradayShift, off: { start: number; end: number }) {
  const r = applyTimeOff(s, off);
  return { start: r.start, end: r.end };
}

/** The shift after taking an overtime offer: extended to [start, end), the added time on the phones. */
export function applyOvertime(shift: { start: number; end: number; activities: ShiftActivity[] }, to: { start: number; end: number }) {
  const start = Math.min(shift.start, to.start);
  const end = Math.max(shift.end, to.end);
  const added: ShiftActivity[] = [];
  if (start < shift.start) added.push({ kind: 'phone', start, end: shift.start, paid: true });
  if (end > shift.end) added.push({ kind: 'phone', start: shift.end, end, paid: true });
  // adjacent phone activities merge, so the day reads as one stretch on the phones
  const acts: ShiftActivity[] = [];
  for (const a of [...shift.activities, ...added].sort((x, y) => x.start - y.start)) {
    const last = acts[acts.length - 1];
    if (last && last.kind === 'phone' && a.kind === 'phone' && last.end === a.start) last.end = a.end;
    else acts.push({ ...a });
  }
  const paidHours = acts.reduce((s, a) => s + (a.paid ? a.end - a.start : 0), 0) / 3_600_000;
  return { start, end, activities: acts, paidHours };
}
