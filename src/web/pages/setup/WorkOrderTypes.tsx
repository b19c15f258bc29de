import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import type { ResponseOf } from '../../../contract/endpoint';
import { contract } from '../../../contract/index';
import { PRIORITIES, WORK_ORDER_TYPES, type Priority, type WorkOrderType } from '../../../core/workorders/index';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page, Waiting } from '../../components/ui';

type SlaDraft = Record<Priority, { resolveMinutes: string; warnBeforeMinutes: string }>;
// a typed whole number, or the text as typed so the server names what is wrong with it
const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** A type's categories and SLA as the form edits them (minutes as typed text). */
type TypeDraft = { categories: string[]; sla: SlaDraft };
type WoConfig = ResponseOf<typeof contract.workorders.config>;
const draftOf =
  (type: WorkOrderType) =>
  (c: WoConfig): TypeDraft => ({
    categories: [...c.categories[type]],
    sla: Object.fromEntries(
      PRIORITIES.map((p) => [p, { resolveMinutes: String(c.sla[type][p].resolveMinutes), warnBeforeMinutes: String(c.sla[type][p].warnBeforeMinutes) }]),
    ) as SlaDraft,
  });

/** A work-order type's categories and its SLA per priority: edited together, saved at once. */
export default function WorkOrderTypes() {
  const { t } = useTranslation();
  const config = useEndpoint(contract.workorders.config, {});
  const [type, setType] = useState<WorkOrderType>('escalation');
  return (
    <Page title={t('setup.nav.woTypes')}>
      <p className="hint">{t('setup.wo.intro')}</p>
      <FieldRow>
        <Field label={t('setup.wo.type')}>
          <select name="type" value={type} onChange={(e) => setType(e.target.value as WorkOrderType)}>
            {WORK_ORDER_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`wo.types.${x}`)}
              </option>
            ))}
          </select>
        </Field>
      </FieldRow>
      {/* one form per type: choosing another type starts its form afresh from what the center has for it */}
      <TypeForm key={type} type={type} config={config.data} error={config.error} onStored={config.setData} />
    </Page>
  );
}

function TypeForm({ type, config, error, onStored }: { type: WorkOrderType; config: WoConfig | null; error: string | null; onStored: (c: WoConfig) => void }) {
  const { t } = useTranslation();
  const act = useAction();
  // the form waits for the stored setup: categories or minutes typed before it arrives would be overwritten
  const [f, setF] = useStoredForm(config, draftOf(type));
  const [newCat, setNewCat] = useState('');
  const [saved, setSaved] = useState(false);
  if (!f) return <Waiting error={error} />;
  const { categories, sla } = f;
  const setCategories = (c: string[]) => setF({ ...f, categories: c });
  const setSla = (x: SlaDraft) => setF({ ...f, sla: x });

  const addCategory = () => {
    if (!newCat.trim()) return;
    setCategories([...categories, newCat.trim()]);
    setNewCat('');
  };

  return (
    <form
      className="card"
      data-testid="wo-type-form"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void act.run(async () => {
          const body = {
            categories,
            sla: Object.fromEntries(
              PRIORITIES.map((p) => [p, { resolveMinutes: num(sla[p].resolveMinutes), warnBeforeMinutes: num(sla[p].warnBeforeMinutes) }]),
            ) as Record<Priority, { resolveMinutes: number; warnBeforeMinutes: number }>,
          };
          await call(contract.workorders.putTypeSetup, { params: { type }, body });
          // the form shows what is stored now
          const stored = await call(contract.workorders.config, {});
          onStored(stored);
          setF(draftOf(type)(stored));
          setSaved(true);
        });
      }}
    >
      <ErrorNote error={act.errorOutside(['categories', 'sla'])} />
      <h2>{t('setup.wo.categories')}</h2>
      <ul className="chips" data-testid="wo-categories" style={{ listStyle: 'none', padding: 0, display: 'flex', flexWrap: 'wrap', gap: 8 }}>
        {categories.map((c, i) => (
          <li key={`${c}-${i}`} className={act.errorFor(`categories.${i}`) ? 'field-invalid' : ''}>
            <span className="badge">{c}</span>{' '}
            <button
              type="button"
              className="secondary"
              aria-label={t('setup.wo.remove', { name: c })}
              onClick={() => setCategories(categories.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <FieldRow>
        <Field label={t('setup.wo.newCategory')} error={act.errorFor('categories')}>
          <input
            name="newCategory"
            value={newCat}
            onChange={(e) => setNewCat(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addCategory();
              }
            }}
          />
        </Field>
        <button type="button" className="secondary" onClick={addCategory} style={{ alignSelf: 'flex-end' }}>
          {t('setup.wo.addCategory')}
        </button>
      </FieldRow>
      <h2>{t('setup.wo.sla')}</h2>
      <div data-testid="wo-sla">
        {PRIORITIES.map((p) => (
          <FieldRow key={p}>
            {(['resolveMinutes', 'warnBeforeMinutes'] as const).map((k) => (
              <Field key={k} label={`${t(`wo.priorities.${p}`)} · ${t(`setup.wo.${k}`)}`} error={act.errorFor(`sla.${p}.${k}`)}>
                <input
                  name={`sla.${p}.${k}`}
                  inputMode="numeric"
                  value={sla[p][k]}
                  onChange={(e) => setSla({ ...sla, [p]: { ...sla[p], [k]: e.target.value } })}
                />
              </Field>
            ))}
          </FieldRow>
        ))}
      </div>
      <div className="form-row">
        <button type="submit">{t('setup.common.save')}</button>
        {saved && !act.error && (
          <span className="ok" role="status">
            {t('setup.common.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
