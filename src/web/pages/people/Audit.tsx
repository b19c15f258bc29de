import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { MACHINES } from '../../../core/workorders/machines';
import { Field, FieldRow } from '../../components/form';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { fmtDateTime, fromCenterInput } from '../../format';
import { AUDIT_ACTIONS } from '../../i18n/audit';
import { auditActionWords, auditEntityWords } from './auditWords';

const LIMIT = 300;
/** Every action code the page can filter by: the worded ones and each work-order step. */
const ACTION_CODES = [...new Set([...Object.keys(AUDIT_ACTIONS), ...Object.values(MACHINES).flatMap((m) => m.transitions.map((x) => `wo.${x.name}`))])];
/** A calendar day (yyyy-mm-dd) of the center as epoch ms at its start. */
const dayStart = (d: string) => fromCenterInput(d);

/** Who changed what: the newest entries, who by name and login, the action and the record in words. */
export default function Audit() {
  const { t, i18n } = useTranslation();
  const [action, setAction] = useState('');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const query = {
    limit: LIMIT,
    ...(action ? { action } : {}),
    ...(userId ? { userId: Number(userId) } : {}),
    ...(from ? { from: dayStart(from) } : {}),
    ...(to ? { to: dayStart(to) + 86_400_000 } : {}),
  };
  const log = useEndpoint(contract.platform.audit, { query });
  const rows = log.data ?? [];

  // the labels are in the page's language: sorted again when it changes
  const lang = i18n.language;
  const actionOptions = useMemo(
    () => ACTION_CODES.map((code) => ({ code, label: auditActionWords(i18n, code) ?? code })).sort((a, b) => a.label.localeCompare(b.label, lang)),
    [i18n, lang],
  );
  // the people in the entries shown (and the one picked): the filter needs no user list the caller may not read
  const seen = useRef(new Map<number, string>());
  for (const r of rows) if (r.user_id != null && !seen.current.has(r.user_id)) seen.current.set(r.user_id, r.user_name ?? `#${r.user_id}`);
  const people = seen.current;

  return (
    <Page title={t('nav.audit')}>
      <FieldRow>
        <Field label={t('people.action')}>
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.all')}</option>
            {actionOptions.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('people.who')}>
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">{t('audit.all')}</option>
            {[...people].map(([id, name]) => (
              <option key={id} value={id} translate="no">
                {name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('audit.from')}>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label={t('audit.to')}>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </Field>
      </FieldRow>
      <ErrorNote error={log.error} />
      {log.data && !rows.length ? <p className="hint">{t('audit.empty')}</p> : null}
      {rows.length ? (
        <table className="audit-log">
          <thead>
            <tr>
              <th>{t('people.when')}</th>
              <th>{t('people.who')}</th>
              <th>{t('people.action')}</th>
              <th>{t('people.entity')}</th>
              <th>{t('people.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const act = auditActionWords(i18n, r.action);
              const ent = auditEntityWords(i18n, r.entity);
              return (
                <tr key={r.id} data-action={r.action}>
                  <td>{fmtDateTime(r.at)}</td>
                  <td>
                    {r.user_id == null ? (
                      t('audit.commandLine')
                    ) : (
                      <>
                        <Raw>{r.user_name ?? `#${r.user_id}`}</Raw>
                        {r.username ? (
                          <>
                            {' '}
                            <Raw className="hint">({r.username})</Raw>
                          </>
                        ) : null}
                      </>
                    )}
                  </td>
                  <td>
                    {act ?? (
                      <>
                        {t('audit.otherAction')} <Raw className="hint">{r.action}</Raw>
                      </>
                    )}
                  </td>
                  <td>
                    {ent ?? (
                      <>
                        {t('audit.otherEntity')} <Raw className="hint">{r.entity}</Raw>
                      </>
                    )}
                    {r.entity_id != null ? (
                      <>
                        {' '}
                        <Raw>#{r.entity_id}</Raw>
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Raw>
                      <code>{r.detail}</code>
                    </Raw>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {rows.length === LIMIT ? <p className="hint">{t('audit.shown', { n: LIMIT })}</p> : null}
    </Page>
  );
}
