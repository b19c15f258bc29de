import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page } from '../../components/ui';

export default function Teams() {
  const { t } = useTranslation();
  const teams = useEndpoint(contract.platform.teams, {});
  // who may lead: an endpoint the page's roles (admin, center manager) may call; its error is shown, not swallowed
  const leads = useEndpoint(contract.platform.leadCandidates, {});
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      await call(contract.platform.createTeam, { body: { name } });
      setName('');
      setError(null);
      await teams.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Page title={t('nav.teams')}>
      <div className="form-row">
        <input aria-label={t('people.teamName')} placeholder={t('people.teamName')} value={name} onChange={(e) => setName(e.target.value)} />
        <button onClick={create} disabled={!name.trim()}>
          {t('people.newTeam')}
        </button>
      </div>
      <ErrorNote error={error ?? teams.error ?? leads.error} />
      <table data-testid="teams-table">
        <thead>
          <tr>
            <th>{t('people.teamName')}</th>
            <th>{t('people.lead')}</th>
          </tr>
        </thead>
        <tbody>
          {(teams.data ?? []).map((tm) => (
            <tr key={tm.id}>
              <td>{tm.name}</td>
              <td>
                <select
                  aria-label={`${t('people.lead')} ${tm.name}`}
                  value={tm.lead_user_id ?? ''}
                  onChange={async (e) => {
                    await call(contract.platform.updateTeam, {
                      params: { id: tm.id },
                      body: { leadUserId: e.target.value ? Number(e.target.value) : null },
                    }).catch((err: Error) => setError(err.message));
                    await teams.reload();
                  }}
                >
                  <option value="">{t('app.none')}</option>
                  {(leads.data ?? []).map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.displayName}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
