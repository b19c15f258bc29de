import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

test('complaints: a team lead raises one about an agent (picked in the form), the duty manager upholds it, the agent then sees it', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    // the team lead raises a complaint and picks the agent it is about
    await signInUi(page, url, 'team_lead');
    await page.click('a[data-nav="/wo/board"]');
    await page.click('text=新建工单');
    const form = page.locator('[data-testid=wo-new]');
    await form.locator('select[name=type]').selectOption('complaint');
    await form.locator('input[name=title]').fill('客户投诉坐席态度生硬');
    await form.locator('input[name=customerId]').fill('C-123');
    await form.locator('select[name=agentId] >> option:has-text("王芳 (A002)")').waitFor({ state: 'attached' });
    await form.locator('select[name=agentId]').selectOption({ label: '王芳 (A002)' });
    await form.locator('button').click();
    await page.waitForSelector('[data-testid=wo-complaint-agent] >> text=王芳 (A002)');
    await page.waitForSelector('[data-testid=wo-verdict] >> text=待判定');
    const id = Number(new URLSearchParams(page.url().split('?')[1]).get('id'));
    assert.ok(id > 0);
    assert.equal(await page.locator('[data-testid=wo-judge]').count(), 0, 'a team lead does not judge');
    await signOutUi(page);

    // the agent concerned does not see it before a verdict
    await signInUi(page, url, 'a2');
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.waitForSelector('[role=alert]');
    await signOutUi(page);

    // the duty manager upholds it: a note is required (the reason shown translated), then it is recorded
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.waitForSelector('[data-testid=wo-judge]');
    await page.click('[data-verdict-action=upheld]');
    await page.waitForSelector('[role=alert] >> text=判定须填写说明');
    await page.fill('[data-testid=wo-judge] textarea', '调听录音，投诉属实');
    await page.click('[data-verdict-action=upheld]');
    await page.waitForSelector('[data-testid=wo-verdict] >> text=投诉成立');
    await page.waitForSelector('[data-testid=wo-history] li:has-text("判定投诉成立") >> text=调听录音，投诉属实');
    // the board shows whom it is about and the verdict
    await page.goto(`${url}/#/wo/board`);
    const row = page.locator(`tr[data-order="${id}"]`);
    await row.locator('[data-verdict=upheld]').waitFor();
    assert.match((await row.locator('[data-testid=wo-agent]').textContent()) ?? '', /王芳/);
    await signOutUi(page);

    // upheld: now the agent sees it, with the verdict, and cannot judge
    await signInUi(page, url, 'a2');
    await page.goto(`${url}/#/wo/board?id=${id}`);
    await page.waitForSelector('[data-testid=wo-verdict] >> text=投诉成立');
    assert.equal(await page.locator('[data-testid=wo-judge]').count(), 0);
  } finally {
    await h.close();
  }
});
