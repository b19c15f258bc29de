import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, pct, Waiting } from '../../components/ui';
import { Field, FieldError } from '../../components/form';
import { fromLocalInput, hm, mdw, toLocalInput } from './util';
import { fmtDate } from '../../format';

const DAY = 86_400_000;
type Adj = { from: string; to: string; percent: string };
/** The interval choice as the contract takes it (the select offers only these). */
const intervalOf = (s: string) => Number(s) as 15 | 30 | 60;

/** Planner: backtest the models, generate a forecast version (holiday calendar, adjustments), history vs forecast. */
export default function Forecast() {
  const { t, i18n } = useTranslation();
  const queues = useEndpoint(contract.wfm.historyQueues, {});
  const versions = useEndpoint(contract.wfm.forecasts, {});
  const [q, setQ] = useState({ queue: '', intervalMin: '30', weeks: '1', model: 'holtWinters', weeksAhead: '1' });
  const [bt, setBt] = useState<{ model: string; wape: number; mape: number; intervals: number }[] | null>(null);
  const [adj, setAdj] = useState<Adj[]>([]);
  const [versionId, setVersionId] = useState<number | null>(null);
  const [view, setView] = useState<{ points: { ts: number; offered: number }[]; history: { ts: number; offered: number }[]; intervalMin: number } | null>(null);
  const fe = useAction();

  useEffect(() => {
    if (!q.queue && queues.data?.length) setQ((x) => ({ ...x, queue: queues.data![0]!.queue, intervalMin: String(queues.data![0]!.interval_min) }));
  }, [queues.data]);
  // the chosen version with the history of the two weeks before it (and any actuals inside it)
  useEffect(() => {
    if (!versionId) return;
    let live = true;
    void (async () => {
      const v = await call(contract.wfm.forecast, { params: { id: versionId } });
      const from = v.forecast.from_ts - 14 * DAY;
      const history = await call(contract.wfm.history, {
        query: { queue: v.forecast.queue, intervalMin: v.forecast.interval_min, from, to: v.forecast.to_ts },
      });
      if (live) setView({ points: v.points, history, intervalMin: v.forecast.interval_min });
    })().catch((e) => fe.run(() => Promise.reject(e)));
    return () => {
      live = false;
    };
  }, [versionId]);

  const backtest = () =>
    fe.run(async () => setBt(await call(contract.wfm.backtest, { body: { queue: q.queue, intervalMin: intervalOf(q.intervalMin), weeks: Number(q.weeks) } })));
  const generate = () =>
    fe.run(async () => {
      const adjustments = adj.map((a) => ({ fromTs: fromLocalInput(a.from), toTs: fromLocalInput(a.to), percent: Number(a.percent) }));
      const r = await call(contract.wfm.createForecast, {
        body: {
          queue: q.queue,
          intervalMin: intervalOf(q.intervalMin),
          model: q.model as 'holtWinters' | 'seasonalNaive',
          weeksAhead: Number(q.weeksAhead),
          adjustments,
        },
      });
      await versions.reload();
      setVersionId(r.id);
    });

  const btOption = useMemo(
    () =>
      bt && {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
        legend: {},
        xAxis: { type: 'category', data: bt.map((r) => t(`wfm.model_${r.model}`)) },
        yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: [
          { name: 'WAPE', type: 'bar', data: bt.map((r) => +(r.wape * 100).toFixed(1)), label: { show: true, position: 'top', formatter: '{c}%' } },
          { name: 'MAPE', type: 'bar', data: bt.map((r) => +(r.mape * 100).toFixed(1)), label: { show: true, position: 'top', formatter: '{c}%' } },
        ],
      },
    [bt, t],
  );
  const fcOption = useMemo(() => {
    if (!view) return null;
    const im = view.intervalMin * 60_000;
    const ts = [...new Set([...view.history.map((h) => h.ts), ...view.points.map((p) => p.ts)])].sort((a, b) => a - b);
    const hist = new Map(view.history.map((h) => [h.ts, h.offered]));
    const fc = new Map(view.points.map((p) => [p.ts, p.offered]));
    const label = (x: number) => `${mdw(x, i18n.language)} ${hm(x)}`;
    void im;
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      dataZoom: [{ type: 'inside' }, { type: 'slider' }],
      xAxis: { type: 'category', data: ts.map(label) },
      yAxis: { type: 'value', name: t('wfm.calls') },
      series: [
        { name: t('wfm.actual'), type: 'line', showSymbol: false, data: ts.map((x) => hist.get(x) ?? null) },
        {
          name: t('wfm.forecasted'),
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed' },
          data: ts.map((x) => (fc.has(x) ? +fc.get(x)!.toFixed(2) : null)),
        },
      ],
    };
  }, [view, t, i18n.language]);
  const best = bt && [...bt].sort((a, b) => a.wape - b.wape)[0];

  return (
    <Page title={t('nav.forecast')}>
      <ErrorNote error={queues.error ?? versions.error} />
      <div className="form-row" data-testid="forecast-form">
        <Field label={t('wfm.queue')} error={fe.errorFor('queue')}>
          <input name="queue" list="wfm-queues" value={q.queue} onChange={(e) => setQ({ ...q, queue: e.target.value })} />
          <datalist id="wfm-queues">
            {(queues.data ?? []).map((x) => (
              <option key={`${x.queue}-${x.interval_min}`} value={x.queue} />
            ))}
          </datalist>
        </Field>
        <Field label={t('wfm.intervalMin')} error={fe.errorFor('intervalMin')}>
          <select name="intervalMin" value={q.intervalMin} onChange={(e) => setQ({ ...q, intervalMin: e.target.value })}>
            {['15', '30', '60'].map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </Field>
        <Field label={t('wfm.heldOutWeeks')} error={fe.errorFor('weeks')}>
          <input name="weeks" value={q.weeks} onChange={(e) => setQ({ ...q, weeks: e.target.value })} inputMode="numeric" size={3} />
        </Field>
        <button data-testid="run-backtest" onClick={backtest}>
          {t('wfm.backtest')}
        </button>
      </div>
      {bt && (
        <section data-testid="backtest">
          <h3>{t('wfm.backtestTitle')}</h3>
          <Chart option={btOption as any} height={240} testId="backtest-chart" />
          <table data-testid="backtest-table">
            <thead>
              <tr>
                <th>{t('wfm.model')}</th>
                <th>WAPE</th>
                <th>MAPE</th>
                <th>{t('wfm.intervals')}</th>
              </tr>
            </thead>
            <tbody>
              {bt.map((r) => (
                <tr key={r.model}>
                  <td>
                    {t(`wfm.model_${r.model}`)}
                    {r === best ? ' ★' : ''}
                  </td>
                  <td>{pct(r.wape)}</td>
                  <td>{pct(r.mape)}</td>
                  <td>{r.intervals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <HolidayCalendar />

      <h3>{t('wfm.adjustments')}</h3>
      <table data-testid="adjustments-table">
        <thead>
          <tr>
            <th>{t('wfm.start')}</th>
            <th>{t('wfm.end')}</th>
            <th>{t('wfm.percent')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {adj.map((a, i) => (
            <tr key={i}>
              <td>
                <input
                  type="datetime-local"
                  name={`adj-${i}-from`}
                  aria-label={t('wfm.start')}
                  value={a.from}
                  onChange={(e) => setAdj(adj.map((x, j) => (j === i ? { ...x, from: e.target.value } : x)))}
                />
              </td>
              <td>
                <input
                  type="datetime-local"
                  name={`adj-${i}-to`}
                  aria-label={t('wfm.end')}
                  value={a.to}
                  onChange={(e) => setAdj(adj.map((x, j) => (j === i ? { ...x, to: e.target.value } : x)))}
                />
                <FieldError error={fe.errorFor(`adjustments.${i}.toTs`)} />
              </td>
              <td>
                <input
                  name={`adj-${i}-percent`}
                  aria-label={t('wfm.percent')}
                  value={a.percent}
                  inputMode="decimal"
                  size={6}
                  onChange={(e) => setAdj(adj.map((x, j) => (j === i ? { ...x, percent: e.target.value } : x)))}
                />
                <FieldError error={fe.errorFor(`adjustments.${i}.percent`)} />
              </td>
              <td>
                <button onClick={() => setAdj(adj.filter((_, j) => j !== i))}>{t('wfm.remove')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-row">
        <button onClick={() => setAdj([...adj, { from: toLocalInput(Date.now()), to: toLocalInput(Date.now() + 3_600_000), percent: '10' }])}>
          {t('wfm.addAdjustment')}
        </button>
      </div>

      <div className="form-row" data-testid="generate-form">
        <Field label={t('wfm.model')} error={fe.errorFor('model')}>
          <select name="model" value={q.model} onChange={(e) => setQ({ ...q, model: e.target.value })}>
            <option value="holtWinters">{t('wfm.model_holtWinters')}</option>
            <option value="seasonalNaive">{t('wfm.model_seasonalNaive')}</option>
          </select>
        </Field>
        <Field label={t('wfm.weeksAhead')} error={fe.errorFor('weeksAhead')}>
          <input name="weeksAhead" value={q.weeksAhead} onChange={(e) => setQ({ ...q, weeksAhead: e.target.value })} inputMode="numeric" size={3} />
        </Field>
        <button data-testid="generate-forecast" onClick={generate}>
          {t('wfm.generate')}
        </button>
      </div>
      <ErrorNote
        error={fe.errorOutside([
          'queue',
          'intervalMin',
          'weeks',
          'model',
          'weeksAhead',
          ...adj.flatMap((_, i) => [`adjustments.${i}.toTs`, `adjustments.${i}.percent`]),
        ])}
      />

      <h3>{t('wfm.versions')}</h3>
      <div className="form-row">
        <select
          name="version"
          aria-label={t('wfm.versions')}
          data-testid="version-select"
          value={versionId ?? ''}
          onChange={(e) => setVersionId(e.target.value ? Number(e.target.value) : null)}
        >
          <option value="">—</option>
          {(versions.data ?? []).map((v) => (
            <option key={v.id} value={v.id} translate="no">
              #{v.id} {v.queue} · {t(`wfm.model_${v.model}`, { defaultValue: v.model })} · {fmtDate(Number(v.from_ts))}–{fmtDate(Number(v.to_ts) - 1)}
            </option>
          ))}
        </select>
      </div>
      {fcOption && (
        <>
          <h3>{t('wfm.historyVsForecast')}</h3>
          <Chart option={fcOption as any} height={320} testId="forecast-chart" />
          <p data-testid="forecast-total">
            {t('wfm.forecastTotal')}: {Math.round(view!.points.reduce((s, p) => s + p.offered, 0))}
          </p>
        </>
      )}
    </Page>
  );
}

type HolidayDraft = { date: string; name: string; factor: string };
/** The stored calendar as the rows edit it (a factor left empty is learned from history). */
const holidayRows = (d: { date: string; name?: string | null; factor?: number | null }[]): HolidayDraft[] =>
  d.map((h) => ({ date: h.date, name: h.name ?? '', factor: h.factor == null ? '' : String(h.factor) }));

/** The center's holiday calendar (dates, names, factors), edited as rows and saved at once. */
function HolidayCalendar() {
  const { t } = useTranslation();
  const calendar = useEndpoint(contract.wfm.holidays, {});
  const he = useAction();
  // the rows wait for the stored calendar: a holiday typed before it arrives would be overwritten
  const [hol, setHol] = useStoredForm(calendar.data, holidayRows);
  if (!hol)
    return (
      <>
        <h3>{t('wfm.holidayCalendar')}</h3>
        <Waiting error={calendar.error} />
      </>
    );
  const saveCalendar = () =>
    he.run(async () => {
      const body = hol.map((h) => ({ date: h.date, ...(h.name ? { name: h.name } : {}), ...(h.factor.trim() !== '' ? { factor: Number(h.factor) } : {}) }));
      // the rows show what is stored now
      const stored = await call(contract.wfm.putHolidays, { body });
      calendar.setData(stored);
      setHol(holidayRows(stored));
    });
  return (
    <>
      <h3>{t('wfm.holidayCalendar')}</h3>
      <table data-testid="holidays-table">
        <thead>
          <tr>
            <th>{t('wfm.date')}</th>
            <th>{t('wfm.holidayName')}</th>
            <th>{t('wfm.factor')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {hol.map((h, i) => (
            <tr key={i}>
              <td>
                <input
                  type="date"
                  name={`holiday-${i}-date`}
                  aria-label={t('wfm.date')}
                  value={h.date}
                  onChange={(e) => setHol(hol.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)))}
                />
                <FieldError error={he.errorFor(`${i}.date`)} />
              </td>
              <td>
                <input
                  name={`holiday-${i}-name`}
                  aria-label={t('wfm.holidayName')}
                  value={h.name}
                  onChange={(e) => setHol(hol.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
                />
              </td>
              <td>
                <input
                  name={`holiday-${i}-factor`}
                  aria-label={t('wfm.factor')}
                  value={h.factor}
                  placeholder={t('wfm.factorLearned')}
                  inputMode="decimal"
                  size={6}
                  onChange={(e) => setHol(hol.map((x, j) => (j === i ? { ...x, factor: e.target.value } : x)))}
                />
                <FieldError error={he.errorFor(`${i}.factor`)} />
              </td>
              <td>
                <button onClick={() => setHol(hol.filter((_, j) => j !== i))}>{t('wfm.remove')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-row">
        <button onClick={() => setHol([...hol, { date: '', name: '', factor: '' }])}>{t('wfm.addHoliday')}</button>
        <button data-testid="save-holidays" onClick={saveCalendar}>
          {t('wfm.saveCalendar')}
        </button>
      </div>
      <ErrorNote error={he.errorOutside(hol.flatMap((_, i) => [`${i}.date`, `${i}.factor`]))} />
    </>
  );
}
