import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useEndpoint } from '../../hooks';
import { contract } from '../../../contract/index';
import { ErrorNote, Loading, Page } from '../../components/ui';
import { fmtDate } from '../../format';

/** One article: the body is HTML sanitised on the server (allowlist), so it is rendered as HTML. */
export function ArticleView({ id, onBack }: { id: number; onBack: () => void }) {
  const { t } = useTranslation();
  const a = useEndpoint(contract.kb.article, { params: { id } });
  const [voted, setVoted] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (a.error) return <ErrorNote error={a.error} />;
  if (!a.data) return <Loading />;
  const d = a.data;
  const vote = async (helpful: boolean) => {
    try {
      await call(contract.kb.vote, { params: { id }, body: { helpful } });
      setVoted(helpful);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Page
      title={d.title}
      actions={
        <button className="secondary" onClick={onBack}>
          {t('app.back')}
        </button>
      }
    >
      <div className="hint">
        {t('kb.views')} {d.views} · {t('kb.updated')} {fmtDate(Number(d.updated_at))} ·{' '}
        {d.tags.map((x) => (
          <span key={x} className="badge" style={{ marginRight: 4 }}>
            {x}
          </span>
        ))}
      </div>
      <article className="card kb-body" data-testid="kb-article-body" dangerouslySetInnerHTML={{ __html: d.body_html }} />
      {d.attachments.length > 0 && (
        <div className="card">
          <strong>{t('kb.attachments')}</strong>
          <ul>
            {d.attachments.map((f) => (
              <li key={f.id}>
                <a href={`/api/kb/attachments/${f.id}`}>{f.filename}</a> <span className="hint">({Math.ceil(f.size / 1024)} KB)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-row" data-testid="kb-vote">
        {voted === null && d.myVote === null ? (
          <>
            <span>{t('kb.helpfulQ')}</span>
            <button onClick={() => void vote(true)}>{t('kb.yes')}</button>
            <button className="secondary" onClick={() => void vote(false)}>
              {t('kb.no')}
            </button>
          </>
        ) : (
          <span className="ok">{t('kb.thanks')}</span>
        )}
      </div>
      <ErrorNote error={error} />
    </Page>
  );
}
