import { conflict, DomainError } from '../core/errors';

/** SQLite and PostgreSQL name a unique violation differently; both become one domain error. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === '23505';
}

/** Runs fn; a unique violation becomes a conflict error that names the field. */
export async function uniqueAs<T>(field: string, message: string, fn: () => Promise<T>, value?: string | number): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    // with the value the user typed, the message can name it (employee number N100 is already used)
    if (isUniqueViolation(e))
      throw conflict(message, field, {
        reason: value === undefined ? 'input.conflict' : 'input.duplicate',
        params: value === undefined ? { field } : { field, value },
      });
    throw e;
  }
}

/** PostgreSQL serialization failure / deadlock, SQLite busy or locked: a concurrent writer won. */
export function isConcurrencyFailure(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code === '40001' || code === '40P01' || code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** The column a unique violation is about, read from the driver's message (best effort). */
export function uniqueViolationField(e: unknown): string | undefined {
  const err = e as { detail?: string; message?: string; constraint?: string };
  // PostgreSQL: detail "Key (article_id, version)=(1, 2) already exists."
  const pg = /^Key \(([^)]+)\)=/.exec(err?.detail ?? '');
  if (pg)
    return pg[1]!
      .split(',')
      .map((s) => s.trim())
      .at(-1);
  // SQLite: "UNIQUE constraint failed: kb_versions.article_id, kb_versions.version"
  const lite = /constraint failed: (.+)$/.exec(err?.message ?? '');
  if (lite)
    return lite[1]!
      .split(',')
      .map((s) => s.trim().split('.').at(-1)!)
      .at(-1);
  return err?.constraint;
}

/**
 * A database error that is the client's or a concurrent writer's doing, as a domain error (else null):
 * unique violation and serialization failure / deadlock / busy → 409 `input.conflict`; a NUL byte
 * PostgreSQL cannot store → 400 `input.nulByte`; a date PostgreSQL cannot read → 400 `input.badDate`.
 * The route layer refuses NUL bytes and bad dates first; this is the net behind it.
 */
export function domainErrorOfDb(e: unknown): DomainError | null {
  const code = (e as { code?: string })?.code ?? '';
  if (isUniqueViolation(e)) {
    const field = uniqueViolationField(e) ?? 'record';
    return conflict(`${field}: already exists or was changed by someone else`, field, { reason: 'input.conflict', params: { field } });
  }
  if (isConcurrencyFailure(e))
    return conflict('record: changed by someone else at the same time; reload and try again', 'record', {
      reason: 'input.conflict',
      params: { field: 'record' },
    });
  if (code === '22021' || code === '22P05')
    return new DomainError('input: contains a NUL byte', 'validation', 'input', { reason: 'input.nulByte', params: { field: 'input' } });
  if (code === '22007' || code === '22008')
    return new DomainError('input: not a valid date', 'validation', 'input', { reason: 'input.badDate', params: { field: 'input', value: '' } });
  return null;
}
