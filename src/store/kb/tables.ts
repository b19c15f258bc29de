import type { Generated } from 'kysely';

/** Knowledge-base tables (007_kb). Times are epoch ms; booleans 0/1; tags/visibility JSON text in versions. */
export interface KbTables {
  kb_categories: {
    id: Generated<number>;
    center_id: number;
    parent_id: number | null;
    name: string;
    module: string;
    sort: Generated<number>;
    created_at: number;
  };
  kb_articles: {
    id: Generated<number>;
    center_id: number;
    category_id: number;
    title: string;
    title_norm: string;
    body_html: string;
    body_text: string;
    /** body_text normalised (core/kb/text), so ranking need not normalise at query time. */
    body_norm: string;
    published: number;
    archived: number;
    published_version: number | null;
    latest_version: number;
    restrict_roles: number;
    restrict_teams: number;
    created_by: number;
    created_at: number;
    updated_at: number;
    published_at: number | null;
    views: Generated<number>;
    helpful_yes: Generated<number>;
    helpful_no: Generated<number>;
  };
  kb_versions: {
    id: Generated<number>;
    article_id: number;
    version: number;
    category_id: number;
    title: string;
    body_html: string;
    tags: string;
    visibility: string;
    status: string;
    note: string;
    created_by: number;
    created_at: number;
    reviewed_by: number | null;
    reviewed_at: number | null;
    review_note: string | null;
  };
  kb_article_tags: { article_id: number; tag: string };
  kb_article_access: { article_id: number; kind: string; value: string };
  kb_attachments: {
    id: Generated<number>;
    article_id: number;
    filename: string;
    content_type: string;
    size: number;
    data: Buffer;
    created_by: number;
    created_at: number;
  };
  kb_votes: { article_id: number; user_id: number; helpful: number; at: number };
  kb_searches: { id: Generated<number>; center_id: number; at: number; user_id: number | null; query: string; hits: number };
  kb_passage: { id: Generated<number>; article_id: number; seq: number };
}
