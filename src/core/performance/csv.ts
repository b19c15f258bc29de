/**
 * CSV export for payroll (pure: rows → text). RFC 4180 quoting; UTF-8 byte-order mark so Excel
 * opens Chinese text correctly; CRLF line ends. A text cell starting with = + - @ or a tab/CR is
 * prefixed with ' so a spreadsheet does not run it as a formula (numbers are written as numbers).
 * A missing figure is written as `missingText` (default "missing"), never as 0.
 */
import type { KpiDefinition } from './kpi';
import type { RankedScorecard } from './scorecard';

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Prefix the UTF-8 BOM (default true). */
  bom?: boolean;
  eol?: string;
  delimiter?: string;
}

export const UTF8_BOM = '\uFEFF';

export function csvCell(v: CsvCell, delimiter = ','): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  let s = typeof v === 'boolean' ? (v ? 'true' : 'false') : v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (s.includes('"') || s.includes(delimiter) || s.includes('\n') || s.includes('\r') || s !== s.trim()) {
    return `"${s.replace(/"/g, '""')}"`;
  }
  return s;
}

export function toCsv(rows: readonly (readonly CsvCell[])[], opts: CsvOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  const d = opts.delimiter ?? ',';
  const body = rows.map((r) => r.map((c) => csvCell(c, d)).join(d)).join(eol) + (rows.length ? eol : '');
  return ((opts.bom ?? true) ? UTF8_BOM : '') + body;
}

export interface PayrollCsvOptions extends CsvOptions {
  missingText?: string;
  notAssessedText?: string;
  /** Decimals for totals and points (default 2). Actual figures are written as given. */
  decimals?: number;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Header + one row per agent: ids, month, tenure, ranks, total, completeness, then per pay KPI: actual, target, points. */
export function payrollRows(cards: readonly RankedScorecard[], defs: readonly KpiDefinition[], opts: PayrollCsvOptions = {}): CsvCell[][] {
  const missing = opts.missingText ?? 'missing';
  const na = opts.notAssessedText ?? 'n/a';
  const dec = opts.decimals ?? 2;
  const keys = defs.filter((d) => d.usage !== 'contest');
  const header: CsvCell[] = ['agentId', 'teamId', 'month', 'tenureMonths', 'centerRank', 'teamRank', 'total', 'complete', 'missing'];
  for (const d of keys) header.push(`${d.key} actual`, `${d.key} target`, `${d.key} points`);
  const rows: CsvCell[][] = [header];
  for (const c of cards) {
    const row: CsvCell[] = [
      c.agentId,
      c.teamId,
      c.month,
      c.tenureMonths,
      c.centerRank ?? '',
      c.teamRank ?? '',
      c.total === null ? missing : round(c.total, dec),
      c.complete,
      c.missing.join(' '),
    ];
    for (const d of keys) {
      const l = c.lines.find((x) => x.key === d.key);
      if (!l || l.status === 'notAssessed') row.push(l?.actual ?? na, na, na);
      else row.push(l.actual ?? missing, l.target, l.points === null ? missing : round(l.points, dec));
    }
    rows.push(row);
  }
  return rows;
}

export function payrollCsv(cards: readonly RankedScorecard[], defs: readonly KpiDefinition[], opts: PayrollCsvOptions = {}): string {
  return toCsv(payrollRows(cards, defs, opts), opts);
}
