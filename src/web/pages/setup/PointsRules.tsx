import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { WFM_PLANNERS } from '../../../contract/wfm';
import type { ResponseOf } from '../../../contract/endpoint';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { RowActions, Scroll, SaveCancel } from './shared';

type Rule = ResponseOf<typeof contract.wfm.pointsRules>[number];
type Draft = { id: string; kind: Rule['kind']; dates: string; pointsPerHour: string; multiplier: string; pointsPerSlot: string };
const blank: Draft = { id: '', kind: 'holidayHours', dates: '', pointsPerHour: '1', multiplier: '', pointsPerSlot: '1' };
const toDraft = (r: Rule): Draft =>
  r.kind === 'holidayHours'
    ? {
        ...blank,
        id: r.id,
        kind: r.kind,
        dates: r.dates.join(', '),
        pointsPerHour: String(r.pointsPerHour),
        multiplier: r.multiplier == null ? '' : String(r.multiplier),
      }
    : { ...blank, id: r.id, kind: r.kind, pointsPerSlot: String(r.pointsPerSlot) };
// a typed number, or the text as typed so the server names what is wrong with it
const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** Points earning rules (holiday hours × rate × multiplier, points per peak slot); the whole list is saved at once. */
export default function PointsRules() {
  const { t } = useTranslation();
  const canEdit = hasAny(useMe(), WFM_PLANNERS);
  const rules = useEndpoint(contract.wfm.pointsRules, {});
  const act = useAction();
  const [edit, setEdit] = useState<{ index: number; draft: Draft } | null>(null);
  const list = rules.data ?? [];

  const save = (next: unknown[]) =>
    act.run(async () => {
      await call(contract.wfm.putPointsRules, { body: next as Rule[] });
      setEdit(null);
      await rules.reload();
    });
  const fromDraft = (d: Draft) =>
    d.kind === 'holidayHours'
      ? {
          id: d.id.trim(),
          kind: d.kind,
          dates: d.dates.split(/[,，\s]+/).filter(Boolean),
          pointsPerHour: num(d.pointsPerHour),
          ...(d.multiplier.trim() ? { multiplier: num(d.multiplier) } : {}),
        }
      : { id: d.id.trim(), kind: d.kind, pointsPerSlot: num(d.pointsPerSlot) };
  const f = (name: string) => (edit ? act.errorFor(`${edit.index}.${name}`) : null);
  const set = (patch: Partial<Draft>) => edit && setEdit({ ...edit, draft: { ...edit.draft, ...patch } });
  const summary = (r: Rule) =>
    r.kind === 'holidayHours'
      ? t('setup.points.holidaySummary', { dates: r.dates.join(', '), points: r.pointsPerHour, multiplier: r.multiplier ?? 1 })
      : t('setup.points.peakSummary', { points: r.pointsPerSlot });

  return (
    <Page
      title={t('setup.nav.points')}
      actions={canEdit && <button onClick={() => setEdit({ index: list.length, draft: blank })}>{t('setup.common.add')}</button>}
    >
      <p className="hint">{t('setup.points.intro')}</p>
      {!canEdit && <p className="hint">{t('setup.points.readOnly')}</p>}
      <ErrorNote error={rules.error} />
      {edit && (
        <form
          className="card"
          data-testid="points-form"
          onSubmit={(e) => {
            e.preventDefault();
            const next: unknown[] = [...list];
            next[edit.index] = fromDraft(edit.draft);
            void save(next);
          }}
        >
          <ErrorNote error={act.errorOutside([String(edit.index)])} />
          <FieldRow>
            <Field label={t('setup.points.id')} error={f('id')}>
              <input name="id" value={edit.draft.id} onChange={(e) => set({ id: e.target.value })} />
            </Field>
            <Field label={t('setup.points.kind')} error={f('kind')}>
              <select name="kind" value={edit.draft.kind} onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}>
                <option value="holidayHours">{t('setup.points.kinds.holidayHours')}</option>
                <option value="peakSlot">{t('setup.points.kinds.peakSlot')}</option>
              </select>
            </Field>
          </FieldRow>
          {edit.draft.kind === 'holidayHours' ? (
            <FieldRow>
              <Field label={t('setup.points.dates')} error={f('dates')} hint={t('setup.points.datesHint')} wide>
                <input name="dates" value={edit.draft.dates} onChange={(e) => set({ dates: e.target.value })} />
              </Field>
              <Field label={t('setup.points.pointsPerHour')} error={f('pointsPerHour')}>
                <input name="pointsPerHour" inputMode="decimal" value={edit.draft.pointsPerHour} onChange={(e) => set({ pointsPerHour: e.target.value })} />
              </Field>
              <Field label={t('setup.points.multiplier')} error={f('multiplier')}>
                <input name="multiplier" inputMode="decimal" value={edit.draft.multiplier} onChange={(e) => set({ multiplier: e.target.value })} />
              </Field>
            </FieldRow>
          ) : (
            <FieldRow>
              <Field label={t('setup.points.pointsPerSlot')} error={f('pointsPerSlot')}>
                <input name="pointsPerSlot" inputMode="decimal" value={edit.draft.pointsPerSlot} onChange={(e) => set({ pointsPerSlot: e.target.value })} />
              </Field>
            </FieldRow>
          )}
          <SaveCancel onCancel={() => (setEdit(null), act.clear())} />
        </form>
      )}
      {!edit && <ErrorNote error={act.error} />}
      <Scroll>
        <table data-testid="points-rules">
          <thead>
            <tr>
              <th>{t('setup.points.id')}</th>
              <th>{t('setup.points.kind')}</th>
              <th>{t('setup.points.rule')}</th>
              {canEdit && <th>{t('setup.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.map((r, i) => (
              <tr key={r.id} data-rule={r.id}>
                <td>
                  <Raw>{r.id}</Raw>
                </td>
                <td>{t(`setup.points.kinds.${r.kind}`)}</td>
                <td>{summary(r)}</td>
                {canEdit && (
                  <td>
                    <RowActions
                      name={r.id}
                      onEdit={() => {
                        act.clear();
                        setEdit({ index: i, draft: toDraft(r) });
                      }}
                      onDelete={() => void save(list.filter((_, j) => j !== i))}
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
