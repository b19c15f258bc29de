import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { RULE_CATEGORIES, type FloorRuleWire } from '../../../contract/peopleWire';
import { ADMINS } from '../../../contract/people';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { yuan } from '../floor/common';
import { RowActions, Scroll, SaveCancel } from './shared';

type Draft = {
  id: string;
  no: string;
  category: FloorRuleWire['category'];
  title: string;
  text: string;
  kind: 'contribution' | 'warning';
  amount: string;
  active: boolean;
};
const blank = (no: number): Draft => ({ id: '', no: String(no), category: 'conduct', title: '', text: '', kind: 'contribution', amount: '5', active: true });
const toDraft = (r: FloorRuleWire): Draft => ({
  id: r.id,
  no: String(r.no),
  category: r.category,
  title: r.title,
  text: r.text,
  kind: r.consequence.kind,
  amount: r.consequence.kind === 'contribution' ? String(r.consequence.amountFen / 100) : '0',
  active: r.active,
});
// yuan typed by hand → fen; what is not a number goes to the server as it is, which names the field
const fenOf = (s: string) => (s.trim() === '' || !Number.isFinite(Number(s)) ? s : Math.round(Number(s) * 100));

/** The center's floor rulebook (紀律): the whole book is saved at once, so each edit sends every rule. */
export default function Rulebook() {
  const { t } = useTranslation();
  const canEdit = hasAny(useMe(), ADMINS);
  const rules = useEndpoint(contract.people.rules, {});
  const act = useAction();
  // the rule being edited: its index in the book (a new one goes last) and its fields
  const [edit, setEdit] = useState<{ index: number; draft: Draft } | null>(null);
  const list = rules.data ?? [];

  const save = (book: unknown[]) =>
    act.run(async () => {
      rules.setData(await call(contract.people.saveRules, { body: { rules: book as FloorRuleWire[] } }));
      setEdit(null);
    });
  const fromDraft = (d: Draft) => ({
    id: d.id.trim(),
    no: Number(d.no),
    category: d.category,
    title: d.title,
    text: d.text,
    consequence: d.kind === 'contribution' ? { kind: 'contribution', amountFen: fenOf(d.amount) } : { kind: 'warning' },
    active: d.active,
  });
  const f = (name: string) => (edit ? act.errorFor(`rules.${edit.index}.${name}`) : null);
  const set = (patch: Partial<Draft>) => edit && setEdit({ ...edit, draft: { ...edit.draft, ...patch } });

  return (
    <Page
      title={t('setup.nav.rules')}
      actions={
        canEdit && (
          <button onClick={() => setEdit({ index: list.length, draft: blank(Math.max(0, ...list.map((r) => r.no)) + 1) })}>{t('setup.common.add')}</button>
        )
      }
    >
      <p className="hint">{t('setup.rules.intro')}</p>
      <ErrorNote error={rules.error} />
      {edit && (
        <form
          className="card"
          data-testid="rule-form"
          onSubmit={(e) => {
            e.preventDefault();
            const book: unknown[] = list.map((r) => r as unknown);
            book[edit.index] = fromDraft(edit.draft);
            void save(book);
          }}
        >
          <ErrorNote error={act.errorOutside(edit ? [`rules.${edit.index}`] : [])} />
          <FieldRow>
            <Field label={t('setup.rules.code')} error={f('id')}>
              <input name="id" value={edit.draft.id} onChange={(e) => set({ id: e.target.value })} />
            </Field>
            <Field label={t('setup.rules.no')} error={f('no')}>
              <input name="no" inputMode="numeric" value={edit.draft.no} onChange={(e) => set({ no: e.target.value })} />
            </Field>
            <Field label={t('setup.rules.category')} error={f('category')}>
              <select name="category" value={edit.draft.category} onChange={(e) => set({ category: e.target.value as Draft['category'] })}>
                {RULE_CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {t(`setup.rules.cat.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('setup.rules.title')} error={f('title')}>
              <input name="title" value={edit.draft.title} onChange={(e) => set({ title: e.target.value })} />
            </Field>
          </FieldRow>
          <FieldRow>
            <Field label={t('setup.rules.text')} error={f('text')} wide>
              <textarea name="text" rows={3} value={edit.draft.text} onChange={(e) => set({ text: e.target.value })} />
            </Field>
          </FieldRow>
          <FieldRow>
            <Field label={t('setup.rules.consequence')} error={f('consequence.kind')}>
              <select name="kind" value={edit.draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
                <option value="contribution">{t('setup.rules.contribution')}</option>
                <option value="warning">{t('setup.rules.warning')}</option>
              </select>
            </Field>
            {edit.draft.kind === 'contribution' && (
              <Field label={t('setup.rules.amount')} error={f('consequence.amountFen')}>
                <input name="amount" inputMode="decimal" value={edit.draft.amount} onChange={(e) => set({ amount: e.target.value })} />
              </Field>
            )}
            <Field label={t('setup.rules.active')} error={f('active')}>
              <input name="active" type="checkbox" checked={edit.draft.active} onChange={(e) => set({ active: e.target.checked })} />
            </Field>
          </FieldRow>
          <SaveCancel onCancel={() => (setEdit(null), act.clear())} />
        </form>
      )}
      {!edit && <ErrorNote error={act.error} />}
      <Scroll>
        <table data-testid="rules">
          <thead>
            <tr>
              <th>{t('setup.rules.no')}</th>
              <th>{t('setup.rules.code')}</th>
              <th>{t('setup.rules.category')}</th>
              <th>{t('setup.rules.title')}</th>
              <th>{t('setup.rules.consequence')}</th>
              <th>{t('setup.rules.active')}</th>
              {canEdit && <th>{t('setup.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((r, i) => (
              <tr key={r.id} data-rule={r.id}>
                <td>{r.no}</td>
                <td>{r.id}</td>
                <td>{t(`setup.rules.cat.${r.category}`)}</td>
                <td>
                  <b>{r.title}</b>
                  <div className="hint">{r.text}</div>
                </td>
                <td>
                  {r.consequence.kind === 'contribution' ? `${t('setup.rules.contribution')} ${yuan(r.consequence.amountFen)}` : t('setup.rules.warning')}
                </td>
                <td>{r.active ? t('setup.rules.yes') : t('setup.rules.off')}</td>
                {canEdit && (
                  <td>
                    <RowActions
                      name={r.title}
                      onEdit={() => {
                        act.clear();
                        setEdit({ index: i, draft: toDraft(r) });
                      }}
                      onDelete={() => void save(list.filter((x) => x.id !== r.id))}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </Page>
  );
}
