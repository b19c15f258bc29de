import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../../api';
import { useApi } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';

const ROLES = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'agent'];

export default function Users() {
  const { t } = useTranslation();
  const users = useApi<any[]>('/api/users');
  const agents = useApi<any[]>('/api/agents');
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'agent', agentId: '' });
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      await post('/api/users', {
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        roles: [form.role],
        agentId: form.agentId ? Number(form.agentId) : null,
      });
      setForm({ username: '', displayName: '', password: '', role: 'agent', agentId: '' });
      setError(null);
      await users.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggleRole = async (u: any, role: string) => {
    const roles = u.roles.includes(role) ? u.roles.filter((r: string) => r !== role) : [...u.roles, role];
    await put(`/api/users/${u.id}/roles`, { roles }).catch((e) => setError(e.message));
    await users.reload();
  };
  return (
    <Page title={t('nav.users')}>
      <fieldset className="form-grid" data-testid="user-form">
        <legend>{t('people.newUser')}</legend>
        <label>
          {t('people.username')}
          <input name="username" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} />
        </label>
        <label>
          {t('people.displayName')}
          <input name="displayName" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        </label>
        <label>
          {t('people.password')}
          <input name="password" type="password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        </label>
        <label>
          {t('people.roles')}
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('people.linkedAgent')}
          <select name="agentId" value={form.agentId} onChange={(e) => setForm({ ...form, agentId: e.target.value })}>
            <option value="">{t('app.none')}</option>
            {(agents.data ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.employee_no} {a.name}
              </option>
            ))}
          </select>
        </label>
        <button onClick={create}>{t('app.create')}</button>
      </fieldset>
      <ErrorNote error={error ?? users.error} />
      <table data-testid="users-table">
        <thead>
          <tr>
            <th>{t('people.username')}</th>
            <th>{t('people.displayName')}</th>
            {ROLES.map((r) => (
              <th key={r}>{t(`roles.${r}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(users.data ?? []).map((u) => (
            <tr key={u.id}>
              <td>{u.username}</td>
              <td>{u.display_name}</td>
              {ROLES.map((r) => (
                <td key={r}>
                  <input type="checkbox" aria-label={`${u.username} ${r}`} checked={u.roles.includes(r)} onChange={() => toggleRole(u, r)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
