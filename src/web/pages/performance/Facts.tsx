import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Loading, Page } from '../../components/ui';
import { FactTiles } from '../../components/facts';
import { hasAny, useMe } from '../../session';
import { centerToday } from '../../format';

const CENTER_WIDE = ['admin', 'center_manager', 'duty_manager', 'qa', 'wfm', 'trainer'];

type Kind = 'day' | 'week' | 'month';

/** The center's day `offsetDays` from today. */
function localDate(offsetDays: number): string {
  return centerToday(Date.now() + offsetDays * 86_400_000);
}
const defaultValue = (k: Kind) => (k === 'month' ? localDate(0).slice(0, 7) : k === 'week' ? localDate(-7) : localDate(-1));

/**
 * Facts with their source (issue 11): a team lead their teams, center-wide roles a team or the whole
 * center, an agent their own row; per day, week or month. Tiles reflow to one column on a phone.
 */
export default function Facts() {
  const { t } = useTranslation();
  const me = useMe();
  const wide = hasAny(me, CENTER_WIDE);
  const seesTeams = wide || hasAny(me, ['team_lead']);
  const [kind, setKind] = useState<Kind>('day');
  const [value, setValue] = useState(defaultValue('day'));
  const [teamId, setTeamId] = useState('');
  const teams = useEndpoint(contract.platform.teams, seesTeams ? {} : null);
  const r = useEndpoint(contract.facts.get, value ? { query: { by: 'agent', [kind]: value, teamId: teamId ? Number(teamId) : undefined } } : null);
  const d = r.data;
  // by=agent answers agent rows only
  const agentRows = (d?.rows ?? []).flatMap((row) => ('agentId' in row ? [row] : []));
  return (
    <Page title={t('facts.page.title')}>
      <div className="form-row">
        <select
          aria-label={t('facts.page.period')}
          data-testid="facts-kind"
          value={kind}
          onChange={(e) => {
            const k = e.target.value as Kind;
            setKind(k);
            setValue(defaultValue(k));
          }}
        >
          {(['day', 'week', 'month'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`facts.page.${k}`)}
            </option>
          ))}
        </select>
        <input
          aria-label={t(`facts.page.${kind}`)}
          data-testid="facts-value"
          type={kind === 'month' ? 'month' : 'date'}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        {seesTeams && (
          <select aria-label={t('ppl.team')} data-testid="facts-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
            <option value="">{wide ? t('facts.page.wholeCenter') : t('facts.page.allMine')}</option>
            {(teams.data ?? []).map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        )}
      </div>
      <ErrorNote error={r.error} />
      {r.loading && !d && <Loading />}
      {d && (
        <>
          {kind === 'week' && <p className="hint">{t('facts.page.weekFrom', { from: d.period.from, to: d.period.to })}</p>}
          {seesTeams && (
            <div className="card fact-row" data-testid="facts-total">
              <h3>
                {teamId ? (teams.data ?? []).find((x) => String(x.id) === teamId)?.name : wide ? t('facts.page.wholeCenter') : t('facts.page.allMine')} ·{' '}
                {t('facts.page.total')}
              </h3>
              <FactTiles row={d.total} />
            </div>
          )}
          {agentRows.length === 0 && <p className="missing">{t('facts.page.none')}</p>}
          {agentRows.map((row) => (
            <div key={row.agentId} className="card fact-row" data-testid="facts-agent" data-agent={row.employeeNo}>
              <h3>
                {row.name}{' '}
                <span className="hint">
                  {row.employeeNo}
                  {row.teamName ? ` · ${row.teamName}` : ''}
                </span>
              </h3>
              <FactTiles row={row} />
              {row.missed.length > 0 && (
                <p className="bad" data-testid="facts-missed">
                  {t('facts.page.missed')}: {row.missed.map((k) => t(`facts.figures.${k}`, { defaultValue: k })).join('、')}
                </p>
              )}
            </div>
          ))}
        </>
      )}
    </Page>
  );
}
