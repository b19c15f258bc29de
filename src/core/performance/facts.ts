/**
 * From stored facts to KPI figures: a stored figure may carry its ratio parts (numerator /
 * denominator) so teams aggregate sum-based (Σnum / Σden), never as a mean of agents' ratios.
 * Also the figures CSV the center uploads before the live-floor feed fills them.
 */
import { figureRangeError, KPI_KEYS, type Components, type KpiAggregation, type KpiDefinition, type KpiKey } from './kpi';
import type { FieldError } from '../quality/template';

export interface StoredFigure {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** The figure of one stored row: the value, else numerator / denominator, else null (missing). */
export function figureValue(f: StoredFigure): number | null {
  if (f.value !== null && Number.isFinite(f.value)) return f.value;
  if (f.numerator !== null && f.denominator !== null && f.denominator > 0) return f.numerator / f.denominator;
  return null;
}

const NUM = (k: string) => `${k}#num`;
const DEN = (k: string) => `${k}#den`;

/** Additive components of one stored figure, for team aggregation. */
export function figureComponents(key: string, f: StoredFigure): Record<string, number> {
  const out: Record<string, number> = {};
  const v = figureValue(f);
  if (v !== null) out[key] = v;
  if (f.numerator !== null && f.denominator !== null) {
    out[NUM(key)] = f.numerator;
    out[DEN(key)] = f.denominator;
  }
  return out;
}

/** Adds component rows key by key (an agent's months into one period row). */
export function addComponents(rows: readonly Components[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (typeof v === 'number' && Number.isFinite(v)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/**
 * How a KPI aggregates over rows built by figureComponents: ratio KPIs as Σnum / Σden of their
 * stored parts (a row without parts is left out — missing, not guessed); sum and mean KPIs on values.
 */
export function storedAggregation(def: Pick<KpiDefinition, 'key' | 'aggregation'>): KpiAggregation {
  if (def.aggregation.kind === 'ratio') return { kind: 'ratio', num: [NUM(def.key)], den: [DEN(def.key)] };
  return { kind: def.aggregation.kind, of: def.key };
}

export interface FigureRow {
  line: number;
  employeeNo: string;
  month: string;
  kpi: KpiKey;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

/** Splits one CSV line (RFC 4180 quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') q = false;
      else cur += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

const num = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));

/**
 * Parses a figures CSV: header `employeeNo,month,kpi,value,numerator,denominator` (order free,
 * numerator/denominator optional). Each row needs a value or both parts. Errors name the line and
 * the column; nothing is returned when any line is bad.
 */
export function parseFiguresCsv(text: string): { ok: true; rows: FigureRow[] } | { ok: false; errors: FieldError[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.toLowerCase());
  const errors: FieldError[] = [];
  const col = (name: string) => header.indexOf(name.toLowerCase());
  for (const req of ['employeeNo', 'month', 'kpi'])
    if (col(req) < 0) errors.push({ path: 'line 1', message: `column "${req}" is missing`, reason: 'csv.columnMissing', params: { line: 1, column: req } });
  if (col('value') < 0 && (col('numerator') < 0 || col('denominator') < 0))
    errors.push({
      path: 'line 1',
      message: 'a "value" column (or "numerator" and "denominator") is needed',
      reason: 'perf.csvValueColumn',
      params: { line: 1 },
    });
  if (errors.length) return { ok: false, errors };
  const rows: FigureRow[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((raw, i) => {
    const line = i + 2;
    if (!raw.trim()) return;
    const c = splitCsvLine(raw);
    const get = (name: string) => (col(name) >= 0 ? c[col(name)] : undefined);
    const at = (name: string) => `line ${line}, ${name}`;
    const employeeNo = get('employeeNo') ?? '';
    const month = get('month') ?? '';
    const kpi = get('kpi') ?? '';
    if (!employeeNo) errors.push({ path: at('employeeNo'), message: 'is empty', reason: 'csv.cellEmpty', params: { line, column: 'employeeNo' } });
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      errors.push({ path: at('month'), message: `"${month}" is not YYYY-MM`, reason: 'csv.badMonth', params: { line, value: month } });
    if (!(KPI_KEYS as readonly string[]).includes(kpi))
      errors.push({ path: at('kpi'), message: `"${kpi}" is not a KPI key`, reason: 'perf.csvUnknownKpi', params: { line, value: kpi } });
    const value = num(get('value'));
    const numerator = num(get('numerator'));
    const denominator = num(get('denominator'));
    for (const [name, v] of [
      ['value', value],
      ['numerator', numerator],
      ['denominator', denominator],
    ] as const)
      if (v !== null && !Number.isFinite(v))
        errors.push({
          path: at(name),
          message: `"${get(name)}" is not a number`,
          reason: 'csv.notANumber',
          params: { line, column: name, value: get(name) ?? '' },
        });
    if (value === null && (numerator === null || denominator === null))
      errors.push({
        path: at('value'),
        message: 'give a value, or both numerator and denominator (an empty cell is missing, not 0)',
        reason: 'perf.csvValueNeeded',
        params: { line },
      });
    if (denominator !== null && denominator < 0)
      errors.push({ path: at('denominator'), message: 'must not be negative', reason: 'csv.negative', params: { line, column: 'denominator' } });
    else if ((KPI_KEYS as readonly string[]).includes(kpi) && [value, numerator, denominator].every((v) => v === null || Number.isFinite(v))) {
      const bad = figureRangeError(kpi as KpiKey, { value, numerator, denominator });
      if (bad) errors.push({ path: at(bad.field), message: bad.message, reason: 'perf.figureOutOfRange', params: { ...bad.params, field: bad.field, line } });
    }
    const key = `${employeeNo}|${month}|${kpi}`;
    if (seen.has(key))
      errors.push({ path: at('kpi'), message: `duplicate of line ${seen.get(key)}`, reason: 'csv.duplicateRow', params: { line, first: seen.get(key)! } });
    seen.set(key, line);
    rows.push({ line, employeeNo, month, kpi: kpi as KpiKey, value, numerator, denominator });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

/** 'YYYY-MM' of an instant in a time zone. */
export function monthOfInstant(ms: number, timeZone: string): string {
  return dateOfInstant(ms, timeZone).slice(0, 7);
}

/** 'YYYY-MM-DD' of an instant in a time zone. */
export function dateOfInstant(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const p = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${p('year')}-${p('month')}-${p('day')}`;
}

/** Months 'YYYY-MM' from `from` to `to` inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 240) break;
  }
  return out;
}

/** The month before / after 'YYYY-MM'. */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The instant a calendar day 'YYYY-MM-DD' starts in a time zone (epoch ms). */
export function startOfDayMs(date: string, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(guess));
  const p = (t: string) => Number(parts.find((x) => x.type === t)!.value);
  const wall = Date.UTC(p('year'), p('month') - 1, p('day'), p('hour'), p('minute'), p('second'));
  return guess - (wall - guess);
}
