/**
 * The History table as cells: one formatter for the screen and the exported file. Figures keep
 * their DESIGN.md names (labels from `facts.figures`); ratios are shown as % with one decimal,
 * averages in whole seconds, summed times in hours with one decimal, counts as whole numbers.
 */
import type { TFunction } from 'i18next';
import type { KpiReportRow } from '../../../contract/liveIngest';
import type { ExportCell } from '../../export';

export type Unit = 'count' | 'ratio' | 'sec' | 'hours';
export type FigureKey = Exclude<
  keyof KpiReportRow,
  'key' | 'intervalStart' | 'day' | 'week' | 'month' | 'queue' | 'agentCode' | 'agentId' | 'agentName' | 'teamId' | 'teamName' | 'notReadyByReason'
>;

export const FIGURES: { key: FigureKey; unit: Unit }[] = [
  { key: 'offered', unit: 'count' },
  { key: 'answered', unit: 'count' },
  { key: 'abandoned', unit: 'count' },
  { key: 'shortAbandoned', unit: 'count' },
  { key: 'answerRate', unit: 'ratio' },
  { key: 'serviceLevel', unit: 'ratio' },
  { key: 'asa', unit: 'sec' },
  { key: 'handled', unit: 'count' },
  { key: 'aht', unit: 'sec' },
  { key: 'transferRate', unit: 'ratio' },
  { key: 'staffed', unit: 'hours' },
  { key: 'talk', unit: 'hours' },
  { key: 'acw', unit: 'hours' },
  { key: 'idle', unit: 'hours' },
  { key: 'notReady', unit: 'hours' },
  { key: 'occupancy', unit: 'ratio' },
  { key: 'notReadyShare', unit: 'ratio' },
  { key: 'idleShare', unit: 'ratio' },
];

const round1 = (x: number) => Math.round(x * 10) / 10;

/** A figure as shown (and exported): rounded in its unit; null when there is no figure. */
export function shown(v: number | null | undefined, unit: Unit): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  if (unit === 'ratio') return round1(v * 100);
  if (unit === 'hours') return round1(v / 3600);
  return Math.round(v);
}

/** The text of a shown figure on screen (the file gets the number itself). */
export const cellText = (c: ExportCell) => (c === null ? '—' : String(c));

/** A figure's column header: its name and unit in the user's language. */
export function figureHeader(t: TFunction, key: string, unit: Unit): string {
  const name = t(`facts.figures.${key}`, { defaultValue: t(`hist.figures.${key}`) });
  return unit === 'count' ? name : `${name} (${t(`hist.unit.${unit}`)})`;
}

