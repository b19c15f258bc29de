import { useTranslation } from 'react-i18next';

/** Met in the house green, missed and breached in reds, at risk in amber (styles.css --ok / --bad / --warn). */
const SLA_COLOURS = { met: '#16a34a', missed: '#dc2626', openBreached: '#991b1b', openWarning: '#d97706' } as const;
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Loading, Page } from '../../components/ui';
import { Chart } from '../../components/Chart';

export default function Reports() {
  const { t } = useTranslation();
  const r = useEndpoint(contract.workorders.reports, {});
  if (r.error) return <ErrorNote error={r.error} />;
  if (!r.data) return <Loading />;
  const d = r.data;
  const types = [...new Set<string>(d.volume.map((v) => v.type))];
  const cats = [...new Set<string>(d.volume.map((v) => v.category))];
  return (
    <Page title={t('nav.woReports')}>
      <div className="card">
        <h3>{t('wo.volume')}</h3>
        <Chart
          testId="wo-volume"
          option={{
            tooltip: {},
            legend: {},
            grid: { left: 60, right: 20 },
            xAxis: { type: 'category', data: types.map((x) => t(`wo.types.${x}`)) },
            yAxis: { type: 'value' },
            series: cats.map((c) => ({
              name: c,
              type: 'bar',
              stack: 'v',
              data: types.map((ty) => d.volume.find((v) => v.type === ty && v.category === c)?.count ?? 0),
            })),
          }}
        />
      </div>
      <div className="card">
        <h3>{t('wo.slaChart')}</h3>
        <Chart
          testId="wo-sla"
          height={260}
          option={{
            tooltip: {},
            legend: {},
            xAxis: { type: 'category', data: d.sla.map((s) => t(`wo.types.${s.type}`)) },
            yAxis: { type: 'value' },
            series: (['met', 'missed', 'openBreached', 'openWarning'] as const).map((k) => ({
              name: t(`wo.${k}`),
              type: 'bar',
              stack: 's',
              // the colour says the verdict (the default palette drew "missed" green)
              itemStyle: { color: SLA_COLOURS[k] },
              data: d.sla.map((s) => s[k]),
            })),
          }}
        />
      </div>
      <div className="card">
        <h3>{t('wo.timeToClose')}</h3>
        <table>
          <tbody>
            {d.timeToClose.map((x) => (
              <tr key={x.type}>
                <td>{t(`wo.types.${x.type}`)}</td>
                <td>{x.closed}</td>
                <td>{x.avgHours?.toFixed(1)} h</td>
                <td>p50 {x.medianHours?.toFixed(1)} h</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h3>{t('wo.waits')}</h3>
        <Chart
          testId="wo-waits"
          height={Math.max(160, d.waits.length * 30)}
          option={{
            grid: { left: 140, right: 20 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: d.waits.map((w) => w.name).reverse() },
            series: [{ type: 'bar', data: d.waits.map((w) => Number(w.avgHours.toFixed(2))).reverse() }],
          }}
        />
      </div>
    </Page>
  );
}
