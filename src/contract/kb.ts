/**
 * Knowledge base (src/server/routes/kb.ts over src/store/kb): categories, articles with versions and
 * review, votes, attachments, search and statistics. Reads are scoped by the viewer's roles and teams.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { KB_MODULES } from '../core/kb/modules';
import { endpoint } from './endpoint';
import { idParams, okResponse } from './atoms';

const tags = ['kb'] as const;

/** Write articles (trainers, expert seats) — a reviewer publishes them. */
export const KB_EDITORS: Role[] = ['admin', 'center_manager', 'trainer', 'expert'];
export const KB_REVIEWERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa'];
export const KB_STATS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'trainer', 'expert'];

// ---- inputs ----
const idVersion = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });
export const articleBody = z.object({
  categoryId: z.number().int().positive(),
  title: z.string().min(1).max(200),
  bodyHtml: z.string().max(500_000),
  tags: z.array(z.string().max(40)).max(30).default([]),
  visibility: z.object({ roles: z.array(z.string()).default([]), teamIds: z.array(z.number().int()).default([]) }).default({ roles: [], teamIds: [] }),
  note: z.string().max(500).optional(),
  submit: z.boolean().optional(),
});
const searchQuery = z.object({
  q: z.string().max(400),
  limit: z.coerce.number().int().min(1).max(50).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
});

// ---- wire types ----
export const kbCategory = z.object({
  id: z.number(),
  center_id: z.number(),
  parent_id: z.number().nullable(),
  name: z.string(),
  module: z.string(),
  sort: z.number(),
  created_at: z.number(),
});
export type KbCategory = z.infer<typeof kbCategory>;

const visibility = z.object({ roles: z.array(z.string()), teamIds: z.array(z.number()) });

/** An article in a list (no body). published / archived are 0/1. */
export const kbArticleRow = z.object({
  id: z.number(),
  category_id: z.number(),
  title: z.string(),
  published: z.number(),
  archived: z.number(),
  published_version: z.number().nullable(),
  latest_version: z.number(),
  updated_at: z.number(),
  published_at: z.number().nullable(),
  views: z.number(),
  helpful_yes: z.number(),
  helpful_no: z.number(),
  created_by: z.number(),
  tags: z.array(z.string()),
});
export type KbArticleRow = z.infer<typeof kbArticleRow>;

export const kbAttachment = z.object({ id: z.number(), filename: z.string(), content_type: z.string(), size: z.number(), created_at: z.number() });

/** One article as the viewer may see it (the published text for readers, the latest for editors). */
export const kbArticle = kbArticleRow.extend({
  center_id: z.number(),
  title_norm: z.string(),
  body_html: z.string(),
  body_text: z.string(),
  body_norm: z.string(),
  restrict_roles: z.number(),
  restrict_teams: z.number(),
  created_at: z.number(),
  visibility,
  attachments: z.array(kbAttachment),
  myVote: z.boolean().nullable(),
});
export type KbArticle = z.infer<typeof kbArticle>;

export const kbVersion = z.object({
  version: z.number(),
  category_id: z.number(),
  title: z.string(),
  body_html: z.string(),
  tags: z.array(z.string()),
  visibility,
  status: z.string(),
  note: z.string(),
  created_by: z.number(),
  created_at: z.number(),
  reviewed_by: z.number().nullable(),
  reviewed_at: z.number().nullable(),
  review_note: z.string().nullable(),
  author: z.string().nullable(),
  reviewer: z.string().nullable(),
});
export type KbVersion = z.infer<typeof kbVersion>;

export const kbReviewItem = z.object({
  article_id: z.number(),
  version: z.number(),
  title: z.string(),
  note: z.string(),
  created_by: z.number(),
  created_at: z.number(),
  author: z.string().nullable(),
  published: z.number(),
});
export type KbReviewItem = z.infer<typeof kbReviewItem>;

export const segment = z.object({ text: z.string(), hit: z.boolean() });
export type Segment = z.infer<typeof segment>;
export const searchHit = z.object({
  id: z.number(),
  categoryId: z.number(),
  title: z.array(segment),
  snippet: z.object({ segments: z.array(segment), cutStart: z.boolean(), cutEnd: z.boolean() }),
  titleHits: z.number(),
  bodyHits: z.number(),
  views: z.number(),
  helpfulYes: z.number(),
  updatedAt: z.number(),
  published: z.boolean(),
});
export type SearchHit = z.infer<typeof searchHit>;
export const searchResult = z.object({ query: z.string(), total: z.number(), more: z.boolean().optional(), hits: z.array(searchHit) });
export type SearchResult = z.infer<typeof searchResult>;

export const kbStatsResult = z.object({
  staleDays: z.number(),
  totals: z.object({ articles: z.number(), published: z.number(), views: z.number(), searches: z.number(), searchesWithoutResult: z.number() }),
  mostViewed: z.array(z.object({ id: z.number(), title: z.string(), views: z.number(), helpful_yes: z.number(), helpful_no: z.number() })),
  noResult: z.array(z.object({ query: z.string(), times: z.number(), lastAt: z.number() })),
  leastHelpful: z.array(z.object({ id: z.number(), title: z.string(), helpful_yes: z.number(), helpful_no: z.number() })),
  stale: z.array(z.object({ id: z.number(), title: z.string(), updated_at: z.number() })),
});
export type KbStats = z.infer<typeof kbStatsResult>;

