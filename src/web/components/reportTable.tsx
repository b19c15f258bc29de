import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Raw } from './ui';

/** A sent post-shift report as the report tables show it: its day, late and absent agents and the notes sent with it. */
export interface ReportRowLike {
  id: number;
  date: string;
  report: { late: number; absent: number };
  notes: string[];
}

/** A column of a report table: its heading and a row's cell. */
export interface ReportColumn<R> {
  head: ReactNode;
  cell: (r: R) => ReactNode;
}

/**
 * The table of sent post-shift reports (a team's, src/web/pages/floor/Routine.tsx; a squad's,
 * src/web/pages/peer/SquadReports.tsx): the day, the columns `before` (whose report, its own figures),
 * late / absent, the columns `after`, and the notes as typed.
 */
export function ReportTable<R extends ReportRowLike>({
  rows,
  before,
  after = [],
  testId,
  rowTestId,
}: {
  rows: R[];
  before: ReportColumn<R>[];
  after?: ReportColumn<R>[];
  testId?: string;
  rowTestId?: (r: R) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{t('ppl.date')}</th>
            {before.map((c, i) => (
              <th key={i}>{c.head}</th>
            ))}
            <th>
              {t('ppl.disc.late')} / {t('ppl.disc.absent')}
            </th>
            {after.map((c, i) => (
              <th key={i}>{c.head}</th>
            ))}
            <th>{t('ppl.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid={rowTestId?.(r)}>
              <td>{r.date}</td>
              {before.map((c, i) => (
                <td key={i}>{c.cell(r)}</td>
              ))}
              <td>
                {r.report.late} / {r.report.absent}
              </td>
              {after.map((c, i) => (
                <td key={i}>{c.cell(r)}</td>
              ))}
              <td>
                <Raw>{r.notes.join(' / ')}</Raw>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
