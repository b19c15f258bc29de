import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api';
import { useAction } from '../../../hooks';
import { contract } from '../../../../contract/index';
import type { StartedAttempt, SubmittedAttempt } from '../../../../contract/peopleTraining';
import { ErrorNote } from '../../../components/ui';
import { fmtTime } from '../common';

type Answer = number | number[] | boolean | string;

/** An agent's attempt: the questions as shuffled for this attempt, then the result (marks per question when released). */
export function TakeExam({ attempt, onDone }: { attempt: StartedAttempt; onDone: () => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [result, setResult] = useState<SubmittedAttempt | null>(null);
  const { error, run } = useAction();
  const set = (id: number, v: Answer) => setAnswers({ ...answers, [id]: v });
  const chosen = (id: number): number[] => {
    const v = answers[id];
    return Array.isArray(v) ? v : [];
  };
  if (result)
    return (
      <div className="card" data-testid="exam-result">
        <h2>{attempt.title}</h2>
        <p>
          {t('ppl.train.result')}: <b data-testid="exam-status">{t(`ppl.train.${result.status}`)}</b> {result.percent != null ? `${result.percent}%` : ''}
        </p>
        {result.certification && (
          <p className="ok">
            {t('ppl.train.certified')}: <span translate="no">{result.certification.queue}</span>
          </p>
        )}
        <p data-testid="attempts-left">
          {t('ppl.train.attemptsLeft')}: {result.attemptsLeft}
          {result.nextAttemptAt ? ` · ${t('ppl.train.nextAttemptAt')} ${fmtTime(result.nextAttemptAt)}` : ''}
        </p>
        {result.marksHidden ? (
          <p className="hint" data-testid="marks-hidden">
            {t('ppl.train.marksHidden')}
          </p>
        ) : (
          <table data-testid="exam-marks">
            <thead>
              <tr>
                <th>{t('ppl.train.question')}</th>
                <th>{t('ppl.train.awarded')}</th>
              </tr>
            </thead>
            <tbody>
              {(result.marks ?? []).map((m) => {
                const shown = attempt.questions.findIndex((q) => String(q.id) === m.questionId);
                return (
                  <tr key={m.questionId}>
                    <td>
                      {shown + 1}. {attempt.questions[shown]?.text}
                    </td>
                    <td>
                      {m.awarded ?? '—'} / {m.max}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <button onClick={onDone}>{t('app.back')}</button>
      </div>
    );
  return (
    <div className="card" data-testid="exam-form">
      <h2>{attempt.title}</h2>
      <p className="hint">
        {t('ppl.train.attemptOf', { n: attempt.attemptNo, max: attempt.maxAttempts })} · {t('ppl.train.deadline')} {fmtTime(attempt.deadline)}
      </p>
      {attempt.questions.map((q, i) => (
        <fieldset key={q.id} className="question" data-question={i + 1}>
          <legend>
            {i + 1}. {q.text} ({q.points})
          </legend>
          {q.kind === 'single' &&
            (q.options ?? []).map((o, k) => (
              <label key={k}>
                <input type="radio" name={`q${q.id}`} checked={answers[q.id] === k} onChange={() => set(q.id, k)} /> {o}
              </label>
            ))}
          {q.kind === 'multiple' &&
            (q.options ?? []).map((o, k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={chosen(q.id).includes(k)}
                  onChange={(e) => set(q.id, e.target.checked ? [...chosen(q.id), k] : chosen(q.id).filter((x) => x !== k))}
                />{' '}
                {o}
              </label>
            ))}
          {q.kind === 'true_false' &&
            [true, false].map((b) => (
              <label key={String(b)}>
                <input type="radio" name={`q${q.id}`} checked={answers[q.id] === b} onChange={() => set(q.id, b)} />{' '}
                {t(b ? 'ppl.train.true' : 'ppl.train.false')}
              </label>
            ))}
          {q.kind === 'short' && <textarea rows={3} aria-label={q.text} value={String(answers[q.id] ?? '')} onChange={(e) => set(q.id, e.target.value)} />}
        </fieldset>
      ))}
      <button onClick={() => run(async () => setResult(await call(contract.training.submitAttempt, { params: { id: attempt.attemptId }, body: { answers } })))}>
        {t('ppl.submit')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}
