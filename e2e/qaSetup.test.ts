/**
 * The setup screens as forms (issue 14): a QA evaluator edits a scorecard on the page (an added fatal
 * item, changed weights; a weight sum that breaks the rule is refused next to it) and scores a call with
 * the new version; a center manager adds a KPI with two tenure bands, which come back after a reload, and
 * a bad band is refused at its field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi } from './harness';
import { fixtureTemplate } from '../src/core/quality/fixtures';
import { upsertCalls } from '../src/store/quality/calls';
import { listTemplates } from '../src/store/quality/templates';
import { generateWorkQueue, qaActor, saveTemplate } from '../src/services/quality/index';

test('a QA evaluator adds a fatal item and changes weights on the scorecard form, then scores a call with it: the total is the hand-computed one', async () => {
  const now = Date.now();
  const h = await startHarness({
    seed: async (store, org) => {
      const qa = [{ store, now: () => now }, qaActor(org.centerId, org.users.qa)] as const;
      await saveTemplate(...qa, { template: fixtureTemplate() });
      await upsertCalls(
        store.db,
        org.centerId,
        [{ id: 'CALL-0001', agentId: org.agents.a1, queue: 'general', startedAt: now - 3600_000, durationS: 240, recordingUrl: null }],
        now,
      );
      await generateWorkQueue(...qa, { from: now - 2 * 3600_000, to: now, evaluatorIds: [org.users.qa], seed: 'e2e' });
    },
  });
  const { page, url } = h;
  try {
    await signInUi(page, url, 'qa');
    await page.click('a[data-nav="/quality/templates"]');
    await page.click('[data-testid=templates-table] tr[data-template=tpl-basic] button');
    const editor = page.locator('[data-testid=scorecard-editor]');
    // a named choice outside the item's range (greet scores 0–2) is refused next to that choice
    await editor.locator('input[name=item-0-0-choice-2-value]').fill('3');
    await page.click('button[name=save-template]');
    const choice = editor.locator('label.field', { has: page.locator('input[name=item-0-0-choice-2-value]') });
    assert.equal((await choice.locator('.field-error').textContent())?.trim(), '3 不在 0 至 2 之间');
    await editor.locator('input[name=item-0-0-choice-2-value]').fill('2');
    // section 1 (开場): a third item, fatal, scored 0–1
    await editor.locator('button[name=section-0-add-item]').click();
    await editor.locator('input[name=item-0-2-label]').fill('结束语规范');
    await editor.locator('input[name=item-0-2-id]').fill('closing');
    await editor.locator('input[name=item-0-2-max]').fill('1');
    await editor.locator('input[name=item-0-2-fatal]').check();
    // weights 40 + 50 + 20 = 110: the sum is shown against the rule, and the server refuses it at the section
    await editor.locator('input[name=item-0-0-weight]').fill('40');
    await editor.locator('input[name=item-0-2-weight]').fill('20');
    assert.equal((await editor.locator('[data-testid=item-weight-sum-0] .warn').textContent())?.trim(), '评分项权重合计 110，须为 100');
    await page.click('button[name=save-template]');
    const refusal = editor.locator('[data-testid=item-weight-sum-0] .field-error');
    assert.equal((await refusal.textContent())?.trim(), '该环节评分项权重合计为 110，须为 100');
    assert.deepEqual(
      (await listTemplates(h.store.db, h.org.centerId)).map((x) => x.version),
      [1],
      'nothing stored by the refusal',
    );
    // 40 + 40 + 20 = 100; sections 30 / 70
    await editor.locator('input[name=item-0-1-weight]').fill('40');
    await editor.locator('input[name=section-0-weight]').fill('30');
    await editor.locator('input[name=section-1-weight]').fill('70');
    await page.click('button[name=save-template]');
    await page.waitForSelector('[data-testid=template-saved] >> text=v2');
    // the refusal goes once the save's answer has been applied (it may take a render after the saved note)
    await refusal.waitFor({ state: 'detached', timeout: 5_000 });
    const v2 = (await listTemplates(h.store.db, h.org.centerId))[0]!.template;
    assert.deepEqual(
      v2.sections.map((s) => [s.weight, s.items.map((i) => `${i.id}:${i.weight}${i.fatal ? ':fatal' : ''}`)]),
      [
        [30, ['greet:40', 'verify:40', 'closing:20:fatal']],
        [70, ['accuracy:70', 'privacy:30:fatal']],
      ],
    );

    // score the call on the new version: greet 1 of 2, verify 1 of 1, closing 1 of 1, business items at full marks
    await page.click('a[data-nav="/quality/queue"]');
    await page.click('[data-testid=qa-queue] tr[data-call="CALL-0001"] button');
    const form = page.locator('[data-testid=qa-scoring-drawer] [data-testid=evaluation-form]');
    await form.locator('select[name=item-closing]').waitFor();
    assert.equal(
      await form
        .locator('.form-row', { has: page.locator('select[name=item-closing]') })
        .locator('.badge.bad')
        .count(),
      1,
      'the new item is fatal',
    );
    await form.locator('select[name=item-greet]').selectOption('1');
    await form.locator('select[name=item-verify]').selectOption('1');
    await form.locator('select[name=item-closing]').selectOption('1');
    await form.locator('button', { hasText: '提交评分' }).click();
    // 开场 (40·50 + 40·100 + 20·100) / 100 = 80; 业务 100; total 30 % · 80 + 70 % · 100 = 94
    await page.waitForSelector('text=已评分：94 分');
  } finally {
    await h.close();
  }
});

test('a center manager adds a KPI with two tenure bands on the form; after a reload the bands are back; a bad band is refused at its field', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/performance/kpis`);
    await page.selectOption('select[name=add-kpi]', 'asa');
    await page.click('button[name=add-kpi-button]');
    const asa = page.locator('[data-kpi=asa]');
    await asa.locator('input[name=kpi-asa-weight]').fill('5');
    await asa.locator('select[name=kpi-asa-target-kind]').selectOption('tenure');
    await asa.locator('input[name=kpi-asa-band-0-target]').fill('40');
    await asa.locator('button[name=kpi-asa-add-band]').click();
    assert.equal(await asa.locator('input[name=kpi-asa-band-1-from]').inputValue(), '12');
    await asa.locator('input[name=kpi-asa-band-1-target]').fill('30');
    // the first band runs from month 0 to month 11, the second from 12 on
    assert.equal((await asa.locator('[data-testid=kpi-asa-band-0-to]').textContent())?.trim(), '11 个月');
    assert.equal((await asa.locator('[data-testid=kpi-asa-band-1-to]').textContent())?.trim(), '及以上');
    await page.click('button[name=save-kpis]');
    await page.waitForSelector('[data-testid=kpis-saved]');

    await page.reload();
    const back = page.locator('[data-kpi=asa]');
    await back.locator('input[name=kpi-asa-band-1-target]').waitFor();
    assert.deepEqual(
      await Promise.all(['band-0-from', 'band-0-target', 'band-1-from', 'band-1-target'].map((n) => back.locator(`input[name=kpi-asa-${n}]`).inputValue())),
      ['0', '40', '12', '30'],
    );
    assert.equal(await back.locator('input[name=kpi-asa-weight]').inputValue(), '5');

    // a band from −1 months: refused next to that band's field
    await back.locator('input[name=kpi-asa-band-1-from]').fill('-1');
    await page.click('button[name=save-kpis]');
    const fromField = back.locator('label.field', { has: page.locator('input[name=kpi-asa-band-1-from]') });
    assert.equal((await fromField.locator('.field-error').textContent())?.trim(), '不能小于 0');
    // no band from month 0: refused under the bands
    await back.locator('input[name=kpi-asa-band-1-from]').fill('12');
    await back.locator('input[name=kpi-asa-band-0-from]').fill('3');
    await page.click('button[name=save-kpis]');
    assert.equal((await back.locator('[data-testid=kpi-asa-bands-error]').textContent())?.trim(), '司龄分段须有一段从 0 个月开始');
    // the refusals stored nothing: the saved bands come back
    await page.reload();
    await page.locator('input[name=kpi-asa-band-0-from]').waitFor();
    assert.equal(await page.locator('input[name=kpi-asa-band-0-from]').inputValue(), '0');

    // a team lead reads the plan on a phone: every input read-only, nothing to save, nothing wider than the screen
    await page.click('.topbar button[data-testid=sign-out]');
    await page.waitForSelector('input[name=username]');
    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/performance/kpis`);
    await page.locator('input[name=kpi-asa-band-1-target]').waitFor();
    assert.equal(await page.locator('input[name=kpi-asa-band-1-target]').inputValue(), '30');
    assert.ok(await page.locator('input[name=kpi-asa-band-1-target]').isDisabled());
    assert.equal(await page.locator('button[name=save-kpis]').count(), 0);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 392), 'no horizontal scroll at 390 px');
  } finally {
    await h.close();
  }
});

test('the planner sets the peak allocation rule on the schedule page, and a center manager changes a diagnosis threshold on a phone (a bad one refused at its field)', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await signInUi(page, url, 'wfm');
    await page.goto(`${url}/#/wfm/schedule`);
    const rule = page.locator('[data-testid=peak-rule]');
    await rule.locator('select[name=peak-mode]').selectOption('priority');
    // tenure first, then points; performance does not count
    await rule
      .locator('li', { has: page.locator('input[name=peak-tenure]') })
      .locator('button', { hasText: '上移' })
      .click();
    await rule.locator('input[name=peak-performance]').uncheck();
    await rule.locator('button[name=save-peak-rule]').click();
    await rule.locator('.ok').waitFor();
    await page.reload();
    await page.locator('[data-testid=peak-rule] select[name=peak-mode]').waitFor();
    assert.equal(await page.locator('[data-testid=peak-rule] select[name=peak-mode]').inputValue(), 'priority');
    const order = await page
      .locator('[data-testid=peak-rule] li')
      .evaluateAll((lis) => lis.map((li) => `${li.querySelector('input')!.getAttribute('name')}:${(li.querySelector('input') as HTMLInputElement).checked}`));
    assert.deepEqual(order, ['peak-tenure:true', 'peak-points:true', 'peak-performance:false']);
    await page.click('.topbar button[data-testid=sign-out]');
    await page.waitForSelector('input[name=username]');

    await page.setViewportSize({ width: 390, height: 844 });
    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/live/settings`);
    const form = page.locator('[data-testid=thresholds-form]');
    await form.locator('input[name=occupancyLow]').fill('0.9');
    await form.locator('button[name=save-thresholds]').click();
    const low = form.locator('label.field', { has: page.locator('input[name=occupancyLow]') });
    assert.equal((await low.locator('.field-error').textContent())?.trim(), '利用率偏低阈值（0.9）不能高于偏高阈值（0.85）');
    await form.locator('input[name=occupancyLow]').fill('0.6');
    await form.locator('button[name=save-thresholds]').click();
    await form.locator('.ok').waitFor();
    await page.reload();
    await page.locator('[data-testid=thresholds-form] input[name=occupancyLow]').waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=thresholds-form] input[name=occupancyLow]') as HTMLInputElement | null)?.value === '0.6',
    );
    // usable on a phone: nothing wider than the screen
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 392), 'no horizontal scroll at 390 px');
  } finally {
    await h.close();
  }
});
