import { useCallback, useState } from 'react';
import { ApiError } from '../../api';

/** The last failed action's error, kept with the field the API named so it shows next to that input. */
export function useFieldErrors() {
  const [err, setErr] = useState<{ field?: string; message: string } | null>(null);
  const run = useCallback(async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      setErr(null);
      return true;
    } catch (e) {
      setErr({ field: e instanceof ApiError ? e.field : undefined, message: (e as Error).message });
      return false;
    }
  }, []);
  /** the message for a field (exact name, or the field is inside it: `breaks.0.durationMin` matches `breaks[0].durationMin`) */
  const of = (field: string) => (err?.field && norm(err.field) === norm(field) ? err.message : null);
  /** a message no input on the form shows */
  const general = (fields: string[]) => (err && !(err.field && fields.some((f) => norm(f) === norm(err.field!))) ? err.message : null);
  return { err, run, of, general, clear: () => setErr(null) };
}

const norm = (f: string) => f.replace(/^(body|query|params)\./, '').replace(/\[(\d+)\]/g, '.$1');

export function FieldError({ message, field }: { message: string | null; field: string }) {
  return message ? (
    <span className="field-error error" role="alert" data-field={field}>
      {message}
    </span>
  ) : null;
}
