import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, signInUi, signOutUi } from './harness';
import { storeEvents } from '../src/store/live/ingest';
import { at } from '../src/server/routes/facts.fixtures';
import { seedHistory } from '../src/server/routes/history.fixtures';

/**
 * History (issue 14): a team lead sees only their teams, switches grouping, exports XLSX and CSV; the
 * files opened back have Chinese headers and the values rounded as on screen. An agent sees their own
 * rows, and the server refuses another agent's. Figures from history.fixtures.ts, by hand:
 * 11-02 a1: handled 1, aht 3000 + 300 = 3300 s, occupancy (10 + 3000 + 300) / 3600 = 91.9 %;
 * 11-04 a2: handled 1, aht 1740 + 50 = 1790 s, occupancy 1800 / (3600 − 1800) = 100 %;
 * total: aht (3300 + 1790) / 2 = 2545 s, occupancy 5110 / 5400 = 94.6 %.
 */
const tableText = (page: Page) =>
  page
    .locator('[data-testid=history-table]')
    .evaluate((el) => [...el.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('th,td')].map((c) => c.textContent ?? '')));

async function openHistory(page: Page) {
  await page.click('a[data-nav="/history"]');
  await page.fill('input[name=from]', '2026-11-01');
  await page.fill('input[name=to]', '2026-11-30');
}

/** The rows the table shows, as the file should hold them: '—' on screen is an empty cell. */
const asFile = (rows: string[][]) => rows.map((r) => r.map((c) => (c === '—' ? '' : c)));

