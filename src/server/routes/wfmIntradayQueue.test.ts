/**
 * Intraday with a queue's re-forecast (issue 15): only that queue's share of the published requirement is
 * replaced. Three agents work Monday 09:00–17:00 on the phone; the published requirement is queue A 2 + queue B 1
 * = 3 agents 09:00–17:00 (kept per queue), shrinkage not recorded (compared as given). Queue A's forecast for the
 * day: 1 call of 60 s every 30 min, which Erlang C at 80 % in 20 s meets with 1 agent: with one agent the
 * traffic is 60 / 1800 = 1/30 Erlang, P(wait) = 1/30 and the service level 1 − (1/30)·e^(−(1 − 1/30)·20/60) ≈ 0.976.
 * Figures worked out by hand from that. Last, the activity cap of migration 060 on the same day.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { saveForecast } from '../../store/wfm/forecasts';
import { createRequirement } from '../../store/wfm/schedules';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC.
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const M = 60_000;
const at = (h: number, m = 0) => WS + h * H + m * M;
const day = { id: 'D8', spanMin: 480, startEarliestMin: 540, startLatestMin: 540, startStepMin: 60, breaks: [], days: [0] };
const contract = { minHoursWeek: 8, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 540, latestStartMin: 540, minRestHours: 11 };
// 15-min intervals from Monday 00:00: 09:00 = 36, 17:00 = 68
const during = (v: number) => Array.from({ length: 672 }, (_, k) => (k >= 36 && k < 68 ? v : 0));

forEachDatabase('intraday: a queue re-forecast replaces that queue’s share of the requirement only; no per-queue split is refused', async (t, store) => {
  let clock = WS + 7 * H;
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    assert.equal((await wfm.req('PUT', '/api/wfm/templates', day)).status, 200);
    for (const id of Object.values(org.agents)) assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract })).status, 200);
    const byQueue = { A: during(2), B: during(1) };
    const reqId = await createRequirement(
      store.db,
      { centerId: org.centerId, weekStart: '2026-11-02', intervalMin: 15, required: during(3), source: 'forecasts:test', byQueue },
      null,
      clock,
    );
    const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart: '2026-11-02', requirementId: reqId, timeLimitS: 3 });
    await waitForSolve(run.body.id);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${run.body.id}/publish`)).status, 200);
    await store.db
      .updateTable('wfm_shifts')
      .set({ activities: JSON.stringify([{ kind: 'phone', start: at(9), end: at(17), paid: true }]) })
      .where('run_id', '=', run.body.id)
      .execute();
    // queue A's forecast for the whole day, 30-min intervals
    const points = Array.from({ length: 48 }, (_, k) => ({ ts: WS + k * 30 * M, offered: 1, aht: 60 }));
    await saveForecast(store.db, { centerId: org.centerId, queue: 'A', model: 'test', intervalMin: 30, params: {} }, points, null, clock);

    clock = at(12); // Monday 12:00: the re-forecast replaces from 12:00 on
    const plan = async (queue?: string) => wfm.req('GET', `/api/wfm/intraday/plan?date=2026-11-02${queue ? `&queue=${queue}` : ''}`);
    const iv = (p: { intervals: { ts: number; required: number }[] }, ts: number) => p.intervals.find((x) => x.ts === ts)?.required;

    const whole = await plan();
    assert.equal(whole.status, 200, JSON.stringify(whole.body));
    assert.deepEqual([whole.body.source, iv(whole.body, at(13)), iv(whole.body, at(17))], ['plan', 3, 0]);

    const ra = await plan('A');
    assert.equal(ra.status, 200, JSON.stringify(ra.body));
    const a = ra.body;
    assert.deepEqual([a.source, a.basis.queue], ['reforecast', 'A']);
    // before 12:00 the plan: 3; 12:00–17:00 B keeps its 1 and A needs 1: 3 − 2 + 1 = 2 (the old rule: 1, A's alone);
    // each 15-min interval inside a 30-min forecast interval (12:15, 12:45 too); 17:00 on: the plan has none, A needs 1
    assert.deepEqual(
      [at(11, 45), at(12), at(12, 15), at(12, 45), at(16, 45), at(17), at(17, 15), at(23, 45)].map((ts) => iv(a, ts)),
      [3, 2, 2, 2, 2, 1, 1, 1],
    );
    // 12:00–17:00 three on the phone for 2 needed: one spare, under the 2 a VTO needs (the old rule offered VTO to 2)
    assert.equal(
      a.proposals.some((o: { kind: string }) => o.kind === 'vto'),
      false,
    );

    // a requirement without a per-queue split: refused, naming the queue; without a queue the plan as before
    await store.db.updateTable('wfm_requirements').set({ by_queue: null }).where('id', '=', reqId).execute();
    const refused = await plan('A');
    assert.deepEqual([refused.status, refused.body.reason, refused.body.params?.queue], [400, 'wfm.intradayNoQueueSplit', 'A'], JSON.stringify(refused.body));
    assert.equal((await plan()).status, 200);
    // a queue with no forecast for the day replaces nothing: the plan, not refused
    const rc = await plan('C');
    assert.deepEqual([rc.status, rc.body.source, iv(rc.body, at(13))], [200, 'plan', 3]);

    // the activity cap (migration 060): computed with 20 % shrinkage, 5 % leave, 5 % planned activities; one of the
    // three in training 10:00–11:00 (a third of those at work). 10:00: seen 5 % + min(1/3, 5 %) = 10 %, 10 % unseen:
    // 3 × 0.8 / 0.9; 13:00 nothing booked: 15 % unseen, 3 × 0.8 / 0.85. Without the activity share recorded all
    // 15 % non-leave counts as seen at 10:00: nothing unseen, 3 × 0.8 = 2.4
    await store.db
      .updateTable('wfm_requirements')
      .set({ shrinkage_total: 0.2, shrinkage_leave: 0.05, shrinkage_activity: 0.05 })
      .where('id', '=', reqId)
      .execute();
    const first = (await store.db.selectFrom('wfm_shifts').select('id').where('run_id', '=', run.body.id).orderBy('id').executeTakeFirstOrThrow()).id;
    await store.db
      .updateTable('wfm_shifts')
      .set({
        activities: JSON.stringify([
          { kind: 'phone', start: at(9), end: at(10), paid: true },
          { kind: 'training', start: at(10), end: at(11), paid: true },
          { kind: 'phone', start: at(11), end: at(17), paid: true },
        ]),
      })
      .where('id', '=', first)
      .execute();
    const capped = (await plan()).body;
    assert.deepEqual(
      [iv(capped, at(10)), iv(capped, at(13)), capped.basis.shrinkageActivity, capped.basis.activityCap],
      [2.666666667, 2.823529412, 0.05, 0.05],
    );
    await store.db.updateTable('wfm_requirements').set({ shrinkage_activity: null }).where('id', '=', reqId).execute();
    const uncapped = (await plan()).body;
    assert.deepEqual(
      [iv(uncapped, at(10)), iv(uncapped, at(13)), uncapped.basis.shrinkageActivity, uncapped.basis.activityCap],
      [2.4, 2.823529412, null, 0.15],
    );
    // a recorded share above the non-leave shrinkage (30 % of a 20 % total) is clamped to 20 % − 5 %: the cap sent
    // is the one compared with (the page showed 30 % when it worked the cap out itself)
    await store.db.updateTable('wfm_requirements').set({ shrinkage_activity: 0.3 }).where('id', '=', reqId).execute();
    const over = (await plan()).body;
    assert.deepEqual([iv(over, at(10)), over.basis.shrinkageActivity, over.basis.activityCap], [2.4, 0.3, 0.15]);
  } finally {
    await app.close();
  }
});
