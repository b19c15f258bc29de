import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { DisputeListRow } from '../../../contract/quality';
import { ErrorNote, Page } from '../../components/ui';
import { choices, fmtScore, fmtTime, itemLabel, allItems } from './shared';
import { fmtDateTime } from '../../format';

/** Disputes for the QA lead to decide; history stays visible. */
export default function Disputes() {
  const { t } = useTranslation();
  const [state, setState] = useState<'' | 'open' | 'upheld' | 'rejected'>('open');
  const list = useEndpoint(contract.quality.disputes, { query: state ? { state } : {} });
  const templates = useEndpoint(contract.quality.templates, {});
  const { error, run } = useAction();
  const [form, setForm] = useState<Record<number, { value: string; note: string }>>({});
  const tplOf = (id: number) => (templates.data ?? []).find((x) => x.id === id)?.template;
  const decide = (d: DisputeListRow, decision: 'upheld' | 'rejected') =>
    run(async () => {
      const f = form[d.id] ?? { value: '', note: '' };
      await call(contract.quality.decideDispute, {
        params: { id: d.id },
        body: {
          decision,
          note: f.note,
          ...(decision === 'upheld' ? { newValue: f.value === 'na' ? null : f.value === '' ? undefined : Number(f.value) } : {}),
        },
      });
      await list.reload();
    });
  return (
    <Page title={t('nav.qaDisputes')}>
      <div className="form-row">
        <select aria-label={t('qa.state')} value={state} onChange={(e) => setState(e.target.value as typeof state)}>
          <option value="open">{t('qa.states.open')}</option>
          <option value="upheld">{t('qa.states.upheld')}</option>
          <option value="rejected">{t('qa.states.rejected')}</option>
          <option value="">{t('app.all')}</option>
        </select>
      </div>
      <ErrorNote error={error ?? list.error} />
      <table data-testid="disputes-table">
        <thead>
          <tr>
            <th>{t('qa.agent')}</th>
            <th>{t('qa.item')}</th>
            <th>{t('qa.disputeReason')}</th>
            <th>{t('qa.score')}</th>
            <th>{t('qa.evaluator')}</th>
            <th>{t('qa.state')}</th>
            <th>{t('qa.decide')}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((d) => {
            const tpl = tplOf(d.template_id);
            const it = tpl ? allItems(tpl).find((i) => i.id === d.item_id) : null;
            const f = form[d.id] ?? { value: '', note: '' };
            return (
              <tr key={d.id} data-dispute={d.id}>
                <td>
                  {d.employee_no} {d.agent_name}
                </td>
                <td>{itemLabel(tpl, d.item_id)}</td>
                <td>
                  {d.reason}
                  <div className="hint">{fmtTime(d.opened_at)}</div>
                  {d.history.length > 1 && (
                    <div className="hint">
                      {d.history.map((h, i) => (
                        <div key={i}>
                          {t(`qa.states.${h.state}`)} · {fmtDateTime(h.at)} · {h.note}
                        </div>
                      ))}
                    </div>
                  )}
                </td>
                <td>{fmtScore(d.score)}</td>
                <td>{d.evaluator_name}</td>
                <td>{t(`qa.states.${d.state}`)}</td>
                <td>
                  {d.state === 'open' && it && (
                    <div className="form-row">
                      <select
                        aria-label={t('qa.newValue')}
                        name="new-value"
                        value={f.value}
                        onChange={(e) => setForm({ ...form, [d.id]: { ...f, value: e.target.value } })}
                      >
                        <option value="">{t('qa.newValue')}…</option>
                        {choices(it).map((c) => (
                          <option key={c.value} value={String(c.value)}>
                            {c.label === String(c.value) ? c.label : `${c.value} · ${c.label}`}
                          </option>
                        ))}
                        {it.naAllowed && <option value="na">{t('qa.na')}</option>}
                      </select>
                      <input
                        name="decision-note"
                        aria-label={t('qa.note')}
                        placeholder={t('qa.note')}
                        value={f.note}
                        onChange={(e) => setForm({ ...form, [d.id]: { ...f, note: e.target.value } })}
                      />
                      <button onClick={() => decide(d, 'upheld')}>{t('qa.uphold')}</button>
                      <button className="secondary" onClick={() => decide(d, 'rejected')}>
                        {t('qa.reject')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Page>
  );
}
