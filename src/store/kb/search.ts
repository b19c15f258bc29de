/**
 * KB search on the Kysely store: (re)index an article's passages and find matching article ids,
 * with the SQL of src/store/kbSearchSql.ts (FTS5 on SQLite, tsvector + GIN on PostgreSQL) run
 * through Kysely's raw `sql`. Ranking and highlighting happen in the application (core/kb/rank).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../schema';
import type { Dialect } from '../db';
import { indexArticle } from '../../core/kb/indexing';
import type { Plan } from '../../core/kb/query';
import {
  pgDeleteArticle,
  pgIndexArticle,
  pgLeafCount,
  pgSearch,
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
}

export async function unindexKbArticle(db: Kysely<DB>, dialect: Dialect, articleId: number) {
  const stmts = dialect === 'sqlite' ? sqliteDeleteArticle(String(articleId)) : pgDeleteArticle(String(articleId));
  for (const s of stmts) await rawSql(withIntId(s, articleId)).execute(db);
}

/** The SELECT of matching article ids, as a raw builder usable as a subquery. */
export function matchingIdsSql(dialect: Dialect, plan: Plan): RawBuilder<{ article_id: number }> {
  return rawSql(dialect === 'sqlite' ? sqliteSearch(plan) : pgSearch(plan)) as RawBuilder<{ article_id: number }>;
}

export async function matchingIds(db: Kysely<DB>, dialect: Dialect, plan: Plan): Promise<number[]> {
  const r = await matchingIdsSql(dialect, plan).execute(db);
  return (r.rows as { article_id: number }[]).map((x) => Number(x.article_id));
}

type Leaf = Extract<Plan, { op: 'piece' }>;

/** Passages (of every center) matching one piece, counted up to `upTo`; the index stops reading there. */
export async function leafHitCount(db: Kysely<DB>, dialect: Dialect, leaf: Leaf, upTo: number): Promise<number> {
  const r = await rawSql(dialect === 'sqlite' ? sqliteLeafCount(leaf, upTo) : pgLeafCount(leaf, upTo)).execute(db);
  return Number((r.rows as { n: number | string }[])[0]!.n);
}
