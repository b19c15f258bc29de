import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../contract/index';
import type { KpiReportRow } from '../../../contract/liveIngest';
import { ErrorNote } from '../../components/ui';
import { useEndpoint } from '../../hooks';
import { cellText, comparePeriods, FIGURES, figureHeader, shown, type CompareKind } from './table';

/** The change shown: this − before in the shown unit (percentage points for ratios), signed. */
function change(a: number | null, b: number | null): string {
  if (a === null || b === null) return '—';
  const d = Math.round((a - b) * 10) / 10;
  return d > 0 ? `+${d}` : String(d);
}

export function Compare({ anchor }: { anchor: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<CompareKind>('week');
  const p = comparePeriods(kind, anchor);
  const now = useEndpoint(contract.liveIngest.kpiReport, { query: { by: 'day', ...p.now } });
  const before = useEndpoint(contract.liveIngest.kpiReport, { query: { by: 'day', ...p.before } });
  const a = now.data?.total;
  const b = before.data?.total;
  const has = (x: KpiReportRow | undefined, k: (typeof FIGURES)[number]['key']) => x !== undefined && x[k] !== null;
  const figs = FIGURES.filter((f) => has(a, f.key) || has(b, f.key));
  const empty = now.data && before.data && !now.data.rows.length && !before.data.rows.length;
  return (
    <section data-testid="history-compare">
      <h3>{t('hist.compare.title')}</h3>
      <div className="form-row">
        <label>
          <input type="radio" name="compare" checked={kind === 'week'} onChange={() => setKind('week')} /> {t('hist.compare.week')}
        </label>
        <label>
          <input type="radio" name="compare" checked={kind === 'month'} onChange={() => setKind('month')} /> {t('hist.compare.month')}
        </label>
      </div>
      <ErrorNote error={now.error ?? before.error} />
      {empty ? (
        <p className="hint">{t('hist.empty')}</p>
      ) : (
        a &&
        b && (
          <div style={{ overflowX: 'auto' }}>
            <table>
              <thead>
                <tr>
                  <th>{t('hist.compare.figure')}</th>
                  <th>{t('hist.compare.period', p.now)}</th>
                  <th>{t('hist.compare.period', p.before)}</th>
                  <th>{t('hist.compare.change')}</th>
                </tr>
              </thead>
              <tbody>
                {figs.map((f) => {
                  const x = shown(a[f.key], f.unit);
                  const y = shown(b[f.key], f.unit);
                  return (
                    <tr key={f.key}>
                      <td>{figureHeader(t, f.key, f.unit)}</td>
                      <td>{cellText(x)}</td>
                      <td>{cellText(y)}</td>
                      <td>{change(x, y)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )
      )}
    </section>
  );
}
