import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { CAREER_LEADS, type PlanWire, type ProposalWire } from '../../../contract/careers';
import { PLAN_DECISIONS, STEP_RESULTS, type PlanDecision, type StepResult } from '../../../core/careers/index';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { Field, FieldRow } from '../../components/form';
import { centerToday, fmtDateTime } from '../../format';
import { hasAny, useMe } from '../../session';

/**
 * Improvement plans (issue 17, 崗位淘汰制度): the leads see who the rule proposes, open a plan, add steps,
 * record their results and decide; the agent sees their own plan and acknowledges each step.
 */
export default function Improvement() {
  const { t } = useTranslation();
  const me = useMe();
  const isLead = hasAny(me, CAREER_LEADS);
  const plans = useEndpoint(contract.careers.plans, {});
  const [planId, setPlanId] = useState<number | null>(null);
  const [prefill, setPrefill] = useState<ProposalWire | null>(null);
  const shown = planId ?? (!isLead && plans.data?.length ? plans.data[0]!.id : null);
  return (
    <Page title={t('careers.nav.improvement')}>
      <p className="hint">{t('careers.plans.hint')}</p>
      <ErrorNote error={plans.error} />
      {isLead && <Proposals onOpen={setPrefill} />}
      {isLead && (
        <OpenPlan
          key={prefill?.agentId ?? 0}
          prefill={prefill}
          onOpened={(id) => {
            setPrefill(null);
            void plans.reload().then(() => setPlanId(id));
          }}
        />
      )}
      <section className="card" data-testid="plan-list">
        <h2>{isLead ? t('careers.plans.list') : t('careers.plans.mine')}</h2>
        {plans.data && plans.data.length === 0 && <p className="hint">{t('careers.plans.noPlans')}</p>}
        {plans.data && plans.data.length > 0 && <PlanTable plans={plans.data} onView={setPlanId} />}
      </section>
      {shown !== null && <PlanView key={shown} id={shown} isLead={isLead} isAgent={me.agentId !== null} onChanged={() => void plans.reload()} />}
    </Page>
  );
}

