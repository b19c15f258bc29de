/**
 * Shrinkage planned by category (issue 15, migration 048): the planner sets the center's categories, a
 * requirement from a forecast divides the Erlang agents by (1 − their sum); one number in the request still wins.
 * History: 10 calls every half hour at AHT 200 s, so Erlang C needs 3 agents at 80/20 (worked by hand in
 * wfmContract.test.ts: 2 agents answer 63.7 % within 20 s, 3 agents 90.3 %).
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { getRequirement } from '../../store/wfm/schedules';

const H = 3_600_000;
const WEEK = '2026-11-02';
const WS = Date.UTC(2026, 10, 1, 16);
const HISTORY = Array.from({ length: 4 * 7 * 48 }, (_, k) => ({ ts: WS - 4 * 7 * 24 * H + k * 30 * 60_000, offered: 10, aht: 200 }));

forEachDatabase('shrinkage by category: set per center, summed into the requirement; a sum of 100 % is refused', async (t, store) => {
  const clock = WS - 24 * H;
  const { app, as } = await testApp(store, { now: () => clock });
  try {
    const wfm = await as('wfm');
    const lead = await as('team_lead');
    const a1 = await as('a1');
    // a new center plans none
    assert.deepEqual((await wfm.req('GET', '/api/wfm/shrinkage')).body, { categories: [], total: 0 });
    const cats = [
      { category: 'training', fraction: 0.1 },
      { category: 'coaching', fraction: 0.1 },
      { category: 'meetings', fraction: 0.05 },
      { category: 'sickness', fraction: 0.05 },
    ];
    assert.deepEqual((await wfm.req('PUT', '/api/wfm/shrinkage', { categories: cats })).body, { ok: true, total: 0.3 });
    const got = (await lead.req('GET', '/api/wfm/shrinkage')).body;
    assert.equal(got.total, 0.3);
    assert.deepEqual(got.categories.map((c: { category: string }) => c.category).sort(), ['coaching', 'meetings', 'sickness', 'training']);
    // who may change it: the planner only; an agent does not see it
    assert.equal((await lead.req('PUT', '/api/wfm/shrinkage', { categories: [] })).status, 403);
    assert.equal((await a1.req('GET', '/api/wfm/shrinkage')).status, 403);
    // 60 % + 50 %: no time left on the phone; nothing stored is lost
    const over = await wfm.req('PUT', '/api/wfm/shrinkage', {
      categories: [
        { category: 'leave', fraction: 0.6 },
        { category: 'sickness', fraction: 0.5 },
      ],
    });
    assert.deepEqual([over.status, over.body.reason, over.body.params], [400, 'wfm.shrinkageTotal', { percent: 110 }]);
    const twice = await wfm.req('PUT', '/api/wfm/shrinkage', {
      categories: [
        { category: 'leave', fraction: 0.1 },
        { category: 'leave', fraction: 0.1 },
      ],
    });
    assert.deepEqual([twice.status, twice.body.reason, twice.body.field], [400, 'wfm.shrinkageTwice', 'categories[1].category']);
    assert.equal((await wfm.req('GET', '/api/wfm/shrinkage')).body.total, 0.3);

    assert.equal((await wfm.req('POST', '/api/wfm/history', { queue: 'general', intervalMin: 30, rows: HISTORY })).status, 200);
    const fc = await wfm.req('POST', '/api/wfm/forecasts', { queue: 'general', intervalMin: 30, model: 'seasonalNaive', weeksAhead: 2 });
    assert.equal(fc.status, 200, JSON.stringify(fc.body));
    // 3 agents / (1 − 0.3) = 4.29: 5 heads in every slot
    const r = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, forecastId: fc.body.id, targetSl: 0.8, thresholdS: 20 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok((await getRequirement(store.db, r.body.id)).required.every((v) => v === 5));
    // one forecast's requirement is all its queue's: kept as its per-queue split (intraday replaces that share)
    assert.deepEqual(Object.keys((await getRequirement(store.db, r.body.id)).byQueue ?? {}), ['general']);
    // one number in the request still wins: 0 → the 3 agents as they are
    const r0 = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, forecastId: fc.body.id, targetSl: 0.8, thresholdS: 20, shrinkage: 0 });
    assert.ok((await getRequirement(store.db, r0.body.id)).required.every((v) => v === 3));
    // each requirement keeps the shrinkage it was computed with (migration 059): the categories' sum and the
    // leave share (none planned here), and the planned-activity share (migration 060: training 10 % + coaching
    // 10 % + meetings 5 % = 25 %, sickness not); one number typed: its total, the leave and activity shares not known
    assert.deepEqual((await getRequirement(store.db, r.body.id)).shrinkage, { total: 0.3, leave: 0, activity: 0.25 });
    assert.deepEqual((await getRequirement(store.db, r0.body.id)).shrinkage, { total: 0, leave: null, activity: null });
    // with leave among the categories: 40 % in all, 10 % of it leave; 3 / 0.6 = 5 heads; per queue the same
    const withLeave = [...cats, { category: 'leave', fraction: 0.1 }];
    assert.deepEqual((await wfm.req('PUT', '/api/wfm/shrinkage', { categories: withLeave })).body, { ok: true, total: 0.4 });
    const rl = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, forecastId: fc.body.id, targetSl: 0.8, thresholdS: 20 });
    const rq = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, queueForecastIds: [fc.body.id], targetSl: 0.8, thresholdS: 20 });
    for (const id of [rl.body.id, rq.body.id]) {
      const q = await getRequirement(store.db, id);
      assert.ok(q.required.every((v) => v === 5));
      assert.deepEqual(q.shrinkage, { total: 0.4, leave: 0.1, activity: 0.25 });
    }
    // an uploaded curve: not known; the planner's list shows each
    const up = await wfm.req('POST', '/api/wfm/requirements', { weekStart: WEEK, required: new Array(672).fill(1) });
    const list = (await wfm.req('GET', '/api/wfm/requirements')).body as { id: number; shrinkage: unknown }[];
    assert.deepEqual(
      [up.body.id, rq.body.id, rl.body.id, r0.body.id, r.body.id].map((id) => list.find((x) => x.id === id)?.shrinkage),
      [
        { total: null, leave: null, activity: null },
        { total: 0.4, leave: 0.1, activity: 0.25 },
        { total: 0.4, leave: 0.1, activity: 0.25 },
        { total: 0, leave: null, activity: null },
        { total: 0.3, leave: 0, activity: 0.25 },
      ],
    );
  } finally {
    await app.close();
  }
});
