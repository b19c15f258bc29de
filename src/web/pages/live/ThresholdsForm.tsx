import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import type { Thresholds } from '../../../contract/live';
import { Field, FieldRow } from '../../components/form';
import { numberOf, textOf } from '../../components/list';
import { ErrorNote, Waiting } from '../../components/ui';

const TH_KEYS = [
  'answerRateTarget',
  'occupancyHigh',
  'occupancyLow',
  'idleShareMax',
  'notReadyFactor',
  'notReadyMinExcess',
  'minOffered',
  'minStaffedS',
  'longWaitS',
  'longCallS',
] as const satisfies readonly (keyof Thresholds)[];
/** Shares (0–1) of the diagnosis: shown with their meaning as a percentage next to the field. */
const RATIOS: ReadonlySet<string> = new Set(['answerRateTarget', 'occupancyHigh', 'occupancyLow', 'idleShareMax', 'notReadyMinExcess']);

/**
 * The center's diagnosis thresholds (seed 000's four indicators): each field with the seeds' default next
 * to it and the server's reason when it refuses a value. Read-only for whoever may not change them.
 */
export function ThresholdsForm({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const th = useEndpoint(contract.live.thresholds, {});
  // the fields wait for the stored thresholds: a value typed before they arrive would be overwritten
  const [form, setForm] = useStoredForm(th.data, (d): Record<string, number> => ({ ...d.thresholds }));
  const act = useAction();
  const [saved, setSaved] = useState(false);
  if (!form)
    return (
      <div className="card">
        <h3>{t('live.thresholds')}</h3>
        <Waiting error={th.error} />
      </div>
    );
  const hint = (k: (typeof TH_KEYS)[number]) => {
    const d = th.data?.defaults[k];
    if (d === undefined) return undefined;
    return t('setup.center.default', { value: RATIOS.has(k) ? `${d} (${Math.round(d * 1000) / 10}%)` : d });
  };
  const save = () =>
    act.run(async () => {
      setSaved(false);
      const r = await call(contract.live.setThresholds, { body: Object.fromEntries(TH_KEYS.map((k) => [k, form[k]])) });
      setForm({ ...r.thresholds });
      setSaved(true);
    });
  return (
    <div className="card" data-testid="thresholds-form">
      <h3>{t('live.thresholds')}</h3>
      <ErrorNote error={th.error} />
      <fieldset disabled={!canEdit} className="plain">
        <FieldRow>
          {TH_KEYS.map((k) => (
            <Field key={k} label={t(`live.${k}`)} hint={hint(k)} error={act.errorFor(k)}>
              <input name={k} type="number" step="any" value={textOf(form[k])} onChange={(e) => setForm({ ...form, [k]: numberOf(e.target.value) })} />
            </Field>
          ))}
        </FieldRow>
      </fieldset>
      <ErrorNote error={act.errorOutside([...TH_KEYS])} />
      {canEdit && (
        <div className="form-row">
          <button name="save-thresholds" onClick={save}>
            {t('app.save')}
          </button>
          {saved && <span className="ok">{t('app.saved')}</span>}
        </div>
      )}
    </div>
  );
}
