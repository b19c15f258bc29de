/** Knowledge-base API: thin routes over src/store/kb; the viewer's roles and teams scope every read. */
import { kb as api, KB_EDITORS, KB_REVIEWERS } from '../../contract/kb';
import { validationError } from '../../core/errors';
import { getAgent } from '../../store/org';
import {
  addAttachment,
  createArticle,
  createCategory,
  getArticle,
  getAttachment,
  kbStats,
  listArticles,
  listCategories,
  listVersions,
  restoreVersion,
  reviewQueue,
  reviewVersion,
  saveVersion,
  searchArticles,
  setArchived,
  submitForReview,
  vote,
  type KbViewer,
} from '../../store/kb/articles';
import { agentScope, hasRole, implement, type Caller, type RouteDef } from '../route';
import type { Capability } from '../capability';
import type { ServerContext } from '../context';
import { callerCenterId } from './platform';

export { KB_EDITORS, KB_REVIEWERS, KB_STATS } from '../../contract/kb';

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

const ok = { ok: true } as const;

export const kbRoutes: RouteDef[] = [
  implement(api.categories, async ({ ctx, caller }) => listCategories(ctx.store.db, await callerCenterId(ctx, caller))),
  implement(api.createCategory, async ({ ctx, caller, body }) => ({
    id: await createCategory(ctx.store.db, { ...body, centerId: await callerCenterId(ctx, caller) }, caller.userId, ctx.now()),
  })),
  implement(api.articles, async ({ ctx, caller, query }) => listArticles(ctx.store.db, await callerCenterId(ctx, caller), await kbViewer(ctx, caller), query)),
  implement(api.createArticle, async ({ ctx, caller, body }) => {
    const centerId = await callerCenterId(ctx, caller);
    const articleId = await createArticle(ctx.store.db, ctx.store.dialect, centerId, body, caller.userId, ctx.now());
    if (body.submit) await submitForReview(ctx.store.db, centerId, articleId, 1, caller.userId, ctx.now());
    return { id: articleId, version: 1 };
  }),
  implement(api.article, async ({ ctx, caller, params }) =>
    getArticle(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller), { countView: true }),
  ),
  implement(api.saveVersion, async ({ ctx, caller, params, body }) => ({
    version: await saveVersion(
      ctx.store.db,
      ctx.store.dialect,
      await callerCenterId(ctx, caller),
      params.id,
      body,
      caller.userId,
      ctx.now(),
      body.submit ?? false,
      body.baseVersion,
    ),
  })),
  implement(api.versions, async ({ ctx, caller, params }) => listVersions(ctx.store.db, await callerCenterId(ctx, caller), params.id)),
  implement(api.submit, async ({ ctx, caller, params }) => {
    await submitForReview(ctx.store.db, await callerCenterId(ctx, caller), params.id, params.version, caller.userId, ctx.now());
    return ok;
  }),
  implement(api.review, async ({ ctx, caller, params, body }) => {
    await reviewVersion(
      ctx.store.db,
      ctx.store.dialect,
      await callerCenterId(ctx, caller),
      params.id,
      params.version,
      body.decision,
      body.note,
      caller.userId,
      ctx.now(),
    );
    return ok;
  }),
  implement(api.restore, async ({ ctx, caller, params }) => ({
    version: await restoreVersion(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), params.id, params.version, caller.userId, ctx.now()),
  })),
  implement(api.archive, async ({ ctx, caller, params, body }) => {
    await setArchived(ctx.store.db, await callerCenterId(ctx, caller), params.id, body.archived, caller.userId, ctx.now());
    return ok;
  }),
  implement(api.vote, async ({ ctx, caller, params, body }) => {
    await vote(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller), body.helpful, ctx.now());
    return ok;
  }),
  implement(
    api.addAttachment,
    async ({ ctx, caller, params, body }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body.dataBase64)) throw validationError('dataBase64', 'is not base64');
      const data = Buffer.from(body.dataBase64, 'base64');
      return {
        id: await addAttachment(
          ctx.store.db,
          await callerCenterId(ctx, caller),
          params.id,
          { filename: body.filename, contentType: body.contentType, data },
          caller.userId,
          ctx.now(),
        ),
      };
    },
    { bodyLimit: 40 * 1024 * 1024 },
  ),
  implement(api.attachment, async ({ ctx, caller, params, reply }) => {
    const f = await getAttachment(ctx.store.db, await callerCenterId(ctx, caller), params.id, await kbViewer(ctx, caller));
    const inline = f.content_type.startsWith('image/') && f.content_type !== 'image/svg+xml';
    return reply
      .header('content-type', f.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .send(f.data);
  }),
  implement(api.reviewQueue, async ({ ctx, caller }) => reviewQueue(ctx.store.db, await callerCenterId(ctx, caller))),
  implement(api.search, async ({ ctx, caller, query }) =>
    searchArticles(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), query.q, await kbViewer(ctx, caller), {
      limit: query.limit,
      categoryId: query.categoryId,
      log: true,
      now: ctx.now(),
    }),
  ),
  implement(api.suggest, async ({ ctx, caller, query }) =>
    searchArticles(ctx.store.db, ctx.store.dialect, await callerCenterId(ctx, caller), query.q, await kbViewer(ctx, caller), {
      limit: query.limit ?? 8,
      categoryId: query.categoryId,
      candidates: SUGGEST_CANDIDATES,
      countUpTo: SUGGEST_COUNT_UP_TO,
    }),
  ),
  implement(api.stats, async ({ ctx, caller, query }) =>
    kbStats(ctx.store.db, await callerCenterId(ctx, caller), ctx.now(), { sinceMs: ctx.now() - query.days * 86_400_000 }),
  ),
];

export const kbCapability: Capability = { name: 'kb', routes: kbRoutes };
