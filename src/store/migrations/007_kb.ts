import { sql, type Migration } from 'kysely';
import type { Dialect } from '../db';
import { TS, withId, type AnyDb } from './helpers';

/**
 * Knowledge base: categories (a tree), articles (the row holds the published content, or the
 * first draft until something is published), versions (every save; review status per version),
 * tags, visibility (roles / teams), attachments, votes, search log, and the search index:
 * passages + two contentless FTS5 tables on SQLite, tsvector columns with GIN on PostgreSQL
 * (the design proven in src/store/kbSearchSql.ts; article_id is an integer here).
 */
export default function kb(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await withId(db.schema.createTable('kb_categories'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('parent_id', 'integer', (c) => c.references('kb_categories.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('module', 'text', (c) => c.notNull().defaultTo('faq'))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await withId(db.schema.createTable('kb_articles'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull().references('centers.id'))
        .addColumn('category_id', 'integer', (c) => c.notNull().references('kb_categories.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('title_norm', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('body_norm', 'text', (c) => c.notNull())
        .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('published_version', 'integer')
        .addColumn('latest_version', 'integer', (c) => c.notNull())
        .addColumn('restrict_roles', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('restrict_teams', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('updated_at', TS, (c) => c.notNull())
        .addColumn('published_at', TS)
        .addColumn('views', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('helpful_yes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('helpful_no', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('kb_articles_cat_idx').on('kb_articles').column('category_id').execute();
      await db.schema.createIndex('kb_articles_views_idx').on('kb_articles').columns(['center_id', 'views', 'id']).execute();
      await withId(db.schema.createTable('kb_versions'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('category_id', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body_html', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .addColumn('reviewed_by', 'integer')
        .addColumn('reviewed_at', TS)
        .addColumn('review_note', 'text')
        .addUniqueConstraint('kb_versions_uq', ['article_id', 'version'])
        .execute();
      await db.schema.createIndex('kb_versions_status_idx').on('kb_versions').column('status').execute();
      await db.schema
        .createTable('kb_article_tags')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
        .addColumn('tag', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_article_tags_pk', ['article_id', 'tag'])
        .execute();
      await db.schema
        .createTable('kb_article_access')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_article_access_pk', ['article_id', 'kind', 'value'])
        .execute();
      await withId(db.schema.createTable('kb_attachments'), dialect)
        .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
        .addColumn('filename', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_by', 'integer', (c) => c.notNull())
        .addColumn('created_at', TS, (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('kb_votes')
        .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
        .addColumn('user_id', 'integer', (c) => c.notNull())
        .addColumn('helpful', 'integer', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addPrimaryKeyConstraint('kb_votes_pk', ['article_id', 'user_id'])
        .execute();
      await withId(db.schema.createTable('kb_searches'), dialect)
        .addColumn('center_id', 'integer', (c) => c.notNull())
        .addColumn('at', TS, (c) => c.notNull())
        .addColumn('user_id', 'integer')
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('kb_searches_at_idx').on('kb_searches').column('at').execute();
      // the search index
      if (dialect === 'sqlite') {
        await sql`CREATE TABLE kb_passage (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, seq INTEGER NOT NULL, UNIQUE (article_id, seq))`.execute(db);
        await sql`CREATE VIRTUAL TABLE kb_uni USING fts5(t, content='', contentless_delete=1, detail=none, tokenize='unicode61 remove_diacritics 0')`.execute(
          db,
        );
        await sql`CREATE VIRTUAL TABLE kb_bi USING fts5(t, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
      } else {
        await sql`CREATE TABLE kb_passage (id BIGSERIAL PRIMARY KEY, article_id INTEGER NOT NULL, seq INTEGER NOT NULL, uni TSVECTOR NOT NULL, bi TSVECTOR NOT NULL, UNIQUE (article_id, seq))`.execute(
          db,
        );
        await sql`CREATE INDEX kb_passage_uni_gin ON kb_passage USING GIN (uni)`.execute(db);
        await sql`CREATE INDEX kb_passage_bi_gin ON kb_passage USING GIN (bi)`.execute(db);
      }
    },
    async down(db: AnyDb) {
      if (dialect === 'sqlite') for (const t of ['kb_bi', 'kb_uni']) await sql`DROP TABLE ${sql.raw(t)}`.execute(db);
      for (const t of [
        'kb_passage',
        'kb_searches',
        'kb_votes',
        'kb_attachments',
        'kb_article_access',
        'kb_article_tags',
        'kb_versions',
        'kb_articles',
        'kb_categories',
      ])
        await db.schema.dropTable(t).execute();
    },
  };
}
