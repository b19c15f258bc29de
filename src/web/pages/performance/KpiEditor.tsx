import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import type { KpiDefinitionWire } from '../../../contract/performance';
import { KPI_KEYS, newKpiDefinition, type KpiKey } from '../../../core/performance/kpi';
import { Field, FieldRow } from '../../components/form';
import { numberOf, removeAt, replaceAt, textOf } from '../../components/list';
import { ErrorNote, Page, Waiting } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { TenureBands, type Band } from './TenureBands';

const DIRECTIONS = ['higher', 'lower'] as const;
const USAGES = ['pay', 'contest', 'both'] as const;
const SCORINGS = ['ratio', 'passFail'] as const;
const pick = <T extends string>(xs: readonly T[], v: string, fallback: T): T => xs.find((x) => x === v) ?? fallback;

/** The KPI plan as data: KPIs added and removed, weight, a fixed target or targets by tenure band, direction, scoring, pay/contest use. */
export default function KpiEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['admin', 'center_manager']);
  const r = useEndpoint(contract.performance.kpis, {});
  // the plan waits for the stored KPIs: a KPI added or a weight typed before they arrive would be overwritten
  const [rows, setRows] = useStoredForm(r.data, (d): KpiDefinitionWire[] => d);
  const [adding, setAdding] = useState<KpiKey | ''>('');
  const act = useAction();
  const [saved, setSaved] = useState(false);
  if (!rows)
    return (
      <Page title={t('nav.kpis')}>
        <Waiting error={r.error} />
      </Page>
    );
  const set = (i: number, patch: Partial<KpiDefinitionWire>) => {
    setSaved(false);
    setRows(replaceAt(rows, i, { ...rows[i]!, ...patch }));
  };
  const unused = KPI_KEYS.filter((k) => !rows.some((d) => d.key === k));
  const kpiName = (k: KpiKey) => t(`facts.figures.${k}`);
  const save = () =>
    act.run(async () => {
      setSaved(false);
      const kpis = await call(contract.performance.saveKpis, { body: { kpis: rows } });
      setRows(kpis);
      setSaved(true);
    });
  const totalPay = rows.filter((d) => d.usage !== 'contest').reduce((s, d) => s + (Number.isFinite(d.weight) ? d.weight : 0), 0);
  return (
    <Page title={t('nav.kpis')}>
      <p className="hint">{t('setup.kpi.hint', { total: Math.round(totalPay * 100) / 100 })}</p>
      <ErrorNote error={r.error} />
      {/* a team lead reads the plan; the fieldset makes every input read-only for them */}
      <fieldset disabled={!canEdit} className="plain" data-testid="kpi-editor">
        {rows.map((d, i) => (
          <KpiRow key={d.key} d={d} i={i} name={kpiName(d.key)} act={act} set={(p) => set(i, p)} onRemove={() => setRows(removeAt(rows, i))} />
        ))}
        {canEdit && (
          <FieldRow>
            <Field label={t('setup.kpi.add')} error={null}>
              <select name="add-kpi" value={adding} onChange={(e) => setAdding(pick<KpiKey | ''>(unused, e.target.value, ''))}>
                <option value="">{t('setup.kpi.pick')}</option>
                {unused.map((k) => (
                  <option key={k} value={k}>
                    {kpiName(k)}
                  </option>
                ))}
              </select>
            </Field>
            <button
              className="secondary"
              name="add-kpi-button"
              disabled={!adding}
              onClick={() => {
                if (!adding) return;
                setRows([...rows, newKpiDefinition(adding, kpiName(adding))]);
                setAdding('');
              }}
            >
              {t('setup.kpi.addButton')}
            </button>
          </FieldRow>
        )}
      </fieldset>
      <ErrorNote error={act.errorOutside(rows.map((_, i) => `kpis.${i}`))} />
      {canEdit && (
        <div className="form-row">
          <button name="save-kpis" onClick={save}>
            {t('app.save')}
          </button>
          {saved && (
            <span className="ok" data-testid="kpis-saved">
              {t('app.saved')}
            </span>
          )}
        </div>
      )}
    </Page>
  );
}

