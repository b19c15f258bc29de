import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

test('admin signs in, switches language, creates a team, an agent and its user; the agent is refused admin pages', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'admin');
    // Simplified Chinese by default
    assert.equal(await page.textContent('.nav .brand'), 'CallFloor 现场管理');
    await page.selectOption('.topbar select[aria-label=language]', 'en');
    await page.waitForSelector('text=Sign out');
    assert.equal(await page.textContent('.nav .brand'), 'CallFloor');
    // reloaded with English chosen: the first render is already in English (its words, a chunk of their own in the
    // build, arrive before it: no Chinese first), and the Traditional Chinese ones are not fetched
    await page.addInitScript(() => {
      const w = window as unknown as { __firstSignOut?: string };
      new MutationObserver(() => {
        w.__firstSignOut ??= document.querySelector('[data-testid=sign-out]')?.textContent ?? undefined;
      }).observe(document, { childList: true, subtree: true });
    });
    const scripts: string[] = [];
    page.on('request', (r) => void (r.resourceType() === 'script' && scripts.push(r.url())));
    await page.reload();
    await page.waitForSelector('.topbar >> text=Sign out');
    assert.equal(await page.evaluate(() => (window as unknown as { __firstSignOut?: string }).__firstSignOut), 'Sign out');
    assert.equal(await page.textContent('.nav .brand'), 'CallFloor');
    assert.ok(scripts.some((u) => /\/en-[\w-]+\.js$/.test(u)) && !scripts.some((u) => /\/zh-TW-[\w-]+\.js$/.test(u)), scripts.join(' '));
    await page.selectOption('.topbar select[aria-label=language]', 'zh-TW');
    await page.waitForSelector('text=登出');
    await page.selectOption('.topbar select[aria-label=language]', 'zh-CN');
    await page.waitForSelector('text=退出');

    // create a team
    await page.click('a[data-nav="/people/teams"]');
    await page.fill('input[aria-label=班组名称]', '夜班组');
    await page.click('text=新建班组');
    await page.waitForSelector('[data-testid=teams-table] >> text=夜班组');

    // create an agent in it
    await page.click('a[data-nav="/people/agents"]');
    const form = page.locator('[data-testid=agent-form]');
    await form.locator('input[name=employeeNo]').fill('N100');
    await form.locator('input[name=name]').fill('夜班小王');
    await form.locator('select[name=teamId]').selectOption({ label: '夜班组' });
    await form.locator('input[name=hireDate]').fill('2026-09-01');
    await form.locator('input[name=queues]').fill('general，billing');
    await form.locator('button').click();
    await page.waitForSelector('[data-testid=agents-table] >> text=夜班小王');

    // a duplicate employee number is refused with a message naming it
    await form.locator('input[name=employeeNo]').fill('N100');
    await form.locator('input[name=name]').fill('重复');
    await form.locator('input[name=hireDate]').fill('2026-09-01');
    await form.locator('button').click();
    await page.waitForSelector('[role=alert] >> text=N100');

    // a user for that agent
    await page.click('a[data-nav="/people/users"]');
    const uf = page.locator('[data-testid=user-form]');
    await uf.locator('input[name=username]').fill('xiaowang');
    await uf.locator('input[name=displayName]').fill('夜班小王');
    await uf.locator('input[name=password]').fill('night-shift-1');
    await uf.locator('select[name=role]').selectOption('agent');
    await uf.locator('select[name=agentId]').selectOption({ label: 'N100 夜班小王' });
    await uf.locator('button').click();
    await page.waitForSelector('[data-testid=users-table] >> text=xiaowang');

    await signOutUi(page);
    await signInUi(page, url, 'xiaowang', 'night-shift-1');
    // no admin entries in the menu
    assert.equal(await page.locator('a[data-nav="/people/users"]').count(), 0);
    // opening an admin page by address is refused, and so is the API behind it
    await page.goto(`${url}/#/people/users`);
    await page.waitForSelector('[data-testid=forbidden]');
    const status = await page.evaluate(async () => (await fetch('/api/users')).status);
    assert.equal(status, 403);
    // the agent sees only their own record
    const own = await page.evaluate(async () => (await (await fetch('/api/agents')).json()).map((a: any) => a.employee_no));
    assert.deepEqual(own, ['N100']);
  } finally {
    await h.close();
  }
});
