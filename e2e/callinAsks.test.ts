/**
 * The call-in that moves down its list, in the browser (issue 17), phone-sized: the duty manager raises a level
 * whose call-in order is 班长李 then 培训师王 (seeded through the store); the team lead, first on the list,
 * sees the request on 我的召回请求 and declines; the trainer is then asked at once, and the duty manager's
 * activation log shows the steps in order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { createEmergencyStaff } from '../src/store/live/repo';
import { saveLevels } from '../src/store/duty/repo';

test('a raised level asks the first of its call-in order; a decline on their page asks the next', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const staff = (name: string, position: string, extCode: string, userId: number) =>
        createEmergencyStaff(store.db, org.centerId, { name, position, extCode, userId }, org.users.center_manager!, 0);
      const lead = await staff('班长李', 'team_lead', '9002', org.users.team_lead!);
      const trainer = await staff('培训师王', 'trainer', '9001', org.users.trainer!);
      await saveLevels(
        store.db,
        org.centerId,
        [{ level: 1, name: '一级响应', minWaiting: 5, slBelow: null, slMinutes: null, actions: '全员上线接听', callinOrder: [lead.id, trainer.id] }],
        org.users.center_manager!,
        0,
      );
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/live/emergency`);
    await page.click('[data-testid=raise-1]');
    await page.waitForSelector('[data-testid=activations-table] >> text=已启动');
    await signOutUi(page);

    // nobody else is asked yet: the trainer (second) has no request
    await signInUi(page, url, 'trainer');
    assert.deepEqual(await page.evaluate(async () => (await fetch('/api/emergency/asks')).json()), []);
    await signOutUi(page);

    // the first on the list sees the request with the level's actions, and declines
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/me/callin`);
    const ask = page.locator('[data-testid=callin-asks] li', { hasText: '一级响应' });
    await ask.waitFor();
    assert.match((await ask.textContent()) ?? '', /名单位次 1 .*待答复.*全员上线接听/s);
    await ask.getByRole('button', { name: '无法上线' }).click();
    await page.waitForSelector('[data-testid=callin-asks] li >> text=已拒绝');
    assert.equal(await ask.getByRole('button').count(), 0);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);
    await signOutUi(page);

    // the next one (second on the list) is asked at once, on their page and through the API
    await signInUi(page, url, 'trainer');
    await page.goto(`${url}/#/me/callin`);
    const next = page.locator('[data-testid=callin-asks] li', { hasText: '一级响应' });
    await next.waitFor();
    assert.match((await next.textContent()) ?? '', /名单位次 2 .*待答复/s);
    const asks = (await page.evaluate(async () => (await fetch('/api/emergency/asks')).json())) as { order: number; answer: string }[];
    assert.deepEqual(
      asks.map((a) => [a.order, a.answer]),
      [[2, 'pending']],
    );
    await signOutUi(page);

    // the duty manager's activation log: asked 班长李, declined by 班长李, asked 培训师王
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/live/emergency`);
    await page.click('[data-testid=activation-view]');
    await page.waitForSelector('[data-testid=activation-log] >> text=培训师王');
    assert.match((await page.textContent('[data-testid=activation-log]')) ?? '', /请求上线.*班长李.*拒绝召回.*班长李.*请求上线.*培训师王/s);
  } finally {
    await h.close();
  }
});
