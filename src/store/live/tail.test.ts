/**
 * The streamed replay a rebuild reads (issue 12): the same events, in the same order (time, ties by the
 * store's sequence), as the plain read — across batch boundaries that fall inside a run of equal times —
 * from `fromTs` on, up to `uptoSeq` only. Expected order written out by hand.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import type { CallFloorEvent } from '../../core/events';
import { storeEvents } from './ingest';
import { maxEventSeq, replayStoredEventsFrom, storedEventsAfter, storedEventsFrom } from './tail';

const T = Date.UTC(2026, 11, 6, 2);
const S = 1000;

forEachDatabase('replay: time order, ties by sequence, batch edges inside equal times, bounded by fromTs and uptoSeq', async (_t, store) => {
  // stored in this order (sequence), times not in order; four events share T + 10 s
  await storeEvents(store, [
    { id: 'e1', ts: T + 10 * S, type: 'agent.login', agent: 'A' },
    { id: 'e2', ts: T - 60 * S, type: 'agent.login', agent: 'OLD' }, // before fromTs: not read
    { id: 'e3', ts: T + 10 * S, type: 'call.enqueued', callId: 'c1', queue: 'q' },
    { id: 'e4', ts: T + 5 * S, type: 'agent.login', agent: 'B' },
  ]);
  await storeEvents(store, [
    { id: 'e5', ts: T + 10 * S, type: 'agent.notReady', agent: 'B', reason: 'break' },
    { id: 'e6', ts: T + 10 * S, type: 'call.connected', callId: 'c1', queue: 'q', agent: 'A', waitS: 7.5 },
    { id: 'e7', ts: T + 20 * S, type: 'call.ended', callId: 'c1', queue: 'q', agent: 'A' },
  ]);
  const upto = await maxEventSeq(store.db);
  await storeEvents(store, [{ id: 'e8', ts: T + 15 * S, type: 'agent.ready', agent: 'B' }]); // after uptoSeq: not read

  // by hand: ts ≥ T, seq ≤ upto; T+5 (e4), then T+10 in stored order e1, e3, e5, e6, then T+20 (e7)
  const want = [
    { ts: T + 5 * S, type: 'agent.login', agent: 'B' },
    { ts: T + 10 * S, type: 'agent.login', agent: 'A' },
    { ts: T + 10 * S, type: 'call.enqueued', callId: 'c1', queue: 'q' },
    { ts: T + 10 * S, type: 'agent.notReady', agent: 'B', reason: 'break' },
    { ts: T + 10 * S, type: 'call.connected', callId: 'c1', queue: 'q', agent: 'A', waitS: 7.5 },
    { ts: T + 20 * S, type: 'call.ended', callId: 'c1', queue: 'q', agent: 'A' },
  ];
  const plain = (e: Partial<CallFloorEvent>) => Object.fromEntries(Object.entries(e).filter(([k, v]) => v !== undefined && k !== 'id'));
  // the plain read agrees (the reference the replay replaces)
  assert.deepEqual((await storedEventsFrom(store.db, T, upto)).map(plain), want);
  for (const batch of [1, 2, 3, 4, 6, 100]) {
    const got: Record<string, unknown>[] = [];
    const objects = new Set<object>();
    const n = await replayStoredEventsFrom(
      store,
      T,
      upto,
      (e) => {
        objects.add(e);
        got.push(plain(e));
      },
      undefined,
      batch,
    );
    assert.equal(n, 6, `batch ${batch}`);
    assert.deepEqual(got, want, `batch ${batch}`);
    assert.equal(objects.size, 1, 'one reused row object');
  }
});

forEachDatabase('catch-up read: up to uptoSeq, events before fromTs read past, the range ends at uptoSeq', async (_t, store) => {
  const before = await maxEventSeq(store.db);
  await storeEvents(store, [
    { id: 'r1', ts: T - 3_600 * S, type: 'agent.login', agent: 'OLD1' }, // before fromTs
    { id: 'r2', ts: T + S, type: 'agent.login', agent: 'A' },
    { id: 'r3', ts: T - 7_200 * S, type: 'agent.login', agent: 'OLD2' }, // before fromTs
    { id: 'r4', ts: T + 2 * S, type: 'agent.login', agent: 'B' },
  ]);
  const upto = await maxEventSeq(store.db);
  await storeEvents(store, [{ id: 'r5', ts: T + 3 * S, type: 'agent.login', agent: 'C' }]); // after uptoSeq
  const range = { uptoSeq: upto, fromTs: T };
  const all = await storedEventsAfter(store.db, before, 100, undefined, range);
  assert.deepEqual(
    all.events.map((e) => e.id),
    ['r2', 'r4'],
  );
  assert.equal(all.lastSeq, upto, 'the old rows after r4 are passed too: up to uptoSeq');
  assert.equal(all.seqs.length, 2);
  // a limit reached: the range ends at the last row read (r2), the rest comes next
  const first = await storedEventsAfter(store.db, before, 1, undefined, range);
  assert.deepEqual(
    first.events.map((e) => e.id),
    ['r2'],
  );
  assert.equal(first.lastSeq, first.seqs[0]);
  const rest = await storedEventsAfter(store.db, first.lastSeq, 1, undefined, range);
  assert.deepEqual(
    rest.events.map((e) => e.id),
    ['r4'],
  );
  const none = await storedEventsAfter(store.db, rest.lastSeq, 1, undefined, range);
  assert.deepEqual(none.events, []);
  assert.equal(none.lastSeq, upto);
});
