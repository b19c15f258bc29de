/** Knowledge-base API: thin routes over src/store/kb; the viewer's roles and teams scope every read. */
import { z } from 'zod';
import type { Role } from '../../core/roles';
import { validationError } from '../../core/errors';
import { getAgent } from '../../store/org';
import {
  KB_MODULES, addAttachment, createArticle, createCategory, getArticle, getAttachment, kbStats, listArticles, listCategories, listVersions, restoreVersion, reviewQueue, reviewVersion, saveVersion,
  searchArticles, setArchived, submitForReview, vote, type KbViewer,
} from '../../store/kb/articles';
import { agentScope, hasRole, route, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { callerCenterId } from './platform';

/** Write articles (trainers, expert seats) — a reviewer publishes them. */
export const KB_EDITORS: Role[] = ['admin', 'center_manager', 'trainer', 'expert'];
export const KB_REVIEWERS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa'];
export const KB_STATS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'trainer', 'expert'];

export async function kbViewer(ctx: ServerContext, c: Caller): Promise<KbViewer> {
  const s = agentScope(c);
  let teamIds: number[] | null = null;
  if (s.kind === 'teams') teamIds = s.teamIds;
  if (s.kind === 'self') teamIds = s.agentId ? [(await getAgent(ctx.store.db, s.agentId)).team_id].filter((x): x is number => x != null) : [];
  return { userId: c.userId, roles: c.roles, teamIds, editor: hasRole(c, ...KB_EDITORS, ...KB_REVIEWERS) };
}

/** Search-as-you-type ranks fewer candidates and counts up to a bound, to stay fast on broad 1-character queries. */
export const SUGGEST_CANDIDATES = 80;
export const SUGGEST_COUNT_UP_TO = 1000;

const id = z.object({ id: z.coerce.number().int().positive() });
const idVersion = z.object({ id: z.coerce.number().int().positive(), version: z.coerce.number().int().positive() });
const articleBody = z.object({
  categoryId: z.number().int().positive(),
  title: z.string().min(1).max(200),
  bodyHtml: z.string().max(500_000),
  tags: z.array(z.string().max(40)).max(30).default([]),
  visibility: z.object({ roles: z.array(z.string()).default([]), teamIds: z.array(z.number().int()).default([]) }).default({ roles: [], teamIds: [] }),
  note: z.string().max(500).optional(),
  submit: z.boolean().optional(),
});
const searchQuery = z.object({ q: z.string().max(400), limit: z.coerce.number().int().min(1).max(50).optional(), categoryId: z.coerce.number().int().positive().optional() });

