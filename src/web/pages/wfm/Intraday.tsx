import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { IntradayPlanResult } from '../../../contract/wfmIntraday';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { centerToday, fmtClock } from '../../format';
import { hasAny, useMe } from '../../session';
import { IntradaySettings } from './IntradaySettings';

type Interval = IntradayPlanResult['intervals'][number];

/** Required vs planned vs after the proposal, as three lines over the day's working intervals. */
function GapChart({ intervals }: { intervals: Interval[] }) {
  const { t } = useTranslation();
  // only the part of the day where anything is needed or planned
  const busy = intervals.filter((x) => x.required > 0 || x.planned > 0 || x.after > 0);
  if (!busy.length) return <p className="hint">{t('intraday.nothingPlanned')}</p>;
  const from = intervals.indexOf(busy[0]!);
  const to = intervals.indexOf(busy[busy.length - 1]!) + 1;
  const xs = intervals.slice(from, to);
  const max = Math.max(1, ...xs.flatMap((x) => [x.required, x.planned, x.after]));
  const W = 360;
  const H = 140;
  const pt = (i: number, v: number) => `${((i + 0.5) / xs.length) * W},${H - (v / max) * (H - 10)}`;
  const line = (f: (x: Interval) => number) => xs.map((x, i) => pt(i, f(x))).join(' ');
  return (
    <figure className="gap-chart" data-testid="intraday-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t('intraday.chart')}>
        <polyline points={line((x) => x.required)} fill="none" stroke="#c0392b" strokeWidth={2} />
        <polyline points={line((x) => x.planned)} fill="none" stroke="#7f8c8d" strokeWidth={2} strokeDasharray="4 3" />
        <polyline points={line((x) => x.after)} fill="none" stroke="#27ae60" strokeWidth={2} />
      </svg>
      <figcaption className="hint">
        <span style={{ color: '#c0392b' }}>■ {t('intraday.required')}</span> <span style={{ color: '#7f8c8d' }}>■ {t('intraday.planned')}</span>{' '}
        <span style={{ color: '#27ae60' }}>■ {t('intraday.after')}</span> · {fmtClock(xs[0]!.ts)}–{fmtClock(xs[xs.length - 1]!.ts)} ·{' '}
        {t('intraday.max', { n: +max.toFixed(1) })}
      </figcaption>
    </figure>
  );
}

/**
 * 日内调整 (issue 15): the day's requirement (from now on the queue's re-forecast when a queue is given) against
 * the published cover, and the proposal: break moves to accept, overtime / VTO offers to push to the agents concerned.
 */
