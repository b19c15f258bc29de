import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote } from '../../components/ui';
import { hm, mdw } from './util';

/** The agent's own page, phone-sized: this week's published shifts, peak slots to subscribe to, points. */
export default function MySchedule() {
  const { t, i18n } = useTranslation();
  const mine = useEndpoint(contract.wfm.mySchedule, {});
  const slots = useEndpoint(contract.wfm.slots, {});
  const points = useEndpoint(contract.wfm.points, {});
  const [error, setError] = useState<string | null>(null);
  const [redeem, setRedeem] = useState<{ points: string; kind: 'leave' | 'gift'; note: string }>({ points: '', kind: 'leave', note: '' });
  const act = async (fn: () => Promise<unknown>, reload: () => Promise<void>) => {
    try {
      await fn();
      setError(null);
      await reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const shifts = mine.data?.shifts ?? [];
  const bal = points.data?.balances?.[0];
  return (
    <div className="phone-page" style={{ maxWidth: 420, margin: '0 auto' }} data-testid="my-schedule">
      <h2>{t('wfm.myWeek')}</h2>
      <ErrorNote error={error} />
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
                  <button onClick={() => act(() => call(contract.wfm.subscribe, { params: { id: s.id } }), slots.reload)}>{t('wfm.subscribe')}</button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      <h3>{t('wfm.points')}</h3>
      <p data-testid="points-balance">
        {t('wfm.balance')} {bal?.balance ?? 0} · {t('wfm.earned')} {bal?.earned ?? 0} · {t('wfm.redeemed')} {bal?.redeemed ?? 0}
      </p>
      <div className="form-row">
        <input
          aria-label={t('wfm.points')}
          inputMode="numeric"
          value={redeem.points}
          onChange={(e) => setRedeem({ ...redeem, points: e.target.value })}
          style={{ width: 60 }}
        />
        <select aria-label={t('wfm.redeemFor')} value={redeem.kind} onChange={(e) => setRedeem({ ...redeem, kind: e.target.value as 'leave' | 'gift' })}>
          <option value="leave">{t('wfm.leave')}</option>
          <option value="gift">{t('wfm.gift')}</option>
        </select>
        <input aria-label={t('wfm.note')} placeholder={t('wfm.note')} value={redeem.note} onChange={(e) => setRedeem({ ...redeem, note: e.target.value })} />
        <button
          disabled={!redeem.points || !redeem.note}
          onClick={() =>
            act(() => call(contract.wfm.requestRedemption, { body: { points: Number(redeem.points), kind: redeem.kind, note: redeem.note } }), points.reload)
          }
        >
          {t('wfm.redeem')}
        </button>
      </div>
    </div>
  );
}
