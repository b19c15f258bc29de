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
  /** the center the sink stored the batch for (it resolves an unset one): what listeners are told */
  centerId?: number;
}>;
/**
 * What a listener is told of a batch the import thread stored (importWorker.ts): its events are only those the
 * live floor can need (from `liveFrom` on: today's, and the states still open into it), while the batch's new
 * rows are ALL the store's rows with a sequence in (after, last] — a listener that follows the store by its
 * sequence moves past the older ones without reading them.
 */
export interface StoredRange {
  after: number;
  last: number;
  liveFrom: number;
}
export type EventListener = (ctx: ServerContext, events: CallFloorEvent[], centerId?: number, stored?: StoredRange) => void | Promise<void>;

type SinkResult = Awaited<ReturnType<EventSink>>;
interface Waiting {
  events: CallFloorEvent[];
  resolve: (r: SinkResult) => void;
  reject: (e: unknown) => void;
}
/** Batches waiting for the store, per context and door (center): stored together when the store is busy. */
const groups = new WeakMap<ServerContext, Map<string, { running: boolean; waiting: Waiting[] }>>();
/** At most this many events in one grouped store (one transaction). */
const MAX_GROUP_EVENTS = 50_000;

/**
 * Group commit: a batch that arrives while the store is busy with an earlier one of the same door waits,
 * and every batch waiting by then is stored in ONE transaction (a connector's or a pushing client's 20 ms
 * batches were each a small transaction of their own, and under load they queued up for seconds). Each
 * caller gets its own share of the answer: the events of its batch that were new, its duplicates, its
 * rejections. A group that fails is retried batch by batch, so one bad batch fails only its own caller.
 */
function storeGrouped(ctx: ServerContext, store: EventSink, events: CallFloorEvent[], centerId?: number): Promise<SinkResult> {
  let byDoor = groups.get(ctx);
  if (!byDoor) groups.set(ctx, (byDoor = new Map()));
  const key = String(centerId ?? '');
  let g = byDoor.get(key);
  if (!g) byDoor.set(key, (g = { running: false, waiting: [] }));
  const group = g;
  return new Promise<SinkResult>((resolve, reject) => {
    group.waiting.push({ events, resolve, reject });
    if (!group.running) void drain(ctx, store, group, centerId);
  });
}

async function drain(ctx: ServerContext, store: EventSink, g: { running: boolean; waiting: Waiting[] }, centerId?: number) {
  g.running = true;
  try {
    while (g.waiting.length) {
      let n = 0;
      let size = 0;
      while (n < g.waiting.length && (n === 0 || size + g.waiting[n]!.events.length <= MAX_GROUP_EVENTS)) size += g.waiting[n++]!.events.length;
      const group = g.waiting.splice(0, n);
      if (group.length === 1) {
        const w = group[0]!;
        await store(ctx, w.events, centerId).then(w.resolve, w.reject);
        continue;
      }
      let r: SinkResult;
      try {
        r = await store(
          ctx,
          group.flatMap((w) => w.events),
          centerId,
        );
      } catch {
        for (const w of group) await store(ctx, w.events, centerId).then(w.resolve, w.reject);
        continue;
      }
      for (const [i, part] of splitResult(
        r,
        group.map((w) => w.events),
      ).entries())
        group[i]!.resolve(part);
    }
  } finally {
    g.running = false;
  }
}

/** Each batch's share of a grouped answer: an event (or rejection) belongs to the first batch that holds its id. */
function splitResult(r: SinkResult, batches: CallFloorEvent[][]): SinkResult[] {
  const owner = new Map<string, number>();
  batches.forEach((b, i) => b.forEach((e) => owner.has(e.id) || owner.set(e.id, i)));
  const parts: SinkResult[] = batches.map(() => ({ accepted: [], duplicates: 0, ...(r.centerId !== undefined ? { centerId: r.centerId } : {}) }));
  for (const e of r.accepted) parts[owner.get(e.id) ?? 0]!.accepted.push(e);
  for (const x of r.rejected ?? []) (parts[owner.get(x.id) ?? 0]!.rejected ??= []).push(x);
  batches.forEach((b, i) => {
    const p = parts[i]!;
    p.duplicates = b.length - p.accepted.length - (p.rejected?.length ?? 0);
  });
  return parts;
}

/** `centerId`: the center the events came in for (see EventSink); unset, the only center of the database (several: refused). */
export async function acceptEvents(ctx: ServerContext, events: CallFloorEvent[], centerId?: number) {
  const sink = ctx.composition.eventSink;
  const r = sink ? await storeGrouped(ctx, sink, events, centerId) : { accepted: events, duplicates: 0 };
  // listeners follow the telephony floor; survey answers are not telephony (stored apart, see src/store/surveys.ts)
  const tel = r.accepted.some((e) => e.type === 'survey') ? r.accepted.filter((e) => e.type !== 'survey') : r.accepted;
  await followAccepted(ctx, tel, r.centerId ?? centerId);
  return r;
}

/** The listeners' half of acceptEvents, for new telephony events the sink's store took by another path (the import thread, importWorker.ts). */
export async function followAccepted(ctx: ServerContext, events: CallFloorEvent[], centerId?: number, stored?: StoredRange) {
  for (const l of ctx.composition.eventListeners) await l(ctx, events, centerId, stored);
}
