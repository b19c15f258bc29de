/**
 * The machine room and visits in the browser (issue 17, seed 000 第21/26條): the duty manager announces
 * tomorrow's visit and logs a visitor into the machine room and out again; a team lead reads the notice and the
 * log; an agent is not shown the log. On a phone-width screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

/** Tomorrow in the test center's zone (Asia/Shanghai), as the date input takes it. */
const tomorrow = () => new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

test('a visit is announced to the floor; a visitor is logged into the machine room and out', async () => {
  // a browser in any zone (the machine's): the times typed are the center's, and shown as typed
  const h = await startHarness();
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/floor/visits`);
    await page.getByLabel('日期').fill(tomorrow());
    await page.getByLabel('开始').fill('10:00');
    await page.getByLabel('结束').fill('11:30');
    await page.getByLabel('参观团体').fill('市供电公司客服部');
    await page.getByLabel('参观区域').fill('一楼现场');
    await page.getByLabel('接待人').fill('王经理');
    await page.getByRole('button', { name: '发布通知' }).click();
    await page.waitForSelector('[data-testid=visit-notices] >> text=市供电公司客服部');
    assert.match((await page.textContent('[data-testid=visit-notices]')) ?? '', /10:00–11:30/);

    await page.getByLabel('来访人').fill('张工');
    await page.getByLabel('单位').fill('机房空调维保公司');
    await page.getByLabel('事由').fill('空调季度保养');
    await page.getByLabel('陪同人').fill('李班长');
    await page.getByRole('button', { name: '登记进入' }).click();
    await page.waitForSelector('[data-testid=visits-table] >> text=空调季度保养');
    await page.getByRole('button', { name: '登记离开' }).click();
    await page.waitForFunction(() => !document.querySelector('[data-testid=visits-table] button'));
    const row = (await page.textContent('[data-testid=visits-table] tbody tr')) ?? '';
    assert.doesNotMatch(row, /仍在机房/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);
    await signOutUi(page);

    // the team lead reads the notice and the log (and can log visitors too, but there is nobody in)
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/floor/visits`);
    await page.waitForSelector('[data-testid=visit-notices] >> text=市供电公司客服部');
    await page.waitForSelector('[data-testid=visits-table] >> text=张工');
    await signOutUi(page);

    // an agent sees the notice list but not the machine-room log
    await signInUi(page, url, 'a1');
    const res = await page.evaluate(async () => (await fetch('/api/floor/visits')).status);
    assert.equal(res, 403);
  } finally {
    await h.close();
  }
});
