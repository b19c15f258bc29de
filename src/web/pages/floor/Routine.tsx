import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SquadReports } from '../peer/SquadReports';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import { SHIFT_LOG_KINDS } from '../../../contract/peopleWire';
import { useAction, useEndpoint } from '../../hooks';
import { ErrorNote, Figure, Page, pct, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { FactTiles, SourceBadge } from '../../components/facts';
import { TeamPicker, fmtTime } from './common';
import { LeadTaskTable } from '../setup/LeadTaskTable';
import { ReportTable } from '../../components/reportTable';

/** The team lead's shift routine: briefing and notices, in-shift log, post-shift summary, reports, tasks. */
export default function Routine() {
  const { t } = useTranslation();
  const me = useMe();
  const isLead = hasAny(me, ['team_lead']);
  const [teamId, setTeamId] = useState<number | null>(null);
  const brief = useEndpoint(contract.people.briefing, teamId ? { query: { teamId } } : null);
  const log = useEndpoint(contract.people.shiftLog, teamId ? { query: { teamId } } : null);
  const reports = useEndpoint(contract.people.reports, {});
  const weekly = useEndpoint(contract.people.reportsAggregate, { query: { by: 'week' } });
  const tasks = useEndpoint(contract.people.tasks, {});
  const completion = useEndpoint(contract.people.taskCompletion, {});
  const [notice, setNotice] = useState('');
  const [entry, setEntry] = useState<{ kind: (typeof SHIFT_LOG_KINDS)[number]; text: string }>({ kind: 'coaching', text: '' });
  const [post2, setPost2] = useState({ offered: '', answered: '', overrideNote: '', notes: '' });
  const { error, run } = useAction();
  const b = brief.data;
  const kpi = (name: string, v: number | null) => <Figure value={v} format={name === 'aht' ? (n) => `${n}s` : pct} />;
  return (
    <Page title={t('ppl.nav.routine')}>
      <div className="form-row">
        <TeamPicker value={teamId} onChange={setTeamId} />
      </div>
      <ErrorNote error={error ?? brief.error} />
      {b && (
        <div className="card" data-testid="briefing">
          <h2>
            {t('ppl.routine.briefing')} · {b.date}
          </h2>
          {b.longerMeeting && <p className="warn">{t('ppl.routine.longer')}</p>}
          <div className="cards">
            {b.kpis.map((k) => (
              <div key={k.name}>
                <div className="kpi-label">
                  {t('ppl.routine.yesterday')} {t(`ppl.routine.kpi.${k.name}`)}
                </div>
                <div className={`kpi ${k.met === false ? 'bad' : ''}`}>{kpi(k.name, k.value)}</div>
                <SourceBadge source={k.source} />
              </div>
            ))}
            <div>
              <div className="kpi-label">
                {t('ppl.routine.yesterday')} {t('ppl.disc.late')}/{t('ppl.disc.absent')}
              </div>
              <div className="kpi">
                {b.yesterday.attendance.late}/{b.yesterday.attendance.absent}
              </div>
            </div>
            <div>
              <div className="kpi-label">
                {t('ppl.routine.yesterday')} {t('ppl.mood.average')}
              </div>
              <div className="kpi">
                <Figure value={b.yesterday.moodAverage} />
              </div>
            </div>
            <div>
              <div className="kpi-label">{t('ppl.routine.onShift')}</div>
              <div className="kpi">{b.schedule.onShift}</div>
            </div>
          </div>
          <ul className="plain">
            {b.highlights.map((h, i) => (
              <li key={i}>• {h}</li>
            ))}
          </ul>
          {b.team && (
            <div data-testid="briefing-team">
              {(['yesterday', 'today'] as const).map((d) => (
                <div key={d}>
                  <h3>
                    {t(`facts.routine.${d}`)} · {t('facts.routine.team')}
                  </h3>
                  <FactTiles row={b.team[d]} />
                </div>
              ))}
            </div>
          )}
          {b.queues && (
            <div data-testid="briefing-queues">
              <h3>
                {t('facts.routine.yesterday')} · {t('facts.routine.queues')} <SourceBadge source={b.queues.yesterday.source} />
              </h3>
              {b.queues.yesterday.queues.length === 0 ? (
                <p className="missing">{t('facts.routine.noQueues')}</p>
              ) : (
                <div style={{ overflowX: 'auto' }}>
                  <table>
                    <thead>
                      <tr>
                        <th>{t('facts.routine.queue')}</th>
                        {['offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'asa'].map((k) => (
                          <th key={k}>{t(`facts.figures.${k}`)}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {[...b.queues.yesterday.rows, ...(b.queues.yesterday.total && b.queues.yesterday.rows.length > 1 ? [b.queues.yesterday.total] : [])].map(
                        (q) => (
                          <tr key={q.queue}>
                            <td>{q.queue === 'total' ? t('facts.page.total') : <Raw>{q.queue}</Raw>}</td>
                            <td>
                              <Figure value={q.offered} />
                            </td>
                            <td>
                              <Figure value={q.answered} />
                            </td>
                            <td>
                              <Figure value={q.abandoned} />
                            </td>
                            <td>
                              <Figure value={q.answerRate} format={pct} />
                            </td>
                            <td>
                              <Figure value={q.serviceLevel} format={pct} />
                            </td>
                            <td>
                              <Figure value={q.asa} format={(n) => `${Math.round(n)}s`} />
                            </td>
                          </tr>
                        ),
                      )}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
          {b.agents && b.agents.length > 0 && (
            <div data-testid="briefing-agents">
              <h3>
                {t('facts.routine.yesterday')} · {t('facts.routine.agent')}
              </h3>
              {b.agents.map((a) => (
                <div key={a.agentId} className="fact-row" data-agent={a.employeeNo}>
                  <strong>{a.name}</strong> <span className="hint">{a.employeeNo}</span>
                  <FactTiles row={a} />
                </div>
              ))}
              <h3>{t('facts.routine.missed')}</h3>
              {b.missed.yesterday.length === 0 ? (
                <p className="ok">{t('facts.routine.nobodyMissed')}</p>
              ) : (
                <ul className="plain" data-testid="briefing-missed">
                  {b.missed.yesterday.map((m) => (
                    <li key={`${m.agentId}-${m.kpi}`}>
                      • {m.name}: {t(`facts.figures.${m.kpi}`, { defaultValue: m.kpi })} {kpi(m.kpi, m.actual)} / {t('facts.page.target')}{' '}
                      {kpi(m.kpi, m.target)}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <h3>{t('ppl.routine.notices')}</h3>
          {b.notices.map((n) => (
            <div key={n.id} className="notice">
              <span>{n.text}</span>
              <span className="hint">
                {t('ppl.routine.read')} {n.readCount} · {t('ppl.routine.unread')}: {(n.unread ?? []).join('、')}
              </span>
            </div>
          ))}
          {isLead && (
            <div className="form-row">
              <input aria-label={t('ppl.routine.addNotice')} value={notice} onChange={(e) => setNotice(e.target.value)} style={{ flex: 1 }} />
              <button
                onClick={() =>
                  run(async () => {
                    if (teamId == null) return;
                    await call(contract.people.addNotice, { body: { teamId, text: notice } });
                    setNotice('');
                    await brief.reload();
                  })
                }
              >
                {t('ppl.routine.addNotice')}
              </button>
            </div>
          )}
        </div>
      )}
      <div className="two-col">
        <div className="card">
          <h2>{t('ppl.routine.log')}</h2>
          <ul className="plain">
            {(log.data ?? []).map((l) => (
              <li key={l.id}>
                {fmtTime(l.at)} [{t(`ppl.routine.kind.${l.kind}`)}] {l.text}
                {l.squad_id != null && l.author_name ? ` · ${t('squad.byLeader', { name: l.author_name })}` : ''}
              </li>
            ))}
          </ul>
          {isLead && (
            <div className="form-row">
              <select
                aria-label={t('ppl.notes.kind')}
                value={entry.kind}
                onChange={(e) => setEntry({ ...entry, kind: e.target.value as (typeof SHIFT_LOG_KINDS)[number] })}
              >
                {SHIFT_LOG_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`ppl.routine.kind.${k}`)}
                  </option>
                ))}
              </select>
              <input aria-label={t('ppl.notes.text')} value={entry.text} onChange={(e) => setEntry({ ...entry, text: e.target.value })} />
              <button
                onClick={() =>
                  run(async () => {
                    if (teamId == null) return;
                    await call(contract.people.addLogEntry, { body: { teamId, ...entry } });
                    setEntry({ ...entry, text: '' });
                    await log.reload();
                  })
                }
              >
                {t('ppl.notes.add')}
              </button>
            </div>
          )}
        </div>
        {isLead && (
          <div className="card">
            <h2>{t('ppl.routine.post')}</h2>
            <textarea
              aria-label={t('ppl.note')}
              rows={3}
              style={{ width: '100%' }}
              value={post2.notes}
              onChange={(e) => setPost2({ ...post2, notes: e.target.value })}
            />
            {/* every figure is read from the store; a typed one is an audited override (source: manual) */}
            <details>
              <summary>{t('facts.routine.override')}</summary>
              <div className="form-row">
                <input
                  aria-label={t('ppl.routine.offered')}
                  placeholder={t('ppl.routine.offered')}
                  value={post2.offered}
                  onChange={(e) => setPost2({ ...post2, offered: e.target.value })}
                  size={8}
                />
                <input
                  aria-label={t('ppl.routine.answered')}
                  placeholder={t('ppl.routine.answered')}
                  value={post2.answered}
                  onChange={(e) => setPost2({ ...post2, answered: e.target.value })}
                  size={8}
                />
                <input
                  aria-label={t('facts.routine.overrideNote')}
                  placeholder={t('facts.routine.overrideNote')}
                  value={post2.overrideNote}
                  onChange={(e) => setPost2({ ...post2, overrideNote: e.target.value })}
                />
              </div>
            </details>
            <button
              onClick={() =>
                run(async () => {
                  const overrides: Record<string, number> = {};
                  if (post2.offered.trim()) overrides.offered = Number(post2.offered);
                  if (post2.answered.trim()) overrides.answered = Number(post2.answered);
                  if (teamId == null) return;
                  await call(contract.people.sendReport, {
                    body: {
                      teamId,
                      notes: post2.notes.split('\n'),
                      ...(Object.keys(overrides).length ? { overrides, overrideNote: post2.overrideNote } : {}),
                    },
                  });
                  await reports.reload();
                })
              }
            >
              {t('ppl.routine.send')}
            </button>
          </div>
        )}
      </div>
      <div className="card">
        <h2>{t('ppl.routine.reports')}</h2>
        <ReportTable
          rows={reports.data ?? []}
          testId="reports"
          before={[
            { head: t('ppl.team'), cell: (r) => r.team_name },
            ...(['offered', 'answered'] as const).map((k) => ({
              head: t(`ppl.routine.${k}`),
              cell: (r: NonNullable<typeof reports.data>[number]) => (
                <>
                  {r.report[k]} <SourceBadge source={r.report.sources?.[k]} />
                </>
              ),
            })),
          ]}
        />
        <SquadReports />
        <h3>{t('ppl.routine.weekly')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('ppl.date')}</th>
              <th>{t('ppl.team')}</th>
              <th>{t('ppl.routine.kpi.answerRate')}</th>
              <th>{t('ppl.disc.violations')}</th>
            </tr>
          </thead>
          <tbody>
            {(weekly.data ?? []).map((w) => (
              <tr key={`${w.teamId}-${w.period}`}>
                <td>{w.period}</td>
                <td>{w.teamId}</td>
                <td>
                  <Figure value={w.kpis.answerRate} format={pct} />
                </td>
                <td>{w.violations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card">
        <h2>{t('ppl.routine.tasks')}</h2>
        <LeadTaskTable tasks={tasks.data ?? []} onDone={() => Promise.all([tasks.reload(), completion.reload()])} />
        <h3>{t('ppl.routine.completion')}</h3>
        <table>
          <thead>
            <tr>
              <th>{t('ppl.routine.lead')}</th>
              <th>{t('ppl.routine.due')}</th>
              <th>{t('ppl.routine.onTime')}</th>
              <th>{t('ppl.routine.lateDone')}</th>
              <th>{t('ppl.routine.open')}</th>
              <th>%</th>
            </tr>
          </thead>
          <tbody>
            {(completion.data ?? []).map((c) => (
              <tr key={c.leadId}>
                <td>{c.leadName}</td>
                <td>{c.due}</td>
                <td>{c.onTime}</td>
                <td>{c.late}</td>
                <td>{c.open}</td>
                <td>
                  <Figure value={c.onTimeRate} format={pct} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
