import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../contract/index';
import { useEndpoint } from '../../hooks';
import { Chart } from '../../components/Chart';
import { ErrorNote, Page } from '../../components/ui';

/** Attrition rate per team and month, exit reasons over time, tenure at leaving, at-risk list. */
export default function Attrition() {
  const { t } = useTranslation();
  const a = useEndpoint(contract.people.attrition, { query: { months: 12 } });
  const risk = useEndpoint(contract.people.atRisk, {});
  const teams = useEndpoint(contract.platform.teams, {});
  const teamName = (id: number) => teams.data?.find((x) => x.id === id)?.name ?? String(id);
  const d = a.data;
  const rateOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' as const },
        legend: { type: 'scroll' as const },
        xAxis: { type: 'category' as const, data: d.months },
        yAxis: { type: 'value' as const, axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(0)}%` } },
        series: [
          { type: 'line' as const, name: t('ppl.attr.center'), data: d.center.map((m) => m.rate), lineStyle: { width: 3 } },
          ...d.byTeam.map((tm) => ({ type: 'line' as const, name: teamName(tm.teamId), data: tm.months.map((m) => m.rate) })),
        ],
      },
    [d, teams.data, t],
  );
  const reasonOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'axis' as const },
        legend: { type: 'scroll' as const },
        xAxis: { type: 'category' as const, data: d.reasons.map((r) => r.month) },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: d.reasonLabels.map((l) => ({ type: 'bar' as const, stack: 'r', name: l.label, data: d.reasons.map((r) => r.counts[l.code] ?? 0) })),
      },
    [d],
  );
  const tenureOption = useMemo(
    () =>
      d && {
        tooltip: {},
        xAxis: { type: 'category' as const, data: d.tenure.map((b) => b.label) },
        yAxis: { type: 'value' as const, minInterval: 1 },
        series: [{ type: 'bar' as const, data: d.tenure.map((b) => b.leavers) }],
      },
    [d],
  );
  return (
    <Page title={t('ppl.nav.attrition')}>
      <ErrorNote error={a.error} />
      {d && (
        <>
          <div className="card">
            <h2>{t('ppl.attr.rate')}</h2>
            <Chart option={rateOption!} height={280} testId="attrition-rate" />
          </div>
          <div className="two-col">
            <div className="card">
              <h2>{t('ppl.attr.reasons')}</h2>
              <Chart option={reasonOption!} height={260} />
            </div>
            <div className="card">
              <h2>{t('ppl.attr.tenure')}</h2>
              <Chart option={tenureOption!} height={260} />
            </div>
          </div>
          <div className="card">
            <h2>{t('ppl.attr.leavers')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('ppl.agent')}</th>
                  <th>{t('ppl.team')}</th>
                  <th>{t('ppl.attr.leftDate')}</th>
                  <th>{t('ppl.attr.reason')}</th>
                  <th>{t('ppl.attr.reasonText')}</th>
                </tr>
              </thead>
              <tbody>
                {d.leavers.map((l) => (
                  <tr key={l.agentId}>
                    <td>{l.name}</td>
                    <td>{teamName(l.teamId)}</td>
                    <td>{l.leftOn}</td>
                    <td>{d.reasonLabels.find((r) => r.code === l.reasonCode)?.label ?? l.reasonCode}</td>
                    <td>{l.reasonText ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <div className="card">
        <h2>{t('ppl.attr.atRisk')}</h2>
        <table data-testid="at-risk">
          <thead>
            <tr>
              <th>{t('ppl.agent')}</th>
              <th>{t('ppl.team')}</th>
              <th>{t('ppl.attr.score')}</th>
              <th>{t('ppl.attr.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {(risk.data ?? []).map((r) => (
              <tr key={r.agentId}>
                <td>{r.name}</td>
                <td>{teamName(r.teamId)}</td>
                <td>{r.score}</td>
                <td>{r.reasons.join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
