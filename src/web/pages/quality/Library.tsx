import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Page, IdMultiSelect, Raw } from '../../components/ui';
import { hasAny, useMe } from '../../session';
import { Recording } from './shared';

/** Recording library (录音分享): good and instructive calls shared with teams. */
export default function Library() {
  const { t } = useTranslation();
  const me = useMe();
  const canAdd = hasAny(me, ['qa', 'center_manager', 'team_lead']);
  const canRemove = hasAny(me, ['qa', 'center_manager']);
  const list = useEndpoint(contract.quality.library, {});
  // teams are not in the typed contract yet (platform): only id and name are read
  const teams = useEndpoint(contract.platform.teams, canAdd ? {} : null);
  const [f, setF] = useState({ callId: '', tag: 'good' as 'good' | 'instructive', title: '', note: '', teamIds: [] as number[] });
  const { error, run } = useAction();
  return (
    <Page title={t('nav.qaLibrary')}>
      {canAdd && (
        <fieldset className="form-grid">
          <legend>{t('qa.library.add')}</legend>
          <label>
            {t('qa.calibration.callId')}
            <input value={f.callId} onChange={(e) => setF({ ...f, callId: e.target.value })} />
          </label>
          <label>
            {t('qa.library.tag')}
            <select value={f.tag} onChange={(e) => setF({ ...f, tag: e.target.value === 'instructive' ? 'instructive' : 'good' })}>
              <option value="good">{t('qa.library.good')}</option>
              <option value="instructive">{t('qa.library.instructive')}</option>
            </select>
          </label>
          <label>
            {t('qa.library.title')}
            <input value={f.title} onChange={(e) => setF({ ...f, title: e.target.value })} />
          </label>
          <label>
            {t('qa.library.note')}
            <input value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />
          </label>
          <label>
            {t('qa.library.share')}
            <IdMultiSelect
              ids={f.teamIds}
              options={(teams.data ?? []).map((tm) => ({ id: tm.id, label: tm.name }))}
              onChange={(teamIds) => setF({ ...f, teamIds })}
            />
          </label>
          <button
            onClick={() =>
              run(async () => {
                await call(contract.quality.addToLibrary, { body: f });
                await list.reload();
              })
            }
          >
            {t('app.create')}
          </button>
        </fieldset>
      )}
      <ErrorNote error={error ?? list.error} />
      <div className="cards">
        {(list.data ?? []).map((r) => (
          <div className="card" key={r.id}>
            <span className={`badge ${r.tag === 'good' ? 'ok' : 'warn'}`}>{t(`qa.library.${r.tag}`)}</span>
            <h3>{r.title}</h3>
            <p>{r.note}</p>
            <p className="hint">
              {r.agent_name} · <Raw>{r.queue}</Raw> · {r.duration_s}s · {t('qa.library.sharedBy')} {r.shared_by} ·{' '}
              {r.team_ids.length ? '' : t('qa.library.whole')}
            </p>
            <Recording url={r.recording_url} />{' '}
            {canRemove && (
              <button
                className="secondary"
                onClick={() =>
                  run(async () => {
                    await call(contract.quality.removeFromLibrary, { params: { id: r.id } });
                    await list.reload();
                  })
                }
              >
                ✕
              </button>
            )}
          </div>
        ))}
      </div>
    </Page>
  );
}
