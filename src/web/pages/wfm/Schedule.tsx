import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { RunView } from '../../../contract/wfm';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, pct, Raw } from '../../components/ui';
import { fromLocalInput, hm, mdw, mondayOf, toLocalInput } from './util';
import { PeakRule } from './PeakRule';
import { fmtDateTime } from '../../format';

export default function Schedule() {
  const { t, i18n } = useTranslation();
  // where the week's requirement came from: upload, forecast:<id>, demo
  const reqSource = (src: string) =>
    src.startsWith('forecast:') ? `${t('wfm.reqSource.forecast')} #${src.slice(9)}` : t(`wfm.reqSource.${src}`, { defaultValue: src });
  const [week, setWeek] = useState(() => mondayOf(Date.now()));
  const [error, setError] = useState<string | null>(null);
  const reqs = useEndpoint(contract.wfm.requirements, {});
  const forecasts = useEndpoint(contract.wfm.forecasts, {});
  const runs = useEndpoint(contract.wfm.runs, {});
  const [runId, setRunId] = useState<number | null>(null);
  const run = useEndpoint(contract.wfm.run, runId ? { params: { id: runId } } : null);
  const [timeLimit, setTimeLimit] = useState('10');
  const [fc, setFc] = useState({ forecastId: '', targetSl: '0.8', thresholdS: '20', shrinkage: '0.3' });
  const [paste, setPaste] = useState('');
  const weekReqs = (reqs.data ?? []).filter((r) => r.week_start === week);
  const [tick, setTick] = useState(0);
  const wrap = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  // follow a running solve
  useEffect(() => {
    if (run.data?.run.status !== 'running') return;
    const h = setInterval(() => {
      setTick((x) => x + 1);
      void run.reload();
    }, 700);
    return () => clearInterval(h);
  }, [run.data?.run.status]);
  useEffect(() => {
    if (runId == null && runs.data?.length) {
      const r = runs.data.find((x) => x.week_start === week) ?? null;
      if (r) setRunId(r.id);
    }
  }, [runs.data, week, runId]);
  const option = useMemo(() => {
    const d = run.data;
    if (!d) return null;
    const labels = d.required.map((_, k) => `${mdw(d.weekStartTs + k * 900_000, i18n.language)} ${hm(d.weekStartTs + k * 900_000)}`);
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      dataZoom: [{ type: 'inside' }, { type: 'slider' }],
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', name: t('wfm.agents') },
      series: [
        { name: t('wfm.required'), type: 'line', step: 'end', data: d.required, symbol: 'none' },
        {
          name: t('wfm.scheduled'),
          type: 'line',
          step: 'end',
          data: d.coverage.map((c) => +c.toFixed(2)),
          symbol: 'none',
          areaStyle: { opacity: 0.2 },
        },
      ],
    };
  }, [run.data, t, i18n.language]);
  const status = run.data?.run.status;
  const elapsed = run.data?.run.progress?.startedAt ? Math.max(0, Math.round((Date.now() - run.data.run.created_at) / 1000)) : 0;
  void tick;
  return (
    <Page title={t('nav.schedule')}>
      <ErrorNote error={error} />
      <div className="form-row">
        <label>
          {t('wfm.week')}
          <input type="date" name="week" value={week} onChange={(e) => (setWeek(e.target.value), setRunId(null))} />
        </label>
      </div>
      <h3>{t('wfm.requirement')}</h3>
      <div className="form-row">
        <select aria-label={t('wfm.forecast')} value={fc.forecastId} onChange={(e) => setFc({ ...fc, forecastId: e.target.value })}>
          <option value="">{t('wfm.forecast')}</option>
          {(forecasts.data ?? []).map((f) => (
            <option key={f.id} value={f.id} translate="no">
              #{f.id} {f.queue} · {t(`wfm.model_${f.model}`, { defaultValue: f.model })}
            </option>
          ))}
        </select>
        <input aria-label={t('wfm.targetSl')} value={fc.targetSl} onChange={(e) => setFc({ ...fc, targetSl: e.target.value })} />
        <input aria-label={t('wfm.thresholdS')} value={fc.thresholdS} onChange={(e) => setFc({ ...fc, thresholdS: e.target.value })} />
        <input aria-label={t('wfm.shrinkage')} value={fc.shrinkage} onChange={(e) => setFc({ ...fc, shrinkage: e.target.value })} />
        <button
          disabled={!fc.forecastId}
          onClick={() =>
            wrap(
              async () => (
                await call(contract.wfm.createRequirement, {
                  body: {
                    weekStart: week,
                    forecastId: Number(fc.forecastId),
                    targetSl: Number(fc.targetSl),
                    thresholdS: Number(fc.thresholdS),
                    shrinkage: Number(fc.shrinkage),
                  },
                }),
                await reqs.reload()
              ),
            )
          }
        >
          {t('wfm.fromForecast')}
        </button>
      </div>
      <div className="form-row">
        <textarea aria-label={t('wfm.upload')} placeholder={t('wfm.upload')} value={paste} onChange={(e) => setPaste(e.target.value)} rows={2} />
        <button
          disabled={!paste.trim()}
          onClick={() =>
            wrap(
              async () => (
                await call(contract.wfm.createRequirement, {
                  body: {
                    weekStart: week,
                    required: paste
                      .split(/[\s,，]+/)
                      .filter(Boolean)
                      .map(Number),
                  },
                }),
                await reqs.reload()
              ),
            )
          }
        >
          {t('wfm.createRequirement')}
        </button>
      </div>
      <div className="form-row">
        <span data-testid="requirement-count">
          {t('wfm.requirement')}: {weekReqs.length ? `#${weekReqs[0].id} (${reqSource(weekReqs[0].source)})` : t('app.none')}
        </span>
        <label>
          {t('wfm.timeLimit')}
          <input name="timeLimit" value={timeLimit} onChange={(e) => setTimeLimit(e.target.value)} />
        </label>
        <button
          data-testid="run-solve"
          disabled={!weekReqs.length || status === 'running'}
          onClick={() =>
            wrap(async () => {
              const r = await call(contract.wfm.startRun, { body: { weekStart: week, requirementId: weekReqs[0]!.id, timeLimitS: Number(timeLimit) } });
              setRunId(r.id);
              await runs.reload();
            })
          }
        >
          {t('wfm.run')}
        </button>
      </div>
      {run.data && (
        <div data-testid="run-panel">
          <p>
            #{run.data.run.id} {t('wfm.status')}: <b data-testid="run-status">{t(`wfm.${status}`, { defaultValue: status })}</b>
            {status === 'running' && (
              <>
                {' '}
                {t('wfm.running')} {t('wfm.phase')}: {t(`wfm.phases.${run.data.run.progress.phase}`, { defaultValue: run.data.run.progress.phase })} ·{' '}
                {t('wfm.elapsed')} {elapsed}s / {run.data.run.time_limit_s}s{' '}
                <progress max={run.data.run.time_limit_s} value={Math.min(elapsed, run.data.run.time_limit_s)} />
              </>
            )}
            {run.data.run.summary && (
              <>
                {' '}
                · {t('wfm.objective')} {run.data.run.summary.objective.total.toFixed(1)} · {t('wfm.lpBound')} {run.data.run.summary.lpBound.toFixed(1)} ·{' '}
                {t('wfm.gap')} {pct(run.data.run.summary.gap)}
              </>
            )}
            {run.data.run.error && <span className="error"> {run.data.run.error}</span>}
            {status === 'done' && (
              <button
                data-testid="publish"
                onClick={() =>
                  wrap(async () => (await call(contract.wfm.publishRun, { params: { id: run.data!.run.id } }), await run.reload(), await runs.reload()))
                }
              >
                {t('wfm.publish')}
              </button>
            )}
          </p>
          {option && status !== 'running' && (
            <>
              <h3>{t('wfm.coverage')}</h3>
              <Chart option={option as any} height={320} testId="coverage-chart" />
              <ShiftTable shifts={run.data.shifts} onMoved={run.reload} setError={setError} />
            </>
          )}
        </div>
      )}
      <PeakSlots onError={setError} />
    </Page>
  );
}