function KpiRow({
  d,
  i,
  name,
  act,
  set,
  onRemove,
}: {
  d: KpiDefinitionWire;
  i: number;
  name: string;
  act: ReturnType<typeof useAction>;
  set: (patch: Partial<KpiDefinitionWire>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const at = (p: string) => `kpis.${i}.${p}`;
  const byTenure = Array.isArray(d.target);
  const toTenure = (): Band[] => [{ minTenureMonths: 0, target: typeof d.target === 'number' ? d.target : null }];
  const toFixed = (): number => (Array.isArray(d.target) ? (d.target.find((b) => b.target !== null)?.target ?? 0) : d.target);
  return (
    <fieldset className="card" data-testid={`kpi-${d.key}`} data-kpi={d.key}>
      <legend>{name}</legend>
      <FieldRow>
        <Field label={t('setup.kpi.label')} error={act.errorFor(at('label'))}>
          <input name={`kpi-${d.key}-label`} value={d.label} onChange={(e) => set({ label: e.target.value })} />
        </Field>
        <Field label={t('perf.weight')} error={act.errorFor(at('weight'))}>
          <input
            name={`kpi-${d.key}-weight`}
            type="number"
            step="any"
            value={textOf(d.weight)}
            onChange={(e) => set({ weight: numberOf(e.target.value) })}
            style={{ width: '6rem' }}
          />
        </Field>
        <Field label={t('perf.direction')} error={act.errorFor(at('direction'))}>
          <select name={`kpi-${d.key}-direction`} value={d.direction} onChange={(e) => set({ direction: pick(DIRECTIONS, e.target.value, d.direction) })}>
            <option value="higher">{t('perf.higher')}</option>
            <option value="lower">{t('perf.lower')}</option>
          </select>
        </Field>
        <Field label={t('setup.kpi.scoring')} error={act.errorFor(at('scoring'))}>
          <select name={`kpi-${d.key}-scoring`} value={d.scoring} onChange={(e) => set({ scoring: pick(SCORINGS, e.target.value, d.scoring) })}>
            {SCORINGS.map((s) => (
              <option key={s} value={s}>
                {t(`setup.kpi.scorings.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('perf.usage')} error={act.errorFor(at('usage'))}>
          <select name={`kpi-${d.key}-usage`} value={d.usage} onChange={(e) => set({ usage: pick(USAGES, e.target.value, d.usage) })}>
            {USAGES.map((u) => (
              <option key={u} value={u}>
                {t(`perf.usages.${u}`)}
              </option>
            ))}
          </select>
        </Field>
        <button className="secondary" name={`kpi-${d.key}-remove`} onClick={onRemove}>
          {t('setup.kpi.remove')}
        </button>
      </FieldRow>
      <FieldRow>
        <Field label={t('setup.kpi.targetKind')} hint={t(`setup.kpi.units.${d.unit}`)}>
          <select
            name={`kpi-${d.key}-target-kind`}
            value={byTenure ? 'tenure' : 'fixed'}
            onChange={(e) => set({ target: e.target.value === 'tenure' ? toTenure() : toFixed() })}
          >
            <option value="fixed">{t('setup.kpi.fixed')}</option>
            <option value="tenure">{t('setup.kpi.byTenure')}</option>
          </select>
        </Field>
        {!Array.isArray(d.target) && (
          <Field label={t('perf.target')} error={act.errorFor(at('target'))}>
            <input
              name={`kpi-${d.key}-target`}
              type="number"
              step="any"
              value={textOf(d.target)}
              onChange={(e) => set({ target: numberOf(e.target.value) })}
              style={{ width: '7rem' }}
            />
          </Field>
        )}
      </FieldRow>
      {Array.isArray(d.target) && (
        <TenureBands
          bands={d.target}
          onChange={(target) => set({ target })}
          path={at('target')}
          name={`kpi-${d.key}`}
          errorFor={act.errorFor}
          errorAt={act.errorAt}
        />
      )}
    </fieldset>
  );
}
