import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { contract } from '../../../contract/index';
import { Chart } from '../../components/Chart';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Loading, Page } from '../../components/ui';
import { downloadTable, type ExportFormat } from '../../export';
import { useAction, useEndpoint } from '../../hooks';
import { hasAny, useMe } from '../../session';
import { Analysis } from './Analysis';
import { Compare } from './Compare';
import { cellText, FIGURES, figureHeader, reportCells, shown, type ReportBy, type ReportPer } from './table';
import { centerToday } from '../../format';

const TIME_BYS: ReportBy[] = ['interval', 'day', 'week', 'month'];
const ALL_BYS: ReportBy[] = [...TIME_BYS, 'queue', 'team', 'agent', 'agent-interval'];
const AGENT_BYS: ReportBy[] = [...TIME_BYS, 'agent-interval'];
const PERS: ReportPer[] = ['interval', 'day', 'week', 'month'];
/** Roles that see more than their own figures (a lead: their teams). */
export const HISTORY_WIDE = ['admin', 'center_manager', 'duty_manager', 'wfm', 'qa', 'team_lead'];

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** The seven days up to yesterday, the center's. */
function lastWeek(): { from: string; to: string } {
  const to = new Date(`${centerToday()}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() - 1);
  const from = new Date(to);
  from.setUTCDate(from.getUTCDate() - 6);
  return { from: isoDay(from), to: isoDay(to) };
}

/** `#/history?from=YYYY-MM-DD&to=YYYY-MM-DD&by=day` opens that period (the import page links the imported one). */
function linked(): { from?: string; to?: string; by?: ReportBy } {
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const day = (k: string) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) ?? '') ? q.get(k)! : undefined);
  const by = q.get('by') as ReportBy | null;
  return { from: day('from'), to: day('to'), by: by && ALL_BYS.includes(by) ? by : undefined };
}

