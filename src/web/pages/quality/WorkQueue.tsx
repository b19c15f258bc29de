import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { EvaluationForm, fmtTime, Recording } from './shared';

/** Queue rows a page; a queue of hundreds is paged so the scoring drawer never opens far below the row. */
const QUEUE_PAGE = 50;

interface Row {
  callId: string;
  agentName: string;
  queue: string;
  startedAt: number;
  duration: number;
  recording: string | null;
  reasons: string[];
}

/** The evaluator's work queue (sampled calls, a page at a time) and the scoring form in a drawer beside it. */
export default function WorkQueue() {
  const { t } = useTranslation();
  const [page, setPage] = useState(0);
  // one row more than a page says whether there is a next page
  const queue = useEndpoint(contract.quality.workQueue, { query: { limit: QUEUE_PAGE + 1, offset: page * QUEUE_PAGE } });
  const calls = useEndpoint(contract.quality.calls, { query: { unevaluated: true } });
  const templates = useEndpoint(contract.quality.templates, { query: { active: true } });
  const evaluators = useEndpoint(contract.quality.evaluators, {});
  const [open, setOpen] = useState<Row | null>(null);
  const [tplId, setTplId] = useState<string>('');
  const [done, setDone] = useState<string | null>(null);
  const [gen, setGen] = useState({ from: '', to: '' });
  const { error, run } = useAction();
  const tpl = (templates.data ?? []).find((x) => String(x.id) === tplId) ?? templates.data?.[0];
  const items = queue.data ?? [];
  const hasNext = items.length > QUEUE_PAGE;
  const rows: Row[] | null =
    items.length || page > 0
      ? items.slice(0, QUEUE_PAGE).map((q) => ({
          callId: q.call_id,
          agentName: q.agent_name,
          queue: q.queue,
          startedAt: q.started_at,
          duration: q.duration_s,
          recording: q.recording_url,
          reasons: q.reasons,
        }))
      : null;
  const fallback: Row[] = (calls.data ?? []).slice(0, 30).map((c) => ({
    callId: c.id,
    agentName: c.agent_name,
    queue: c.queue,
    startedAt: c.started_at,
    duration: c.duration_s,
    recording: c.recording_url,
    reasons: [],
  }));
  // Escape closes the drawer
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(null);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
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
              const r = await call(contract.quality.generateWorkQueue, { body: { ...gen, evaluatorIds: (evaluators.data ?? []).map((u) => u.id) } });
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
            <tr key={r.callId} data-call={r.callId} className={open?.callId === r.callId ? 'selected' : undefined}>
              <td>
                <Raw className="mono">{r.callId}</Raw>
              </td>
              <td>{r.agentName}</td>
              <td>
                <Raw>{r.queue}</Raw>
              </td>
              <td>{fmtTime(r.startedAt)}</td>
              <td>{r.duration}</td>
              <td>{r.reasons.map((x) => t(`qa.reason.${x}`)).join(' / ')}</td>
              <td>
                <Recording url={r.recording} />
              </td>
              <td>
                <button data-opens="qa-scoring" onClick={() => setOpen(r)}>
                  {t('qa.evaluate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows && (page > 0 || hasNext) && (
        <div className="form-row" data-testid="qa-queue-pages">
          <button className="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('qa.prevPage')}
          </button>
          <span>{t('qa.page', { n: page + 1 })}</span>
          <button className="secondary" disabled={!hasNext} onClick={() => setPage(page + 1)}>
            {t('qa.nextPage')}
          </button>
        </div>
      )}
      {open && tpl && (
        <aside className="drawer" role="dialog" aria-label={t('qa.scoring')} data-testid="qa-scoring-drawer">
          <div className="form-row" style={{ justifyContent: 'space-between' }}>
            <h2>
              {t('qa.call')} <Raw className="mono">{open.callId}</Raw> · {open.agentName} · <Recording url={open.recording} />
            </h2>
            <button className="secondary" onClick={() => setOpen(null)}>
              {t('app.close')}
            </button>
          </div>
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
              const r = await call(contract.quality.evaluate, { body: { callId: open.callId, templateId: tpl.id, answers, comment, timeSpentS } });
              setDone(t('qa.scored', { score: r.score == null ? '—' : Math.round(r.score * 10) / 10 }));
              setOpen(null);
              await Promise.all([queue.reload(), calls.reload()]);
            }}
          />
        </aside>
      )}
    </Page>
  );
}