/** Local "YYYY-MM-DD HH:mm" (24-hour) of an instant in the report's zone (a name or minutes east of UTC). */
export function localTime(ms: number, tz: string | number): string {
  if (typeof tz === 'number') return new Date(ms + tz * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export type ReportBy = 'interval' | 'day' | 'week' | 'month' | 'queue' | 'agent' | 'team' | 'agent-interval';

export type ReportPer = 'interval' | 'day' | 'week' | 'month';

export interface ReportLike {
  tz: string | number;
  by: string;
  /** queue / team / agent rows split per period (the query's `per`) */
  per?: ReportPer;
  rows: KpiReportRow[];
  total: KpiReportRow;
}

/** The key columns of a grouping: their headers and each row's values. */
function keyColumns(t: TFunction, by: string, tz: string | number, per?: ReportPer): { header: string; value: (r: KpiReportRow) => string }[] {
  const cols = groupColumns(t, by, tz);
  // a period column after the group's when the rows are split per period
  return per && (by === 'queue' || by === 'team' || by === 'agent') ? [...cols, ...groupColumns(t, per, tz)] : cols;
}

function groupColumns(t: TFunction, by: string, tz: string | number): { header: string; value: (r: KpiReportRow) => string }[] {
  const agent = (r: KpiReportRow) => (r.agentName ? `${r.agentName} (${r.agentCode})` : (r.agentCode ?? ''));
  const time = (r: KpiReportRow) => (r.intervalStart === undefined ? '' : localTime(r.intervalStart, tz));
  switch (by) {
    case 'interval':
      return [{ header: t('hist.col.interval'), value: time }];
    case 'day':
      return [{ header: t('hist.col.day'), value: (r) => r.day ?? '' }];
    case 'week':
      return [{ header: t('hist.col.week'), value: (r) => (r.week ? t('hist.weekOf', { day: r.week }) : '') }];
    case 'month':
      return [{ header: t('hist.col.month'), value: (r) => r.month ?? '' }];
    case 'queue':
      return [{ header: t('hist.col.queue'), value: (r) => r.queue ?? '' }];
    case 'team':
      return [{ header: t('hist.col.team'), value: (r) => r.teamName ?? t('hist.unmapped') }];
    case 'agent':
      return [
        { header: t('hist.col.agent'), value: agent },
        { header: t('hist.col.team'), value: (r) => r.teamName ?? '' },
      ];
    default:
      return [
        { header: t('hist.col.agent'), value: agent },
        { header: t('hist.col.interval'), value: time },
      ];
  }
}

/**
 * Header row, body rows and the total row of a report, as shown. Figures with no value in any row
 * (the queue side of an agent's report, say) are left out; per agent, not-ready time is also given
 * by reason.
 */
export function reportCells(t: TFunction, r: ReportLike): { header: string[]; body: ExportCell[][]; total: ExportCell[] } {
  const keys = keyColumns(t, r.by, r.tz, r.per);
  const all = [...r.rows, r.total];
  const figs = FIGURES.filter((f) => all.some((x) => x[f.key] !== null && x[f.key] !== undefined));
  const perReason = r.by === 'agent' || r.by === 'agent-interval';
  const reasons = perReason ? [...new Set(all.flatMap((x) => Object.keys(x.notReadyByReason ?? {})))].sort() : [];
  const header = [
    ...keys.map((k) => k.header),
    ...figs.map((f) => figureHeader(t, f.key, f.unit)),
    ...reasons.map((rs) => `${t('facts.figures.notReady')}·${t(`live.reason.${rs}`, { defaultValue: rs })} (${t('hist.unit.hours')})`),
  ];
  const line = (x: KpiReportRow, label: string[]): ExportCell[] => [
    ...label,
    ...figs.map((f) => shown(x[f.key], f.unit)),
    ...reasons.map((rs) => (x.notReadyByReason ? shown(x.notReadyByReason[rs] ?? 0, 'hours') : null)),
  ];
  return {
    header,
    body: r.rows.map((x) =>
      line(
        x,
        keys.map((k) => k.value(x)),
      ),
    ),
    total: line(
      r.total,
      keys.map((_, i) => (i === 0 ? t('hist.total') : '')),
    ),
  };
}

export type CompareKind = 'week' | 'month';
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The two periods compared, ending on `anchor` (a local date): its week so far (Monday to anchor)
 * against the same days of the week before; its month so far against the same days of that month a
 * year before. Same days on both sides, so counts compare fairly.
 */
export function comparePeriods(kind: CompareKind, anchor: string): { now: { from: string; to: string }; before: { from: string; to: string } } {
  if (kind === 'week') {
    const a = ms(anchor);
    const wd = (new Date(a).getUTCDay() + 6) % 7; // 0 = Monday
    const from = a - wd * DAY;
    return { now: { from: iso(from), to: anchor }, before: { from: iso(from - 7 * DAY), to: iso(a - 7 * DAY) } };
  }
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate(); // 29 February → 28
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    now: { from: `${y}-${pad(m)}-01`, to: anchor },
    before: { from: `${y - 1}-${pad(m)}-01`, to: `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay))}` },
  };
}
