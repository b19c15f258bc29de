import { validationError } from '../core/errors';
import { isPostgresUrl, migrate, openStore, type Store } from '../store/db';
import { resolveCenterId } from '../store/scope';
import type { Actor, ServiceDeps } from '../services/context';

/** --db: a SQLite file path or a postgres:// URL; default DATABASE_URL, else ./data/callfloor.sqlite. */
export function dbTarget(db?: string): string {
  return db ?? process.env.DATABASE_URL ?? './data/callfloor.sqlite';
}

export async function openMigratedStore(db?: string): Promise<Store> {
  const target = dbTarget(db);
  const store = await openStore(isPostgresUrl(target) ? { url: target } : { file: target });
  await migrate(store);
  return store;
}

/** Prints a redacted connection target (no password in logs). */
export function describeTarget(t: string): string {
  return t.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/** `--center <id>` as given: a positive whole number, or undefined when the option was not used. */
export function centerOption(raw: string | undefined, field = '--center'): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n > 0)) throw validationError(field, `expected a center id, got '${raw}'`, { reason: 'center.badId', params: { field } });
  return n;
}

/**
 * The operator at the command line as the service layer sees them: an administrator of one center,
 * the one named by `--center`, else the only center of the database (several: refused naming the option).
 */
export async function cliActor(store: Store, center?: string | number): Promise<Actor> {
  const named = typeof center === 'number' ? center : centerOption(center);
  const centerId = await resolveCenterId(store.db, named, '--center');
  return { userId: null, roles: ['admin'], scope: { kind: 'all', centerId }, agentId: null };
}

/** What a use case reaches from the command line: the store and this machine's clock; no live subscribers. */
export function cliDeps(store: Store): ServiceDeps {
  return { store, now: Date.now };
}
