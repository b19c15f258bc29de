import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page } from '../../components/ui';
import { fmtDateTime } from '../../format';

export default function Audit() {
  const { t } = useTranslation();
  const log = useEndpoint(contract.platform.audit, { query: { limit: 300 } });
  return (
    <Page title={t('nav.audit')}>
      <ErrorNote error={log.error} />
      <table>
        <thead>
          <tr>
            <th>{t('people.when')}</th>
            <th>{t('people.who')}</th>
            <th>{t('people.action')}</th>
            <th>{t('people.entity')}</th>
            <th>{t('people.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {(log.data ?? []).map((r) => (
            <tr key={r.id}>
              <td>{fmtDateTime(r.at)}</td>
              <td>{r.user_id ?? '—'}</td>
              <td>
                <code>{r.action}</code>
              </td>
              <td>
                <code>
                  {r.entity} {r.entity_id}
                </code>
              </td>
              <td>
                <code>{r.detail}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
