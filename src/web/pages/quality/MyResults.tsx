import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api';
import { useAction, useEndpoint } from '../../hooks';
import { contract, topicName, topics } from '../../../contract/index';
import { ErrorNote, Page, Raw } from '../../components/ui';
import { useMe } from '../../session';
import { fmtScore, fmtTime, itemLabel, Recording, ResultItems } from './shared';

/** The agent's own QA results, comments and disputes (phone-sized). */
export default function MyResults() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useEndpoint(contract.quality.evaluations, {});
  const [openId, setOpenId] = useState<number | null>(null);
  useEffect(
    () =>
      subscribe([topicName(topics.user, { userId: me.id })], (e) => {
        if (e.kind === 'user' && e.data.type === 'notification') void list.reload();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [me.id],
  );
  return (
    <Page title={t('nav.myQa')}>
      <ErrorNote error={list.error} />
      <div data-testid="my-evaluations">
        {(list.data ?? []).map((e) => (
          <div className="card" key={e.id} data-evaluation={e.id}>
            <div className="form-row" style={{ justifyContent: 'space-between' }}>
              <span>
                {fmtTime(e.call_started_at)} · <Raw>{e.queue}</Raw>
              </span>
              <span className={`kpi ${e.fatal ? 'bad' : ''}`} data-testid="evaluation-score">
                {fmtScore(e.score)}
              </span>
            </div>
            <div className="hint">
              {e.template_name} · {t('qa.evaluator')} {e.evaluator_name}
            </div>
            <button className="secondary" data-opens="evaluation" onClick={() => setOpenId(openId === e.id ? null : e.id)}>
              {t('qa.details')}
            </button>
            {openId === e.id && <Detail id={e.id} onChange={() => list.reload()} />}
          </div>
        ))}
      </div>
    </Page>
  );
}

function Detail({ id, onChange }: { id: number; onChange: () => void }) {
  const { t } = useTranslation();
  const ev = useEndpoint(contract.quality.evaluation, { params: { id } });
  const [item, setItem] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const { error, run } = useAction();
  const d = ev.data;
  if (!d) return <ErrorNote error={ev.error} />;
  const closed = d.disputeDeadline && Date.now() > Date.parse(d.disputeDeadline);
  return (
    <div data-testid="evaluation-detail">
      {d.comment && <p>{d.comment}</p>}
      <p className="hint">
        <Recording url={d.call?.recording_url} /> · {t('qa.deadline')}: {d.disputeDeadline ? fmtTime(Date.parse(d.disputeDeadline)) : '—'}
      </p>
      <ResultItems
        template={d.template}
        result={d.result}
        extra={(itemId) => {
          const disp = d.disputes.find((x) => x.itemId === itemId);
          if (disp) return <span className="badge">{t(`qa.states.${disp.state}`)}</span>;
          return closed ? null : (
            <button className="secondary" onClick={() => setItem(itemId)} data-dispute={itemId}>
              {t('qa.dispute')}
            </button>
          );
        }}
      />
      {item && (
        <div className="form-row">
          <span>{itemLabel(d.template, item)}</span>
          <textarea
            name="dispute-reason"
            aria-label={t('qa.disputeReason')}
            placeholder={t('qa.disputeReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            style={{ flex: 1 }}
          />
          <button
            onClick={() =>
              run(async () => {
                await call(contract.quality.openDispute, { params: { id }, body: { itemId: item, reason } });
                setItem(null);
                setReason('');
                await ev.reload();
                onChange();
              })
            }
          >
            {t('qa.sendDispute')}
          </button>
        </div>
      )}
      {closed && <p className="hint">{t('qa.windowClosed')}</p>}
      <ErrorNote error={error} />
    </div>
  );
}
