/**
 * On a phone (390 × 844) the side menu is hidden (issue 14): an agent gets a bottom tab bar with their five
 * daily pages, and every role a menu button that opens the full menu as a drawer, closed by navigating.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';

test('an agent on a phone moves between schedule, check-in, scores, KB and work orders from the tab bar', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'a1');
    assert.equal(await page.isVisible('aside.nav'), false);
    const tabs = page.locator('[data-testid=tabbar] a');
    assert.deepEqual(await tabs.allTextContents(), ['排班', '签到', '成绩', '知识库', '工单']);
    // the bar sits at the bottom of the screen
    const box = await page.locator('[data-testid=tabbar]').boundingBox();
    assert.ok(box && Math.round(box.y + box.height) === 844, JSON.stringify(box));

    for (const [label, path] of [
      ['成绩', '/performance/mine'],
      ['排班', '/wfm/me'],
      ['知识库', '/kb/search'],
    ] as const) {
      await page.locator('[data-testid=tabbar] a', { hasText: label }).click();
      await page.waitForFunction((p) => location.hash === `#${p}`, path);
      assert.equal(await page.isVisible('[data-testid=forbidden]'), false, path);
      assert.equal(await page.getAttribute(`[data-testid=tabbar] a[data-tab="${path}"]`, 'class'), 'active');
    }

    // the menu opens the side menu as a drawer; choosing a page closes it
    await page.click('[data-testid=tabbar-menu]');
    await page.waitForSelector('aside.nav.open', { state: 'visible' });
    await page.click('aside.nav a[data-nav="/quality/mine"]');
    await page.waitForFunction(() => location.hash === '#/quality/mine');
    await page.waitForSelector('aside.nav', { state: 'hidden' });
  } finally {
    await h.close();
  }
});

test('on a wide screen the side menu shows and the tab bar does not', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'team_lead');
    assert.equal(await page.isVisible('aside.nav'), true);
    assert.equal(await page.isVisible('[data-testid=tabbar]'), false);
    await page.setViewportSize({ width: 390, height: 844 });
    // a team lead on a phone: home and the menu
    assert.deepEqual(await page.locator('[data-testid=tabbar] a').allTextContents(), ['首页']);
    assert.equal(await page.isVisible('[data-testid=tabbar-menu]'), true);
  } finally {
    await h.close();
  }
});
