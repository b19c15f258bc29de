import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction, useEndpoint } from '../../../hooks';
import { contract } from '../../../../contract/index';
import { ErrorNote } from '../../../components/ui';
import { Field, FieldRow } from '../../../components/form';
import { optNum, req } from './shared';

const blank = { title: '', queue: '', timeLimitMin: '30', passPercent: '80', graceS: '', multiplePolicy: 'all_or_nothing', maxAttempts: '', cooldownHours: '' };
const FIELDS = ['title', 'queue', 'timeLimitMin', 'passPercent', 'graceS', 'multiplePolicy', 'maxAttempts', 'cooldownHours', 'questionIds'];

/** A trainer's new exam: its rules, the queue it certifies (one under certification) and its questions picked from the bank. */
export function ExamForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const bank = useEndpoint(contract.training.questions, {});
  const certQueues = useEndpoint(contract.training.certQueues, {});
  const [f, setF] = useState(blank);
  const [bankName, setBankName] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const act = useAction();
  const set = (k: keyof typeof blank) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const questions = bank.data?.questions ?? [];
  const shown = questions.filter((q) => !bankName || q.bank === bankName);
  const points = questions.filter((q) => picked.includes(q.id)).reduce((s, q) => s + q.points, 0);
  const toggle = (id: number, on: boolean) => setPicked(on ? [...picked, id] : picked.filter((x) => x !== id));
  const create = () =>
    act.run(async () => {
      await call(contract.training.createExam, {
        body: {
          title: f.title,
          queue: f.queue || null,
          questionIds: picked,
          timeLimitMin: req(f.timeLimitMin),
          passPercent: optNum(f.passPercent),
          graceS: optNum(f.graceS),
          multiplePolicy: f.multiplePolicy as 'all_or_nothing' | 'partial',
          maxAttempts: optNum(f.maxAttempts),
          cooldownHours: optNum(f.cooldownHours),
        },
      });
      setF(blank);
      setPicked([]);
      onCreated();
    });
  return (
    <div className="card" data-testid="exam-form-new">
      <h2>{t('trn.exam.new')}</h2>
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
            <input type="checkbox" checked={picked.includes(q.id)} onChange={(e) => toggle(q.id, e.target.checked)} /> {q.text}{' '}
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
      <button onClick={() => void create()}>{t('trn.exam.create')}</button>
    </div>
  );
}
