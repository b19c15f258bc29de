/**
 * The team lead's scorecard in the browser (issue 17): the center manager opens it at phone width and reads
 * the lead's card, with the "team goals met" item checked against figures worked out by hand from the seed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { seedDay } from '../src/server/routes/facts.fixtures';
import { insertGoal, type GoalInput } from '../src/store/goals/goals';
import type { Store } from '../src/store/db';
import type { TestOrg } from '../src/server/testing';

const T0 = Date.UTC(2026, 10, 20, 4); // 2026-11-20 12:00 in Shanghai: November still running

/** seedDay's 2026-11-02 (a1 李娜 AHT 280 s, a2 王芳 640 s) and three November AHT goals of team A's agents. */
async function seed(store: Store, org: TestOrg) {
  await seedDay(store, org);
  const aht = (agentId: number, target: number): GoalInput => ({
    subject: 'agent',
    teamId: org.teamA,
    agentId,
    kind: 'kpi',
    month: '2026-11',
    kpi: 'aht',
    direction: 'lower',
    target,
    dueDate: null,
    skillLevel: null,
    queue: null,
    share: null,
    note: '',
  });
  for (const g of [aht(org.agents.a1, 300), aht(org.agents.a2, 300), aht(org.agents.a2, 700)])
    await insertGoal(store.db, org.centerId, g, org.users.team_lead!, T0);
}

test('lead scorecard in zh-CN: the center manager sees the lead’s card and the share of goals met', async () => {
  const h = await startHarness({ now: () => T0, seed, timezoneId: 'Asia/Shanghai' });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/goals/lead-scorecard`);
    await page.getByLabel('月份').fill('2026-11');
    const lead = h.org.users.team_lead!;
    const row = page.locator(`[data-testid=leadcard-${lead}]`);
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /team_lead 用户.*A组/);

    // by hand: a1 280 s ≤ 300 met; a2 640 s > 300 not met; a2 640 s ≤ 700 met → 2 of 3 goals met,
    // item score round(2 / 3 × 100) = 67
    const goalsItem = page.locator(`[data-testid=leadcard-detail-${lead}] tr`, { hasText: '班组目标达成' });
    const cells = (await goalsItem.locator('td').allTextContents()).map((s) => s.trim());
    assert.deepEqual(cells.slice(-3), ['班组目标达成', '67', '2 / 3 个目标达成']);

    // a figure typed in the scorecard's config stays when another month's cards arrive (they carry the config again)
    const perAgent = page.getByLabel('每名坐席每月应有辅导/跟听次数');
    await perAgent.fill('7');
    const october = page.waitForResponse((r) => r.url().includes('/api/goals/lead-scorecards?month=2026-10'));
    await page.getByLabel('月份').fill('2026-10');
    await october;
    // October's cards are drawn (November's 2 of 3 goals are gone) before the field is read
    await page.waitForFunction(() => !document.body.innerText.includes('2 / 3 个目标达成'));
    assert.equal(await perAgent.inputValue(), '7');

    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);

    // an agent is refused the scorecards
    await signOutUi(page);
    await signInUi(page, url, 'a1');
    const agentRes = await page.evaluate(async () => (await fetch('/api/goals/lead-scorecards?month=2026-11')).status);
    assert.equal(agentRes, 403);
  } finally {
    await h.close();
  }
});
