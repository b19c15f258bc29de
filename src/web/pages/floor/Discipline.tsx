import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import { useAction, useEndpoint } from '../../hooks';
import { AgentSelect, agentOptions, ErrorNote, Page, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { TeamPicker, fmtTime, yuan } from './common';

/** Floor rules, violations, the team activity fund (樂捐) and attendance. Agents see their own team's fund. */
export default function Discipline() {
  const { t } = useTranslation();
  const me = useMe();
  const isLead = hasAny(me, ['admin', 'center_manager', 'duty_manager', 'team_lead']);
  const canSpend = hasAny(me, ['admin', 'center_manager', 'team_lead']);
  const [teamId, setTeamId] = useState<number | null>(null);
  const rules = useEndpoint(contract.people.rules, {});
  const agents = useEndpoint(contract.platform.agents, teamId && isLead ? { query: { teamId, status: 'active' } } : null);
  const fund = useEndpoint(contract.people.fund, teamId ? { query: { teamId } } : null);
  const violations = useEndpoint(contract.people.violations, teamId ? { query: { teamId } } : null);
  const attendance = useEndpoint(contract.people.attendance, teamId ? { query: { teamId } } : null);
  const [v, setV] = useState({ agentId: '', ruleCode: 'A1', note: '' });
  const [s, setS] = useState({ amount: '', receiptRef: '', description: '' });
  const { error, run } = useAction();
  const names = new Map((agents.data ?? []).map((a) => [String(a.id), a.name]));
  return (
    <Page title={t('ppl.nav.discipline')}>
      <div className="form-row">
        <TeamPicker value={teamId} onChange={setTeamId} />
      </div>
      <ErrorNote error={error} />
      {isLead && (
        <fieldset className="form-grid" data-testid="violation-form">
          <legend>{t('ppl.disc.record')}</legend>
          <label>
            {t('ppl.agent')}
            <AgentSelect
              name="agentId"
              value={v.agentId}
              options={agentOptions(agents.data, { employeeNo: true })}
              none="—"
              onChange={(agentId) => setV({ ...v, agentId })}
            />
          </label>
          <label>
            {t('ppl.disc.rule')}
            <select name="ruleCode" value={v.ruleCode} onChange={(e) => setV({ ...v, ruleCode: e.target.value })}>
              {(rules.data ?? [])
                .filter((r) => r.active)
                .map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.no}. {r.title}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('ppl.note')}
            <input name="note" value={v.note} onChange={(e) => setV({ ...v, note: e.target.value })} />
          </label>
          <button
            onClick={() =>
              run(async () => {
                await call(contract.people.recordViolation, { body: { agentId: Number(v.agentId), ruleCode: v.ruleCode, note: v.note || undefined } });
                setV({ ...v, note: '' });
                await Promise.all([fund.reload(), violations.reload()]);
              })
            }
          >
            {t('ppl.disc.record')}
          </button>
        </fieldset>
      )}
      {fund.data && (
        <div className="card" data-testid="fund">
          <h2>{t('ppl.disc.fund')}</h2>
          <div className="cards">
            <div>
              <div className="kpi-label">{t('ppl.disc.balance')}</div>
              <div className="kpi" data-testid="fund-balance">
                {yuan(fund.data.balanceFen)}
              </div>
            </div>
            <div>
              <div className="kpi-label">{t('ppl.disc.contributed')}</div>
              <div className="kpi">{yuan(fund.data.contributedFen)}</div>
            </div>
            <div>
              <div className="kpi-label">{t('ppl.disc.spent')}</div>
              <div className="kpi">{yuan(fund.data.spentFen)}</div>
            </div>
          </div>
          {canSpend && (
            <div className="form-row" data-testid="spend-form">
              <input
                aria-label={t('ppl.disc.amount')}
                placeholder={t('ppl.disc.amount')}
                value={s.amount}
                onChange={(e) => setS({ ...s, amount: e.target.value })}
              />
              <input
                aria-label={t('ppl.disc.receipt')}
                placeholder={t('ppl.disc.receipt')}
                value={s.receiptRef}
                onChange={(e) => setS({ ...s, receiptRef: e.target.value })}
              />
              <input
                aria-label={t('ppl.disc.description')}
                placeholder={t('ppl.disc.description')}
                value={s.description}
                onChange={(e) => setS({ ...s, description: e.target.value })}
              />
              <button
                onClick={() =>
                  run(async () => {
                    const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s.amount.trim());
                    if (!m) throw new Error(`${t('ppl.disc.amount')}: 5 / 5.20`);
                    const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
                    if (teamId == null) return;
                    await call(contract.people.spend, { body: { teamId, amountFen: fen, receiptRef: s.receiptRef, description: s.description } });
                    setS({ amount: '', receiptRef: '', description: '' });
                    await fund.reload();
                  })
                }
              >
                {t('ppl.disc.spend')}
              </button>
            </div>
          )}
          <table data-testid="fund-ledger">
            <thead>
              <tr>
                <th>{t('ppl.when')}</th>
                <th>{t('ppl.notes.kind')}</th>
                <th>{t('ppl.disc.amount')}</th>
                <th>{t('ppl.disc.description')}</th>
              </tr>
            </thead>
            <tbody>
              {fund.data.entries.map((e) => (
                <tr key={e.id}>
                  <td>{fmtTime(e.at)}</td>
                  <td>{t(`ppl.disc.kind.${e.kind}`)}</td>
                  <td className={e.kind === 'spending' ? 'bad' : 'ok'}>
                    {e.kind === 'spending' ? '−' : '+'}
                    {yuan(e.amount_fen)}
                  </td>
                  <td>
                    {e.kind === 'spending' ? (
                      <>
                        {e.description} ({t('ppl.disc.receipt')} <Raw>{e.receipt_ref}</Raw>)
                      </>
                    ) : (
                      `${e.agent_name ?? ''} · ${e.rule_title ?? ''}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="card">
        <h2>{t('ppl.disc.violations')}</h2>
        <table data-testid="violations">
          <thead>
            <tr>
              <th>{t('ppl.when')}</th>
              <th>{t('ppl.agent')}</th>
              <th>{t('ppl.disc.rule')}</th>
              <th>{t('ppl.disc.contribution')}</th>
              <th>{t('ppl.note')}</th>
            </tr>
          </thead>
          <tbody>
            {(violations.data ?? []).map((x) => (
              <tr key={x.id}>
                <td>{fmtTime(x.at)}</td>
                <td>{x.agent_name}</td>
                <td>
                  {x.rule_no}. {x.rule_title}
                </td>
                <td>{yuan(x.contribution_fen)}</td>
                <td>{x.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {attendance.data && (
        <div className="card">
          <h2>{t('ppl.disc.attendance')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('ppl.agent')}</th>
                <th>{t('ppl.disc.shifts')}</th>
                <th>{t('ppl.disc.late')}</th>
                <th>{t('ppl.disc.early')}</th>
                <th>{t('ppl.disc.absent')}</th>
              </tr>
            </thead>
            <tbody>
              {attendance.data.byAgent.map((a) => (
                <tr key={a.key}>
                  <td>{names.get(a.key) ?? a.key}</td>
                  <td>{a.shifts}</td>
                  <td>
                    {a.late} ({a.lateMinutes}′)
                  </td>
                  <td>
                    {a.earlyLeave} ({a.earlyLeaveMinutes}′)
                  </td>
                  <td>{a.absent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details className="card">
        <summary>
          {t('ppl.disc.rules')} ({rules.data?.length ?? 0})
        </summary>
        <table>
          <thead>
            <tr>
              <th>{t('ppl.disc.no')}</th>
              <th>{t('ppl.disc.rule')}</th>
              <th>{t('ppl.disc.consequence')}</th>
            </tr>
          </thead>
          <tbody>
            {(rules.data ?? []).map((r) => (
              <tr key={r.id}>
                <td>{r.no}</td>
                <td>
                  <b>{r.title}</b>
                  <div className="hint">{r.text}</div>
                </td>
                <td>{r.consequence.kind === 'contribution' ? `${t('ppl.disc.contribution')} ${yuan(r.consequence.amountFen)}` : t('ppl.disc.warning')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Page>
  );
}
