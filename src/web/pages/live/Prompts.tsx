import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract, topics } from '../../../contract/index';
import { topicName } from '../../../contract/endpoint';
import { Page } from '../../components/ui';
import { useMe } from '../../session';
import { fmtClockSec } from '../../format';

export default function Prompts() {
  const { t } = useTranslation();
  const me = useMe();
  const prompts = useEndpoint(contract.live.prompts, { query: { open: '1' } });
  useEffect(
    () => subscribe([topicName(topics.user, { userId: me.id })], (e) => void (e.kind === 'user' && e.data.type === 'prompt' && prompts.reload())),
    [me.id],
  ); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Page title={t('nav.prompts')}>
      <ul className="prompt-list" data-testid="prompts">
        {(prompts.data ?? []).map((p) => (
          <li key={p.id} className="card">
            {p.kind === 'longCall'
              ? t('live.promptLongCall', { name: p.detail.agentName, min: Math.round((p.detail.talkS ?? 0) / 60) })
              : t('live.promptComplaint', { name: p.detail.agentName })}{' '}
            <span className="hint">{fmtClockSec(p.created_at)}</span>{' '}
            <button onClick={() => call(contract.live.promptDone, { params: { id: p.id }, body: {} }).then(() => prompts.reload())}>{t('live.done')}</button>
          </li>
        ))}
      </ul>
    </Page>
  );
}
