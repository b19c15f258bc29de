/**
 * The audit page in words (issue 14): after an admin creates a team, the page shows who by display
 * name and login, the action and the record in Simplified Chinese, the record's id and a 24-hour
 * time; a code written after the words were (here one stored directly) reads "other action" with the
 * code, never a raw key; the action filter narrows the list; the page fits 390 px.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from '../src/store/audit';
import { startHarness, signInUi } from './harness';

test('the audit page says who did what in zh-CN words, with a readable fallback for an unknown code', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'admin');
    await page.click('a[data-nav="/people/teams"]');
    await page.fill('input[aria-label=班组名称]', '审计组');
    await page.click('text=新建班组');
    await page.waitForSelector('[data-testid=teams-table] >> text=审计组');
    const teamId = await page.evaluate(
      async () => (await (await fetch('/api/teams')).json()).find((t: { id: number; name: string }) => t.name === '审计组').id,
    );
    // a code no words were written for, by the command line (no user)
    await audit(h.store.db, { at: Date.now(), userId: null, action: 'future.thing', entity: 'future_thing', entityId: 7 });

    await page.click('a[data-nav="/people/audit"]');
    const created = page.locator('table.audit-log tr[data-action="team.create"]');
    await created.waitFor();
    const cells = await created.locator('td').allInnerTexts();
    assert.match(cells[0]!, /^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}$/, `24-hour time: ${cells[0]}`);
    assert.equal(cells[1], 'admin 用户 (admin)');
    assert.equal(cells[2], '新建班组');
    assert.equal(cells[3], `班组 #${teamId}`);
    assert.equal(await page.locator('table.audit-log tr[data-action="login"] td').nth(2).innerText(), '登录');
    const future = await page.locator('table.audit-log tr[data-action="future.thing"] td').allInnerTexts();
    assert.deepEqual(future.slice(1, 4), ['命令行', '其他操作 future.thing', '其他对象 future_thing #7']);
    const text = await page.locator('.page').innerText();
    assert.ok(!/audit\.(actions|entities)\./.test(text), 'no raw key on the page');

    // the action filter: only team creations are left
    await page.locator('.field', { hasText: '动作' }).locator('select').selectOption({ label: '新建班组' });
    await page.waitForFunction(() => document.querySelectorAll('table.audit-log tbody tr:not([data-action="team.create"])').length === 0);
    assert.equal(await page.locator('table.audit-log tbody tr').count(), 1);

    await page.setViewportSize({ width: 390, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 392), 'no horizontal scroll at 390 px');
  } finally {
    await h.close();
  }
});
