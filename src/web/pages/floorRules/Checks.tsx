import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import { CHECKERS, FLOOR_EDITORS, type FloorCheck } from '../../../contract/floorRules';
import { ErrorNote, Figure, Page, pct, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { centerToday } from '../../format';

type Item = { id?: number; text: string };

/** The stored items as the editor sends them back: id and text only (the save takes no other field). */
const itemsOf = (items: { id: number; text: string }[]): Item[] => items.map((i) => ({ id: i.id, text: i.text }));

/** The center's checklist, edited by the duty manager and the center manager. */
function ChecklistEditor({ items, onSaved }: { items: { id: number; text: string }[]; onSaved: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  // seeded once: the page reloads the checklist after every check recorded, which would overwrite an edit in progress
  const [seeded, setDraft] = useStoredForm(items, itemsOf);
  const draft = seeded ?? itemsOf(items);
  return (
    <details className="card">
      <summary>{t('fr.checklist')}</summary>
      {draft.map((it, i) => (
        <FieldRow key={it.id ?? `new-${i}`}>
          <Field label={`${t('fr.item')} ${i + 1}`} error={act.errorFor(`items.${i}`)} wide>
            <input value={it.text} onChange={(e) => setDraft(draft.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
          </Field>
          <button type="button" onClick={() => setDraft(draft.filter((_, j) => j !== i))}>
            {t('fr.removeItem')}
          </button>
        </FieldRow>
      ))}
      <ErrorNote error={act.errorOutside(['items'])} />
      <button type="button" onClick={() => setDraft([...draft, { text: '' }])}>
        {t('fr.addItem')}
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          act.run(async () => {
            // the editor shows the checklist as stored now (new items with their ids, so a second save keeps them)
            setDraft(itemsOf(await call(contract.floorRules.saveChecklist, { body: { items: draft } })));
            onSaved();
          })
        }
      >
        {t('fr.saveChecklist')}
      </button>
    </details>
  );
}

function FollowUp({ check, itemId, onDone }: { check: FloorCheck; itemId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const act = useAction();
  const [note, setNote] = useState('');
  return (
    <span>
      <Field label={t('fr.followUpNote')} error={act.errorFor('note')}>
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <ErrorNote error={act.errorOutside(['note'])} />
      <button
        type="button"
        onClick={() => act.run(async () => (await call(contract.floorRules.followUp, { params: { id: check.id }, body: { itemId, note } }), onDone()))}
      >
        {t('fr.closeFollowUp')}
      </button>
    </span>
  );
}

/** Hygiene and safety checks (seed 000 第13條): the team lead checks their area item by item; failures are followed up. */
export default function Checks() {
  const { t } = useTranslation();
  const me = useMe();
  const canCheck = hasAny(me, CHECKERS);
  const canEdit = hasAny(me, FLOOR_EDITORS);
  const today = centerToday();
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const items = useEndpoint(contract.floorRules.checklist, {}, [version]);
  const [from, setFrom] = useState(`${today.slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const hist = useEndpoint(contract.floorRules.checks, { query: { from, to } }, [version]);
  const act = useAction();
  const [date, setDate] = useState(today);
  const [area, setArea] = useState('');
  const [results, setResults] = useState<Record<number, { pass: boolean; note: string }>>({});
  const result = (id: number) => results[id] ?? { pass: true, note: '' };
  const record = () =>
    act.run(async () => {
      await call(contract.floorRules.recordCheck, {
        body: { date, area, results: (items.data ?? []).map((i) => ({ itemId: i.id, ...result(i.id) })) },
      });
      setResults({});
      reload();
    });
  return (
    <Page title={t('nav.checks')}>
      {canEdit && items.data && <ChecklistEditor items={items.data} onSaved={reload} />}
      {canCheck && (
        <section className="card">
          <h2>{t('fr.newCheck')}</h2>
          <FieldRow>
            <Field label={t('fr.date')} error={act.errorFor('date')}>
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </Field>
            <Field label={t('fr.area')} error={act.errorFor('area')}>
              <input value={area} onChange={(e) => setArea(e.target.value)} />
            </Field>
          </FieldRow>
          <div className="table-scroll">
            <table data-testid="check-form">
              <thead>
                <tr>
                  <th>{t('fr.item')}</th>
                  <th>{t('fr.pass')}</th>
                  <th>{t('fr.note')}</th>
                </tr>
              </thead>
              <tbody>
                {(items.data ?? []).map((it, i) => (
                  <tr key={it.id}>
                    <td>
                      <Raw>{it.text}</Raw>
                    </td>
                    <td>
                      <select
                        aria-label={`${t('fr.pass')} ${i + 1}`}
                        value={result(it.id).pass ? 'pass' : 'fail'}
                        onChange={(e) => setResults({ ...results, [it.id]: { ...result(it.id), pass: e.target.value === 'pass' } })}
                      >
                        <option value="pass">{t('fr.pass')}</option>
                        <option value="fail">{t('fr.fail')}</option>
                      </select>
                    </td>
                    <td>
                      <Field label={`${t('fr.note')} ${i + 1}`} error={act.errorFor(`results.${i}.note`)}>
                        <input value={result(it.id).note} onChange={(e) => setResults({ ...results, [it.id]: { ...result(it.id), note: e.target.value } })} />
                      </Field>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ErrorNote error={act.errorOutside(['date', 'area', 'results'])} />
          <button type="button" onClick={record}>
            {t('fr.save')}
          </button>
        </section>
      )}
      <section className="card">
        <h2>{t('fr.history')}</h2>
        <FieldRow>
          <Field label={t('duty.from')}>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </Field>
          <Field label={t('duty.to')}>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </Field>
        </FieldRow>
        <ErrorNote error={hist.error ?? items.error} />
        {hist.data && (
          <p className="hint" data-testid="check-pass-rate">
            {t('fr.passRate')} <Figure value={hist.data.passRate} format={pct} /> ({hist.data.passed}/{hist.data.checked}) · {t('fr.openFollowUps')}{' '}
            {hist.data.openFollowUps}
          </p>
        )}
        {(hist.data?.checks ?? []).map((c) => (
          <div key={c.id} className="card" data-testid="check-row">
            <h4>
              {c.date} <Raw>{c.area}</Raw> · <Raw>{c.checkerName}</Raw> · {t('fr.passRate')} <Figure value={c.passRate} format={pct} />
            </h4>
            <ul>
              {c.results
                .filter((r) => !r.pass)
                .map((r) => (
                  <li key={r.itemId}>
                    {t('fr.fail')}: <Raw>{r.itemText}</Raw> — <Raw>{r.note}</Raw>{' '}
                    {r.followUp === 'done' ? (
                      <>
                        {t('fr.followUpDone')} <Raw>{r.followUpNote}</Raw>
                      </>
                    ) : canCheck ? (
                      <FollowUp check={c} itemId={r.itemId} onDone={reload} />
                    ) : (
                      t('fr.openFollowUps')
                    )}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </section>
    </Page>
  );
}