/** History (issue 14): the KPI report of a past period in the reader's scope, its trend, the comparison and the monthly analysis. */
export default function History() {
  const { t } = useTranslation();
  const me = useMe();
  const wide = hasAny(me, HISTORY_WIDE);
  const [link] = useState(linked);
  const [by, setBy] = useState<ReportBy>(link.by && (wide || AGENT_BYS.includes(link.by)) ? link.by : 'day');
  const [interval, setInterval] = useState<'15' | '30' | '60'>('60');
  const [period, setPeriod] = useState(() => {
    const d = lastWeek();
    return { from: link.from ?? link.to ?? d.from, to: link.to ?? link.from ?? d.to };
  });
  const [agent, setAgent] = useState('');
  const [per, setPer] = useState<'' | ReportPer>('');
  const grouped = by === 'queue' || by === 'team' || by === 'agent';
  const perUsed = grouped && per ? per : undefined;
  const withInterval = by === 'interval' || by === 'agent-interval' || perUsed === 'interval';
  const query = {
    by,
    from: period.from,
    to: period.to,
    ...(withInterval ? { interval } : {}),
    ...(perUsed ? { per: perUsed } : {}),
    ...(agent.trim() ? { agent: agent.trim() } : {}),
  };
  const report = useEndpoint(contract.liveIngest.kpiReport, { query });
  const exp = useAction();
  const r = report.data;
  const cells = useMemo(() => (r ? reportCells(t, { ...r, per: perUsed }) : null), [r, t, perUsed]);

  const chart = useMemo<EChartsOption | null>(() => {
    // one bar per row: a time grouping, or one per queue / team / agent over the whole period
    if (!r || !cells || !r.rows.length || by === 'agent-interval' || perUsed) return null;
    const labels = cells.body.map((row) => String(row[0]));
    const ratios = FIGURES.filter(
      (f) => f.unit === 'ratio' && ['answerRate', 'serviceLevel', 'occupancy'].includes(f.key) && r.rows.some((x) => x[f.key] !== null),
    );
    const volume = r.rows.some((x) => x.offered !== null) ? 'offered' : 'handled';
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 44, right: 44, top: 34, bottom: 56 },
      xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 8 ? 45 : 0 } },
      yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: figureHeader(t, volume, 'count'), type: 'bar', data: r.rows.map((x) => shown(x[volume], 'count')) },
        ...ratios.map((f) => ({
          name: t(`facts.figures.${f.key}`),
          type: 'line' as const,
          yAxisIndex: 1,
          connectNulls: false,
          data: r.rows.map((x) => shown(x[f.key], 'ratio')),
        })),
      ],
    };
  }, [r, cells, by, perUsed, t]);

  const save = (format: ExportFormat) =>
    exp.run(async () => {
      if (!cells) return;
      const name = `${t('hist.fileName')}-${t(`hist.by.${by}`)}${perUsed ? `-${t(`hist.by.${perUsed}`)}` : ''}-${period.from}_${period.to}`;
      await downloadTable([cells.header, ...cells.body, cells.total], format, name, t(`hist.by.${by}`));
    });

  const bys = wide ? ALL_BYS : AGENT_BYS;
  return (
    <Page title={t('hist.title')}>
      <p className="hint">{wide ? t('hist.scopeWide') : t('hist.scopeOwn')}</p>
      <FieldRow>
        <Field label={t('hist.groupBy')}>
          <select name="by" value={by} onChange={(e) => setBy(e.target.value as ReportBy)}>
            {bys.map((b) => (
              <option key={b} value={b}>
                {t(`hist.by.${b}`)}
              </option>
            ))}
          </select>
        </Field>
        {grouped && (
          <Field label={t('hist.per')}>
            <select name="per" value={per} onChange={(e) => setPer(e.target.value as '' | ReportPer)}>
              <option value="">{t('hist.perWhole')}</option>
              {PERS.map((p) => (
                <option key={p} value={p}>
                  {t(`hist.by.${p}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {withInterval && (
          <Field label={t('hist.intervalLength')}>
            <select name="interval" value={interval} onChange={(e) => setInterval(e.target.value as '15' | '30' | '60')}>
              {(['15', '30', '60'] as const).map((m) => (
                <option key={m} value={m}>
                  {t('hist.minutes', { n: m })}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('hist.from')}>
          <input type="date" name="from" value={period.from} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </Field>
        <Field label={t('hist.to')}>
          <input type="date" name="to" value={period.to} onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </Field>
        {wide && (
          <Field label={t('hist.agentCode')} hint={t('hist.agentCodeHint')}>
            <input name="agent" value={agent} onChange={(e) => setAgent(e.target.value)} />
          </Field>
        )}
      </FieldRow>
      <ErrorNote error={report.error} />
      {report.loading && !r && <Loading />}
      {r && cells && (
        <section data-testid="history-report">
          {r.rows.length === 0 ? (
            <p className="hint" data-testid="history-empty">
              {t('hist.empty')}
            </p>
          ) : (
            <>
              {chart && <Chart option={chart} height={260} testId="history-chart" />}
              <div className="form-row">
                <button type="button" data-testid="export-csv" onClick={() => void save('csv')}>
                  {t('hist.exportCsv')}
                </button>
                <button type="button" data-testid="export-xlsx" onClick={() => void save('xlsx')}>
                  {t('hist.exportXlsx')}
                </button>
              </div>
              <ErrorNote error={exp.errorOutside([])} />
              <div style={{ overflowX: 'auto' }}>
                <table data-testid="history-table">
                  <thead>
                    <tr>
                      {cells.header.map((h) => (
                        <th key={h} style={{ whiteSpace: 'nowrap' }}>
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {cells.body.map((row, i) => (
                      <tr key={i}>
                        {row.map((c, j) => (
                          <td key={j} style={j === 0 ? { whiteSpace: 'nowrap' } : undefined}>
                            {cellText(c)}
                          </td>
                        ))}
                      </tr>
                    ))}
                    <tr className="total" data-testid="history-total">
                      {cells.total.map((c, j) => (
                        <td key={j}>
                          <strong>{cellText(c)}</strong>
                        </td>
                      ))}
                    </tr>
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
      <Compare anchor={period.to} />
      {wide && <Analysis initialMonth={period.to.slice(0, 7)} />}
    </Page>
  );
}
