import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import type { CallFloorEvent, EventType } from '../src/core/events';
import { acceptEvents } from '../src/server/eventFeed';
import { floorService } from '../src/server/liveFloor';
import { listAlerts } from '../src/store/live/repo';

let n = 0;
const ev = (ts: number, type: EventType, f: Partial<CallFloorEvent> = {}): CallFloorEvent => ({ id: `w${++n}`, ts, type, ...f });

test('wallboard tiles follow pushed events; an understaffed alert fires, is acknowledged and closed by the duty manager', async () => {
  const h = await startHarness();
  const { page, url, ctx } = h;
  try {
    await signInUi(page, url, 'duty_manager');
    await page.click('a[data-nav="/live/wallboard"]');
    await page.waitForSelector('text=实时大屏');
    const t0 = Date.now();
    // a1 has been on one call for 30 minutes while 11 callers wait
    await acceptEvents(ctx, [
      ev(t0 - 1_800_000, 'agent.login', { agent: 'A001' }),
      ev(t0 - 1_800_000, 'call.enqueued', { callId: 'k0', queue: 'general' }),
      ev(t0 - 1_800_000, 'call.connected', { callId: 'k0', queue: 'general', agent: 'A001' }),
      ev(t0 - 1_800_000, 'agent.talking', { agent: 'A001', queue: 'general' }),
      ...Array.from({ length: 11 }, (_, i) => ev(t0 - 1_740_000, 'call.enqueued', { callId: `k${i + 1}`, queue: 'general' })),
    ]);
    await page.waitForSelector('[data-testid=tile-A001][data-state=talking]');
    await page.waitForSelector('[data-testid=queue-general] >> text=11');
    // b1 logs in: a new tile, then it changes colour when b1 goes on a break
    await acceptEvents(ctx, [ev(Date.now(), 'agent.login', { agent: 'B001' })]);
    await page.waitForSelector('[data-testid=tile-B001][data-state=ready]');
    await acceptEvents(ctx, [ev(Date.now(), 'agent.notReady', { agent: 'B001', reason: 'break' })]);
    await page.waitForSelector('[data-testid=tile-B001][data-state=notReady] >> text=小休');

    // the diagnosis runs (on a timer in production; here now): the banner shows the alerts
    await floorService(ctx)!.diagnose(Date.now());
    await page.waitForSelector('[data-testid=alert-banner]');
    const all = await listAlerts(h.store.db, { centerId: h.org.centerId, status: 'active' });
    const under = all.find((a) => a.kind === 'understaffed' && a.scope === 'center')!;
    assert.ok(under, 'understaffed alert raised');

    await page.click('[data-testid=alert-banner] a');
    const row = page.locator(`[data-testid=alert-${under.id}]`);
    await row.locator('input[aria-label=备注]').fill('已调质检上线');
    await row.locator('button', { hasText: '确认' }).click();
    await page.waitForSelector(`[data-testid=alert-${under.id}][data-status=acknowledged]`);
    await row.locator('input[aria-label=备注]').fill('高峰已过');
    await row.locator('button', { hasText: '关闭' }).click();
    await page.waitForSelector(`[data-testid=alert-${under.id}]`, { state: 'detached' });
    const [stored] = (await listAlerts(h.store.db, { centerId: h.org.centerId, status: 'closed' })).filter((a) => a.id === under.id);
    assert.deepEqual([stored.status, stored.ack_note, stored.close_note], ['closed', '已调质检上线', '高峰已过']);
  } finally {
    await h.close();
  }
});
