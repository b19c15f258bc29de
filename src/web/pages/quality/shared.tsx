import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote, Raw } from '../../components/ui';
import type { Answer, EvaluationScore, ScorecardItem, ScorecardTemplate } from '../../../contract/quality';
import { fmtDateTime } from '../../format';

export type Item = ScorecardItem;
export type Template = ScorecardTemplate;
export type { Answer };

export const fmtScore = (s: number | null | undefined) => (s == null ? '—' : (Math.round(s * 10) / 10).toString());
export const fmtTime = (ms: number) => fmtDateTime(ms);
export const allItems = (t: Template) => t.sections.flatMap((s) => s.items);
/** An item's label from its scorecard; until the scorecard is known (still loading, or gone) its stored id, marked as stored data. */
export const itemLabel = (t: Template | null | undefined, id: string) => {
  const label = t ? allItems(t).find((i) => i.id === id)?.label : undefined;
  return label ?? <Raw>{id}</Raw>;
};

/** The values an evaluator can pick for an item: its options, else whole numbers min…max. */
export function choices(it: Item): { value: number; label: string }[] {
  if (it.options) return it.options;
  const out = [];
  for (let v = it.min; v <= it.max && out.length < 21; v++) out.push({ value: v, label: String(v) });
  return out;
}

/** A scorecard to fill in: one choice per item (N/A where allowed), a comment per item, time spent counted. */
export function EvaluationForm({
  template,
  onSubmit,
  testId = 'evaluation-form',
}: {
  template: Template;
  onSubmit: (a: Answer[], comment: string, timeSpentS: number) => Promise<void>;
  testId?: string;
}) {
  const { t } = useTranslation();
  const started = useRef(Date.now());
  const [vals, setVals] = useState<Record<string, string>>(() => Object.fromEntries(allItems(template).map((i) => [i.id, String(i.max)])));
  const [comments, setComments] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    const h = setInterval(() => setElapsed(Math.round((Date.now() - started.current) / 1000)), 1000);
    return () => clearInterval(h);
  }, []);
  const submit = async () => {
    setBusy(true);
    try {
      const answers = allItems(template).map((i) => ({
        itemId: i.id,
        value: vals[i.id] === 'na' ? null : Number(vals[i.id]),
        ...(comments[i.id] ? { comment: comments[i.id] } : {}),
      }));
      await onSubmit(answers, comment, Math.round((Date.now() - started.current) / 1000));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="card" data-testid={testId}>
      <h3>
        {template.name} · v{template.version}
      </h3>
      {template.sections.map((s) => (
        <div key={s.id}>
          <h4>
            {s.label}{' '}
            <span className="hint">
              ({t('qa.weight')} {s.weight})
            </span>
          </h4>
          {s.items.map((i) => (
            <div className="form-row" key={i.id}>
              <label style={{ minWidth: 180 }}>
                {i.label} {i.fatal && <span className="badge bad">{t('qa.fatal')}</span>}
              </label>
              <select name={`item-${i.id}`} aria-label={i.label} value={vals[i.id]} onChange={(e) => setVals({ ...vals, [i.id]: e.target.value })}>
                {choices(i).map((c) => (
                  <option key={c.value} value={String(c.value)}>
                    {c.label === String(c.value) ? c.label : `${c.value} · ${c.label}`}
                  </option>
                ))}
                {i.naAllowed && <option value="na">{t('qa.na')}</option>}
              </select>
              <input
                name={`comment-${i.id}`}
                aria-label={`${i.label} · ${t('qa.comment')}`}
                placeholder={t('qa.comment')}
                value={comments[i.id] ?? ''}
                onChange={(e) => setComments({ ...comments, [i.id]: e.target.value })}
                style={{ flex: 1, minWidth: 160 }}
              />
            </div>
          ))}
        </div>
      ))}
      <div className="form-row">
        <textarea
          name="overall-comment"
          aria-label={t('qa.overallComment')}
          placeholder={t('qa.overallComment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          style={{ flex: 1 }}
          rows={2}
        />
      </div>
      <div className="form-row">
        <span className="hint">
          {t('qa.timeSpent')}: {elapsed}s
        </span>
        <button disabled={busy} onClick={submit}>
          {t('qa.submit')}
        </button>
      </div>
      <ErrorNote error={error} />
    </div>
  );
}

/** Result per item: value, score, failed, comment. */
export function ResultItems({ template, result, extra }: { template: Template; result: EvaluationScore; extra?: (itemId: string) => React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <table data-testid="result-items">
      <thead>
        <tr>
          <th>{t('qa.item')}</th>
          <th>{t('qa.score')}</th>
          <th>{t('qa.comment')}</th>
          {extra && <th />}
        </tr>
      </thead>
      <tbody>
        {result.items.map((r) => (
          <tr key={r.itemId} data-item={r.itemId}>
            <td>
              {itemLabel(template, r.itemId)} {r.fatal && <span className="badge">{t('qa.fatal')}</span>}
            </td>
            <td className={r.failed ? 'bad' : 'ok'}>{r.na ? t('qa.na') : `${r.value} · ${r.failed ? t('qa.failed') : t('qa.passed')}`}</td>
            <td>{r.comment ?? ''}</td>
            {extra && <td>{extra(r.itemId)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Recording({ url }: { url: string | null | undefined }) {
  const { t } = useTranslation();
  return url ? (
    <a href={url} target="_blank" rel="noreferrer noopener">
      {t('qa.listen')}
    </a>
  ) : (
    <span className="missing">—</span>
  );
}