const created = z.object({ id: z.number() });
const versionAnswer = z.object({ version: z.number() });

export const kb = {
  categories: endpoint({
    method: 'GET',
    path: '/api/kb/categories',
    access: 'any',
    summary: 'KB category tree (flat list with parent ids)',
    tags,
    response: z.array(kbCategory),
  }),
  createCategory: endpoint({
    method: 'POST',
    path: '/api/kb/categories',
    access: KB_EDITORS,
    summary: 'Create a KB category',
    tags,
    body: z.object({
      parentId: z.number().int().positive().nullable().default(null),
      name: z.string().trim().min(1).max(60),
      module: z.enum(KB_MODULES),
      sort: z.number().int().optional(),
    }),
    response: created,
  }),
  articles: endpoint({
    method: 'GET',
    path: '/api/kb/articles',
    access: 'any',
    summary: 'Articles the caller may see',
    tags,
    query: z.object({
      categoryId: z.coerce.number().int().positive().optional(),
      tag: z.string().optional(),
      status: z.enum(['published', 'unpublished', 'archived']).optional(),
    }),
    response: z.array(kbArticleRow),
  }),
  createArticle: endpoint({
    method: 'POST',
    path: '/api/kb/articles',
    access: KB_EDITORS,
    summary: 'Create an article (version 1, a draft; HTML sanitised)',
    tags,
    body: articleBody,
    response: z.object({ id: z.number(), version: z.number() }),
  }),
  article: endpoint({
    method: 'GET',
    path: '/api/kb/articles/:id',
    access: 'any',
    summary: 'One article (counts a view)',
    tags,
    params: idParams,
    response: kbArticle,
  }),
  saveVersion: endpoint({
    method: 'PUT',
    path: '/api/kb/articles/:id',
    access: KB_EDITORS,
    summary:
      'Save a new version (draft, or submit for review); baseVersion = the latest version the edit started from (409 kb.staleVersion when another save came first)',
    tags,
    params: idParams,
    body: articleBody.extend({ baseVersion: z.number().int().positive().optional() }),
    response: versionAnswer,
  }),
  versions: endpoint({
    method: 'GET',
    path: '/api/kb/articles/:id/versions',
    access: [...KB_EDITORS, 'duty_manager', 'qa'],
    summary: 'Every version with who/when and review status',
    tags,
    params: idParams,
    response: z.array(kbVersion),
  }),
  submit: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/versions/:version/submit',
    access: KB_EDITORS,
    summary: 'Send a draft version to review',
    tags,
    params: idVersion,
    response: okResponse,
  }),
  review: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/versions/:version/review',
    access: KB_REVIEWERS,
    summary: "Publish or reject a version in review (not one's own)",
    tags,
    params: idVersion,
    body: z.object({ decision: z.enum(['publish', 'reject']), note: z.string().max(500).default('') }),
    response: okResponse,
  }),
  restore: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/versions/:version/restore',
    access: KB_EDITORS,
    summary: 'Restore an old version as a new draft',
    tags,
    params: idVersion,
    response: versionAnswer,
  }),
  archive: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/archive',
    access: KB_EDITORS,
    summary: 'Archive or un-archive an article',
    tags,
    params: idParams,
    body: z.object({ archived: z.boolean() }),
    response: okResponse,
  }),
  vote: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/vote',
    access: 'any',
    summary: '"Did this answer it?" (one vote per user, may change)',
    tags,
    params: idParams,
    body: z.object({ helpful: z.boolean() }),
    response: okResponse,
  }),
  addAttachment: endpoint({
    method: 'POST',
    path: '/api/kb/articles/:id/attachments',
    access: KB_EDITORS,
    summary: 'Attach a file (base64 JSON; type allowlist and size limit from kb.policy)',
    tags,
    params: idParams,
    body: z.object({ filename: z.string().max(200), contentType: z.string().max(120), dataBase64: z.string() }),
    response: created,
  }),
  attachment: endpoint({
    method: 'GET',
    path: '/api/kb/attachments/:id',
    access: 'any',
    summary: 'Download an attachment of an article the caller may see',
    tags,
    params: idParams,
    response: z.string(),
    download: 'application/octet-stream',
  }),
  reviewQueue: endpoint({
    method: 'GET',
    path: '/api/kb/review-queue',
    access: KB_REVIEWERS,
    summary: 'Versions waiting for review',
    tags,
    response: z.array(kbReviewItem),
  }),
  search: endpoint({
    method: 'GET',
    path: '/api/kb/search',
    access: 'any',
    summary: 'Ranked search with highlighted title and snippet (logged for statistics)',
    tags,
    query: searchQuery,
    response: searchResult,
  }),
  suggest: endpoint({
    method: 'GET',
    path: '/api/kb/suggest',
    access: 'any',
    summary: 'Search-as-you-type: top hits, not logged',
    tags,
    query: searchQuery,
    response: searchResult,
  }),
  stats: endpoint({
    method: 'GET',
    path: '/api/kb/stats',
    access: KB_STATS,
    summary: 'Most viewed, searches without result, helpful votes, stale articles',
    tags,
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    response: kbStatsResult,
  }),
};
