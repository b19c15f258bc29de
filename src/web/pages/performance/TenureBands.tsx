import { useTranslation } from 'react-i18next';
import { Field, FieldRow } from '../../components/form';
import { numberOf, removeAt, replaceAt, textOf } from '../../components/list';

/** A target by tenure (src/core/performance/kpi.ts TenureTarget): from this many months of service on; null = not assessed. */
export interface Band {
  minTenureMonths: number;
  target: number | null;
}

/** The last month a band covers: one before the next band's start, or null when it is open-ended. */
export function bandEnd(bands: readonly Band[], i: number): number | null {
  const from = bands[i]!.minTenureMonths;
  const later = bands.map((b) => b.minTenureMonths).filter((m) => Number.isFinite(m) && m > from);
  return later.length ? Math.min(...later) - 1 : null;
}

/**
 * Edits a KPI's tenure bands as rows (from – to months → target): `to` follows from the next band, an
 * empty target means the KPI is not assessed in that band. The server's refusal of a band (or of the
 * bands together, e.g. no band from month 0) is shown next to it.
 */
export function TenureBands({
  bands,
  onChange,
  path,
  name,
  errorFor,
  errorAt,
}: {
  bands: Band[];
  onChange: (b: Band[]) => void;
  /** the bands' field as the server names it, e.g. `kpis.3.target` */
  path: string;
  name: string;
  errorFor: (p: string) => string | null;
  errorAt: (p: string) => string | null;
}) {
  const { t } = useTranslation();
  const whole = errorAt(path);
  const add = () => {
    const last = bands.reduce((m, b) => (Number.isFinite(b.minTenureMonths) ? Math.max(m, b.minTenureMonths) : m), -12);
    onChange([...bands, { minTenureMonths: last + 12, target: bands[bands.length - 1]?.target ?? null }]);
  };
  return (
    <div className={`tenure-bands${whole ? ' field-invalid' : ''}`} data-testid={`${name}-bands`}>
      {bands.map((b, j) => {
        const end = bandEnd(bands, j);
        return (
          <FieldRow key={j}>
            <Field label={t('setup.kpi.fromMonths')} error={errorFor(`${path}.${j}.minTenureMonths`)}>
              <input
                name={`${name}-band-${j}-from`}
                type="number"
                min={0}
                step={1}
                value={textOf(b.minTenureMonths)}
                onChange={(e) => onChange(replaceAt(bands, j, { ...b, minTenureMonths: numberOf(e.target.value) }))}
                style={{ width: '6rem' }}
              />
            </Field>
            <Field label={t('setup.kpi.toMonths')}>
              <span className="field-value" data-testid={`${name}-band-${j}-to`}>
                {end === null ? t('setup.kpi.andAbove') : t('setup.kpi.months', { n: end })}
              </span>
            </Field>
            <Field label={t('perf.target')} hint={t('setup.kpi.emptyNotAssessed')} error={errorFor(`${path}.${j}.target`)}>
              <input
                name={`${name}-band-${j}-target`}
                type="number"
                step="any"
                placeholder={t('perf.notAssessed')}
                value={textOf(b.target)}
                onChange={(e) => onChange(replaceAt(bands, j, { ...b, target: e.target.value.trim() === '' ? null : numberOf(e.target.value) }))}
                style={{ width: '7rem' }}
              />
            </Field>
            <button className="secondary" name={`${name}-band-${j}-remove`} disabled={bands.length === 1} onClick={() => onChange(removeAt(bands, j))}>
              {t('setup.kpi.removeBand')}
            </button>
          </FieldRow>
        );
      })}
      {whole && (
        <span className="field-error" role="alert" data-testid={`${name}-bands-error`}>
          {whole}
        </span>
      )}
      <button className="secondary" name={`${name}-add-band`} onClick={add}>
        {t('setup.kpi.addBand')}
      </button>
    </div>
  );
}
