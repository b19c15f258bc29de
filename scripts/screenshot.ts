/**
 * Takes the README screenshots from a running demo: `node --import tsx scripts/screenshot.ts URL [user] [hashPath] [out.png]`.
 * Uses Debian's chromium like the browser tests.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [url = 'http://127.0.0.1:3000', user = 'duty', path = '/live/wallboard', out = 'docs/screenshot.png'] = process.argv.slice(2);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'cf-shot-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto(`${url}/#/`);
await page.fill('input[name=username]', user);
await page.fill('input[name=password]', process.env.DEMO_PASSWORD ?? 'callfloor-demo');
await page.click('button[type=submit]');
await page.waitForSelector('.topbar');
await page.goto(`${url}/#${path}`);
await page.waitForTimeout(6000);
await page.screenshot({ path: out });
await ctx.close();
console.log(`wrote ${out}`);
