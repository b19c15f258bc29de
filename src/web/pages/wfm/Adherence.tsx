import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page, pct } from '../../components/ui';
import { hm, ymd } from './util';
import { fromCenterInput } from '../../format';

export default function Adherence() {
  const { t } = useTranslation();
  const [date, setDate] = useState(() => ymd(Date.now()));
  const [queue, setQueue] = useState('');
  const adh = useEndpoint(contract.wfm.adherence, { query: { date } });
  // agent states as words: notReady:<reason> says the reason as the schedule's activities do
  const stateLabel = (s: string) => {
    const [state, reason] = s.split(':');
    const label = t(`wfm.agentState.${state}`, { defaultValue: state });
    return reason ? `${label} · ${t(`live.reason.${reason}`, { defaultValue: reason })}` : label;
  };
  // intraday needs a forecast covering the day: offer the queues that have one, ask for nothing otherwise
  const fcs = useEndpoint(contract.wfm.forecasts, {});
  const dayMs = fromCenterInput(date);
  const queues = [...new Set((fcs.data ?? []).filter((f) => f.from_ts < dayMs + 86_400_000 && f.to_ts > dayMs).map((f) => f.queue))];
  const q = queues.includes(queue) ? queue : (queues[0] ?? '');
  const intra = useEndpoint(contract.wfm.intraday, q ? { query: { queue: q, date } } : null);
  const option = useMemo(() => {
    const d = intra.data;
    if (!d) return null;
    const actual = new Map(d.actuals.map((a) => [a.ts, a.offered]));
    const rem = new Map(d.remaining.map((r) => [r.ts, r]));
    return {
      tooltip: { trigger: 'axis' },
      legend: {},
      xAxis: { type: 'category', data: d.forecast.map((p) => hm(p.ts)) },
      yAxis: [
        { type: 'value', name: t('wfm.calls') },
        { type: 'value', name: t('wfm.staffingGap') },
      ],
      series: [
        { name: t('wfm.forecasted'), type: 'line', data: d.forecast.map((p) => +p.offered.toFixed(1)) },
        { name: t('wfm.actual'), type: 'bar', data: d.forecast.map((p) => actual.get(p.ts) ?? null) },
        { name: t('wfm.staffingGap'), type: 'line', yAxisIndex: 1, data: d.forecast.map((p) => rem.get(p.ts)?.gap ?? null) },
      ],
    };
  }, [intra.data, t]);
  return (
    <Page title={t('nav.adherence')}>
      <div className="form-row">
        <label>
          {t('wfm.date')}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </label>
      </div>
      <ErrorNote error={adh.error} />
      {adh.data && adh.data.total.scheduledS === 0 && (
        <p className="hint" data-testid="adherence-empty">
          {t('wfm.noScheduleForDay')}
        </p>
      )}
      {adh.data && adh.data.total.scheduledS > 0 && (
        <>
          <p data-testid="adherence-total">
            {t('wfm.adherence')} {pct(adh.data.total.adherence)} · {t('wfm.conformance')} {pct(adh.data.total.conformance)}
          </p>
          <table data-testid="adherence-table">
            <thead>
              <tr>
                <th>{t('wfm.agent')}</th>
                <th>{t('wfm.adherence')}</th>
                <th>{t('wfm.conformance')}</th>
                <th>{t('wfm.scheduledS')}</th>
              </tr>
            </thead>
            <tbody>
              {adh.data.agents.map((r) => (
                <tr key={r.agentId}>
                  <td>{r.name}</td>
                  <td>{pct(r.adherence)}</td>
                  <td>{pct(r.conformance)}</td>
                  <td>{(r.scheduledS / 3600).toFixed(1)} h</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('wfm.outOfAdherence')}</h3>
          <table data-testid="ooa-table">
            <thead>
              <tr>
                <th>{t('wfm.agent')}</th>
                <th>{t('wfm.start')}</th>
                <th>{t('wfm.end')}</th>
                <th>{t('wfm.activity')}</th>
                <th>{t('wfm.state')}</th>
              </tr>
            </thead>
            <tbody>
              {adh.data.outOfAdherence.slice(0, 300).map((o, i) => (
                <tr key={i}>
                  <td>{o.name}</td>
                  <td>{hm(o.start)}</td>
                  <td>{hm(o.end)}</td>
                  <td>{t(`wfm.${o.scheduled}`, { defaultValue: o.scheduled })}</td>
                  <td>{o.states.map(stateLabel).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('wfm.intraday')}</h3>
      <div className="form-row">
        {queues.length > 0 ? (
          <label>
            {t('wfm.queue')}
            <select value={q} onChange={(e) => setQueue(e.target.value)} translate="no">
              {queues.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
        ) : (
          fcs.data && (
            <p className="hint" data-testid="intraday-empty">
              {t('wfm.noForecastForDay')}
            </p>
          )
        )}
      </div>
      <ErrorNote error={intra.error} />
      {intra.data && intra.data.forecastId === null && (
        <p className="hint" data-testid="intraday-empty">
          {t('wfm.noForecastForDay')}
        </p>
      )}
      {intra.data && intra.data.forecastId !== null && (
        <>
          <p>
            {t('wfm.volumeRatio')} {intra.data.volumeRatio.toFixed(2)}
          </p>
          {intra.data.cover && (
            <p className="hint" data-testid="intraday-cover">
              {t('wfm.intradayCover', { agents: intra.data.cover.agents, others: intra.data.cover.otherAgents })}
            </p>
          )}
          <Chart option={option as any} testId="intraday-chart" />
        </>
      )}
    </Page>
  );
}
