import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import { ErrorNote } from '../../../components/ui';
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
  const [p, setP] = useState({ teamId: '', year: String(year), month: '', courseId: '' });
  const courseAct = useAction();
  const planAct = useAction();
  const teamName = (id: number) => teams.data?.find((x) => x.id === id)?.name ?? '—';
  const createCourse = () =>
    courseAct.run(async () => {
      await call(contract.training.createCourse, { body: { title: c.title, module: c.module.trim() || undefined, hours: optNum(c.hours) } });
      setC(blankCourse);
      await courses.reload();
    });
  const addPlan = () =>
    planAct.run(async () => {
      await call(contract.training.addPlanItem, { body: { teamId: req(p.teamId), year: req(p.year), month: req(p.month), courseId: req(p.courseId) } });
      setP({ ...p, month: '', courseId: '' });
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
            <button onClick={() => void createCourse()}>{t('trn.course.new')}</button>
          </div>
        )}
        <table>
          <thead>
            <tr>
              <th>{t('trn.course.title')}</th>
              <th>{t('trn.course.module')}</th>
              <th>{t('trn.course.hours')}</th>
            </tr>
          </thead>
          <tbody>
            {(courses.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>{x.title}</td>
                <td>{x.module ?? '—'}</td>
                <td>{x.hours}</td>
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
                  {(courses.data ?? []).map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.title}
                    </option>
                  ))}
                </select>
              </Field>
            </FieldRow>
            <ErrorNote error={planAct.errorOutside(['teamId', 'year', 'month', 'courseId'])} />
            <button onClick={() => void addPlan()}>{t('trn.plan.new')}</button>
          </>
        )}
        <table>
          <thead>
            <tr>
              <th>{t('ppl.train.month')}</th>
              <th>{t('ppl.team')}</th>
              <th>{t('ppl.train.courses')}</th>
            </tr>
          </thead>
          <tbody>
            {(plan.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>
                  {x.year}-{String(x.month).padStart(2, '0')}
                </td>
                <td>{teamName(x.team_id)}</td>
                <td>
                  {x.title} {x.module ? `· ${x.module}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isStaff && <Sessions courses={courses.data ?? []} teams={teams.data ?? []} isTrainer={isTrainer} />}
    </>
  );
}
