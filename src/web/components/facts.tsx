import { useTranslation } from 'react-i18next';
import type { FactFigures, TargetCheck } from '../../contract/facts';
import { fmtDateTime } from '../format';

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
  handled: 'n',
  transferred: 'n',
  complaints: 'n',
  skillLevel: 'n',
  talk: 's',
  hold: 's',
  acw: 's',
  ring: 's',
  aht: 's',
  staffed: 's',
  notReady: 's',
  idle: 's',
  occupancy: 'ratio',
  notReadyShare: 'ratio',
  idleShare: 'ratio',
  transferRate: 'ratio',
  adherence: 'ratio',
  conformance: 'ratio',
  attendance: 'ratio',
  fatalRate: 'ratio',
  nonFatalRate: 'ratio',
  csat: 'ratio',
  answerRate: 'ratio',
  serviceLevel: 'ratio',
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
  const title = computedAt ? `${label} · ${t('facts.page.computedAt')} ${fmtDateTime(computedAt)}` : label;
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
    return (
      <span className="missing" data-reason={fact?.reason ?? ''}>
        {reason}
      </span>
    );
  }
  return <>{fmtFact(name, fact.value)}</>;
}

/** The figures shown per row by default (names: DESIGN.md). */
export const FACT_TILES = ['handled', 'aht', 'occupancy', 'adherence', 'attendance', 'qaScore', 'fatalRate', 'complaints', 'csat'] as const;

/** One row's figures as tiles: value or translated reason, source badge (computedAt on hover), target met or missed. */
export function FactTiles({
  row,
  figures = FACT_TILES,
}: {
  row: Partial<FactFigures> & { targets?: TargetCheck[] };
  figures?: readonly (keyof FactFigures)[];
}) {
  const { t } = useTranslation();
  const targets = new Map<string, TargetCheck>((row.targets ?? []).map((x) => [x.kpi, x]));
  return (
    <div className="fact-tiles">
      {figures.map((k) => {
        const f: FactLike | undefined = row[k];
        const tg = targets.get(k);
        const cls = tg ? (tg.met ? 'ok' : 'bad') : '';
        return (
          <div key={k} className={`fact-tile ${cls}`} data-fact={k} data-met={tg ? String(tg.met) : undefined}>
            <div className="kpi-label">{t(`facts.figures.${k}`)}</div>
            <div className="fact-value">
              <FactValue name={k} fact={f} />
            </div>
            <div className="fact-meta">
              <SourceBadge source={f?.source} computedAt={f?.computedAt} />
              {tg && (
                <span className="hint">
                  {t('facts.page.target')} {tg.direction === 'higher' ? '≥' : '≤'} {fmtFact(k, tg.target)}
                </span>
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
