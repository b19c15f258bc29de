import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api';
import { useApi } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';

export default function Teams() {
  const { t } = useTranslation();
  const teams = useApi<any[]>('/api/teams');
  const users = useApi<any[]>('/api/users');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const leads = (users.data ?? []).filter((u) => u.roles.includes('team_lead'));
  const create = async () => {
    try {
      await post('/api/teams', { name });
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
      <ErrorNote error={error ?? teams.error} />
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
                    await patch(`/api/teams/${tm.id}`, { leadUserId: e.target.value ? Number(e.target.value) : null }).catch((err) => setError(err.message));
                    await teams.reload();
                  }}
                >
                  <option value="">{t('app.none')}</option>
                  {leads.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.display_name}
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
