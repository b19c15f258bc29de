import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { contract } from '../../../contract/index';
import type { UserRow } from '../../../contract/platform';
import { ROLES, type Role } from '../../../core/roles';

export default function Users() {
  const { t } = useTranslation();
  const users = useEndpoint(contract.platform.users, {});
  const agents = useEndpoint(contract.platform.agents, {});
  const [form, setForm] = useState<{ username: string; displayName: string; password: string; role: Role; agentId: string }>({
    username: '',
    displayName: '',
    password: '',
    role: 'agent',
    agentId: '',
  });
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    try {
      await call(contract.platform.createUser, {
        body: {
          username: form.username,
          displayName: form.displayName,
          password: form.password,
          roles: [form.role],
          agentId: form.agentId ? Number(form.agentId) : null,
        },
      });
      setForm({ username: '', displayName: '', password: '', role: 'agent', agentId: '' });
      setError(null);
      await users.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const toggleRole = async (u: UserRow, role: Role) => {
    const held = u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const roles = held.includes(role) ? held.filter((r) => r !== role) : [...held, role];
    await call(contract.platform.setUserRoles, { params: { id: u.id }, body: { roles } }).catch((e: Error) => setError(e.message));
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
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('people.linkedAgent')}
          <AgentSelect
            name="agentId"
            value={form.agentId}
            options={agentOptions(agents.data, { employeeNo: true })}
            none={t('app.none')}
            onChange={(agentId) => setForm({ ...form, agentId })}
          />
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
              <td>
                <Raw>{u.username}</Raw>
              </td>
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