function Proposals({ onOpen }: { onOpen: (p: ProposalWire) => void }) {
  const { t } = useTranslation();
  const p = useEndpoint(contract.careers.proposals, {});
  return (
    <section className="card" data-testid="plan-proposals">
      <h2>{t('careers.plans.proposals')}</h2>
      <ErrorNote error={p.error} />
      {p.data && <p className="hint">{t('careers.plans.rule', { months: p.data.rule.months, items: p.data.rule.minItemsBelow })}</p>}
      {p.data && p.data.proposals.length === 0 && <p className="hint">{t('careers.plans.noProposals')}</p>}
      {p.data && p.data.proposals.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t('careers.agent')}</th>
              <th>{t('careers.plans.months')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {p.data.proposals.map((x) => (
              <tr key={x.agentId} data-testid={`proposal-${x.employeeNo}`}>
                <td>
                  <Raw>{`${x.employeeNo} ${x.agentName}`}</Raw>
                </td>
                <td>
                  <MissedMonths months={x.months} />
                </td>
                <td>
                  <button onClick={() => onOpen(x)}>{t('careers.plans.openFor')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MissedMonths({ months }: { months: ProposalWire['months'] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {months.map((m) => (
        <li key={m.month}>
          {m.month}: {(m.belowTarget ?? []).map((k) => t(`facts.figures.${k}`, { defaultValue: k })).join('、')}
        </li>
      ))}
    </ul>
  );
}

function OpenPlan({ prefill, onOpened }: { prefill: ProposalWire | null; onOpened: (id: number) => void }) {
  const { t } = useTranslation();
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const act = useAction();
  const today = centerToday();
  const [f, setF] = useState({ agentId: prefill ? String(prefill.agentId) : '', reason: '', startDate: today, endDate: '' });
  const open = () =>
    act.run(async () => {
      const p = await call(contract.careers.openPlan, {
        body: { agentId: Number(f.agentId), reason: f.reason, startDate: f.startDate, endDate: f.endDate, proposed: prefill !== null },
      });
      onOpened(p.id);
    });
  return (
    <section className="card" data-testid="plan-open">
      <h2>{t('careers.plans.open')}</h2>
      <ErrorNote error={act.errorOutside(['agentId', 'reason', 'startDate', 'endDate'])} />
      <FieldRow>
        <Field label={t('careers.agent')} error={act.errorFor('agentId')}>
          <AgentSelect
            testId="plan-agent"
            value={f.agentId}
            options={agentOptions(agents.data, { employeeNo: true })}
            none={t('careers.noAgent')}
            onChange={(agentId) => setF({ ...f, agentId })}
          />
        </Field>
        <Field label={t('careers.plans.start')} error={act.errorFor('startDate')}>
          <input type="date" value={f.startDate} onChange={(e) => setF({ ...f, startDate: e.target.value })} data-testid="plan-start" />
        </Field>
        <Field label={t('careers.plans.end')} error={act.errorFor('endDate')}>
          <input type="date" value={f.endDate} onChange={(e) => setF({ ...f, endDate: e.target.value })} data-testid="plan-end" />
        </Field>
      </FieldRow>
      <Field label={t('careers.plans.reason')} error={act.errorFor('reason')} wide>
        <textarea value={f.reason} onChange={(e) => setF({ ...f, reason: e.target.value })} data-testid="plan-reason" rows={2} />
      </Field>
      <div className="page-actions">
        <button onClick={() => void open()} data-testid="plan-create">
          {t('careers.plans.open')}
        </button>
      </div>
    </section>
  );
}

function PlanTable({ plans, onView }: { plans: PlanWire[]; onView: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          <th>{t('careers.agent')}</th>
          <th>{t('careers.plans.start')}</th>
          <th>{t('careers.plans.end')}</th>
          <th>{t('careers.status')}</th>
          <th>{t('careers.plans.decision')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {plans.map((p) => (
          <tr key={p.id} data-testid={`plan-${p.id}`}>
            <td>
              <Raw>{`${p.employeeNo} ${p.agentName}`}</Raw>
            </td>
            <td>{p.startDate}</td>
            <td>{p.endDate}</td>
            <td>
              {t(`careers.plans.statuses.${p.status}`)}
              {p.pendingSteps > 0 && ` · ${t('careers.plans.pending', { count: p.pendingSteps })}`}
            </td>
            <td>{p.decision ? t(`careers.plans.decisions.${p.decision}`) : '—'}</td>
            <td>
              <button onClick={() => onView(p.id)}>{t('careers.plans.view')}</button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanView({ id, isLead, isAgent, onChanged }: { id: number; isLead: boolean; isAgent: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const v = useEndpoint(contract.careers.plan, { params: { id } });
  const act = useAction();
  const [step, setStep] = useState({ dueDate: centerToday(), action: '' });
  const [results, setResults] = useState<Record<number, { result: StepResult; note: string }>>({});
  const [dec, setDec] = useState<{ decision: PlanDecision; note: string; endDate: string }>({ decision: 'improved', note: '', endDate: '' });
  const done = async () => {
    await v.reload();
    onChanged();
  };
  const addStep = () =>
    act.run(async () => {
      await call(contract.careers.addStep, { params: { id }, body: step });
      setStep({ ...step, action: '' });
      await done();
    });
  const record = (stepId: number) =>
    act.run(async () => {
      const r = results[stepId];
      if (!r) return;
      await call(contract.careers.recordStep, { params: { id: stepId }, body: r });
      await done();
    });
  const ack = (stepId: number) =>
    act.run(async () => {
      await call(contract.careers.acknowledgeStep, { params: { id: stepId } });
      await done();
    });
  const decide = () =>
    act.run(async () => {
      await call(contract.careers.decide, {
        params: { id },
        body: { decision: dec.decision, note: dec.note, ...(dec.decision === 'extended' && dec.endDate ? { endDate: dec.endDate } : {}) },
      });
      await done();
    });
  const d = v.data;
  const open = d?.plan.status === 'open';
  return (
    <section className="card" data-testid="plan-view">
      <ErrorNote error={v.error ?? act.errorOutside(['dueDate', 'action', 'note', 'endDate'])} />
      {d && (
        <>
          <h2>
            <Raw>{`${d.plan.employeeNo} ${d.plan.agentName}`}</Raw> · {t(`careers.plans.statuses.${d.plan.status}`)}
          </h2>
          <dl className="facts">
            <dt>{t('careers.plans.reason')}</dt>
            <dd>
              <Raw>{d.plan.reason}</Raw>
            </dd>
            <dt>{t('careers.plans.origin')}</dt>
            <dd>{t(`careers.plans.origins.${d.plan.origin}`)}</dd>
            {d.plan.missedMonths.length > 0 && (
              <>
                <dt>{t('careers.plans.months')}</dt>
                <dd>
                  <MissedMonths months={d.plan.missedMonths} />
                </dd>
              </>
            )}
            <dt>{t('careers.plans.start')}</dt>
            <dd>{`${d.plan.startDate} – ${d.plan.endDate}`}</dd>
            {d.plan.openedByName && (
              <>
                <dt>{t('careers.plans.openedBy')}</dt>
                <dd>
                  <Raw>{d.plan.openedByName}</Raw>
                </dd>
              </>
            )}
            {d.plan.decision && (
              <>
                <dt>{t('careers.plans.decision')}</dt>
                <dd data-testid="plan-decision">
                  {t(`careers.plans.decisions.${d.plan.decision}`)} · <Raw>{d.plan.decisionNote}</Raw>
                </dd>
              </>
            )}
          </dl>
          <h3>{t('careers.plans.steps')}</h3>
          {d.steps.length === 0 && <p className="hint">{t('careers.plans.noSteps')}</p>}
          {d.steps.length > 0 && (
            <table data-testid="plan-steps">
              <thead>
                <tr>
                  <th>{t('careers.due')}</th>
                  <th>{t('careers.plans.action')}</th>
                  <th>{t('careers.plans.result')}</th>
                  <th>{t('careers.plans.ack')}</th>
                </tr>
              </thead>
              <tbody>
                {d.steps.map((s) => (
                  <tr key={s.id} data-testid={`step-${s.id}`}>
                    <td>{s.dueDate}</td>
                    <td style={{ minWidth: '10em' }}>
                      <Raw>{s.action}</Raw>
                    </td>
                    <td>
                      {isLead && open ? (
                        <>
                          <select
                            aria-label={t('careers.plans.result')}
                            value={results[s.id]?.result ?? s.result}
                            onChange={(e) =>
                              setResults({ ...results, [s.id]: { note: results[s.id]?.note ?? s.resultNote, result: e.target.value as StepResult } })
                            }
                            data-testid={`step-result-${s.id}`}
                          >
                            {STEP_RESULTS.map((r) => (
                              <option key={r} value={r}>
                                {t(`careers.plans.results.${r}`)}
                              </option>
                            ))}
                          </select>
                          <input
                            aria-label={t('careers.plans.resultNote')}
                            value={results[s.id]?.note ?? s.resultNote}
                            onChange={(e) => setResults({ ...results, [s.id]: { result: results[s.id]?.result ?? s.result, note: e.target.value } })}
                          />
                          <button onClick={() => void record(s.id)} disabled={!results[s.id]}>
                            {t('careers.plans.record')}
                          </button>
                        </>
                      ) : (
                        <>
                          {t(`careers.plans.results.${s.result}`)}
                          {s.resultNote && (
                            <>
                              {' · '}
                              <Raw>{s.resultNote}</Raw>
                            </>
                          )}
                        </>
                      )}
                    </td>
                    <td data-testid={`step-ack-${s.id}`}>
                      {s.acknowledgedAt !== null ? (
                        t('careers.plans.acked', { at: fmtDateTime(s.acknowledgedAt) })
                      ) : isAgent ? (
                        <button onClick={() => void ack(s.id)} data-testid={`step-ack-button-${s.id}`}>
                          {t('careers.plans.ack')}
                        </button>
                      ) : (
                        t('careers.plans.notAcked')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {isLead && open && (
            <>
              <h3>{t('careers.plans.addStep')}</h3>
              <FieldRow>
                <Field label={t('careers.due')} error={act.errorFor('dueDate')}>
                  <input type="date" value={step.dueDate} onChange={(e) => setStep({ ...step, dueDate: e.target.value })} data-testid="step-due" />
                </Field>
                <Field label={t('careers.plans.action')} error={act.errorFor('action')} wide>
                  <input value={step.action} onChange={(e) => setStep({ ...step, action: e.target.value })} data-testid="step-action" />
                </Field>
              </FieldRow>
              <div className="page-actions">
                <button onClick={() => void addStep()} data-testid="step-add">
                  {t('careers.plans.addStep')}
                </button>
              </div>
              <h3>{t('careers.plans.decide')}</h3>
              <FieldRow>
                <Field label={t('careers.plans.decision')}>
                  <select
                    value={dec.decision}
                    onChange={(e) => setDec({ ...dec, decision: e.target.value as PlanDecision })}
                    data-testid="plan-decision-select"
                  >
                    {PLAN_DECISIONS.map((x) => (
                      <option key={x} value={x}>
                        {t(`careers.plans.decisions.${x}`)}
                      </option>
                    ))}
                  </select>
                </Field>
                {dec.decision === 'extended' && (
                  <Field label={t('careers.plans.newEnd')} error={act.errorFor('endDate')}>
                    <input type="date" value={dec.endDate} onChange={(e) => setDec({ ...dec, endDate: e.target.value })} />
                  </Field>
                )}
                <Field label={t('careers.plans.decisionNote')} error={act.errorFor('note')} wide>
                  <input value={dec.note} onChange={(e) => setDec({ ...dec, note: e.target.value })} data-testid="plan-decision-note" />
                </Field>
              </FieldRow>
              <div className="page-actions">
                <button onClick={() => void decide()} data-testid="plan-decide">
                  {t('careers.plans.decide')}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
