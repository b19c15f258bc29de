import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { seedDay } from '../src/server/routes/facts.fixtures';

const T0 = Date.UTC(2026, 10, 20, 4); // 2026-11-20 12:00 in Shanghai: November still running

test('goals in zh-CN: a lead sets goals in the browser, the agent sees their own progress from the facts (not a teammate’s), the manager sees the lead scorecard', async () => {
  const h = await startHarness({ now: () => T0, seed: seedDay }); // 2026-11-02: a1 (李娜) AHT 280 s, a2 (王芳) 640 s
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/goals"]');
    await page.fill('[data-testid=goals-month]', '2026-11');
    await page.locator('text=本月还没有目标').waitFor();
    // a1: AHT at most 300 s in November → 280 s, met
    const form = page.locator('[data-testid=goal-form]');
    await form.locator('[data-testid=goal-agent] option').first().waitFor({ state: 'attached' });
    await page.selectOption('[data-testid=goal-agent]', { label: '李娜' });
    await page.selectOption('[data-testid=goal-kpi]', 'aht');
    assert.equal(await page.inputValue('[data-testid=goal-direction]'), 'lower'); // AHT: lower is better by default
    await page.fill('[data-testid=goal-target]', '300');
    await page.click('[data-testid=goal-save]');
    await page.locator('[data-testid=goals-table] tbody tr').first().waitFor();
    // a2: the same goal → 640 s, not yet met
    await page.selectOption('[data-testid=goal-agent]', { label: '王芳' });
    await page.fill('[data-testid=goal-target]', '300');
    await page.click('[data-testid=goal-save]');
    const rows = page.locator('[data-testid=goals-table] tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=goals-table] tbody tr').length === 2);
    const goals = await h.store.db.selectFrom('goals').select(['id', 'agent_id', 'month', 'kpi', 'direction', 'target']).orderBy('id').execute();
    assert.deepEqual(
      goals.map((g) => [g.agent_id, g.month, g.kpi, g.direction, Number(g.target)]),
      [
        [h.org.agents.a1, '2026-11', 'aht', 'lower', 300],
        [h.org.agents.a2, '2026-11', 'aht', 'lower', 300],
      ],
    );
    assert.equal(await rows.count(), 2);
    const [g1, g2] = goals.map((g) => g.id);
    assert.match((await page.locator(`[data-testid=goal-${g1}]`).textContent()) ?? '', /李娜.*平均处理时长 ≤ 300s.*280s.*已达成/);
    assert.match((await page.locator(`[data-testid=goal-${g2}]`).textContent()) ?? '', /王芳.*640s.*未达成/);
    // a skill goal needs a level or a queue: refused by the field
    await page.selectOption('[data-testid=goal-kind]', 'skill');
    await page.selectOption('[data-testid=goal-level]', '');
    await page.click('[data-testid=goal-save]');
    await form.locator('text=技能目标至少要有技能等级或认证队列之一').waitFor();

    // a1 sees their own goal and its progress, not 王芳's
    await signOutUi(page);
    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/goals"]');
    await page.fill('[data-testid=goals-month]', '2026-11');
    await page.locator(`[data-testid=goal-${g1}]`).waitFor();
    assert.equal(await page.locator('[data-testid=goals-table] tbody tr').count(), 1);
    assert.equal(await page.locator(`[data-testid=goal-${g2}]`).count(), 0);
    assert.equal((await page.locator(`[data-testid=goal-${g1}-actual]`).textContent())?.trim(), '280s');
    assert.equal(await page.locator('[data-testid=goal-form]').count(), 0); // an agent does not set goals
    await page.setViewportSize({ width: 390, height: 800 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await page.setViewportSize({ width: 1280, height: 860 });

    // the manager: the lead's scorecard of November with its chart
    await signOutUi(page);
    await signInUi(page, url, 'center_manager');
    await page.click('a[data-nav="/goals/lead-scorecard"]');
    await page.fill('[data-testid=leadcard-month]', '2026-11');
    const row = page.locator(`[data-testid=leadcard-${h.org.users.team_lead}]`);
    await row.waitFor();
    // the lead's row is there from the default month's answer too: wait for November's results before reading them
    await page.locator(`[data-testid=leadcard-detail-${h.org.users.team_lead}]`, { hasText: '1 / 2 个目标达成' }).waitFor({ state: 'attached' });
    assert.match((await row.textContent()) ?? '', /team_lead 用户.*A组/);
    await page.locator('[data-testid=leadcard-chart] canvas, [data-testid=leadcard-chart] svg').first().waitFor({ state: 'attached' });
    // results: 1 of the 2 goals met; shown in the detail beside its score
    assert.match((await page.locator(`[data-testid=leadcard-detail-${h.org.users.team_lead}]`).textContent()) ?? '', /1 \/ 2 个目标达成/);
  } finally {
    await h.close();
  }
});
