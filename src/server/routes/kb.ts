/** Knowledge-base API: parse (the contract) → use case (src/services/kb) → answer; the viewer's roles and teams scope every read. */
import { kb as api } from '../../contract/kb';
import * as kb from '../../services/kb/articles';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';

export { KB_EDITORS, KB_REVIEWERS, KB_STATS } from '../../contract/kb';

export const kbRoutes: RouteDef[] = [
  implement(api.categories, async ({ ctx, caller }) => kb.categories(depsOf(ctx), actorOf(caller))),
  implement(api.createCategory, async ({ ctx, caller, body }) => kb.createCategory(depsOf(ctx), actorOf(caller), body)),
  implement(api.articles, async ({ ctx, caller, query }) => kb.articles(depsOf(ctx), actorOf(caller), query)),
  implement(api.createArticle, async ({ ctx, caller, body }) => kb.createArticle(depsOf(ctx), actorOf(caller), body)),
  implement(api.article, async ({ ctx, caller, params }) => kb.article(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.saveVersion, async ({ ctx, caller, params, body }) => kb.saveVersion(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.versions, async ({ ctx, caller, params }) => kb.versions(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.submit, async ({ ctx, caller, params }) => kb.submit(depsOf(ctx), actorOf(caller), params.id, params.version)),
  implement(api.review, async ({ ctx, caller, params, body }) => kb.review(depsOf(ctx), actorOf(caller), params.id, params.version, body)),
  implement(api.restore, async ({ ctx, caller, params }) => kb.restore(depsOf(ctx), actorOf(caller), params.id, params.version)),
  implement(api.archive, async ({ ctx, caller, params, body }) => kb.archive(depsOf(ctx), actorOf(caller), params.id, body.archived)),
  implement(api.vote, async ({ ctx, caller, params, body }) => kb.vote(depsOf(ctx), actorOf(caller), params.id, body.helpful)),
  implement(api.addAttachment, async ({ ctx, caller, params, body }) => kb.addAttachment(depsOf(ctx), actorOf(caller), params.id, body), {
    bodyLimit: 40 * 1024 * 1024,
  }),
  implement(api.attachment, async ({ ctx, caller, params, reply }) => {
    const f = await kb.attachment(depsOf(ctx), actorOf(caller), params.id);
    const inline = f.content_type.startsWith('image/') && f.content_type !== 'image/svg+xml';
    return reply
      .header('content-type', f.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
      .send(f.data);
  }),
  implement(api.reviewQueue, async ({ ctx, caller }) => kb.reviewQueue(depsOf(ctx), actorOf(caller))),
  implement(api.search, async ({ ctx, caller, query }) => kb.search(depsOf(ctx), actorOf(caller), query)),
  implement(api.suggest, async ({ ctx, caller, query }) => kb.suggest(depsOf(ctx), actorOf(caller), query)),
  implement(api.stats, async ({ ctx, caller, query }) => kb.stats(depsOf(ctx), actorOf(caller), query.days)),
];

/** The knowledge base: its routes (no live topics, no services). */
export const kbCapability: Capability = { name: 'kb', routes: kbRoutes };
