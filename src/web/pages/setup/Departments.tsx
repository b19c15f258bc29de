import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, IdMultiSelect, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { CancelEdit, RowActions, Scroll } from './shared';

/** Business departments (业务部门) and field crews (外勤班组) that work orders go to; the API creates them with their members. */
export default function Departments() {
  const { t } = useTranslation();
  const isAdmin = hasAny(useMe(), ['admin']);
  const config = useEndpoint(contract.workorders.config, {});
  // only the system administrator may list users (GET /api/users): others create a department and an admin adds members
  const users = useEndpoint(contract.platform.users, isAdmin ? {} : null);
  const act = useAction();
  const rowAct = useAction();
  const [f, setF] = useState({ name: '', kind: 'business' as 'business' | 'crew', memberIds: [] as number[] });
  // the department being changed in the form (its kind stays: orders were sent to it as such)
  const [editing, setEditing] = useState<number | null>(null);
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.display_name]));

  return (
    <Page title={t('setup.nav.departments')}>
      <p className="hint">{t('setup.depts.intro')}</p>
      <ErrorNote error={config.error ?? users.error} />
      <form
        className="card"
        data-testid="dept-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            if (editing != null)
              // members are sent only by whoever may see the users (the administrator); others rename
              await call(contract.workorders.updateDepartment, {
                params: { id: editing },
                body: { name: f.name, memberIds: isAdmin ? f.memberIds : undefined },
              });
            else await call(contract.workorders.createDepartment, { body: f });
            setF({ name: '', kind: f.kind, memberIds: [] });
            setEditing(null);
            await config.reload();
          });
        }}
      >
        <ErrorNote error={act.errorOutside(['name', 'kind', 'memberIds'])} />
        <FieldRow>
          <Field label={t('setup.depts.name')} error={act.errorFor('name')}>
            <input name="name" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
          </Field>
          <Field label={t('setup.depts.kind')} error={act.errorFor('kind')}>
            <select name="kind" value={f.kind} disabled={editing != null} onChange={(e) => setF({ ...f, kind: e.target.value as 'business' | 'crew' })}>
              <option value="business">{t('setup.depts.kinds.business')}</option>
              <option value="crew">{t('setup.depts.kinds.crew')}</option>
            </select>
          </Field>
          <Field
            label={t('setup.depts.members')}
            error={act.errorFor('memberIds')}
            hint={isAdmin ? t('setup.depts.membersHint') : t('setup.depts.membersAdminOnly')}
          >
            {isAdmin ? (
              <IdMultiSelect
                ids={f.memberIds}
                options={(users.data ?? []).filter((u) => u.active).map((u) => ({ id: u.id, label: `${u.display_name} (${u.username})` }))}
                onChange={(memberIds) => setF({ ...f, memberIds })}
              />
            ) : (
              <span />
            )}
          </Field>
        </FieldRow>
        <div className="form-row">
          <button type="submit">{editing != null ? t('setup.common.save') : t('setup.depts.create')}</button>
          {editing != null && (
            <CancelEdit
              onCancel={() => {
                setEditing(null);
                setF({ name: '', kind: f.kind, memberIds: [] });
                act.clear();
              }}
            />
          )}
        </div>
      </form>
      <ErrorNote error={rowAct.error} />
      <Scroll>
        <table data-testid="departments">
          <thead>
            <tr>
              <th>{t('setup.depts.name')}</th>
              <th>{t('setup.depts.kind')}</th>
              <th>{t('setup.depts.members')}</th>
              <th>{t('setup.common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(config.data?.departments ?? []).map((d) => (
              <tr key={d.id}>
                <td>
                  <Raw>{d.name}</Raw>
                </td>
                <td>{t(`setup.depts.kinds.${d.kind}`)}</td>
                <td>{d.memberIds.length ? <Raw>{d.memberIds.map((id) => userName.get(id) ?? `#${id}`).join('、')}</Raw> : t('setup.common.none')}</td>
                <td>
                  <RowActions
                    name={d.name}
                    onEdit={() => {
                      setEditing(d.id);
                      setF({ name: d.name, kind: d.kind as 'business' | 'crew', memberIds: d.memberIds });
                      act.clear();
                    }}
                    onDelete={() =>
                      void rowAct.run(async () => {
                        await call(contract.workorders.deleteDepartment, { params: { id: d.id } });
                        await config.reload();
                      })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {config.data?.departments.length === 0 && <p className="hint">{t('setup.common.none')}</p>}
    </Page>
  );
}
