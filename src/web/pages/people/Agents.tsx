import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { AGENT_STATUSES, SKILL_LEVELS } from '../../../contract/platform';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';

const empty = { employeeNo: '', name: '', teamId: '', hireDate: '', skillLevel: 'junior' as (typeof SKILL_LEVELS)[number], queues: '' };

export default function Agents() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['admin', 'center_manager']);
  const [teamFilter, setTeamFilter] = useState('');
  const agents = useEndpoint(contract.platform.agents, { query: { teamId: teamFilter ? Number(teamFilter) : undefined } });
  const teams = useEndpoint(contract.platform.teams, {});
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const teamName = (id: number | null) => (teams.data ?? []).find((x) => x.id === id)?.name ?? '—';
  const create = async () => {
    try {
      await call(contract.platform.createAgent, {
        body: {
          employeeNo: form.employeeNo,
          name: form.name,
          teamId: form.teamId ? Number(form.teamId) : null,
          hireDate: form.hireDate,
          skillLevel: form.skillLevel,
          queues: form.queues
            .split(/[,，]/)
            .map((s) => s.trim())
            .filter(Boolean),
        },
      });
      setForm(empty);
      setError(null);
      await agents.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const set = (k: keyof typeof empty) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <Page title={t('nav.agents')}>
      {canEdit && (
        <fieldset className="form-grid" data-testid="agent-form">
          <legend>{t('people.newAgent')}</legend>
          <label>
            {t('people.employeeNo')}
            <input name="employeeNo" value={form.employeeNo} onChange={set('employeeNo')} />
          </label>
          <label>
            {t('people.name')}
            <input name="name" value={form.name} onChange={set('name')} />
          </label>
          <label>
            {t('people.team')}
            <select name="teamId" value={form.teamId} onChange={set('teamId')}>
              <option value="">{t('app.none')}</option>
              {(teams.data ?? []).map((tm) => (
                <option key={tm.id} value={tm.id}>
                  {tm.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('people.hireDate')}
            <input name="hireDate" type="date" value={form.hireDate} onChange={set('hireDate')} />
          </label>
          <label>
            {t('people.skillLevel')}
            <select name="skillLevel" value={form.skillLevel} onChange={set('skillLevel')}>
              {SKILL_LEVELS.map((s) => (
                <option key={s} value={s}>
                  {t(`people.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('people.queues')} <small>({t('people.queuesHint')})</small>
            <input name="queues" value={form.queues} onChange={set('queues')} />
          </label>
          <button onClick={create}>{t('app.create')}</button>
        </fieldset>
      )}
      <ErrorNote error={error ?? agents.error} />
      <div className="form-row">
        <select aria-label={t('people.team')} value={teamFilter} onChange={(e) => setTeamFilter(e.target.value)}>
          <option value="">{t('app.all')}</option>
          {(teams.data ?? []).map((tm) => (
            <option key={tm.id} value={tm.id}>
              {tm.name}
            </option>
          ))}
        </select>
      </div>
      <table data-testid="agents-table">
        <thead>
          <tr>
            <th>{t('people.employeeNo')}</th>
            <th>{t('people.name')}</th>
            <th>{t('people.team')}</th>
            <th>{t('people.hireDate')}</th>
            <th>{t('people.skillLevel')}</th>
            <th>{t('people.queues')}</th>
            <th>{t('people.status')}</th>
          </tr>
        </thead>
        <tbody>
          {(agents.data ?? []).map((a) => (
            <tr key={a.id}>
              <td>{a.employee_no}</td>
              <td>{a.name}</td>
              <td>{teamName(a.team_id)}</td>
              <td>{a.hire_date}</td>
              <td>{t(`people.${a.skill_level}`)}</td>
              <td>
                <Raw>{a.queues.join(', ')}</Raw>
              </td>
              <td>
                {canEdit ? (
                  <select
                    aria-label={`${t('people.status')} ${a.employee_no}`}
                    value={a.status}
                    onChange={async (e) => {
                      const status = AGENT_STATUSES.find((s) => s === e.target.value);
                      if (status)
                        await call(contract.platform.updateAgent, { params: { id: a.id }, body: { status } }).catch((err: Error) => setError(err.message));
                      await agents.reload();
                    }}
                  >
                    <option value="active">{t('people.active')}</option>
                    <option value="left">{t('people.left')}</option>
                  </select>
                ) : (
                  t(`people.${a.status}`)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
