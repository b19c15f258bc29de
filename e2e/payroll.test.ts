import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHarness, signInUi } from './harness';
import { at, eventMakers } from '../src/server/routes/facts.fixtures';
import { storeEvents } from '../src/store/live/ingest';
import { publishMonth } from '../src/store/performance/figures';
import type { Store } from '../src/store/db';
import type { TestOrg } from '../src/server/testing';

/**
 * The payroll export (issue 14): headers in the user's language and every figure rounded as the
 * ranking shows it. November is published with a1's one call of 11-02: talk 180 s + acw 50 s, so aht
 * 230 s against the 150 s target scores 150 / 230 × 100 = 65.217… points — shown, and written, as 65.2.
 */
async function seed(store: Store, org: TestOrg) {
  const { ev, call } = eventMakers();
  const d = '2026-11-02';
  await storeEvents(store, [
    ev(d, '09:00', 'agent.login'),
    ev(d, '09:00', 'agent.ready'),
    call(d, '09:59:50', 'call.enqueued', 'c1'),
    ev(d, '10:00:00', 'agent.ringing', { queue: 'general' }),
    call(d, '10:00:10', 'call.connected', 'c1', 'A001'),
    ev(d, '10:00:10', 'agent.talking', { queue: 'general' }),
    call(d, '10:03:10', 'call.ended', 'c1'),
    ev(d, '10:03:10', 'agent.acw', { queue: 'general' }),
    ev(d, '10:04:00', 'agent.ready'),
    ev(d, '12:00', 'agent.logout'),
  ]);
  await publishMonth(store.db, org.centerId, '2026-11', '质检与满意度数据未到', org.users.center_manager!, at('2026-11-20', '10:00'));
}

test('payroll export: Chinese headers and figures rounded as the ranking shows them, in CSV and XLSX', async () => {
  const h = await startHarness({ seed, now: () => at('2026-11-20', '14:00') });
  const { page, url } = h;
  const dir = mkdtempSync(join(tmpdir(), 'cf-payroll-'));
  try {
    await signInUi(page, url, 'center_manager');
    await page.goto(`${url}/#/performance/ranking`);
    await page.fill('input[type=month]', '2026-11');
    const row = page.locator('[data-testid=ranking-table] tbody tr', { hasText: 'A001' });
    await row.click();
    // a1's lines as shown: KPI label → actual text ('230s', '2.2%', …)
    const lines = page.locator('[data-testid=scorecard-lines] tbody tr');
    await lines.first().waitFor();
    const shown = await lines.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const numeric = shown.filter((l) => /^-?\d+(\.\d+)?(%|s)?/.test(l[3] ?? ''));
    assert.ok(numeric.length >= 2, JSON.stringify(shown));

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=payroll-xlsx]')]);
    assert.equal(xlsx.suggestedFilename(), '绩效工资表-2026-11.xlsx');
    const xPath = join(dir, 'p.xlsx');
    await xlsx.saveAs(xPath);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xPath);
    const ws = wb.worksheets[0]!;
    const sheet: unknown[][] = [];
    ws.eachRow((r) => sheet.push((r.values as unknown[]).slice(1)));
    const header = sheet[0] as string[];
    assert.deepEqual(header.slice(0, 3), ['工号', '姓名', '班组']);
    assert.ok(!header.some((c) => /[A-Za-z]{3,}/.test(c.replace(/\(%\)/, ''))), `no English header: ${header.join(' | ')}`);
    const a1 = sheet.find((r) => r[0] === 'A001')!;
    assert.ok(a1, 'a1 in the file');
    // every figure as on screen: the line's actual (without its unit) is the file's number
    for (const l of numeric) {
      const i = header.findIndex((c) => c.startsWith(`${l[0]} 实际`));
      assert.ok(i >= 0, `column for ${l[0]}`);
      assert.equal(a1[i], parseFloat(l[3]!), `${l[0]}: screen ${l[3]} vs file ${String(a1[i])}`);
    }
    for (const c of a1) if (typeof c === 'number') assert.ok(Math.abs(c * 100 - Math.round(c * 100)) < 1e-6, `rounded: ${c}`);
    // the points as the line shows them (one decimal): aht 150 / 230 × 100 = 65.217… → 65.2
    const ahtPoints = header.findIndex((c) => c === '平均處理時長 得分' || c === '平均处理时长 得分');
    assert.equal(a1[ahtPoints], 65.2);
    assert.equal(String(a1[ahtPoints]), numeric.find((l) => l[3] === '230s')?.[6]);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=payroll-csv]')]);
    const cPath = join(dir, 'p.csv');
    await csv.saveAs(cPath);
    const text = readFileSync(cPath, 'utf8');
    assert.ok(text.startsWith('\uFEFF工号,姓名,班组,'), text.slice(0, 40));
    assert.ok(!/\d\.\d{3,}/.test(text), 'no unrounded figure in the CSV');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await h.close();
  }
});
