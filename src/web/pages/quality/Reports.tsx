import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { reportGroups, type QaReport } from '../../../contract/quality';
import { Chart } from '../../components/Chart';
import { ErrorNote, Figure, Page, pct } from '../../components/ui';
import { fmtScore } from './shared';

/** QA reports: rates per month with linear trend lines (the seed's chart), per group, most-failed items. */
export default function Reports() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<(typeof reportGroups)[number]>('team');
  const [fromMonth, setFrom] = useState('');
  const [toMonth, setTo] = useState('');
  // teams are not in the typed contract yet (platform): only id and name are read
  const teams = useEndpoint(contract.platform.teams, {});
  const [teamId, setTeamId] = useState('');
  const r = useEndpoint(contract.quality.reports, {
    query: { groupBy, ...(fromMonth ? { fromMonth } : {}), ...(toMonth ? { toMonth } : {}), ...(teamId ? { teamId: Number(teamId) } : {}) },
  });
  const d = r.data;
  const option = useMemo(() => {
    if (!d) return null;
    const fit = (tr: QaReport['trend']['fatalRate']) => (tr ? tr.fitted.map((v) => Math.round(v * 10000) / 100) : []);
    const p = (v: number | null) => (v == null ? null : Math.round(v * 10000) / 100);
    return {
      tooltip: { trigger: 'axis' as const },
      legend: {},
      xAxis: { type: 'category' as const, data: d.months },
      yAxis: [
        { type: 'value' as const, axisLabel: { formatter: '{value}%' } },
        { type: 'value' as const, min: 0, max: 100 },
      ],
      series: [
        { name: t('qa.reports.nonFatalRate'), type: 'line' as const, data: d.series.map((s) => p(s.nonFatalRate)), connectNulls: false },
        { name: t('qa.reports.fatalRate'), type: 'line' as const, data: d.series.map((s) => p(s.fatalRate)) },
        {
          name: `${t('qa.reports.trend')}(${t('qa.reports.nonFatalRate')})`,
          type: 'line' as const,
          data: fit(d.trend.nonFatalRate),
          lineStyle: { type: 'dashed' as const },
          symbol: 'none',
        },
        {
          name: `${t('qa.reports.trend')}(${t('qa.reports.fatalRate')})`,
          type: 'line' as const,
          data: fit(d.trend.fatalRate),
          lineStyle: { type: 'dashed' as const },
          symbol: 'none',
        },
        {
          name: t('qa.reports.average'),
          type: 'bar' as const,
          yAxisIndex: 1,
          data: d.series.map((s) => (s.averageScore == null ? null : Math.round(s.averageScore * 10) / 10)),
          itemStyle: { opacity: 0.25 },
        },
      ],
    };
  }, [d, t]);
  return (
    <Page title={t('nav.qaReports')}>
      <div className="form-row">
        <label>
          {t('qa.reports.groupBy')}{' '}
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
            {(['team', 'agent', 'evaluator', 'month'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`qa.reports.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <select aria-label={t('qa.reports.team')} value={teamId} onChange={(e) => setTeamId(e.target.value)}>
          <option value="">{t('app.all')}</option>
          {(teams.data ?? []).map((tm) => (
            <option key={tm.id} value={tm.id}>
              {tm.name}
            </option>
          ))}
        </select>
        <input type="month" aria-label={t('qa.from')} value={fromMonth} onChange={(e) => setFrom(e.target.value)} />
        <input type="month" aria-label={t('qa.to')} value={toMonth} onChange={(e) => setTo(e.target.value)} />
      </div>
      <ErrorNote error={r.error} />
      {d && (
        <>
          <div className="cards">
            <div className="card">
              <div className="kpi-label">{t('qa.reports.evaluations')}</div>
              <div className="kpi">{d.total.evaluations}</div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('qa.reports.average')}</div>
              <div className="kpi">{fmtScore(d.total.averageScore)}</div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('qa.reports.fatalRate')}</div>
              <div className="kpi">
                <Figure value={d.total.fatalRate} format={pct} />
              </div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('qa.reports.nonFatalRate')}</div>
              <div className="kpi">
                <Figure value={d.total.nonFatalRate} format={pct} />
              </div>
            </div>
          </div>
          {option && <Chart option={option} testId="qa-trend-chart" />}
          <table data-testid="qa-report-groups">
            <thead>
              <tr>
                <th>{t(`qa.reports.${d.groupBy}`)}</th>
                <th>{t('qa.reports.evaluations')}</th>
                <th>{t('qa.reports.average')}</th>
                <th>{t('qa.reports.fatalRate')}</th>
                <th>{t('qa.reports.nonFatalRate')}</th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.key}>
                  <td>{g.name}</td>
                  <td>{g.evaluations}</td>
                  <td>{fmtScore(g.averageScore)}</td>
                  <td>
                    <Figure value={g.fatalRate} format={pct} />
                  </td>
                  <td>
                    <Figure value={g.nonFatalRate} format={pct} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('qa.reports.mostFailed')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('qa.item')}</th>
                <th>{t('qa.reports.times')}</th>
                <th>{t('qa.reports.failRate')}</th>
              </tr>
            </thead>
            <tbody>
              {d.mostFailed.map((i) => (
                <tr key={i.itemId}>
                  <td>
                    {i.label} {i.fatal && <span className="badge">{t('qa.fatal')}</span>}
                  </td>
                  <td>
                    {i.failed} / {i.scored}
                  </td>
                  <td>{pct(i.failRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
