/**
 * The payroll table of a published month as the managers download it: headers in the user's
 * language and every figure rounded as the ranking shows it (kpiShown, fmtTotal), written by the same
 * export helper as History. Columns as the API's machine export (core/performance/csv payrollRows):
 * the agent, month, tenure, ranks, total, completeness, then per pay KPI actual, target, points.
 */
import type { TFunction } from 'i18next';
import type { KpiDefinitionWire, ScorecardWire } from '../../../contract/performance';
import type { ExportCell } from '../../export';
import { fmtTotal, kpiShown } from './shared';

export function payrollCells(
  t: TFunction,
  cards: readonly ScorecardWire[],
  kpis: readonly KpiDefinitionWire[],
  teamName: (id: string) => string,
): ExportCell[][] {
  const pay = kpis.filter((d) => d.usage !== 'contest');
  const missing = t('perf.statuses.missing');
  const na = t('perf.notAssessed');
  const unit = (d: KpiDefinitionWire) => (d.unit === 'ratio' ? ` (${t('hist.unit.ratio')})` : d.unit === 's' ? ` (${t('hist.unit.sec')})` : '');
  const header: ExportCell[] = [
    t('perf.payroll.employeeNo'),
    t('perf.payroll.name'),
    t('people.team'),
    t('perf.month'),
    t('perf.tenure'),
    t('perf.centerRank'),
    t('perf.teamRank'),
    t('perf.total'),
    t('perf.complete'),
    t('perf.payroll.missingKpis'),
    ...pay.flatMap((d) => [`${d.label} ${t('perf.actual')}${unit(d)}`, `${d.label} ${t('perf.target')}${unit(d)}`, `${d.label} ${t('perf.points')}`]),
  ];
  const label = (k: string) => kpis.find((d) => d.key === k)?.label ?? k;
  const rows = cards.map((c): ExportCell[] => [
    c.employeeNo,
    c.name,
    teamName(c.teamId),
    c.month,
    c.tenureMonths,
    c.centerRank,
    c.teamRank,
    c.total === null ? missing : fmtTotal(c.total),
    c.complete ? t('perf.payroll.yes') : t('perf.payroll.no'),
    c.missing.map(label).join('、'),
    ...pay.flatMap((d): ExportCell[] => {
      const l = c.lines.find((x) => x.key === d.key);
      if (!l || l.status === 'notAssessed') return [l?.actual == null ? na : kpiShown(l.actual, d.unit), na, na];
      return [
        l.actual === null ? missing : kpiShown(l.actual, d.unit),
        l.target === null ? na : kpiShown(l.target, d.unit),
        l.points === null ? missing : fmtTotal(l.points),
      ];
    }),
  ]);
  return [header, ...rows];
}
