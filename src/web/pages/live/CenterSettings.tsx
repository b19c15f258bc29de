import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { ThresholdsForm } from './ThresholdsForm';

/**
 * Center settings: the center as stored (name, time zone) and the diagnosis thresholds. The thresholds
 * are changed by whoever the server lets (admin, center manager, duty manager); others read them.
 */
export default function CenterSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const centers = useEndpoint(contract.platform.centers, {});
  const th = useEndpoint(contract.live.thresholds, {});
  const center = centers.data?.[0];
  return (
    <Page title={t('setup.center.title')}>
      <ErrorNote error={centers.error} />
      {center && (
        <div className="card" data-testid="center-facts">
          <FieldRow>
            <Field label={t('setup.center.name')}>
              <input name="center-name" value={center.name} readOnly />
            </Field>
            <Field label={t('setup.center.timezone')}>
              <input name="center-timezone" value={center.timezone} readOnly />
            </Field>
            {th.data && (
              <Field label={t('live.pieceRate')}>
                <input name="piece-rate" value={th.data.pieceRate} readOnly />
              </Field>
            )}
          </FieldRow>
        </div>
      )}
      <ThresholdsForm canEdit={hasAny(me, ['admin', 'center_manager', 'duty_manager'])} />
    </Page>
  );
}
