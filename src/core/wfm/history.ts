// Normalised call events → per-interval history of one queue (the forecast's input), via the
// KPI aggregation. Pure.
import type { CallFloorEvent } from '../events';
import { aggregateEvents, type TzOffset } from '../kpi';
import type { IntervalObservation } from './forecast';

/** Offered and handle-time sum per interval for `queue` ('*' = all queues together). */
export function intervalHistory(events: readonly CallFloorEvent[], queue: string, intervalMin: 15 | 30 | 60, tzOffsetMin: TzOffset = 0): IntervalObservation[] {
  const agg = aggregateEvents(events, { intervalMin, tzOffsetMin });
  const byTs = new Map<number, IntervalObservation>();
  for (const r of agg.queues) {
    if (queue !== '*' && r.queue !== queue) continue;
    const o = byTs.get(r.intervalStart) ?? { ts: r.intervalStart, offered: 0, ahtSum: 0 };
    o.offered += r.offered;
    o.ahtSum! += r.talk + r.hold + r.acw;
    byTs.set(r.intervalStart, o);
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}
