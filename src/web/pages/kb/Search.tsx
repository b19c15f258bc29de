import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { contract } from '../../../contract/index';
import type { SearchResult } from '../../../contract/kb';
import { ErrorNote, Page } from '../../components/ui';
import { Highlight, hashParam } from './Highlight';
import { ArticleView } from './Article';

type Result = SearchResult;

/** Search-as-you-type (not logged); Enter runs the full, logged search. `?article=ID` shows an article. */
export default function Search() {
  const { t } = useTranslation();
  const [q, setQ] = useState(() => hashParam('q') ?? '');
  const [res, setRes] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [articleId, setArticleId] = useState(() => Number(hashParam('article')) || null);
  const seq = useRef(0);

  useEffect(() => {
    const on = () => setArticleId(Number(hashParam('article')) || null);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);

  const run = async (text: string, full: boolean) => {
    const my = ++seq.current;
    if (!text.trim()) {
      setRes(null);
      setError(null);
      return;
    }
    try {
      const r = await call(full ? contract.kb.search : contract.kb.suggest, { query: { q: text } });
      if (my === seq.current) {
        setRes(r);
        setError(null);
      }
    } catch (e) {
      if (my === seq.current) {
        setRes(null);
        setError((e as Error).message);
      }
    }
  };
  useEffect(() => {
    const h = setTimeout(() => void run(q, false), 120);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);

  if (articleId) return <ArticleView id={articleId} onBack={() => (location.hash = `#/kb/search?q=${encodeURIComponent(q)}`)} />;

  return (
    <Page title={t('nav.kbSearch')}>
      <input
        className="kb-search"
        type="search"
        aria-label={t('app.search')}
        placeholder={t('kb.searchPlaceholder')}
        value={q}
        autoFocus
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void run(q, true);
        }}
        style={{ width: '100%', maxWidth: 640, fontSize: 16, padding: '8px 12px' }}
      />
      <ErrorNote error={error} />
      {res && (
        <div data-testid="kb-results">
          <p className="hint">{res.total === 0 ? t('kb.noResult') : res.more ? t('kb.resultsMore', { n: res.total }) : t('kb.results', { n: res.total })}</p>
          {res.hits.map((h) => (
            <a
              key={h.id}
              className="card kb-hit"
              data-opens="kb-article"
              href={`#/kb/search?q=${encodeURIComponent(q)}&article=${h.id}`}
              style={{ display: 'block', color: 'inherit', textDecoration: 'none' }}
            >
              <div style={{ fontWeight: 600 }} data-testid="kb-hit-title">
                <Highlight segments={h.title} />
              </div>
              <div className="hint" style={{ fontSize: 13 }}>
                <Highlight {...h.snippet} />
              </div>
            </a>
          ))}
        </div>
      )}
    </Page>
  );
}
