import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { publishedTestRun, testShiftRow } from '../src/store/testing';
import { addStateSegments } from '../src/store/wfm/floor';
import { saveForecast } from '../src/store/wfm/forecasts';
import { putContract } from '../src/store/wfm/schedules';

const H = 3600_000;
// Asia/Shanghai (UTC+8)
const at = (d: string, hm: string) => Date.parse(`${d}T${hm}:00Z`) - 8 * H;
const D = '2026-11-02';
const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };

test('adherence page for a team lead: an empty state on a day with no schedule or forecast, figures (never over 100 %) on a planned day', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const runId = await publishedTestRun(store.db, org.centerId, D);
      // a1 (the lead's team): phone 09:00–13:00; took a 30-minute break at 10:00 the plan did not have.
      // queue A forecast for the day; a1 answers A (skills), b1 (team B, skill B) is on the phone 09:00–13:00 too:
      // the intraday panel counts a1 only for queue A and says so
      const phoneShift = (agentId: number) => testShiftRow(runId, agentId, [['phone', at(D, '09:00'), at(D, '13:00')]]);
      await store.db
        .insertInto('wfm_shifts')
        .values([phoneShift(org.agents.a1), phoneShift(org.agents.b1)])
        .execute();
      await putContract(store.db, { agentId: org.agents.a1, contract, skills: ['A'], preferences: {} }, null, 0);
      await putContract(store.db, { agentId: org.agents.b1, contract, skills: ['B'], preferences: {} }, null, 0);
      const points = Array.from({ length: 48 }, (_, k) => ({ ts: at(D, '00:00') + k * 1_800_000, offered: 1, aht: 60 }));
      await saveForecast(store.db, { centerId: org.centerId, queue: 'A', model: 'test', intervalMin: 30, params: {} }, points, null, 0);
      // logged in all day (an always-on feed): work outside the plan must not push conformance over 100 %
      await addStateSegments(
        store.db,
        [
          { agentId: String(org.agents.a1), start: at(D, '00:00'), end: at(D, '10:00'), state: 'available' },
          { agentId: String(org.agents.a1), start: at(D, '10:00'), end: at(D, '10:30'), state: 'notReady:break' },
          { agentId: String(org.agents.a1), start: at(D, '10:30'), end: at(D, '23:59'), state: 'available' },
        ],
        null,
        0,
      );
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/wfm/adherence`);
    // today: nothing planned, no forecast — said plainly, no error
    await page.waitForSelector('[data-testid=adherence-empty]');
    await page.waitForSelector('[data-testid=intraday-empty]');
    assert.equal(await page.locator('[role=alert]').count(), 0, 'no error on the page');
    assert.match(await page.locator('[data-testid=intraday-empty]').innerText(), /没有.*预测/);
    // the planned day: a1 in adherence 3.5 of 4 hours = 87.5 %, conformance 100 % (not 600 %)
    await page.fill('input[type=date]', D);
    await page.waitForSelector('[data-testid=adherence-table]');
    const row = await page.locator('[data-testid=adherence-table] tbody tr').first().innerText();
    assert.match(row, /87\.5%/);
    assert.match(row, /100\.0%/);
    assert.match(await page.locator('[data-testid=adherence-total]').innerText(), /87\.5%.*100\.0%/);
    // the intraday panel of queue A says which cover it counts: a1, not b1 of queue B
    await page.waitForSelector('[data-testid=intraday-cover]');
    assert.match(await page.locator('[data-testid=intraday-cover]').innerText(), /只计所选队列的坐席：1 人.*另有 1 名在线坐席不接此队列/);
    // the half-hour break during phone time (10:00–10:30 on the center's clock, whatever the browser's zone) is out of
    // adherence, its state said in words
    const ooa = await page.locator('[data-testid=ooa-table] tbody tr').first().innerText();
    assert.match(ooa, /未就绪 · 小休/);
    assert.match(ooa, /10:00\s+10:30/);
    assert.equal(await page.locator('[role=alert]').count(), 0, 'no error on the page');
    // usable at 390 px
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    assert.equal(overflow, false, 'no sideways scroll at 390 px');
  } finally {
    await h.close();
  }
});
