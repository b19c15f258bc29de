/**
 * Restart from a snapshot of the floor (issue 12's rebuild aim): the leading instance stores the floor with
 * the store sequence it covers; a restart loads it and applies only the events stored after that
 * sequence. The board must be the one a full rebuild from the day's events gives.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../core/events';
import { forEachDatabase } from '../store/testing';
import { maxEventSeq } from '../store/live/tail';
import { storeEvents } from '../store/live/ingest';
import { loadFloorSnapshot } from '../store/live/snapshot';
import { acceptEvents } from './eventFeed';
import { startLiveFloor, type LiveFloorService } from './liveFloor';
import { testApp } from './testing';
import { dutyCaller, liveBoard, streamEvents } from './liveBoard.testutil';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);
const DAY = 86_400_000;
const AGENTS = ['A001', 'A002', 'B001'];

/** The board of a floor rebuilt from the stored events alone (no snapshot read). */
async function fullRebuild(ctx: Parameters<typeof startLiveFloor>[0], org: { users: Record<string, number> }, now: number) {
  const svc = await startLiveFloor(ctx, { timers: false, snapshots: false });
  assert.equal(svc.rebuildInfo?.from, 'events');
  const board = liveBoard(svc.snapshot(dutyCaller(org), now));
  await svc.stop();
  return board;
}

forEachDatabase('restart from the snapshot and the events after it equals a full rebuild', async (_t, store) => {
  let clock = T(8, 0);
  const { ctx, org } = await testApp(store, { now: () => clock });
  const events = streamEvents(T(8, 0), 40, AGENTS);
  const cut = events.findIndex((e) => e.ts >= T(8, 20));
  const first = await startLiveFloor(ctx, { timers: false });
  await acceptEvents(ctx, events.slice(0, cut));
  clock = T(8, 20);
  assert.equal(await first.writeSnapshot(clock), true);
  const snapSeq = await maxEventSeq(store.db);
  assert.equal((await loadFloorSnapshot(store.db, first.centerId))?.seq, snapSeq);
  // after the snapshot, the rest of the morning in 5 batches
  const tail = events.slice(cut);
  for (let i = 0; i < tail.length; i += 30) await acceptEvents(ctx, tail.slice(i, i + 30));
  clock = T(9, 30);
  const seen = liveBoard(first.snapshot(dutyCaller(org), clock));
  await first.stop({ snapshot: false }); // a crash: no last snapshot, the tail must be read back

  const restarted: LiveFloorService = await startLiveFloor(ctx, { timers: false });
  assert.deepEqual(restarted.rebuildInfo, { from: 'snapshot', snapshotSeq: snapSeq, events: tail.length });
  const fromSnapshot = liveBoard(restarted.snapshot(dutyCaller(org), clock));
  await restarted.stop({ snapshot: false });
  assert.deepEqual(fromSnapshot, await fullRebuild(ctx, org, clock));
  assert.deepEqual(fromSnapshot, seen);
  // the stream's own figures: 40 calls offered, every 4th abandoned (10), 30 answered, taken in turn (10 each)
  assert.deepEqual([fromSnapshot.kpis.offered, fromSnapshot.kpis.answered], [40, 30]);
  assert.deepEqual(
    fromSnapshot.agents.map((a) => a.callsToday),
    [10, 10, 10],
  );

  // a graceful stop stores a last snapshot covering everything: the next start applies nothing after it
  const again = await startLiveFloor(ctx, { timers: false });
  await again.stop();
  const last = await startLiveFloor(ctx, { timers: false });
  assert.deepEqual(last.rebuildInfo, { from: 'snapshot', snapshotSeq: await maxEventSeq(store.db), events: 0 });
  assert.deepEqual(liveBoard(last.snapshot(dutyCaller(org), clock)), seen);
  await last.stop({ snapshot: false });
});

forEachDatabase("a snapshot of another day is not used: the new day's board comes from its events", async (_t, store) => {
  let clock = T(8, 0);
  const { ctx, org } = await testApp(store, { now: () => clock });
  const first = await startLiveFloor(ctx, { timers: false });
  await acceptEvents(ctx, streamEvents(T(8, 0), 20, AGENTS, 'd1'));
  clock = T(18, 0);
  assert.equal(await first.writeSnapshot(clock), true);
  await first.stop({ snapshot: false });
  // the next morning: 8 calls, 6 answered (every 4th abandoned)
  clock = T(9, 0) + DAY;
  await storeEvents(store, streamEvents(T(8, 0) + DAY, 8, AGENTS, 'd2'));
  const restarted = await startLiveFloor(ctx, { timers: false });
  assert.equal(restarted.rebuildInfo?.from, 'events');
  const board = liveBoard(restarted.snapshot(dutyCaller(org), clock));
  await restarted.stop({ snapshot: false });
  assert.deepEqual([board.kpis.offered, board.kpis.answered], [8, 6]);
  assert.deepEqual(board, await fullRebuild(ctx, org, clock));
});

forEachDatabase('a snapshot taken while stored events are still being applied counts each event once', async (_t, store) => {
  let clock = T(8, 0);
  const { ctx, org } = await testApp(store, { now: () => clock });
  const events: CallFloorEvent[] = streamEvents(T(8, 0), 40, AGENTS);
  const third = Math.floor(events.length / 3);
  const first = await startLiveFloor(ctx, { timers: false });
  await acceptEvents(ctx, events.slice(0, third));
  const applied = first.appliedSeq;
  // another instance's batch is stored; this floor has not been told yet
  await storeEvents(store, events.slice(third, 2 * third));
  assert.ok(applied < (await maxEventSeq(store.db)));
  clock = T(8, 30);
  assert.equal(await first.writeSnapshot(clock), true);
  assert.equal((await loadFloorSnapshot(store.db, first.centerId))?.seq, applied);
  // and one taken while the floor catches up with that batch: whichever state it holds, its sequence matches
  await Promise.all([first.catchUp(), first.writeSnapshot(clock)]);
  const snap = (await loadFloorSnapshot(store.db, first.centerId))!;
  assert.ok(snap.seq === applied || snap.seq === first.appliedSeq);
  await first.stop({ snapshot: false });
  await storeEvents(store, events.slice(2 * third));
  clock = T(9, 30);
  const restarted = await startLiveFloor(ctx, { timers: false });
  assert.equal(restarted.rebuildInfo?.from, 'snapshot');
  assert.equal(restarted.rebuildInfo!.events, events.length - (snap.seq === applied ? third : 2 * third));
  const board = liveBoard(restarted.snapshot(dutyCaller(org), clock));
  await restarted.stop({ snapshot: false });
  assert.deepEqual([board.kpis.offered, board.kpis.answered], [40, 30]);
  assert.deepEqual(board, await fullRebuild(ctx, org, clock));
});
