import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { centerToday, fmtClock, fmtDate } from '../../format';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { PEER_EDITORS, PEER_READERS, SHADOW_BOOKERS, SHADOW_READERS, type PeerPlanView } from '../../../contract/peer';
import { PLAN_KINDS, PLAN_RESULTS, type PlanKind, type PlanResult } from '../../../core/peer/index';
import { FACT_KPIS } from '../../../core/facts/index';
import { AgentSelect, agentOptions, ErrorNote, IdMultiSelect, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { SquadFiguresTable, figureText } from './SquadFigures';
import { hasAny, useMe } from '../../session';

/** Peer help (issue 17): 一帮一 pairs and study groups, squads (小队长), shadowing a top agent (跟听). */
export default function Peer() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Page title={t('nav.peer')}>
      <p className="hint">{t('peer.hint')}</p>
      {hasAny(me, PEER_READERS) && <Plans canEdit={hasAny(me, PEER_EDITORS)} />}
      {hasAny(me, PEER_READERS) && <Squads canEdit={hasAny(me, PEER_EDITORS)} />}
      {hasAny(me, SHADOW_READERS) && <Shadowing canBook={hasAny(me, SHADOW_BOOKERS)} />}
    </Page>
  );
}

function Plans({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const plans = useEndpoint(contract.peer.plans, {});
  const [openId, setOpenId] = useState<number | null>(null);
  return (
    <section className="card" data-testid="peer-plans">
      <h2>{t('peer.plans')}</h2>
      <ErrorNote error={plans.error} />
      {plans.data && plans.data.length === 0 && <p className="hint">{t('peer.noPlans')}</p>}
      {plans.data && plans.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('peer.title')}</th>
              <th>{t('peer.leader')}</th>
              <th>{t('peer.members')}</th>
              <th>{t('peer.status')}</th>
              <th>{t('peer.open')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.data.map((p) => (
              <tr key={p.id} data-testid={`plan-${p.id}`}>
                <td>
                  {t(`peer.kinds.${p.kind}`)} · <Raw>{p.title}</Raw>
                </td>
                <td>
                  <Raw>{p.leaderName}</Raw>
                </td>
                <td>
                  <Raw>{p.memberNames.join('、')}</Raw>
                </td>
                <td>{p.status === 'closed' && p.result ? t(`peer.results.${p.result}`) : t(`peer.statuses.${p.status}`)}</td>
                <td>
                  <button type="button" onClick={() => setOpenId(p.id)}>
                    {t('peer.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {openId !== null && <PlanDetail key={openId} id={openId} onChanged={() => void plans.reload()} />}
      {canEdit && (
        <NewPlan
          onCreated={(id) => {
            void plans.reload();
            setOpenId(id);
          }}
        />
      )}
    </section>
  );
}

function NewPlan({ onCreated }: { onCreated: (id: number) => void }) {
  const { t } = useTranslation();
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const act = useAction();
  const today = centerToday();
  const [f, setF] = useState({
    kind: 'pair' as PlanKind,
    title: '',
    leaderAgentId: 0,
    memberIds: [] as number[],
    goal: '',
    kpi: '',
    kpiTarget: '',
    startDate: today,
    endDate: today,
  });
  const options = (agents.data ?? []).map((a) => ({ id: a.id, label: a.name }));
  return (
    <form
      data-testid="new-plan"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          const r = await call(contract.peer.createPlan, {
            body: {
              kind: f.kind,
              title: f.title,
              leaderAgentId: f.leaderAgentId,
              memberIds: f.memberIds,
              goal: f.goal,
              kpi: (f.kpi || null) as (typeof FACT_KPIS)[number] | null,
              kpiTarget: f.kpiTarget === '' ? null : Number(f.kpiTarget),
              startDate: f.startDate,
              endDate: f.endDate,
            },
          });
          onCreated(r.plan.id);
        });
      }}
    >
      <h3>{t('peer.newPlan')}</h3>
      <ErrorNote error={act.errorOutside(['kind', 'title', 'leaderAgentId', 'memberIds', 'goal', 'kpi', 'kpiTarget', 'startDate', 'endDate'])} />
      <FieldRow>
        <Field label={t('peer.kind')} error={act.errorFor('kind')}>
          <select name="kind" value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as PlanKind })}>
            {PLAN_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`peer.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('peer.title')} error={act.errorFor('title')}>
          <input name="title" value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
        </Field>
        <Field label={t('peer.leader')} error={act.errorFor('leaderAgentId')}>
          <AgentSelect name="leaderAgentId" value={f.leaderAgentId} options={options} none="—" onChange={(leaderAgentId) => setF({ ...f, leaderAgentId })} />
        </Field>
        <Field label={t('peer.members')} error={act.errorFor('memberIds')}>
          <IdMultiSelect ids={f.memberIds} options={options.filter((o) => o.id !== f.leaderAgentId)} onChange={(memberIds) => setF({ ...f, memberIds })} />
        </Field>
      </FieldRow>
      <FieldRow>
        <Field label={t('peer.goal')} error={act.errorFor('goal')} wide>
          <textarea name="goal" value={f.goal} onChange={(e) => setF({ ...f, goal: e.target.value })} />
        </Field>
        <Field label={t('peer.kpi')} error={act.errorFor('kpi')}>
          <select name="kpi" value={f.kpi} onChange={(e) => setF({ ...f, kpi: e.target.value })}>
            <option value="">{t('peer.noKpi')}</option>
            {FACT_KPIS.map((k) => (
              <option key={k} value={k}>
                {t(`facts.figures.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('peer.target')} error={act.errorFor('kpiTarget')}>
          <input name="kpiTarget" inputMode="decimal" value={f.kpiTarget} onChange={(e) => setF({ ...f, kpiTarget: e.target.value })} />
        </Field>
        <Field label={t('peer.start')} error={act.errorFor('startDate')}>
          <input type="date" name="startDate" value={f.startDate} onChange={(e) => setF({ ...f, startDate: e.target.value })} />
        </Field>
        <Field label={t('peer.end')} error={act.errorFor('endDate')}>
          <input type="date" name="endDate" value={f.endDate} onChange={(e) => setF({ ...f, endDate: e.target.value })} />
        </Field>
      </FieldRow>
      <button type="submit">{t('peer.create')}</button>
    </form>
  );
}

function PlanDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { t } = useTranslation();
  const v = useEndpoint(contract.peer.plan, { params: { id } });
  const act = useAction();
  const [note, setNote] = useState({ date: centerToday(), note: '' });
  const [close, setClose] = useState({ result: 'met' as PlanResult, note: '' });
  const done = (r: PeerPlanView) => {
    v.setData(r);
    onChanged();
  };
  const d = v.data;
  if (!d) return <ErrorNote error={v.error} />;
  const p = d.plan;
  return (
    <article className="card" data-testid="plan-detail">
      <h3>
        {t(`peer.kinds.${p.kind}`)} · <Raw>{p.title}</Raw>
      </h3>
      <p>
        {t('peer.goal')}: <Raw>{p.goal}</Raw>
        {p.kpi && (
          <>
            {' '}
            · {t(`facts.figures.${p.kpi}`)}
            {p.kpiTarget !== null && ` ${figureText(p.kpi, p.kpiTarget)}`}
          </>
        )}{' '}
        · {p.startDate} – {p.endDate}
      </p>
      <h4>{t('peer.figures')}</h4>
      <p className="hint">{t('peer.figuresHint', { before: d.months.before, during: d.months.during })}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('peer.members')}</th>
              <th>{t('peer.kpi')}</th>
              <th>{t('peer.before')}</th>
              <th>{t('peer.during')}</th>
              <th>{t('peer.delta')}</th>
              <th>{t('peer.met')}</th>
            </tr>
          </thead>
          <tbody>
            {d.figures.flatMap((m) =>
              m.kpis.map((k) => (
                <tr key={`${m.agentId}-${k.kpi}`}>
                  <td>
                    <Raw>{m.name}</Raw>
                  </td>
                  <td>{t(`facts.figures.${k.kpi}`)}</td>
                  <td>{figureText(k.kpi, k.before)}</td>
                  <td>{figureText(k.kpi, k.during)}</td>
                  <td>{figureText(k.kpi, k.delta)}</td>
                  <td>{k.met === null ? '—' : k.met ? t('peer.yes') : t('peer.no')}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
      <h4>{t('peer.followUps')}</h4>
      {d.followUps.length === 0 && <p className="hint">{t('peer.noFollowUps')}</p>}
      <ul data-testid="follow-ups">
        {d.followUps.map((f) => (
          <li key={f.id}>
            {f.date} · <Raw>{f.note}</Raw> {f.byName && <Raw>（{f.byName}）</Raw>}
          </li>
        ))}
      </ul>
      <ErrorNote error={act.errorOutside(['date', 'note', 'result'])} />
      {p.status === 'open' && (
        <form
          data-testid="add-follow-up"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              done(await call(contract.peer.addFollowUp, { params: { id }, body: note }));
              setNote({ ...note, note: '' });
            });
          }}
        >
          <FieldRow>
            <Field label={t('peer.date')} error={act.errorFor('date')}>
              <input type="date" name="date" value={note.date} onChange={(e) => setNote({ ...note, date: e.target.value })} />
            </Field>
            <Field label={t('peer.note')} error={act.errorFor('note')} wide>
              <textarea name="note" value={note.note} onChange={(e) => setNote({ ...note, note: e.target.value })} />
            </Field>
          </FieldRow>
          <button type="submit">{t('peer.addFollowUp')}</button>
        </form>
      )}
      {p.status === 'open' && d.canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => done(await call(contract.peer.closePlan, { params: { id }, body: close })));
          }}
        >
          <FieldRow>
            <Field label={t('peer.result')} error={act.errorFor('result')}>
              <select name="result" value={close.result} onChange={(e) => setClose({ ...close, result: e.target.value as PlanResult })}>
                {PLAN_RESULTS.map((r) => (
                  <option key={r} value={r}>
                    {t(`peer.results.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('peer.resultNote')}>
              <input name="resultNote" value={close.note} onChange={(e) => setClose({ ...close, note: e.target.value })} />
            </Field>
          </FieldRow>
          <button type="submit">{t('peer.close')}</button>
        </form>
      )}
      {p.status === 'closed' && p.result && (
        <p>
          {t('peer.result')}: {t(`peer.results.${p.result}`)} <Raw>{p.resultNote}</Raw>
        </p>
      )}
    </article>
  );
}

function Squads({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const squads = useEndpoint(contract.peer.squads, {});
  const [figId, setFigId] = useState<number | null>(null);
  const figs = useEndpoint(contract.peer.squadFigures, figId === null ? null : { params: { id: figId } });
  const act = useAction();
  const mayFigures = (leaderAgentId: number) => canEdit || me.agentId === leaderAgentId;
  return (
    <section className="card" data-testid="peer-squads">
      <h2>{t('peer.squads')}</h2>
      <p className="hint">{t('peer.squadsHint')}</p>
      <ErrorNote error={squads.error ?? figs.error ?? act.error} />
      {squads.data && squads.data.length === 0 && <p className="hint">{t('peer.noSquads')}</p>}
      <ul>
        {(squads.data ?? []).map((s) => (
          <li key={s.id}>
            <Raw>{s.name}</Raw> · {t('peer.squadLeader')} <Raw>{s.leaderName}</Raw> · {t('peer.squadMembers')} <Raw>{s.memberNames.join('、')}</Raw>{' '}
            {mayFigures(s.leaderAgentId) && (
              <button type="button" onClick={() => setFigId(s.id)}>
                {t('peer.squadFigures')}
              </button>
            )}{' '}
            {canEdit && (
              <button
                type="button"
                onClick={() =>
                  void act.run(async () => {
                    await call(contract.peer.deleteSquad, { params: { id: s.id } });
                    await squads.reload();
                  })
                }
              >
                {t('peer.dissolve')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {figs.data && <SquadFiguresTable head={figs.data.month} agents={figs.data.agents} testId="squad-figures" />}
      {canEdit && <NewSquad onSaved={() => void squads.reload()} />}
    </section>
  );
}

function NewSquad({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const teams = useEndpoint(contract.platform.teams, {});
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const act = useAction();
  const [f, setF] = useState({ teamId: 0, leaderAgentId: 0, name: '', memberIds: [] as number[] });
  const teamId = f.teamId || teams.data?.[0]?.id || 0;
  const options = (agents.data ?? []).filter((a) => a.team_id === teamId).map((a) => ({ id: a.id, label: a.name }));
  return (
    <form
      data-testid="new-squad"
      onSubmit={(e) => {
        e.preventDefault();
        void act.run(async () => {
          await call(contract.peer.saveSquad, { body: { ...f, teamId } });
          setF({ ...f, name: '', memberIds: [] });
          onSaved();
        });
      }}
    >
      <ErrorNote error={act.errorOutside(['teamId', 'leaderAgentId', 'name', 'memberIds'])} />
      <FieldRow>
        <Field label={t('peer.team')} error={act.errorFor('teamId')}>
          <select name="teamId" value={teamId} onChange={(e) => setF({ ...f, teamId: Number(e.target.value) })}>
            {(teams.data ?? []).map((tm) => (
              <option key={tm.id} value={tm.id}>
                {tm.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('peer.squadName')} error={act.errorFor('name')}>
          <input name="squadName" value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} />
        </Field>
        <Field label={t('peer.squadLeader')} error={act.errorFor('leaderAgentId')}>
          <AgentSelect name="squadLeader" value={f.leaderAgentId} options={options} none="—" onChange={(leaderAgentId) => setF({ ...f, leaderAgentId })} />
        </Field>
        <Field label={t('peer.squadMembers')} error={act.errorFor('memberIds')}>
          <IdMultiSelect ids={f.memberIds} options={options.filter((o) => o.id !== f.leaderAgentId)} onChange={(memberIds) => setF({ ...f, memberIds })} />
        </Field>
      </FieldRow>
      <button type="submit">{t('peer.saveSquad')}</button>
    </form>
  );
}

function Shadowing({ canBook }: { canBook: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const list = useEndpoint(contract.peer.shadowing, {});
  const opts = useEndpoint(contract.peer.shadowingOptions, canBook ? {} : null);
  const act = useAction();
  const [f, setF] = useState({ agentId: 0, topAgentId: 0, date: centerToday(), start: '10:00', end: '10:30', note: '' });
  const listeners = opts.data?.listeners ?? [];
  const agentId = f.agentId || me.agentId || listeners[0]?.id || 0;
  return (
    <section className="card" data-testid="peer-shadowing">
      <h2>{t('peer.shadowing')}</h2>
      <p className="hint">{t('peer.shadowHint')}</p>
      <ErrorNote error={list.error ?? opts.error} />
      {list.data && list.data.length === 0 && <p className="hint">{t('peer.noShadowing')}</p>}
      <ul data-testid="shadowing-list">
        {(list.data ?? []).map((s) => (
          <li key={s.id}>
            {fmtDate(s.start)} {fmtClock(s.start)}–{fmtClock(s.end)} · <Raw>{s.agentName}</Raw> → <Raw>{s.topAgentName}</Raw> <Raw>{s.note}</Raw>{' '}
            {canBook && (
              <button
                type="button"
                onClick={() =>
                  void act.run(async () => {
                    await call(contract.peer.cancelShadowing, { params: { id: s.id } });
                    await list.reload();
                  })
                }
              >
                {t('peer.cancel')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {canBook && (
        <form
          data-testid="book-shadowing"
          onSubmit={(e) => {
            e.preventDefault();
            void act.run(async () => {
              await call(contract.peer.bookShadowing, { body: { ...f, agentId } });
              await list.reload();
            });
          }}
        >
          <ErrorNote error={act.errorOutside(['agentId', 'topAgentId', 'date', 'start', 'end', 'note'])} />
          <FieldRow>
            {listeners.length > 1 && (
              <Field label={t('peer.listener')} error={act.errorFor('agentId')}>
                <AgentSelect name="agentId" value={agentId} options={agentOptions(listeners)} onChange={(id) => setF({ ...f, agentId: id })} />
              </Field>
            )}
            <Field label={t('peer.topAgent')} error={act.errorFor('topAgentId')}>
              <AgentSelect
                name="topAgentId"
                value={f.topAgentId}
                options={agentOptions(opts.data?.topAgents.filter((a) => a.id !== agentId))}
                none="—"
                onChange={(topAgentId) => setF({ ...f, topAgentId })}
              />
            </Field>
            <Field label={t('peer.date')} error={act.errorFor('date')}>
              <input type="date" name="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />
            </Field>
            <Field label={t('peer.from')} error={act.errorFor('start')}>
              <input type="time" name="start" value={f.start} onChange={(e) => setF({ ...f, start: e.target.value })} />
            </Field>
            <Field label={t('peer.to')} error={act.errorFor('end')}>
              <input type="time" name="end" value={f.end} onChange={(e) => setF({ ...f, end: e.target.value })} />
            </Field>
            <Field label={t('peer.note')} error={act.errorFor('note')}>
              <input name="note" value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
            </Field>
          </FieldRow>
          <button type="submit">{t('peer.book')}</button>
        </form>
      )}
    </section>
  );
}
