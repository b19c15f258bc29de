import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import { Chart } from '../../components/Chart';
import { Figure, Page, pct, Raw } from '../../components/ui';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { hasAny, useMe } from '../../session';
import { mmss, useClock, useFloor, type Tile } from './liveData';
import { fmtClock } from '../../format';
import { OnDuty } from './OnDuty';
import { isKiosk, useFirstDrawn, usePath } from '../../nav';
import { compareAgentCodes } from '../../../core/live/agentCodes';

const STATE_ORDER = ['notReady', 'ringing', 'talking', 'hold', 'acw', 'ready', 'loggedOut'];
type SortKey = 'state' | 'time' | 'calls' | 'reason';

export function AlertBanner({ count, latest }: { count: number; latest?: { kind: string; subject: string } }) {
  const { t } = useTranslation();
  if (!count) return null;
  return (
    <div className="alert-banner" role="alert" data-testid="alert-banner">
      <strong>{t('live.activeAlerts', { n: count })}</strong>
      {latest && (
        <span>
          {' '}
          · {t(`live.kind.${latest.kind}`)} {latest.subject === '*' ? '' : latest.subject}
        </span>
      )}{' '}
      <a href="#/live/alerts">{t('live.viewAlerts')}</a>
    </div>
  );
}

const FLOOR_ACTION_ROLES = ['admin', 'center_manager', 'duty_manager', 'team_lead'];
const PAUSE_REASONS = ['break', 'meal', 'training', 'meeting', 'coaching', 'other'];

/** Supervisor actions on one agent, sent through the center's connector (the server checks role and team). */
function TileActions({ a }: { a: Tile }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('break');
  const [queue, setQueue] = useState('');
  const [note, setNote] = useState<string | null>(null);
  if (a.agentId == null) return null;
  const run = async (send: () => Promise<{ via: string }>) => {
    try {
      const r = await send();
      setNote(`${t('conn.done')} (${t('conn.via', { kind: r.via.toUpperCase() })})`);
    } catch (e) {
      setNote((e as Error).message);
    }
  };
  const paused = a.state === 'notReady';
  return (
    <div className="tile-actions" data-testid={`actions-${a.code}`}>
      <button type="button" className="link" data-opens="agent-actions" onClick={() => setOpen(!open)} aria-expanded={open}>
        {t('conn.actions')}
      </button>
      {open && (
        <div>
          {paused ? (
            <button type="button" onClick={() => run(() => call(contract.connectors.pause, { params: { agentId: a.agentId! }, body: { paused: false } }))}>
              {t('conn.resume')}
            </button>
          ) : (
            <span>
              <select aria-label={t('conn.reason')} value={reason} onChange={(e) => setReason(e.target.value)}>
                {PAUSE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`live.reason.${r}`, { defaultValue: r })}
                  </option>
                ))}
              </select>
              <button
                type="button"
                onClick={() => run(() => call(contract.connectors.pause, { params: { agentId: a.agentId! }, body: { paused: true, reason } }))}
              >
                {t('conn.pause')}
              </button>
            </span>
          )}
          <span>
            <input aria-label={t('conn.queue')} placeholder={t('conn.queue')} value={queue} size={8} onChange={(e) => setQueue(e.target.value)} />
            <button
              type="button"
              disabled={!queue.trim()}
              onClick={() => run(() => call(contract.connectors.queues, { params: { agentId: a.agentId! }, body: { add: queue.trim() } }))}
            >
              {t('conn.addQueue')}
            </button>
            <button
              type="button"
              disabled={!queue.trim()}
              onClick={() => run(() => call(contract.connectors.queues, { params: { agentId: a.agentId! }, body: { remove: queue.trim() } }))}
            >
              {t('conn.removeQueue')}
            </button>
          </span>
          {note && <div className="hint">{note}</div>}
        </div>
      )}
    </div>
  );
}

function TileView({ a, now, actions }: { a: Tile; now: number; actions?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={`agent-tile st-${a.state}${a.pulledIn ? ' pulled' : ''}`} data-testid={`tile-${a.code}`} data-state={a.state} title={a.code}>
      <div className="agent-name">
        {a.name} <span className="hint">{a.code}</span>
      </div>
      <div className="agent-state">
        {t(`live.state.${a.state}`)}
        {a.reason ? ` · ${t(`live.reason.${a.reason}`, { defaultValue: a.reason })}` : ''}
      </div>
      <div className="agent-meta">
        <span>{mmss((now - a.since) / 1000)}</span>
        <span>{t('live.callsToday', { n: a.callsToday })}</span>
      </div>
      {a.pulledIn && <div className="badge">{t('live.pulledIn')}</div>}
      {a.rta && (
        <div className="badge rta" data-testid={`rta-${a.code}`}>
          {t('intraday.rtaBadge', { activity: t(`intraday.activity.${a.rta.scheduled}`), time: mmss((now - a.rta.since) / 1000) })}
        </div>
      )}
      {actions && <TileActions a={a} />}
    </div>
  );
}

