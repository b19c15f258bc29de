import { useId, type ReactNode } from 'react';

/**
 * One labelled input of a form, with the server's reason for refusing it shown under it (from
 * `useAction().errorFor(name)`), in the user's language. Every setup screen builds its forms from
 * this, so a label is always visible (phones, screen readers) and an error always sits by its field.
 */
export function Field({
  label,
  error,
  hint,
  children,
  wide,
  group,
}: {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /**
   * The field is more than one control (a rich-text box with its toolbar, a set of checkboxes): a group
   * named by the label instead of a <label>, which would pass its clicks to the first button inside.
   */
  group?: boolean;
}) {
  const id = useId();
  const cls = `field${error ? ' field-invalid' : ''}${wide ? ' field-wide' : ''}`;
  const inner = (
    <>
      <span className="field-label" id={group ? id : undefined}>
        {label}
      </span>
      {children}
      {hint && !error ? <span className="field-hint">{hint}</span> : null}
      <FieldError error={error} />
    </>
  );
  return group ? (
    <div className={cls} role="group" aria-labelledby={id}>
      {inner}
    </div>
  ) : (
    <label className={cls}>{inner}</label>
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
