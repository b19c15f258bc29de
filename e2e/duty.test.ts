/**
 * The duty-manager regime in the browser (issue 17): the center manager puts two duty managers on the
 * roster and sets a level of the emergency plan; the one on duty writes the handover (the open items come
 * from the store) and raises the level (the activation log shows it); the next duty manager acknowledges
 * the handover. On a phone-width screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { createUser } from '../src/store/org';
import { testPasswordHash } from '../src/server/testing';

/** Local (Asia/Shanghai, the test center's zone) date and HH:00 of a time. */
const local = (ms: number) => {
  const iso = new Date(ms + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), hour: `${iso.slice(11, 13)}:00` };
};

test('roster → handover written by the duty on duty → acknowledged by the next; a level raised shows in the activation log', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      await createUser(
        store.db,
        { username: 'duty2', displayName: '值班二', passwordHash: await testPasswordHash(), roles: ['duty_manager'], centerId: org.centerId },
        Date.now(),
      );
    },
  });
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    // this duty: from the last full hour to two hours on; the next duty right after it
    const now = Date.now();
    const a = local(now - 3_600_000);
    const b = local(now + 2 * 3_600_000);
    const c = local(now + 4 * 3_600_000);

    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/live/duty`);
    await page.waitForSelector('[data-testid=roster-table]');
    for (const [from, to, manager] of [
      [a, b, 'duty_manager 用户'],
      [b, c, '值班二'],
    ] as const) {
      await page.fill('[data-testid=shift-date]', from.date);
      await page.fill('[data-testid=shift-start]', from.hour);
      await page.fill('[data-testid=shift-end]', to.hour);
      await page.selectOption('[data-testid=shift-manager]', { label: manager });
      await page.click('[data-testid=shift-add]');
      await page.waitForSelector(`[data-testid=roster-table] >> text=${manager}`);
    }
    // the roster says the times as typed: the center's clock, whatever the browser's zone
    const roster = (await page.textContent('[data-testid=roster-table]')) ?? '';
    assert.ok(roster.includes(`${a.hour}–${b.hour}`) && roster.includes(`${b.hour}–${c.hour}`), roster);
    // the plan's level 1 with its call-in order
    await page.goto(`${url}/#/live/emergency`);
    await page.fill('[data-testid=staff-form] input[name=name]', '培训师王');
    await page.fill('[data-testid=staff-form] input[name=extCode]', '9001');
    await page.click('[data-testid=staff-form] button');
    await page.waitForSelector('[data-testid=staff-table] >> text=培训师王');
    await page.click('[data-testid=levels-edit]');
    await page.click('[data-testid=level-add]');
    await page.fill('[data-testid=level-form-0] [data-testid=level-name]', '一级响应');
    await page.fill('[data-testid=level-form-0] [data-testid=level-waiting]', '5');
    await page.selectOption('[data-testid=level-form-0] [data-testid=level-person]', { label: '培训师王' });
    await page.click('[data-testid=levels-save]');
    await page.waitForSelector('[data-testid=levels-table] >> text=一级响应');
    assert.match((await page.textContent('[data-testid=levels-table]')) ?? '', /1\. 培训师王/);
    await signOutUi(page);

    // the duty manager on duty: sees themselves on duty, raises level 1, writes the handover
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/live/emergency`);
    await page.click('[data-testid=raise-1]');
    await page.waitForSelector('[data-testid=activations-table] >> text=已启动');
    await page.click('[data-testid=activation-view]');
    await page.waitForSelector('[data-testid=activation-log] >> text=无法通知，跳过');
    assert.match((await page.textContent('[data-testid=activation-log]')) ?? '', /启动.*无法通知，跳过/s);
    await page.goto(`${url}/#/live/duty`);
    await page.waitForSelector('[data-testid=on-duty] >> text=duty_manager 用户');
    await page.waitForSelector('[data-testid=write-handover]');
    await page.fill('[data-testid=handover-notes]', '一级响应仍在进行，请接班后评估是否解除');
    await page.click('[data-testid=handover-submit]');
    await page.waitForSelector('article >> text=待下一班确认');
    // the writer may not acknowledge their own handover: no button
    assert.equal(await page.locator('[data-testid=handover-ack]').count(), 0);
    await signOutUi(page);

    // the next duty manager reads it and acknowledges
    await signInUi(page, url, 'duty2');
    await page.goto(`${url}/#/live/duty`);
    await page.waitForSelector('article >> text=一级响应仍在进行');
    await page.click('[data-testid=handover-ack]');
    await page.waitForSelector('[data-testid=handover-acked] >> text=值班二');
    // nothing wider than the phone's screen
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);
  } finally {
    await h.close();
  }
});
