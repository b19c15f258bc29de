import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import type { z } from 'zod';
import type { questionInput } from '../../../../contract/peopleTraining';
import type { ResponseOf } from '../../../../contract/endpoint';
import { ErrorNote, Raw } from '../../../components/ui';
import { CancelEdit, RowActions } from '../../setup/shared';
import { Field, FieldRow } from '../../../components/form';

type Kind = 'single' | 'multiple' | 'true_false' | 'short';
const KINDS: Kind[] = ['single', 'multiple', 'true_false', 'short'];
/** A question being written: every kind's parts kept, so switching the type loses nothing typed. */
interface Draft {
  kind: Kind;
  text: string;
  options: string[];
  correct: number[];
  truth: boolean;
  points: string;
}
type QuestionIn = z.input<typeof questionInput>;

const blank = (): Draft => ({ kind: 'single', text: '', options: ['', ''], correct: [], truth: true, points: '10' });

type BankQuestion = ResponseOf<typeof contract.training.questions>['questions'][number];

/** A stored question back in the editor's shape (its answer key as the correct options or true/false). */
function fromQuestion(q: BankQuestion): Draft {
  const kind = q.kind as Kind;
  const correct = kind === 'single' ? [q.answer as number] : kind === 'multiple' ? (q.answer as number[]) : [];
  return { kind, text: q.text, options: q.options ?? ['', ''], correct, truth: q.answer === true, points: String(q.points) };
}

function toInput(d: Draft): QuestionIn {
  const points = Number(d.points);
  if (d.kind === 'single') return { kind: 'single', text: d.text, options: d.options, answer: d.correct[0]!, points };
  if (d.kind === 'multiple') return { kind: 'multiple', text: d.text, options: d.options, answers: d.correct, points };
  if (d.kind === 'true_false') return { kind: 'true_false', text: d.text, answer: d.truth, points };
  return { kind: 'short', text: d.text, points };
}

