import { isPostgresUrl, migrate, openStore, type Store } from '../store/db';

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
