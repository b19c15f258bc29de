import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Loading, Page } from '../../components/ui';
import { Chart } from '../../components/Chart';
import { fmtDate } from '../../format';

export default function Stats() {
  const { t } = useTranslation();
  const s = useEndpoint(contract.kb.stats, { query: { days: 30 } });
  if (s.error) return <ErrorNote error={s.error} />;
  if (!s.data) return <Loading />;
  const d = s.data;
  const top = [...d.mostViewed].reverse();
  return (
    <Page title={t('nav.kbStats')}>
      <div className="cards">
        <div className="card">
          <div className="kpi">
            {d.totals.published}/{d.totals.articles}
          </div>
          <div className="kpi-label">
            {t('kb.published')} / {t('kb.articles')}
          </div>
        </div>
        <div className="card">
          <div className="kpi">{d.totals.views}</div>
          <div className="kpi-label">{t('kb.views')}</div>
        </div>
        <div className="card">
          <div className="kpi">{d.totals.searches}</div>
          <div className="kpi-label">{t('kb.searches')}</div>
        </div>
        <div className="card">
          <div className="kpi bad">{d.totals.searchesWithoutResult}</div>
          <div className="kpi-label">{t('kb.noResultSearches')}</div>
        </div>
      </div>
      <div className="card">
        <h3>{t('kb.mostViewed')}</h3>
        <Chart
          testId="kb-most-viewed"
          height={Math.max(160, top.length * 28)}
          option={{
            grid: { left: 200, right: 20, top: 10, bottom: 20 },
            xAxis: { type: 'value' },
            yAxis: { type: 'category', data: top.map((a) => a.title) },
            series: [{ type: 'bar', data: top.map((a) => a.views) }],
          }}
        />
      </div>
      <div className="card">
        <h3>{t('kb.noResultSearches')}</h3>
        <table data-testid="kb-no-result">
          <tbody>
            {d.noResult.map((r) => (
              <tr key={r.query}>
                <td>{r.query}</td>
                <td>
                  {r.times} {t('kb.times')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h3>{t('kb.leastHelpful')}</h3>
        <table>
          <tbody>
            {d.leastHelpful.map((a) => (
              <tr key={a.id}>
                <td>
                  <a href={`#/kb/search?article=${a.id}`}>{a.title}</a>
                </td>
                <td>
                  👍 {a.helpful_yes} · 👎 {a.helpful_no}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h3>{t('kb.stale', { days: d.staleDays })}</h3>
        <table>
          <tbody>
            {d.stale.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td>
                <td>{fmtDate(Number(a.updated_at))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