export default function Wallboard() {
  const { t } = useTranslation();
  const me = useMe();
  const floor = useFloor(me);
  const now = useClock();
  const kiosk = isKiosk(usePath());
  // the first snapshot on screen: the app's shell fills in its menu and bell after it (nav.ts drawsFirst)
  useFirstDrawn(floor.snap != null);
  const [team, setTeam] = useState('');
  const [sort, setSort] = useState<SortKey>('state');
  const teams = floor.snap?.teams ?? [];
  // the buttons show when a connector that supports actions is configured
  const canAct = hasAny(me, FLOOR_ACTION_ROLES);
  const actionInfo = useEndpoint(contract.connectors.actions, canAct ? {} : null);
  const actions = canAct && !!actionInfo.data?.available;

  const groups = useMemo(() => {
    const list = [...floor.tiles.values()].filter((a) => a.state !== 'loggedOut' || a.callsToday > 0);
    const cmp: Record<SortKey, (a: Tile, b: Tile) => number> = {
      state: (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.since - b.since,
      time: (a, b) => a.since - b.since,
      calls: (a, b) => b.callsToday - a.callsToday,
      reason: (a, b) => (a.reason ?? '~').localeCompare(b.reason ?? '~') || a.since - b.since,
    };
    list.sort((a, b) => cmp[sort](a, b) || compareAgentCodes(a.code, b.code));
    const by = new Map<string, Tile[]>();
    for (const a of list) {
      const k = a.pulledIn ? 'pulled' : a.teamId == null ? 'none' : String(a.teamId);
      if (team && k !== team) continue;
      by.set(k, [...(by.get(k) ?? []), a]);
    }
    const order = [...teams.map((x) => String(x.id)), 'pulled', 'none'];
    return order.filter((k) => by.has(k)).map((k) => ({ key: k, tiles: by.get(k)! }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [floor.version, sort, team, teams]);

  const teamName = (k: string) =>
    k === 'pulled' ? t('live.pulledIn') : k === 'none' ? t('live.unassigned') : (teams.find((x) => String(x.id) === k)?.name ?? k);

  const chart = useMemo<EChartsOption>(() => {
    const pts = floor.intervals.filter((p) => p.queue === '*');
    const label = (ts: number) => fmtClock(ts);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('live.offered'), t('live.answered'), t('live.serviceLevel')] },
      grid: { left: 40, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: pts.map((p) => label(p.intervalStart)) },
      yAxis: [{ type: 'value' }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { name: t('live.offered'), type: 'bar', data: pts.map((p) => p.offered) },
        { name: t('live.answered'), type: 'bar', data: pts.map((p) => p.answered) },
        {
          name: t('live.serviceLevel'),
          type: 'line',
          yAxisIndex: 1,
          data: pts.map((p) => (p.serviceLevel == null ? null : Math.round(p.serviceLevel * 1000) / 10)),
        },
      ],
    };
  }, [floor.intervals, t]);

  if (floor.snap?.scope === 'self') return <Page title={t('nav.wallboard')}>{t('live.scopeSelf')}</Page>;
  const k = floor.kpis;
  return (
    <Page
      title={t('nav.wallboard')}
      actions={
        <div className="form-row">
          {!kiosk && (
            <a href="#/live/wallboard?kiosk=1" data-testid="kiosk-open">
              {t('live.kioskOpen')}
            </a>
          )}
          <select aria-label={t('live.team')} value={team} onChange={(e) => setTeam(e.target.value)}>
            <option value="">{t('live.allTeams')}</option>
            {teams.map((x) => (
              <option key={x.id} value={String(x.id)}>
                {x.name}
              </option>
            ))}
          </select>
          <label>
            {t('live.sortBy')}{' '}
            <select aria-label={t('live.sortBy')} value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
              <option value="state">{t('live.sortState')}</option>
              <option value="time">{t('live.sortTime')}</option>
              <option value="calls">{t('live.sortCalls')}</option>
              <option value="reason">{t('live.sortReason')}</option>
            </select>
          </label>
        </div>
      }
    >
      <OnDuty />
      <AlertBanner count={floor.alerts.length} latest={floor.alerts[0]} />
      {k && (
        <div className="cards" data-testid="floor-kpis">
          {(
            [
              ['offered', k.offered, String],
              ['answered', k.answered, String],
              ['answerRate', k.answerRate, pct],
              ['serviceLevel', k.serviceLevel, pct],
              ['occupancy', k.occupancy, pct],
              ['idleShare', k.idleShare, pct],
            ] as const
          ).map(([key, v, f]) => (
            <div className="card" key={key}>
              <div className="kpi-label">{t(`live.${key}`)}</div>
              <div className="kpi">
                <Figure value={v as number | null} format={f as (n: number) => string} />
              </div>
            </div>
          ))}
        </div>
      )}
      <div className="cards">
        {floor.queues.map((q) => (
          <div
            className={`card queue-card${q.longestWaitS > (floor.snap?.thresholds?.longWaitS ?? 120) ? ' hot' : ''}`}
            key={q.queue}
            data-testid={`queue-${q.queue}`}
          >
            <div className="kpi-label">
              <Raw>{q.queue}</Raw>
            </div>
            <div className="kpi">
              {q.waiting} <span className="hint">{t('live.waiting')}</span>
            </div>
            <div className="hint">
              {t('live.longestWait')} {mmss(q.longestWaitS)} · {t('live.serviceLevel')} <Figure value={q.serviceLevel} format={pct} /> · {t('live.answerRate')}{' '}
              <Figure value={q.answerRate} format={pct} />
            </div>
          </div>
        ))}
      </div>
      {floor.intervals.length > 0 && (
        <div className="card">
          <div className="kpi-label">{t('live.today')}</div>
          <Chart option={chart} height={220} testId="intervals-chart" />
        </div>
      )}
      {groups.length === 0 && <div className="hint">{t('live.noAgents')}</div>}
      {groups.map((g) => (
        <section key={g.key} className="team-block" data-testid={`team-${g.key}`}>
          <h3>
            {teamName(g.key)} <span className="hint">({g.tiles.length})</span>
          </h3>
          <div className="agent-tiles">
            {g.tiles.map((a) => (
              <TileView key={a.code} a={a} now={now} actions={actions} />
            ))}
          </div>
        </section>
      ))}
    </Page>
  );
}
