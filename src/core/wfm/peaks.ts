// Peak subscription (高峰認購) and voluntary time off (VTO): allocation of published slots to
// the agents who asked for them, first come or by a configured priority order.
// Pure: the caller passes the slots, requests, agent facts and existing shifts. Times: epoch ms.

import { InputError as PeakInputError } from '../errors';

/** Bad input to this module: core's InputError (a validation DomainError naming the field). */
export { PeakInputError };

export interface Slot {
  id: string;
  start: number;
  end: number;
  capacity: number;
  /** bonus points or money per awarded slot, carried through for the ledger */
  bonus?: number;
}

export interface SlotRequest {
  agentId: string;
  slotId: string;
  /** when the agent subscribed (epoch ms); first come uses it, priority uses it as tie-break */
  requestedAt: number;
}

export interface AgentFacts {
  id: string;
  pointsBalance?: number;
  tenureMonths?: number;
  /** higher is better (e.g. monthly score) */
  performance?: number;
}

export type PriorityKey = 'points' | 'tenure' | 'performance';

export type AllocationRule = { mode: 'firstCome' } | { mode: 'priority'; order: PriorityKey[] };

export interface AllocationOptions {
  /** 'peak': extra work, must not overlap the agent's shifts; 'vto': time off, must lie inside one */
  kind: 'peak' | 'vto';
  rule: AllocationRule;
  /** the agent's existing scheduled working time */
  shifts?: { agentId: string; start: number; end: number }[];
  maxSlotsPerAgent?: number;
}

export type RejectReason = 'full' | 'overlapsAwardedSlot' | 'overlapsShift' | 'notScheduled' | 'agentLimit' | 'unknownSlot' | 'unknownAgent' | 'duplicate';

