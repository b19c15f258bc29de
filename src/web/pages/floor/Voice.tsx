import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api';
import { useApi } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { useAction } from './common';

/** 員工之聲: anonymous or named posts answered publicly by management; satisfaction surveys. */
export default function Voice() {
  const { t } = useTranslation();
  const me = useMe();
  const canReply = hasAny(me, ['admin', 'center_manager', 'duty_manager']);
  const canResults = hasAny(me, ['admin', 'center_manager', 'duty_manager', 'team_lead']);
  const posts = useApi<any[]>('/api/people/voice');
  const surveys = useApi<any[]>('/api/people/surveys');
  const [form, setForm] = useState({ kind: 'suggestion', text: '', anonymous: true });
  const [replies, setReplies] = useState<Record<number, string>>({});
  const [answers, setAnswers] = useState<Record<string, any>>({});
  const [results, setResults] = useState<Record<number, any>>({});
  const { error, run } = useAction();
  return (
    <Page title={t('ppl.nav.voice')}>
      <ErrorNote error={error} />
      <div className="card checkin">
        <h2>{t('ppl.voice.new')}</h2>
        <select aria-label={t('ppl.notes.kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
          {['suggestion', 'complaint', 'praise', 'question'].map((k) => (
            <option key={k} value={k}>
              {t(`ppl.voice.kind.${k}`)}
            </option>
          ))}
        </select>
        <textarea aria-label={t('ppl.notes.text')} rows={3} value={form.text} onChange={(e) => setForm({ ...form, text: e.target.value })} />
        <label>
          <input type="checkbox" checked={form.anonymous} onChange={(e) => setForm({ ...form, anonymous: e.target.checked })} /> {t('ppl.voice.anonymous')}
        </label>
        <button
          onClick={() =>
            run(async () => {
              await post('/api/people/voice', form);
              setForm({ ...form, text: '' });
              await posts.reload();
            })
          }
        >
          {t('ppl.submit')}
        </button>
      </div>
      {(posts.data ?? []).map((p) => (
        <div key={p.id} className="card">
          <div className="hint">
            {p.date} · {t(`ppl.voice.kind.${p.kind}`)} · {p.anonymous ? t('ppl.voice.anon') : p.author_name}
          </div>
          <p>{p.text}</p>
          {p.reply ? (
            <p className="ok">
              ↳ {t('ppl.voice.reply')}（{p.replied_by_name}）：{p.reply}
            </p>
          ) : (
            canReply && (
              <div className="form-row">
                <input aria-label={t('ppl.voice.answer')} value={replies[p.id] ?? ''} onChange={(e) => setReplies({ ...replies, [p.id]: e.target.value })} />
                <button
                  onClick={() =>
                    run(async () => {
                      await post(`/api/people/voice/${p.id}/reply`, { reply: replies[p.id] });
                      await posts.reload();
                    })
                  }
                >
                  {t('ppl.voice.answer')}
                </button>
              </div>
            )
          )}
        </div>
      ))}
      <h2>{t('ppl.voice.surveys')}</h2>
      {(surveys.data ?? []).map((s) => (
        <div key={s.id} className="card">
          <h3>
            {s.title} {s.answered && <span className="badge">{t('ppl.voice.answered')}</span>}
          </h3>
          {!s.answered && s.open && (
            <>
              {s.questions.map((q: any) => (
                <label key={q.id} style={{ display: 'block', margin: '6px 0' }}>
                  {q.text}{' '}
                  {q.kind === 'scale' && (
                    <select value={answers[`${s.id}:${q.id}`] ?? ''} onChange={(e) => setAnswers({ ...answers, [`${s.id}:${q.id}`]: Number(e.target.value) })}>
                      <option value="">—</option>
                      {Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i).map((v) => (
                        <option key={v} value={v}>
                          {v}
                        </option>
                      ))}
                    </select>
                  )}
                  {q.kind === 'single' && (
                    <select value={answers[`${s.id}:${q.id}`] ?? ''} onChange={(e) => setAnswers({ ...answers, [`${s.id}:${q.id}`]: Number(e.target.value) })}>
                      <option value="">—</option>
                      {q.options.map((o: string, i: number) => (
                        <option key={i} value={i}>
                          {o}
                        </option>
                      ))}
                    </select>
                  )}
                  {q.kind === 'text' && (
                    <input value={answers[`${s.id}:${q.id}`] ?? ''} onChange={(e) => setAnswers({ ...answers, [`${s.id}:${q.id}`]: e.target.value })} />
                  )}
                </label>
              ))}
              <button
                onClick={() =>
                  run(async () => {
                    const a = Object.fromEntries(
                      s.questions
                        .filter((q: any) => answers[`${s.id}:${q.id}`] !== undefined && answers[`${s.id}:${q.id}`] !== '')
                        .map((q: any) => [q.id, answers[`${s.id}:${q.id}`]]),
                    );
                    await post(`/api/people/surveys/${s.id}/answers`, { answers: a });
                    await surveys.reload();
                  })
                }
              >
                {t('ppl.submit')}
              </button>
            </>
          )}
          {canResults && (
            <button className="secondary" onClick={() => run(async () => setResults({ ...results, [s.id]: await get(`/api/people/surveys/${s.id}/results`) }))}>
              {t('ppl.voice.results')}
            </button>
          )}
          {results[s.id] && (
            <div>
              <p>
                {t('ppl.voice.responses')}: {results[s.id].responses} / {results[s.id].invited}
              </p>
              <ul className="plain">
                {results[s.id].questions.map((q: any, i: number) => (
                  <li key={q.id}>
                    {results[s.id].definition[i].text}: {q.kind === 'scale' ? (q.mean ?? '—') : q.kind === 'text' ? q.texts.join(' / ') : q.counts.join(' / ')}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      ))}
    </Page>
  );
}
