import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { useApi } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';
import { hm } from './util';

/** Team lead: swap requests of the own teams' agents, approve or reject. */
export default function Swaps() {
  const { t } = useTranslation();
  const swaps = useApi<any[]>('/api/wfm/swaps');
  const [error, setError] = useState<string | null>(null);
  const decide = async (id: number, approve: boolean) => {
    try {
      await post(`/api/wfm/swaps/${id}/decide`, { approve });
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
    await swaps.reload();
  };
  return (
    <Page title={t('nav.swaps')}>
      <ErrorNote error={error ?? swaps.error} />
      <table data-testid="swaps-table">
        <thead>
          <tr>
            <th>{t('wfm.from')}</th>
            <th>{t('wfm.to')}</th>
            <th>{t('wfm.start')}</th>
            <th>{t('wfm.status')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(swaps.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.from_name}</td>
              <td>{s.to_name}</td>
              <td>
                {new Date(s.start_ts).toLocaleDateString()} {hm(s.start_ts)}–{hm(s.end_ts)}
              </td>
              <td>{t(`wfm.${s.status}`, { defaultValue: s.status })}</td>
              <td>
                {s.status === 'pending' && (
                  <>
                    <button onClick={() => decide(s.id, true)}>{t('wfm.approve')}</button>{' '}
                    <button onClick={() => decide(s.id, false)}>{t('wfm.reject')}</button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
