import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page } from '../../components/ui';
import { hm } from './util';
import { fmtDate } from '../../format';

/** Team lead: swap requests of the own teams' agents, approve or reject. */
export default function Swaps() {
  const { t } = useTranslation();
  const swaps = useEndpoint(contract.wfm.swaps, {});
  const [error, setError] = useState<string | null>(null);
  const decide = async (id: number, approve: boolean) => {
    try {
      await call(contract.wfm.decideSwap, { params: { id }, body: { approve } });
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
                {fmtDate(s.start_ts)} {hm(s.start_ts)}–{hm(s.end_ts)}
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
