/**
 * Peer help in the browser (issue 17), phone-sized: the team lead makes a 一帮一 pair and adds a follow-up;
 * the mentee books shadowing of the mentor inside both published shifts and sees it in their own schedule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { publishedTestRun, testShiftRow } from '../src/store/testing';

const H = 3_600_000;
// Asia/Shanghai (the test center's zone); 2026-11-02 is a Monday, the server's clock is that morning
const D = '2026-11-02';
const at = (hm: string) => Date.parse(`${D}T${hm}:00Z`) - 8 * H;

test('lead makes a pair and writes a follow-up; the mentee books shadowing and sees it in their schedule', async () => {
  const h = await startHarness({
    now: () => at('08:00'),
    seed: async (store, org) => {
      const runId = await publishedTestRun(store.db, org.centerId, D);
      await store.db
        .updateTable('wfm_schedule_runs')
        .set({ progress: JSON.stringify({ phase: 'done' }) })
        .where('id', '=', runId)
        .execute();
      for (const agentId of [org.agents.a1, org.agents.a2])
        await store.db
          .insertInto('wfm_shifts')
          .values(testShiftRow(runId, agentId, [['phone', at('09:00'), at('13:00')]]))
          .execute();
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/floor/peer`);
    const form = page.locator('[data-testid=new-plan]');
    await form.locator('input[name=title]').fill('投诉处理一帮一');
    await form.locator('select[name=leaderAgentId]').selectOption({ label: '李娜' });
    await form.locator('select[multiple]').selectOption({ label: '王芳' });
    await form.locator('textarea[name=goal]').fill('一个月内独立处理投诉电话');
    await form.locator('input[name=startDate]').fill('2026-11-01');
    await form.locator('input[name=endDate]').fill('2026-11-30');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=plan-detail] >> text=投诉处理一帮一');
    await page.fill('[data-testid=add-follow-up] input[name=date]', '2026-11-03');
    await page.fill('[data-testid=add-follow-up] textarea[name=note]', '陪听两通投诉电话并复盘');
    await page.click('[data-testid=add-follow-up] button[type=submit]');
    await page.waitForSelector('[data-testid=follow-ups] >> text=陪听两通投诉电话并复盘');
    assert.match((await page.textContent('[data-testid=peer-plans] table')) ?? '', /王芳/);
    await signOutUi(page);

    // the mentee books 10:00–10:30 listening to the mentor
    await signInUi(page, url, 'a2');
    await page.goto(`${url}/#/floor/peer`);
    await page.waitForSelector('[data-testid=plan-1]');
    const book = page.locator('[data-testid=book-shadowing]');
    await book.locator('select[name=topAgentId]').selectOption({ label: '李娜' });
    await book.locator('input[name=date]').fill(D);
    await book.locator('input[name=start]').fill('10:00');
    await book.locator('input[name=end]').fill('10:30');
    await book.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=shadowing-list] >> text=李娜');
    // said as typed: the center's clock, whatever the browser's zone
    assert.match((await page.textContent('[data-testid=shadowing-list]')) ?? '', /10:00–10:30/);
    // a time over the end of the shift is refused, in words next to the field
    await book.locator('input[name=start]').fill('12:45');
    await book.locator('input[name=end]').fill('13:15');
    await book.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=book-shadowing] >> text=该时段不在跟听坐席已发布的班次内');
    // the booking is an activity of the agent's published shift
    await page.goto(`${url}/#/wfm/me`);
    await page.waitForSelector('[data-testid=my-shift] >> text=跟听');
    assert.match((await page.textContent('[data-testid=my-shift]')) ?? '', /跟听 10:00–10:30/);
  } finally {
    await h.close();
  }
});
