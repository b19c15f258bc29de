import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import type { surveyQuestion } from '../../../../contract/people';
import type { ResponseOf } from '../../../../contract/endpoint';
import { ErrorNote, Raw } from '../../../components/ui';
import { CancelEdit, RowActions } from '../../setup/shared';
import { Field, FieldRow } from '../../../components/form';
import { req } from './shared';

type Kind = 'single' | 'multiple' | 'scale' | 'text';
const KINDS: Kind[] = ['single', 'multiple', 'scale', 'text'];
interface Draft {
  kind: Kind;
  text: string;
  options: string[];
  min: string;
  max: string;
}
const blank = (): Draft => ({ kind: 'single', text: '', options: ['', ''], min: '1', max: '5' });

/** The survey's question ids are made here (q1, q2…): people never see or type them. */
function toInput(d: Draft, i: number): z.input<typeof surveyQuestion> {
  const id = `q${i + 1}`;
  if (d.kind === 'scale') return { id, kind: 'scale', text: d.text, min: req(d.min), max: req(d.max) };
  if (d.kind === 'text') return { id, kind: 'text', text: d.text };
  return { id, kind: d.kind, text: d.text, options: d.options };
}

type SurveyQuestion = ResponseOf<typeof contract.people.surveys>[number]['questions'][number];

/** A stored question back in the form's shape. */
function fromQuestion(q: SurveyQuestion): Draft {
  return {
    kind: q.kind,
    text: q.text,
    options: 'options' in q ? [...q.options] : ['', ''],
    min: 'min' in q ? String(q.min) : '1',
    max: 'max' in q ? String(q.max) : '5',
  };
}

