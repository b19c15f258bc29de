/**
 * 日内调整 in the browser (issue 15): next Monday three agents work 09:00–17:00, all with their break at 10:00
 * where two are needed, and 17:00–17:30 needs one more. The planner sees the gap (60 agent-minutes, 0 after the
 * proposal), accepts the break moves, pushes the overtime offer; an agent takes it in their schedule page.
 * (The figures are the route test's, src/server/routes/wfmIntraday.test.ts, worked by hand there.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { createRequirement, createRun, finishRun, publishRun, putContract, putTemplate } from '../src/store/wfm/schedules';
import { mondayOf, weekStartMs } from '../src/core/wfm/rules';
import { handBuiltSchedule } from '../src/store/testing';
import { saveForecast } from '../src/store/wfm/forecasts';

const DAY = 86_400_000;

test('the planner accepts break moves and pushes overtime; an agent takes it', async () => {
  const week = mondayOf(Date.now() + 7 * DAY, 480); // next week, in the center's zone (UTC+8)
  const ws = weekStartMs(week, 480);
  const h = await startHarness({
    seed: async (store, org) => {
      const now = Date.now();
      await putTemplate(
        store.db,
        org.centerId,
        {
          id: 'D8',
          spanMin: 480,
          startEarliestMin: 540,
          startLatestMin: 540,
          startStepMin: 60,
          breaks: [{ kind: 'break', durationMin: 15, paid: true, earliestStartMin: 60, latestStartMin: 150 }],
        },
        null,
        now,
      );
      for (const id of Object.values(org.agents))
        await putContract(
          store.db,
          {
            agentId: id,
            contract: { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 480, latestStartMin: 600, minRestHours: 11 },
            skills: [],
            preferences: {},
          },
          null,
          now,
        );
      // 15-min intervals from Monday 00:00: 2 needed 09:00–13:00 and 15:00–17:00, 1 13:00–15:00 and 17:00–17:30
      const required = Array.from({ length: 672 }, (_, k) =>
        k >= 36 && k < 52 ? 2 : k >= 52 && k < 60 ? 1 : k >= 60 && k < 68 ? 2 : k >= 68 && k < 70 ? 1 : 0,
      );
      // all of it queue A's (its split, as a requirement from A's forecast keeps): a re-forecast of A replaces it
      const reqId = await createRequirement(
        store.db,
        { centerId: org.centerId, weekStart: week, intervalMin: 15, required, source: 'upload', byQueue: { A: required } },
        null,
        now,
      );
      // queue A's forecast for the Monday: 1 call of 60 s every 30 min (1 agent at 80/20 in each)
      const points = Array.from({ length: 48 }, (_, k) => ({ ts: ws + k * 1_800_000, offered: 1, aht: 60 }));
      await saveForecast(store.db, { centerId: org.centerId, queue: 'A', model: 'test', intervalMin: 30, params: {} }, points, null, now);
      const runId = await createRun(store.db, { centerId: org.centerId, weekStart: week, requirementId: reqId, timeLimitS: 1 }, null, now);
      const monday = {
        day: 0,
        templateId: 'D8',
        startMin: 540,
        endMin: 1020,
        paidHours: 8,
        activities: [
          { kind: 'phone' as const, startMin: 540, endMin: 600, paid: true },
          { kind: 'break' as const, startMin: 600, endMin: 615, paid: true },
          { kind: 'phone' as const, startMin: 615, endMin: 1020, paid: true },
        ],
      };
      const result = handBuiltSchedule(
        Object.values(org.agents).map((id) => ({ agentId: String(id), days: [monday, null, null, null, null, null, null], paidHours: 8 })),
      );
      await finishRun(store.db, runId, ws, new Map(Object.values(org.agents).map((id) => [String(id), id])), result, now);
      await publishRun(store.db, runId, null, now);
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'wfm');
    await page.goto(`${url}/#/wfm/intraday`);
    await page.fill('[data-testid=intraday-date]', week);
    await page.waitForSelector('[data-testid=intraday-short] >> text=缺口 60 人·分钟，调整后 0 人·分钟');
    await page.waitForSelector('[data-testid=intraday-chart] svg');
    // the page says what the cover is compared with: this uploaded curve declares no shrinkage, so as stored
    assert.match((await page.textContent('[data-testid=intraday-basis]')) ?? '', /已发布的需求原样/);
    // with queue A the page says whose share its re-forecast replaced; back to the plan without it
    await page.fill('[data-testid=intraday-queue]', 'A');
    await page.waitForSelector('[data-testid=intraday-short] >> text=从现在起队列 A 按重新预测（替换其在需求中的部分）');
    await page.fill('[data-testid=intraday-queue]', '');
    await page.waitForSelector('[data-testid=intraday-short] >> text=需求来自已发布排班');
    assert.equal(await page.locator('[data-testid=intraday-breaks] tbody tr').count(), 2);
    await page.click('[data-testid=intraday-accept-breaks]');
    await page.waitForSelector('text=已移动 2 个休息');
    // only 17:00–17:30 is left short: 30 agent-minutes, covered by the overtime offer
    await page.waitForSelector('[data-testid=intraday-short] >> text=缺口 30 人·分钟');
    await page.click(`[data-testid=intraday-push-overtime-${ws + 17 * 3_600_000}]`);
    await page.waitForSelector('text=已通知 3 名坐席');
    await page.waitForSelector('[data-testid=intraday-offers] >> text=0 / 1');
    await signOutUi(page);

    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/wfm/me`);
    const offer = page.locator('[data-testid=my-offers] li', { hasText: '加班' });
    // on the center's clock (ws is its Monday 00:00), whatever the browser's zone
    const text = (await offer.textContent({ timeout: 10_000 })) ?? '';
    assert.ok(text.includes('17:00–17:30') && text.includes('剩余名额 1'), text);
    assert.ok(text.includes('接受后班次为 09:00–17:30'), text);
    await offer.locator('button', { hasText: '接受' }).click();
    await offer.locator('text=已接受').waitFor();
  } finally {
    await h.close();
  }
});