test('History: a lead sees their teams, switches grouping and exports files that match the screen; an agent sees their own', async () => {
  const h = await startHarness({
    now: () => at('2026-12-01', '09:00'),
    seed: async (store, org) => {
      await seedHistory(store, org.centerId);
      // team B's agent is on the floor too: the lead must not see it
      await storeEvents(
        store,
        [
          { id: 'b1-in', ts: at('2026-11-03', '09:00'), type: 'agent.login', agent: 'B001' },
          { id: 'b1-out', ts: at('2026-11-03', '10:00'), type: 'agent.logout', agent: 'B001' },
        ],
        { centerId: org.centerId },
      );
    },
  });
  const { page, url } = h;
  const dir = mkdtempSync(join(tmpdir(), 'cf-history-'));
  try {
    await signInUi(page, url, 'team_lead');
    await openHistory(page);
    await page.selectOption('select[name=by]', 'team');
    await page.locator('[data-testid=history-table] >> text=A组').waitFor();
    let rows = await tableText(page);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['A组', '合计'],
      'only the lead’s team',
    );

    await page.selectOption('select[name=by]', 'agent');
    await page.locator('[data-testid=history-table] >> text=李娜 (A001)').waitFor();
    rows = await tableText(page);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['李娜 (A001)', '王芳 (A002)', '合计'],
    );

    // the queues the team serves, split per day: general on each day with calls
    await page.selectOption('select[name=by]', 'queue');
    await page.selectOption('select[name=per]', 'day');
    await page.locator('[data-testid=history-table] >> text=2026-11-09').waitFor();
    rows = await tableText(page);
    const offered = rows[0]!.indexOf('进线量');
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[1], r[offered]]),
      [
        ['general', '2026-11-02', '3'],
        ['general', '2026-11-04', '2'],
        ['general', '2026-11-09', '1'],
        ['合计', '', '6'],
      ],
    );

    await page.selectOption('select[name=by]', 'day');
    await page.locator('[data-testid=history-table] >> text=2026-11-04').waitFor();
    rows = await tableText(page);
    const header = rows[0]!;
    const col = (name: string) => {
      const i = header.indexOf(name);
      assert.ok(i >= 0, `${name} in ${header.join(' | ')}`);
      return i;
    };
    const [aht, occ, handled] = [col('平均处理时长 (秒)'), col('坐席利用率 (%)'), col('处理量')];
    assert.deepEqual(
      rows.slice(1).map((r) => [r[0], r[handled], r[aht], r[occ]]),
      [
        ['2026-11-02', '1', '3300', '91.9'],
        ['2026-11-04', '1', '1790', '100'],
        ['合计', '2', '2545', '94.6'],
      ],
    );
    await page.locator('[data-testid=history-chart]').waitFor();
    // the chart's canvas draws with the shipped CJK font (canvas text does not follow CSS), its words' slices loaded
    const chartFont = await page.evaluate(async () => {
      await document.fonts.ready;
      const el = document.querySelector<HTMLElement>('[data-testid=history-chart]')!;
      return { family: el.dataset.fontFamily ?? '', glyphs: document.fonts.check('12px "Noto Sans SC"', '处理量坐席利用率') };
    });
    assert.match(chartFont.family, /Noto Sans SC/);
    assert.ok(chartFont.glyphs, 'the slices of the legend words are loaded');

    // XLSX: the same header (Chinese) and the same rounded numbers, as numbers
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-xlsx]')]);
    assert.match(xlsx.suggestedFilename(), /^历史报表-按日-2026-11-01_2026-11-30\.xlsx$/);
    const xPath = join(dir, 'h.xlsx');
    await xlsx.saveAs(xPath);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xPath);
    const ws = wb.worksheets[0]!;
    const sheet: string[][] = [];
    ws.eachRow((row) => sheet.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    assert.deepEqual(sheet, asFile(rows));
    assert.equal(typeof ws.getRow(2).getCell(occ + 1).value, 'number', 'figures are numbers in the workbook');
    assert.equal(ws.getRow(2).getCell(occ + 1).value, 91.9);

    // CSV: UTF-8 with a BOM, the same cells
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const cPath = join(dir, 'h.csv');
    await csv.saveAs(cPath);
    const text = readFileSync(cPath, 'utf8');
    assert.ok(text.startsWith('\uFEFF'), 'BOM for Excel');
    const csvRows = text
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    assert.deepEqual(csvRows, asFile(rows));

    // the monthly analysis: team A and 王芳 far above their usual not-ready (October 1/12)
    await page.fill('input[name=analysis-month]', '2026-11');
    await page.locator('[data-testid=diagnosis] li[data-kind=notReadyAbnormal]').nth(1).waitFor();
    const words = await page.locator('[data-testid=diagnosis]').textContent();
    assert.match(words ?? '', /王芳 \(A002\)：示忙占比 50(\.0)?%/);

    // this week so far (Mon 11-09 – Tue 11-10) against the same days before (11-02 – 11-03): the team
    // handled 0 calls then 1
    await page.fill('input[name=to]', '2026-11-10');
    const handledLine = page.locator('[data-testid=history-compare] tr', { hasText: '处理量' });
    await handledLine.waitFor();
    assert.deepEqual(await handledLine.locator('td').allTextContents(), ['处理量', '0', '1', '-1']);
    assert.deepEqual(await page.locator('[data-testid=history-compare] th').allTextContents(), [
      '指标',
      '2026-11-09 至 2026-11-10',
      '2026-11-02 至 2026-11-03',
      '变化（百分比指标为百分点）',
    ]);

    // a phone: the page does not scroll sideways (the wide table scrolls in its box)
    await page.setViewportSize({ width: 390, height: 800 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'fits 390 px');
    await page.setViewportSize({ width: 1280, height: 860 });
    await signOutUi(page);

    // an agent: their own days only, no team or queue grouping; another agent's report is refused
    await signInUi(page, url, 'a2');
    await openHistory(page);
    await page.locator('[data-testid=history-table] >> text=2026-11-04').waitFor();
    rows = await tableText(page);
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      ['2026-11-04', '合计'],
    );
    const options = await page.locator('select[name=by] option').evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
    assert.ok(!options.includes('team') && !options.includes('queue'), options.join());
    const status = await page.evaluate(async () => (await fetch('/api/reports/kpi?by=day&agent=A001')).status);
    assert.equal(status, 403);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  }
});
