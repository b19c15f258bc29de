import { useTranslation } from 'react-i18next';
import { Figure } from '../../components/ui';
import { SourceBadge } from '../../components/facts';
import { fmtDuration } from '../../format';
import type { CampGap } from '../../../core/performance/camp';
import type { KpiDefinitionWire, ScorecardWire } from '../../../contract/performance';

/** What the lines table reads of a card: its lines, and where live cards' figures come from. */
export type CardLines = Pick<ScorecardWire, 'lines'> & { sources?: Partial<Record<string, string>>; computedAt?: number };

/** A KPI figure rounded as shown, in its unit (a ratio as % with one decimal, seconds whole, else two decimals): the screen and the payroll file. */
export const kpiShown = (v: number, unit?: string): number =>
  unit === 'ratio' ? Math.round(v * 1000) / 10 : unit === 's' ? Math.round(v) : Math.round(v * 100) / 100;

/** A KPI figure in its unit; missing stays "missing". */
export function KpiValue({ value, unit }: { value: number | null | undefined; unit?: string }) {
  const f = (v: number) => (unit === 'ratio' ? `${kpiShown(v, unit).toFixed(1)}%` : unit === 's' ? `${kpiShown(v, unit)}s` : String(kpiShown(v, unit)));
  return <Figure value={value} format={f} />;
}

export const fmtTotal = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);

/** The lines of one scorecard, each actual with its source (the facts' source; cards published before issue 11 have none). */
export function ScorecardLines({ card, kpis }: { card: CardLines; kpis: readonly KpiDefinitionWire[] }) {
  const { t } = useTranslation();
  const unit = (k: string) => kpis.find((d) => d.key === k)?.unit;
  return (
    <table data-testid="scorecard-lines">
      <thead>
        <tr>
          <th>KPI</th>
          <th>{t('perf.weight')}</th>
          <th>{t('perf.target')}</th>
          <th>{t('perf.actual')}</th>
          <th>{t('facts.page.source')}</th>
          <th>{t('perf.status')}</th>
          <th>{t('perf.points')}</th>
        </tr>
      </thead>
      <tbody>
        {card.lines.map((l) => (
          <tr key={l.key} data-kpi={l.key}>
            <td>{l.label}</td>
            <td>{l.weight}</td>
            <td>{l.target == null ? <span className="missing">{t('perf.notAssessed')}</span> : <KpiValue value={l.target} unit={unit(l.key)} />}</td>
            <td>
              <KpiValue value={l.actual} unit={unit(l.key)} />
              {l.changedAfterPublication && (
                <div className="badge warn" data-testid="changed-after-publication" title={t('perf.changedAfterPublicationHint')}>
                  {t('perf.changedAfterPublication')}: {t('perf.publishedValue')} <KpiValue value={l.changedAfterPublication.published} unit={unit(l.key)} /> →{' '}
                  {t('perf.currentValue')} <KpiValue value={l.changedAfterPublication.current} unit={unit(l.key)} />
                </div>
              )}
            </td>
            <td data-testid="line-source">
              <SourceBadge source={card.sources?.[l.key]} computedAt={card.computedAt} />
            </td>
            <td className={l.status === 'met' ? 'ok' : l.status === 'below' ? 'bad' : 'missing'}>{t(`perf.statuses.${l.status}`)}</td>
            <td>{l.status === 'notAssessed' ? '—' : <Figure value={fmtTotal(l.points)} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What an agent still needs for the next camp title, in words: 质检成绩 86，需 ≥ 90 · 满意率暂无数据. */
export function CampGaps({ gaps, kpis }: { gaps: readonly CampGap[]; kpis: readonly KpiDefinitionWire[] }) {
  const { t } = useTranslation();
  const say = (g: CampGap) => {
    const def = kpis.find((d) => d.key === g.key);
    const name = g.key === 'weeks' ? t('perf.camp.weeks') : (def?.label ?? t(`facts.figures.${g.key}`, { defaultValue: g.key }));
    const fmt = (v: number) => (def?.unit === 'ratio' ? `${(v * 100).toFixed(1)}%` : def?.unit === 's' ? fmtDuration(v) : String(Math.round(v * 100) / 100));
    if (g.actual === null) return t('perf.camp.gapMissing', { name, bound: fmt(g.bound) });
    return t(g.op === 'min' ? 'perf.camp.gapMin' : 'perf.camp.gapMax', { name, actual: fmt(g.actual), bound: fmt(g.bound) });
  };
  return <>{gaps.map(say).join('；')}</>;
}
