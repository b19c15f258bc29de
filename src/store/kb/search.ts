/**
 * KB search on the Kysely store: (re)index an article's passages and find matching article ids,
 * with the SQL of src/store/kbSearchSql.ts (FTS5 on SQLite, tsvector + GIN on PostgreSQL) run
 * through Kysely's raw `sql`. Ranking and highlighting happen in the application (core/kb/rank).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';
import type { Dialect } from '../db';
import { indexArticle } from '../../core/kb/indexing';
import { fts5Quote, type Plan } from '../../core/kb/query';
import {
  pgDeleteArticle,
  pgIndexArticle,
  pgSearch,
  pgTermFreq,
  pgTermFreqCompact,
  sqliteDeleteArticle,
  sqliteIndexArticle,
  sqliteLeafCount,
  sqliteSearch,
  type SqlText,
} from '../kbSearchSql';

/** SQL text with ? (SQLite) or $n (PostgreSQL) placeholders → a Kysely raw builder with bound values. */
export function rawSql(t: SqlText): RawBuilder<unknown> {
  const parts = t.sql.split(/(\?|\$\d+)/);
  const strings: string[] = [];
  const values: unknown[] = [];
  let i = 0;
  let cur = '';
  for (const p of parts) {
    if (p === '?') values.push(t.params[i++]);
    else if (/^\$\d+$/.test(p)) values.push(t.params[Number(p.slice(1)) - 1]);
    else {
      cur += p;
      continue;
    }
    strings.push(cur);
    cur = '';
  }
  strings.push(cur);
  return sql(Object.assign([...strings], { raw: strings }) as unknown as TemplateStringsArray, ...values);
}

/** kbSearchSql takes string ids; our article_id columns are integers. */
const withIntId = (s: SqlText, id: number): SqlText => ({ ...s, params: s.params.map((p) => (p === String(id) ? id : p)) });

export async function indexKbArticle(db: Kysely<DB>, dialect: Dialect, articleId: number, title: string, bodyText: string) {
  const passages = indexArticle(title, bodyText);
  const stmts = dialect === 'sqlite' ? sqliteIndexArticle(String(articleId), passages) : pgIndexArticle(String(articleId), passages);
  for (const s of stmts) await rawSql(withIntId(s, articleId)).execute(db);
  if (dialect === 'postgres') await foldTermCountsNowAndThen(db);
}

export async function unindexKbArticle(db: Kysely<DB>, dialect: Dialect, articleId: number) {
  const stmts = dialect === 'sqlite' ? sqliteDeleteArticle(String(articleId)) : pgDeleteArticle(String(articleId));
  for (const s of stmts) await rawSql(withIntId(s, articleId)).execute(db);
  if (dialect === 'postgres') await foldTermCountsNowAndThen(db);
}

/**
 * Every FOLD_EVERY articles (re)indexed by this process, their appended lexeme counts are folded into the totals
 * (pgTermFreqCompact), in the indexing transaction: the readers' sum stays short, and a common lexeme's total is
 * updated once per fold rather than once per article.
 */
export const FOLD_EVERY = 200;
let indexedSinceFold = 0;
async function foldTermCountsNowAndThen(db: Kysely<DB>) {
  if (++indexedSinceFold < FOLD_EVERY) return;
  indexedSinceFold = 0;
  await foldTermCounts(db);
}
export async function foldTermCounts(db: Kysely<DB>) {
  await rawSql(pgTermFreqCompact()).execute(db);
}

/** The SELECT of matching article ids, as a raw builder usable as a subquery. */
export function matchingIdsSql(dialect: Dialect, plan: Plan): RawBuilder<{ article_id: number }> {
  return rawSql(dialect === 'sqlite' ? sqliteSearch(plan) : pgSearch(plan)) as RawBuilder<{ article_id: number }>;
}

export async function matchingIds(db: Kysely<DB>, dialect: Dialect, plan: Plan): Promise<number[]> {
  const r = await matchingIdsSql(dialect, plan).execute(db);
  return (r.rows as { article_id: number }[]).map((x) => Number(x.article_id));
}

/** One lexeme of the index: a character or word (uni) or a bigram (bi), as the core's query pieces name them. */
export interface TermKey {
  table: 'uni' | 'bi';
  term: string;
}

/**
 * PostgreSQL's kept counts change only by indexing, and they only steer how a search is run (both ways give the
 * same answer), so a process keeps them for TERM_COUNT_CACHE_MS: a warm search-as-you-type is then one round trip.
 */
export const TERM_COUNT_CACHE_MS = 30_000;
const TERM_COUNT_CACHE_MAX = 50_000;
const termCounts = new WeakMap<object, Map<string, { n: number; at: number }>>();

/** Forgets the kept counts of `db`'s store (the benchmark measures a search whose terms are not yet known). */
export function forgetTermCounts(db: Kysely<DB>) {
  termCounts.delete(db);
}

/**
 * Passages (of every center) holding each lexeme, capped at `upTo` on SQLite (FTS5 counts until the cap), exact on
 * PostgreSQL (kept at indexing time, see pgTermFreq). Keyed `table:term`.
 */
export async function termPassageCounts(db: Kysely<DB>, dialect: Dialect, keys: TermKey[], upTo: number): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const keyOf = (k: TermKey) => `${k.table}:${k.term}`;
  if (dialect === 'sqlite') {
    await Promise.all(
      keys.map(async (k) => {
        const r = await rawSql(sqliteLeafCount(k.table, fts5Quote(k.term), upTo)).execute(db);
        out.set(keyOf(k), Number((r.rows as { n: number }[])[0]!.n));
      }),
    );
    return out;
  }
  let cache = termCounts.get(db);
  if (!cache) termCounts.set(db, (cache = new Map()));
  const now = performance.now();
  const missing: TermKey[] = [];
  for (const k of keys) {
    const hit = cache.get(keyOf(k));
    if (hit && now - hit.at < TERM_COUNT_CACHE_MS) out.set(keyOf(k), hit.n);
    else missing.push(k);
  }
  if (missing.length) {
    const r = await rawSql(pgTermFreq(missing)).execute(db);
    const found = new Map((r.rows as { tbl: string; term: string; n: string | number }[]).map((x) => [`${x.tbl}:${x.term}`, Number(x.n)]));
    if (cache.size > TERM_COUNT_CACHE_MAX) cache.clear();
    for (const k of missing) {
      const n = found.get(keyOf(k)) ?? 0;
      out.set(keyOf(k), n);
      cache.set(keyOf(k), { n, at: now });
    }
  }
  return out;
}