function ShiftTable({ shifts, onMoved, setError }: { shifts: RunView['shifts']; onMoved: () => Promise<void>; setError: (e: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const [edit, setEdit] = useState<{ id: number; value: string } | null>(null);
  return (
    <table data-testid="shifts-table">
      <thead>
        <tr>
          <th>{t('wfm.agent')}</th>
          <th>{t('wfm.day')}</th>
          <th>{t('wfm.start')}</th>
          <th>{t('wfm.end')}</th>
          <th>{t('wfm.template')}</th>
          <th>{t('wfm.paidHours')}</th>
          <th>{t('app.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {shifts.slice(0, 400).map((s) => (
          <tr key={s.id}>
            <td>{s.agentName}</td>
            <td>{mdw(s.start, i18n.language)}</td>
            <td>{hm(s.start)}</td>
            <td>{hm(s.end)}</td>
            <td>
              <Raw>{s.templateCode}</Raw>
            </td>
            <td>{s.paidHours}</td>
            <td>
              {edit?.id === s.id ? (
                <>
                  <input
                    type="datetime-local"
                    aria-label={t('wfm.moveTo')}
                    value={edit!.value}
                    onChange={(e) => setEdit({ id: s.id, value: e.target.value })}
                  />
                  <button
                    onClick={async () => {
                      try {
                        // the version this edit started from: a change by someone else since → 409 wfm.staleShift
                        await call(contract.wfm.moveShift, { params: { id: s.id }, body: { start: fromLocalInput(edit!.value), baseUpdatedAt: s.updatedAt } });
                        setEdit(null);
                        setError(null);
                        await onMoved();
                      } catch (e) {
                        setError((e as Error).message);
                        // stale: show the reason and reload the schedule so the next edit starts from what is stored
                        if (e instanceof ApiError && e.status === 409) {
                          setEdit(null);
                          await onMoved();
                        }
                      }
                    }}
                  >
                    {t('app.save')}
                  </button>
                </>
              ) : (
                <button onClick={() => setEdit({ id: s.id, value: toLocalInput(s.start) })}>{t('wfm.move')}</button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PeakSlots({ onError }: { onError: (e: string | null) => void }) {
  const { t } = useTranslation();
  const slots = useEndpoint(contract.wfm.slots, {});
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(19, 0, 0, 0);
  const [f, setF] = useState<{ kind: 'peak' | 'vto'; title: string; start: string; end: string; capacity: string; bonus: string }>({
    kind: 'peak',
    title: '',
    start: toLocalInput(tomorrow.getTime()),
    end: toLocalInput(tomorrow.getTime() + 2 * 3600_000),
    capacity: '2',
    bonus: '5',
  });
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onError(null);
      await slots.reload();
    } catch (e) {
      onError((e as Error).message);
    }
  };
  return (
    <>
      <h3>{t('wfm.peakSlots')}</h3>
      <PeakRule />
      <div className="form-row" data-testid="slot-form">
        <select name="kind" aria-label={t('wfm.slotKind')} value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as 'peak' | 'vto' })}>
          <option value="peak">{t('wfm.peak')}</option>
          <option value="vto">{t('wfm.vto')}</option>
        </select>
        <input name="title" placeholder={t('wfm.title')} value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
        <input name="start" type="datetime-local" aria-label={t('wfm.start')} value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
        <input name="end" type="datetime-local" aria-label={t('wfm.end')} value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
        <input name="capacity" aria-label={t('wfm.capacity')} value={f.capacity} onChange={(e) => setF({ ...f, capacity: e.target.value })} />
        <input name="bonus" aria-label={t('wfm.bonus')} value={f.bonus} onChange={(e) => setF({ ...f, bonus: e.target.value })} />
        <button
          disabled={!f.title.trim()}
          onClick={() =>
            act(() =>
              call(contract.wfm.createSlot, {
                body: {
                  kind: f.kind,
                  title: f.title,
                  start: fromLocalInput(f.start),
                  end: fromLocalInput(f.end),
                  capacity: Number(f.capacity),
                  bonus: Number(f.bonus),
                },
              }),
            )
          }
        >
          {t('wfm.newSlot')}
        </button>
      </div>
      <table data-testid="slots-table">
        <thead>
          <tr>
            <th>{t('wfm.title')}</th>
            <th>{t('wfm.start')}</th>
            <th>{t('wfm.capacity')}</th>
            <th>{t('wfm.requests')}</th>
            <th>{t('wfm.status')}</th>
            <th>{t('app.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {(slots.data ?? []).map((s) => (
            <tr key={s.id}>
              <td>{s.title}</td>
              <td>
                {fmtDateTime(s.start_ts)} – {hm(s.end_ts)}
              </td>
              <td>{s.capacity}</td>
              <td>{s.requests.map((r) => `${r.name}${r.status === 'awarded' ? ' ✓' : ''}`).join('，')}</td>
              <td>{t(`wfm.slotStatus.${s.status}`, { defaultValue: s.status })}</td>
              <td>
                {s.status === 'open' && <button onClick={() => act(() => call(contract.wfm.confirmSlot, { params: { id: s.id } }))}>{t('wfm.confirm')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
