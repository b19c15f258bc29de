import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { TRAINERS, type StartedAttempt, type SubmittedAttempt } from '../../../contract/peopleTraining';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { fmtTime, useAction } from './common';
import { fmtDate } from '../../format';

type Answer = number | number[] | boolean | string;

function TakeExam({ attempt, onDone }: { attempt: StartedAttempt; onDone: () => void }) {
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
            {t('ppl.train.certified')}: <Raw>{result.certification.queue}</Raw>
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
          {q.kind === 'short' && <textarea rows={3} value={String(answers[q.id] ?? '')} onChange={(e) => set(q.id, e.target.value)} />}
        </fieldset>
      ))}
      <button onClick={() => run(async () => setResult(await call(contract.training.submitAttempt, { params: { id: attempt.attemptId }, body: { answers } })))}>
        {t('ppl.submit')}
      </button>
      <ErrorNote error={error} />
    </div>
  );
}

/** Exams (agents take them), queues under certification, certifications with the go-live action, warnings, marking. */
export default function Training() {
  const { t } = useTranslation();
  const me = useMe();
  const isAgent = me.agentId != null && hasAny(me, ['agent']);
  const isTrainer = hasAny(me, TRAINERS);
  const canAssign = hasAny(me, ['admin', 'center_manager']);
  const exams = useEndpoint(contract.training.exams, {});
  const certs = useEndpoint(contract.training.certifications, {});
  const warnings = useEndpoint(contract.training.certWarnings, {});
  const certQueues = useEndpoint(contract.training.certQueues, {});
  const pending = useEndpoint(contract.training.pendingMarking, isTrainer ? {} : null);
  const plan = useEndpoint(contract.training.plan, {});
  const [attempt, setAttempt] = useState<StartedAttempt | null>(null);
  const [newQueue, setNewQueue] = useState('');
  const [marks, setMarks] = useState<Record<string, string>>({});
  const [limits, setLimits] = useState<Record<number, { maxAttempts: string; cooldownHours: string }>>({});
  const [liveDone, setLiveDone] = useState<Record<string, boolean>>({});
  const { error, run } = useAction();
  if (attempt)
    return (
      <Page title={t('ppl.nav.training')}>
        <TakeExam
          attempt={attempt}
          onDone={() => {
            setAttempt(null);
            void certs.reload();
            void exams.reload();
          }}
        />
      </Page>
    );
  const setLive = (agentId: number, queue: string) =>
    run(async () => {
      const a = await call(contract.platform.agent, { params: { id: agentId } });
      await call(contract.platform.updateAgent, { params: { id: agentId }, body: { queues: [...new Set([...a.queues, queue])] } });
      setLiveDone({ ...liveDone, [`${agentId}:${queue}`]: true });
    });
  return (
    <Page title={t('ppl.nav.training')}>
      <ErrorNote error={error} />
      <div className="card">
        <h2>{t('ppl.train.exams')}</h2>
        <table data-testid="exams">
          <thead>
            <tr>
              <th>{t('ppl.train.exams')}</th>
              <th>{t('ppl.train.queue')}</th>
              <th>{t('ppl.train.timeLimit')}</th>
              <th>{t('ppl.train.maxAttempts')}</th>
              <th>{t('ppl.train.cooldownHours')}</th>
              {isAgent && <th>{t('ppl.train.attemptsLeft')}</th>}
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(exams.data ?? []).map((e) => {
              const lim = limits[e.id] ?? { maxAttempts: String(e.maxAttempts), cooldownHours: String(e.cooldownHours) };
              const setLim = (k: 'maxAttempts' | 'cooldownHours', v: string) => setLimits({ ...limits, [e.id]: { ...lim, [k]: v } });
              return (
                <tr key={e.id} data-exam-row={e.id}>
                  <td>{e.title}</td>
                  <td>{e.queue ? <Raw>{e.queue}</Raw> : '—'}</td>
                  <td>{e.timeLimitMin}</td>
                  <td>
                    {isTrainer ? (
                      <input
                        aria-label={t('ppl.train.maxAttempts')}
                        type="number"
                        min={1}
                        size={3}
                        value={lim.maxAttempts}
                        onChange={(x) => setLim('maxAttempts', x.target.value)}
                      />
                    ) : (
                      e.maxAttempts
                    )}
                  </td>
                  <td>
                    {isTrainer ? (
                      <input
                        aria-label={t('ppl.train.cooldownHours')}
                        type="number"
                        min={0}
                        size={4}
                        value={lim.cooldownHours}
                        onChange={(x) => setLim('cooldownHours', x.target.value)}
                      />
                    ) : (
                      e.cooldownHours
                    )}
                  </td>
                  {isAgent && (
                    <td data-testid="exam-attempts-left">
                      {e.attemptsLeft}
                      {e.nextAttemptAt ? ` · ${t('ppl.train.nextAttemptAt')} ${fmtTime(e.nextAttemptAt)}` : ''}
                    </td>
                  )}
                  <td>
                    {isAgent &&
                      (e.attemptsLeft === 0 ? (
                        <span className="hint">{t('ppl.train.noAttemptsLeft')}</span>
                      ) : (
                        <button
                          data-exam={e.id}
                          disabled={!!e.nextAttemptAt}
                          onClick={() => run(async () => setAttempt(await call(contract.training.startAttempt, { params: { id: e.id } })))}
                        >
                          {t('ppl.train.start')}
                        </button>
                      ))}
                    {isTrainer && (
                      <>
                        <button
                          onClick={() =>
                            run(async () => {
                              await call(contract.training.updateExamLimits, {
                                params: { id: e.id },
                                body: { maxAttempts: Number(lim.maxAttempts), cooldownHours: Number(lim.cooldownHours) },
                              });
                              await exams.reload();
                            })
                          }
                        >
                          {t('ppl.train.saveLimits')}
                        </button>{' '}
                        {e.marksReleased ? (
                          <span className="hint"> {t('ppl.train.marksReleased')}</span>
                        ) : (
                          <button
                            data-release={e.id}
                            onClick={() =>
                              run(async () => {
                                await call(contract.training.releaseMarks, { params: { id: e.id } });
                                await exams.reload();
                              })
                            }
                          >
                            {t('ppl.train.releaseMarks')}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>{t('ppl.train.certifications')}</h2>
        <table data-testid="certifications">
          <thead>
            <tr>
              <th>{t('ppl.agent')}</th>
              <th>{t('ppl.train.queue')}</th>
              <th>{t('ppl.train.result')}</th>
              <th>{t('ppl.train.validUntil')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {(certs.data ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.agent_name}</td>
                <td>
                  <Raw>{c.queue}</Raw>
                </td>
                <td>{c.percent}%</td>
                <td>{fmtDate(c.valid_until)}</td>
                <td>
                  {canAssign &&
                    (liveDone[`${c.agent_id}:${c.queue}`] ? (
                      <span className="ok" data-testid="live-ok">
                        {t('ppl.train.live')}
                      </span>
                    ) : (
                      <button data-setlive={`${c.agent_id}:${c.queue}`} onClick={() => setLive(c.agent_id, c.queue)}>
                        {t('ppl.train.setLive')}
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(warnings.data ?? []).length > 0 && (
        <div className="card">
          <h2>{t('ppl.train.warnings')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('ppl.agent')}</th>
                <th>{t('ppl.train.queue')}</th>
                <th>{t('ppl.train.daysLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.data!.map((w, i) => (
                <tr key={i} className={w.status === 'expired' ? 'bad' : 'warn'}>
                  <td>{w.agentName}</td>
                  <td>
                    <Raw>{w.queueId}</Raw>
                  </td>
                  <td>{w.daysLeft}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h2>{t('ppl.train.certQueues')}</h2>
        <p>
          {(certQueues.data ?? []).map((q) => (
            <span key={q.queue} className="badge">
              <Raw>{q.queue}</Raw> ({q.validity_days}d)
            </span>
          ))}
        </p>
        {isTrainer && (
          <div className="form-row">
            <input aria-label={t('ppl.train.queue')} value={newQueue} onChange={(e) => setNewQueue(e.target.value)} />
            <button
              onClick={() =>
                run(async () => {
                  await call(contract.training.putCertQueue, { params: { queue: newQueue.trim() }, body: {} });
                  setNewQueue('');
                  await certQueues.reload();
                })
              }
            >
              {t('ppl.train.addCertQueue')}
            </button>
          </div>
        )}
      </div>
      {isTrainer && (pending.data ?? []).length > 0 && (
        <div className="card">
          <h2>{t('ppl.train.pendingMarking')}</h2>
          {pending.data!.map((p) => (
            <div key={p.id} className="form-row">
              <b>{p.agent_name}</b> · {p.title}
              {(p.result?.pendingManual ?? []).map((qid) => (
                <span key={qid}>
                  “{String(p.answers[qid] ?? '')}”{' '}
                  <input
                    aria-label={`${t('ppl.train.mark')} ${qid}`}
                    size={4}
                    value={marks[`${p.id}:${qid}`] ?? ''}
                    onChange={(e) => setMarks({ ...marks, [`${p.id}:${qid}`]: e.target.value })}
                  />
                </span>
              ))}
              <button
                onClick={() =>
                  run(async () => {
                    const m = Object.fromEntries((p.result?.pendingManual ?? []).map((qid) => [qid, Number(marks[`${p.id}:${qid}`] ?? 0)]));
                    await call(contract.training.markAttempt, { params: { id: p.id }, body: { marks: m } });
                    await pending.reload();
                  })
                }
              >
                {t('ppl.train.mark')}
              </button>
            </div>
          ))}
        </div>
      )}
      <div className="card">
        <h2>{t('ppl.train.plan')}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('ppl.train.month')}</th>
              <th>{t('ppl.team')}</th>
              <th>{t('ppl.train.courses')}</th>
            </tr>
          </thead>
          <tbody>
            {(plan.data ?? []).map((p) => (
              <tr key={p.id}>
                <td>
                  {p.year}-{String(p.month).padStart(2, '0')}
                </td>
                <td>{p.team_id}</td>
                <td>
                  {p.title} {p.module ? `· ${p.module}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
