/**
 * Browser-test harness: the real server (built SPA + API) on a random loopback port over a fresh
 * store, and Debian's chromium driven by playwright-core with a fresh profile.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../src/server/app';
import { freshStore } from '../src/store/testing';
import { seedTestOrg, TEST_PASSWORD, type TestOrg } from '../src/server/testing';
import { startServices, stopServices } from '../src/server/services';
import type { Store } from '../src/store/db';
import type { ServerContext } from '../src/server/context';
import { seedDemoOrg } from '../src/cli/commands/demo';
import { allDemoSeeders } from '../src/cli/demo/index';
import type { DemoOrgIds } from '../src/cli/demo/seeders';
import { middayZone } from '../src/server/liveBoard.testutil';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_ROOT = fileURLToPath(new URL('../dist/web', import.meta.url));

export interface Harness {
  url: string;
  store: Store;
  ctx: ServerContext;
  org: TestOrg;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function startHarness(
  opts: {
    kind?: 'sqlite' | 'postgres';
    now?: () => number;
    seed?: (store: Store, org: TestOrg) => Promise<void>;
    /** the browser's zone (IANA), e.g. the center's, as a browser on that floor would be; default the machine's */
    timezoneId?: string;
  } = {},
): Promise<Harness> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('dist/web is missing: run `npm run build:web` first (npm test does)');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
  const store = await freshStore(opts.kind ?? 'sqlite');
  const org = await seedTestOrg(store);
  await opts.seed?.(store, org);
  const { app, ctx } = await buildApp({ store, webRoot: WEB_ROOT, now: opts.now, loginAttemptsPerMinute: 1000 });
  return launch(store, ctx, app, org, opts.timezoneId);
}

/**
 * The demo center (`callfloor demo`: 10 teams, 200 agents, history, schedules, evaluations, articles…)
 * instead of the small test organisation, for tests that need every page full of data. Sign in with
 * the demo's user names and DEMO_PASSWORD. `org` is the test organisation's shape left empty.
 */
export async function startDemoHarness(opts: { kind?: 'sqlite' | 'postgres'; now?: () => number } = {}): Promise<Harness & { demo: DemoOrgIds }> {
  // the demo's every page, not its volume: three weeks of history (a forecast needs two) at 2 % of the calls
  process.env.CALLFLOOR_DEMO_CALL_SCALE ??= '0.02';
  process.env.CALLFLOOR_DEMO_HISTORY_DAYS ??= '21';
  const store = await freshStore(opts.kind ?? 'sqlite');
  const { app, ctx } = await buildApp({ store, webRoot: WEB_ROOT, now: opts.now, loginAttemptsPerMinute: 1000 });
  const { ids } = await seedDemoOrg(store, ctx.now());
  for (const s of allDemoSeeders) await s.seed?.(ctx, ids, () => {});
  const org: TestOrg = { centerId: ids.centerId, teamA: ids.teamIds[0]!, teamB: ids.teamIds[1]!, agents: {} as TestOrg['agents'], users: {} };
  return { ...(await launch(store, ctx, app, org)), demo: ids };
}

async function launch(store: Store, ctx: ServerContext, app: Awaited<ReturnType<typeof buildApp>>['app'], org: TestOrg, timezoneId?: string): Promise<Harness> {
  await startServices(ctx);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const profile = mkdtempSync(join(tmpdir(), 'cf-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1280, height: 860 },
    ...(timezoneId ? { timezoneId } : {}),
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(15_000);
  return {
    url,
    store,
    ctx,
    org,
    browser,
    page,
    async close() {
      await browser.close();
      await stopServices(ctx);
      await app.close();
      await store.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A `seed` for startHarness: the center in a zone where it is midday now, so events from the last hour on the real
 * clock are today's on the floor (in Asia/Shanghai they were yesterday's from 16:00 to 16:30 UTC).
 */
export const middayCenter = (store: Store): Promise<void> =>
  store.db
    .updateTable('centers')
    .set({ timezone: middayZone(new Date().getUTCHours()) })
    .execute()
    .then(() => {});

export async function signInUi(page: Page, url: string, username: string, password = TEST_PASSWORD) {
  await page.goto(`${url}/#/`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForSelector('.topbar');
}

export async function signOutUi(page: Page) {
  await page.click('.topbar button[data-testid=sign-out]');
  await page.waitForSelector('input[name=username]');
}
