import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import type { AllocationRule, PriorityKey } from '../../../core/wfm/peaks';
import { Field, FieldRow } from '../../components/form';
import { moveBy } from '../../components/list';
import { ErrorNote, Waiting } from '../../components/ui';

const KEYS: PriorityKey[] = ['points', 'tenure', 'performance'];
/** The server's rule when the center has set none (src/services/wfm/common.ts DEFAULT_PEAK_RULE). */
const DEFAULT_RULE: AllocationRule = { mode: 'firstCome' };

/**
 * How peak / VTO slots are allocated when the planner confirms one: first come, or by priority — the
 * chosen criteria in order (holiday points, tenure, performance), the first one deciding and the next
 * breaking ties.
 */
export function PeakRule() {
  const { t } = useTranslation();
  const stored = useEndpoint(contract.platform.setting, { params: { key: 'wfm.peakRule' } });
  // the form waits for the stored rule: edits made before it arrives would be overwritten by it
  const [form, setForm] = useStoredForm(stored.data, (d) => {
    const rule = (d.value as AllocationRule | null) ?? DEFAULT_RULE;
    const chosen = rule.mode === 'priority' ? rule.order : KEYS;
    return {
      mode: rule.mode,
      order: [...chosen.map((key) => ({ key, on: true })), ...KEYS.filter((k) => !chosen.includes(k)).map((key) => ({ key, on: false }))],
    };
  });
  const act = useAction();
  const [saved, setSaved] = useState(false);
  if (!form)
    return (
      <div className="card">
        <h4>{t('setup.peak.title')}</h4>
        <Waiting error={stored.error} />
      </div>
    );
  const { mode, order } = form;
  const setMode = (m: AllocationRule['mode']) => setForm({ ...form, mode: m });
  const setOrder = (o: typeof order) => setForm({ ...form, order: o });
  const save = () =>
    act.run(async () => {
      setSaved(false);
      const body: AllocationRule = mode === 'firstCome' ? { mode } : { mode, order: order.filter((o) => o.on).map((o) => o.key) };
      await call(contract.wfm.putPeakRule, { body });
      setSaved(true);
    });
  return (
    <div className="card" data-testid="peak-rule">
      <h4>{t('setup.peak.title')}</h4>
      <FieldRow>
        <Field label={t('setup.peak.mode')} error={act.errorFor('mode')}>
          <select name="peak-mode" value={mode} onChange={(e) => setMode(e.target.value === 'priority' ? 'priority' : 'firstCome')}>
            <option value="firstCome">{t('setup.peak.firstCome')}</option>
            <option value="priority">{t('setup.peak.priority')}</option>
          </select>
        </Field>
      </FieldRow>
      {mode === 'priority' && (
        <Field label={t('setup.peak.order')} hint={t('setup.peak.orderHint')} error={act.errorFor('order')}>
          <ol className="plain-list">
            {order.map((o, i) => (
              <li key={o.key} className="form-row">
                <label>
                  <input
                    type="checkbox"
                    name={`peak-${o.key}`}
                    checked={o.on}
                    onChange={(e) => setOrder(order.map((x, j) => (j === i ? { ...x, on: e.target.checked } : x)))}
                  />{' '}
                  {t(`setup.peak.keys.${o.key}`)}
                </label>
                <button className="secondary" disabled={i === 0} onClick={() => setOrder(moveBy(order, i, -1))}>
                  {t('setup.moveUp')}
                </button>
                <button className="secondary" disabled={i === order.length - 1} onClick={() => setOrder(moveBy(order, i, 1))}>
                  {t('setup.moveDown')}
                </button>
              </li>
            ))}
          </ol>
        </Field>
      )}
      <ErrorNote error={act.errorOutside(['mode', 'order'])} />
      <div className="form-row">
        <button name="save-peak-rule" onClick={save}>
          {t('app.save')}
        </button>
        {saved && <span className="ok">{t('app.saved')}</span>}
      </div>
    </div>
  );
}
