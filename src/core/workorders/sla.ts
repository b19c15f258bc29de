/**
 * SLA timers per type and priority (data) and their status at a given `now` (pure).
 * Calendar time from creation to reaching a final state; business-hours calendars and pausing
 * while waiting on the customer are not modelled yet.
 */
import type { Priority, WorkOrderType } from './machines';
import type { WorkOrder } from './workflow';

export interface SlaTarget {
  /** Time allowed from creation to a final state. */
  resolveMinutes: number;
  /** Warn this many minutes before the due time. */
  warnBeforeMinutes: number;
}

export type SlaPolicy = Readonly<Record<WorkOrderType, Readonly<Record<Priority, SlaTarget>>>>;

const t = (resolveMinutes: number, warnBeforeMinutes: number): SlaTarget => ({ resolveMinutes, warnBeforeMinutes });
const H = 60;
const D = 24 * H;

/** Defaults (the seeds give no numbers; these are conventional starting points, editable per center). */
export const DEFAULT_SLA: SlaPolicy = {
  escalation: { urgent: t(30, 10), high: t(2 * H, 30), normal: t(8 * H, H), low: t(1 * D, 2 * H) },
  complaint: { urgent: t(2 * H, 30), high: t(1 * D, 2 * H), normal: t(2 * D, 4 * H), low: t(3 * D, 8 * H) },
  suggestion: { urgent: t(2 * D, 4 * H), high: t(7 * D, 1 * D), normal: t(14 * D, 2 * D), low: t(30 * D, 3 * D) },
  callback: { urgent: t(2 * H, 30), high: t(1 * D, 2 * H), normal: t(2 * D, 4 * H), low: t(3 * D, 8 * H) },
  dispatch: { urgent: t(1 * H, 15), high: t(4 * H, H), normal: t(1 * D, 2 * H), low: t(3 * D, 8 * H) },
};

export type SlaStatus = 'ok' | 'warning' | 'breached' | 'met' | 'missed';

export interface SlaState {
  dueAt: string;
  warnAt: string;
  status: SlaStatus;
  /** Minutes until due (negative when overdue); for closed orders, measured at closing. */
  minutesLeft: number;
}

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function slaFor(order: Pick<WorkOrder, 'type' | 'priority' | 'createdAt' | 'closedAt'>, now: string, policy: SlaPolicy = DEFAULT_SLA): SlaState {
  const target = policy[order.type][order.priority];
  const created = Date.parse(order.createdAt);
  const due = created + target.resolveMinutes * MIN;
  const warn = Math.max(created, due - target.warnBeforeMinutes * MIN);
  const closed = order.closedAt !== undefined ? Date.parse(order.closedAt) : undefined;
  const ref = closed ?? Date.parse(now);
  let status: SlaStatus;
  if (closed !== undefined) status = closed <= due ? 'met' : 'missed';
  else if (ref > due) status = 'breached';
  else if (ref >= warn) status = 'warning';
  else status = 'ok';
  return { dueAt: iso(due), warnAt: iso(warn), status, minutesLeft: (due - ref) / MIN };
}
