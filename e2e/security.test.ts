import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

// Issue 10: the built SPA works under the Content-Security-Policy (no inline script; React `style=`
// props and ECharts are allowed by style-src 'unsafe-inline') — no page logs a CSP violation.
test('the SPA renders its pages (charts included) under the CSP without a single violation', async () => {
  const h = await startHarness();
  const { page, url } = h;
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
  try {
    const first = await page.goto(`${url}/#/`);
    const csp = String((await first!.allHeaders())['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    await signInUi(page, url, 'admin');
    for (const nav of ['/people/agents', '/people/users', '/kb/editor', '/kb/stats', '/wo/reports', '/performance/ranking', '/wfm/erlang']) {
      await page.click(`a[data-nav="${nav}"]`);
      await page.waitForSelector('main h1, .page h1, h1');
    }
    await signOutUi(page);
    await signInUi(page, url, 'wfm');
    await page.click('a[data-nav="/wfm/schedule"]');
    await page.waitForSelector('h1');
    assert.deepEqual(violations, []);
  } finally {
    await h.close();
  }
});
