import type { CallFloorEvent } from '../core/events';
import type { ServerContext } from './context';

/**
 * The one path every normalised telephony event takes into a running server: file import,
 * POST /api/events, the WebSocket push and the demo simulator all call acceptEvents().
 * The sink stores the batch (idempotently) and returns only the events that were new;
 * listeners (live agent state, alerts, adherence…) then see each new event once. Which sink and
 * which listeners: those of the app's capabilities (`eventSink`, `eventListeners`, capability.ts).
 */
export type EventSink = (
  ctx: ServerContext,
  events: CallFloorEvent[],
  /** the center the events came in for (the door: API caller's, connector's…); unset: the only center */
  centerId?: number,
) => Promise<{
  accepted: CallFloorEvent[];
  duplicates: number;
  rejected?: { id: string; field: string; reason: string; params: Record<string, string | number>; message: string }[];
}>;
export type EventListener = (ctx: ServerContext, events: CallFloorEvent[], centerId?: number) => void | Promise<void>;

/** `centerId`: the center the events came in for (see EventSink); unset, the only center of the database (several: refused). */
export async function acceptEvents(ctx: ServerContext, events: CallFloorEvent[], centerId?: number) {
  const { eventSink: sink, eventListeners: listeners } = ctx.composition;
  const r = sink ? await sink(ctx, events, centerId) : { accepted: events, duplicates: 0 };
  // listeners follow the telephony floor; survey answers are not telephony (stored apart, see src/store/surveys.ts)
  const tel = r.accepted.some((e) => e.type === 'survey') ? r.accepted.filter((e) => e.type !== 'survey') : r.accepted;
  for (const l of listeners) await l(ctx, tel, centerId);
  return r;
}
