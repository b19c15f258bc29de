import type { ReactNode } from 'react';

/**
 * One labelled input of a form, with the server's reason for refusing it shown under it (from
 * `useAction().errorFor(name)`), in the user's language. Every setup screen builds its forms from
 * this, so a label is always visible (phones, screen readers) and an error always sits by its field.
 */
export function Field({ label, error, hint, children, wide }: { label: string; error?: string | null; hint?: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <label className={`field${error ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error ? <span className="field-hint">{hint}</span> : null}
      <FieldError error={error} />
    </label>
  );
}

/**
 * The server's reason under a control whose label is elsewhere (a table's column header, given to the
 * control as its aria-label): the same look as under a `Field`.
 */
export function FieldError({ error }: { error?: string | null }) {
  return error ? (
    <span className="field-error" role="alert">
      {error}
    </span>
  ) : null;
}

/** A row of fields that wraps on a phone. */
export function FieldRow({ children }: { children: ReactNode }) {
  return <div className="field-row">{children}</div>;
}
