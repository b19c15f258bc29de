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

/** An agent as a picker lists it: the id and the stored words shown for it (name, with the employee number where known). */
export interface AgentOption {
  id: number;
  label: string;
}

/** Agents as picker options: their names, or with `employeeNo` "employee number name". */
export const agentOptions = (
  agents: { id: number; name: string; employee_no?: string }[] | null | undefined,
  o: { employeeNo?: boolean } = {},
): AgentOption[] => (agents ?? []).map((a) => ({ id: a.id, label: o.employeeNo ? `${a.employee_no ?? ''} ${a.name}` : a.name }));

/**
 * A pick of one agent. Value and onChange speak the form's own type: a number form's "none" is 0, a text
 * form's ''; `none` (words, or '—') adds that first option. The agents' labels are stored names.
 */
export function AgentSelect<V extends number | string>({
  value,
  options,
  onChange,
  none,
  name,
  testId,
  label,
}: {
  value: V;
  options: AgentOption[];
  onChange: (id: V) => void;
  none?: string;
  name?: string;
  testId?: string;
  /** aria-label, where no field label names it */
  label?: string;
}) {
  const numeric = typeof value === 'number';
  return (
    <select
      name={name}
      aria-label={label}
      data-testid={testId}
      value={value}
      onChange={(e) => onChange((numeric ? Number(e.target.value) : e.target.value) as V)}
    >
      {none !== undefined && <option value={numeric ? 0 : ''}>{none}</option>}
      {options.map((o) => (
        <option key={o.id} value={o.id} translate="no">
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** What a part waiting for its data shows: the loader's error if it failed, else "loading". */
export const Waiting = ({ error }: { error: string | null }) => (error ? <ErrorNote error={error} /> : <Loading />);
