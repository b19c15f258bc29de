import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { KpiDefinitionWire } from '../../../contract/performance';

const DIRECTIONS = ['higher', 'lower'] as const;
const USAGES = ['pay', 'contest', 'both'] as const;
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';

/** KPI definitions as data: weight, target (number or by tenure), direction, pay/contest use. */
export default function KpiEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['admin', 'center_manager']);
  const r = useEndpoint(contract.performance.kpis, {});
  const [rows, setRows] = useState<KpiDefinitionWire[]>([]);
  const [targets, setTargets] = useState<string[]>([]);
  const { error, run } = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (r.data) {
      setRows(r.data);
      setTargets(r.data.map((d) => (typeof d.target === 'number' ? String(d.target) : JSON.stringify(d.target))));
    }
  }, [r.data]);
  const set = (i: number, patch: Partial<KpiDefinitionWire>) => setRows(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = () =>
    run(async () => {
      setSaved(false);
      const kpis = rows.map((d, i) => {
        const raw = targets[i]!.trim();
        let target: unknown;
        try {
          target = JSON.parse(raw);
        } catch {
          target = raw;
        }
        return { ...d, target };
      });
      await call(contract.performance.saveKpis, { body: { kpis } });
      setSaved(true);
      await r.reload();
    });
  return (
    <Page title={t('nav.kpis')}>
      <p className="hint">
        {t('perf.kpiHint')} <code>{'[{"minTenureMonths":0,"target":170},{"minTenureMonths":12,"target":150}]'}</code>
      </p>
      <ErrorNote error={error ?? r.error} />
      {saved && <div className="ok">{t('app.saved')}</div>}
      <table data-testid="kpi-table">
        <thead>
          <tr>
            <th>KPI</th>
            <th>{t('perf.weight')}</th>
            <th>{t('perf.target')}</th>
            <th>{t('perf.direction')}</th>
            <th>{t('perf.usage')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d, i) => (
            <tr key={d.key}>
              <td>
                {d.label} <code>{d.key}</code>
              </td>
              <td>
                <input
                  type="number"
                  aria-label={`${d.key} weight`}
                  disabled={!canEdit}
                  value={d.weight}
                  style={{ width: 70 }}
                  onChange={(e) => set(i, { weight: Number(e.target.value) })}
                />
              </td>
              <td>
                <input
                  aria-label={`${d.key} target`}
                  disabled={!canEdit}
                  value={targets[i] ?? ''}
                  style={{ width: 260 }}
                  className="mono"
                  onChange={(e) => setTargets(targets.map((x, j) => (j === i ? e.target.value : x)))}
                />
              </td>
              <td>
                <select
                  disabled={!canEdit}
                  value={d.direction}
                  onChange={(e) => set(i, { direction: DIRECTIONS.find((x) => x === e.target.value) ?? d.direction })}
                >
                  <option value="higher">{t('perf.higher')}</option>
                  <option value="lower">{t('perf.lower')}</option>
                </select>
              </td>
              <td>
                <select disabled={!canEdit} value={d.usage} onChange={(e) => set(i, { usage: USAGES.find((x) => x === e.target.value) ?? d.usage })}>
                  {USAGES.map((u) => (
                    <option key={u} value={u}>
                      {t(`perf.usages.${u}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && <button onClick={save}>{t('app.save')}</button>}
    </Page>
  );
}
