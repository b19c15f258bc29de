import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { createCategory } from '../src/store/kb/articles';

test('KB editor: an article written in the rich-text editor (bold, a list) is saved, published and shown with its formatting', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      await createCategory(store.db, { centerId: org.centerId, parentId: null, name: '业务规范', module: 'faq' }, null, 0);
    },
  });
  const { page, url } = h;
  try {
    // the wallboard does not load the editor's code
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await signInUi(page, url, 'trainer');
    await page.goto(`${url}/#/live/wallboard`);
    await page.waitForSelector('h1');
    assert.ok(!scripts.some((s) => /RichText/.test(s)), scripts.join('\n'));

    await page.goto(`${url}/#/kb/editor`);
    const ed = page.locator('[data-testid=kb-editor]');
    await ed.locator('select').first().selectOption({ label: '业务规范' });
    await ed.locator('input[aria-label=标题]').fill('停电报修流程');
    const body = page.locator('[data-testid=kb-body-editor]');
    await body.click();
    await page.keyboard.type('受理时先核实');
    await page.click('[data-rte=bold]');
    await page.keyboard.type('户号与地址');
    await page.click('[data-rte=bold]');
    await page.keyboard.press('Enter');
    await page.click('[data-rte=bullet]');
    await page.keyboard.type('查询停电公告');
    await page.keyboard.press('Enter');
    await page.keyboard.type('登记派工单');
    assert.equal(await page.locator('[data-rte=bullet]').getAttribute('aria-pressed'), 'true');
    await page.click('text=保存并提交审核');
    await page.waitForSelector('[data-testid=kb-versions] >> text=v1');
    await signOutUi(page);
    // another person publishes it (four-eyes rule)
    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/kb/editor`);
    await page.waitForSelector('[data-testid=kb-review-queue] >> text=停电报修流程');
    await page.click('[data-testid=kb-review-queue] button >> text=发布');
    await page.waitForSelector('[data-testid=kb-articles] >> text=已发布 v1');

    const id = await page.evaluate(async () => {
      const r = await fetch('/api/kb/articles');
      return ((await r.json()) as { id: number; title: string }[]).find((a) => a.title === '停电报修流程')!.id;
    });
    await page.goto(`${url}/#/kb/search?article=${id}`);
    const shown = page.locator('[data-testid=kb-article-body]');
    await shown.waitFor();
    assert.equal(await shown.locator('strong').textContent(), '户号与地址');
    assert.deepEqual(await shown.locator('ul > li').allTextContents(), ['查询停电公告', '登记派工单']);
    assert.match((await shown.locator('p').first().textContent()) ?? '', /^受理时先核实户号与地址$/);
  } finally {
    await h.close();
  }
});
