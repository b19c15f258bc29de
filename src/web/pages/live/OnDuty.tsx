import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Raw } from '../../components/ui';
import { centerToday, fmtClock } from '../../format';

/** The duty manager on duty now, as the live floor shows it, and today's announced visits (參觀通知). */
export function OnDuty() {
  const { t } = useTranslation();
  const cur = useEndpoint(contract.duty.current, {});
  const visits = useEndpoint(contract.floorRules.visitNotices, {});
  if (!cur.data) return null;
  const s = cur.data.shift;
  const today = (visits.data ?? []).filter((v) => centerToday(v.startsAt) === centerToday());
  return (
    <div className="hint" data-testid="on-duty">
      {s ? (
        <>
          {t('duty.onDuty')} <Raw>{s.managerName}</Raw> {fmtClock(s.startsAt)}–{fmtClock(s.endsAt)}
        </>
      ) : (
        t('duty.noneOnDuty')
      )}
      {today.length > 0 && (
        <span data-testid="on-duty-visits">
          {' '}
          · {t('fr.upcomingVisits')}:{' '}
          {today.map((v) => (
            <span key={v.id}>
              {fmtClock(v.startsAt)}–{fmtClock(v.endsAt)} <Raw>{v.group}</Raw>{' '}
            </span>
          ))}
        </span>
      )}
    </div>
  );
}
