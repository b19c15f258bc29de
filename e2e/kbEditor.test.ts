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
    await ed.locator('input[name=title]').fill('停电报修流程');
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

test("KB editor: a refused save shows the server's reason by its field — an empty title under the title, a stale edit by the Save buttons (zh-CN)", async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      await createCategory(store.db, { centerId: org.centerId, parentId: null, name: '业务规范', module: 'faq' }, null, 0);
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'trainer');
    await page.goto(`${url}/#/kb/editor`);
    const ed = page.locator('[data-testid=kb-editor]');
    await ed.locator('select[name=categoryId]').selectOption({ label: '业务规范' });
    // no title: the server refuses it (title: min 1) and the reason sits inside the title's field, nowhere else
    await ed.locator('[data-testid=kb-save] button').first().click();
    const titleField = ed.locator('label.field', { has: page.locator('input[name=title]') });
    await titleField.locator('.field-error').waitFor();
    // errors.ts zh-CN tooSmallLength: 至少 {{minimum}} 个字, minimum 1 (contract kb articleBody.title)
    assert.equal(await titleField.locator('.field-error').textContent(), '至少 1 个字');
    assert.equal(await ed.locator('.field-error').count(), 1, 'only the title is marked');
    assert.equal(await ed.locator('div.error').count(), 0, 'no box above the form');

    // saved with a title: v1, and the title's error is gone
    await ed.locator('input[name=title]').fill('停电报修流程');
    await ed.locator('[data-testid=kb-save] button').first().click();
    await page.waitForSelector('[data-testid=kb-versions] >> text=v1');
    assert.equal(await ed.locator('.field-error').count(), 0);

    // someone else saves v2 (based on v1) while this edit is still based on v1
    const other = await page.evaluate(async () => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const a = ((await fetch('/api/kb/articles').then((r) => r.json())) as { id: number; title: string; category_id: number }[])[0]!;
      const r = await fetch(`/api/kb/articles/${a.id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf },
        body: JSON.stringify({
          categoryId: a.category_id,
          title: '停电报修流程（新）',
          bodyHtml: '<p>另一人</p>',
          tags: [],
          visibility: { roles: [], teamIds: [] },
          baseVersion: 1,
        }),
      });
      return r.status;
    });
    assert.equal(other, 200);
    await ed.locator('input[name=title]').fill('停电报修流程（我的）');
    await ed.locator('[data-testid=kb-save] button').first().click();
    const stale = ed.locator('[data-testid=kb-save] + .field-error');
    await stale.waitFor();
    assert.equal(await stale.textContent(), '文章已被他人保存（当前版本 v2，你的修改基于 v1），已刷新，请核对后重新保存');
    // the versions list was reloaded: the other person's v2 is there, nothing of this edit
    await page.waitForSelector('[data-testid=kb-versions] >> text=v2');
    assert.equal(await page.locator('[data-testid=kb-versions] >> text=v3').count(), 0);
  } finally {
    await h.close();
  }
});
