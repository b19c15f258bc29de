/**
 * KB search SQL for SQLite (FTS5) and PostgreSQL (tsvector + GIN), as plain SQL text +
 * parameters so it can move onto Kysely (`sql.raw` / `sql` templates) without changing shape.
 *
 * Tables (names are parameters; defaults below):
 *   kb_passage(id, article_id, seq)            -- one row per indexed passage
 *   SQLite: kb_uni, kb_bi                      -- contentless FTS5, rowid = kb_passage.id
 *   PostgreSQL: kb_passage.uni, kb_passage.bi  -- tsvector columns ('simple' lexemes), GIN
 * The core (src/core/kb) makes the token texts / tsvector literals and the query plan; this
 * module only turns them into SQL. Search returns matching article ids; the application ranks.
 */
import type { IndexedPassage } from '../core/kb/indexing';
import type { Plan } from '../core/kb/query';

export interface SqlText {
  sql: string;
  params: unknown[];
}

export interface KbTables {
  passage: string;
  uni: string;
  bi: string;
  /** PostgreSQL: passages per lexeme, and the counts appended since the last fold (see pgTermFreqDelta) */
  freq: string;
  freqDelta: string;
}
export const KB_TABLES: KbTables = { passage: 'kb_passage', uni: 'kb_uni', bi: 'kb_bi', freq: 'kb_term_freq', freqDelta: 'kb_term_freq_delta' };

// ---------------------------------------------------------------------------------------------
// SQLite

export function sqliteSchema(t: KbTables = KB_TABLES): string[] {
  const fts = (name: string, detail: string) =>
    `CREATE VIRTUAL TABLE ${name} USING fts5(t, content='', contentless_delete=1${detail}, tokenize='unicode61 remove_diacritics 0')`;
  return [
    `CREATE TABLE ${t.passage} (id INTEGER PRIMARY KEY, article_id TEXT NOT NULL, seq INTEGER NOT NULL, UNIQUE (article_id, seq))`,
    fts(t.uni, ', detail=none'),
    fts(t.bi, ''),
  ];
}

/** Statements to (re)index one article; run them in one transaction. */
export function sqliteIndexArticle(articleId: string, passages: IndexedPassage[], t: KbTables = KB_TABLES): SqlText[] {
  const out: SqlText[] = [...sqliteDeleteArticle(articleId, t)];
  for (const p of passages) {
    out.push({ sql: `INSERT INTO ${t.passage} (article_id, seq) VALUES (?, ?)`, params: [articleId, p.seq] });
    const idOf = `(SELECT id FROM ${t.passage} WHERE article_id = ? AND seq = ?)`;
    out.push({ sql: `INSERT INTO ${t.uni} (rowid, t) VALUES (${idOf}, ?)`, params: [articleId, p.seq, p.fts5Uni] });
    out.push({ sql: `INSERT INTO ${t.bi} (rowid, t) VALUES (${idOf}, ?)`, params: [articleId, p.seq, p.fts5Bi] });
  }
  return out;
}

export function sqliteDeleteArticle(articleId: string, t: KbTables = KB_TABLES): SqlText[] {
  const ids = `(SELECT id FROM ${t.passage} WHERE article_id = ?)`;
  return [
    { sql: `DELETE FROM ${t.uni} WHERE rowid IN ${ids}`, params: [articleId] },
    { sql: `DELETE FROM ${t.bi} WHERE rowid IN ${ids}`, params: [articleId] },
    { sql: `DELETE FROM ${t.passage} WHERE article_id = ?`, params: [articleId] },
  ];
}

/** Set expression over articles: every node is one SELECT of a column `article_id`. */
function renderPlan(plan: Plan, leaf: (p: Extract<Plan, { op: 'piece' }>, params: unknown[]) => string, params: unknown[], depth = 0): string {
  if (plan.op === 'piece') return leaf(plan, params);
  const setOp = plan.op === 'and' ? 'INTERSECT' : 'UNION';
  return plan.children.map((c, i) => `SELECT article_id FROM (${renderPlan(c, leaf, params, depth + 1)}) AS s${depth}_${i}`).join(` ${setOp} `);
}

