/**
 * The planner's shrinkage categories and distinct-shift cost in the browser (issue 15): the planner types
 * training 10 % and coaching 5 % (the sum shows 15 %, kept after a reload), then solves the week with a
 * cost of 2 agent-hours per shift type: one agent needed Mon 08–16, Tue 09–17, Wed 10–18 comes out as one
 * 09:00 type (3 exact types would cost 24 + 3 × 2,000; one type 24 + 2,020 + 2,000). On a phone-width screen.
 * Last, an uploaded curve's planned-activity share: refused over total − leave, kept and shown within it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { createRequirement, putContract, putTemplate } from '../src/store/wfm/schedules';
import { mondayOf } from '../src/core/wfm/rules';

const required = Array.from({ length: 672 }, (_, s) => {
  const h0 = [8, 9, 10][Math.floor(s / 96)];
  return h0 !== undefined && s % 96 >= h0 * 4 && s % 96 < (h0 + 8) * 4 ? 1 : 0;
});

test('shrinkage by category saved per center; the distinct-shift cost gives one shift type', async () => {
  const week = mondayOf(Date.now(), 480); // the page's default week: the center's (Asia/Shanghai, UTC+8), whatever the browser's zone
  const h = await startHarness({
    seed: async (store, org) => {
      const now = Date.now();
      await putTemplate(
        store.db,
        org.centerId,
        { id: 'D8', spanMin: 480, startEarliestMin: 480, startLatestMin: 600, startStepMin: 60, breaks: [] },
        null,
        now,
      );
      const contract = { minHoursWeek: 0, maxHoursWeek: 40, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };
      await putContract(store.db, { agentId: org.agents.a1, contract, skills: [], preferences: {} }, null, now);
      await createRequirement(store.db, { centerId: org.centerId, weekStart: week, intervalMin: 15, required, source: 'upload' }, null, now);
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'wfm');
    await page.goto(`${url}/#/wfm/schedule`);
    await page.waitForSelector('[data-testid=shrinkage]');
    await page.fill('input[name=shrinkage-training]', '10');
    await page.fill('input[name=shrinkage-coaching]', '5');
    assert.equal(await page.textContent('[data-testid=shrinkage-total]'), '合计 15%');
    await page.click('[data-testid=shrinkage-save]');
    await page.waitForTimeout(300);
    await page.reload();
    await page.waitForSelector('[data-testid=shrinkage-total] >> text=合计 15%');
    assert.equal(await page.inputValue('input[name=shrinkage-training]'), '10');

    await page.fill('input[name=distinctShiftCost]', '2');
    await page.waitForSelector('[data-testid=run-solve]:not([disabled])');
    await page.click('[data-testid=run-solve]');
    await page.waitForSelector('[data-testid=distinct-shifts]', { timeout: 60_000 });
    assert.equal(await page.textContent('[data-testid=distinct-shifts]'), '班次种类 1 种');

    // an uploaded curve declares its planned-activity share: 35 % of 40 % with 10 % leave is refused under that
    // field (only 30 % is not leave); 10 % is kept and shown beside the week's requirement
    await page.fill('textarea[name=required]', required.join(' '));
    await page.fill('input[name=uploadShrinkage]', '40');
    await page.fill('input[name=uploadShrinkageLeave]', '10');
    await page.fill('input[name=uploadShrinkageActivity]', '35');
    await page.click('button:text-is("生成需求")');
    await page.waitForSelector('text=计划活动 35% 大于缩减率 40% 减去休假 10%（30%）');
    await page.fill('input[name=uploadShrinkageActivity]', '10');
    await page.click('button:text-is("生成需求")');
    await page.waitForSelector('[data-testid=requirement-count] >> text=缩减率 40%，其中休假 10%、计划活动 10%');
  } finally {
    await h.close();
  }
});
