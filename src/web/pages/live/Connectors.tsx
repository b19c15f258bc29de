import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type CallArgs } from '../../api';
import { useEndpoint, useStoredForm } from '../../hooks';
import { contract } from '../../../contract/index';
import type { ResponseOf } from '../../../contract/endpoint';

type Settings = ResponseOf<typeof contract.connectors.saveSettings>;
type SettingsBody = NonNullable<CallArgs<typeof contract.connectors.saveSettings>[0]>['body'];
import { ErrorNote, Page, Waiting } from '../../components/ui';

/** Connector configuration (admin only). Secrets are write-only: the form starts empty and empty keeps the stored one. */
type Form = {
  ami: { enabled: boolean; host: string; port: string; username: string; secret: string; interfaceTemplate: string; secretSet: boolean };
  esl: { enabled: boolean; host: string; port: string; secret: string; agentTemplate: string; secretSet: boolean };
  webhook: { enabled: boolean; secret: string; toleranceS: string; mapping: string; secretSet: boolean };
};

function toForm(d: Settings): Form {
  return {
    ami: {
      enabled: !!d.ami?.enabled,
      host: d.ami?.host ?? '',
      port: String(d.ami?.port ?? 5038),
      username: d.ami?.username ?? '',
      secret: '',
      interfaceTemplate: d.ami?.interfaceTemplate ?? '',
      secretSet: !!d.ami?.secretSet,
    },
    esl: {
      enabled: !!d.esl?.enabled,
      host: d.esl?.host ?? '',
      port: String(d.esl?.port ?? 8021),
      secret: '',
      agentTemplate: d.esl?.agentTemplate ?? '',
      secretSet: !!d.esl?.secretSet,
    },
    webhook: {
      enabled: !!d.webhook?.enabled,
      secret: '',
      toleranceS: String(d.webhook?.toleranceS ?? 300),
      mapping: d.webhook?.mapping ? JSON.stringify(d.webhook.mapping, null, 2) : '',
      secretSet: !!d.webhook?.secretSet,
    },
  };
}

