/**
 * The floor rules in the browser (issue 17, seed 000 第12/13條): an agent reports a headset fault, the
 * duty manager marks it fixed (the figures count it); a team lead records a hygiene and safety check with a
 * failure and puts it right (the pass rate shows it). On a phone-width screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, signInUi, signOutUi } from './harness';

test('a fault reported by an agent is fixed by the duty manager; a hygiene check with a failure is followed up', async () => {
  const h = await startHarness();
  const { page, url } = h;
  try {
    await page.setViewportSize({ width: 390, height: 844 });

    // the agent reports a fault at their seat
    await signInUi(page, url, 'a1');
    await page.goto(`${url}/#/floor/faults`);
    await page.getByLabel('坐席位置').fill('A-12');
    await page.getByLabel('设备类型').selectOption({ label: '耳机' });
    await page.getByLabel('故障描述').fill('耳机没有声音');
    await page.getByRole('button', { name: '报告故障' }).click();
    await page.waitForSelector('[data-testid=faults-table] >> text=耳机没有声音');
    assert.match((await page.textContent('[data-testid=faults-table]')) ?? '', /待修复/);
    await signOutUi(page);

    // the duty manager marks it fixed: one fixed this month, none open
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/floor/faults`);
    await page.waitForSelector('[data-testid=faults-table] >> text=耳机没有声音');
    await page.getByLabel('处理说明').fill('换了耳机');
    await page.getByRole('button', { name: '标记已修复' }).click();
    await page.waitForSelector('[data-testid=faults-table] >> text=换了耳机');
    await page.waitForSelector('[data-testid=fault-figures] >> text=当前待修复 0');
    assert.match((await page.textContent('[data-testid=fault-figures]')) ?? '', /本月已修复 1/);
    await signOutUi(page);

    // the team lead checks area A: the second item fails with a note, then is put right
    await signInUi(page, url, 'team_lead');
    await page.goto(`${url}/#/floor/checks`);
    await page.waitForSelector('[data-testid=check-form] >> text=离开座位的椅子已摆正');
    await page.getByLabel('区域').fill('A 区');
    await page.getByLabel('合格 2').selectOption('fail');
    await page.getByLabel('说明 2').fill('3 把椅子没摆正');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForSelector('[data-testid=check-row] >> text=3 把椅子没摆正');
    // 9 items, 8 passed: 88.9 %
    assert.match((await page.textContent('[data-testid=check-pass-rate]')) ?? '', /88\.9%.*8\/9.*待整改\s*1/s);
    await page.getByLabel('整改说明').fill('已摆正');
    await page.getByRole('button', { name: '整改完成' }).click();
    await page.waitForSelector('[data-testid=check-row] >> text=已整改');
    assert.match((await page.textContent('[data-testid=check-pass-rate]')) ?? '', /待整改\s*0/);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `page is ${wide}px wide`);
    await signOutUi(page);

    // the duty manager adds a tenth item to the checklist: stored after the nine
    await signInUi(page, url, 'duty_manager');
    await page.goto(`${url}/#/floor/checks`);
    await page.getByText('检查表', { exact: true }).click();
    await page.getByLabel('检查项 9', { exact: true }).waitFor();
    await page.getByRole('button', { name: '添加检查项' }).click();
    await page.getByLabel('检查项 10', { exact: true }).fill('耳麦线已收好');
    // (before: the editor sent the items as loaded, with their position, and the save refused them)
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/floor/checklist') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: '保存检查表' }).click(),
    ]);
    assert.equal(saved.status(), 200);
    const stored = async () => page.evaluate(async () => ((await (await fetch('/api/floor/checklist')).json()) as { text: string }[]).map((i) => i.text));
    const ten = await stored();
    assert.equal(ten.length, 10);
    assert.equal(ten[9], '耳麦线已收好');
    assert.equal(ten[1], '离开座位的椅子已摆正');
    // saved again as it stands: the new item keeps its stored id, so the checklist still has ten items, not eleven
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/floor/checklist') && r.request().method() === 'PUT'),
      page.getByRole('button', { name: '保存检查表' }).click(),
    ]);
    assert.equal(again.status(), 200);
    assert.deepEqual(await stored(), ten);
  } finally {
    await h.close();
  }
});
