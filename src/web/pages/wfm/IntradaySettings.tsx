import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Waiting } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';

const KEYS = ['vtoMinOver', 'maxOvertimeMin', 'maxVtoMin', 'rtaGraceMin'] as const;

/** The stored setting as the fields edit it. */
const settingForm = (d: Record<(typeof KEYS)[number], number>) =>
  Object.fromEntries(KEYS.map((k) => [k, String(d[k])])) as Record<(typeof KEYS)[number], string>;

/** The center's intraday setting: when VTO is offered, the longest offers, the real-time adherence grace. */
export function IntradaySettings() {
  const { t } = useTranslation();
  const cur = useEndpoint(contract.intraday.intradaySettings, {});
  const act = useAction();
  // the fields wait for the stored setting: a value typed before it arrives would be overwritten
  const [f, setF] = useStoredForm(cur.data, settingForm);
  const [saved, setSaved] = useState(false);
  if (!f) return <Waiting error={cur.error} />;
  const save = () =>
    act.run(async () => {
      setSaved(false);
      await call(contract.intraday.putIntradaySettings, {
        body: Object.fromEntries(KEYS.map((k) => [k, Number(f[k])])) as Record<(typeof KEYS)[number], number>,
      });
      setSaved(true);
      // the fields show what is stored now
      const stored = await call(contract.intraday.intradaySettings, {});
      cur.setData(stored);
      setF(settingForm(stored));
    });
  return (
    <section className="card">
      <h2>{t('intraday.settings')}</h2>
      <ErrorNote error={act.errorOutside([...KEYS])} />
      {saved && <div className="ok">{t('intraday.saved')}</div>}
      <FieldRow>
        {KEYS.map((k) => (
          <Field key={k} label={t(`intraday.set_${k}`)} error={act.errorFor(k)}>
            <input inputMode="numeric" value={f[k]} onChange={(e) => setF({ ...f, [k]: e.target.value })} data-testid={`intraday-set-${k}`} />
          </Field>
        ))}
      </FieldRow>
      <div className="page-actions">
        <button onClick={save} data-testid="intraday-settings-save">
          {t('intraday.save')}
        </button>
      </div>
    </section>
  );
}