/** SELECT DISTINCT article ids matching the plan (order unspecified; rank in the application). */
export function sqliteSearch(plan: Plan, t: KbTables = KB_TABLES): SqlText {
  const params: unknown[] = [];
  const body = renderPlan(
    plan,
    (p, ps) => {
      ps.push(p.fts5);
      const fts = p.table === 'uni' ? t.uni : t.bi;
      return `SELECT article_id FROM ${t.passage} WHERE id IN (SELECT rowid FROM ${fts} WHERE ${fts} MATCH ?)`;
    },
    params,
  );
  return { sql: `SELECT DISTINCT article_id FROM (${body}) AS hits`, params };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export function pgSchema(t: KbTables = KB_TABLES): string[] {
  return [
    `CREATE TABLE ${t.passage} (id BIGSERIAL PRIMARY KEY, article_id TEXT NOT NULL, seq INTEGER NOT NULL, uni TSVECTOR NOT NULL, bi TSVECTOR NOT NULL, UNIQUE (article_id, seq))`,
    `CREATE INDEX ${t.passage}_uni_gin ON ${t.passage} USING GIN (uni)`,
    `CREATE INDEX ${t.passage}_bi_gin ON ${t.passage} USING GIN (bi)`,
    ...pgTermFreqTables(t),
  ];
}

export function pgIndexArticle(articleId: string, passages: IndexedPassage[], t: KbTables = KB_TABLES): SqlText[] {
  return [
    ...pgDeleteArticle(articleId, t),
    ...passages.map((p) => ({
      // literals are cast, not parsed by to_tsvector: lexemes and positions are exactly the core's
      sql: `INSERT INTO ${t.passage} (article_id, seq, uni, bi) VALUES ($1, $2, $3::tsvector, $4::tsvector)`,
      params: [articleId, p.seq, p.tsvUni, p.tsvBi],
    })),
    pgTermFreqDelta(articleId, '+', t),
  ];
}

export function pgDeleteArticle(articleId: string, t: KbTables = KB_TABLES): SqlText[] {
  return [pgTermFreqDelta(articleId, '-', t), { sql: `DELETE FROM ${t.passage} WHERE article_id = $1`, params: [articleId] }];
}

/**
 * Passages per lexeme, kept at indexing time so that search-as-you-type learns how common a piece is from one index
 * lookup instead of counting the GIN index's hits. Indexing only appends the article's own counts (±, one row per
 * lexeme) to `t.freqDelta`: updating the shared totals of common lexemes for every article would make each
 * update walk the row versions left by the ones before it (a bulk load in one transaction slowed 8–20×).
 * pgTermFreqCompact folds the appended rows into `t.freq` now and then; a reader sums both (pgTermFreq).
 * Run '-' before deleting an article's passages and '+' after inserting them.
 */
function pgTermFreqDelta(articleId: string, sign: '+' | '-', t: KbTables): SqlText {
  return {
    sql: `INSERT INTO ${t.freqDelta} (tbl, term, passages) SELECT tbl, term, ${sign}count(*) FROM (${lexemesOf(t, 'WHERE p.article_id = $1')}) AS x GROUP BY tbl, term`,
    params: [articleId],
  };
}

const lexemesOf = (t: KbTables, where: string) =>
  (['uni', 'bi'] as const).map((col) => `SELECT '${col}' AS tbl, l.lexeme AS term FROM ${t.passage} p, unnest(p.${col}) AS l ${where}`).join(' UNION ALL ');

/**
 * Folds the appended counts into the totals: one update per lexeme however many articles touched it, in key order
 * (two compactions cannot deadlock; each moves the rows it deleted).
 */
export function pgTermFreqCompact(t: KbTables = KB_TABLES): SqlText {
  return {
    sql:
      `WITH moved AS (DELETE FROM ${t.freqDelta} RETURNING tbl, term, passages) ` +
      `INSERT INTO ${t.freq} (tbl, term, passages) SELECT tbl, term, sum(passages) FROM moved GROUP BY tbl, term ORDER BY tbl, term ` +
      `ON CONFLICT (tbl, term) DO UPDATE SET passages = ${t.freq}.passages + excluded.passages`,
    params: [],
  };
}

/** The passage counts of lexemes (`keys`: table and term) kept by pgTermFreqDelta; an absent lexeme is 0. */
export function pgTermFreq(keys: { table: 'uni' | 'bi'; term: string }[], t: KbTables = KB_TABLES): SqlText {
  const wanted = `(tbl, term) IN (SELECT * FROM unnest($1::text[], $2::text[]))`;
  return {
    sql:
      `SELECT tbl, term, sum(passages) AS n FROM (SELECT tbl, term, passages FROM ${t.freq} WHERE ${wanted} ` +
      `UNION ALL SELECT tbl, term, passages FROM ${t.freqDelta} WHERE ${wanted}) AS x GROUP BY tbl, term`,
    params: [keys.map((k) => k.table), keys.map((k) => k.term)],
  };
}

const pgTermFreqTables = (t: KbTables) => [
  `CREATE TABLE ${t.freq} (tbl TEXT NOT NULL, term TEXT NOT NULL, passages BIGINT NOT NULL, PRIMARY KEY (tbl, term))`,
  `CREATE TABLE ${t.freqDelta} (tbl TEXT NOT NULL, term TEXT NOT NULL, passages BIGINT NOT NULL)`,
  `CREATE INDEX ${t.freqDelta}_term_idx ON ${t.freqDelta} (tbl, term)`,
];

/** The tables of pgTermFreqDelta, with the counts of the passages already indexed. */
export function pgTermFreqSchema(t: KbTables = KB_TABLES): string[] {
  return [...pgTermFreqTables(t), `INSERT INTO ${t.freq} (tbl, term, passages) SELECT tbl, term, count(*) FROM (${lexemesOf(t, '')}) AS x GROUP BY tbl, term`];
}

export function pgSearch(plan: Plan, t: KbTables = KB_TABLES): SqlText {
  const params: unknown[] = [];
  const body = renderPlan(
    plan,
    (p, ps) => {
      ps.push(p.tsquery);
      return `SELECT article_id FROM ${t.passage} WHERE ${p.table} @@ $${ps.length}::tsquery`;
    },
    params,
  );
  return { sql: `SELECT DISTINCT article_id FROM (${body}) AS hits`, params };
}

// ---------------------------------------------------------------------------------------------
// Search-as-you-type: how common is one piece? SQLite counts the FTS5 hits up to a bound (the doclist is streamed);
// PostgreSQL reads the counts kept at indexing time (pgTermFreq), since a capped count over the GIN index can be
// planned as a scan of the whole table.

/** Passages matching one lexeme (`table`, FTS5 match string), counted up to `upTo` (FTS5 streams the doclist and stops at the LIMIT). */
export function sqliteLeafCount(table: 'uni' | 'bi', match: string, upTo: number, t: KbTables = KB_TABLES): SqlText {
  const fts = table === 'uni' ? t.uni : t.bi;
  return { sql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?) AS c`, params: [match, upTo] };
}
