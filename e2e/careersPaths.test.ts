/**
 * Careers in the browser (issue 17), at phone width, in zh-CN: the development plan (IDP) item a lead adds
 * for their agent, the promotion / rotation a center manager records, and the talent pool a lead nominates to
 * and the manager reviews; each agent sees only their own, and no agent sees the pool.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startHarness, signInUi, signOutUi, type Harness } from './harness';

let h: Harness;
before(async () => {
  h = await startHarness({ timezoneId: 'Asia/Shanghai' });
  await h.page.setViewportSize({ width: 390, height: 844 });
});
after(async () => {
  await h?.close();
});

/** Signs in and opens the careers page, at the given agent when a lead. */
async function openCareers(page: Page, user: string, agent?: string) {
  await h.browser.clearCookies(); // a fresh session even when an earlier step failed before signing out
  await signInUi(page, h.url, user);
  await page.goto(`${h.url}/#/floor/careers`);
  await page.locator('[data-testid=idp]').waitFor();
  if (agent) {
    await page.locator('[data-testid=dev-agent] option', { hasText: agent }).waitFor({ state: 'attached' });
    await page.locator('[data-testid=dev-agent]').selectOption({ label: agent });
  }
}

async function assertPhoneWidth(page: Page) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page is ${wide}px wide`);
}

test('IDP: the lead adds a skill item for 李娜; she sees it, 王芳 does not', async () => {
  const { page } = h;
  await openCareers(page, 'team_lead', 'A001 李娜');
  const idp = page.locator('[data-testid=idp]');
  await idp.getByLabel('类型').selectOption({ label: '技能' });
  await idp.getByLabel('事项').fill('掌握投诉升级流程');
  await idp.getByLabel('到期日').fill('2027-03-31');
  await idp.getByRole('button', { name: '添加' }).click();
  const row = idp.locator('tbody tr', { hasText: '掌握投诉升级流程' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /李娜.*技能.*掌握投诉升级流程.*2027-03-31/);
  const stored = await h.store.db.selectFrom('career_idp_items').select(['agent_id', 'kind', 'due_date']).execute();
  assert.deepEqual(
    stored.map((r) => [r.agent_id, r.kind, r.due_date]),
    [[h.org.agents.a1, 'skill', '2027-03-31']],
  );
  await assertPhoneWidth(page);
  await signOutUi(page);

  await openCareers(page, 'a1');
  await idp.locator('tbody tr', { hasText: '掌握投诉升级流程' }).waitFor();
  assert.equal(await idp.locator('[data-testid=idp-add]').count(), 0); // an agent does not add items
  await signOutUi(page);

  await openCareers(page, 'a2');
  await idp.locator('text=暂无记录').waitFor();
  assert.equal(await idp.locator('tbody tr').count(), 0);
  // asking for 李娜's items by id: an agent is given only their own, so nothing
  const other = await page.evaluate(async (id) => {
    const r = await fetch(`/api/careers/idp?agentId=${id}`);
    return { status: r.status, body: (await r.json()) as unknown };
  }, h.org.agents.a1);
  assert.deepEqual(other, { status: 200, body: [] });
  await signOutUi(page);
});

test('moves: the center manager records 王芳’s rotation from A组 to B组; she sees her history, 李娜 does not', async () => {
  const { page } = h;
  await openCareers(page, 'center_manager', 'A002 王芳');
  const moves = page.locator('[data-testid=moves]');
  await moves.getByLabel('类型').selectOption({ label: '轮岗' });
  await moves.getByLabel('日期').fill('2026-12-01');
  await moves.getByLabel('原班组').selectOption({ label: 'A组' });
  await moves.getByLabel('新班组').selectOption({ label: 'B组' });
  await moves.getByLabel('原技能组').fill('general');
  await moves.getByLabel('新技能组').fill('vip');
  await moves.getByLabel('原因').fill('轮岗学习 VIP 业务');
  await moves.getByRole('button', { name: '记录', exact: true }).click();
  const row = moves.locator('tbody tr', { hasText: '轮岗学习 VIP 业务' });
  await row.waitFor();
  // approved by whoever records it when no approver is named
  assert.match((await row.textContent()) ?? '', /2026-12-01.*王芳.*轮岗.*A组 \/ general.*B组 \/ vip.*轮岗学习 VIP 业务.*center_manager 用户/);
  await assertPhoneWidth(page);
  await signOutUi(page);

  await openCareers(page, 'a2');
  await moves.locator('tbody tr', { hasText: '轮岗学习 VIP 业务' }).waitFor();
  assert.equal(await moves.getByRole('button', { name: '记录', exact: true }).count(), 0);
  await signOutUi(page);

  await openCareers(page, 'a1');
  await moves.locator('text=暂无记录').waitFor();
  assert.equal(await moves.locator('tbody tr').count(), 0);
  await signOutUi(page);
});

test('talent pool: the lead nominates 李娜 with evidence, the center manager accepts; agents cannot see the pool', async () => {
  const { page } = h;
  await openCareers(page, 'team_lead', 'A001 李娜');
  const talent = page.locator('[data-testid=talent]');
  await talent.getByLabel('方向').selectOption({ label: '后备组长' });
  await talent.getByLabel('提名理由').fill('带教新人两名');
  await talent.getByRole('button', { name: '提名', exact: true }).click();
  const row = talent.locator('tbody tr', { hasText: '带教新人两名' });
  await row.waitFor();
  assert.match((await row.textContent()) ?? '', /李娜.*后备组长.*带教新人两名.*待审核/);
  assert.equal(await row.getByRole('button', { name: '通过', exact: true }).count(), 0); // a lead does not review
  await signOutUi(page);

  await openCareers(page, 'center_manager');
  await row.getByRole('button', { name: '通过', exact: true }).click();
  await row.locator('text=已入库').waitFor();
  const stored = await h.store.db.selectFrom('career_talent').select(['agent_id', 'track', 'status', 'reviewed_by']).execute();
  assert.deepEqual(
    stored.map((r) => [r.agent_id, r.track, r.status, r.reviewed_by]),
    [[h.org.agents.a1, 'backupLead', 'accepted', h.org.users.center_manager]],
  );
  await assertPhoneWidth(page);
  await signOutUi(page);

  // the nominee herself is not shown the pool, and the API refuses her
  await openCareers(page, 'a1');
  assert.equal(await talent.count(), 0);
  assert.equal(await page.evaluate(async () => (await fetch('/api/careers/talent')).status), 403);
  await signOutUi(page);
});
