import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

const T0 = Date.UTC(2026, 11, 7, 2, 0); // 2026-12-07 02:00 UTC

test('self-assessment in zh-CN: a round scored in the browser shows its dimension levels, and a gap given an owner reaches that owner', async () => {
  const h = await startHarness({ now: () => T0 });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'center_manager');
    await page.click('a[data-nav="/performance/assessment"]');
    await page.locator('text=还没有自评轮次').waitFor();
    await page.fill('[data-testid=round-date]', '2026-12-01');
    await page.selectOption('[data-testid=round-target]', '3');
    await page.click('[data-testid=round-create]');
    const round = page.locator('[data-testid=assessment-round]');
    await round.waitFor();
    assert.match((await round.locator('h2').textContent()) ?? '', /2026-12-01 的自评/);
    // the starter checklist in zh-CN, with a linked figure of the facts
    assert.match((await page.locator('[data-testid=point-S1]').textContent()) ?? '', /年度运营目标/);
    assert.match((await page.locator('[data-testid=figure-R1]').textContent()) ?? '', /质检/);

    // strategy: S1 (weight 2) at 4, S2 (weight 2) at 2, S3 N/A → (8 + 4) / 4 = 3; people: P1 at 1 → 1
    await page.selectOption('[data-testid=score-S1]', '4');
    await page.fill('[data-testid=evidence-S1]', '年度目标分解表已发布');
    await page.selectOption('[data-testid=score-S2]', '2');
    await page.selectOption('[data-testid=score-S3]', 'na');
    await page.selectOption('[data-testid=score-P1]', '1');
    await page.click('[data-testid=scores-save]');
    await round.locator('.ok >> text=已保存').waitFor();
    assert.equal((await page.locator('[data-testid=level-strategy] .fact-value').textContent())?.trim(), '3 规范');
    assert.equal((await page.locator('[data-testid=level-people] .fact-value').textContent())?.trim(), '1 起步');
    assert.equal((await page.locator('[data-testid=level-process] .fact-value').textContent())?.trim(), '—');
    // the round's row in the list over time
    const row = page.locator('[data-testid=assessment-rounds] tbody tr');
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', /2026-12-01/);

    // S2 (2 < 3) and P1 (1 < 3) are gaps; S1 is not
    assert.equal(await page.locator('[data-testid=gap-owner-select-S1]').count(), 0);
    // evidence typed for S1 and not saved yet stays when a gap's owner is set (that reloads the round)
    await page.fill('[data-testid=evidence-S1]', '年度目标分解表已发布，季度复盘中');
    await page.selectOption('[data-testid=gap-owner-select-S2]', { label: 'team_lead 用户' });
    await page.fill('[data-testid=gap-due-S2]', '2026-12-31');
    await page.click('[data-testid=gap-assign-S2]');
    await page.locator('[data-testid=gap-owner-S2]').waitFor();
    assert.match((await page.locator('[data-testid=gap-owner-S2]').textContent()) ?? '', /team_lead 用户 · 2026-12-31 · 待处理/);
    assert.equal(await page.inputValue('[data-testid=evidence-S1]'), '年度目标分解表已发布，季度复盘中');
    await page.locator('[data-testid=assessment-gaps] [data-testid=gap-S2]').waitFor();

    // usable on a phone: nothing wider than the screen but the tables, which scroll inside
    await page.setViewportSize({ width: 390, height: 800 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await page.setViewportSize({ width: 1280, height: 860 });

    // the owner sees the gap in their list and moves it on
    await signOutUi(page);
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/performance/assessment"]');
    const mine = page.locator('[data-testid=assessment-gaps] [data-testid=gap-S2]');
    await mine.waitFor();
    assert.match((await mine.textContent()) ?? '', /S2.*战略.*2 \/ 3.*team_lead 用户.*2026-12-31/);
    await mine.locator('select').selectOption('doing');
    await page.locator('text=我负责的差距').waitFor();
    // the change is stored (the select answers before the list reloads)
    const status = () => h.store.db.selectFrom('assessment_gaps').select('status').executeTakeFirstOrThrow();
    for (let i = 0; i < 50 && (await status()).status !== 'doing'; i++) await page.waitForTimeout(100);
    assert.equal((await status()).status, 'doing');
  } finally {
    await h.close();
  }
});
