import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { CAREER_LEADS, CAREER_MANAGERS, IDP_EDITORS } from '../../../contract/careers';
import { IDP_KINDS, IDP_STATUSES, MOVE_KINDS, TALENT_TRACKS, type IdpKind, type IdpStatus, type MoveKind, type TalentTrack } from '../../../core/careers/index';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { centerToday } from '../../format';
import { hasAny, useMe } from '../../session';

/**
 * An agent's development (issue 17): their development plan items, promotion and rotation history, and
 * (for the leads) the talent pool. Agents see their own plan and history.
 */
export default function Development() {
  const { t } = useTranslation();
  const me = useMe();
  const isAgentOnly = me.agentId !== null && !hasAny(me, IDP_EDITORS);
  const agents = useEndpoint(contract.platform.agents, isAgentOnly ? null : { query: { status: 'active' } });
  const [agentId, setAgentId] = useState('');
  const picked = agentId ? Number(agentId) : undefined;
  return (
    <Page title={t('careers.nav.development')}>
      {!isAgentOnly && (
        <FieldRow>
          <Field label={t('careers.agent')}>
            <AgentSelect
              testId="dev-agent"
              value={agentId}
              options={agentOptions(agents.data, { employeeNo: true })}
              none={t('careers.allAgents')}
              onChange={setAgentId}
            />
          </Field>
        </FieldRow>
      )}
      <Idp agentId={picked} canEdit={hasAny(me, IDP_EDITORS)} leadKinds={hasAny(me, CAREER_LEADS)} />
      {(isAgentOnly || hasAny(me, CAREER_LEADS)) && <Moves agentId={picked} canRecord={hasAny(me, CAREER_MANAGERS)} />}
      {hasAny(me, CAREER_LEADS) && <Talent agentId={picked} canReview={hasAny(me, CAREER_MANAGERS)} />}
    </Page>
  );
}

