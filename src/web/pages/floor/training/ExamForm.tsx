import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import { ErrorNote, Raw } from '../../../components/ui';
import { Field, FieldRow } from '../../../components/form';
import type { ResponseOf } from '../../../../contract/endpoint';
import { optNum, req } from './shared';
import { CancelEdit } from '../../setup/shared';

type ExamWire = ResponseOf<typeof contract.training.exams>[number];

const blank = { title: '', queue: '', timeLimitMin: '30', passPercent: '80', graceS: '', multiplePolicy: 'all_or_nothing', maxAttempts: '', cooldownHours: '' };
const FIELDS = ['title', 'queue', 'timeLimitMin', 'passPercent', 'graceS', 'multiplePolicy', 'maxAttempts', 'cooldownHours', 'questionIds'];

/** An exam's values as the form holds them. */
const fromExam = (e: ExamWire) => ({
  title: e.title,
  queue: e.queue ?? '',
  timeLimitMin: String(e.timeLimitMin),
  passPercent: String(e.passPercent),
  graceS: String(e.graceS),
  multiplePolicy: e.multiplePolicy,
  maxAttempts: String(e.maxAttempts),
  cooldownHours: String(e.cooldownHours),
});

/**
 * A trainer's exam: its rules, the queue it certifies (one under certification) and its questions picked
 * from the bank (archived ones are not offered). With `editing`, the same form changes that exam (the
 * server keeps the questions, pass mark, policy and queue of one with attempts, saying why).
 */
export function ExamForm({ onCreated, editing, onCancel }: { onCreated: () => void; editing?: ExamWire; onCancel?: () => void }) {
  const { t } = useTranslation();
  const bank = useEndpoint(contract.training.questions, {});
  const certQueues = useEndpoint(contract.training.certQueues, {});
  const [f, setF] = useState(editing ? fromExam(editing) : blank);
  const [bankName, setBankName] = useState('');
  const [picked, setPicked] = useState<number[]>(editing?.questionIds ?? []);
  const act = useAction();
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const questions = (bank.data?.questions ?? []).filter((q) => !q.archived || picked.includes(q.id));
  const shown = questions.filter((q) => !bankName || q.bank === bankName);
  const points = questions.filter((q) => picked.includes(q.id)).reduce((s, q) => s + q.points, 0);
  const toggle = (id: number, on: boolean) => setPicked(on ? [...picked, id] : picked.filter((x) => x !== id));
  const create = () =>
    act.run(async () => {
      const body = {
        title: f.title,
        queue: f.queue || null,
        questionIds: picked,
        timeLimitMin: req(f.timeLimitMin),
        passPercent: optNum(f.passPercent),
        graceS: optNum(f.graceS),
        multiplePolicy: f.multiplePolicy as 'all_or_nothing' | 'partial',
        maxAttempts: optNum(f.maxAttempts),
        cooldownHours: optNum(f.cooldownHours),
      };
      if (editing) {
        // only what changed is sent: an attempted exam's unchanged questions and pass mark are not "changes"
        const was = fromExam(editing);
        const same = JSON.stringify(picked) === JSON.stringify(editing.questionIds);
        await call(contract.training.updateExam, {
          params: { id: editing.id },
          body: {
            ...body,
            questionIds: same ? undefined : picked,
            passPercent: f.passPercent === was.passPercent ? undefined : body.passPercent,
            multiplePolicy: f.multiplePolicy === was.multiplePolicy ? undefined : body.multiplePolicy,
            queue: f.queue === was.queue ? undefined : body.queue,
          },
        });
      } else await call(contract.training.createExam, { body });
      setF(blank);
      setPicked([]);
      onCreated();
    });
  return (
    <div className="card" data-testid={editing ? 'exam-form-edit' : 'exam-form-new'}>
      <h2>{editing ? `${t('setup.common.edit')} · ${editing.title}` : t('trn.exam.new')}</h2>
      <FieldRow>
        <Field label={t('trn.exam.title')} error={act.errorFor('title')} wide>
          <input name="title" value={f.title} onChange={set('title')} />
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('ppl.train.queue')} error={act.errorFor('queue')} hint={t('trn.exam.queueHint')}>
          <select name="queue" value={f.queue} onChange={set('queue')}>
            <option value="">{t('trn.exam.noQueue')}</option>
            {(certQueues.data ?? []).map((q) => (
              <option key={q.queue} value={q.queue} translate="no">
                {q.queue}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('ppl.train.timeLimit')} error={act.errorFor('timeLimitMin')}>
          <input name="timeLimitMin" type="number" value={f.timeLimitMin} onChange={set('timeLimitMin')} />
        </Field>
        <Field label={t('trn.exam.passPercent')} error={act.errorFor('passPercent')}>
          <input name="passPercent" type="number" value={f.passPercent} onChange={set('passPercent')} />
        </Field>
        <Field label={t('trn.exam.graceS')} error={act.errorFor('graceS')} hint={t('trn.optional')}>
          <input name="graceS" type="number" value={f.graceS} onChange={set('graceS')} />
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('trn.exam.multiplePolicy')} error={act.errorFor('multiplePolicy')}>
          <select name="multiplePolicy" value={f.multiplePolicy} onChange={set('multiplePolicy')}>
            <option value="all_or_nothing">{t('trn.exam.policy.all_or_nothing')}</option>
            <option value="partial">{t('trn.exam.policy.partial')}</option>
          </select>
        </Field>
        <Field label={t('ppl.train.maxAttempts')} error={act.errorFor('maxAttempts')} hint={t('trn.optional')}>
          <input name="maxAttempts" type="number" value={f.maxAttempts} onChange={set('maxAttempts')} />
        </Field>
        <Field label={t('ppl.train.cooldownHours')} error={act.errorFor('cooldownHours')} hint={t('trn.optional')}>
          <input name="cooldownHours" type="number" value={f.cooldownHours} onChange={set('cooldownHours')} />
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('trn.exam.pickBank')}>
          <select name="bank" value={bankName} onChange={(e) => setBankName(e.target.value)}>
            <option value="">{t('trn.exam.allBanks')}</option>
            {(bank.data?.banks ?? []).map((b) => (
              <option key={b.bank} value={b.bank}>
                {b.bank} · {t('trn.bank.count', { n: b.questions })}
              </option>
            ))}
          </select>
        </Field>
      </FieldRow>
      <fieldset className="question" data-testid="exam-questions">
        <legend>{t('trn.exam.questions')}</legend>
        {shown.map((q) => (
          <label key={q.id} style={{ display: 'block' }}>
            <input type="checkbox" checked={picked.includes(q.id)} onChange={(e) => toggle(q.id, e.target.checked)} /> <Raw>{q.text}</Raw>{' '}
            <span className="hint">
              {t(`trn.bank.kind.${q.kind}`)} · {q.points}
            </span>
          </label>
        ))}
        <p className="hint">{t('trn.exam.chosen', { n: picked.length, points })}</p>
        {act.errorFor('questionIds') && (
          <span className="field-error" role="alert">
            {act.errorFor('questionIds')}
          </span>
        )}
      </fieldset>
      <ErrorNote error={act.errorOutside(FIELDS)} />
      <div className="form-row">
        <button onClick={() => void create()}>{editing ? t('setup.common.save') : t('trn.exam.create')}</button>
        {onCancel && <CancelEdit onCancel={onCancel} />}
      </div>
    </div>
  );
}
