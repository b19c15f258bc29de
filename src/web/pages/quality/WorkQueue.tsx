import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../api';
import { useAction, useApi } from '../../hooks';
import { ErrorNote, Page } from '../../components/ui';
import { EvaluationForm, fmtTime, Recording, type Template } from './shared';

/** The evaluator's work queue (sampled calls) and the evaluation form. */
export default function WorkQueue() {
  const { t } = useTranslation();
  const queue = useApi<any[]>('/api/quality/work-queue');
  const calls = useApi<any[]>('/api/quality/calls?unevaluated=true');
  const templates = useApi<{ id: number; template: Template; active: boolean }[]>('/api/quality/templates?active=true');
  const evaluators = useApi<any[]>('/api/quality/evaluators');
  const [open, setOpen] = useState<{ callId: string; agentName: string; recording: string | null } | null>(null);
  const [tplId, setTplId] = useState<string>('');
  const [done, setDone] = useState<string | null>(null);
  const [gen, setGen] = useState({ from: '', to: '' });
  const { error, run } = useAction();
  const tpl = (templates.data ?? []).find((x) => String(x.id) === tplId) ?? templates.data?.[0];
  const rows = queue.data?.length
    ? queue.data.map((q) => ({
        callId: q.call_id,
        agentName: q.agent_name,
        queue: q.queue,
        startedAt: q.started_at,
        duration: q.duration_s,
        recording: q.recording_url,
        reasons: q.reasons as string[],
      }))
    : null;
  const fallback = (calls.data ?? []).slice(0, 30).map((c) => ({
    callId: c.id,
    agentName: c.agent_name,
    queue: c.queue,
    startedAt: c.started_at,
    duration: c.duration_s,
    recording: c.recording_url,
    reasons: [] as string[],
  }));
  return (
    <Page title={t('nav.qaQueue')}>
      <fieldset className="form-grid">
        <legend>{t('qa.generate')}</legend>
        <label>
          {t('qa.from')}
          <input type="date" value={gen.from} onChange={(e) => setGen({ ...gen, from: e.target.value })} />
        </label>
        <label>
          {t('qa.to')}
          <input type="date" value={gen.to} onChange={(e) => setGen({ ...gen, to: e.target.value })} />
        </label>
        <button
          onClick={() =>
            run(async () => {
              const r = await post('/api/quality/work-queue/generate', { ...gen, evaluatorIds: (evaluators.data ?? []).map((u) => u.id) });
              setDone(t('qa.sampled', { n: r.sampled }));
              await queue.reload();
            })
          }
        >
          {t('qa.generate')}
        </button>
      </fieldset>
      <ErrorNote error={error ?? queue.error} />
      {done && <div className="ok">{done}</div>}
      <h2>{rows ? t('qa.myQueue') : t('qa.unevaluated')}</h2>
      <table data-testid="qa-queue">
        <thead>
          <tr>
            <th>{t('qa.call')}</th>
            <th>{t('qa.agent')}</th>
            <th>{t('qa.queue')}</th>
            <th>{t('qa.startedAt')}</th>
            <th>{t('qa.duration')}</th>
            <th>{t('qa.reasons')}</th>
            <th>{t('qa.recording')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(rows ?? fallback).map((r) => (
            <tr key={r.callId} data-call={r.callId}>
              <td className="mono">{r.callId}</td>
              <td>{r.agentName}</td>
              <td>{r.queue}</td>
              <td>{fmtTime(r.startedAt)}</td>
              <td>{r.duration}</td>
              <td>{r.reasons.map((x) => t(`qa.reason.${x}`)).join(' / ')}</td>
              <td>
                <Recording url={r.recording} />
              </td>
              <td>
                <button onClick={() => setOpen({ callId: r.callId, agentName: r.agentName, recording: r.recording })}>{t('qa.evaluate')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && tpl && (
        <div>
          <h2>
            {t('qa.call')} <span className="mono">{open.callId}</span> · {open.agentName} · <Recording url={open.recording} />
          </h2>
          <div className="form-row">
            <select aria-label={t('qa.template')} value={String(tpl.id)} onChange={(e) => setTplId(e.target.value)}>
              {(templates.data ?? []).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.template.name} v{x.template.version}
                </option>
              ))}
            </select>
          </div>
          <EvaluationForm
            key={`${open.callId}-${tpl.id}`}
            template={tpl.template}
            onSubmit={async (answers, comment, timeSpentS) => {
              const r = await post('/api/quality/evaluations', { callId: open.callId, templateId: tpl.id, answers, comment, timeSpentS });
              setDone(t('qa.scored', { score: r.score == null ? '—' : Math.round(r.score * 10) / 10 }));
              setOpen(null);
              await Promise.all([queue.reload(), calls.reload()]);
            }}
          />
        </div>
      )}
    </Page>
  );
}
