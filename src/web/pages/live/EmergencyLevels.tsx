import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { EmergencyLevel } from '../../../contract/duty';
import type { EmergencyStaff } from '../../../contract/live';
import { ErrorNote, Figure, pct, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { fmtDateTime, fmtClock } from '../../format';

const numOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** One level's form: name, conditions, actions and the call-in order (people of the plan, in order). */
function LevelForm({
  i,
  l,
  staff,
  set,
  errorFor,
}: {
  i: number;
  l: EmergencyLevel;
  staff: EmergencyStaff[];
  set: (l: EmergencyLevel | null) => void;
  errorFor: (p: string) => string | null;
}) {
  const { t } = useTranslation();
  const [pick, setPick] = useState('');
  const name = (id: number) => staff.find((s) => s.id === id)?.name ?? String(id);
  const move = (j: number) => {
    const o = [...l.callinOrder];
    [o[j - 1], o[j]] = [o[j]!, o[j - 1]!];
    set({ ...l, callinOrder: o });
  };
  const p = `levels.${i}`;
  return (
    <div className="card" data-testid={`level-form-${i}`}>
      <FieldRow>
        <Field label={t('plan.level')} error={errorFor(`${p}.level`)}>
          <input type="number" min={1} max={9} value={l.level} onChange={(e) => set({ ...l, level: Number(e.target.value) })} />
        </Field>
        <Field label={t('plan.name')} error={errorFor(`${p}.name`)}>
          <input value={l.name} onChange={(e) => set({ ...l, name: e.target.value })} data-testid="level-name" />
        </Field>
        <Field label={t('plan.minWaiting')} error={errorFor(`${p}.minWaiting`)}>
          <input
            type="number"
            min={1}
            value={l.minWaiting ?? ''}
            onChange={(e) => set({ ...l, minWaiting: numOrNull(e.target.value) })}
            data-testid="level-waiting"
          />
        </Field>
        <Field label={t('plan.slBelow')} error={errorFor(`${p}.slBelow`)}>
          <input type="number" min={1} max={100} value={l.slBelow ?? ''} onChange={(e) => set({ ...l, slBelow: numOrNull(e.target.value) })} />
        </Field>
        <Field label={t('plan.slMinutes')} error={errorFor(`${p}.slMinutes`)}>
          <input type="number" min={5} max={240} value={l.slMinutes ?? ''} onChange={(e) => set({ ...l, slMinutes: numOrNull(e.target.value) })} />
        </Field>
      </FieldRow>
      <Field label={t('plan.actions')} error={errorFor(`${p}.actions`)} wide>
        <textarea rows={2} value={l.actions} onChange={(e) => set({ ...l, actions: e.target.value })} />
      </Field>
      <Field label={t('plan.callinOrder')} error={errorFor(`${p}.callinOrder`)} wide>
        <ol>
          {l.callinOrder.map((id, j) => (
            <li key={id}>
              <Raw>{name(id)}</Raw>{' '}
              {j > 0 && (
                <button type="button" className="link" onClick={() => move(j)}>
                  {t('plan.up')}
                </button>
              )}{' '}
              <button type="button" className="link" onClick={() => set({ ...l, callinOrder: l.callinOrder.filter((x) => x !== id) })}>
                {t('duty.remove')}
              </button>
            </li>
          ))}
        </ol>
        <select
          value={pick}
          aria-label={t('plan.callinOrder')}
          onChange={(e) => {
            setPick('');
            if (e.target.value) set({ ...l, callinOrder: [...l.callinOrder, Number(e.target.value)] });
          }}
          data-testid="level-person"
        >
          <option value="">+</option>
          {staff
            .filter((s) => s.active && !l.callinOrder.includes(s.id))
            .map((s) => (
              <option key={s.id} value={s.id} translate="no">
                {s.name}
              </option>
            ))}
        </select>
      </Field>
      <button type="button" onClick={() => set(null)}>
        {t('plan.removeLevel')}
      </button>
    </div>
  );
}

function Activation({ id }: { id: number }) {
  const { t } = useTranslation();
  const d = useEndpoint(contract.emergencyPlan.activation, { params: { id } });
  if (!d.data) return <ErrorNote error={d.error} />;
  const { log, effect } = d.data;
  return (
    <div className="card" data-testid="activation-detail">
      <h4>{t('plan.log')}</h4>
      <div className="table-scroll">
        <table data-testid="activation-log">
          <thead>
            <tr>
              <th>{t('plan.when')}</th>
              <th>{t('plan.who')}</th>
              <th>{t('app.actions')}</th>
              <th>{t('plan.note')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((l) => (
              <tr key={l.id}>
                <td>{fmtDateTime(l.at)}</td>
                <td>{l.userName ? <Raw>{l.userName}</Raw> : t('plan.system')}</td>
                <td>{t(`plan.action.${l.action}`)}</td>
                <td>
                  {Array.isArray(l.detail.people) ? (
                    <Raw>{(l.detail.people as { name: string; order: number }[]).map((p) => `${p.order}. ${p.name}`).join('  ')}</Raw>
                  ) : typeof l.detail.name === 'string' ? (
                    <Raw>{l.detail.name}</Raw>
                  ) : typeof l.detail.note === 'string' ? (
                    <Raw>{l.detail.note}</Raw>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('plan.effect')}</h4>
      <div className="table-scroll">
        <table data-testid="activation-effect">
          <thead>
            <tr>
              <th>{t('plan.period')}</th>
              <th>{t('live.offered')}</th>
              <th>{t('live.answerRate')}</th>
              <th>{t('live.serviceLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {(['before', 'during', 'after'] as const).map((k) => {
              const p = effect[k];
              return (
                <tr key={k}>
                  <td>
                    {t(`plan.${k}`)} {p ? `${fmtClock(p.from)}–${fmtClock(p.to)}` : ''}
                  </td>
                  <td>{p ? p.offered : <Figure value={null} />}</td>
                  <td>
                    <Figure value={p?.answerRate} format={pct} />
                  </td>
                  <td>
                    <Figure value={p?.serviceLevel} format={pct} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The graded emergency plan: levels (the center manager edits), raising, the activations with their log and effect. */
export default function EmergencyLevels({ staff }: { staff: EmergencyStaff[] }) {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['admin', 'center_manager']);
  const canAct = hasAny(me, ['center_manager', 'duty_manager']);
  const levels = useEndpoint(contract.emergencyPlan.levels, {});
  const acts = useEndpoint(contract.emergencyPlan.activations, {});
  const act = useAction();
  const [draft, setDraft] = useState<EmergencyLevel[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const save = () =>
    act.run(async () => {
      await call(contract.emergencyPlan.saveLevels, { body: { levels: draft ?? [] } });
      setDraft(null);
      await levels.reload();
    });
  const run = (fn: () => Promise<unknown>) =>
    act.run(async () => {
      await fn();
      await acts.reload();
      setVersion((v) => v + 1);
    });
  const nameOf = (id: number) => staff.find((s) => s.id === id)?.name ?? String(id);
  return (
    <section className="card">
      <h3>{t('plan.levels')}</h3>
      <p className="hint">{t('plan.levelsHint')}</p>
      <ErrorNote error={draft ? act.errorOutside(['levels']) : (act.error ?? levels.error ?? acts.error)} />
      {!draft && (
        <div className="table-scroll">
          <table data-testid="levels-table">
            <thead>
              <tr>
                <th>{t('plan.level')}</th>
                <th>{t('plan.name')}</th>
                <th>{t('plan.minWaiting')}</th>
                <th>{t('plan.slBelow')}</th>
                <th>{t('plan.actions')}</th>
                <th>{t('plan.callinOrder')}</th>
                {canAct && <th />}
              </tr>
            </thead>
            <tbody>
              {(levels.data ?? []).map((l) => (
                <tr key={l.level}>
                  <td>{l.level}</td>
                  <td>
                    <Raw>{l.name}</Raw>
                  </td>
                  <td>{l.minWaiting ?? '—'}</td>
                  <td>{l.slBelow === null ? '—' : `${l.slBelow}% / ${l.slMinutes ?? 15}′`}</td>
                  <td>
                    <Raw>{l.actions}</Raw>
                  </td>
                  <td>
                    <Raw>{l.callinOrder.map((id, j) => `${j + 1}. ${nameOf(id)}`).join('  ')}</Raw>
                  </td>
                  {canAct && (
                    <td>
                      <button onClick={() => void run(() => call(contract.emergencyPlan.raise, { body: { level: l.level } }))} data-testid={`raise-${l.level}`}>
                        {t('plan.raise')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && !draft && (
        <button onClick={() => setDraft(levels.data ?? [])} data-testid="levels-edit">
          {t('notices.edit')}
        </button>
      )}
      {draft && (
        <>
          {draft.map((l, i) => (
            <LevelForm
              key={i}
              i={i}
              l={l}
              staff={staff}
              errorFor={act.errorFor}
              set={(x) => setDraft(x === null ? draft.filter((_, j) => j !== i) : draft.map((y, j) => (j === i ? x : y)))}
            />
          ))}
          <button
            type="button"
            onClick={() =>
              setDraft([...draft, { level: draft.length + 1, name: '', minWaiting: null, slBelow: null, slMinutes: null, actions: '', callinOrder: [] }])
            }
            data-testid="level-add"
          >
            {t('plan.addLevel')}
          </button>{' '}
          <button onClick={() => void save()} data-testid="levels-save">
            {t('app.save')}
          </button>{' '}
          <button type="button" onClick={() => setDraft(null)}>
            {t('app.cancel')}
          </button>
        </>
      )}
      <h3>{t('plan.activations')}</h3>
      <div className="table-scroll">
        <table data-testid="activations-table">
          <thead>
            <tr>
              <th>{t('plan.when')}</th>
              <th>{t('plan.level')}</th>
              <th>{t('live.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(acts.data ?? []).map((a) => (
              <tr key={a.id} data-testid={`activation-${a.id}`}>
                <td>{fmtDateTime(a.raisedAt ?? a.proposedAt ?? 0)}</td>
                <td>
                  {a.level} <Raw>{a.levelName}</Raw>
                </td>
                <td>
                  {t(`plan.status.${a.status}`)} · {t(`plan.source.${a.source}`)}
                </td>
                <td>
                  {canAct && a.status === 'proposed' && (
                    <>
                      <button onClick={() => void run(() => call(contract.emergencyPlan.confirm, { params: { id: a.id }, body: {} }))}>
                        {t('plan.confirm')}
                      </button>{' '}
                      <button onClick={() => void run(() => call(contract.emergencyPlan.dismiss, { params: { id: a.id }, body: {} }))}>
                        {t('plan.dismiss')}
                      </button>{' '}
                    </>
                  )}
                  {canAct && a.status === 'active' && (
                    <button onClick={() => void run(() => call(contract.emergencyPlan.standDown, { params: { id: a.id }, body: {} }))} data-testid="stand-down">
                      {t('plan.standDown')}
                    </button>
                  )}{' '}
                  <button className="link" onClick={() => setOpen(open === a.id ? null : a.id)} data-testid="activation-view">
                    {t('plan.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {open !== null && <Activation key={`${open}-${version}`} id={open} />}
    </section>
  );
}
