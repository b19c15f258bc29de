import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contract } from '../../../contract/index';
import type { KpiReportRow } from '../../../contract/liveIngest';
import { ErrorNote } from '../../components/ui';
import { useEndpoint } from '../../hooks';
import { cellText, FIGURES, figureHeader, shown } from './table';

type Kind = 'week' | 'month';
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The two periods compared, ending on `anchor` (a local date): its week so far (Monday to anchor)
 * against the same days of the week before; its month so far against the same days of that month a
 * year before. Same days on both sides, so counts compare fairly.
 */
export function comparePeriods(kind: Kind, anchor: string): { now: { from: string; to: string }; before: { from: string; to: string } } {
  if (kind === 'week') {
    const a = ms(anchor);
    const wd = (new Date(a).getUTCDay() + 6) % 7; // 0 = Monday
    const from = a - wd * DAY;
    return { now: { from: iso(from), to: anchor }, before: { from: iso(from - 7 * DAY), to: iso(a - 7 * DAY) } };
  }
  const [y, m, d] = anchor.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate(); // 29 February → 28
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    now: { from: `${y}-${pad(m)}-01`, to: anchor },
    before: { from: `${y - 1}-${pad(m)}-01`, to: `${y - 1}-${pad(m)}-${pad(Math.min(d, lastDay))}` },
  };
}

/** The change shown: this − before in the shown unit (percentage points for ratios), signed. */
function change(a: number | null, b: number | null): string {
  if (a === null || b === null) return '—';
  const d = Math.round((a - b) * 10) / 10;
  return d > 0 ? `+${d}` : String(d);
}

export function Compare({ anchor }: { anchor: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<Kind>('week');
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
