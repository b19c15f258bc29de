import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote } from '../../components/ui';
import { fmtClock as hm, fmtDate } from '../../format';

/** Times in the center's zone (src/web/format.ts). The agent's overtime / VTO offers (日内调整): take or decline; taking one changes the shift (first come, first served). */
export function MyOffers({ onChange }: { onChange: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const offers = useEndpoint(contract.intraday.myIntradayOffers, {});
  const act = useAction();
  const answer = (id: number, accept: boolean) =>
    act.run(async () => {
      await call(contract.intraday.answerIntradayOffer, { params: { id }, body: { accept } });
      await Promise.all([offers.reload(), onChange()]);
    });
  const list = offers.data ?? [];
  return (
    <>
      <h3>{t('intraday.myOffers')}</h3>
      <ErrorNote error={offers.error ?? act.error} />
      {!list.length && <p className="hint">{t('intraday.noOffers')}</p>}
      <ul style={{ listStyle: 'none', padding: 0 }} data-testid="my-offers">
        {list.map((o) => (
          <li key={o.id} className="card" style={{ border: '1px solid #ddd', borderRadius: 8, padding: 8, marginBottom: 8 }} data-testid={`offer-${o.id}`}>
            <b>{t(`intraday.kind_${o.kind}`)}</b> {fmtDate(o.start)} {hm(o.start)}–{hm(o.end)} ·{' '}
            {t('intraday.placesLeft', { n: Math.max(0, o.capacity - o.taken) })}
            <div style={{ fontSize: '0.85em', color: '#555' }}>{t('intraday.newShift', { from: hm(o.mine.newStart), to: hm(o.mine.newEnd) })}</div>
            <div>
              {o.mine.status === 'offered' ? (
                <>
                  <button onClick={() => answer(o.id, true)} data-testid={`offer-accept-${o.id}`}>
                    {t('intraday.accept')}
                  </button>{' '}
                  <button onClick={() => answer(o.id, false)}>{t('intraday.decline')}</button>
                </>
              ) : (
                <span data-testid={`offer-status-${o.id}`}>{t(`intraday.status_${o.mine.status}`)}</span>
              )}
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
