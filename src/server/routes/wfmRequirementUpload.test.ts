/**
 * An uploaded requirement declares the shrinkage it was computed with (migration 059's columns): the total and
 * its leave share, both optional, checked (errors name the field), kept with the curve; intraday then compares
 * the cover with it net of what the day's schedule shows. Monday 2026-11-02 09:00–17:00 needs 3 heads computed
 * with 40 % shrinkage of which 10 % leave; a1, a2 and b1 work it, b1 in training 10:00–11:00. By hand
 * (core/wfm/intraday intradayRequired): 3 × 0.6 / 0.7 = 2.571428571 where nobody is in training (leave seen,
 * 30 % unseen), 3 × 0.6 / 1 = 1.8 at 10:00–11:00 (a third of those at work in training: all 40 % seen). Last, the
 * upload declares its planned-activity share (migration 060's column), checked against total − leave.
 */
import assert from 'node:assert/strict';
import { forEachDatabase, handBuiltSchedule } from '../../store/testing';
import { testApp } from '../testing';
import { createRun, finishRun, getRequirement, publishRun } from '../../store/wfm/schedules';

const H = 3_600_000;
const WEEK = '2026-11-02';
// Week of Monday 2026-11-02 in Asia/Shanghai (UTC+8): local midnight = 2026-11-01 16:00 UTC
const WS = Date.UTC(2026, 10, 1, 16);
// 15-min intervals from Monday 00:00: 09:00 = 36, 17:00 = 68
const required = Array.from({ length: 672 }, (_, k) => (k >= 36 && k < 68 ? 3 : 0));

