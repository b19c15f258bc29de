import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { at, D, D2, seedDay } from '../src/server/routes/facts.fixtures';

/**
 * The facts page (issue 11): a team lead sees their team's agents with each figure's source and
 * targets, on a desktop and on a phone; an agent sees only their own row. The day is the facts
 * tests' seeded day D; figures worked out by hand there: a1 aht (420 + 60 + 80) / 2 = 280 s,
 * adherence 12,000 / 14,400 = 83.3 %, qaScore (79 + 0) / 2 = 39.5, csat 4 / 7 = 57.1 %, 1 upheld complaint.
 */
test('facts page: a lead sees the team with sources and targets; an agent only their own row', async () => {
  const h = await startHarness({ seed: seedDay, now: () => at(D2, '09:00') });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/performance/facts"]');
    await page.fill('[data-testid=facts-value]', D);
    const a1 = page.locator('[data-testid=facts-agent][data-agent=A001]');
    await a1.waitFor();
    // the rows are there from the default day's answer (no calls yet) before day D's arrives: wait for D's figure
    await a1.locator('[data-fact=aht] .fact-value', { hasText: '280s' }).waitFor();
    assert.deepEqual(
      await page.locator('[data-testid=facts-agent]').evaluateAll((els) => els.map((e) => e.getAttribute('data-agent'))),
      ['A001', 'A002'],
      "only the lead's team",
    );
    const tile = (row: typeof a1, k: string) => row.locator(`[data-fact=${k}]`);
    assert.match((await tile(a1, 'aht').locator('.fact-value').textContent()) ?? '', /^280s$/);
    assert.equal(await tile(a1, 'aht').locator('[data-source]').textContent(), '话务');
    assert.equal(await tile(a1, 'aht').getAttribute('data-met'), 'false', 'aht 280 s misses the target');
    assert.match((await tile(a1, 'aht').getAttribute('class')) ?? '', /\bbad\b/);
    assert.equal(await tile(a1, 'adherence').locator('.fact-value').textContent(), '83.3%');
    assert.equal(await tile(a1, 'adherence').locator('[data-source]').textContent(), '排班');
    assert.equal(await tile(a1, 'qaScore').locator('.fact-value').textContent(), '39.5');
    assert.equal(await tile(a1, 'qaScore').locator('[data-source]').textContent(), '质检');
    assert.equal(await tile(a1, 'csat').locator('.fact-value').textContent(), '57.1%');
    assert.equal(await tile(a1, 'csat').locator('[data-source]').textContent(), '满意度');
    assert.equal(await tile(a1, 'complaints').locator('.fact-value').textContent(), '1');
    assert.equal(await tile(a1, 'complaints').locator('[data-source]').textContent(), '工单');
    assert.match((await tile(a1, 'aht').locator('[data-source]').getAttribute('title')) ?? '', /计算于/, 'computedAt on hover');
    await a1.locator('[data-testid=facts-missed]').waitFor();
    // a2 has no evaluation: the translated reason, not a code and not 0
    const a2 = page.locator('[data-testid=facts-agent][data-agent=A002]');
    assert.equal(await tile(a2, 'qaScore').locator('.fact-value').textContent(), '无质检评分');
    // the team total: 2 + 1 calls
    assert.equal(await page.locator('[data-testid=facts-total] [data-fact=handled] .fact-value').textContent(), '3');

    // the morning briefing of D2 shows D from the store: team aht (420 + 60 + 80 + 600 + 40) / 3 = 400 s, sources, who missed
    await page.click('a[data-nav="/floor/routine"]');
    const team = page.locator('[data-testid=briefing-team]');
    await team.waitFor();
    assert.equal(await team.locator('[data-fact=aht] .fact-value').first().textContent(), '400s');
    assert.equal(await team.locator('[data-fact=aht] [data-source]').first().textContent(), '话务');
    await page.locator('[data-testid=briefing-queues] td >> text=general').waitFor();
    await page.locator('[data-testid=briefing-missed] >> text=李娜').first().waitFor();
    await page.click('a[data-nav="/performance/facts"]');
    await page.fill('[data-testid=facts-value]', D);
    await a1.waitFor();

    // on a phone the tiles fit the screen
    await page.setViewportSize({ width: 390, height: 800 });
    const box = await tile(a1, 'csat').boundingBox();
    assert.ok(box && box.x + box.width <= 390, `tiles fit a 390 px screen (${JSON.stringify(box)})`);
    await page.setViewportSize({ width: 1280, height: 860 });
    await signOutUi(page);

    // an agent: their own row only, no team picker, no team total
    await signInUi(page, url, 'a2');
    await page.click('a[data-nav="/performance/facts"]');
    await page.fill('[data-testid=facts-value]', D);
    await page.locator('[data-testid=facts-agent][data-agent=A002]').waitFor();
    // the row is there from the default day's answer (today, no calls yet) before day D's arrives: wait for D's figure
    await page.locator('[data-testid=facts-agent] [data-fact=aht] .fact-value', { hasText: '640s' }).waitFor();
    assert.equal(await page.locator('[data-testid=facts-agent]').count(), 1);
    assert.equal(await page.locator('[data-testid=facts-team]').count(), 0);
    assert.equal(await page.locator('[data-testid=facts-total]').count(), 0);
    assert.equal(await page.locator('[data-testid=facts-agent] [data-fact=aht] .fact-value').textContent(), '640s');
  } finally {
    await h.close();
  }
});
