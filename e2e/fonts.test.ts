/**
 * The app ships its CJK fonts (issue 14): on a browser with no Chinese font installed (this machine's
 * chromium has none), the Simplified page draws with the shipped Noto Sans SC and the Traditional one
 * with Noto Sans TC, fetching only the unicode-range slices the page needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness } from './harness';

test('Chinese text is drawn with the fonts the app ships, SC on a zh-CN screen and TC on a zh-TW one', async () => {
  const h = await startHarness();
  const { page, url } = h;
  const fontFiles: string[] = [];
  page.on('response', (r) => {
    if (/\.woff2?$/.test(new URL(r.url()).pathname)) fontFiles.push(new URL(r.url()).pathname);
  });
  try {
    const loaded = () =>
      page.evaluate(async () => {
        await document.fonts.ready;
        return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, ''));
      });
    await page.goto(`${url}/#/`);
    await page.waitForSelector('input[name=username]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    const sc = await loaded();
    assert.ok(sc.includes('Noto Sans SC'), `loaded: ${sc.join(', ')}`);
    assert.ok(!sc.includes('Noto Sans TC'), `loaded: ${sc.join(', ')}`);
    // only slices, never the whole font: a sign-in page needs a few of the ~100 files
    const scFiles = fontFiles.filter((f) => f.includes('noto-sans-sc'));
    assert.ok(scFiles.length >= 1 && scFiles.length < 20, `${scFiles.length} font files`);
    assert.ok(
      fontFiles.every((f) => f.endsWith('.woff2')),
      'woff2 only',
    );

    await page.evaluate(() => localStorage.setItem('cf.locale', 'zh-TW'));
    await page.reload();
    await page.waitForSelector('input[name=username]');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
    const tc = await loaded();
    assert.ok(tc.includes('Noto Sans TC'), `loaded: ${tc.join(', ')}`);
  } finally {
    await h.close();
  }
});