forEachDatabase('an uploaded requirement keeps the shrinkage it declares; intraday compares net of the leave and training the day shows', async (t, store) => {
  const clock = WS - 24 * H; // the Sunday before
  const { app, org, as } = await testApp(store, { now: () => clock });
  try {
    const wfm = await as('wfm');
    const count = async () => (await wfm.req('GET', '/api/wfm/requirements')).body.length as number;
    const post = (extra: object) => wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, required, ...extra });
    // refused, naming the field; nothing stored
    const orphan = await post({ shrinkageLeave: 0.1 });
    assert.deepEqual([orphan.status, orphan.body.field, orphan.body.reason], [400, 'shrinkageLeave', 'wfm.shrinkageLeaveWithoutTotal']);
    const over = await post({ shrinkage: 0.1, shrinkageLeave: 0.2 });
    assert.deepEqual(
      [over.status, over.body.field, over.body.reason, over.body.params],
      [400, 'shrinkageLeave', 'wfm.shrinkageLeaveOverTotal', { leave: 20, total: 10 }],
    );
    const whole = await post({ shrinkage: 1 });
    assert.deepEqual([whole.status, whole.body.field], [400, 'body.shrinkage']);
    // the planned-activity share (migration 060) is part of the total too, at most what leave leaves of it
    const lone = await post({ shrinkageActivity: 0.1 });
    assert.deepEqual([lone.status, lone.body.field, lone.body.reason], [400, 'shrinkageActivity', 'wfm.shrinkageActivityWithoutTotal']);
    const tooMuch = await post({ shrinkage: 0.4, shrinkageLeave: 0.1, shrinkageActivity: 0.35 });
    assert.deepEqual(
      [tooMuch.status, tooMuch.body.field, tooMuch.body.reason, tooMuch.body.params],
      [400, 'shrinkageActivity', 'wfm.shrinkageActivityOverRest', { activity: 35, total: 40, leave: 10, rest: 30 }],
    );
    const noLeave = await post({ shrinkage: 0.2, shrinkageActivity: 0.25 });
    assert.deepEqual([noLeave.status, noLeave.body.field, noLeave.body.params], [400, 'shrinkageActivity', { activity: 25, total: 20, leave: 0, rest: 20 }]);
    const negative = await post({ shrinkage: 0.4, shrinkageActivity: -0.1 });
    assert.deepEqual([negative.status, negative.body.field], [400, 'body.shrinkageActivity']);
    assert.equal(await count(), 0);
    // one number: its total, the leave share not known; both: both
    const one = await post({ shrinkage: 0.15 });
    assert.equal(one.status, 200, JSON.stringify(one.body));
    assert.deepEqual((await getRequirement(store.db, one.body.id)).shrinkage, { total: 0.15, leave: null, activity: null });
    const up = await post({ shrinkage: 0.4, shrinkageLeave: 0.1 });
    assert.equal(up.status, 200, JSON.stringify(up.body));
    const stored = await getRequirement(store.db, up.body.id);
    assert.deepEqual([stored.source, stored.shrinkage, stored.required[40]], ['upload', { total: 0.4, leave: 0.1, activity: null }, 3]);
    const listed = (await wfm.req('GET', '/api/wfm/requirements')).body.find((r: { id: number }) => r.id === up.body.id);
    assert.deepEqual(listed.shrinkage, { total: 0.4, leave: 0.1, activity: null });

    // published on it: the three on the phone 09:00–17:00, b1 in training 10:00–11:00 (minutes from Monday 00:00)
    const phone = (from: number, to: number) => ({ kind: 'phone', startMin: from, endMin: to, paid: true });
    const dayOf = (training: boolean) => ({
      day: 0,
      templateId: 'D8',
      startMin: 540,
      endMin: 1020,
      paidHours: 8,
      activities: training ? [phone(540, 600), { kind: 'training', startMin: 600, endMin: 660, paid: true }, phone(660, 1020)] : [phone(540, 1020)],
    });
    const result = handBuiltSchedule(
      Object.entries(org.agents).map(([name, id]) => ({
        agentId: String(id),
        days: [dayOf(name === 'b1'), null, null, null, null, null, null],
        paidHours: 8,
      })),
    );
    const runId = await createRun(store.db, { centerId: org.centerId, weekStart: WEEK, requirementId: up.body.id, timeLimitS: 1 }, null, clock);
    await finishRun(store.db, runId, WS, new Map(Object.values(org.agents).map((id) => [String(id), id])), result, clock);
    await publishRun(store.db, runId, null, clock);

    const pr = await wfm.req('GET', `/api/wfm/intraday/plan?date=${WEEK}`);
    assert.equal(pr.status, 200, JSON.stringify(pr.body));
    const p = pr.body;
    const iv = (h: number) => p.intervals.find((x: { ts: number }) => x.ts === WS + h * H);
    assert.deepEqual([iv(9).required, iv(9).planned], [2.571428571, 3]);
    assert.deepEqual([iv(10).required, iv(10).planned, iv(10.75).required], [1.8, 2, 1.8]);
    assert.deepEqual([iv(11).required, iv(16.75).required, iv(17).required], [2.571428571, 2.571428571, 0]);
    // as stored, 10:00–11:00 would be one short (4 × 15 = 60 agent-minutes); net of what the day shows nothing is
    assert.deepEqual([p.shortBeforeMin, p.proposals.length], [0, 0]);
    assert.deepEqual(p.basis, { shrinkageTotal: 0.4, shrinkageLeave: 0.1, shrinkageActivity: null, activityCap: 0.3, activitiesBooked: true, queue: null });

    // the same curve uploaded declaring 10 % of the 40 % as planned activities (30 %, all that leave leaves, is
    // accepted too): kept, and intraday sees b1's training only up to it. 10:00–11:00 by hand: seen 10 % leave +
    // min(1/3, 10 %) = 20 %, unseen 20 %: 3 × 0.6 / 0.8 = 2.25 (1.8 without the share); 09:00 nothing booked: 2.571428571
    const edge = await post({ shrinkage: 0.4, shrinkageLeave: 0.1, shrinkageActivity: 0.3 });
    assert.equal(edge.status, 200, JSON.stringify(edge.body));
    assert.deepEqual((await getRequirement(store.db, edge.body.id)).shrinkage, { total: 0.4, leave: 0.1, activity: 0.3 });
    const act = await post({ shrinkage: 0.4, shrinkageLeave: 0.1, shrinkageActivity: 0.1 });
    assert.equal(act.status, 200, JSON.stringify(act.body));
    assert.deepEqual((await getRequirement(store.db, act.body.id)).shrinkage, { total: 0.4, leave: 0.1, activity: 0.1 });
    const listedAct = (await wfm.req('GET', '/api/wfm/requirements')).body.find((r: { id: number }) => r.id === act.body.id);
    assert.deepEqual(listedAct.shrinkage, { total: 0.4, leave: 0.1, activity: 0.1 });
    await store.db.updateTable('wfm_schedule_runs').set({ requirement_id: act.body.id }).where('id', '=', runId).execute();
    const pa = (await wfm.req('GET', `/api/wfm/intraday/plan?date=${WEEK}`)).body;
    const ia = (h: number) => pa.intervals.find((x: { ts: number }) => x.ts === WS + h * H).required;
    assert.deepEqual([ia(9), ia(10), ia(10.75), ia(11)], [2.571428571, 2.25, 2.25, 2.571428571]);
    assert.deepEqual([pa.basis.shrinkageActivity, pa.basis.activityCap], [0.1, 0.1]);
  } finally {
    await app.close();
  }
});
