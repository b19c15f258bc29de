/**
 * The live floor is derived from the store: a restarted service, or a second instance on the same
 * PostgreSQL database, shows the same board as the one that saw every event; one instance diagnoses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../core/events';
import { forEachDatabase, freshStore, skipWithoutPostgres } from '../store/testing';
import { openStore } from '../store/db';
import { maxEventSeq } from '../store/live/tail';
import { buildApp } from './app';
import { acceptEvents } from './eventFeed';
import { startLiveFloor, type LiveFloorService } from './liveFloor';
import { startPgBridge } from './pgBridge';
import { seedTestOrg, testApp } from './testing';
import { dutyCaller, liveBoard, streamEvents } from './liveBoard.testutil';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);

forEachDatabase('live floor after a restart: rebuilt from the store, equal to the floor that saw every event', async (_t, store) => {
  let clock = T(9, 0);
  const { ctx, org } = await testApp(store, { now: () => clock });
  // B001 logged in yesterday evening and is still working: a rebuild must read back past midnight
  const yesterday = T(9, 0) - 86_400_000;
  const ev = (id: string, ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id, ts, type, ...f });
  await acceptEvents(ctx, [
    ev('y1', yesterday + 13 * 3600_000, 'agent.login', { agent: 'B001' }),
    ev('y2', yesterday + 14 * 3600_000, 'agent.notReady', { agent: 'B001', reason: 'meeting' }),
  ]);
  const first = await startLiveFloor(ctx, { timers: false });
  await acceptEvents(ctx, streamEvents(T(8, 0), 40, ['A001', 'A002']));
  clock = T(9, 30);
  const seen = liveBoard(first.snapshot(dutyCaller(org), clock));
  // a new service on the same store (a restarted process) has seen none of those events itself
  first.stop();
  const restarted = await startLiveFloor(ctx, { timers: false });
  const rebuilt = liveBoard(restarted.snapshot(dutyCaller(org), clock));
  assert.deepEqual(rebuilt, seen);
  // and the figures are the events' own: 40 calls offered, every 4th abandoned (10), 30 answered
  assert.equal(seen.kpis.offered, 40);
  assert.equal(seen.kpis.answered, 30);
  const b1 = seen.agents.find((a) => a.code === 'B001')!;
  assert.deepEqual([b1.state, b1.reason, b1.since], ['notReady', 'meeting', yesterday + 14 * 3600_000]);
  restarted.stop();
});

test('two instances on PostgreSQL: events sent to either, both boards equal, one diagnosis alert', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const storeA = await freshStore('postgres');
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  let clock = T(8, 0);
  const org = await seedTestOrg(storeA);
  const a = await buildApp({ store: storeA, webRoot: null, now: () => clock });
  const b = await buildApp({ store: storeB, webRoot: null, now: () => clock });
  const stops = [await startPgBridge(a.ctx), await startPgBridge(b.ctx)];
  const svcA: LiveFloorService = await startLiveFloor(a.ctx, { timers: false });
  const svcB: LiveFloorService = await startLiveFloor(b.ctx, { timers: false });
  try {
    const events = streamEvents(T(8, 0), 30, ['A001', 'A002', 'B001']);
    // alternate batches of 7 between the instances
    for (let i = 0, k = 0; i < events.length; i += 7, k++) await acceptEvents(k % 2 ? b.ctx : a.ctx, events.slice(i, i + 7));
    // each instance follows the other's batches through the NOTIFY bridge, in the store's order
    const stored = await maxEventSeq(storeA.db);
    for (let i = 0; i < 100 && (svcA.appliedSeq < stored || svcB.appliedSeq < stored); i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual([svcA.appliedSeq, svcB.appliedSeq], [stored, stored]);
    // the last batch reached the other instance as a delta in the NOTIFY (nothing else made it read)
    assert.ok(svcA.deltaStats.applied + svcB.deltaStats.applied > 0);
    clock = T(9, 0);
    const caller = dutyCaller(org);
    const boardA = liveBoard(svcA.snapshot(caller, clock));
    const boardB = liveBoard(svcB.snapshot(caller, clock));
    assert.deepEqual(boardB, boardA);
    assert.equal(boardA.kpis.offered, 30);
    // a caller waiting 10 minutes: the long-wait finding on both instances, one stored alert
    await acceptEvents(a.ctx, [{ id: 'wait1', ts: T(9, 0), type: 'call.enqueued', callId: 'w1', queue: 'general' }]);
    clock = T(9, 10);
    await svcB.catchUp();
    await Promise.all([svcA.diagnose(clock), svcB.diagnose(clock)]);
    await Promise.all([svcA.diagnose(clock), svcB.diagnose(clock)]);
    const alerts = await storeA.db.selectFrom('alerts').select(['kind', 'subject']).where('kind', '=', 'longWait').execute();
    assert.deepEqual(alerts, [{ kind: 'longWait', subject: 'general' }]);
  } finally {
    svcA.stop();
    svcB.stop();
    for (const s of stops) await s();
    await a.app.close();
    await b.app.close();
    await storeB.close();
    await storeA.close();
  }
});
