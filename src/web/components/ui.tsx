import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page">
      <header className="page-head">
        <h1>{title}</h1>
        <div className="page-actions">{actions}</div>
      </header>
      {children}
    </section>
  );
}

export function ErrorNote({ error }: { error: string | null | undefined }) {
  return error ? (
    <div className="error" role="alert">
      {error}
    </div>
  ) : null;
}

/** A figure that may be missing: shown as "missing", never as zero. */
export function Figure({ value, format }: { value: number | null | undefined; format?: (n: number) => string }) {
  const { t } = useTranslation();
  if (value == null || Number.isNaN(value)) return <span className="missing">{t('app.missing')}</span>;
  return <>{format ? format(value) : String(value)}</>;
}

/**
 * Data shown as stored: an identifier from the PBX or a file (queue, call id), a sign-in name. Not
 * translated by the browser, not converted between scripts, and not checked as screen language.
 */
export const Raw = ({ children, className }: { children: ReactNode; className?: string }) => (
  <span translate="no" className={className}>
    {children}
  </span>
);

export const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

export function Loading() {
  const { t } = useTranslation();
  return <div className="loading">{t('app.loading')}</div>;
}

/** A multi-select of ids (teams, evaluators…): value and onChange speak numbers; the labels are stored names. */
export function IdMultiSelect({ ids, options, onChange }: { ids: number[]; options: { id: number; label: string }[]; onChange: (ids: number[]) => void }) {
  return (
    <select multiple value={ids.map(String)} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => Number(o.value)))}>
      {options.map((o) => (
        <option key={o.id} value={o.id} translate="no">
          {o.label}
        </option>
      ))}
    </select>
  );
}
