/**
 * A planner edits a contract's day rules on screen and plans two weeks in one run (issue 15), on a
 * phone-width screen: a value out of range is refused under its field; with at most 5 working days in a
 * row, an agent needed Wednesday..Sunday of week 1 and every day of week 2 works Wednesday..Sunday, then
 * has Monday of week 2 off (5 days in a row already) and works 5 of its 7 days. Both weeks are drafts, each
 * saying "week k of 2"; week 2 alone is refused under the publish button (week 1 is a draft), then both are
 * published together.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { createRequirement, putContract, putTemplate } from '../src/store/wfm/schedules';
import { mondayOf } from '../src/core/wfm/rules';

const DAY = 86_400_000;
/** one agent needed 09:00–17:00 on each of `days` (0 = Monday), in 15-minute intervals */
const need = (days: number[]) => Array.from({ length: 672 }, (_, k) => (days.includes(Math.floor(k / 96)) && k % 96 >= 36 && k % 96 < 68 ? 1 : 0));

test('a planner sets most days in a row on a contract and plans two weeks: Monday of week 2 stays off', async () => {
  const week = mondayOf(Date.now(), 480); // the schedule page's default week: the center's (Asia/Shanghai, UTC+8), whatever the machine's zone
  const next = new Date(Date.parse(`${week}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10);
  const h = await startHarness({
    seed: async (store, org) => {
      const now = Date.now();
      await putTemplate(store.db, org.centerId, { id: 'D', spanMin: 480, startEarliestMin: 540, startLatestMin: 540, startStepMin: 60, breaks: [] }, null, now);
      const contract = { minHoursWeek: 0, maxHoursWeek: 60, minDaysOff: 0, earliestStartMin: 0, latestStartMin: 1380, minRestHours: 11 };
      await putContract(store.db, { agentId: org.agents.a1, contract, skills: [], preferences: {} }, null, now);
      await createRequirement(
        store.db,
        { centerId: org.centerId, weekStart: week, intervalMin: 15, required: need([2, 3, 4, 5, 6]), source: 'upload' },
        null,
        now,
      );
      await createRequirement(
        store.db,
        { centerId: org.centerId, weekStart: next, intervalMin: 15, required: need([0, 1, 2, 3, 4, 5, 6]), source: 'upload' },
        null,
        now,
      );
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'wfm');
    await page.goto(`${url}/#/wfm/plan-data`);
    await page.click('tr[data-agent=李娜] button:not([disabled])');
    await page.waitForSelector('[data-testid=contract-form]');
    // the stored contract's values are in the form; no day rule yet
    assert.equal(await page.inputValue('input[name=maxConsecutiveDays]'), '');
    // 9 days in a row is not a week's rule: the reason sits under the field
    await page.fill('input[name=maxConsecutiveDays]', '9');
    await page.click('[data-testid=save-contract]');
    const err = page.locator('.field:has(input[name=maxConsecutiveDays]) .field-error');
    await err.waitFor();
    assert.match((await err.textContent()) ?? '', /7/);
    // weekends off 3 of every 2 weeks: refused under the weekend field
    await page.fill('input[name=maxConsecutiveDays]', '5');
    await page.fill('input[name=weekendsOffMin]', '3');
    await page.fill('input[name=weekendsOffWeeks]', '2');
    await page.click('[data-testid=save-contract]');
    await page.locator('.field:has(input[name=weekendsOffMin]) .field-error').waitFor();
    // a rotation week can be added and removed again
    await page.click('[data-testid=add-rotation-week]');
    await page.waitForSelector('[data-testid=rotation-step-0]');
    await page.click('[data-testid=rotation-step-0] button');
    await page.fill('input[name=weekendsOffMin]', '');
    await page.fill('input[name=weekendsOffWeeks]', '');
    await page.click('[data-testid=save-contract]');
    await page.waitForSelector('tr[data-agent=李娜] [data-testid=contract-rules] >> text=连上 ≤ 5 天');
    assert.equal(await page.locator('.field-error').count(), 0);
    // the page is usable on a phone: nothing wider than the screen
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 400);

    await page.goto(`${url}/#/wfm/schedule`);
    await page.waitForSelector('[data-testid=run-solve]:not([disabled])');
    await page.fill('input[name=weeks]', '2');
    await page.waitForSelector(`[data-testid=plan-weeks] >> text=${next}`);
    await page.click('[data-testid=run-solve]');
    // both weeks' drafts finish; the shown run says which week of the plan it is
    await page.waitForSelector('[data-testid=publish-all]', { timeout: 90_000 });
    await page.waitForSelector('[data-testid=plan-week-of] >> text=本计划第 1 周 / 共 2 周');
    // week 2 alone first: refused under the publish button (week 1 is still a draft)
    await page.click('[data-testid=plan-runs] button:nth-child(2)');
    await page.waitForSelector('[data-testid=plan-week-of] >> text=本计划第 2 周 / 共 2 周');
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=publish-error] >> text=本计划的第 1 周');
    // then every week at once
    await page.click('[data-testid=publish-all]');
    await page.waitForFunction(
      () => [...document.querySelectorAll('[data-testid=plan-runs] button')].filter((b) => b.textContent!.includes('已发布')).length === 2,
      null,
      {
        timeout: 30_000,
      },
    );
    // the weeks as planned: worked days per week from the published runs
    const days = await page.evaluate(async () => {
      const runs = (await fetch('/api/wfm/schedule-runs').then((r) => r.json())) as { id: number; week_start: string; status: string }[];
      const out: Record<string, boolean[]> = {};
      for (const r of runs.filter((x) => x.status === 'published')) {
        const v = await fetch(`/api/wfm/schedule-runs/${r.id}`).then((x) => x.json());
        const d = Array<boolean>(7).fill(false);
        for (const s of v.shifts) d[Math.floor((s.start - v.weekStartTs) / 86_400_000)] = true;
        out[r.week_start] = d;
      }
      return out;
    });
    assert.deepEqual(days[week], [false, false, true, true, true, true, true]);
    assert.equal(days[next]![0], false, JSON.stringify(days[next]));
    assert.equal(days[next]!.filter(Boolean).length, 5);
  } finally {
    await h.close();
  }
});
