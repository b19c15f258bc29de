import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { downloadTable, type ExportFormat } from '../../export';
import { Chart } from '../../components/Chart';
import { ErrorNote, Figure, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { payrollCells } from './payroll';
import { fmtTotal, ScorecardLines } from './shared';
import { fmtDateTime, centerToday } from '../../format';

/** The center's last month, YYYY-MM. */
const lastMonth = () => {
  const [y, m] = centerToday().split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 2, 1)).toISOString().slice(0, 7);
};

/** Monthly ranking computed from stored facts; publish (with a note when a figure is late); payroll export; figures upload. */
export default function Ranking() {
  const { t } = useTranslation();
  const me = useMe();
  const isManager = hasAny(me, ['admin', 'center_manager']);
  const [month, setMonth] = useState(lastMonth());
  const sc = useEndpoint(contract.performance.scorecards, { query: { month } });
  const teams = useEndpoint(contract.platform.teams, {});
  const [note, setNote] = useState('');
  const [csv, setCsv] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const { error, run } = useAction();
  const [openAgent, setOpenAgent] = useState<string | null>(null);
  const teamName = (id: string) => (teams.data ?? []).find((x) => String(x.id) === id)?.name ?? id;
  const d = sc.data;
  const chart = useMemo(() => {
    if (!d) return null;
    const by = new Map<string, number[]>();
    for (const c of d.cards) if (c.total != null) by.set(c.teamId, [...(by.get(c.teamId) ?? []), c.total]);
    const rows = [...by.entries()].map(([k, v]) => ({ team: teamName(k), avg: v.reduce((a, x) => a + x, 0) / v.length })).sort((a, b) => b.avg - a.avg);
    return {
      tooltip: {},
      title: { text: t('perf.teamAverage'), textStyle: { fontSize: 14 } },
      xAxis: { type: 'category' as const, data: rows.map((r) => r.team) },
      yAxis: { type: 'value' as const, min: (v: { min: number }) => Math.floor(v.min - 5) },
      series: [{ type: 'bar' as const, data: rows.map((r) => Math.round(r.avg * 10) / 10), label: { show: true, position: 'top' as const } }],
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [d, teams.data, t]);
  // the published month's cards, written with the user's headers and the figures as shown here
  const exportPayroll = (format: ExportFormat) =>
    run(async () => {
      const pub = await call(contract.performance.published, { query: { month } });
      const cells = payrollCells(t, pub.cards, pub.publication.kpis, teamName);
      await downloadTable(cells, format, `${t('perf.payroll.fileName')}-${month}`, month);
    });
  const act = (fn: () => Promise<string>) =>
    run(async () => {
      setMsg(await fn());
      await sc.reload();
    });
  return (
    <Page
      title={t('nav.ranking')}
      actions={
        isManager && (
          <>
            <button type="button" data-testid="payroll-csv" onClick={() => void exportPayroll('csv')}>
              {t('perf.export')} CSV
            </button>{' '}
            <button type="button" data-testid="payroll-xlsx" onClick={() => void exportPayroll('xlsx')}>
              {t('perf.export')} Excel
            </button>
          </>
        )
      }
    >
      <div className="form-row">
        <input type="month" aria-label={t('perf.month')} value={month} onChange={(e) => setMonth(e.target.value)} />
        {d &&
          (d.publication ? (
            <span className="badge ok">
              {t('perf.published')} {fmtDateTime(d.publication.publishedAt)} {d.publication.note}
            </span>
          ) : (
            <span className="badge">{t('perf.notPublished')}</span>
          ))}
      </div>
      {isManager && (
        <div className="form-row">
          <input
            name="publish-note"
            aria-label={t('perf.publishNote')}
            placeholder={t('perf.publishNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            style={{ flex: 1 }}
          />
          <button
            onClick={() =>
              act(async () => {
                await call(contract.performance.publish, { params: { month }, body: { note } });
                return t('perf.published');
              })
            }
          >
            {t('perf.publish')}
          </button>
        </div>
      )}
      <ErrorNote error={error ?? sc.error} />
      {msg && <div className="ok">{msg}</div>}
      {chart && <Chart option={chart} height={260} testId="ranking-chart" />}
      <table data-testid="ranking-table">
        <thead>
          <tr>
            <th>{t('perf.centerRank')}</th>
            <th>{t('perf.teamRank')}</th>
            <th>{t('qa.agent')}</th>
            <th>{t('people.team')}</th>
            <th>{t('perf.tenure')}</th>
            <th>{t('perf.total')}</th>
            <th>{t('perf.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {(d?.cards ?? []).map((c) => (
            <Fragment key={c.agentId}>
              <tr data-opens="agent-scorecard" onClick={() => setOpenAgent(openAgent === c.agentId ? null : c.agentId)} style={{ cursor: 'pointer' }}>
                <td>{c.centerRank ?? '—'}</td>
                <td>{c.teamRank ?? '—'}</td>
                <td>
                  {c.employeeNo} {c.name}
                </td>
                <td>{teamName(c.teamId)}</td>
                <td>{c.tenureMonths}</td>
                <td>
                  <Figure value={fmtTotal(c.total)} />
                </td>
                <td className="missing">
                  {c.missing.map((k) => d?.kpis.find((x) => x.key === k)?.label ?? k).join('、')}
                  {c.changedAfterPublication.length > 0 && (
                    <span className="badge warn" data-testid="ranking-changed" title={t('perf.changedAfterPublicationHint')}>
                      {t('perf.changedAfterPublication')}: {c.changedAfterPublication.map((k) => d?.kpis.find((x) => x.key === k)?.label ?? k).join('、')}
                    </span>
                  )}
                </td>
              </tr>
              {openAgent === c.agentId && (
                <tr>
                  <td colSpan={7}>
                    <ScorecardLines card={c} kpis={d?.kpis ?? []} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {hasAny(me, ['admin', 'center_manager', 'wfm']) && (
        <div className="card">
          <h3>{t('perf.upload')}</h3>
          <p className="hint">
            {t('perf.uploadHint')} <code>employeeNo,month,kpi,value,numerator,denominator</code>
          </p>
          <textarea aria-label={t('perf.upload')} rows={6} style={{ width: '100%' }} className="mono" value={csv} onChange={(e) => setCsv(e.target.value)} />
          <input
            type="file"
            aria-label={t('perf.upload')}
            accept=".csv,text/csv"
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setCsv(await f.text());
            }}
          />
          <button onClick={() => act(async () => t('perf.uploaded', { n: (await call(contract.performance.figuresCsv, { body: { csv } })).stored }))}>
            {t('app.save')}
          </button>
        </div>
      )}
    </Page>
  );
}
