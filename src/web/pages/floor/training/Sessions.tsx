import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import type { ResponseOf } from '../../../../contract/endpoint';
import { ErrorNote, Raw } from '../../../components/ui';
import { CancelEdit, RowActions } from '../../setup/shared';
import { Field, FieldRow } from '../../../components/form';
import { req } from './shared';
import { fmtTime } from '../common';
import { fromCenterInput, toCenterInput } from '../../../format';

type Session = ResponseOf<typeof contract.training.sessions>[number];
type Course = ResponseOf<typeof contract.training.courses>[number];
type Team = ResponseOf<typeof contract.platform.teams>[number];

/** A session's attendance: every agent of its team (all agents for a centre-wide session), ticked when present. */
function Attendance({ s, onSaved }: { s: Session; onSaved: () => void }) {
  const { t } = useTranslation();
  const agents = useEndpoint(
    contract.platform.agents,
    s.team_id != null ? { query: { teamId: s.team_id, status: 'active' } } : { query: { status: 'active' } },
  );
  const [present, setPresent] = useState<Set<number>>(new Set(s.present));
  const act = useAction();
  const save = () =>
    act.run(async () => {
      const attendance = (agents.data ?? []).map((a) => ({ agentId: a.id, present: present.has(a.id) }));
      await call(contract.training.sessionAttendance, { params: { id: s.id }, body: { attendance } });
      onSaved();
    });
  return (
    <div data-testid={`attendance-${s.id}`}>
      {(agents.data ?? []).map((a) => (
        <label key={a.id} style={{ marginRight: '1em' }}>
          <input
            type="checkbox"
            checked={present.has(a.id)}
            onChange={(e) => {
              const n = new Set(present);
              if (e.target.checked) n.add(a.id);
              else n.delete(a.id);
              setPresent(n);
            }}
          />{' '}
          {a.employee_no} {a.name}
        </label>
      ))}
      <ErrorNote error={act.error} />
      <button onClick={() => void save()}>{t('trn.session.saveAttendance')}</button>
    </div>
  );
}

/** Training sessions: trainers schedule them for a course and a team (or everyone) and record who came. */
export function Sessions({ courses, teams, isTrainer }: { courses: Course[]; teams: Team[]; isTrainer: boolean }) {
  const { t } = useTranslation();
  const sessions = useEndpoint(contract.training.sessions, {});
  const [f, setF] = useState({ courseId: '', teamId: '', startsAt: '' });
  const [open, setOpen] = useState<number | null>(null);
  // the session being changed in the form (null: the form schedules a new one)
  const [editing, setEditing] = useState<number | null>(null);
  const act = useAction();
  const rowAct = useAction();
  const teamName = (id: number | null) => (id == null ? t('trn.session.allTeams') : (teams.find((x) => x.id === id)?.name ?? '—'));
  const reset = () => {
    setF({ courseId: '', teamId: '', startsAt: '' });
    setEditing(null);
  };
  const save = () =>
    act.run(async () => {
      const body = {
        courseId: req(f.courseId),
        teamId: f.teamId ? Number(f.teamId) : null,
        // datetime-local is the center's wall clock; an empty one goes as is for the server to refuse by name
        startsAt: f.startsAt ? fromCenterInput(f.startsAt) : '',
      };
      if (editing != null) await call(contract.training.updateSession, { params: { id: editing }, body });
      else await call(contract.training.createSession, { body });
      reset();
      await sessions.reload();
    });
  /** The datetime-local value of an instant, on the center's wall clock. */
  const wall = toCenterInput;
  return (
    <div className="card" data-testid="sessions">
      <h2>{t('trn.session.title')}</h2>
      {isTrainer && (
        <>
          <FieldRow>
            <Field label={t('trn.plan.course')} error={act.errorFor('courseId')}>
              <select name="courseId" value={f.courseId} onChange={(e) => setF({ ...f, courseId: e.target.value })}>
                <option value=""></option>
                {courses
                  .filter((c) => c.archived_at == null || String(c.id) === f.courseId)
                  .map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.title}
                    </option>
                  ))}
              </select>
            </Field>
            <Field label={t('ppl.team')} error={act.errorFor('teamId')}>
              <select name="teamId" value={f.teamId} onChange={(e) => setF({ ...f, teamId: e.target.value })}>
                <option value="">{t('trn.session.allTeams')}</option>
                {teams.map((tm) => (
                  <option key={tm.id} value={tm.id}>
                    {tm.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('trn.session.startsAt')} error={act.errorFor('startsAt')}>
              <input name="startsAt" type="datetime-local" value={f.startsAt} onChange={(e) => setF({ ...f, startsAt: e.target.value })} />
            </Field>
          </FieldRow>
          <ErrorNote error={act.errorOutside(['courseId', 'teamId', 'startsAt'])} />
          <div className="form-row">
            <button onClick={() => void save()}>{editing != null ? t('setup.common.save') : t('trn.session.new')}</button>
            {editing != null && (
              <CancelEdit
                onCancel={() => {
                  reset();
                  act.clear();
                }}
              />
            )}
          </div>
          <ErrorNote error={rowAct.error} />
        </>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('trn.session.startsAt')}</th>
            <th>{t('trn.plan.course')}</th>
            <th>{t('ppl.team')}</th>
            <th>{t('trn.session.present')}</th>
            <th>{t('trn.session.absent')}</th>
            {isTrainer && <th></th>}
          </tr>
        </thead>
        <tbody>
          {(sessions.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{fmtTime(s.starts_at)}</td>
              <td>
                <Raw>{s.title}</Raw>
              </td>
              <td>{s.team_id == null ? teamName(null) : <Raw>{teamName(s.team_id)}</Raw>}</td>
              <td>{s.present.length}</td>
              <td>{s.absent.length}</td>
              {isTrainer && (
                <td>
                  {open === s.id ? (
                    <Attendance
                      s={s}
                      onSaved={() => {
                        setOpen(null);
                        void sessions.reload();
                      }}
                    />
                  ) : (
                    <span className="form-row" style={{ margin: 0, flexWrap: 'nowrap' }}>
                      <button data-opens="attendance" onClick={() => setOpen(s.id)}>
                        {t('trn.session.attendance')}
                      </button>
                      <RowActions
                        name={`${s.title} ${fmtTime(s.starts_at)}`}
                        onEdit={() => {
                          setEditing(s.id);
                          setF({ courseId: String(s.course_id), teamId: s.team_id == null ? '' : String(s.team_id), startsAt: wall(s.starts_at) });
                          act.clear();
                        }}
                        onDelete={() =>
                          void rowAct.run(async () => {
                            await call(contract.training.deleteSession, { params: { id: s.id } });
                            await sessions.reload();
                          })
                        }
                      />
                    </span>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
