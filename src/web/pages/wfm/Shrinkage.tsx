import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { SHRINKAGE_CATEGORIES } from '../../../core/wfm/shrinkage';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Loading } from '../../components/ui';

/**
 * The center's planned shrinkage by category (issue 15), in percent of paid time: a requirement from a
 * forecast divides the Erlang agents by (1 − the sum). Replaces the one shrinkage number of this page.
 */
export function Shrinkage() {
  const { t } = useTranslation();
  const saved = useEndpoint(contract.wfm.shrinkage, {});
  const act = useAction();
  const [pcts, setPcts] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!saved.data) return;
    const by = new Map(saved.data.categories.map((c) => [c.category, c.fraction]));
    setPcts(Object.fromEntries(SHRINKAGE_CATEGORIES.map((k) => [k, String(Math.round((by.get(k) ?? 0) * 1000) / 10)])));
  }, [saved.data]);
  const total = SHRINKAGE_CATEGORIES.reduce((s, k) => s + (Number(pcts[k]) || 0), 0);
  // the fields wait for the stored categories: figures typed before they arrive would be overwritten
  if (!saved.data)
    return (
      <div>
        <h4>{t('wfm.shrinkageByCategory')}</h4>
        {saved.error ? <ErrorNote error={saved.error} /> : <Loading />}
      </div>
    );
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
              await saved.reload();
            })
          }
        >
          {t('wfm.saveShrinkage')}
        </button>
      </div>
    </div>
  );
}
