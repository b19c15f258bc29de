/**
 * Issue 14's import check: a small queue_log with one bad line uploaded through the Import page —
 * the progress shows, the result names the bad line with its reason in Chinese, the other lines'
 * events are stored; a binary file is refused by the file field with nothing stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { countStoredEvents } from '../src/store/live/ingest';

test('import page: a queue_log with one bad line — progress, the line named, the rest stored; a binary file refused', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    const base = Math.floor(Date.now() / 1000) - 3600; // an hour ago, inside the center's time window
    // 5 lines: two callers who enter and abandon (4 events), line 3 is not a queue_log line
    const log = [
      `${base}|c1|sales|NONE|ENTERQUEUE||1`,
      `${base + 5}|c1|sales|NONE|ABANDON|1|1|5`,
      'oops|bad',
      `${base + 10}|c2|sales|NONE|ENTERQUEUE||1`,
      `${base + 20}|c2|sales|NONE|ABANDON|1|1|10`,
    ].join('\n');

    await signInUi(page, url, 'wfm');
    await page.click('a[data-nav="/live/import"]');
    await page.waitForSelector('text=导入话务数据');
    await page.selectOption('select[name=format]', 'queue_log');
    await page.setInputFiles('input[name=file]', { name: 'queue_log', mimeType: 'text/plain', buffer: Buffer.from(log) });
    // the progress card may show only briefly for a small file: watch the page for it
    await page.evaluate(() => {
      const w = window as unknown as { sawProgress: string };
      w.sawProgress = '';
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid=import-progress]');
        if (el && !w.sawProgress) w.sawProgress = el.textContent ?? '';
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=import-result]');
    const saw = await page.evaluate(() => (window as unknown as { sawProgress: string }).sawProgress);
    assert.match(saw, /上传中|服务器处理中/);
    assert.match(saw, /已上传/);

    assert.equal(await page.textContent('[data-testid=lines-read]'), '5');
    assert.equal(await page.textContent('[data-testid=events-stored]'), '4');
    assert.equal(await page.textContent('[data-testid=duplicates]'), '0');
    assert.equal(await page.textContent('[data-testid=rejected-total]'), '1');
    const rejected = await page.textContent('[data-testid=rejected]');
    assert.equal(rejected, '第 3 行：应至少有 5 个以“|”分隔的字段，实际 2 个');
    const href = await page.getAttribute('[data-testid=open-history]', 'href');
    assert.match(href ?? '', /^#\/history\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    assert.equal(await countStoredEvents(h.store.db), 4);

    // a binary file: refused next to the file field, nothing more stored
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    await page.setInputFiles('input[name=file]', { name: 'photo.png', mimeType: 'image/png', buffer: png });
    await page.click('button[type=submit]');
    const err = await page.waitForSelector('.field-error');
    assert.match((await err.textContent()) ?? '', /二进制文件（png）/);
    assert.equal(await countStoredEvents(h.store.db), 4);
  } finally {
    await h.close();
  }
});
