/**
 * A squad leader (小队长) in the lead's routine, in the browser (issue 17), phone-sized: the team lead names 李娜
 * squad leader over 王芳; 李娜 (an agent) sees 我的小队 in the menu — 王芳 does not — logs a coaching entry about
 * 王芳, sends the squad's post-shift report and sees the squad's figures; the lead sees the entry, signed by the
 * squad leader, in the team's shift log and the squad's report on the routine page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';
import { nameSquadLeader } from './squads';

test('a lead names a squad leader, who logs coaching, sends the squad’s report and sees its figures; the lead sees them', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });
    await nameSquadLeader(page, url);
    await signOutUi(page);

    // a plain agent (王芳, a member) has no squad page in the menu
    await signInUi(page, url, 'a2');
    assert.equal(await page.locator('[data-nav="/floor/squad"]').count(), 0);
    await signOutUi(page);

    // the squad leader has it
    await signInUi(page, url, 'a1');
    assert.equal(await page.locator('[data-nav="/floor/squad"]').count(), 1);
    await page.goto(`${url}/#/floor/squad`);
    await page.waitForSelector('[data-testid=squad-log-form]');
    // the squad's figures of today: one row per agent (the leader and the member) and the squad's total
    await page.waitForSelector('[data-testid=squad-total]');
    const figures = (await page.textContent('[data-testid=squad-day-figures]')) ?? '';
    assert.match(figures, /李娜/);
    assert.match(figures, /王芳/);
    assert.match(figures, /小队合计/);
    // a coaching entry about 王芳
    const log = page.locator('[data-testid=squad-log-form]');
    await log.locator('select[name=kind]').selectOption('coaching');
    await log.locator('select[name=agentId]').selectOption({ label: '王芳' });
    await log.locator('input[name=text]').fill('投诉电话开场白辅导');
    await log.locator('button[type=submit]').click();
    await page.waitForSelector('[data-testid=squad-log] li >> text=投诉电话开场白辅导');
    // the squad's post-shift report
    await page.fill('[data-testid=squad-report-form] textarea[name=notes]', '王芳今天状态好转');
    await page.click('[data-testid=squad-report-form] button[type=submit]');
    await page.waitForSelector('[data-testid=squad-reports] >> text=王芳今天状态好转');
    const mine = (await page.textContent('[data-testid=squad-reports] tbody')) ?? '';
    // one coaching, no listening, sent by a1 for 一小队
    assert.match(mine, /一小队/);
    assert.match(mine, /a1/);
    assert.match(mine, /1 \/ 0/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the squad page is ${wide}px wide`);
    await signOutUi(page);

    // the lead sees the entry in the team's shift log, signed by the squad leader, and the squad's report
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/floor/routine`);
    await page.waitForSelector('li >> text=投诉电话开场白辅导');
    assert.match((await page.locator('li', { hasText: '投诉电话开场白辅导' }).textContent()) ?? '', /小队长 a1/);
    await page.waitForSelector('[data-testid=squad-reports] >> text=王芳今天状态好转');
    assert.match((await page.textContent('[data-testid=squad-reports] tbody')) ?? '', /一小队/);
  } finally {
    await h.close();
  }
});
