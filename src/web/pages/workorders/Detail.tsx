import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { AgentSelect, ErrorNote, Loading, Page, Raw } from '../../components/ui';
import { fmtDateTime } from '../../format';

const SLA_CLASS: Record<string, string> = { ok: 'ok', met: 'ok', warning: 'warn', breached: 'bad', missed: 'bad' };

/** One order: facts, SLA, the history timeline, and a button per transition the caller may make. */
export function OrderDetail({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const o = useEndpoint(contract.workorders.order, { params: { id } });
  const config = useEndpoint(contract.workorders.config, {});
  const [note, setNote] = useState('');
  const [dept, setDept] = useState<number | ''>('');
  const [assignee, setAssignee] = useState('');
  const [callId, setCallId] = useState('');
  const [verdictNote, setVerdictNote] = useState('');
  const [verdictAgent, setVerdictAgent] = useState('');
  // GET /api/agents is the platform's and not in the contract yet: the fields this page reads
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const [error, setError] = useState<string | null>(null);
  if (o.error) return <ErrorNote error={o.error} />;
  if (!o.data || !config.data) return <Loading />;
  const d = o.data;
  const cfg = config.data;
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setNote('');
      setError(null);
      await o.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const needsDept = d.allowed.some((a) => a.name === 'send_to_business' || (d.type === 'dispatch' && a.name === 'send'));
  const needsUser = d.allowed.some((a) => a.name === 'assign');
  const name = (uid: number | string) => d.names[uid] ?? `#${uid}`;
  const assigneeLabel = (a: string | null) => {
    if (!a) return '—';
    const [k, v] = a.split(':');
    return k === 'dept' ? (cfg.departments.find((x) => x.id === Number(v))?.name ?? a) : name(v!);
  };
  return (
    <Page
      title={`#${d.id} ${d.title}`}
      actions={
        <button className="secondary" onClick={onBack}>
          {t('app.back')}
        </button>
      }
    >
      <div className="cards">
        <div className="card">
          <div className="kpi-label">{t('wo.type')}</div>
          <div>
            {t(`wo.types.${d.type}`)} · {d.category}
          </div>
        </div>
        <div className="card">
          <div className="kpi-label">{t('wo.state')}</div>
          <div data-testid="wo-state">{t(`wo.states.${d.state}`)}</div>
        </div>
        <div className="card">
          <div className="kpi-label">{t('wo.assignee')}</div>
          <div>{assigneeLabel(d.assignee)}</div>
        </div>
        {d.type === 'complaint' && (
          <div className="card">
            <div className="kpi-label">{t('wo.agent')}</div>
            <div data-testid="wo-complaint-agent">{d.agent_name ? `${d.agent_name}${d.agent_code ? ` (${d.agent_code})` : ''}` : '—'}</div>
            <div data-testid="wo-verdict" data-verdict={d.verdict ?? ''}>
              {t('wo.verdict')}：{t(`wo.verdicts.${d.verdict ?? 'none'}`)}
            </div>
          </div>
        )}
        <div className="card">
          <div className="kpi-label">{t('wo.sla')}</div>
          <div className={SLA_CLASS[d.sla.status]}>
            {t(`wo.slaStatus.${d.sla.status}`)} · {fmtDateTime(d.sla.dueAt)}
          </div>
        </div>
      </div>
      <div className="card">
        <div>{d.description}</div>
        <div className="hint">
          {t('wo.raisedBy')} {name(d.raised_by)} · {fmtDateTime(Number(d.created_at))}
          {/* what was typed or stored (customer, phone, call id, address) is shown as is, never translated */}
          {d.customer_id ? (
            <>
              {` · ${t('wo.customer')} `}
              <Raw>{d.customer_id}</Raw>
            </>
          ) : null}
          {d.customer_phone ? (
            <>
              {' · '}
              <Raw>{d.customer_phone}</Raw>
            </>
          ) : null}
          {d.call_id ? (
            <>
              {` · ${t('wo.callId')} `}
              <Raw>{d.call_id}</Raw>
            </>
          ) : null}
          {d.address ? (
            <>
              {` · ${t('wo.address')} `}
              <Raw>{d.address}</Raw>
            </>
          ) : null}
          {d.appointment_from ? ` · ${t('wo.appointment')} ${fmtDateTime(Number(d.appointment_from))}` : ''}
        </div>
        {d.repeat_complainer ? <span className="badge bad">{t('wo.repeat')}</span> : null}{' '}
        {d.qa_review ? <span className="badge">{t('wo.qaOpen')}</span> : null}
      </div>
      {d.allowed.length > 0 && (
        <div className="card" data-testid="wo-actions">
          <textarea
            aria-label={t('wo.note')}
            placeholder={t('wo.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            rows={2}
            style={{ width: '100%', boxSizing: 'border-box' }}
          />
          <div className="form-row">
            {needsDept && (
              <select aria-label={t('wo.department')} value={dept} onChange={(e) => setDept(e.target.value ? Number(e.target.value) : '')}>
                <option value="">{t('wo.department')}</option>
                {config.data.departments.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            )}
            {needsUser && <input aria-label={t('wo.assignTo')} placeholder={t('wo.assignTo')} value={assignee} onChange={(e) => setAssignee(e.target.value)} />}
            {d.allowed.map((a) => (
              <button
                key={a.name}
                data-transition={a.name}
                onClick={() =>
                  void act(() =>
                    call(contract.workorders.transition, {
                      params: { id },
                      body: { transition: a.name, note, ...(dept ? { departmentId: dept } : {}), ...(assignee ? { assigneeUserId: Number(assignee) } : {}) },
                    }),
                  )
                }
              >
                {t(`wo.transitions.${a.name}`)}
              </button>
            ))}
          </div>
        </div>
      )}
      {d.canJudge && (
        <div className="card" data-testid="wo-judge">
          <strong>{t('wo.verdict')}</strong>
          <textarea
            aria-label={t('wo.verdictNote')}
            placeholder={t('wo.verdictNote')}
            value={verdictNote}
            onChange={(e) => setVerdictNote(e.target.value)}
            rows={2}
            style={{ width: '100%', boxSizing: 'border-box' }}
          />
          <div className="form-row">
            {d.agent_id == null && (
              <AgentSelect
                label={t('wo.agent')}
                value={verdictAgent}
                options={(agents.data ?? []).map((a) => ({ id: a.id, label: a.ext_code ? `${a.name} (${a.ext_code})` : a.name }))}
                none={t('wo.agent')}
                onChange={setVerdictAgent}
              />
            )}
            {(['upheld', 'rejected'] as const).map((v) => (
              <button
                key={v}
                className={v === 'upheld' ? '' : 'secondary'}
                data-verdict-action={v}
                disabled={d.verdict === v}
                onClick={() =>
                  void act(async () => {
                    await call(contract.workorders.verdict, {
                      params: { id },
                      body: { verdict: v, note: verdictNote, ...(verdictAgent ? { agentId: Number(verdictAgent) } : {}) },
                    });
                    setVerdictNote('');
                  })
                }
              >
                {t(v === 'upheld' ? 'wo.uphold' : 'wo.rejectVerdict')}
              </button>
            ))}
          </div>
        </div>
      )}
      {d.type === 'callback' && d.state === 'assigned' && (
        <div className="card form-row">
          <strong>{t('wo.recordAttempt')}</strong>
          {config.data.outcomes.map((x) => (
            <button
              key={x}
              className="secondary"
              onClick={() => void act(() => call(contract.workorders.attempt, { params: { id }, body: { outcome: x, note } }))}
            >
              {t(`wo.outcomes.${x}`)}
            </button>
          ))}
        </div>
      )}
      {d.type === 'complaint' && (
        <div className="card form-row">
          <input aria-label={t('wo.callId')} placeholder={t('wo.callId')} value={callId} onChange={(e) => setCallId(e.target.value)} />
          <button
            className="secondary"
            disabled={!callId}
            onClick={() => void act(() => call(contract.workorders.linkCall, { params: { id }, body: { callId } }))}
          >
            {t('wo.linkCall')}
          </button>
          {!d.qa_review && (
            <button className="secondary" onClick={() => void act(() => call(contract.workorders.qaReview, { params: { id } }))}>
              {t('wo.qaReview')}
            </button>
          )}
        </div>
      )}
      <ErrorNote error={error} />
      <h3>{t('wo.history')}</h3>
      <ol className="timeline" data-testid="wo-history">
        {d.history.map((h) => (
          <li key={h.seq}>
            <strong>{h.transition === 'create' ? t('wo.newOrder') : t(`wo.transitions.${h.transition}`)}</strong> → {t(`wo.states.${h.to}`)}
            <span className="hint">
              {' '}
              · {name(h.actorId)} ({t(`roles.${h.role}`, h.role)}) · {fmtDateTime(h.at)}
              {h.assignee ? ` · ${assigneeLabel(h.assignee)}` : ''}
            </span>
            {h.note && <div>「{h.note}」</div>}
          </li>
        ))}
      </ol>
      {d.attempts.length > 0 && (
        <>
          <h3>{t('wo.attempts')}</h3>
          <table>
            <tbody>
              {d.attempts.map((a) => (
                <tr key={a.id}>
                  <td>{fmtDateTime(Number(a.at))}</td>
                  <td>{t(`wo.outcomes.${a.outcome}`)}</td>
                  <td>{a.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {d.children.length > 0 && (
        <p>
          {t('wo.followUp')}:{' '}
          {d.children.map((c) => (
            <a key={c.id} href={`#/wo/board?id=${c.id}`}>
              #{c.id} {c.title}{' '}
            </a>
          ))}
        </p>
      )}
    </Page>
  );
}
