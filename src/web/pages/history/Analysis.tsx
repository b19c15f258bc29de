import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../contract/index';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote } from '../../components/ui';
import { useEndpoint } from '../../hooks';
import { cellText, shown } from './table';

const pctOf = (v: number | null | undefined) => cellText(shown(v, 'ratio'));

/** The four indicators of a month (seed 000) and the diagnosis they imply, in words. */
export function Analysis({ initialMonth }: { initialMonth: string }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(initialMonth);
  const res = useEndpoint(contract.liveIngest.monthlyAnalysis, /^\d{4}-\d{2}$/.test(month) ? { query: { month } } : null);
  const d = res.data;
  const th = d?.thresholds ?? {};
  const noData = d && d.figures.answerRate === null && d.figures.occupancy === null;
  const tiles: [string, string, string | null][] = d
    ? [
        ['answerRate', pctOf(d.figures.answerRate), t('hist.analysis.target', { v: pctOf(th.answerRateTarget) })],
        ['occupancy', pctOf(d.figures.occupancy), t('hist.analysis.band', { low: pctOf(th.occupancyLow), high: pctOf(th.occupancyHigh) })],
        ['notReadyShare', pctOf(d.figures.notReadyShare), t('hist.analysis.usual', { v: pctOf(d.figures.usualNotReadyShare) })],
        ['idleShare', pctOf(d.figures.idleShare), t('hist.analysis.max', { v: pctOf(th.idleShareMax) })],
      ]
    : [];
  const subject = (f: { scope: string; subject: string }) => (f.scope === 'center' ? t('hist.analysis.center') : f.subject);
  return (
    <section data-testid="history-analysis">
      <h3>{t('hist.analysis.title')}</h3>
      <FieldRow>
        <Field label={t('hist.analysis.month')}>
          <input type="month" name="analysis-month" value={month} onChange={(e) => setMonth(e.target.value)} />
        </Field>
      </FieldRow>
      <ErrorNote error={res.error} />
      {noData ? (
        <p className="hint">{t('hist.empty')}</p>
      ) : (
        d && (
          <>
            <div className="fact-tiles">
              {tiles.map(([k, v, note]) => (
                <div key={k} className="tile" data-testid={`indicator-${k}`}>
                  <div className="hint">{t(`facts.figures.${k}`)}</div>
                  <strong>{v === '—' ? v : `${v}%`}</strong>
                  {note && <div className="hint">{note}</div>}
                </div>
              ))}
            </div>
            <ul data-testid="diagnosis">
              {d.findings.length === 0 && <li>{t('hist.analysis.balanced')}</li>}
              {d.findings.map((f, i) => (
                <li key={i} data-kind={f.kind}>
                  {t(`hist.analysis.finding.${f.kind}`, {
                    subject: subject(f),
                    answerRate: pctOf(f.figures.answerRate),
                    occupancy: pctOf(f.figures.occupancy),
                    idleShare: pctOf(f.figures.idleShare),
                    share: pctOf(f.figures.notReadyShare),
                    usual: pctOf(f.figures.usualShare),
                    target: pctOf(th.answerRateTarget),
                    high: pctOf(th.occupancyHigh),
                    low: pctOf(th.occupancyLow),
                    max: pctOf(th.idleShareMax),
                  })}
                </li>
              ))}
            </ul>
          </>
        )
      )}
    </section>
  );
}
