/**
 * Real-time adherence on the live floor (issue 15), with the injected clock: a1 (A001) is scheduled on the
 * phones 09:00–10:00, on a break 10:00–10:15, on the phones 10:15–12:00; the center's grace is 3 minutes.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent, EventType } from '../core/events';
import { forEachDatabase, publishedTestRun, testShiftRow } from '../store/testing';
import type { Store } from '../store/db';
import { putSetting } from '../store/org';
import { acceptEvents } from './eventFeed';
import { startLiveFloor } from './liveFloor';
import { testApp } from './testing';

// local time (Asia/Shanghai, UTC+8) on Monday 2026-11-02
const T = (h: number, m: number) => Date.UTC(2026, 10, 2, h - 8, m);
let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `rta${++n}`, ts, type, ...f });

/**
 * The test app on the given clock with a1's published shift of the day (above), the center's 3-minute grace and
 * the live floor started without timers (the test ticks it). Closes the app when the set-up fails.
 */
async function rtaFloor(store: Store, now: () => number) {
  const { app, ctx, org } = await testApp(store, { now });
  try {
    const runId = await publishedTestRun(store.db, org.centerId, '2026-11-02');
    await store.db
      .insertInto('wfm_shifts')
      .values(
        testShiftRow(runId, org.agents.a1, [
          ['phone', T(9, 0), T(10, 0)],
          ['break', T(10, 0), T(10, 15)],
          ['phone', T(10, 15), T(12, 0)],
        ]),
      )
      .execute();
    await putSetting(store.db, org.centerId, 'wfm.intraday', { rtaGraceMin: 3 }, now());
    const svc = await startLiveFloor(ctx, { timers: false, queuesEveryMs: 60_000 });
    return { app, ctx, org, svc };
  } catch (e) {
    await app.close();
    throw e;
  }
}

forEachDatabase('real-time adherence: the tile shows it as it happens, an alert after the grace, cleared when the agent is back', async (_t, store) => {
  let clock = T(8, 50);
  const { app, ctx, org, svc } = await rtaFloor(store, () => clock);
  try {
    const tiles: { code: string; rta?: { scheduled: string; since: number } | null }[][] = [];
    ctx.hub.subscribe(svc.topic('floor:agents'), (_t, d) => tiles.push((d as { agents?: [] }).agents ?? []));
    const rtaAlerts = () => svc.activeAlerts().filter((a) => a.kind === 'outOfAdherence');

    await acceptEvents(ctx, [ev(T(9, 0), 'agent.login', { agent: 'A001' })]);
    clock = T(9, 30);
    svc.tick(clock);
    assert.deepEqual(
      tiles.at(-1)!.map((x) => [x.code, x.rta]),
      [['A001', null]],
    ); // on the phones as scheduled
    await svc.diagnose(clock);
    assert.deepEqual(rtaAlerts(), []);

    // 10:02: the break began at 10:00 and a1 is still available: out of adherence since 10:00, shown at once
    clock = T(10, 2);
    svc.tick(clock);
    assert.deepEqual(
      tiles.at(-1)!.map((x) => [x.code, x.rta]),
      [['A001', { scheduled: 'break', since: T(10, 0) }]],
    );
    await svc.diagnose(clock);
    assert.deepEqual(rtaAlerts(), [], '2 minutes out: within the 3-minute grace');
    // 10:04: 4 minutes out ≥ 3: an alert about the agent
    clock = T(10, 4);
    await svc.diagnose(clock);
    const [a] = rtaAlerts();
    assert.ok(a);
    assert.deepEqual([a.scope, a.subject, a.agent_id, JSON.parse(a.figures)], ['agent', 'A001', org.agents.a1, { outMin: 4, graceMin: 3 }]);
    // 10:05 a1 goes on the break: back in adherence; the tile says so and the alert clears
    await acceptEvents(ctx, [ev(T(10, 5), 'agent.notReady', { agent: 'A001', reason: 'break' })]);
    clock = T(10, 6);
    svc.tick(clock);
    assert.deepEqual(
      tiles.at(-1)!.map((x) => [x.code, x.rta]),
      [['A001', null]],
    );
    await svc.diagnose(clock);
    assert.equal(rtaAlerts()[0]!.cleared_at, T(10, 6));
    // b1 has no shift today: never judged
    await acceptEvents(ctx, [ev(T(10, 6), 'agent.notReady', { agent: 'B001', reason: 'meal' })]);
    clock = T(10, 30);
    svc.tick(clock);
    await svc.diagnose(clock);
    assert.deepEqual(
      rtaAlerts().filter((x) => x.subject === 'B001'),
      [],
    );
  } finally {
    await app.close();
  }
});

forEachDatabase('real-time adherence: the badge reaches the socket within one tick when the alert reconcile saw the agent go out first', async (_t, store) => {
  let clock = T(9, 50);
  const { app, ctx, svc } = await rtaFloor(store, () => clock);
  try {
    const sent: { code: string; rta?: { scheduled: string; since: number } | null }[] = [];
    ctx.hub.subscribe(svc.topic('floor:agents'), (_t, d) => sent.push(...((d as { agents?: [] }).agents ?? [])));
    const badgeOf = (code: string) => sent.filter((x) => x.code === code).at(-1)?.rta;

    await acceptEvents(ctx, [ev(T(9, 0), 'agent.login', { agent: 'A001' })]);
    svc.tick(clock);
    assert.equal(badgeOf('A001'), null, '09:50 on the phones as scheduled');
    // the break began at 10:00 and a1 stays available; the first to look at 10:04 (past the 3-minute grace) is the
    // alert reconcile, between two ticks
    clock = T(10, 4);
    await svc.diagnose(clock);
    assert.equal(svc.activeAlerts().filter((a) => a.kind === 'outOfAdherence' && a.subject === 'A001').length, 1);
    clock += 200; // the next tick
    svc.tick(clock);
    assert.deepEqual(badgeOf('A001'), { scheduled: 'break', since: T(10, 0) }, 'the badge goes out with the next tick');
    // 10:15 the break ends with a1 still available: back in adherence by the clock alone; the reconcile sees it first
    clock = T(10, 15) + 1_000;
    await svc.diagnose(clock);
    assert.notEqual(svc.activeAlerts().find((a) => a.kind === 'outOfAdherence' && a.subject === 'A001')?.cleared_at, null);
    clock += 200;
    svc.tick(clock);
    assert.equal(badgeOf('A001'), null, 'back in adherence: the badge is gone within a tick');
  } finally {
    await app.close();
  }
});
