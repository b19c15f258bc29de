import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import type { ResponseOf } from '../../../contract/endpoint';
import { contract } from '../../../contract/index';
import { VOICE_KINDS } from '../../../contract/peopleWire';
import { useAction, useEndpoint } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';

/** 員工之聲: anonymous or named posts answered publicly by management; satisfaction surveys. */
export default function Voice() {
  const { t } = useTranslation();
  const me = useMe();
  const canReply = hasAny(me, ['admin', 'center_manager', 'duty_manager']);
  const canResults = hasAny(me, ['admin', 'center_manager', 'duty_manager', 'team_lead']);
  const posts = useEndpoint(contract.people.voice, {});
  const surveys = useEndpoint(contract.people.surveys, {});
  const [form, setForm] = useState<{ kind: (typeof VOICE_KINDS)[number]; text: string; anonymous: boolean }>({ kind: 'suggestion', text: '', anonymous: true });
  const [replies, setReplies] = useState<Record<number, string>>({});
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [results, setResults] = useState<Record<number, ResponseOf<typeof contract.people.surveyResults>>>({});
  const { error, run } = useAction();
  return (
    <Page title={t('ppl.nav.voice')}>
      <ErrorNote error={error} />
      <div className="card checkin">
        <h2>{t('ppl.voice.new')}</h2>
        <select aria-label={t('ppl.notes.kind')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as (typeof VOICE_KINDS)[number] })}>
          {VOICE_KINDS.map((k) => (
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
              await call(contract.people.postVoice, { body: form });
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
                      await call(contract.people.replyVoice, { params: { id: p.id }, body: { reply: replies[p.id] ?? '' } });
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
              {s.questions.map((q) => (
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
                      {q.options.map((o, i) => (
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
                        .filter((q) => answers[`${s.id}:${q.id}`] !== undefined && answers[`${s.id}:${q.id}`] !== '')
                        .map((q) => [q.id, answers[`${s.id}:${q.id}`]!]),
                    );
                    await call(contract.people.answerSurvey, { params: { id: s.id }, body: { answers: a } });
                    await surveys.reload();
                  })
                }
              >
                {t('ppl.submit')}
              </button>
            </>
          )}
          {canResults && (
            <button
              className="secondary"
              onClick={() => run(async () => setResults({ ...results, [s.id]: await call(contract.people.surveyResults, { params: { id: s.id } }) }))}
            >
              {t('ppl.voice.results')}
            </button>
          )}
          {results[s.id] && (
            <div>
              <p>
                {t('ppl.voice.responses')}: {results[s.id].responses} / {results[s.id].invited}
              </p>
              <ul className="plain">
                {results[s.id]!.questions.map((q, i) => (
                  <li key={q.id}>
                    {results[s.id]!.definition[i]?.text}:{' '}
                    {q.kind === 'scale' ? (q.mean ?? '—') : q.kind === 'text' ? q.texts.join(' / ') : q.counts.join(' / ')}
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
