import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Raw } from '../../components/ui';
import { ReportTable } from '../../components/reportTable';

/** Squads' post-shift reports in the caller's reach (a lead: their teams' squads'; a squad leader: their squad's), this month. */
export function SquadReports() {
  const { t } = useTranslation();
  const reports = useEndpoint(contract.peer.squadReports, {});
  return (
    <div data-testid="squad-reports">
      <h3>{t('squad.reports')}</h3>
      <ErrorNote error={reports.error} />
      {reports.data && reports.data.length === 0 && <p className="hint">{t('squad.noReports')}</p>}
      {reports.data && reports.data.length > 0 && (
        <ReportTable
          rows={reports.data}
          rowTestId={(r) => `squad-report-${r.id}`}
          before={[
            { head: t('squad.squadName'), cell: (r) => <Raw>{r.squadName}</Raw> },
            { head: t('squad.author'), cell: (r) => <Raw>{r.authorName ?? ''}</Raw> },
            { head: t('facts.figures.handled'), cell: (r) => r.report.handled },
          ]}
          after={[
            {
              head: `${t('squad.coaching')} / ${t('squad.listening')}`,
              cell: (r) => `${r.log.coaching ?? 0} / ${r.log.listening ?? 0}`,
            },
          ]}
        />
      )}
    </div>
  );
}
