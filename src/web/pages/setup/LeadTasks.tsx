import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ABOVE_LEAD } from '../../../contract/people';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { todayLocal } from '../floor/common';
import { CancelEdit, RowActions } from './shared';
import { LeadTaskTable } from './LeadTaskTable';

/** Tasks for team leads with a due date: assigned here, done by the lead (here or on the routine page). */
export default function LeadTasks() {
  const { t } = useTranslation();
  const canAssign = hasAny(useMe(), ABOVE_LEAD);
  const tasks = useEndpoint(contract.people.tasks, {});
  const teams = useEndpoint(contract.platform.teams, {});
  const act = useAction();
  const done = useAction();
  // the leads of the teams the caller sees (a lead of several teams once)
  const leads = [...new Map((teams.data ?? []).filter((x) => x.lead_user_id).map((x) => [x.lead_user_id!, x.lead_name ?? ''])).entries()];
  const [f, setF] = useState({ leadId: '', title: '', dueOn: todayLocal() });
  // the open task being changed in the form (its lead stays: a task for another lead is a new task)
  const [editing, setEditing] = useState<number | null>(null);

  return (
    <Page title={t('setup.nav.tasks')}>
      <p className="hint">{t('setup.tasks.intro')}</p>
      <ErrorNote error={tasks.error ?? teams.error} />
      {canAssign && (
        <form
          className="card"
          data-testid="task-form"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              if (editing != null) await call(contract.people.updateTask, { params: { id: editing }, body: { title: f.title, dueOn: f.dueOn } });
              else await call(contract.people.createTask, { body: { leadId: Number(f.leadId), title: f.title, dueOn: f.dueOn } });
              setF({ ...f, title: '' });
              setEditing(null);
              await tasks.reload();
            });
          }}
        >
          <ErrorNote error={act.errorOutside(['leadId', 'title', 'dueOn'])} />
          <FieldRow>
            <Field label={t('setup.tasks.lead')} error={act.errorFor('leadId')}>
              <select name="leadId" value={f.leadId} disabled={editing != null} onChange={(e) => setF({ ...f, leadId: e.target.value })}>
                <option value="">—</option>
                {leads.map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('setup.tasks.title')} error={act.errorFor('title')} wide>
              <input name="title" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
            </Field>
            <Field label={t('setup.tasks.due')} error={act.errorFor('dueOn')}>
              <input name="dueOn" type="date" value={f.dueOn} onChange={(e) => setF({ ...f, dueOn: e.target.value })} />
            </Field>
          </FieldRow>
          <div className="form-row">
            <button type="submit">{editing != null ? t('setup.common.save') : t('setup.tasks.assign')}</button>
            {editing != null && (
              <CancelEdit
                onCancel={() => {
                  setEditing(null);
                  setF({ ...f, title: '', dueOn: todayLocal() });
                  act.clear();
                }}
              />
            )}
          </div>
        </form>
      )}
      <ErrorNote error={done.error} />
      <LeadTaskTable
        tasks={tasks.data ?? []}
        onDone={tasks.reload}
        actions={
          canAssign
            ? (x) =>
                !x.completed_on && (
                  <RowActions
                    name={x.title}
                    onEdit={() => {
                      setEditing(x.id);
                      setF({ leadId: String(x.lead_id), title: x.title, dueOn: x.due_on });
                      act.clear();
                    }}
                    onDelete={() =>
                      void done.run(async () => {
                        await call(contract.people.deleteTask, { params: { id: x.id } });
                        await tasks.reload();
                      })
                    }
                  />
                )
            : undefined
        }
      />
    </Page>
  );
}
