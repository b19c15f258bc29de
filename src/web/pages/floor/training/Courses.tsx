import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import { ErrorNote, Raw } from '../../../components/ui';
import { CancelEdit, RowActions } from '../../setup/shared';
import { Field, FieldRow } from '../../../components/form';
import { optNum, req } from './shared';
import { Sessions } from './Sessions';

const blankCourse = { title: '', module: '', hours: '' };

/** Courses (trainers create them), the annual plan per team and month, and the sessions (staff only). */
export function Courses({ isTrainer, isStaff, year }: { isTrainer: boolean; isStaff: boolean; year: number }) {
  const { t } = useTranslation();
  const courses = useEndpoint(contract.training.courses, {});
  const teams = useEndpoint(contract.platform.teams, {});
  const plan = useEndpoint(contract.training.plan, {});
  const [c, setC] = useState(blankCourse);
  const blankPlan = { teamId: '', year: String(year), month: '', courseId: '' };
  const [p, setP] = useState(blankPlan);
  // the course / plan item being edited in the form above its list (null: the form creates)
  const [courseEdit, setCourseEdit] = useState<{ id: number; title: string } | null>(null);
  const [planEdit, setPlanEdit] = useState<number | null>(null);
  const courseAct = useAction();
  const planAct = useAction();
  const rowAct = useAction();
  const teamName = (id: number) => teams.data?.find((x) => x.id === id)?.name ?? '—';
  const saveCourse = () =>
    courseAct.run(async () => {
      if (courseEdit)
        await call(contract.training.updateCourse, {
          params: { id: courseEdit.id },
          body: { title: c.title, module: c.module.trim(), hours: optNum(c.hours) },
        });
      else await call(contract.training.createCourse, { body: { title: c.title, module: c.module.trim() || undefined, hours: optNum(c.hours) } });
      setC(blankCourse);
      setCourseEdit(null);
      await courses.reload();
      await plan.reload();
    });
  const savePlan = () =>
    planAct.run(async () => {
      const body = { teamId: req(p.teamId), year: req(p.year), month: req(p.month), courseId: req(p.courseId) };
      if (planEdit != null) await call(contract.training.updatePlanItem, { params: { id: planEdit }, body });
      else await call(contract.training.addPlanItem, { body });
      setP({ ...p, month: '', courseId: '' });
      setPlanEdit(null);
      await plan.reload();
    });
  /** A row's change (archive, delete): its refusal shows above the list, in the user's language. */
  const rowChange = (fn: () => Promise<unknown>) =>
    void rowAct.run(async () => {
      await fn();
      await courses.reload();
      await plan.reload();
    });
  return (
    <>
      <div className="card" data-testid="courses">
        <h2>{t('ppl.train.courses')}</h2>
        {isTrainer && (
          <div data-testid="course-form">
            <FieldRow>
              <Field label={t('trn.course.title')} error={courseAct.errorFor('title')}>
                <input name="title" value={c.title} onChange={(e) => setC({ ...c, title: e.target.value })} />
              </Field>
              <Field label={t('trn.course.module')} error={courseAct.errorFor('module')} hint={t('trn.optional')}>
                <input name="module" value={c.module} onChange={(e) => setC({ ...c, module: e.target.value })} />
              </Field>
              <Field label={t('trn.course.hours')} error={courseAct.errorFor('hours')} hint={t('trn.optional')}>
                <input name="hours" type="number" value={c.hours} onChange={(e) => setC({ ...c, hours: e.target.value })} />
              </Field>
            </FieldRow>
            <ErrorNote error={courseAct.errorOutside(['title', 'module', 'hours'])} />
            <div className="form-row">
              <button onClick={() => void saveCourse()}>{courseEdit ? t('setup.common.save') : t('trn.course.new')}</button>
              {courseEdit && (
                <CancelEdit
                  onCancel={() => {
                    setCourseEdit(null);
                    setC(blankCourse);
                    courseAct.clear();
                  }}
                />
              )}
              {courseEdit && (
                <span className="hint" data-testid="course-editing">
                  {t('edit.editing')}
                  <Raw>{courseEdit.title}</Raw>
                </span>
              )}
            </div>
          </div>
        )}
        {isTrainer && <ErrorNote error={rowAct.error} />}
        <table data-testid="course-list">
          <thead>
            <tr>
              <th>{t('trn.course.title')}</th>
              <th>{t('trn.course.module')}</th>
              <th>{t('trn.course.hours')}</th>
              {isTrainer && <th>{t('setup.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {(courses.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>
                  <Raw>{x.title}</Raw>
                  {x.archived_at != null && <span className="hint"> · {t('edit.archived')}</span>}
                </td>
                <td>{x.module ? <Raw>{x.module}</Raw> : '—'}</td>
                <td>{x.hours}</td>
                {isTrainer && (
                  <td>
                    <span className="form-row" style={{ margin: 0, flexWrap: 'nowrap' }}>
                      <RowActions
                        name={x.title}
                        onEdit={() => {
                          setCourseEdit({ id: x.id, title: x.title });
                          setC({ title: x.title, module: x.module ?? '', hours: String(x.hours) });
                          courseAct.clear();
                        }}
                        onDelete={() => rowChange(() => call(contract.training.deleteCourse, { params: { id: x.id } }))}
                      />
                      <button
                        type="button"
                        className="secondary"
                        onClick={() =>
                          rowChange(() => call(contract.training.updateCourse, { params: { id: x.id }, body: { archived: x.archived_at == null } }))
                        }
                      >
                        {x.archived_at == null ? t('edit.archive') : t('edit.unarchive')}
                      </button>
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card" data-testid="plan">
        <h2>{t('ppl.train.plan')}</h2>
        {isTrainer && (
          <>
            <FieldRow>
              <Field label={t('ppl.team')} error={planAct.errorFor('teamId')}>
                <select name="teamId" value={p.teamId} onChange={(e) => setP({ ...p, teamId: e.target.value })}>
                  <option value=""></option>
                  {(teams.data ?? []).map((tm) => (
                    <option key={tm.id} value={tm.id}>
                      {tm.name}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('trn.plan.year')} error={planAct.errorFor('year')}>
                <input name="year" type="number" value={p.year} onChange={(e) => setP({ ...p, year: e.target.value })} />
              </Field>
              <Field label={t('trn.plan.month')} error={planAct.errorFor('month')}>
                <select name="month" value={p.month} onChange={(e) => setP({ ...p, month: e.target.value })}>
                  <option value=""></option>
                  {Array.from({ length: 12 }, (_, i) => (
                    <option key={i + 1} value={i + 1}>
                      {i + 1}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={t('trn.plan.course')} error={planAct.errorFor('courseId')}>
                <select name="courseId" value={p.courseId} onChange={(e) => setP({ ...p, courseId: e.target.value })}>
                  <option value=""></option>
                  {(courses.data ?? [])
                    .filter((x) => x.archived_at == null || String(x.id) === p.courseId)
                    .map((x) => (
                      <option key={x.id} value={x.id}>
                        {x.title}
                      </option>
                    ))}
                </select>
              </Field>
            </FieldRow>
            <ErrorNote error={planAct.errorOutside(['teamId', 'year', 'month', 'courseId'])} />
            <div className="form-row">
              <button onClick={() => void savePlan()}>{planEdit != null ? t('setup.common.save') : t('trn.plan.new')}</button>
              {planEdit != null && (
                <CancelEdit
                  onCancel={() => {
                    setPlanEdit(null);
                    setP(blankPlan);
                    planAct.clear();
                  }}
                />
              )}
            </div>
          </>
        )}
        <table>
          <thead>
            <tr>
              <th>{t('ppl.train.month')}</th>
              <th>{t('ppl.team')}</th>
              <th>{t('ppl.train.courses')}</th>
              {isTrainer && <th>{t('setup.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {(plan.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>
                  {x.year}-{String(x.month).padStart(2, '0')}
                </td>
                <td>
                  <Raw>{teamName(x.team_id)}</Raw>
                </td>
                <td>
                  <Raw>
                    {x.title} {x.module ? `· ${x.module}` : ''}
                  </Raw>
                </td>
                {isTrainer && (
                  <td>
                    <RowActions
                      name={x.title}
                      onEdit={() => {
                        setPlanEdit(x.id);
                        setP({ teamId: String(x.team_id), year: String(x.year), month: String(x.month), courseId: String(x.course_id) });
                        planAct.clear();
                      }}
                      onDelete={() => rowChange(() => call(contract.training.deletePlanItem, { params: { id: x.id } }))}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isStaff && <Sessions courses={courses.data ?? []} teams={teams.data ?? []} isTrainer={isTrainer} />}
    </>
  );
}
