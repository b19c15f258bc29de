import { CompiledQuery, type Kysely } from 'kysely';
import type { Dialect } from '../db';

/**
 * Bulk statements for the hot ingest path: one compiled multi-row statement per chunk, with the
 * placeholder style of each database, kept under SQLite's 32,766 and PostgreSQL's 65,535
 * parameters per statement.
 */
export const MAX_PARAMS = 30_000;

export function placeholders(dialect: Dialect, rows: number, cols: number): string {
  const out: string[] = new Array(rows);
  let n = 1;
  for (let r = 0; r < rows; r++) {
    const p: string[] = new Array(cols);
    for (let c = 0; c < cols; c++) p[c] = dialect === 'postgres' ? `$${n++}` : '?';
    out[r] = `(${p.join(',')})`;
  }
  return out.join(',');
}

/** Runs `head VALUES (...),(...) tail` over rows in chunks; returns the rows any RETURNING gave back. */
export async function insertRows<R = unknown>(
  db: Kysely<any>,
  dialect: Dialect,
  head: string,
  tail: string,
  cols: number,
  rows: readonly unknown[][],
): Promise<R[]> {
  const per = Math.max(1, Math.floor(MAX_PARAMS / cols));
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const params: unknown[] = [];
    for (const r of chunk) for (const v of r) params.push(v);
    const q = CompiledQuery.raw(`${head} values ${placeholders(dialect, chunk.length, cols)} ${tail}`, params);
    const res = await db.executeQuery<R>(q);
    for (const r of res.rows) out.push(r);
  }
  return out;
}

/** `x in (…)` over many values, in chunks; returns all rows. */
export async function selectIn<R>(
  db: Kysely<any>,
  dialect: Dialect,
  build: (inList: string) => string,
  values: readonly unknown[],
  chunkSize = 900,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += chunkSize) {
    const chunk = values.slice(i, i + chunkSize);
    const list = chunk.map((_, j) => (dialect === 'postgres' ? `$${j + 1}` : '?')).join(',');
    const res = await db.executeQuery<R>(CompiledQuery.raw(build(list), [...chunk]));
    for (const r of res.rows) out.push(r);
  }
  return out;
}