export default function Intraday() {
  const { t } = useTranslation();
  const me = useMe();
  const [date, setDate] = useState(() => centerToday());
  const [queue, setQueue] = useState('');
  const plan = useEndpoint(contract.intraday.intradayPlan, { query: { date, ...(queue.trim() ? { queue: queue.trim() } : {}) } }, [date, queue]);
  const act = useAction();
  const [note, setNote] = useState<string | null>(null);
  const p = plan.data;
  const acceptBreaks = () =>
    act.run(async () => {
      const r = await call(contract.intraday.intradayBreaks, {
        body: { date, moves: p!.breakMoves.map((m) => ({ shiftId: m.shiftId, fromStart: m.fromStart, toStart: m.toStart })) },
      });
      setNote(t('intraday.moved', { count: r.moved }));
      await plan.reload();
    });
  const push = (o: IntradayPlanResult['proposals'][number]) =>
    act.run(async () => {
      await call(contract.intraday.intradayOffers, { body: { date, offers: [{ kind: o.kind, start: o.start, end: o.end, capacity: o.capacity }] } });
      setNote(t('intraday.pushed', { count: o.agents.length }));
      await plan.reload();
    });
  const span = (a: number, b: number) => `${fmtClock(a)}–${fmtClock(b)}`;
  // what the cover is compared with (core/wfm/intraday intradayRequired): net of the shrinkage the day shows, or as stored
  const share = (x: number) => String(Math.round(x * 1000) / 10);
  const basisText = (r: IntradayPlanResult) => {
    const b = r.basis;
    // the cap the server compared with (core/wfm/timeOff activityCap); null: the shrinkage is not known or not believable
    if (!b || b.shrinkageTotal === null || b.activityCap === null) return t('intraday.basis_stored');
    const leave = b.shrinkageLeave ?? 0;
    const activities = b.activitiesBooked ? t('intraday.basis_activities', { rest: share(b.activityCap) }) : t('intraday.basis_noActivities');
    const net = t('intraday.basis_net', { total: share(b.shrinkageTotal), leave: share(leave), activities });
    return r.source === 'reforecast' ? `${net} ${t('intraday.basis_reforecast', { queue: b.queue ?? '' })}` : net;
  };
  return (
    <Page title={t('nav.intraday')}>
      <p className="hint">{t('intraday.hint')}</p>
      <FieldRow>
        <Field label={t('intraday.date')}>
          <input type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="intraday-date" />
        </Field>
        <Field label={t('intraday.queue')}>
          <input value={queue} maxLength={60} onChange={(e) => setQueue(e.target.value)} data-testid="intraday-queue" />
        </Field>
      </FieldRow>
      <ErrorNote error={plan.error ?? act.error} />
      {note && <div className="ok">{note}</div>}
      {p && !p.published && <p className="hint">{t('intraday.notPublished')}</p>}
      {p && p.published && (
        <>
          <section className="card">
            <h2>{t('intraday.gap')}</h2>
            <p data-testid="intraday-short">
              {t(`intraday.source_${p.source}`, { queue: p.basis?.queue ?? '' })} · {t('intraday.short', { before: p.shortBeforeMin, after: p.shortAfterMin })}
            </p>
            <p className="hint" data-testid="intraday-basis">
              {basisText(p)}
            </p>
            <GapChart intervals={p.intervals} />
          </section>
          <section className="card">
            <h2>{t('intraday.breaks')}</h2>
            {!p.breakMoves.length && <p className="hint">{t('intraday.noBreakMoves')}</p>}
            {!!p.breakMoves.length && (
              <>
                <table data-testid="intraday-breaks">
                  <thead>
                    <tr>
                      <th>{t('intraday.agent')}</th>
                      <th>{t('intraday.activityCol')}</th>
                      <th>{t('intraday.from')}</th>
                      <th>{t('intraday.to')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.breakMoves.map((m) => (
                      <tr key={`${m.shiftId}-${m.fromStart}`}>
                        <td>
                          <Raw>{m.name}</Raw>
                        </td>
                        <td>{t(`intraday.activity.${m.kind}`)}</td>
                        <td>{fmtClock(m.fromStart)}</td>
                        <td>{fmtClock(m.toStart)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="page-actions">
                  <button onClick={acceptBreaks} data-testid="intraday-accept-breaks">
                    {t('intraday.acceptBreaks')}
                  </button>
                </div>
              </>
            )}
          </section>
          <section className="card">
            <h2>{t('intraday.proposals')}</h2>
            {!p.proposals.length && <p className="hint">{t('intraday.noProposals')}</p>}
            {!!p.proposals.length && (
              <table data-testid="intraday-proposals">
                <thead>
                  <tr>
                    <th>{t('intraday.kind')}</th>
                    <th>{t('intraday.window')}</th>
                    <th>{t('intraday.places')}</th>
                    <th>{t('intraday.agents')}</th>
                    <th>{t('app.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.proposals.map((o) => (
                    <tr key={`${o.kind}-${o.start}`}>
                      <td>{t(`intraday.kind_${o.kind}`)}</td>
                      <td>{span(o.start, o.end)}</td>
                      <td>{o.capacity}</td>
                      <td>
                        <Raw>{o.agents.map((a) => a.name).join('、')}</Raw>
                      </td>
                      <td>
                        <button onClick={() => push(o)} data-testid={`intraday-push-${o.kind}-${o.start}`}>
                          {t('intraday.push')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {!!p.ruledOut.length && (
              <p className="hint">
                {t('intraday.ruledOut')}{' '}
                {p.ruledOut.map((r, i) => (
                  <span key={`${r.agentId}-${r.start}`}>
                    {i > 0 && '；'}
                    <Raw>{r.name}</Raw>（{span(r.start, r.end)}：{t(`intraday.rule_${r.rule}`, { defaultValue: t('intraday.rule_other') })}）
                  </span>
                ))}
              </p>
            )}
          </section>
        </>
      )}
      {p && !!p.offers.length && (
        <section className="card">
          <h2>{t('intraday.offers')}</h2>
          <table data-testid="intraday-offers">
            <thead>
              <tr>
                <th>{t('intraday.kind')}</th>
                <th>{t('intraday.window')}</th>
                <th>{t('intraday.taken')}</th>
                <th>{t('intraday.answers')}</th>
              </tr>
            </thead>
            <tbody>
              {p.offers.map((o) => (
                <tr key={o.id}>
                  <td>{t(`intraday.kind_${o.kind}`)}</td>
                  <td>{span(o.start, o.end)}</td>
                  <td>
                    {o.taken} / {o.capacity}
                  </td>
                  <td>
                    {o.agents.map((a, i) => (
                      <span key={a.agentId}>
                        {i > 0 && '；'}
                        <Raw>{a.name}</Raw>：{t(`intraday.status_${a.status}`)}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {hasAny(me, ['wfm', 'duty_manager']) && <IntradaySettings />}
    </Page>
  );
}
