import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import type { ScorecardTemplate } from '../../../contract/qualityTypes';
import { ErrorNote, Page } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { blankTemplate, ScorecardEditor } from './ScorecardEditor';

/** Scorecard templates: every version; QA edits one (or starts a new one) on a form and saves it as the next version. */
export default function Templates() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = hasAny(me, ['qa', 'center_manager']);
  const list = useEndpoint(contract.quality.templates, {});
  const [draft, setDraft] = useState<{ template: ScorecardTemplate; isNew: boolean } | null>(null);
  const act = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const open = (template: ScorecardTemplate, isNew: boolean) => {
    act.clear();
    setSaved(null);
    setDraft({ template: structuredClone(template), isNew });
  };
  const save = (template: ScorecardTemplate) =>
    act.run(async () => {
      const r = await call(contract.quality.saveTemplate, { body: { template } });
      setSaved(`${r.name} v${r.version}`);
      setDraft({ template: r.template, isNew: false });
      await list.reload();
    });
  return (
    <Page
      title={t('nav.qaTemplates')}
      actions={
        canEdit && (
          <button name="new-template" onClick={() => open(blankTemplate(), true)}>
            {t('setup.qa.newTemplate')}
          </button>
        )
      }
    >
      <ErrorNote error={list.error} />
      <table data-testid="templates-table">
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
            <tr key={x.id} data-template={x.key}>
              <td>{x.name}</td>
              <td>
                v{x.version} {x.active && <span className="badge">{t('qa.templates.active')}</span>}
              </td>
              <td>{x.template.sections.map((s) => `${s.label} ${s.weight}`).join(' / ')}</td>
              <td>
                {canEdit && x.active && (
                  <button className="secondary" onClick={() => open(x.template, false)}>
                    {t('app.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && draft && (
        <div className="card">
          <p className="hint">{t('qa.templates.hint')}</p>
          <ScorecardEditor value={draft.template} isNew={draft.isNew} onChange={(template) => setDraft({ ...draft, template })} errors={act} />
          <ErrorNote error={act.errorOutside(['template'])} />
          <div className="form-row">
            <button name="save-template" onClick={() => save(draft.template)}>
              {t('qa.templates.new')}
            </button>
            <button className="secondary" onClick={() => setDraft(null)}>
              {t('app.cancel')}
            </button>
            {saved && (
              <span className="ok" data-testid="template-saved">
                {t('app.saved')}: {saved}
              </span>
            )}
          </div>
        </div>
      )}
    </Page>
  );
}