/** One question of the editor, its errors next to its parts (`questions.<i>.…` as the server names them). */
function QuestionEditor({
  i,
  d,
  onChange,
  onRemove,
  errorFor,
  at,
}: {
  i: number;
  d: Draft;
  onChange: (d: Draft) => void;
  onRemove?: () => void;
  errorFor: (p: string) => string | null;
  /** The field the server names this question by (default `questions.<i>`; one question being edited: `question`). */
  at?: string;
}) {
  const { t } = useTranslation();
  const p = at ?? `questions.${i}`;
  const setOption = (k: number, v: string) => onChange({ ...d, options: d.options.map((o, j) => (j === k ? v : o)) });
  const removeOption = (k: number) =>
    onChange({ ...d, options: d.options.filter((_, j) => j !== k), correct: d.correct.filter((c) => c !== k).map((c) => (c > k ? c - 1 : c)) });
  const markCorrect = (k: number, on: boolean) =>
    onChange({ ...d, correct: d.kind === 'single' ? [k] : on ? [...d.correct, k].sort((a, b) => a - b) : d.correct.filter((c) => c !== k) });
  const choice = d.kind === 'single' || d.kind === 'multiple';
  const answerError = errorFor(`${p}.answer`) ?? errorFor(`${p}.answers`);
  return (
    <fieldset className="question" data-question-editor={i + 1}>
      <legend>
        {t('ppl.train.question')} {i + 1}
      </legend>
      <FieldRow>
        <Field label={t('trn.bank.type')} error={errorFor(`${p}.kind`)}>
          <select name="kind" value={d.kind} onChange={(e) => onChange({ ...d, kind: e.target.value as Kind, correct: [] })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`trn.bank.kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('trn.bank.points')} error={errorFor(`${p}.points`)}>
          <input name="points" type="number" value={d.points} onChange={(e) => onChange({ ...d, points: e.target.value })} />
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('trn.bank.text')} error={errorFor(`${p}.text`)} wide>
          <textarea name="text" rows={2} value={d.text} onChange={(e) => onChange({ ...d, text: e.target.value })} />
        </Field>
      </FieldRow>
      {choice && (
        <>
          {d.options.map((o, k) => (
            <FieldRow key={k}>
              <Field label={t('trn.bank.option', { n: k + 1 })} error={errorFor(`${p}.options.${k}`)}>
                <input name={`option${k + 1}`} value={o} onChange={(e) => setOption(k, e.target.value)} />
              </Field>
              <label className="form-row">
                <input
                  type={d.kind === 'single' ? 'radio' : 'checkbox'}
                  name={`correct-${i}`}
                  aria-label={t('trn.bank.correctOption', { n: k + 1 })}
                  checked={d.correct.includes(k)}
                  onChange={(e) => markCorrect(k, e.target.checked)}
                />
                {t('trn.bank.correct')}
              </label>
              {d.options.length > 2 && (
                <button type="button" onClick={() => removeOption(k)} aria-label={t('trn.bank.removeOption', { n: k + 1 })}>
                  ×
                </button>
              )}
            </FieldRow>
          ))}
          {errorFor(`${p}.options`) && !d.options.some((_, k) => errorFor(`${p}.options.${k}`)) && (
            <span className="field-error" role="alert">
              {errorFor(`${p}.options`)}
            </span>
          )}
          {answerError && (
            <span className="field-error" role="alert">
              {t('trn.bank.correct')}: {answerError}
            </span>
          )}
          {d.options.length < 10 && (
            <button type="button" onClick={() => onChange({ ...d, options: [...d.options, ''] })}>
              {t('trn.bank.addOption')}
            </button>
          )}
        </>
      )}
      {d.kind === 'true_false' && (
        <Field label={t('trn.bank.correct')} error={answerError}>
          <select name="truth" value={String(d.truth)} onChange={(e) => onChange({ ...d, truth: e.target.value === 'true' })}>
            <option value="true">{t('ppl.train.true')}</option>
            <option value="false">{t('ppl.train.false')}</option>
          </select>
        </Field>
      )}
      {onRemove && (
        <button type="button" onClick={onRemove}>
          {t('trn.bank.removeQuestion')}
        </button>
      )}
    </fieldset>
  );
}

/** The answer key as a person reads it: the correct options' texts, true/false, or marked by hand. */
function answerText(q: { kind: string; options: string[] | null; answer: unknown }, t: (k: string) => string) {
  if (q.kind === 'true_false') return t(q.answer ? 'ppl.train.true' : 'ppl.train.false');
  if (q.kind === 'short') return t('trn.bank.noAnswerKey');
  const idx = Array.isArray(q.answer) ? (q.answer as number[]) : [q.answer as number];
  return idx.map((k) => q.options?.[k] ?? '?').join('、');
}

/** The question bank: write questions (all kinds, options, the correct answers, points) into a named bank; see the banks with their keys. */
export function QuestionBank() {
  const { t } = useTranslation();
  const list = useEndpoint(contract.training.questions, {});
  const [bank, setBank] = useState('');
  const [drafts, setDrafts] = useState<Draft[]>([blank()]);
  const [saved, setSaved] = useState<number | null>(null);
  const act = useAction();
  const rowAct = useAction();
  // the question being edited (its bank and content in a form of its own)
  const [edit, setEdit] = useState<{ id: number; bank: string; d: Draft } | null>(null);
  const editAct = useAction();
  const saveEdit = () =>
    editAct.run(async () => {
      await call(contract.training.updateQuestion, { params: { id: edit!.id }, body: { bank: edit!.bank, question: toInput(edit!.d) } });
      setEdit(null);
      await list.reload();
    });
  const rowChange = (fn: () => Promise<unknown>) =>
    void rowAct.run(async () => {
      await fn();
      await list.reload();
    });
  const save = () =>
    act.run(async () => {
      const r = await call(contract.training.addQuestions, { body: { bank, questions: drafts.map(toInput) } });
      setSaved(r.ids.length);
      setDrafts([blank()]);
      await list.reload();
    });
  return (
    <>
      <div className="card" data-testid="bank-form">
        <h2>{t('trn.bank.newQuestions')}</h2>
        <FieldRow>
          <Field label={t('trn.bank.name')} error={act.errorFor('bank')}>
            <input name="bank" list="bank-names" value={bank} onChange={(e) => setBank(e.target.value)} />
            <datalist id="bank-names">
              {(list.data?.banks ?? []).map((b) => (
                <option key={b.bank} value={b.bank} />
              ))}
            </datalist>
          </Field>
        </FieldRow>
        {drafts.map((d, i) => (
          <QuestionEditor
            key={i}
            i={i}
            d={d}
            errorFor={act.errorFor}
            onChange={(n) => setDrafts(drafts.map((x, j) => (j === i ? n : x)))}
            onRemove={drafts.length > 1 ? () => setDrafts(drafts.filter((_, j) => j !== i)) : undefined}
          />
        ))}
        <ErrorNote error={act.errorOutside(['bank', 'questions'])} />
        {act.errorFor('questions') && !drafts.some((_, i) => act.errorFor(`questions.${i}`)) && <ErrorNote error={act.errorFor('questions')} />}
        <div className="form-row">
          <button type="button" onClick={() => setDrafts([...drafts, blank()])}>
            {t('trn.bank.addQuestion')}
          </button>
          <button type="button" data-testid="bank-save" onClick={() => void save().then((ok) => !ok && setSaved(null))}>
            {t('trn.bank.save')}
          </button>
          {saved != null && !act.failure && (
            <span className="ok" data-testid="bank-saved">
              {t('trn.bank.saved', { n: saved })}
            </span>
          )}
        </div>
      </div>
      {edit && (
        <div className="card" data-testid="question-edit">
          <h2>
            {t('setup.common.edit')} · {t('ppl.train.question')} {edit.id}
          </h2>
          <FieldRow>
            <Field label={t('trn.bank.name')} error={editAct.errorFor('bank')}>
              <input name="bank" value={edit.bank} onChange={(e) => setEdit({ ...edit, bank: e.target.value })} />
            </Field>
          </FieldRow>
          <QuestionEditor i={0} at="question" d={edit.d} errorFor={editAct.errorFor} onChange={(d) => setEdit({ ...edit, d })} />
          <ErrorNote error={editAct.errorOutside(['bank', 'question'])} />
          <div className="form-row">
            <button type="button" data-testid="question-edit-save" onClick={() => void saveEdit()}>
              {t('setup.common.save')}
            </button>
            <CancelEdit
              onCancel={() => {
                setEdit(null);
                editAct.clear();
              }}
            />
          </div>
        </div>
      )}
      <div className="card">
        <h2>{t('trn.bank.banks')}</h2>
        <ErrorNote error={rowAct.error} />
        <table data-testid="bank-questions">
          <thead>
            <tr>
              <th>{t('trn.bank.name')}</th>
              <th>{t('trn.bank.type')}</th>
              <th>{t('trn.bank.text')}</th>
              <th>{t('trn.bank.correct')}</th>
              <th>{t('trn.bank.points')}</th>
              <th>{t('setup.common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(list.data?.questions ?? []).map((q) => (
              <tr key={q.id} data-question={q.id}>
                <td>
                  <Raw>{q.bank}</Raw>
                </td>
                <td>{t(`trn.bank.kind.${q.kind}`)}</td>
                <td>
                  <Raw>{q.text}</Raw>
                  {q.archived && <span className="hint"> · {t('edit.archived')}</span>}
                  {q.options && (
                    <div className="hint">
                      <Raw>{q.options.map((o, k) => `${k + 1}. ${o}`).join('　')}</Raw>
                    </div>
                  )}
                </td>
                <td>{answerText(q, t)}</td>
                <td>{q.points}</td>
                <td>
                  <span className="form-row" style={{ margin: 0, flexWrap: 'nowrap' }}>
                    <RowActions
                      name={q.text}
                      onEdit={() => {
                        setEdit({ id: q.id, bank: q.bank, d: fromQuestion(q) });
                        editAct.clear();
                      }}
                      onDelete={() => rowChange(() => call(contract.training.deleteQuestion, { params: { id: q.id } }))}
                    />
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => rowChange(() => call(contract.training.updateQuestion, { params: { id: q.id }, body: { archived: !q.archived } }))}
                    >
                      {q.archived ? t('edit.unarchive') : t('edit.archive')}
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
