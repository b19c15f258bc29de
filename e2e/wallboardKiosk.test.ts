/**
 * The wallboard's kiosk view (`#/live/wallboard?kiosk=1`, issue 16): the wallboard full screen for the floor's TV,
 * without the app's menu, top bar and bell; the same page, data and roles as the in-app wallboard.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, middayCenter } from './harness';
import type { CallFloorEvent, EventType } from '../src/core/events';
import { acceptEvents } from '../src/server/eventFeed';
import { TEST_PASSWORD } from '../src/server/testing';

let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `k${++n}`, ts, type, ...f });

test('kiosk wallboard: signed out → login and back, live tiles without the shell, locale switch, phone width, roles', async () => {
  const h = await startHarness({ seed: middayCenter });
  const { page, url, ctx } = h;
  const signIn = async (username: string) => {
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', TEST_PASSWORD);
    await page.click('button[type=submit]');
  };
  try {
    await acceptEvents(ctx, [ev(Date.now() - 60_000, 'agent.login', { agent: 'A001' })]);

    // signed out: the kiosk address shows the sign-in form, and after it the kiosk view at the same address
    await page.goto(`${url}/#/live/wallboard?kiosk=1`);
    await page.waitForSelector('input[name=username]');
    await signIn('duty_manager');
    await page.waitForSelector('[data-testid=kiosk] [data-testid=tile-A001][data-state=ready]');
    assert.equal(await page.evaluate(() => location.hash), '#/live/wallboard?kiosk=1');
    // no shell: no menu, top bar, bell or sign-out; the page's own title is there
    assert.equal(await page.locator('.nav, .topbar, [data-testid=bell], [data-testid=sign-out]').count(), 0);
    assert.equal(await page.locator('[data-testid=kiosk] h1').textContent(), '实时大屏');
    // the link to the kiosk view is not shown inside it
    assert.equal(await page.locator('[data-testid=kiosk-open]').count(), 0);

    // the same live data: a pushed event changes the tile
    await acceptEvents(ctx, [ev(Date.now(), 'agent.notReady', { agent: 'A001', reason: 'break' })]);
    await page.waitForSelector('[data-testid=tile-A001][data-state=notReady] >> text=小休');

    // locale switch in the kiosk bar: English, then Traditional Chinese, tiles and title follow
    await page.selectOption('[data-testid=kiosk] select[aria-label=language]', 'en');
    await page.waitForSelector('[data-testid=tile-A001] >> text=Break');
    assert.equal(await page.locator('[data-testid=kiosk] h1').textContent(), 'Wallboard');
    assert.equal(await page.locator('[data-testid=kiosk-exit]').textContent(), 'Back to the app');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await page.selectOption('[data-testid=kiosk] select[aria-label=language]', 'zh-TW');
    await page.waitForSelector('[data-testid=kiosk] h1 >> text=即時看板');
    assert.equal(await page.locator('[data-testid=kiosk-exit]').textContent(), '返回系統');
    await page.selectOption('[data-testid=kiosk] select[aria-label=language]', 'zh-CN');
    await page.waitForSelector('[data-testid=kiosk] h1 >> text=实时大屏');

    // reloaded signed in (the TV's next morning): /boot.js asks the snapshot before the app has loaded, the tiles show
    // the floor as it is, and pushes after it still reach the page (it subscribed and asked again behind that)
    const sent: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => sent.push(String(f.payload))));
    await acceptEvents(ctx, [ev(Date.now(), 'agent.ready', { agent: 'A001' })]);
    await page.reload();
    await page.waitForSelector('[data-testid=kiosk] [data-testid=tile-A001][data-state=ready]');
    assert.ok(
      sent.some((s) => s.includes('"id":"floor.snapshot#early"')),
      `the early ask was sent; sent: ${sent.join(' | ')}`,
    );
    await acceptEvents(ctx, [ev(Date.now(), 'agent.notReady', { agent: 'A001', reason: 'meal' })]);
    await page.waitForSelector('[data-testid=tile-A001][data-state=notReady] >> text=用餐');
    assert.ok(
      sent.some((s) => s.includes('"type":"subscribe"')) && sent.some((s) => s.includes('"id":"floor.snapshot#1"')),
      'the page subscribed and asked its own snapshot',
    );

    // a phone: the tile is on screen and nothing scrolls sideways
    await page.setViewportSize({ width: 390, height: 800 });
    await page.waitForSelector('[data-testid=tile-A001]', { state: 'visible' });
    const box = await page.locator('[data-testid=tile-A001]').boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390, `tile box ${JSON.stringify(box)}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no sideways scroll');
    await page.setViewportSize({ width: 1280, height: 860 });

    // back to the app, and from the in-app wallboard into the kiosk view again
    await page.click('[data-testid=kiosk-exit]');
    await page.waitForSelector('.topbar');
    await page.waitForSelector('[data-testid=tile-A001]');
    await page.click('[data-testid=kiosk-open]');
    await page.waitForSelector('[data-testid=kiosk] [data-testid=tile-A001]');
    assert.equal(await page.locator('.nav').count(), 0);

    // roles: an agent (not among the wallboard's roles) signed in at the kiosk address sees the refusal, no tiles
    await page.context().clearCookies();
    await page.reload();
    await page.waitForSelector('input[name=username]');
    await signIn('a1');
    await page.waitForSelector('[data-testid=kiosk] [data-testid=forbidden]');
    assert.equal(await page.locator('[data-testid^=tile-]').count(), 0);
  } finally {
    await h.close();
  }
});
