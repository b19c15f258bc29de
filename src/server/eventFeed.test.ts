/**
 * Group commit (issue 12, the live bench's queue of small transactions): batches that arrive while the
 * store is busy are stored together in one transaction, and each caller still gets its own share of the
 * answer. The store is the real one (storeEvents on both databases), counted.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../core/events';
import { forEachDatabase } from '../store/testing';
import { createCenter } from '../store/org';
import { storeEvents } from '../store/live/ingest';
import { buildApp } from './app';
import { acceptEvents } from './eventFeed';

const T0 = Date.UTC(2026, 2, 2, 1);
const login = (id: string, agent: string, i: number): CallFloorEvent => ({ id, ts: T0 + i * 1000, type: 'agent.login', agent });

forEachDatabase('batches that arrive while the store is busy are stored in one transaction; each caller gets its own share', async (_t, store) => {
  const centerId = await createCenter(store.db, 'c', 'UTC', T0);
  const calls: number[] = [];
  const heard: { n: number; center: number | undefined }[] = [];
  // a capability of this app alone: the real store as its sink, counted, and a listener
  const { app, ctx } = await buildApp({
    store,
    webRoot: null,
    capabilities: [
      {
        name: 'counted',
        routes: [],
        eventSink: async (c, events, center) => {
          calls.push(events.length);
          return storeEvents(c.store, events, { centerId: center });
        },
        eventListeners: [(_c, events, center) => void heard.push({ n: events.length, center })],
      },
    ],
  });
  try {
    // five callers at once: the first is stored alone, the four that queued behind it in one go.
    // Batch 3 repeats batch 2's 'e2b' (a duplicate for the later caller) and batch 4 resends batch 0's 'e0'.
    const batches: CallFloorEvent[][] = [
      [login('e0', 'A0', 0)],
      [login('e1', 'A1', 1)],
      [login('e2a', 'A2', 2), login('e2b', 'A3', 3)],
      [login('e2b', 'A3', 3), login('e3', 'A4', 4)],
      [login('e0', 'A0', 0), login('e4', 'A5', 5)],
    ];
    const answers = await Promise.all(batches.map((b) => acceptEvents(ctx, b)));
    assert.deepEqual(calls, [1, 7], 'one store for the first batch, one for the four that waited');
    assert.deepEqual(
      answers.map((r) => [r.accepted.map((e) => e.id), r.duplicates]),
      [
        [['e0'], 0],
        [['e1'], 0],
        [['e2a', 'e2b'], 0],
        [['e3'], 1],
        [['e4'], 1],
      ],
    );
    // the listeners hear each caller's new events, for the center the sink stored them for (the only one)
    assert.deepEqual(
      heard.map((h) => [h.n, h.center]),
      [
        [1, centerId],
        [1, centerId],
        [2, centerId],
        [1, centerId],
        [1, centerId],
      ],
    );
    const n = await store.db
      .selectFrom('live_events')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 6);
  } finally {
    await app.close();
  }
});
