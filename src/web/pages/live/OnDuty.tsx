import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Raw } from '../../components/ui';
import { fmtClock } from '../../format';

/** The duty manager on duty now, as the live floor shows it. */
export function OnDuty() {
  const { t } = useTranslation();
  const cur = useEndpoint(contract.duty.current, {});
  if (!cur.data) return null;
  const s = cur.data.shift;
  return (
    <div className="hint" data-testid="on-duty">
      {s ? (
        <>
          {t('duty.onDuty')} <Raw>{s.managerName}</Raw> {fmtClock(s.startsAt)}–{fmtClock(s.endsAt)}
        </>
      ) : (
        t('duty.noneOnDuty')
      )}
    </div>
  );
}
