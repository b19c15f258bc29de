import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Raw } from '../../components/ui';

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
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th>{t('ppl.date')}</th>
                <th>{t('squad.squadName')}</th>
                <th>{t('squad.author')}</th>
                <th>{t('facts.figures.handled')}</th>
                <th>{t('squad.lateAbsent')}</th>
                <th>
                  {t('squad.coaching')} / {t('squad.listening')}
                </th>
                <th>{t('ppl.note')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.map((r) => (
                <tr key={r.id} data-testid={`squad-report-${r.id}`}>
                  <td>{r.date}</td>
                  <td>
                    <Raw>{r.squadName}</Raw>
                  </td>
                  <td>
                    <Raw>{r.authorName ?? ''}</Raw>
                  </td>
                  <td>{r.report.handled}</td>
                  <td>
                    {r.report.late} / {r.report.absent}
                  </td>
                  <td>
                    {r.log.coaching ?? 0} / {r.log.listening ?? 0}
                  </td>
                  <td>
                    <Raw>{r.notes.join(' / ')}</Raw>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