export const kbRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/api/kb/categories', access: 'any', summary: 'KB category tree (flat list with parent ids)', tags: ['kb'],
    handler: async ({ ctx, caller }) => listCategories(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST', url: '/api/kb/categories', access: KB_EDITORS, summary: 'Create a KB category', tags: ['kb'],
    body: z.object({ parentId: z.number().int().positive().nullable().default(null), name: z.string().trim().min(1).max(60), module: z.enum(KB_MODULES), sort: z.number().int().optional() }),
    handler: async ({ ctx, caller, body }) => ({ id: await createCategory(ctx.store.db, { ...body, centerId: await callerCenterId(ctx, caller) }, caller.userId, ctx.now()) }),
  }),
  route({
    method: 'GET', url: '/api/kb/articles', access: 'any', summary: 'Articles the caller may see', tags: ['kb'],
    query: z.object({ categoryId: z.coerce.number().int().positive().optional(), tag: z.string().optional(), status: z.enum(['published', 'unpublished', 'archived']).optional() }),
    handler: async ({ ctx, caller, query }) => listArticles(ctx.store.db, await callerCenterId(ctx, caller), await kbViewer(ctx, caller), query),
  }),
  route({
    method: 'POST', url: '/api/kb/articles', access: KB_EDITORS, summary: 'Create an article (version 1, a draft; HTML sanitised)', tags: ['kb'],
    body: articleBody,
    handler: async ({ ctx, caller, body }) => {
      const centerId = await callerCenterId(ctx, caller);
      const articleId = await createArticle(ctx.store.db, ctx.store.dialect, centerId, body, caller.userId, ctx.now());
      if (body.submit) await submitForReview(ctx.store.db, centerId, articleId, 1, caller.userId, ctx.now());
      return { id: articleId, version: 1 };
    },
  }),
  route({
    method: 'GET', url: '/api/kb/articles/:id', access: 'any', summary: 'One article (counts a view)', tags: ['kb'], params: id,
    handler: async ({ ctx, caller, params }) => getArticle(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller), { countView: true }),
  }),
  route({
    method: 'PUT', url: '/api/kb/articles/:id', access: KB_EDITORS, summary: 'Save a new version (draft, or submit for review); baseVersion = the latest version the edit started from (409 kb.staleVersion when another save came first)', tags: ['kb'], params: id,
    body: articleBody.extend({ baseVersion: z.number().int().positive().optional() }),
    handler: async ({ ctx, caller, params, body }) => ({
      version: await saveVersion(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), params.id, body, caller.userId, ctx.now(), body.submit ?? false, body.baseVersion),
    }),
  }),
  route({
    method: 'GET', url: '/api/kb/articles/:id/versions', access: [...KB_EDITORS, 'duty_manager', 'qa'], summary: 'Every version with who/when and review status', tags: ['kb'], params: id,
    handler: async ({ ctx, caller, params }) => listVersions(ctx.store.db, await callerCenterId(ctx, caller), params.id),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/versions/:version/submit', access: KB_EDITORS, summary: 'Send a draft version to review', tags: ['kb'], params: idVersion,
    handler: async ({ ctx, caller, params }) => submitForReview(ctx.store.db, await callerCenterId(ctx, caller), params.id, params.version, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/versions/:version/review', access: KB_REVIEWERS, summary: 'Publish or reject a version in review (not one\'s own)', tags: ['kb'], params: idVersion,
    body: z.object({ decision: z.enum(['publish', 'reject']), note: z.string().max(500).default('') }),
    handler: async ({ ctx, caller, params, body }) =>
      reviewVersion(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), params.id, params.version, body.decision, body.note, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/versions/:version/restore', access: KB_EDITORS, summary: 'Restore an old version as a new draft', tags: ['kb'], params: idVersion,
    handler: async ({ ctx, caller, params }) => ({ version: await restoreVersion(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), params.id, params.version, caller.userId, ctx.now()) }),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/archive', access: KB_EDITORS, summary: 'Archive or un-archive an article', tags: ['kb'], params: id,
    body: z.object({ archived: z.boolean() }),
    handler: async ({ ctx, caller, params, body }) => setArchived(ctx.store.db, await callerCenterId(ctx, caller), params.id, body.archived, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/vote', access: 'any', summary: '"Did this answer it?" (one vote per user, may change)', tags: ['kb'], params: id,
    body: z.object({ helpful: z.boolean() }),
    handler: async ({ ctx, caller, params, body }) => vote(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller), body.helpful, ctx.now()),
  }),
  route({
    method: 'POST', url: '/api/kb/articles/:id/attachments', access: KB_EDITORS, summary: 'Attach a file (base64 JSON; type allowlist and size limit from kb.policy)', tags: ['kb'], params: id,
    bodyLimit: 40 * 1024 * 1024,
    body: z.object({ filename: z.string().max(200), contentType: z.string().max(120), dataBase64: z.string() }),
    handler: async ({ ctx, caller, params, body }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.dataBase64)) throw validationError('dataBase64', 'is not base64');
      const data = Buffer.from(body.dataBase64, 'base64');
      return { id: await addAttachment(ctx.store.db, await callerCenterId(ctx, caller), params.id, { filename: body.filename, contentType: body.contentType, data }, caller.userId, ctx.now()) };
    },
  }),
  route({
    method: 'GET', url: '/api/kb/attachments/:id', access: 'any', summary: 'Download an attachment of an article the caller may see', tags: ['kb'], params: id,
    handler: async ({ ctx, caller, params, reply }) => {
      const f = await getAttachment(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller));
      const inline = f.content_type.startsWith('image/') && f.content_type !== 'image/svg+xml';
      return reply
        .header('content-type', f.content_type)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(f.data);
    },
  }),
  route({
    method: 'GET', url: '/api/kb/review-queue', access: KB_REVIEWERS, summary: 'Versions waiting for review', tags: ['kb'],
    handler: async ({ ctx, caller }) => reviewQueue(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'GET', url: '/api/kb/search', access: 'any', summary: 'Ranked search with highlighted title and snippet (logged for statistics)', tags: ['kb'], query: searchQuery,
    handler: async ({ ctx, caller, query }) =>
      searchArticles(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), query.q, await kbViewer(ctx, caller), { limit: query.limit, categoryId: query.categoryId, log: true, now: ctx.now() }),
  }),
  route({
    method: 'GET', url: '/api/kb/suggest', access: 'any', summary: 'Search-as-you-type: top hits, not logged', tags: ['kb'], query: searchQuery,
    handler: async ({ ctx, caller, query }) =>
      searchArticles(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), query.q, await kbViewer(ctx, caller), { limit: query.limit ?? 8, categoryId: query.categoryId, candidates: SUGGEST_CANDIDATES, countUpTo: SUGGEST_COUNT_UP_TO }),
  }),
  route({
    method: 'GET', url: '/api/kb/stats', access: KB_STATS, summary: 'Most viewed, searches without result, helpful votes, stale articles', tags: ['kb'],
    query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
    handler: async ({ ctx, caller, query }) => kbStats(ctx.store.db, await callerCenterId(ctx, caller), ctx.now(), { sinceMs: ctx.now() - query.days * 86_400_000 }),
  }),
];
