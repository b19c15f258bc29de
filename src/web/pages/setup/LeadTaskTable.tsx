import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction } from '../../hooks';
import { contract } from '../../../contract/index';
import type { ResponseOf } from '../../../contract/endpoint';
import { ErrorNote, Raw } from '../../components/ui';
import { Scroll } from './shared';

/**
 * The team leads' tasks with their due dates and a "done" button on the open ones: one table for the
 * task setup page (setup/LeadTasks) and the lead's shift routine (floor/Routine). `onDone` reloads
 * what the page shows after a task is marked done; `actions`, when given, fills a last column (edit / delete on the setup page).
 */
type Task = ResponseOf<typeof contract.people.tasks>[number];
export function LeadTaskTable({ tasks, onDone, actions }: { tasks: Task[]; onDone: () => Promise<unknown>; actions?: (task: Task) => ReactNode }) {
  const { t } = useTranslation();
  const done = useAction();
  return (
    <>
      <ErrorNote error={done.error} />
      <Scroll>
        <table data-testid="tasks">
          <thead>
            <tr>
              <th>{t('setup.tasks.lead')}</th>
              <th>{t('setup.tasks.title')}</th>
              <th>{t('setup.tasks.due')}</th>
              <th>{t('setup.tasks.done')}</th>
              {actions && <th>{t('setup.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {tasks.map((x) => (
              <tr key={x.id}>
                <td>
                  <Raw>{x.lead_name}</Raw>
                </td>
                <td>
                  <Raw>{x.title}</Raw>
                </td>
                <td>{x.due_on}</td>
                <td>
                  {x.completed_on ?? (
                    <button
                      className="secondary"
                      onClick={() =>
                        void done.run(async () => {
                          await call(contract.people.completeTask, { params: { id: x.id }, body: {} });
                          await onDone();
                        })
                      }
                    >
                      {t('setup.tasks.complete')}
                    </button>
                  )}
                </td>
                {actions && <td>{actions(x)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {tasks.length === 0 && <p className="hint">{t('setup.common.none')}</p>}
    </>
  );
}
