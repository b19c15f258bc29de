/**
 * Tables to files, in the browser: the cells a page shows (headers already in the user's language,
 * values already rounded by the page's formatter) written as CSV or XLSX, so the file says what the
 * screen says. The workbook library is fetched on the first XLSX export only.
 */
import { toCsv } from '../core/performance/csv';
import { inScreenScript, readyForScript } from './script';

/** One cell as shown: text or a rounded number; null = no figure (empty in the file). */
export type ExportCell = string | number | null;

export type ExportFormat = 'csv' | 'xlsx';

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // the download has its copy once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads `rows` (the header row first) as `<baseName>.csv` (UTF-8 with BOM, for Excel) or `.xlsx`. */
export async function downloadTable(shown: readonly (readonly ExportCell[])[], format: ExportFormat, baseName: string, sheetName = 'Sheet1') {
  // the file says what the screen says, stored names included in the screen's script
  await readyForScript(shown.flatMap((r) => r.filter((c): c is string => typeof c === 'string')));
  const rows = shown.map((r) => r.map((c) => (typeof c === 'string' ? inScreenScript(c) : c)));
  if (format === 'csv') {
    save(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }), `${baseName}.csv`);
    return;
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  // sheet names may not hold []:*?/\ and are at most 31 characters
  const ws = wb.addWorksheet(sheetName.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1');
  ws.addRows(rows.map((r) => r.map((c) => (c === null ? '' : c))));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buf = await wb.xlsx.writeBuffer();
  save(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${baseName}.xlsx`);
}
