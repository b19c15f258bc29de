import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { centerToday } from '../../format';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { GOAL_SETTERS, type GoalWire } from '../../../contract/goals';
import { defaultDirection, GOAL_KPIS, MAX_SKILL, MIN_SKILL, type GoalKpi } from '../../../core/goals/index';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { FACT_UNITS, fmtFact } from '../../components/facts';
import { hasAny, useMe } from '../../session';

const isRatio = (kpi: string | null) => kpi !== null && FACT_UNITS[kpi] === 'ratio';
const pctText = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** What a goal asks, in words: "平均处理时长 ≤ 300s" / "中级、取得 billing 认证，2026/3/31 前". */
function goalText(t: TFunction, g: GoalWire): string {
  if (g.kind === 'kpi') return `${t(`facts.figures.${g.kpi}`)} ${t(`goals.${g.direction}`)} ${g.target === null ? '—' : fmtFact(g.kpi!, g.target)}`;
  const parts = [
    ...(g.skillLevel !== null ? [`${t('goals.skillLevel')} ${t(`goals.levels.${g.skillLevel}`)}`] : []),
    ...(g.queue ? [t('goals.certified', { queue: g.queue })] : []),
  ];
  const who = g.subject === 'team' && g.share !== null ? `${t('goals.share', { share: pctText(g.share) })}: ` : '';
  return `${who}${parts.join(' · ')} · ${t('goals.by', { date: g.dueDate })}`;
}

function actualText(t: TFunction, g: GoalWire): string {
  const a = g.progress.actual;
  if (a === null) return g.progress.reason ? t(`facts.reasons.${g.progress.reason}`, { defaultValue: t('goals.states.noData') }) : '—';
  if (g.kind === 'kpi') return fmtFact(g.kpi!, a);
  return g.subject === 'team' ? pctText(a) : t(`goals.levels.${a}`);
}

