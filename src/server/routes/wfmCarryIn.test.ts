/**
 * A Sunday-night shift runs into next week (issue 15, weeks that carry in): the optimiser plans it whole,
 * and next week's run counts its Monday hours and its agent's rest. Worked out by hand below.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';
import { waitForSolve } from './wfm';

// Weeks of Monday 2026-11-02 and 2026-11-09 in Asia/Shanghai (UTC+8): local midnight = 16:00 UTC the day before.
const WS = Date.UTC(2026, 10, 1, 16);
const H = 3_600_000;
const DAY = 24 * H;
const night = { id: 'N8', spanMin: 480, startEarliestMin: 22 * 60, startLatestMin: 22 * 60, startStepMin: 60, breaks: [] };
const short = { id: 'D2', spanMin: 120, startEarliestMin: 0, startLatestMin: 20 * 60, startStepMin: 60, breaks: [] };
const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 22 * 60, minRestHours: 11 };
/** one agent needed on [from, to) hours of the week (Monday 00:00 = 0) */
const need = (from: number, to: number) => Array.from({ length: 672 }, (_, k) => (k >= from * 4 && k < to * 4 ? 1 : 0));

forEachDatabase('a Sunday-night shift spills into next week, which counts it in and rests its agent', async (t, store) => {
  let clock = WS - 3 * DAY;
  const { app, org, as } = await testApp(store, { now: () => (clock += 1000) });
  try {
    const wfm = await as('wfm');
    for (const tpl of [night, short]) assert.equal((await wfm.req('PUT', '/api/wfm/templates', tpl)).status, 200);
    for (const id of [org.agents.a1, org.agents.a2]) assert.equal((await wfm.req('PUT', `/api/wfm/contracts/${id}`, { contract })).status, 200);
    const solve = async (weekStart: string, required: number[]) => {
      const req = await wfm.req('POST', '/api/wfm/requirements', { weekStart, required });
      assert.equal(req.status, 200, JSON.stringify(req.body));
      const run = await wfm.req('POST', '/api/wfm/schedule-runs', { weekStart, requirementId: req.body.id, timeLimitS: 3 });
      assert.equal(run.status, 200, JSON.stringify(run.body));
      await waitForSolve(run.body.id);
      const view = (await wfm.req('GET', `/api/wfm/schedule-runs/${run.body.id}`)).body;
      assert.equal(view.run.status, 'done', view.run.error);
      return view;
    };

    // week 1 needs one agent Sunday 22:00–24:00: the night shift 22:00–06:00 is planned whole, into Monday of week 2
    const w1 = await solve('2026-11-02', need(6 * 24 + 22, 7 * 24));
    assert.equal(w1.shifts.length, 1);
    const nightShift = w1.shifts[0];
    assert.equal(nightShift.start, WS + 6 * DAY + 22 * H);
    assert.equal(nightShift.end, WS + 7 * DAY + 6 * H);
    assert.equal((await wfm.req('POST', `/api/wfm/schedule-runs/${w1.run.id}/publish`)).status, 200);

    // week 2 needs one agent Monday 00:00–08:00. 00:00–06:00 is the night shift's; 06:00–08:00 takes one 2-hour
    // shift, and not by the night's agent (11 h rest: not before 17:00)
    const w2 = await solve('2026-11-09', need(0, 8));
    assert.equal(w2.shifts.length, 1);
    assert.equal(w2.shifts[0].start, WS + 7 * DAY + 6 * H);
    assert.notEqual(w2.shifts[0].agentId, nightShift.agentId);
    // the planner's view counts the carried-in night: covered 1 on every 15 minutes from 00:00 to 08:00
    assert.deepEqual(w2.coverage.slice(0, 32), new Array(32).fill(1));
    assert.equal(w2.coverage[32], 0);
  } finally {
    await app.close();
  }
});
