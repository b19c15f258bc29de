// Contract rules for one agent's week, re-checked when the planner edits a shift by hand or a
// swap moves a shift to another agent. Pure. Times: minutes from Monday 00:00 of the week.

import type { Contract } from './schedule';
import { InputError } from '../errors';

export interface WeekShift {
  /** minutes from Monday 00:00 */
  startMin: number;
  endMin: number;
  paidHours: number;
}

export type ContractRule =
  'maxHoursWeek' | 'minHoursWeek' | 'minDaysOff' | 'earliestStart' | 'latestStart' | 'minRest' | 'leave' | 'overlap' | 'oneShiftPerDay';

export interface RuleViolation {
  rule: ContractRule;
  message: string;
  /** the figures the message names (hours, HH:MM, `day` = 0 for Monday), for a translated one (`wfm.contract.<rule>`) */
  params: Record<string, number | string>;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Every contract rule the week breaks (empty = fine). Minimum hours are pro-rated for leave days, as the optimiser does. */
export function checkAgentWeek(contract: Contract, shifts: WeekShift[], leaveDays: number[] = [], opts: { checkMinHours?: boolean } = {}): RuleViolation[] {
  const out: RuleViolation[] = [];
  const sorted = [...shifts].sort((a, b) => a.startMin - b.startMin);
  const hours = sorted.reduce((s, x) => s + x.paidHours, 0);
  if (hours > contract.maxHoursWeek + 1e-9)
    out.push({
      rule: 'maxHoursWeek',
      message: `${hours} paid hours exceed the contract's maximum of ${contract.maxHoursWeek} per week`,
      params: { hours, max: contract.maxHoursWeek },
    });
  const minEff = contract.minHoursWeek * ((7 - leaveDays.length) / 7);
  if ((opts.checkMinHours ?? true) && hours + 1e-9 < minEff)
    out.push({
      rule: 'minHoursWeek',
      message: `${hours} paid hours are below the contract's minimum of ${+minEff.toFixed(2)} per week`,
      params: { hours, min: +minEff.toFixed(2) },
    });
  const days = new Set<number>();
  for (const s of sorted) {
    const day = Math.floor(s.startMin / 1440);
    const tod = s.startMin - day * 1440;
    if (days.has(day)) out.push({ rule: 'oneShiftPerDay', message: `two shifts start on day ${day}`, params: { day } });
    days.add(day);
    if (tod < contract.earliestStartMin)
      out.push({
        rule: 'earliestStart',
        message: `a shift starts at ${hhmm(tod)}, before the contract's earliest start ${hhmm(contract.earliestStartMin)}`,
        params: { day, start: hhmm(tod), earliest: hhmm(contract.earliestStartMin) },
      });
    if (tod > contract.latestStartMin)
      out.push({
        rule: 'latestStart',
        message: `a shift starts at ${hhmm(tod)}, after the contract's latest start ${hhmm(contract.latestStartMin)}`,
        params: { day, start: hhmm(tod), latest: hhmm(contract.latestStartMin) },
      });
    if (leaveDays.includes(day)) out.push({ rule: 'leave', message: `day ${day} is approved leave`, params: { day } });
  }
  const daysOff = 7 - days.size;
  if (daysOff < contract.minDaysOff)
    out.push({
      rule: 'minDaysOff',
      message: `${daysOff} days off, the contract needs at least ${contract.minDaysOff}`,
      params: { daysOff, min: contract.minDaysOff },
    });
  const restMin = (contract.minRestHours ?? 11) * 60;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]!.startMin - sorted[i - 1]!.endMin;
    if (gap < 0) out.push({ rule: 'overlap', message: 'two shifts overlap', params: {} });
    else if (gap < restMin)
      out.push({
        rule: 'minRest',
        message: `only ${+(gap / 60).toFixed(2)} h rest between shifts, the contract needs ${restMin / 60} h`,
        params: { rest: +(gap / 60).toFixed(2), min: restMin / 60 },
      });
  }
  return out;
}

/** Agents on the phones per interval of the week from phone activities (minutes from Monday 00:00). */
export function weekCoverage(phone: { startMin: number; endMin: number }[], intervalMin = 15): number[] {
  const n = (7 * 1440) / intervalMin;
  const cov = new Array<number>(n).fill(0);
  for (const a of phone) {
    // an agent counts in an interval for the share of it they are on the phones
    for (let t = Math.max(0, Math.floor(a.startMin / intervalMin)); t < n && t * intervalMin < a.endMin; t++) {
      const lo = Math.max(a.startMin, t * intervalMin);
      const hi = Math.min(a.endMin, (t + 1) * intervalMin);
      if (hi > lo) cov[t]! += (hi - lo) / intervalMin;
    }
  }
  return cov;
}

/**
 * What the previous week's shifts carry into a week starting at `weekStartTs` (epoch ms): the agents on the
 * phone per interval (a Sunday-night shift still running on Monday) and, per agent, when their last shift
 * before the week ends (minutes from the week's start), so the optimiser keeps their rest.
 */
export function carryIntoWeek(
  shifts: { agentId: number; start: number; end: number; activities: { kind: string; start: number; end: number }[] }[],
  weekStartTs: number,
  intervalMin: number,
): { carryIn: number[]; endMinByAgent: Map<number, number> } {
  const before = shifts.filter((s) => s.start < weekStartTs);
  const toMin = (ts: number) => (ts - weekStartTs) / 60_000;
  const phone = before.flatMap((s) =>
    s.activities.filter((a) => a.kind === 'phone' && a.end > weekStartTs).map((a) => ({ startMin: toMin(a.start), endMin: toMin(a.end) })),
  );
  const endMinByAgent = new Map<number, number>();
  for (const s of before) endMinByAgent.set(s.agentId, Math.max(endMinByAgent.get(s.agentId) ?? -Infinity, toMin(s.end)));
  return { carryIn: weekCoverage(phone, intervalMin), endMinByAgent };
}

/** YYYY-MM-DD of a Monday → epoch ms of its local midnight (local = UTC + tzOffsetMin). */
export function weekStartMs(weekStart: string, tzOffsetMin: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(weekStart);
  if (!m)
    throw new InputError('weekStart', `must be YYYY-MM-DD, got ${weekStart}`, { reason: 'input.badDate', params: { field: 'weekStart', value: weekStart } });
  const utc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!);
  if (new Date(utc).getUTCDay() !== 1)
    throw new InputError('weekStart', `${weekStart} is not a Monday`, { reason: 'wfm.notMonday', params: { date: weekStart } });
  return utc - tzOffsetMin * 60_000;
}

/** The Monday (YYYY-MM-DD) of the local week containing ts. */
export function mondayOf(ts: number, tzOffsetMin: number): string {
  const local = ts + tzOffsetMin * 60_000;
  const day = Math.floor(local / 86_400_000);
  const wd = (((day + 3) % 7) + 7) % 7; // 0 = Monday
  return new Date((day - wd) * 86_400_000).toISOString().slice(0, 10);
}
