import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { DutyShift, Handover, HandoverItems } from '../../../contract/duty';
import { ErrorNote, Figure, Page, pct, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { fmtClock, fmtDate, fmtDateTime, fmtDuration, centerToday } from '../../format';
import { OnDuty } from './OnDuty';

/** a day in the center's zone (records are filed under the center's day) */
const isoDay = (ts: number) => centerToday(ts);
const span = (s: { startsAt: number; endsAt: number }) => `${fmtDate(s.startsAt)} ${fmtClock(s.startsAt)}–${fmtClock(s.endsAt)}`;

function Items({ items }: { items: HandoverItems }) {
  const { t } = useTranslation();
  const none = <span className="hint">{t('duty.none')}</span>;
  return (
    <div className="handover-items">
      <h4>{t('duty.openAlerts')}</h4>
      {items.alerts.length ? (
        <ul>
          {items.alerts.map((a) => (
            <li key={a.id}>
              {fmtClock(a.raisedAt)} {t(`live.kind.${a.kind}`)} <Raw>{a.subject}</Raw>
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h4>{t('duty.runningCallins')}</h4>
      {items.callins.length ? (
        <ul>
          {items.callins.map((c) => (
            <li key={c.id}>
              <Raw>{c.name}</Raw> {t(`live.position.${c.position}`)} {fmtClock(c.startedAt)} · {t('live.calls')} {c.calls}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
      <h4>{t('duty.workOrders')}</h4>
      {items.workOrders.length ? (
        <ul>
          {items.workOrders.map((o) => (
            <li key={o.id}>
              #{o.id} <Raw>{o.title}</Raw> {o.overdue ? <strong>{t('duty.overdue')}</strong> : null}
            </li>
          ))}
        </ul>
      ) : (
        none
      )}
    </div>
  );
}

/** A duty's figures: the floor's KPIs for its hours (the KPI report) and its alerts' handling. */
function ShiftFigures({ id }: { id: number }) {
  const { t } = useTranslation();
  const f = useEndpoint(contract.duty.shiftFigures, { params: { id } });
  if (!f.data) return <ErrorNote error={f.error} />;
  const d = f.data;
  return (
    <div className="hint" data-testid={`shift-figures-${id}`}>
      {t('live.offered')} {d.offered} · {t('live.answerRate')} <Figure value={d.answerRate} format={pct} /> · {t('live.serviceLevel')}{' '}
      <Figure value={d.serviceLevel} format={pct} /> · {t('duty.alertsRaised')} {d.alerts.raised} · {t('duty.alertsAcknowledged')} {d.alerts.acknowledged} ·{' '}
      {t('duty.alertsClosed')} {d.alerts.closed} · {t('duty.meanAct')} <Figure value={d.alerts.meanActS} format={(s) => fmtDuration(Math.round(s))} />
    </div>
  );
}

function Roster({ canEdit, onChange }: { canEdit: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [from, setFrom] = useState(isoDay(Date.now() - 86_400_000));
  const [to, setTo] = useState(isoDay(Date.now() + 6 * 86_400_000));
  const roster = useEndpoint(contract.duty.roster, { query: { from, to } });
  const act = useAction();
  const [f, setF] = useState({ date: isoDay(Date.now()), start: '08:00', end: '20:00', managerUserId: 0 });
  const managers = roster.data?.managers ?? [];
  const [shown, setShown] = useState<number | null>(null);
  const add = () =>
    act.run(async () => {
      await call(contract.duty.addShift, { body: { ...f, managerUserId: f.managerUserId || managers[0]?.id || 0 } });
      await roster.reload();
      onChange();
    });
  const remove = (id: number) =>
    act.run(async () => {
      await call(contract.duty.deleteShift, { params: { id } });
      await roster.reload();
      onChange();
    });
  return (
    <section className="card">
      <h2>{t('duty.roster')}</h2>
      <FieldRow>
        <Field label={t('duty.from')}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t('duty.to')}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </FieldRow>
      <ErrorNote error={canEdit ? act.errorOutside(['date', 'start', 'end', 'managerUserId']) : (act.error ?? roster.error)} />
      <table data-testid="roster-table">
        <thead>
          <tr>
            <th>{t('duty.forDuty')}</th>
            <th>{t('duty.manager')}</th>
            <th>{t('duty.handover')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(roster.data?.shifts ?? []).map((s) => (
            <tr key={s.id}>
              <td>{span(s)}</td>
              <td>
                <Raw>{s.managerName}</Raw>
                {shown === s.id && <ShiftFigures id={s.id} />}
              </td>
              <td>{s.handoverId === null ? t('duty.notWritten') : s.handoverAcknowledged ? t('duty.acknowledged') : t('duty.unacknowledged')}</td>
              <td>
                {(canEdit || s.managerUserId === me.id) && s.startsAt <= Date.now() && (
                  <button className="link" onClick={() => setShown(shown === s.id ? null : s.id)}>
                    {t('duty.figures')}
                  </button>
                )}{' '}
                {canEdit && s.handoverId === null && <button onClick={() => void remove(s.id)}>{t('duty.remove')}</button>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <FieldRow>
          <Field label={t('duty.date')} error={act.errorFor('date')}>
            <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} data-testid="shift-date" />
          </Field>
          <Field label={t('duty.start')} error={act.errorFor('start')}>
            <input type="time" value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} data-testid="shift-start" />
          </Field>
          <Field label={t('duty.end')} error={act.errorFor('end')}>
            <input type="time" value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} data-testid="shift-end" />
          </Field>
          <Field label={t('duty.manager')} error={act.errorFor('managerUserId')}>
            <select
              value={f.managerUserId || managers[0]?.id || ''}
              onChange={(e) => setF({ ...f, managerUserId: Number(e.target.value) })}
              data-testid="shift-manager"
            >
              {managers.map((m) => (
                <option key={m.id} value={m.id} translate="no">
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
          <button onClick={() => void add()} data-testid="shift-add">
            {t('duty.add')}
          </button>
        </FieldRow>
      )}
    </section>
  );
}

/** The handover of the caller's own duty running now (or the center manager's pick of the duty now). */
function WriteHandover({ shift, onDone }: { shift: DutyShift; onDone: () => void }) {
  const { t } = useTranslation();
  const draft = useEndpoint(contract.duty.handoverDraft, { params: { id: shift.id } });
  const act = useAction();
  const [notes, setNotes] = useState('');
  const submit = () =>
    act.run(async () => {
      await call(contract.duty.writeHandover, { params: { id: shift.id }, body: { notes } });
      setNotes('');
      onDone();
    });
  return (
    <section className="card" data-testid="write-handover">
      <h2>
        {t('duty.writeHandover')} · {span(shift)}
      </h2>
      <ErrorNote error={act.errorOutside(['notes']) ?? draft.error} />
      {draft.data && <Items items={draft.data} />}
      <Field label={t('duty.notes')} error={act.errorFor('notes')} wide>
        <textarea rows={4} value={notes} onChange={(e) => setNotes(e.target.value)} data-testid="handover-notes" />
      </Field>
      <button onClick={() => void submit()} data-testid="handover-submit">
        {t('duty.submit')}
      </button>
    </section>
  );
}

function Handovers({ me, version, onChange }: { me: number; version: number; onChange: () => void }) {
  const { t } = useTranslation();
  const [only, setOnly] = useState(false);
  const list = useEndpoint(contract.duty.handovers, { query: { unacknowledged: only ? '1' : '0' } }, [version]);
  const act = useAction();
  const ack = (h: Handover) =>
    act.run(async () => {
      await call(contract.duty.acknowledgeHandover, { params: { id: h.id } });
      await list.reload();
      onChange();
    });
  return (
    <section className="card">
      <h2>{t('duty.handovers')}</h2>
      <label>
        <input type="checkbox" checked={only} onChange={(e) => setOnly(e.target.checked)} /> {t('duty.onlyUnacknowledged')}
      </label>
      <ErrorNote error={act.error ?? list.error} />
      {(list.data ?? []).map((h) => (
        <article key={h.id} className={`card${h.ackAt === null ? ' hot' : ''}`} data-testid={`handover-${h.id}`}>
          <h3>{span(h)}</h3>
          <div className="hint">{t('duty.writtenBy', { name: h.writerName, at: fmtDateTime(h.writtenAt) })}</div>
          <Items items={h.items} />
          <h4>{t('duty.notes')}</h4>
          <p style={{ whiteSpace: 'pre-wrap' }}>
            <Raw>{h.notes || t('duty.none')}</Raw>
          </p>
          {h.ackAt !== null ? (
            <div data-testid="handover-acked">{t('duty.acknowledgedBy', { name: h.ackName ?? '', at: fmtDateTime(h.ackAt) })}</div>
          ) : (
            <div>
              <strong>{t('duty.unacknowledged')}</strong>{' '}
              {h.writtenBy !== me && (
                <button onClick={() => void ack(h)} data-testid="handover-ack">
                  {t('duty.acknowledge')}
                </button>
              )}
            </div>
          )}
        </article>
      ))}
    </section>
  );
}

function Scorecard() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(isoDay(Date.now()).slice(0, 7));
  const card = useEndpoint(contract.duty.scorecard, { query: { month } });
  return (
    <section className="card">
      <h2>{t('duty.scorecard')}</h2>
      <Field label={t('duty.month')}>
        <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} />
      </Field>
      <ErrorNote error={card.error} />
      <div className="table-scroll">
        <table data-testid="scorecard-table">
          <thead>
            <tr>
              <th>{t('duty.manager')}</th>
              <th>{t('duty.duties')}</th>
              <th>{t('duty.hours')}</th>
              <th>{t('live.offered')}</th>
              <th>{t('live.answerRate')}</th>
              <th>{t('live.serviceLevel')}</th>
              <th>{t('duty.alertsRaised')}</th>
              <th>{t('duty.alertsAcknowledged')}</th>
              <th>{t('duty.alertsClosed')}</th>
              <th>{t('duty.meanAct')}</th>
            </tr>
          </thead>
          <tbody>
            {(card.data?.managers ?? []).map((m) => (
              <tr key={m.userId}>
                <td>
                  <Raw>{m.name}</Raw>
                </td>
                <td>{m.duties}</td>
                <td>{m.hours.toFixed(1)}</td>
                <td>{m.offered}</td>
                <td>
                  <Figure value={m.answerRate} format={pct} />
                </td>
                <td>
                  <Figure value={m.serviceLevel} format={pct} />
                </td>
                <td>{m.alerts.raised}</td>
                <td>{m.alerts.acknowledged}</td>
                <td>{m.alerts.closed}</td>
                <td>
                  <Figure value={m.alerts.meanActS} format={(s) => fmtDuration(Math.round(s))} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function Duty() {
  const { t } = useTranslation();
  const me = useMe();
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  const cur = useEndpoint(contract.duty.current, {}, [version]);
  const canEdit = hasAny(me, ['admin', 'center_manager']);
  const shift = cur.data?.shift ?? null;
  const canWrite = shift !== null && shift.handoverId === null && (hasAny(me, ['center_manager']) || shift.managerUserId === me.id);
  return (
    <Page title={t('nav.duty')}>
      <OnDuty key={version} />
      {canWrite && <WriteHandover key={shift.id} shift={shift} onDone={bump} />}
      <Handovers me={me.id} version={version} onChange={bump} />
      <Roster canEdit={canEdit} onChange={bump} />
      <Scorecard />
    </Page>
  );
}
