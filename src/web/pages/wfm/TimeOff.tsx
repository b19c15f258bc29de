import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { TIME_OFF_KINDS } from '../../../contract/wfmTimeOff';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { hasAny, useMe } from '../../session';
import { centerToday, fmtDate, fmtDateTime } from '../../format';

const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const addDays = (d: string, n: number) => isoDay(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000);

/**
 * Time off (issue 15): the week's allowance (how many more the published plan can spare, per day), an agent's
 * request form, and the requests in scope; team leads and planners decide the waiting ones.
 */
export default function TimeOff() {
  const { t } = useTranslation();
  const me = useMe();
  const isAgent = hasAny(me, ['agent']);
  const canDecide = hasAny(me, ['team_lead', 'wfm']);
  const [week, setWeek] = useState(() => addDays(centerToday(), 7));
  const allowance = useEndpoint(contract.timeOff.timeOffAllowance, { query: { week } }, [week]);
  const requests = useEndpoint(contract.timeOff.timeOffRequests, {});
  const act = useAction();
  const [note, setNote] = useState<string | null>(null);
  const decide = (id: number, approve: boolean) =>
    act.run(async () => {
      const r = await call(contract.timeOff.decideTimeOff, { params: { id }, body: { approve } });
      setNote(approve ? t('timeOff.removed', { count: r.removedShifts }) : null);
      await Promise.all([requests.reload(), allowance.reload()]);
    });
  return (
    <Page title={t('nav.timeOff')}>
      <p className="hint">{t('timeOff.hint')}</p>
      <section className="card">
        <h2>{t('timeOff.allowance')}</h2>
        <FieldRow>
          <Field label={t('timeOff.week')}>
            <input type="date" value={week} onChange={(e) => e.target.value && setWeek(e.target.value)} data-testid="timeoff-week" />
          </Field>
        </FieldRow>
        <ErrorNote error={allowance.error} />
        <div className="allowance-strip" data-testid="timeoff-allowance">
          {(allowance.data?.days ?? []).map((d, i) => (
            <div
              key={d.date}
              className={`allowance-day ${!d.published ? 'muted' : d.allowance === null || d.allowance > 0 ? 'ok' : 'short'}`}
              data-testid={`allowance-${d.date}`}
            >
              <strong>
                {t(`wfm.weekday_${i}`)} {fmtDate(`${d.date}T12:00:00Z`)}
              </strong>
              <span>{!d.published ? t('timeOff.notPublished') : d.allowance === null ? t('timeOff.noNeed') : t('timeOff.spare', { count: d.allowance })}</span>
              <small>{t('timeOff.counts', { approved: d.approved, pending: d.pending })}</small>
            </div>
          ))}
        </div>
        {allowance.data?.basis && <AllowanceBasis basis={allowance.data.basis} />}
      </section>
      {isAgent && <AskForm onDone={() => Promise.all([requests.reload(), allowance.reload()])} />}
      <section className="card">
        <h2>{t('timeOff.requests')}</h2>
        <ErrorNote error={act.error ?? requests.error} />
        {note && <div className="ok">{note}</div>}
        {requests.data?.length === 0 && <p className="hint">{t('timeOff.none')}</p>}
        {!!requests.data?.length && (
          <table data-testid="timeoff-requests">
            <thead>
              <tr>
                <th>{t('timeOff.agent')}</th>
                <th>{t('timeOff.date')}</th>
                <th>{t('timeOff.kind')}</th>
                <th>{t('timeOff.status')}</th>
                <th>{t('timeOff.shortAt')}</th>
                <th>{t('timeOff.how')}</th>
                {canDecide && <th>{t('app.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {requests.data.map((r) => (
                <tr key={r.id} data-testid={`timeoff-row-${r.id}`}>
                  <td>
                    <Raw>{r.name}</Raw>
                  </td>
                  <td>{fmtDate(`${r.date}T12:00:00Z`)}</td>
                  <td>{t(`timeOff.kind_${r.kind}`)}</td>
                  <td>{t(`timeOff.status_${r.status}`)}</td>
                  <td>{r.short_at !== null && r.short !== null ? t('timeOff.shortText', { at: fmtDateTime(r.short_at), short: r.short }) : ''}</td>
                  <td>{r.decided_how ? t(`timeOff.how_${r.decided_how}`) : ''}</td>
                  {canDecide && (
                    <td>
                      {r.status === 'pending' && (
                        <>
                          <button onClick={() => decide(r.id, true)} data-testid={`timeoff-approve-${r.id}`}>
                            {t('timeOff.approve')}
                          </button>{' '}
                          <button onClick={() => decide(r.id, false)}>{t('timeOff.reject')}</button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Page>
  );
}

const pct = (x: number) => String(Math.round(x * 1000) / 10);

/** What the week's allowance is based on: the requirement net of the leave share it was computed with, or as stored. */
function AllowanceBasis({ basis: b }: { basis: { shrinkageTotal: number | null; shrinkageLeave: number | null; netOfLeave: boolean } }) {
  const { t } = useTranslation();
  const text =
    b.netOfLeave && b.shrinkageTotal !== null && b.shrinkageLeave !== null
      ? t('timeOff.basisNet', {
          total: pct(b.shrinkageTotal),
          leave: pct(b.shrinkageLeave),
          factor: pct((1 - b.shrinkageTotal) / (1 - (b.shrinkageTotal - b.shrinkageLeave))),
        })
      : b.shrinkageTotal !== null && !b.shrinkageLeave && b.shrinkageLeave !== null
        ? t('timeOff.basisNoLeave', { total: pct(b.shrinkageTotal) })
        : t('timeOff.basisUnknown');
  return (
    <p className="hint" data-testid="timeoff-basis">
      {text}
    </p>
  );
}

function AskForm({ onDone }: { onDone: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const act = useAction();
  const [f, setF] = useState({ date: addDays(centerToday(), 1), kind: 'annual' as (typeof TIME_OFF_KINDS)[number], note: '' });
  const [result, setResult] = useState<string | null>(null);
  const send = () =>
    act.run(async () => {
      setResult(null);
      const r = await call(contract.timeOff.askTimeOff, { body: { date: f.date, kind: f.kind, ...(f.note.trim() ? { note: f.note } : {}) } });
      setResult(
        r.status === 'approved'
          ? t('timeOff.granted')
          : !r.published
            ? t('timeOff.waitingUnpublished')
            : r.shortAt !== null && r.short !== null
              ? t('timeOff.waitingShort', { at: fmtDateTime(r.shortAt), short: r.short })
              : t('timeOff.waiting'),
      );
      await onDone();
    });
  return (
    <section className="card">
      <h2>{t('timeOff.ask')}</h2>
      <ErrorNote error={act.errorOutside(['date', 'kind', 'note'])} />
      {result && (
        <div className="ok" data-testid="timeoff-result">
          {result}
        </div>
      )}
      <FieldRow>
        <Field label={t('timeOff.date')} error={act.errorFor('date')}>
          <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} data-testid="timeoff-date" />
        </Field>
        <Field label={t('timeOff.kind')} error={act.errorFor('kind')}>
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as typeof f.kind })} data-testid="timeoff-kind">
            {TIME_OFF_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`timeOff.kind_${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('timeOff.note')} error={act.errorFor('note')} wide>
          <input value={f.note} maxLength={500} onChange={(e) => setF({ ...f, note: e.target.value })} data-testid="timeoff-note" />
        </Field>
      </FieldRow>
      <div className="page-actions">
        <button onClick={send} data-testid="timeoff-send">
          {t('timeOff.send')}
        </button>
      </div>
    </section>
  );
}