/** Goals (issue 17): an agent sees their own and their team's, a lead their teams', managers all; setters add and drop. */
export default function Goals() {
  const { t } = useTranslation();
  const me = useMe();
  const canSet = hasAny(me, GOAL_SETTERS);
  const [month, setMonth] = useState(centerToday().slice(0, 7));
  const list = useEndpoint(contract.goals.list, { query: { month } });
  const act = useAction();
  const drop = (id: number) =>
    act.run(async () => {
      await call(contract.goals.change, { params: { id }, body: { status: 'dropped' } });
      await list.reload();
    });
  const goals = list.data?.goals ?? [];
  return (
    <Page title={t('nav.goals')}>
      <p className="hint">{t('goals.hint')}</p>
      <FieldRow>
        <Field label={t('goals.month')}>
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="goals-month" />
        </Field>
      </FieldRow>
      <ErrorNote error={list.error ?? act.error} />
      <section className="card">
        {list.data && goals.length === 0 && <p className="hint">{t('goals.none')}</p>}
        {goals.length > 0 && (
          <div className="table-scroll">
            <table data-testid="goals-table">
              <thead>
                <tr>
                  <th>{t('goals.subject')}</th>
                  <th>{t('goals.goal')}</th>
                  <th>{t('goals.actual')}</th>
                  <th>{t('goals.state')}</th>
                  <th>{t('goals.setBy')}</th>
                  {canSet && <th />}
                </tr>
              </thead>
              <tbody>
                {goals.map((g) => (
                  <tr key={g.id} data-testid={`goal-${g.id}`} data-state={g.progress.state}>
                    <td>{g.subject === 'agent' ? <Raw>{g.agentName ?? ''}</Raw> : <Raw>{t('goals.teamGoal', { name: g.teamName })}</Raw>}</td>
                    <td>
                      <Raw>{goalText(t, g)}</Raw>
                      {g.note && (
                        <div className="hint">
                          <Raw>{g.note}</Raw>
                        </div>
                      )}
                    </td>
                    <td data-testid={`goal-${g.id}-actual`}>
                      <Raw>{actualText(t, g)}</Raw>
                    </td>
                    <td>
                      <span className={`badge goal-${g.progress.state}`}>{t(`goals.states.${g.progress.state}`)}</span>{' '}
                      <span className="hint">{g.progress.final ? t('goals.final') : t('goals.open')}</span>
                    </td>
                    <td>{g.setByName ? <Raw>{g.setByName}</Raw> : '—'}</td>
                    {canSet && (
                      <td>
                        <button onClick={() => void drop(g.id)} data-testid={`goal-${g.id}-drop`}>
                          {t('goals.drop')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canSet && <NewGoal month={month} onSaved={() => void list.reload()} />}
    </Page>
  );
}

type Draft = {
  subject: 'agent' | 'team';
  teamId: string;
  agentId: string;
  kind: 'kpi' | 'skill';
  kpi: GoalKpi;
  direction: 'higher' | 'lower';
  target: string;
  dueDate: string;
  skillLevel: string;
  queue: string;
  share: string;
  note: string;
};

function NewGoal({ month, onSaved }: { month: string; onSaved: () => void }) {
  const { t } = useTranslation();
  const opts = useEndpoint(contract.goals.options, {});
  const act = useAction();
  const [saved, setSaved] = useState(false);
  const [f, setF] = useState<Draft>({
    subject: 'agent',
    teamId: '',
    agentId: '',
    kind: 'kpi',
    kpi: 'aht',
    direction: 'lower',
    target: '',
    dueDate: centerToday(),
    skillLevel: '2',
    queue: '',
    share: '50',
    note: '',
  });
  const o = opts.data;
  useEffect(() => {
    if (!o) return;
    setF((x) => ({ ...x, teamId: x.teamId || String(o.teams[0]?.id ?? ''), agentId: x.agentId || String(o.agents[0]?.id ?? '') }));
  }, [o]);
  const ratio = isRatio(f.kpi);
  const save = () =>
    act.run(async () => {
      setSaved(false);
      const who = f.subject === 'agent' ? { agentId: Number(f.agentId) } : { teamId: Number(f.teamId) };
      const target = f.target === '' ? undefined : ratio ? Number(f.target) / 100 : Number(f.target);
      const body =
        f.kind === 'kpi'
          ? {
              subject: f.subject,
              ...who,
              kind: 'kpi' as const,
              month,
              kpi: f.kpi,
              direction: f.direction,
              ...(target !== undefined ? { target } : {}),
              note: f.note,
            }
          : {
              subject: f.subject,
              ...who,
              kind: 'skill' as const,
              dueDate: f.dueDate,
              ...(f.skillLevel ? { skillLevel: Number(f.skillLevel) } : {}),
              ...(f.queue ? { queue: f.queue } : {}),
              ...(f.subject === 'team' ? { share: Number(f.share) / 100 } : {}),
              note: f.note,
            };
      await call(contract.goals.create, { body });
      setSaved(true);
      onSaved();
    });
  const fields = ['subject', 'teamId', 'agentId', 'kind', 'kpi', 'direction', 'target', 'dueDate', 'skillLevel', 'queue', 'share', 'note'];
  return (
    <section className="card" data-testid="goal-form">
      <h2>{t('goals.newGoal')}</h2>
      <ErrorNote error={opts.error ?? act.errorOutside(fields)} />
      <FieldRow>
        <Field label={t('goals.subject')} error={act.errorFor('subject')}>
          <select value={f.subject} onChange={(e) => setF({ ...f, subject: e.target.value as Draft['subject'] })} data-testid="goal-subject">
            <option value="agent">{t('goals.subjects.agent')}</option>
            <option value="team">{t('goals.subjects.team')}</option>
          </select>
        </Field>
        {f.subject === 'agent' ? (
          <Field label={t('goals.agent')} error={act.errorFor('agentId')}>
            <AgentSelect testId="goal-agent" value={f.agentId} options={agentOptions(o?.agents)} onChange={(agentId) => setF({ ...f, agentId })} />
          </Field>
        ) : (
          <Field label={t('goals.team')} error={act.errorFor('teamId')}>
            <select value={f.teamId} onChange={(e) => setF({ ...f, teamId: e.target.value })} data-testid="goal-team">
              {o?.teams.map((tm) => (
                <option key={tm.id} value={String(tm.id)}>
                  {tm.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('goals.kind')} error={act.errorFor('kind')}>
          <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as Draft['kind'] })} data-testid="goal-kind">
            <option value="kpi">{t('goals.kinds.kpi')}</option>
            <option value="skill">{t('goals.kinds.skill')}</option>
          </select>
        </Field>
      </FieldRow>
      {f.kind === 'kpi' ? (
        <FieldRow>
          <Field label={t('goals.kpi')} error={act.errorFor('kpi')}>
            <select
              value={f.kpi}
              onChange={(e) => setF({ ...f, kpi: e.target.value as GoalKpi, direction: defaultDirection(e.target.value as GoalKpi) })}
              data-testid="goal-kpi"
            >
              {GOAL_KPIS.map((k) => (
                <option key={k} value={k}>
                  {t(`facts.figures.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('goals.direction')} error={act.errorFor('direction')}>
            <select value={f.direction} onChange={(e) => setF({ ...f, direction: e.target.value as Draft['direction'] })} data-testid="goal-direction">
              <option value="lower">{t('goals.directions.lower')}</option>
              <option value="higher">{t('goals.directions.higher')}</option>
            </select>
          </Field>
          <Field label={ratio ? t('goals.targetPercent') : t('goals.target')} error={act.errorFor('target')}>
            <input type="number" min={0} step="any" value={f.target} onChange={(e) => setF({ ...f, target: e.target.value })} data-testid="goal-target" />
          </Field>
        </FieldRow>
      ) : (
        <FieldRow>
          <Field label={t('goals.skillLevel')} error={act.errorFor('skillLevel')}>
            <select value={f.skillLevel} onChange={(e) => setF({ ...f, skillLevel: e.target.value })} data-testid="goal-level">
              <option value="">{t('goals.anyLevel')}</option>
              {Array.from({ length: MAX_SKILL - MIN_SKILL + 1 }, (_, i) => MIN_SKILL + i).map((l) => (
                <option key={l} value={String(l)}>
                  {t(`goals.levels.${l}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('goals.queue')} error={act.errorFor('queue')}>
            <select value={f.queue} onChange={(e) => setF({ ...f, queue: e.target.value })} data-testid="goal-queue">
              <option value="">{t('goals.noQueue')}</option>
              {o?.queues.map((q) => (
                <option key={q} value={q} translate="no">
                  {q}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('goals.dueDate')} error={act.errorFor('dueDate')}>
            <input type="date" value={f.dueDate} onChange={(e) => setF({ ...f, dueDate: e.target.value })} data-testid="goal-due" />
          </Field>
          {f.subject === 'team' && (
            <Field label={t('goals.shareLabel')} error={act.errorFor('share')}>
              <input type="number" min={1} max={100} value={f.share} onChange={(e) => setF({ ...f, share: e.target.value })} data-testid="goal-share" />
            </Field>
          )}
        </FieldRow>
      )}
      <FieldRow>
        <Field label={t('goals.note')} error={act.errorFor('note')} wide>
          <input value={f.note} maxLength={500} onChange={(e) => setF({ ...f, note: e.target.value })} data-testid="goal-note" />
        </Field>
      </FieldRow>
      <div className="page-actions">
        <button onClick={() => void save()} data-testid="goal-save">
          {t('goals.save')}
        </button>
        {saved && <span className="hint">{t('goals.saved')}</span>}
      </div>
    </section>
  );
}
