import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';

/** Scorecard templates: every version; a new version is saved from JSON, weights checked by the server. */
export default function Templates() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['qa', 'center_manager']);
  const list = useEndpoint(contract.quality.templates, {});
  const [text, setText] = useState('');
  const { error, run } = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Page title={t('nav.qaTemplates')}>
      <table>
        <thead>
          <tr>
            <th>{t('qa.template')}</th>
            <th>{t('qa.version')}</th>
            <th>{t('qa.section')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(list.data ?? []).map((x) => (
            <tr key={x.id}>
              <td>
                {x.name} <code>{x.key}</code>
              </td>
              <td>
                v{x.version} {x.active && <span className="badge">{t('qa.templates.active')}</span>}
              </td>
              <td>{x.template.sections.map((s) => `${s.label} ${s.weight}`).join(' / ')}</td>
              <td>
                {canEdit && (
                  <button className="secondary" onClick={() => setText(JSON.stringify(x.template, null, 2))}>
                    {t('app.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="card">
          <p className="hint">{t('qa.templates.hint')}</p>
          <textarea
            aria-label={t('qa.templates.json')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={18}
            style={{ width: '100%' }}
            className="mono"
          />
          <button
            onClick={() =>
              run(async () => {
                const r = await call(contract.quality.saveTemplate, { body: { template: JSON.parse(text) } });
                setSaved(`${r.name} v${r.version}`);
                await list.reload();
              })
            }
          >
            {t('qa.templates.new')}
          </button>
          {saved && (
            <span className="ok">
              {' '}
              {t('app.saved')}: {saved}
            </span>
          )}
          <ErrorNote error={error} />
        </div>
      )}
    </Page>
  );
}