export interface AllocationResult {
  awarded: { slotId: string; agentId: string; bonus: number }[];
  rejected: { slotId: string; agentId: string; reason: RejectReason }[];
  /** remaining capacity per slot */
  remaining: Record<string, number>;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export function allocateSlots(slots: Slot[], requests: SlotRequest[], agents: AgentFacts[], o: AllocationOptions): AllocationResult {
  const slotById = new Map<string, Slot>();
  slots.forEach((s, i) => {
    if (slotById.has(s.id)) throw new PeakInputError(`slots[${i}].id`, `duplicate ${s.id}`);
    if (!(s.end > s.start)) throw new PeakInputError(`slots[${i}].end`, 'must be after start');
    if (!Number.isInteger(s.capacity) || s.capacity < 0) throw new PeakInputError(`slots[${i}].capacity`, 'must be a whole number >= 0');
    slotById.set(s.id, s);
  });
  if (o.rule.mode === 'priority') {
    if (o.rule.order.length === 0) throw new PeakInputError('rule.order', 'give at least one priority key');
    o.rule.order.forEach((k, i) => {
      if (!['points', 'tenure', 'performance'].includes(k)) throw new PeakInputError(`rule.order[${i}]`, `unknown key ${k}`);
    });
  }
  const agentById = new Map(agents.map((a) => [a.id, a]));
  const keyOf = (a: AgentFacts, k: PriorityKey) => (k === 'points' ? a.pointsBalance : k === 'tenure' ? a.tenureMonths : a.performance) ?? -Infinity;
  const sorted = [...requests].sort((x, y) => {
    if (o.rule.mode === 'priority') {
      const ax = agentById.get(x.agentId);
      const ay = agentById.get(y.agentId);
      if (ax && ay)
        for (const k of o.rule.order) {
          const d = keyOf(ay, k) - keyOf(ax, k);
          if (d !== 0 && !Number.isNaN(d)) return d;
        }
    }
    return x.requestedAt - y.requestedAt || (x.agentId < y.agentId ? -1 : x.agentId > y.agentId ? 1 : 0);
  });
  const remaining: Record<string, number> = Object.fromEntries(slots.map((s) => [s.id, s.capacity]));
  const awardedBy = new Map<string, Slot[]>();
  const seen = new Set<string>();
  const out: AllocationResult = { awarded: [], rejected: [], remaining };
  const max = o.maxSlotsPerAgent ?? Infinity;
  for (const r of sorted) {
    const reject = (reason: RejectReason) => out.rejected.push({ slotId: r.slotId, agentId: r.agentId, reason });
    const slot = slotById.get(r.slotId);
    if (!slot) {
      reject('unknownSlot');
      continue;
    }
    if (!agentById.has(r.agentId)) {
      reject('unknownAgent');
      continue;
    }
    const key = `${r.agentId}\u0000${r.slotId}`;
    if (seen.has(key)) {
      reject('duplicate');
      continue;
    }
    seen.add(key);
    const mine = awardedBy.get(r.agentId) ?? [];
    if (remaining[slot.id]! <= 0) reject('full');
    else if (mine.length >= max) reject('agentLimit');
    else if (mine.some((m) => overlaps(m, slot))) reject('overlapsAwardedSlot');
    else {
      const shifts = (o.shifts ?? []).filter((s) => s.agentId === r.agentId);
      if (o.kind === 'peak' && shifts.some((s) => overlaps(s, slot))) reject('overlapsShift');
      else if (o.kind === 'vto' && !shifts.some((s) => s.start <= slot.start && s.end >= slot.end)) reject('notScheduled');
      else {
        remaining[slot.id]!--;
        mine.push(slot);
        awardedBy.set(r.agentId, mine);
        out.awarded.push({ slotId: slot.id, agentId: r.agentId, bonus: slot.bonus ?? 0 });
      }
    }
  }
  return out;
}

export interface ShiftActivity {
  kind: string;
  start: number;
  end: number;
  paid: boolean;
}

/**
 * A confirmed VTO slot shortens the agent's shift: the slot's time is cut out of the activities.
 * At the start or end of the shift the shift itself becomes shorter; in the middle the gap is an
 * unpaid 'vto' activity. Paid hours follow the paid activities left. A shift wholly inside the slot
 * keeps only the 'vto' activity and 0 paid hours.
 */
export function applyTimeOff(shift: { start: number; end: number; activities: ShiftActivity[] }, off: { start: number; end: number }) {
  const from = Math.max(shift.start, off.start);
  const to = Math.min(shift.end, off.end);
  if (!(to > from)) return { start: shift.start, end: shift.end, activities: shift.activities, paidHours: paidHoursOf(shift.activities) };
  const kept: ShiftActivity[] = [];
  for (const a of shift.activities) {
    if (a.end <= from || a.start >= to) kept.push(a);
    else {
      if (a.start < from) kept.push({ ...a, end: from });
      if (a.end > to) kept.push({ ...a, start: to });
    }
  }
  const work = kept.filter((a) => a.kind !== 'vto');
  if (!work.length) {
    const acts = [{ kind: 'vto', start: from, end: to, paid: false }];
    return { start: from, end: to, activities: acts, paidHours: 0 };
  }
  // trim break/meal activities left dangling at the new edges: the shift starts and ends with work
  let lo = 0;
  let hi = kept.length - 1;
  const isWork = (a: ShiftActivity) => a.kind === 'phone' || (a.kind !== 'break' && a.kind !== 'meal' && a.kind !== 'vto');
  while (lo < hi && !isWork(kept[lo]!)) lo++;
  while (hi > lo && !isWork(kept[hi]!)) hi--;
  const trimmed = kept.slice(lo, hi + 1);
  const start = trimmed[0]!.start;
  const end = trimmed[trimmed.length - 1]!.end;
  const acts = [...trimmed];
  if (from > start && to < end) acts.push({ kind: 'vto', start: from, end: to, paid: false });
  acts.sort((a, b) => a.start - b.start);
  return { start, end, activities: acts, paidHours: paidHoursOf(acts) };
}

const paidHoursOf = (acts: ShiftActivity[]) => acts.reduce((s, a) => s + (a.paid ? a.end - a.start : 0), 0) / 3_600_000;

/** Why an agent may not bid for a slot (`errors.<reason>` in the web's messages, params interpolated). */
export interface BidRefusal {
  reason: 'wfm.slotPast' | 'wfm.slotOverlapsShift' | 'wfm.slotOverlapsLeave';
  params: Record<string, string>;
}

/** Why a planner may not publish a slot: it would start at or before now (no one could take it). */
export function publishRefusal(
  slot: { start: number },
  now: number,
  tzOffsetMin: number,
): { reason: 'wfm.slotStartsInPast'; params: Record<string, string> } | null {
  if (slot.start > now) return null;
  const s = localParts(slot.start, tzOffsetMin);
  return { reason: 'wfm.slotStartsInPast', params: { date: s.date, start: s.hm } };
}

/** Local 'YYYY-MM-DD' and 'HH:MM' of an instant at a zone offset (minutes east of UTC). */
function localParts(ts: number, tzOffsetMin: number): { date: string; hm: string } {
  const iso = new Date(ts + tzOffsetMin * 60_000).toISOString();
  return { date: iso.slice(0, 10), hm: iso.slice(11, 16) };
}

/**
 * The bidding rules of a slot for one agent: no bid once the slot has begun; a peak slot (extra work)
 * must not overlap the agent's own published shifts (other than days off / VTO) nor a local day of
 * leave. A VTO slot is time off from one's own shift, so only the first rule applies to it.
 * Returns the first rule broken, or null.
 */
export function bidRefusal(
  slot: { kind: 'peak' | 'vto'; start: number; end: number },
  now: number,
  own: { shifts: { kind: string; start: number; end: number }[]; leaveDates: string[] },
  tzOffsetMin: number,
): BidRefusal | null {
  const s = localParts(slot.start, tzOffsetMin);
  if (slot.start <= now) return { reason: 'wfm.slotPast', params: { date: s.date, start: s.hm } };
  if (slot.kind !== 'peak') return null;
  const shift = own.shifts.filter((x) => x.kind !== 'off' && x.kind !== 'vto' && x.start < slot.end && x.end > slot.start).sort((a, b) => a.start - b.start)[0];
  if (shift) {
    const a = localParts(shift.start, tzOffsetMin);
    return { reason: 'wfm.slotOverlapsShift', params: { date: a.date, shiftStart: a.hm, shiftEnd: localParts(shift.end, tzOffsetMin).hm } };
  }
  // the local days the slot touches (an evening slot past midnight touches two)
  const days = new Set([s.date, localParts(slot.end - 1, tzOffsetMin).date]);
  const leave = [...own.leaveDates].sort().find((d) => days.has(d));
  if (leave) return { reason: 'wfm.slotOverlapsLeave', params: { date: leave } };
  return null;
}
