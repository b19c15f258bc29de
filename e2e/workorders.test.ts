import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { createUser } from '../src/store/org';
import { createDepartment } from '../src/store/workorders/orders';
import { hashPassword } from '../src/server/password';
import { TEST_PASSWORD } from '../src/server/testing';

test('work orders: an escalation walked from the agent through expert, duty manager and business department to closure', async () => {
  const h = await startHarness({
    seed: async (store, org) => {
      const u = await createUser(
        store.db,
        { username: 'billing', displayName: '账务部小周', passwordHash: await hashPassword(TEST_PASSWORD), roles: ['agent'], centerId: org.centerId },
        Date.now(),
      );
      await createDepartment(store.db, org.centerId, '账务部', 'business', [u], null, Date.now());
    },
  });
  const { page, url } = h;
  const step = async (user: string, transition: string, opts: { note?: string; dept?: string } = {}) => {
    await signInUi(page, url, user);
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.waitForSelector(`[data-transition=${transition}]`);
    if (opts.dept) await page.selectOption('[data-testid=wo-actions] select', { label: opts.dept });
    if (opts.note) await page.fill('[data-testid=wo-actions] textarea', opts.note);
    await page.click(`[data-transition=${transition}]`);
    await page.waitForSelector(`[data-testid=wo-history] li:nth-child(${++steps})`);
    await signOutUi(page);
  };
  let id = 0;
  let steps = 1;
  try {
    // the agent raises it on the board
    await signInUi(page, url, 'a1');
    await page.click('a[data-nav="/wo/board"]');
    await page.click('text=新建工单');
    const form = page.locator('[data-testid=wo-new]');
    await form.locator('select[name=priority]').selectOption('high');
    await form.locator('select[name=category]').selectOption('賬務');
    await form.locator('input[name=title]').fill('客户质疑阶梯电价计费');
    await form.locator('input[name=description]').fill('10 月账单多扣 12.5 元');
    await form.locator('button').click();
    await page.waitForSelector('[data-testid=wo-state] >> text=草稿');
    id = Number(new URLSearchParams(page.url().split('?')[1]).get('id'));
    assert.ok(id > 0);
    // the agent may only submit or withdraw
    const buttons = await page.locator('[data-testid=wo-actions] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-transition')));
    assert.deepEqual(buttons.sort(), ['submit', 'withdraw']);
    await page.click('[data-transition=submit]');
    await page.waitForSelector('[data-testid=wo-state] >> text=疑难座席处理中');
    // back on the board (which stayed mounted behind the order with the list it read before the order
    // existed), the order's row is there with the state it has now: the board reads its list again
    await page.locator('button.secondary', { hasText: '返回' }).click();
    await page.waitForSelector(`tr[data-order="${id}"] >> text=疑难座席处理中`, { timeout: 5000 });
    steps = 2;
    await signOutUi(page);

    await step('expert', 'escalate');
    await step('duty_manager', 'send_to_business', { dept: '账务部' });
    await step('billing', 'feedback', { note: '已核实，退还 12.5 元' });
    // closing needs a note: refused without one, with the reason shown in the screen's language
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.click('[data-transition=close]');
    await page.waitForSelector('[role=alert] >> text=需要填写原因');
    await signOutUi(page);
    await step('duty_manager', 'close', { note: '已回复客户，闭环' });

    // the agent sees it closed, the whole history, and was told of each step
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.waitForSelector('[data-testid=wo-state] >> text=已结案');
    const history = await page.locator('[data-testid=wo-history] li strong').allTextContents();
    assert.deepEqual(history, ['新建工单', '提交疑难座席', '升级值班经理', '转业务部门', '回馈结果', '结案']);
    assert.equal(await page.locator('[data-testid=wo-actions]').count(), 0);
    // the top-bar bell counts the four unread steps and leads to the order
    await page.goto(`${url}/#/wo/board`);
    await page.waitForSelector('[data-testid=bell-count] >> text=4');
    await page.click('[data-testid=bell]');
    assert.equal(await page.locator('[data-testid=bell-list] li[data-kind="wo.step"]').count(), 4);
    const first = page.locator('[data-testid=bell-list] li a').first();
    assert.match((await first.textContent()) ?? '', new RegExp(`工单 #${id} .*：结案`));
    await first.click();
    await page.waitForSelector('[data-testid=wo-state] >> text=已结案');
    await page.waitForSelector('[data-testid=bell-count] >> text=3');
  } finally {
    await h.close();
  }
});
