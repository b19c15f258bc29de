import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { Field, FieldError, FieldRow } from '../../components/form';
import { contract } from '../../../contract/index';
import { ErrorNote } from '../../components/ui';
import { hm, mdw } from './util';
import { MyOffers } from './MyOffers';

/** The agent's own page, phone-sized: this week's published shifts, peak slots to subscribe to, points. */
export default function MySchedule() {
  const { t, i18n } = useTranslation();
  const mine = useEndpoint(contract.wfm.mySchedule, {});
  const slots = useEndpoint(contract.wfm.slots, {});
  const points = useEndpoint(contract.wfm.points, {});
  // subscribing: the refusal sits in the card of the slot it was for
  const sub = useAction();
  const [subSlot, setSubSlot] = useState<number | null>(null);
  const red = useAction();
  const [redeem, setRedeem] = useState<{ points: string; kind: 'leave' | 'gift'; note: string }>({ points: '', kind: 'leave', note: '' });
  const shifts = mine.data?.shifts ?? [];
  const bal = points.data?.balances?.[0];
  return (
    <div className="phone-page" style={{ maxWidth: 420, margin: '0 auto' }} data-testid="my-schedule">
      <h2>{t('wfm.myWeek')}</h2>
      <ErrorNote error={mine.error ?? slots.error ?? points.error} />
      {shifts.length === 0 && <p data-testid="no-shifts">{t('wfm.noShifts')}</p>}
      <ul className="cards" style={{ listStyle: 'none', padding: 0 }}>
        {shifts.map((s) => (
          <li key={s.id} className="card" data-testid="my-shift" style={{ border: '1px solid #ddd', borderRadius: 8, padding: 8, marginBottom: 8 }}>
            <b>{mdw(s.start, i18n.language)}</b> {hm(s.start)}–{hm(s.end)} · {s.kind === 'peak' ? t('wfm.peak') : t('wfm.shift')}
            <div style={{ fontSize: '0.85em', color: '#555' }}>
              {s.activities
                .filter((a) => a.kind !== 'phone')
                .map((a) => `${t(`wfm.${a.kind}`, { defaultValue: a.kind })} ${hm(a.start)}–${hm(a.end)}`)
                .join(' · ')}
            </div>
          </li>
        ))}
      </ul>
      <MyOffers onChange={mine.reload} />
      <h3>{t('wfm.peakSlots')}</h3>
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="my-slots">
        {(slots.data ?? []).map((s) => {
          const me = s.requests[0];
          return (
            <li key={s.id} className="card" style={{ border: '1px solid #ddd', borderRadius: 8, padding: 8, marginBottom: 8 }}>
              <b>{s.title}</b> ({s.kind === 'vto' ? t('wfm.vto') : t('wfm.peak')}) {mdw(s.start_ts, i18n.language)} {hm(s.start_ts)}–{hm(s.end_ts)} ·{' '}
              {t('wfm.bonus')} {s.bonus} · {t('wfm.capacity')} {s.capacity}
              <div>
                {me ? (
                  <span data-testid="slot-status">
                    {me.status === 'awarded' ? t('wfm.awarded') : me.status.startsWith('rejected') ? t('wfm.rejected') : t('wfm.subscribed')}
                  </span>
                ) : s.status === 'open' ? (
                  <button
                    onClick={() => (
                      setSubSlot(s.id),
                      sub.run(async () => (await call(contract.wfm.subscribe, { params: { id: s.id } }), await slots.reload()))
                    )}
                  >
                    {t('wfm.subscribe')}
                  </button>
                ) : null}
                {subSlot === s.id && <FieldError error={sub.error} />}
              </div>
            </li>
          );
        })}
      </ul>
      <h3>{t('wfm.points')}</h3>
      <p data-testid="points-balance">
        {t('wfm.balance')} {bal?.balance ?? 0} · {t('wfm.earned')} {bal?.earned ?? 0} · {t('wfm.redeemed')} {bal?.redeemed ?? 0}
      </p>
      <ErrorNote error={red.errorOutside(['points', 'kind', 'note'])} />
      <FieldRow>
        <Field label={t('wfm.points')} error={red.errorFor('points')}>
          <input name="points" inputMode="numeric" value={redeem.points} onChange={(e) => setRedeem({ ...redeem, points: e.target.value })} />
        </Field>
        <Field label={t('wfm.redeemFor')} error={red.errorFor('kind')}>
          <select name="kind" value={redeem.kind} onChange={(e) => setRedeem({ ...redeem, kind: e.target.value as 'leave' | 'gift' })}>
            <option value="leave">{t('wfm.leave')}</option>
            <option value="gift">{t('wfm.gift')}</option>
          </select>
        </Field>
        <Field label={t('wfm.note')} error={red.errorFor('note')}>
          <input name="note" value={redeem.note} onChange={(e) => setRedeem({ ...redeem, note: e.target.value })} />
        </Field>
      </FieldRow>
      <div className="form-row">
        <button
          disabled={!redeem.points || !redeem.note}
          onClick={() =>
            red.run(async () => {
              await call(contract.wfm.requestRedemption, { body: { points: Number(redeem.points), kind: redeem.kind, note: redeem.note } });
              await points.reload();
            })
          }
        >
          {t('wfm.redeem')}
        </button>
      </div>
    </div>
  );
}
