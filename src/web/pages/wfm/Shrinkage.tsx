import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { SHRINKAGE_CATEGORIES } from '../../../core/wfm/shrinkage';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Waiting } from '../../components/ui';

/** The stored categories as the fields show them: percent, one decimal, 0 where none is stored. */
const pctsOf = (d: { categories: { category: string; fraction: number }[] }): Record<string, string> => {
  const by = new Map(d.categories.map((c) => [c.category, c.fraction]));
  return Object.fromEntries(SHRINKAGE_CATEGORIES.map((k) => [k, String(Math.round((by.get(k) ?? 0) * 1000) / 10)]));
};

/**
 * The center's planned shrinkage by category (issue 15), in percent of paid time: a requirement from a
 * forecast divides the Erlang agents by (1 − the sum). Replaces the one shrinkage number of this page.
 */
export function Shrinkage() {
  const { t } = useTranslation();
  const saved = useEndpoint(contract.wfm.shrinkage, {});
  const act = useAction();
  // the fields wait for the stored categories: figures typed before they arrive would be overwritten
  const [pcts, setPcts] = useStoredForm(saved.data, pctsOf);
  if (!pcts)
    return (
      <div>
        <h4>{t('wfm.shrinkageByCategory')}</h4>
        <Waiting error={saved.error} />
      </div>
    );
  const total = SHRINKAGE_CATEGORIES.reduce((s, k) => s + (Number(pcts[k]) || 0), 0);
  return (
    <div data-testid="shrinkage">
      <h4>{t('wfm.shrinkageByCategory')}</h4>
      <p className="hint">{t('wfm.shrinkageHint')}</p>
      <ErrorNote error={act.errorOutside([])} />
      <FieldRow>
        {SHRINKAGE_CATEGORIES.map((k) => (
          <Field key={k} label={t(`wfm.shrinkageCategory.${k}`)}>
            <input name={`shrinkage-${k}`} inputMode="decimal" value={pcts[k] ?? ''} onChange={(e) => setPcts({ ...pcts, [k]: e.target.value })} />
          </Field>
        ))}
      </FieldRow>
      <div className="form-row">
        <span data-testid="shrinkage-total" className="field-value">
          {t('wfm.shrinkageTotal', { pct: Math.round(total * 10) / 10 })}
        </span>
        <button
          data-testid="shrinkage-save"
          onClick={() =>
            act.run(async () => {
              const categories = SHRINKAGE_CATEGORIES.filter((k) => Number(pcts[k]) > 0).map((k) => ({ category: k, fraction: Number(pcts[k]) / 100 }));
              await call(contract.wfm.putShrinkage, { body: { categories } });
              // the fields show what is stored now (a category left empty or at 0 shows 0)
              const stored = await call(contract.wfm.shrinkage, {});
              saved.setData(stored);
              setPcts(pctsOf(stored));
            })
          }
        >
          {t('wfm.saveShrinkage')}
        </button>
      </div>
    </div>
  );
}
