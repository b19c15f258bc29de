/**
 * Work-order reports (pure): volume by type and category, time to close, SLA outcomes, and the
 * assignees (departments, crews) where orders wait longest, from orders with their history.
 */
import { DEFAULT_SLA, slaFor, type SlaPolicy } from './sla';
import type { WorkOrder } from './workflow';

export interface WorkOrderReport {
  volume: { type: string; category: string; count: number }[];
  timeToClose: { type: string; closed: number; avgHours: number | null; medianHours: number | null }[];
  sla: { type: string; met: number; missed: number; openBreached: number; openWarning: number }[];
  /** Time spent holding an order, per assignee ('dept:<id>', 'user:<id>'), longest average first. */
  waits: { assignee: string; orders: number; totalHours: number; avgHours: number }[];
}

/** States in which a department or field crew holds an order (data of the default machines). */
export const DEPARTMENT_STATES: readonly string[] = ['business_dept', 'sent', 'accepted', 'on_site'];

const H = 3_600_000;
const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function workOrderReport(orders: readonly WorkOrder[], now: string, policy: SlaPolicy = DEFAULT_SLA): WorkOrderReport {
  const vol = new Map<string, { type: string; category: string; count: number }>();
  const close = new Map<string, number[]>();
  const sla = new Map<string, { type: string; met: number; missed: number; openBreached: number; openWarning: number }>();
  const waits = new Map<string, { orders: Set<string>; ms: number }>();
  for (const o of orders) {
    const k = `${o.type}\u0000${o.category}`;
    const v = vol.get(k) ?? { type: o.type, category: o.category, count: 0 };
    v.count++;
    vol.set(k, v);
    if (o.closedAt) close.set(o.type, [...(close.get(o.type) ?? []), Date.parse(o.closedAt) - Date.parse(o.createdAt)]);
    const s = sla.get(o.type) ?? { type: o.type, met: 0, missed: 0, openBreached: 0, openWarning: 0 };
    const st = slaFor(o, now, policy).status;
    if (st === 'met') s.met++;
    else if (st === 'missed') s.missed++;
    else if (st === 'breached') s.openBreached++;
    else if (st === 'warning') s.openWarning++;
    sla.set(o.type, s);
    // a department / crew holds the order while it is in one of their states, from the entry that
    // moved it there to the next entry; the holder is the latest assignee named in the history
    let holder: string | undefined;
    for (let i = 0; i < o.history.length; i++) {
      const e = o.history[i]!;
      if (e.assignee !== undefined) holder = e.assignee;
      if (!holder?.startsWith('dept:') || !DEPARTMENT_STATES.includes(e.to)) continue;
      const end = i + 1 < o.history.length ? o.history[i + 1]!.at : (o.closedAt ?? now);
      const w = waits.get(holder) ?? { orders: new Set<string>(), ms: 0 };
      w.orders.add(o.id);
      w.ms += Math.max(0, Date.parse(end) - Date.parse(e.at));
      waits.set(holder, w);
    }
  }
  return {
    volume: [...vol.values()].sort((a, b) => a.type.localeCompare(b.type) || b.count - a.count || a.category.localeCompare(b.category)),
    timeToClose: [...close.entries()]
      .map(([type, ms]) => ({ type, closed: ms.length, avgHours: ms.reduce((a, b) => a + b, 0) / ms.length / H, medianHours: median(ms)! / H }))
      .sort((a, b) => a.type.localeCompare(b.type)),
    sla: [...sla.values()].sort((a, b) => a.type.localeCompare(b.type)),
    waits: [...waits.entries()]
      .map(([assignee, w]) => ({ assignee, orders: w.orders.size, totalHours: w.ms / H, avgHours: w.ms / H / w.orders.size }))
      .sort((a, b) => b.avgHours - a.avgHours || a.assignee.localeCompare(b.assignee)),
  };
}
