import { useTranslation } from 'react-i18next';
import type { ScorecardItem, ScorecardTemplate } from '../../../contract/qualityTypes';
import { Field, FieldRow } from '../../components/form';
import { moveBy, numberOf, removeAt, replaceAt, textOf } from '../../components/list';

type Section = ScorecardTemplate['sections'][number];
/** `errorFor` / `errorAt` of the form's useAction(): the server's reason for a field, in the user's language. */
export interface FieldErrors {
  errorFor: (path: string) => string | null;
  errorAt: (path: string) => string | null;
}

/** The weight rule of the core (src/core/quality/template.ts): each level adds up to 100. */
const MUST = 100;
const sumOf = (xs: readonly { weight: number }[]) => Math.round(xs.reduce((s, x) => s + (Number.isFinite(x.weight) ? x.weight : 0), 0) * 1e6) / 1e6;

/** A code not used yet in the template: `prefix1`, `prefix2`… */
function freshId(t: ScorecardTemplate, prefix: string): string {
  const used = new Set(t.sections.flatMap((s) => [s.id, ...s.items.map((i) => i.id)]));
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
const newItem = (t: ScorecardTemplate, sectionId: string): ScorecardItem => ({
  id: freshId(t, `${sectionId}-`),
  label: '',
  weight: 0,
  min: 0,
  max: 1,
  fatal: false,
  naAllowed: true,
});
export function newSection(t: ScorecardTemplate): Section {
  const id = freshId(t, 's');
  return { id, label: '', weight: 0, items: [newItem(t, id)] };
}
export const blankTemplate = (): ScorecardTemplate => {
  const t: ScorecardTemplate = { id: '', version: 1, name: '', fatalMode: 'zero', sections: [] };
  return { ...t, sections: [newSection(t)] };
};

/** The sum of a level's weights next to the rule, and the server's refusal of that level. */
function WeightSum({ label, sum, error, testId }: { label: string; sum: number; error: string | null; testId: string }) {
  const { t } = useTranslation();
  const ok = Math.abs(sum - MUST) < 1e-6;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-testid={testId}>
      <span className={ok ? 'ok' : 'warn'}>{t('setup.qa.weightSum', { what: label, sum, must: MUST })}</span>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Edits a scorecard: name, fatal rule, sections and their items (weights, score range, fatal, N/A), added, removed and reordered. */
export function ScorecardEditor({
  value,
  onChange,
  errors,
  isNew,
}: {
  value: ScorecardTemplate;
  onChange: (t: ScorecardTemplate) => void;
  errors: FieldErrors;
  isNew: boolean;
}) {
  const { t } = useTranslation();
  const at = (p: string) => `template.${p}`;
  const setSection = (si: number, s: Section) => onChange({ ...value, sections: replaceAt(value.sections, si, s) });
  const setItem = (si: number, ii: number, patch: Partial<ScorecardItem>) => {
    const s = value.sections[si]!;
    setSection(si, { ...s, items: replaceAt(s.items, ii, { ...s.items[ii]!, ...patch }) });
  };
  return (
    <div data-testid="scorecard-editor">
      <FieldRow>
        {isNew && (
          <Field label={t('setup.qa.code')} hint={t('setup.qa.codeHint')} error={errors.errorFor(at('id'))}>
            <input name="template-id" value={value.id} onChange={(e) => onChange({ ...value, id: e.target.value.trim() })} />
          </Field>
        )}
        <Field label={t('setup.qa.name')} error={errors.errorFor(at('name'))}>
          <input name="template-name" value={value.name} onChange={(e) => onChange({ ...value, name: e.target.value })} />
        </Field>
        <Field label={t('setup.qa.fatalMode')} error={errors.errorFor(at('fatalMode'))}>
          <select name="fatal-mode" value={value.fatalMode} onChange={(e) => onChange({ ...value, fatalMode: e.target.value === 'flag' ? 'flag' : 'zero' })}>
            <option value="zero">{t('setup.qa.fatalZero')}</option>
            <option value="flag">{t('setup.qa.fatalFlag')}</option>
          </select>
        </Field>
      </FieldRow>
      <WeightSum label={t('setup.qa.sections')} sum={sumOf(value.sections)} error={errors.errorAt(at('sections'))} testId="section-weight-sum" />
      {value.sections.map((s, si) => (
        <fieldset key={si} className="card" data-testid={`section-${si}`}>
          <legend>
            {t('qa.section')} {si + 1}
          </legend>
          <FieldRow>
            <Field label={t('setup.qa.sectionLabel')} error={errors.errorFor(at(`sections.${si}.label`))}>
              <input name={`section-${si}-label`} value={s.label} onChange={(e) => setSection(si, { ...s, label: e.target.value })} />
            </Field>
            <Field label={t('qa.weight')} error={errors.errorFor(at(`sections.${si}.weight`))}>
              <input
                name={`section-${si}-weight`}
                type="number"
                step="any"
                value={textOf(s.weight)}
                onChange={(e) => setSection(si, { ...s, weight: numberOf(e.target.value) })}
              />
            </Field>
            <Field label={t('setup.qa.code')} error={errors.errorFor(at(`sections.${si}.id`))}>
              <input name={`section-${si}-id`} value={s.id} onChange={(e) => setSection(si, { ...s, id: e.target.value.trim() })} />
            </Field>
            <div className="form-row">
              <button className="secondary" disabled={si === 0} onClick={() => onChange({ ...value, sections: moveBy(value.sections, si, -1) })}>
                {t('setup.moveUp')}
              </button>
              <button
                className="secondary"
                disabled={si === value.sections.length - 1}
                onClick={() => onChange({ ...value, sections: moveBy(value.sections, si, 1) })}
              >
                {t('setup.moveDown')}
              </button>
              <button
                className="secondary"
                disabled={value.sections.length === 1}
                onClick={() => onChange({ ...value, sections: removeAt(value.sections, si) })}
              >
                {t('setup.qa.removeSection')}
              </button>
            </div>
          </FieldRow>
          <WeightSum label={t('setup.qa.items')} sum={sumOf(s.items)} error={errors.errorAt(at(`sections.${si}.items`))} testId={`item-weight-sum-${si}`} />
          {s.items.map((it, ii) => (
            <ItemRow
              key={ii}
              item={it}
              path={at(`sections.${si}.items.${ii}`)}
              name={`item-${si}-${ii}`}
              errors={errors}
              onChange={(patch) => setItem(si, ii, patch)}
              onMove={(d) => setSection(si, { ...s, items: moveBy(s.items, ii, d) })}
              onRemove={s.items.length > 1 ? () => setSection(si, { ...s, items: removeAt(s.items, ii) }) : undefined}
              first={ii === 0}
              last={ii === s.items.length - 1}
            />
          ))}
          <button className="secondary" name={`section-${si}-add-item`} onClick={() => setSection(si, { ...s, items: [...s.items, newItem(value, s.id)] })}>
            {t('setup.qa.addItem')}
          </button>
        </fieldset>
      ))}
      <button className="secondary" name="add-section" onClick={() => onChange({ ...value, sections: [...value.sections, newSection(value)] })}>
        {t('setup.qa.addSection')}
      </button>
    </div>
  );
}

function ItemRow(props: {
  item: ScorecardItem;
  path: string;
  name: string;
  errors: FieldErrors;
  onChange: (patch: Partial<ScorecardItem>) => void;
  onMove: (delta: number) => void;
  onRemove?: () => void;
  first: boolean;
  last: boolean;
}) {
  const { t } = useTranslation();
  const { item: it, path, name, errors, onChange } = props;
  const num = (k: 'weight' | 'min' | 'max', label: string) => (
    <Field label={label} error={errors.errorFor(`${path}.${k}`)}>
      <input
        name={`${name}-${k}`}
        type="number"
        step="any"
        value={textOf(it[k])}
        onChange={(e) => onChange({ [k]: numberOf(e.target.value) })}
        style={{ width: '6rem' }}
      />
    </Field>
  );
  // a refusal of this item that none of its fields shows (e.g. its pass mark) is said under the row
  const shown = ['label', 'id', 'weight', 'min', 'max', 'fatal', 'naAllowed', 'options'].some((k) => errors.errorFor(`${path}.${k}`));
  const rest = shown ? null : errors.errorFor(path);
  return (
    <div className="setup-item" data-testid={name}>
      <FieldRow>
        <Field label={t('qa.item')} error={errors.errorFor(`${path}.label`)}>
          <input name={`${name}-label`} value={it.label} onChange={(e) => onChange({ label: e.target.value })} />
        </Field>
        <Field label={t('setup.qa.code')} error={errors.errorFor(`${path}.id`)}>
          <input name={`${name}-id`} value={it.id} onChange={(e) => onChange({ id: e.target.value.trim() })} style={{ width: '8rem' }} />
        </Field>
        {num('weight', t('qa.weight'))}
        {num('min', t('setup.qa.min'))}
        {num('max', t('setup.qa.max'))}
        <Field label={t('qa.fatal')} error={errors.errorFor(`${path}.fatal`)}>
          <input name={`${name}-fatal`} type="checkbox" checked={it.fatal} onChange={(e) => onChange({ fatal: e.target.checked })} />
        </Field>
        <Field label={t('setup.qa.naAllowed')} error={errors.errorFor(`${path}.naAllowed`)}>
          <input name={`${name}-na`} type="checkbox" checked={it.naAllowed} onChange={(e) => onChange({ naAllowed: e.target.checked })} />
        </Field>
        <div className="form-row">
          <button className="secondary" disabled={props.first} onClick={() => props.onMove(-1)}>
            {t('setup.moveUp')}
          </button>
          <button className="secondary" disabled={props.last} onClick={() => props.onMove(1)}>
            {t('setup.moveDown')}
          </button>
          <button className="secondary" name={`${name}-remove`} disabled={!props.onRemove} onClick={props.onRemove}>
            {t('setup.qa.removeItem')}
          </button>
        </div>
      </FieldRow>
      {rest && (
        <span className="field-error" role="alert">
          {rest}
        </span>
      )}
      <ItemChoices item={it} path={path} name={name} errors={errors} onChange={onChange} />
    </div>
  );
}

/**
 * The named choices an item is scored with (e.g. 0 未做 / 1 部分 / 2 完整), each value within the item's
 * range; without choices any whole score from lowest to highest may be picked.
 */
function ItemChoices({
  item: it,
  path,
  name,
  errors,
  onChange,
}: {
  item: ScorecardItem;
  path: string;
  name: string;
  errors: FieldErrors;
  onChange: (patch: Partial<ScorecardItem>) => void;
}) {
  const { t } = useTranslation();
  const options = it.options;
  if (!options)
    return (
      <button
        className="secondary"
        name={`${name}-use-choices`}
        onClick={() =>
          onChange({
            options: [
              { value: it.min, label: '' },
              { value: it.max, label: '' },
            ],
          })
        }
      >
        {t('setup.qa.useChoices')}
      </button>
    );
  const whole = errors.errorAt(`${path}.options`);
  return (
    <div className="setup-choices" data-testid={`${name}-choices`}>
      {options.map((o, k) => (
        <FieldRow key={k}>
          <Field label={t('setup.qa.choiceValue')} error={errors.errorFor(`${path}.options.${k}.value`)}>
            <input
              name={`${name}-choice-${k}-value`}
              type="number"
              step="any"
              value={textOf(o.value)}
              onChange={(e) => onChange({ options: replaceAt(options, k, { ...o, value: numberOf(e.target.value) }) })}
              style={{ width: '6rem' }}
            />
          </Field>
          <Field label={t('setup.qa.choiceLabel')} error={errors.errorFor(`${path}.options.${k}.label`)}>
            <input
              name={`${name}-choice-${k}-label`}
              value={o.label}
              onChange={(e) => onChange({ options: replaceAt(options, k, { ...o, label: e.target.value }) })}
            />
          </Field>
          <button className="secondary" disabled={options.length === 1} onClick={() => onChange({ options: removeAt(options, k) })}>
            {t('setup.qa.removeChoice')}
          </button>
        </FieldRow>
      ))}
      {whole && (
        <span className="field-error" role="alert">
          {whole}
        </span>
      )}
      <div className="form-row">
        <button className="secondary" onClick={() => onChange({ options: [...options, { value: it.max, label: '' }] })}>
          {t('setup.qa.addChoice')}
        </button>
        <button className="secondary" onClick={() => onChange({ options: undefined })}>
          {t('setup.qa.useRange')}
        </button>
      </div>
    </div>
  );
}
