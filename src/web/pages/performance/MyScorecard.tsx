import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Figure, Page } from '../../components/ui';
import { CampGaps, fmtTotal, KpiValue, ScorecardLines } from './shared';

/** The agent's own published scorecard: total, ranks, items below target (phone-sized). */
export default function MyScorecard() {
  const { t } = useTranslation();
  const [month, setMonth] = useState('');
  const r = useEndpoint(contract.performance.myScorecard, { query: { month: month || undefined } });
  const kpis = useEndpoint(contract.performance.kpis, {});
  const camp = useEndpoint(contract.performance.camp, {});
  const d = r.data;
  const units = (k: string) => (d?.published && kpis.data ? kpis.data.find((x) => x.key === k)?.unit : undefined);
  const myCamp = camp.data?.agents[0];
  return (
    <Page title={t('nav.myScorecard')}>
      <ErrorNote error={r.error} />
      {d && d.months.length > 0 && (
        <div className="form-row">
          <select aria-label={t('perf.month')} value={d.month ?? ''} onChange={(e) => setMonth(e.target.value)}>
            {d.months.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      )}
      {d && !d.published && <p data-testid="not-published">{t('perf.notYet')}</p>}
      {d?.published && d.card && (
        <>
          <div className="cards" data-testid="my-rank">
            <div className="card">
              <div className="kpi-label">{t('perf.total')}</div>
              <div className="kpi">
                <Figure value={fmtTotal(d.card.total)} />
              </div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('perf.teamRank')}</div>
              <div className="kpi" data-testid="team-rank">
                {d.card.teamRank == null ? '—' : t('perf.myRank', { rank: d.card.teamRank, size: d.teamSize })}
              </div>
            </div>
            <div className="card">
              <div className="kpi-label">{t('perf.centerRank')}</div>
              <div className="kpi" data-testid="center-rank">
                {d.card.centerRank == null ? '—' : t('perf.myRank', { rank: d.card.centerRank, size: d.centerSize })}
              </div>
            </div>
          </div>
          {d.publication.note && (
            <p className="hint" data-testid="publication-note">
              {d.publication.note}
            </p>
          )}
          <h2>{t('perf.belowTarget')}</h2>
          {d.belowTarget.length === 0 ? (
            <p className="ok">{t('perf.allMet')}</p>
          ) : (
            <ul data-testid="below-target">
              {d.belowTarget.map((b) => (
                <li key={b.key}>
                  {b.label}: <KpiValue value={b.actual} unit={units(b.key)} /> / {t('perf.target')} <KpiValue value={b.target} unit={units(b.key)} />
                </li>
              ))}
            </ul>
          )}
          <ScorecardLines card={d.card} kpis={kpis.data ?? []} />
        </>
      )}
      {myCamp && (
        <div className="card">
          <strong>{t('perf.camp.title')}</strong>: {myCamp.title ?? '—'} · {t('perf.camp.weeks')} {myCamp.weeks}
          {myCamp.next && (
            <div className="hint">
              {t('perf.camp.next')}: {myCamp.next.title} — {t('perf.camp.unmet')} <CampGaps gaps={myCamp.next.gaps} kpis={kpis.data ?? []} />
            </div>
          )}
        </div>
      )}
    </Page>
  );
}