function Idp({ agentId, canEdit, leadKinds }: { agentId?: number; canEdit: boolean; leadKinds: boolean }) {
  const { t } = useTranslation();
  const items = useEndpoint(contract.careers.idp, { query: agentId ? { agentId } : {} }, [agentId]);
  const opts = useEndpoint(contract.careers.options, {});
  const act = useAction();
  const kinds = leadKinds ? IDP_KINDS : (['course'] as const);
  const [f, setF] = useState({ kind: kinds[0] as IdpKind, title: '', dueDate: centerToday(), courseId: '', certQueue: '' });
  const add = () =>
    act.run(async () => {
      if (!agentId) return;
      await call(contract.careers.addIdp, {
        body: {
          agentId,
          kind: f.kind,
          title: f.title,
          dueDate: f.dueDate,
          courseId: f.courseId ? Number(f.courseId) : null,
          certQueue: f.certQueue || null,
        },
      });
      setF({ ...f, title: '' });
      await items.reload();
    });
  const move = (id: number, status: IdpStatus) =>
    act.run(async () => {
      await call(contract.careers.updateIdp, { params: { id }, body: { status } });
      await items.reload();
    });
  return (
    <section className="card" data-testid="idp">
      <h2>{t('careers.idp.title')}</h2>
      <p className="hint">{t('careers.idp.hint')}</p>
      <ErrorNote error={items.error ?? act.errorOutside(['title', 'dueDate', 'courseId', 'certQueue'])} />
      {items.data && items.data.length === 0 && <p className="hint">{t('careers.none')}</p>}
      {items.data && items.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('careers.agent')}</th>
              <th>{t('careers.idp.kind')}</th>
              <th>{t('careers.idp.item')}</th>
              <th>{t('careers.due')}</th>
              <th>{t('careers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {items.data.map((i) => (
              <tr key={i.id} data-testid={`idp-${i.id}`}>
                <td>
                  <Raw>{i.agentName}</Raw>
                </td>
                <td>{t(`careers.idp.kinds.${i.kind}`)}</td>
                <td style={{ minWidth: '10em' }}>
                  <Raw>{i.title}</Raw>
                  {i.courseTitle && (
                    <>
                      {' · '}
                      <Raw>{i.courseTitle}</Raw>
                    </>
                  )}
                  {i.certQueue && (
                    <>
                      {` · ${t('careers.idp.certQueue')} `}
                      <Raw>{i.certQueue}</Raw>
                    </>
                  )}
                </td>
                <td>{i.dueDate}</td>
                <td>
                  {canEdit && (leadKinds || i.kind === 'course') ? (
                    <select aria-label={t('careers.status')} value={i.status} onChange={(e) => void move(i.id, e.target.value as IdpStatus)}>
                      {IDP_STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`careers.idp.statuses.${s}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    t(`careers.idp.statuses.${i.status}`)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && agentId !== undefined && (
        <>
          <FieldRow>
            <Field label={t('careers.idp.kind')}>
              <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as IdpKind })} data-testid="idp-kind">
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`careers.idp.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('careers.idp.item')} error={act.errorFor('title')} wide>
              <input value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} data-testid="idp-title" />
            </Field>
            <Field label={t('careers.due')} error={act.errorFor('dueDate')}>
              <input type="date" value={f.dueDate} onChange={(e) => setF({ ...f, dueDate: e.target.value })} />
            </Field>
            <Field label={t('careers.idp.course')} error={act.errorFor('courseId')}>
              <select value={f.courseId} onChange={(e) => setF({ ...f, courseId: e.target.value })}>
                <option value="">{t('careers.idp.noLink')}</option>
                {(opts.data?.courses ?? []).map((c) => (
                  <option key={c.id} value={String(c.id)} translate="no">
                    {c.title}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('careers.idp.certQueue')} error={act.errorFor('certQueue')}>
              <select value={f.certQueue} onChange={(e) => setF({ ...f, certQueue: e.target.value })}>
                <option value="">{t('careers.idp.noLink')}</option>
                {(opts.data?.certQueues ?? []).map((q) => (
                  <option key={q} value={q} translate="no">
                    {q}
                  </option>
                ))}
              </select>
            </Field>
          </FieldRow>
          <div className="page-actions">
            <button onClick={() => void add()} data-testid="idp-add">
              {t('careers.add')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function Moves({ agentId, canRecord }: { agentId?: number; canRecord: boolean }) {
  const { t } = useTranslation();
  const moves = useEndpoint(contract.careers.moves, { query: agentId ? { agentId } : {} }, [agentId]);
  const opts = useEndpoint(contract.careers.options, {});
  const act = useAction();
  const empty = {
    kind: 'rotation' as MoveKind,
    date: centerToday(),
    fromTeamId: '',
    toTeamId: '',
    fromPost: '',
    toPost: '',
    fromQueue: '',
    toQueue: '',
    reason: '',
  };
  const [f, setF] = useState(empty);
  const record = () =>
    act.run(async () => {
      if (!agentId) return;
      await call(contract.careers.recordMove, {
        body: { ...f, agentId, fromTeamId: f.fromTeamId ? Number(f.fromTeamId) : null, toTeamId: f.toTeamId ? Number(f.toTeamId) : null },
      });
      setF(empty);
      await moves.reload();
    });
  const teamSelect = (key: 'fromTeamId' | 'toTeamId') => (
    <select value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })}>
      <option value="">{t('careers.moves.noTeam')}</option>
      {(opts.data?.teams ?? []).map((tm) => (
        <option key={tm.id} value={String(tm.id)} translate="no">
          {tm.name}
        </option>
      ))}
    </select>
  );
  const text = (key: 'fromPost' | 'toPost' | 'fromQueue' | 'toQueue' | 'reason') => (
    <input value={f[key]} onChange={(e) => setF({ ...f, [key]: e.target.value })} />
  );
  return (
    <section className="card" data-testid="moves">
      <h2>{t('careers.moves.title')}</h2>
      <p className="hint">{t('careers.moves.hint')}</p>
      <ErrorNote error={moves.error ?? act.errorOutside(['date', 'fromTeamId', 'toTeamId', 'reason'])} />
      {moves.data && moves.data.length === 0 && <p className="hint">{t('careers.none')}</p>}
      {moves.data && moves.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('careers.date')}</th>
              <th>{t('careers.agent')}</th>
              <th>{t('careers.moves.kind')}</th>
              <th>{t('careers.moves.from')}</th>
              <th>{t('careers.moves.to')}</th>
              <th>{t('careers.moves.reason')}</th>
              <th>{t('careers.moves.approvedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {moves.data.map((m) => (
              <tr key={m.id}>
                <td>{m.date}</td>
                <td>
                  <Raw>{m.agentName}</Raw>
                </td>
                <td>{t(`careers.moves.kinds.${m.kind}`)}</td>
                <td>
                  <Raw>{[m.fromTeam, m.fromPost, m.fromQueue].filter(Boolean).join(' / ') || '—'}</Raw>
                </td>
                <td>
                  <Raw>{[m.toTeam, m.toPost, m.toQueue].filter(Boolean).join(' / ') || '—'}</Raw>
                </td>
                <td>
                  <Raw>{m.reason}</Raw>
                </td>
                <td>{m.approvedByName ? <Raw>{m.approvedByName}</Raw> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRecord && agentId !== undefined && (
        <>
          <FieldRow>
            <Field label={t('careers.moves.kind')}>
              <select value={f.kind} onChange={(e) => setF({ ...f, kind: e.target.value as MoveKind })}>
                {MOVE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`careers.moves.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('careers.date')} error={act.errorFor('date')}>
              <input type="date" value={f.date} onChange={(e) => setF({ ...f, date: e.target.value })} />
            </Field>
            <Field label={t('careers.moves.fromTeam')} error={act.errorFor('fromTeamId')}>
              {teamSelect('fromTeamId')}
            </Field>
            <Field label={t('careers.moves.toTeam')} error={act.errorFor('toTeamId')}>
              {teamSelect('toTeamId')}
            </Field>
            <Field label={t('careers.moves.fromPost')}>{text('fromPost')}</Field>
            <Field label={t('careers.moves.toPost')}>{text('toPost')}</Field>
            <Field label={t('careers.moves.fromQueue')}>{text('fromQueue')}</Field>
            <Field label={t('careers.moves.toQueue')}>{text('toQueue')}</Field>
            <Field label={t('careers.moves.reason')} error={act.errorFor('reason')} wide>
              {text('reason')}
            </Field>
          </FieldRow>
          <div className="page-actions">
            <button onClick={() => void record()}>{t('careers.moves.record')}</button>
          </div>
        </>
      )}
    </section>
  );
}

function Talent({ agentId, canReview }: { agentId?: number; canReview: boolean }) {
  const { t } = useTranslation();
  const pool = useEndpoint(contract.careers.talent, {});
  const act = useAction();
  const [f, setF] = useState({ track: 'model' as TalentTrack, evidence: '' });
  const nominate = () =>
    act.run(async () => {
      if (!agentId) return;
      await call(contract.careers.nominate, { body: { agentId, track: f.track, evidence: f.evidence } });
      setF({ ...f, evidence: '' });
      await pool.reload();
    });
  const review = (id: number, status: 'accepted' | 'declined') =>
    act.run(async () => {
      await call(contract.careers.reviewNomination, { params: { id }, body: { status } });
      await pool.reload();
    });
  const shown = (pool.data ?? []).filter((n) => agentId === undefined || n.agentId === agentId);
  return (
    <section className="card" data-testid="talent">
      <h2>{t('careers.talent.title')}</h2>
      <p className="hint">{t('careers.talent.hint')}</p>
      <ErrorNote error={pool.error ?? act.errorOutside(['evidence'])} />
      {pool.data && shown.length === 0 && <p className="hint">{t('careers.none')}</p>}
      {shown.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('careers.agent')}</th>
              <th>{t('careers.talent.track')}</th>
              <th>{t('careers.talent.figures')}</th>
              <th>{t('careers.talent.evidence')}</th>
              <th>{t('careers.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((n) => (
              <tr key={n.id}>
                <td>
                  <Raw>{n.agentName}</Raw>
                </td>
                <td>{t(`careers.talent.tracks.${n.track}`)}</td>
                <td>
                  {n.month}{' '}
                  {n.figures
                    ? [
                        n.figures.total !== null ? t('careers.talent.total', { total: n.figures.total.toFixed(1) }) : '',
                        n.figures.centerRank !== null ? t('careers.talent.rank', { rank: n.figures.centerRank }) : '',
                      ]
                        .filter(Boolean)
                        .join(' · ')
                    : t('careers.talent.noFigures')}
                </td>
                <td style={{ minWidth: '10em' }}>
                  <Raw>{n.evidence}</Raw>
                </td>
                <td>
                  {t(`careers.talent.statuses.${n.status}`)}
                  {canReview && n.status === 'nominated' && (
                    <>
                      {' '}
                      <button onClick={() => void review(n.id, 'accepted')}>{t('careers.talent.accept')}</button>{' '}
                      <button onClick={() => void review(n.id, 'declined')}>{t('careers.talent.decline')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {agentId !== undefined && (
        <>
          <FieldRow>
            <Field label={t('careers.talent.track')}>
              <select value={f.track} onChange={(e) => setF({ ...f, track: e.target.value as TalentTrack })}>
                {TALENT_TRACKS.map((k) => (
                  <option key={k} value={k}>
                    {t(`careers.talent.tracks.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('careers.talent.evidence')} error={act.errorFor('evidence')} wide>
              <input value={f.evidence} onChange={(e) => setF({ ...f, evidence: e.target.value })} />
            </Field>
          </FieldRow>
          <div className="page-actions">
            <button onClick={() => void nominate()}>{t('careers.talent.nominate')}</button>
          </div>
        </>
      )}
    </section>
  );
}
