import { useTranslation } from 'react-i18next';

/** A figure from the facts (GET /api/facts, briefing, post-shift report): value, source, why missing, when computed. */
export interface FactLike {
  value: number | null | unknown;
  source: string;
  reason?: string;
  computedAt?: number;
  num?: number;
  den?: number;
}

/** How a fact is shown: share, seconds or a count (names: DESIGN.md). */
export const FACT_UNITS: Record<string, 'ratio' | 's' | 'n'> = {
  handled: 'n', transferred: 'n', complaints: 'n', skillLevel: 'n',
  talk: 's', hold: 's', acw: 's', ring: 's', aht: 's', staffed: 's', notReady: 's', idle: 's',
  occupancy: 'ratio', notReadyShare: 'ratio', idleShare: 'ratio', transferRate: 'ratio', adherence: 'ratio', conformance: 'ratio',
  attendance: 'ratio', fatalRate: 'ratio', nonFatalRate: 'ratio', csat: 'ratio', answerRate: 'ratio', serviceLevel: 'ratio',
};

export function fmtFact(key: string, v: number): string {
  const u = FACT_UNITS[key] ?? 'n';
  return u === 'ratio' ? `${(v * 100).toFixed(1)}%` : u === 's' ? `${Math.round(v)}s` : String(Math.round(v * 100) / 100);
}

/** The small source badge (telephony / schedule / QA / work orders / survey / people / manual), computedAt on hover. */
export function SourceBadge({ source, computedAt }: { source: string | null | undefined; computedAt?: number }) {
  const { t } = useTranslation();
  if (!source) return null;
  const label = t(`facts.sources.${source}`);
  const title = computedAt ? `${label} · ${t('facts.page.computedAt')} ${new Date(computedAt).toLocaleString()}` : label;
  return (
    <span className={`badge src src-${source}`} data-source={source} title={title} aria-label={title}>
      {label}
    </span>
  );
}

/** A fact's value in its unit, or the translated reason it is missing (never 0, never a code). */
export function FactValue({ name, fact }: { name: string; fact: FactLike | null | undefined }) {
  const { t } = useTranslation();
  if (!fact || typeof fact.value !== 'number') {
    const reason = fact?.reason ? t(`facts.reasons.${fact.reason}`) : t('app.missing');
    return <span className="missing" data-reason={fact?.reason ?? ''}>{reason}</span>;
  }
  return <>{fmtFact(name, fact.value)}</>;
}
