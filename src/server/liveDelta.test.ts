/**
 * The other instance's path event → tile (issue 12): the instance that reads newly stored events sends them
 * on in the NOTIFY payload (compact rows, within PostgreSQL's 8,000 bytes), and a floor applies such a
 * delta without reading the store when it continues from what it has; a gap is read from the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../core/events';
import { forEachDatabase } from '../store/testing';
import { storeEvents } from '../store/live/ingest';
import { maxEventSeq, storedEventsAfter } from '../store/live/tail';
import { deltaChunks, startLiveFloor, type StoredDelta } from './liveFloor';
import { testApp } from './testing';
import { dutyCaller, liveBoard, streamEvents } from './liveBoard.testutil';

const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);
const AGENTS = ['A001', 'A002', 'B001'];

test('deltas: each fits a NOTIFY payload, they chain from the sequence before the read, too many fall back to a read', () => {
  const events: CallFloorEvent[] = streamEvents(T(8, 0), 40, AGENTS);
  const seqs = events.map((_, i) => 1001 + i * 2); // another center's events in between: sequences need not be consecutive
  const chunks = deltaChunks(3, 1000, events, seqs)!;
  assert.ok(chunks.length > 1);
  // the bridge wraps the payload in {o, n, t, d}: under 8,000 bytes with the topic and its own 40-odd bytes
  for (const c of chunks) assert.ok(Buffer.byteLength(JSON.stringify({ o: 'abcdefabcdef', n: 123456, t: 'internal:live.stored', d: c })) < 8000);
  assert.equal(chunks[0]!.a, 1000);
  for (let i = 1; i < chunks.length; i++) assert.equal(chunks[i]!.a, chunks[i - 1]!.z);
  assert.equal(chunks[chunks.length - 1]!.z, seqs[seqs.length - 1]);
  assert.deepEqual(
    chunks.flatMap((c) => c.e.map((r) => r[0])),
    seqs,
  );
  assert.ok(chunks.every((c) => c.c === 3));
  // 2,000 events would take far more than a few payloads: the others read them instead
  const many = Array.from({ length: 2000 }, (_, i) => ({ ...events[i % events.length]!, ts: T(9, 0) + i }));
  assert.equal(
    deltaChunks(
      3,
      0,
      many,
      many.map((_, i) => i + 1),
    ),
    null,
  );
});

forEachDatabase('a floor applies a delta that continues from its sequence without a read, reads a gap, ignores what it has', async (_t, store) => {
  const clock = T(9, 30);
  const { ctx, org } = await testApp(store, { now: () => clock });
  const svc = await startLiveFloor(ctx, { timers: false, snapshots: false });
  const events = streamEvents(T(8, 0), 40, AGENTS);
  const half = Math.floor(events.length / 2);
  // stored by "another instance": this floor has not read them
  const before = svc.appliedSeq;
  await storeEvents(store, events.slice(0, half));
  const first = await storedEventsAfter(store.db, before, 10_000, svc.centerId);
  const deltas = deltaChunks(svc.centerId, before, first.events, first.seqs)!;
  // a delta of another center is not this floor's
  await svc.onStored({ ...deltas[0]!, c: svc.centerId + 1 });
  assert.equal(svc.appliedSeq, before);
  for (const d of deltas) await svc.onStored(d);
  assert.equal(svc.appliedSeq, first.lastSeq);
  assert.deepEqual(svc.deltaStats, { applied: half, reads: 0 });
  // the same deltas again (this instance read them already): nothing counted twice
  for (const d of deltas) await svc.onStored(d);
  assert.deepEqual(svc.deltaStats, { applied: half, reads: 0 });

  // the rest, but a delta with its first 5 events is lost: the next one starts after a gap, read from the store
  await storeEvents(store, events.slice(half));
  const rest = await storedEventsAfter(store.db, first.lastSeq, 10_000, svc.centerId);
  const later = deltaChunks(svc.centerId, rest.seqs[4]!, rest.events.slice(5), rest.seqs.slice(5))!;
  await svc.onStored(later[0] as StoredDelta);
  assert.equal(svc.deltaStats.reads, 1);
  assert.equal(svc.appliedSeq, await maxEventSeq(store.db));
  const board = liveBoard(svc.snapshot(dutyCaller(org), clock));
  await svc.stop();
  // by hand: 40 offered, every 4th abandoned, 30 answered; and the same as a floor rebuilt from the store
  assert.deepEqual([board.kpis.offered, board.kpis.answered], [40, 30]);
  const full = await startLiveFloor(ctx, { timers: false, snapshots: false });
  assert.deepEqual(liveBoard(full.snapshot(dutyCaller(org), clock)), board);
  await full.stop();
});
