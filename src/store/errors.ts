import { conflict } from '../core/errors';

/** SQLite and PostgreSQL name a unique violation differently; both become one domain error. */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string };
  return err?.code === 'SQLITE_CONSTRAINT_UNIQUE' || err?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || err?.code === '23505';
}

/** Runs fn; a unique violation becomes a conflict error that names the field. */
export async function uniqueAs<T>(field: string, message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message, field);
    throw e;
  }
}