export default function Connectors() {
  const { t } = useTranslation();
  const data = useEndpoint(contract.connectors.settings, {});
  // the forms wait for the stored settings: a value typed before they arrive would be overwritten
  const [form, setForm] = useStoredForm(data.data, toForm);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!form)
    return (
      <Page title={t('conn.nav')}>
        <Waiting error={data.error} />
      </Page>
    );

  const save = async (kind: keyof Form) => {
    setSaved(null);
    try {
      let body: SettingsBody;
      if (kind === 'ami') {
        const a = form.ami;
        body = {
          ami: {
            enabled: a.enabled,
            host: a.host,
            port: Number(a.port),
            username: a.username,
            ...(a.secret ? { secret: a.secret } : {}),
            ...(a.interfaceTemplate ? { interfaceTemplate: a.interfaceTemplate } : {}),
          },
        };
      } else if (kind === 'esl') {
        const e = form.esl;
        body = {
          esl: {
            enabled: e.enabled,
            host: e.host,
            port: Number(e.port),
            ...(e.secret ? { secret: e.secret } : {}),
            ...(e.agentTemplate ? { agentTemplate: e.agentTemplate } : {}),
          },
        };
      } else {
        const w = form.webhook;
        let mapping: NonNullable<SettingsBody['webhook']>['mapping'];
        try {
          mapping = JSON.parse(w.mapping);
        } catch {
          setError(t('conn.badJson'));
          return;
        }
        // the mapping is checked by the server (a bad one is named by field)
        body = { webhook: { enabled: w.enabled, toleranceS: Number(w.toleranceS), mapping, ...(w.secret ? { secret: w.secret } : {}) } };
      }
      const r = await call(contract.connectors.saveSettings, { body });
      setForm(toForm(r));
      setError(null);
      setSaved(kind);
      await data.reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const set = <K extends keyof Form>(kind: K, patch: Partial<Form[K]>) => setForm({ ...form, [kind]: { ...form[kind], ...patch } });
  const secretHint = (s: boolean) => (s ? t('conn.secretSet') : t('conn.secretUnset'));
  const status = data.data?.status ?? [];

  return (
    <Page title={t('conn.nav')}>
      <p className="hint">{t('conn.intro')}</p>
      <ErrorNote error={error ?? data.error} />
      {status.length > 0 && (
        <table data-testid="connector-status">
          <thead>
            <tr>
              <th>{t('conn.status')}</th>
              <th>{t('conn.connects')}</th>
              <th>{t('conn.events')}</th>
              <th>{t('conn.malformed')}</th>
              <th>{t('conn.unknown')}</th>
              <th>{t('conn.lastError')}</th>
            </tr>
          </thead>
          <tbody>
            {status.map((s) => (
              <tr key={s.kind}>
                <td>
                  {t(`conn.${s.kind}`)} · {t(`conn.state.${s.state}`)}
                </td>
                <td>{s.connects}</td>
                <td>{s.events}</td>
                <td>{s.malformed}</td>
                <td>
                  {Object.entries(s.unknown ?? {})
                    .map(([k, n]) => `${k} ×${n}`)
                    .join(', ')}
                </td>
                <td>{s.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section className="card" data-testid="conn-ami">
        <h3>{t('conn.ami')}</h3>
        <div className="form-row">
          <label>
            <input type="checkbox" checked={form.ami.enabled} onChange={(e) => set('ami', { enabled: e.target.checked })} /> {t('conn.enabled')}
          </label>
          <input aria-label={t('conn.host')} placeholder={t('conn.host')} value={form.ami.host} onChange={(e) => set('ami', { host: e.target.value })} />
          <input
            aria-label={t('conn.port')}
            placeholder={t('conn.port')}
            value={form.ami.port}
            onChange={(e) => set('ami', { port: e.target.value })}
            size={6}
          />
          <input
            aria-label={t('conn.username')}
            placeholder={t('conn.username')}
            value={form.ami.username}
            onChange={(e) => set('ami', { username: e.target.value })}
          />
          <input
            type="password"
            autoComplete="new-password"
            aria-label={t('conn.secret')}
            placeholder={secretHint(form.ami.secretSet)}
            value={form.ami.secret}
            onChange={(e) => set('ami', { secret: e.target.value })}
          />
          <input
            aria-label={t('conn.interfaceTemplate')}
            translate="no"
            placeholder="PJSIP/{code}"
            value={form.ami.interfaceTemplate}
            onChange={(e) => set('ami', { interfaceTemplate: e.target.value })}
          />
          <button onClick={() => save('ami')}>{t('conn.save')}</button>
          {saved === 'ami' && <span className="hint">{t('conn.saved')}</span>}
        </div>
      </section>

      <section className="card" data-testid="conn-esl">
        <h3>{t('conn.esl')}</h3>
        <div className="form-row">
          <label>
            <input type="checkbox" checked={form.esl.enabled} onChange={(e) => set('esl', { enabled: e.target.checked })} /> {t('conn.enabled')}
          </label>
          <input aria-label={t('conn.host')} placeholder={t('conn.host')} value={form.esl.host} onChange={(e) => set('esl', { host: e.target.value })} />
          <input
            aria-label={t('conn.port')}
            placeholder={t('conn.port')}
            value={form.esl.port}
            onChange={(e) => set('esl', { port: e.target.value })}
            size={6}
          />
          <input
            type="password"
            autoComplete="new-password"
            aria-label={t('conn.secret')}
            placeholder={secretHint(form.esl.secretSet)}
            value={form.esl.secret}
            onChange={(e) => set('esl', { secret: e.target.value })}
          />
          <input
            aria-label={t('conn.agentTemplate')}
            translate="no"
            placeholder="{code}@default"
            value={form.esl.agentTemplate}
            onChange={(e) => set('esl', { agentTemplate: e.target.value })}
          />
          <button onClick={() => save('esl')}>{t('conn.save')}</button>
          {saved === 'esl' && <span className="hint">{t('conn.saved')}</span>}
        </div>
      </section>

      <section className="card" data-testid="conn-webhook">
        <h3>{t('conn.webhook')}</h3>
        {data.data?.centerId && (
          <p className="hint">
            {t('conn.webhookUrl')}: <code>{`${location.origin}/api/connectors/webhook/${data.data.centerId}`}</code>
          </p>
        )}
        <div className="form-row">
          <label>
            <input type="checkbox" checked={form.webhook.enabled} onChange={(e) => set('webhook', { enabled: e.target.checked })} /> {t('conn.enabled')}
          </label>
          <input
            type="password"
            autoComplete="new-password"
            aria-label={t('conn.secret')}
            placeholder={secretHint(form.webhook.secretSet)}
            value={form.webhook.secret}
            onChange={(e) => set('webhook', { secret: e.target.value })}
          />
          <label>
            {t('conn.toleranceS')}{' '}
            <input
              aria-label={t('conn.toleranceS')}
              value={form.webhook.toleranceS}
              onChange={(e) => set('webhook', { toleranceS: e.target.value })}
              size={6}
            />
          </label>
          <button type="button" onClick={() => set('webhook', { mapping: JSON.stringify(data.data?.examples?.webhookMapping?.aliyunCcc ?? {}, null, 2) })}>
            {t('conn.useExample')}
          </button>
        </div>
        <label>
          {t('conn.mapping')}
          <textarea
            aria-label={t('conn.mapping')}
            rows={12}
            style={{ width: '100%', fontFamily: 'monospace' }}
            value={form.webhook.mapping}
            onChange={(e) => set('webhook', { mapping: e.target.value })}
          />
        </label>
        <div className="form-row">
          <button onClick={() => save('webhook')}>{t('conn.save')}</button>
          {saved === 'webhook' && <span className="hint">{t('conn.saved')}</span>}
        </div>
      </section>
    </Page>
  );
}
