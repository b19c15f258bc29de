import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { createArticle, createCategory, reviewVersion, submitForReview } from '../src/store/kb/articles';

test('KB: an agent types a Traditional query, finds the Simplified article with the hit highlighted, opens it and votes', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const cat = await createCategory(store.db, { centerId: org.centerId, parentId: null, name: '常见问题', module: 'faq' }, null, 0);
      const mk = async (title: string, bodyHtml: string) => {
        const id = await createArticle(
          store.db,
          store.dialect,
          org.centerId,
          { categoryId: cat, title, bodyHtml, tags: ['话务'], visibility: { roles: [], teamIds: [] } },
          org.users.trainer!,
          Date.now(),
        );
        await submitForReview(store.db, org.centerId, id, 1, org.users.trainer!, Date.now());
        await reviewVersion(store.db, store.dialect, org.centerId, id, 1, 'publish', '', org.users.center_manager!, Date.now());
      };
      await mk(
        '后处理时长规范',
        '<p>通话结束后的后处理时长不超过 30 秒。</p><img src="x" onerror="window.__xss=1"><a href="javascript:window.__xss=2">链接</a>',
      );
      await mk('转接率说明', '<p>转接率 = 转接量 / 处理量。</p>');
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 800 }); // agents use it on a phone too
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/kb/search`);
    await page.fill('input[type=search]', '後處理');
    const title = page.locator('[data-testid=kb-hit-title]').first();
    await title.locator('mark').waitFor();
    assert.equal(await title.locator('mark').first().textContent(), '后处理');
    assert.equal(await title.textContent(), '后处理时长规范');
    assert.equal(await page.locator('[data-testid=kb-hit-title]').count(), 1);
    // highlight segments are text, not HTML: a query with markup is shown literally
    await page.fill('input[type=search]', '<转接>');
    await page.waitForSelector('[data-testid=kb-hit-title] >> text=转接率说明');
    assert.equal(await page.locator('[data-testid=kb-results] b').count(), 0);
    await page.fill('input[type=search]', '后处理');
    await page.click('[data-testid=kb-hit-title] >> text=时长规范');
    await page.waitForSelector('[data-testid=kb-article-body] >> text=不超过 30 秒');
    assert.equal(await page.locator('[data-testid=kb-article-body] img').count(), 0);
    assert.equal(await page.locator('[data-testid=kb-article-body] a').getAttribute('href'), null);
    await page.click('[data-testid=kb-vote] >> text=解决了');
    await page.waitForSelector('text=谢谢反馈');
    assert.equal(await page.evaluate(() => (window as any).__xss ?? null), null);
  } finally {
    await h.close();
  }
});
