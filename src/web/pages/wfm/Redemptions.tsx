import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { RedemptionRow } from '../../../contract/wfm';
import { ErrorNote, Page } from '../../components/ui';
import { fmtDateTime } from '../../format';

/** Planner: points redemption requests (leave or gift), with the agent's balance; approve or reject. */
export default function Redemptions() {
  const { t } = useTranslation();
  const reqs = useEndpoint(contract.wfm.redemptions, {});
  const points = useEndpoint(contract.wfm.points, {});
  const act = useAction();
  const balance = new Map((points.data?.balances ?? []).map((b) => [Number(b.agentId), b.balance]));
  const decide = async (id: number, approve: boolean) => {
    await act.run(() => call(contract.wfm.decideRedemption, { params: { id }, body: { approve } }));
    await Promise.all([reqs.reload(), points.reload()]);
  };
  const pending = (reqs.data ?? []).filter((r) => r.status === 'pending');
  const done = (reqs.data ?? []).filter((r) => r.status !== 'pending');
  const row = (r: RedemptionRow) => (
    <tr key={r.id} data-redemption={r.id}>
      <td>{r.name}</td>
      <td>{t(`wfm.${r.kind}`, { defaultValue: r.kind })}</td>
      <td>{r.points}</td>
      <td>{balance.get(r.agent_id) ?? 0}</td>
      <td>{r.note}</td>
      <td>{fmtDateTime(Number(r.requested_at))}</td>
      <td data-testid="redemption-status">{t(r.status === 'rejected' ? 'wfm.rejectedStatus' : `wfm.${r.status}`, { defaultValue: r.status })}</td>
      <td>
        {r.status === 'pending' && (
          <>
            <button onClick={() => decide(r.id, true)} disabled={r.points > (balance.get(r.agent_id) ?? 0)}>
              {t('wfm.approve')}
            </button>{' '}
            <button onClick={() => decide(r.id, false)}>{t('wfm.reject')}</button>
          </>
        )}
      </td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th>{t('wfm.agent')}</th>
        <th>{t('wfm.redeemFor')}</th>
        <th>{t('wfm.points')}</th>
        <th>{t('wfm.balance')}</th>
        <th>{t('wfm.note')}</th>
        <th>{t('wfm.requestedAt')}</th>
        <th>{t('wfm.status')}</th>
        <th>{t('app.actions')}</th>
      </tr>
    </thead>
  );
  return (
    <Page title={t('nav.redemptions')}>
      <ErrorNote error={act.error ?? reqs.error ?? points.error} />
      <h3>
        {t('wfm.pending')} ({pending.length})
      </h3>
      <table data-testid="redemptions-pending">
        {head}
        <tbody>{pending.map(row)}</tbody>
      </table>
      <h3>{t('wfm.decided')}</h3>
      <table data-testid="redemptions-done">
        {head}
        <tbody>{done.map(row)}</tbody>
      </table>
    </Page>
  );
}
