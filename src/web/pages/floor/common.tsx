import { centerToday } from '../../format';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { fmtDateTime } from '../../format';

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
export const fmtTime = (ms: number) => fmtDateTime(ms);
export const MOOD_FACE = ['', '😫', '😞', '😐', '🙂', '😄'];

/** Today's date (YYYY-MM-DD) on the user's device. */
/** Today in the center's zone (records are filed under the center's day). */
export function todayLocal(): string {
  return centerToday();
}

/** A team picker over the teams the caller may see; calls onChange with the first one on load. */
export function TeamPicker({ value, onChange }: { value: number | null; onChange: (id: number) => void }) {
  const { t } = useTranslation();
  const teams = useEndpoint(contract.platform.teams, {});
  useEffect(() => {
    if (value == null && teams.data?.length) onChange(teams.data[0].id);
  }, [teams.data, value, onChange]);
  return (
    <label>
      {t('ppl.team')}{' '}
      <select aria-label={t('ppl.team')} value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {(teams.data ?? []).map((tm) => (
          <option key={tm.id} value={tm.id}>
            {tm.name}
          </option>
        ))}
      </select>
    </label>
  );
}
