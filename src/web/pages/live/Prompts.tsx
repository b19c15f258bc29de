import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { live, post } from '../../api';
import { useApi } from '../../hooks';
import { Page } from '../../components/ui';
import { useMe } from '../../session';

export default function Prompts() {
  const { t } = useTranslation();
  const me = useMe();
  const prompts = useApi<any[]>('/api/prompts?open=1');
  useEffect(() => live([`user:${me.id}`], () => void prompts.reload()), [me.id]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Page title={t('nav.prompts')}>
      <ul className="prompt-list" data-testid="prompts">
        {(prompts.data ?? []).map((p) => (
          <li key={p.id} className="card">
            {p.kind === 'longCall'
              ? t('live.promptLongCall', { name: p.detail.agentName, min: Math.round((p.detail.talkS ?? 0) / 60) })
              : t('live.promptComplaint', { name: p.detail.agentName })}{' '}
            <span className="hint">{new Date(p.created_at).toLocaleTimeString()}</span>{' '}
            <button onClick={() => post(`/api/prompts/${p.id}/done`, {}).then(() => prompts.reload())}>{t('live.done')}</button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