/** Satisfaction surveys: admins and the center manager write them here; staff answer them under Employee voice. */
export function Surveys() {
  const { t } = useTranslation();
  const surveys = useEndpoint(contract.people.surveys, {});
  const [title, setTitle] = useState('');
  const [invited, setInvited] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([blank()]);
  // the survey being changed in the form, with its questions as loaded (sent again only when changed)
  const [editing, setEditing] = useState<{ id: number; title: string; drafts: Draft[] } | null>(null);
  const act = useAction();
  const rowAct = useAction();
  const setDraft = (i: number, d: Draft) => setDrafts(drafts.map((x, j) => (j === i ? d : x)));
  const reset = () => {
    setTitle('');
    setInvited('');
    setDrafts([blank()]);
    setEditing(null);
  };
  const create = () =>
    act.run(async () => {
      if (editing) {
        const changed = JSON.stringify(drafts) !== JSON.stringify(editing.drafts);
        await call(contract.people.updateSurvey, {
          params: { id: editing.id },
          body: { title, invited: req(invited), questions: changed ? drafts.map(toInput) : undefined },
        });
      } else await call(contract.people.createSurvey, { body: { title, invited: req(invited), questions: drafts.map(toInput) } });
      reset();
      await surveys.reload();
    });
  const rowChange = (fn: () => Promise<unknown>) =>
    void rowAct.run(async () => {
      await fn();
      await surveys.reload();
    });
  return (
    <>
      <div className="card" data-testid="survey-form">
        <h2>
          {editing ? (
            <>
              {t('edit.editing')}
              <Raw>{editing.title}</Raw>
            </>
          ) : (
            t('trn.survey.new')
          )}
        </h2>
        <p className="hint">{t('trn.survey.answerHint')}</p>
        <FieldRow>
          <Field label={t('trn.survey.title')} error={act.errorFor('title')}>
            <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
          </Field>
          <Field label={t('trn.survey.invited')} error={act.errorFor('invited')}>
            <input name="invited" type="number" value={invited} onChange={(e) => setInvited(e.target.value)} />
          </Field>
        </FieldRow>
        {drafts.map((d, i) => {
          const p = `questions.${i}`;
          return (
            <fieldset key={i} className="question" data-survey-question={i + 1}>
              <legend>
                {t('ppl.train.question')} {i + 1}
              </legend>
              <FieldRow>
                <Field label={t('trn.bank.type')} error={act.errorFor(`${p}.kind`)}>
                  <select name="kind" value={d.kind} onChange={(e) => setDraft(i, { ...d, kind: e.target.value as Kind })}>
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`trn.survey.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('trn.bank.text')} error={act.errorFor(`${p}.text`)} wide>
                  <input name="text" value={d.text} onChange={(e) => setDraft(i, { ...d, text: e.target.value })} />
                </Field>
              </FieldRow>
              {(d.kind === 'single' || d.kind === 'multiple') && (
                <FieldRow>
                  {d.options.map((o, k) => (
                    <Field key={k} label={t('trn.bank.option', { n: k + 1 })} error={act.errorFor(`${p}.options.${k}`)}>
                      <input
                        name={`option${k + 1}`}
                        value={o}
                        onChange={(e) => setDraft(i, { ...d, options: d.options.map((x, j) => (j === k ? e.target.value : x)) })}
                      />
                    </Field>
                  ))}
                  <button type="button" onClick={() => setDraft(i, { ...d, options: [...d.options, ''] })}>
                    {t('trn.bank.addOption')}
                  </button>
                  {d.options.length > 2 && (
                    <button type="button" onClick={() => setDraft(i, { ...d, options: d.options.slice(0, -1) })}>
                      {t('trn.bank.removeOption', { n: d.options.length })}
                    </button>
                  )}
                </FieldRow>
              )}
              {act.errorFor(`${p}.options`) && !d.options.some((_, k) => act.errorFor(`${p}.options.${k}`)) && (
                <span className="field-error" role="alert">
                  {act.errorFor(`${p}.options`)}
                </span>
              )}
              {d.kind === 'scale' && (
                <FieldRow>
                  <Field label={t('trn.survey.min')} error={act.errorFor(`${p}.min`)}>
                    <input name="min" type="number" value={d.min} onChange={(e) => setDraft(i, { ...d, min: e.target.value })} />
                  </Field>
                  <Field label={t('trn.survey.max')} error={act.errorFor(`${p}.max`)}>
                    <input name="max" type="number" value={d.max} onChange={(e) => setDraft(i, { ...d, max: e.target.value })} />
                  </Field>
                </FieldRow>
              )}
              {drafts.length > 1 && (
                <button type="button" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  {t('trn.bank.removeQuestion')}
                </button>
              )}
            </fieldset>
          );
        })}
        <ErrorNote error={act.errorOutside(['title', 'invited', 'questions'])} />
        <div className="form-row">
          <button type="button" onClick={() => setDrafts([...drafts, blank()])}>
            {t('trn.bank.addQuestion')}
          </button>
          <button type="button" data-testid="survey-create" onClick={() => void create()}>
            {editing ? t('setup.common.save') : t('trn.create')}
          </button>
          {editing && (
            <CancelEdit
              onCancel={() => {
                reset();
                act.clear();
              }}
            />
          )}
        </div>
      </div>
      <div className="card">
        <h2>{t('trn.survey.list')}</h2>
        <ErrorNote error={rowAct.error} />
        <table data-testid="survey-list">
          <tbody>
            {(surveys.data ?? []).map((s) => (
              <tr key={s.id}>
                <td>
                  <Raw>{s.title}</Raw>
                </td>
                <td>{t('trn.survey.questions', { n: s.questions.length })}</td>
                <td>
                  {t('trn.survey.invited')}: {s.invited}
                </td>
                <td>{t(s.open ? 'trn.survey.open' : 'trn.survey.closed')}</td>
                <td>
                  <span className="form-row" style={{ margin: 0, flexWrap: 'nowrap' }}>
                    <RowActions
                      name={s.title}
                      onEdit={() => {
                        const loaded = s.questions.map(fromQuestion);
                        setEditing({ id: s.id, title: s.title, drafts: loaded });
                        setTitle(s.title);
                        setInvited(String(s.invited));
                        setDrafts(loaded);
                        act.clear();
                      }}
                      onDelete={() => rowChange(() => call(contract.people.deleteSurvey, { params: { id: s.id } }))}
                    />
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => rowChange(() => call(contract.people.updateSurvey, { params: { id: s.id }, body: { open: !s.open } }))}
                    >
                      {s.open ? t('edit.close') : t('edit.reopen')}
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
