import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { Field, FieldRow } from '../../components/form';
import { AgentSelect, agentOptions, ErrorNote, Page } from '../../components/ui';
import { todayLocal } from '../floor/common';
import { Scroll } from './shared';

/** Record a leaver with the exit interview's reason (coded + notes); the list shows the last 12 months. */
export default function Leavers() {
  const { t } = useTranslation();
  const agents = useEndpoint(contract.platform.agents, { query: { status: 'active' } });
  const config = useEndpoint(contract.people.config, {});
  const stats = useEndpoint(contract.people.attrition, { query: { months: 12 } });
  const act = useAction();
  const [f, setF] = useState({ agentId: '', leftDate: todayLocal(), reasonCode: '', reasonText: '' });
  // a center's own reason codes have no translation: their stored label stands
  const reasonLabel = (code: string | undefined, label?: string) => (code ? t(`setup.leavers.reasons.${code}`, { defaultValue: label ?? code }) : '');
  const labels = new Map((config.data?.leaveReasons ?? []).map((r) => [r.code, r.label]));

  return (
    <Page title={t('setup.nav.leavers')}>
      <p className="hint">{t('setup.leavers.intro')}</p>
      <ErrorNote error={agents.error ?? stats.error} />
      <form
        className="card"
        data-testid="leaver-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act.run(async () => {
            await call(contract.people.recordLeaver, {
              body: {
                agentId: Number(f.agentId),
                leftDate: f.leftDate,
                reasonCode: f.reasonCode,
                ...(f.reasonText.trim() ? { reasonText: f.reasonText } : {}),
              },
            });
            setF({ ...f, agentId: '', reasonText: '' });
            await Promise.all([agents.reload(), stats.reload()]);
          });
        }}
      >
        <ErrorNote error={act.errorOutside(['agentId', 'leftDate', 'reasonCode', 'reasonText'])} />
        <FieldRow>
          <Field label={t('setup.leavers.agent')} error={act.errorFor('agentId')}>
            <AgentSelect
              name="agentId"
              value={f.agentId}
              options={agentOptions(agents.data, { employeeNo: true })}
              none="—"
              onChange={(agentId) => setF({ ...f, agentId })}
            />
          </Field>
          <Field label={t('setup.leavers.leftDate')} error={act.errorFor('leftDate')}>
            <input name="leftDate" type="date" value={f.leftDate} onChange={(e) => setF({ ...f, leftDate: e.target.value })} />
          </Field>
          <Field label={t('setup.leavers.reason')} error={act.errorFor('reasonCode')}>
            <select name="reasonCode" value={f.reasonCode} onChange={(e) => setF({ ...f, reasonCode: e.target.value })}>
              <option value="">—</option>
              {(config.data?.leaveReasons ?? []).map((r) => (
                <option key={r.code} value={r.code}>
                  {reasonLabel(r.code, r.label)}
                </option>
              ))}
            </select>
          </Field>
        </FieldRow>
        <FieldRow>
          <Field label={t('setup.leavers.reasonText')} error={act.errorFor('reasonText')} wide>
            <textarea name="reasonText" rows={2} value={f.reasonText} onChange={(e) => setF({ ...f, reasonText: e.target.value })} />
          </Field>
        </FieldRow>
        <button type="submit">{t('setup.leavers.record')}</button>
      </form>
      <h2>{t('setup.leavers.list')}</h2>
      <Scroll>
        <table data-testid="leavers">
          <thead>
            <tr>
              <th>{t('setup.leavers.agent')}</th>
              <th>{t('setup.leavers.hired')}</th>
              <th>{t('setup.leavers.leftDate')}</th>
              <th>{t('setup.leavers.reason')}</th>
              <th>{t('setup.leavers.reasonText')}</th>
            </tr>
          </thead>
          <tbody>
            {(stats.data?.leavers ?? []).map((l) => (
              <tr key={l.agentId}>
                <td>{l.name}</td>
                <td>{l.hiredOn}</td>
                <td>{l.leftOn ?? ''}</td>
                <td>{reasonLabel(l.reasonCode, l.reasonCode ? labels.get(l.reasonCode) : undefined)}</td>
                <td>{l.reasonText ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {(stats.data?.leavers ?? []).length === 0 && <p className="hint">{t('setup.common.none')}</p>}
    </Page>
  );
}
