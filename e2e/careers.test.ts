import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { upsertFigures } from '../src/store/performance/figures';

const T0 = Date.UTC(2026, 11, 7, 2, 0); // 2026-12-07 02:00 UTC: Sep, Oct and Nov are the last three closed months

test('improvement plan in zh-CN: the lead opens the plan the rule proposes and adds a step; the agent sees it and acknowledges it, another agent sees nothing', async () => {
  // a1 (tenure > 12 months): aht 200 s > 150 s and skill level junior < intermediate → 2 KPIs below target
  // in each of Sep, Oct, Nov → proposed by the default rule (3 months, 2 KPIs)
  const h = await startHarness({
    now: () => T0,
    seed: async (store, org) => {
      await upsertFigures(
        store.db,
        org.centerId,
        ['2026-09', '2026-10', '2026-11'].map((month) => ({ agentId: org.agents.a1, month, kpi: 'aht' as const, value: 200 })),
        'api',
        null,
        T0,
      );
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/floor/improvement"]');
    const proposal = page.locator('[data-testid=proposal-A001]');
    await proposal.waitFor();
    assert.match((await proposal.textContent()) ?? '', /2026-09.*平均处理时长/);
    await proposal.locator('button').click();
    // the form opens with the agent chosen; the select shows it once its options (a load of its own) are there
    await page.locator(`[data-testid=plan-agent] option[value="${h.org.agents.a1}"]`).waitFor({ state: 'attached' });
    assert.equal(await page.locator('[data-testid=plan-agent]').inputValue(), String(h.org.agents.a1));
    await page.fill('[data-testid=plan-reason]', '连续三个月两项指标未达标');
    await page.fill('[data-testid=plan-end]', '2027-02-28');
    await page.click('[data-testid=plan-create]');
    const view = page.locator('[data-testid=plan-view]');
    await view.locator('text=系统提议').waitFor();
    await page.fill('[data-testid=step-action]', '每周两次跟听优秀坐席录音');
    await page.fill('[data-testid=step-due]', '2026-12-20');
    await page.click('[data-testid=step-add]');
    const steps = page.locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    assert.match((await steps.first().textContent()) ?? '', /2026-12-20.*每周两次跟听优秀坐席录音.*坐席未确认/);
    // the proposal is gone once the plan is open
    await page.reload();
    await page.locator('text=目前没有符合提议规则的坐席').waitFor();

    // usable on a phone
    await page.setViewportSize({ width: 390, height: 800 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await page.setViewportSize({ width: 1280, height: 860 });

    // the agent sees their plan and the step, and acknowledges it
    await signOutUi(page);
    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/floor/improvement"]');
    await page.locator('text=我的改进计划').waitFor();
    const row = page.locator('[data-testid=plan-steps] tbody tr').first();
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /每周两次跟听优秀坐席录音/);
    await row.locator('button:has-text("确认已阅")').click();
    await row.locator('text=已确认').waitFor();
    const acked = await h.store.db.selectFrom('career_plan_steps').select('acknowledged_at').executeTakeFirstOrThrow();
    assert.equal(Number(acked.acknowledged_at), T0);

    // another agent of the same team sees no plan
    await signOutUi(page);
    await signInUi(page, url, 'a2');
    await page.click('a[data-nav="/floor/improvement"]');
    await page.locator('text=暂无改进计划').waitFor();
    assert.equal(await page.locator('[data-testid=plan-view]').count(), 0);
  } finally {
    await h.close();
  }
});
