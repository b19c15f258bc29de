/**
 * Knowledge-base use cases: categories, articles with versions and review (the four-eyes rule is the
 * center's policy, applied in the store's review transaction), votes, attachments, search and
 * statistics. Every read is scoped by the viewer: roles, and teams (center-wide roles: every team).
 */
import type { ParsedBody, ParsedQuery } from '../../contract/endpoint';
import { KB_EDITORS, KB_REVIEWERS, type kb as api } from '../../contract/kb';
import { validationError } from '../../core/errors';
import { getAgent } from '../../store/org';
import * as store from '../../store/kb/articles';
import type { KbViewer } from '../../store/kb/articles';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';

type Body<K extends keyof typeof api> = ParsedBody<(typeof api)[K]>;
type Query<K extends keyof typeof api> = ParsedQuery<(typeof api)[K]>;

const DAY_MS = 86_400_000;
/** Search-as-you-type ranks fewer candidates and counts up to a bound, to stay fast on broad 1-character queries. */
export const SUGGEST_CANDIDATES = 80;
export const SUGGEST_COUNT_UP_TO = 1000;
const ok = { ok: true } as const;

/** Who reads: roles, the teams whose articles they see (null: every team), editor rights (editors see drafts). */
export async function kbViewer(deps: ServiceDeps, actor: Actor): Promise<KbViewer> {
  const s = actor.scope;
  let teamIds: number[] | null = null;
  if (s.kind === 'teams') teamIds = s.teamIds;
  if (s.kind === 'self') teamIds = s.agentId ? [(await getAgent(deps.store.db, s.agentId)).team_id].filter((x): x is number => x != null) : [];
  return { userId: actor.userId ?? 0, roles: actor.roles, teamIds, editor: hasRoleIn(actor, [...KB_EDITORS, ...KB_REVIEWERS]) };
}

const center = (actor: Actor) => actor.scope.centerId;

export const categories = (deps: ServiceDeps, actor: Actor) => store.listCategories(deps.store.db, center(actor));

export async function createCategory(deps: ServiceDeps, actor: Actor, input: Body<'createCategory'>) {
  return { id: await store.createCategory(deps.store.db, { ...input, centerId: center(actor) }, actor.userId, deps.now()) };
}

export async function articles(deps: ServiceDeps, actor: Actor, filter: Query<'articles'>) {
  return store.listArticles(deps.store.db, center(actor), await kbViewer(deps, actor), filter);
}

/** A new article (version 1), sent straight to review when asked. */
export async function createArticle(deps: ServiceDeps, actor: Actor, input: Body<'createArticle'>) {
  const { db, dialect } = deps.store;
  const id = await store.createArticle(db, dialect, center(actor), input, actor.userId ?? 0, deps.now());
  if (input.submit) await store.submitForReview(db, center(actor), id, 1, actor.userId ?? 0, deps.now());
  return { id, version: 1 };
}

/** One article as the viewer may see it; reading it counts a view. */
export async function article(deps: ServiceDeps, actor: Actor, id: number) {
  return store.getArticle(deps.store.db, center(actor), id, await kbViewer(deps, actor), { countView: true });
}

/** A new draft version; `baseVersion` is the latest the editor saw (a stale save is a conflict). */
export async function saveVersion(deps: ServiceDeps, actor: Actor, id: number, input: Body<'saveVersion'>) {
  const { db, dialect } = deps.store;
  return { version: await store.saveVersion(db, dialect, center(actor), id, input, actor.userId ?? 0, deps.now(), input.submit ?? false, input.baseVersion) };
}

export const versions = (deps: ServiceDeps, actor: Actor, id: number) => store.listVersions(deps.store.db, center(actor), id);

export async function submit(deps: ServiceDeps, actor: Actor, id: number, version: number) {
  await store.submitForReview(deps.store.db, center(actor), id, version, actor.userId ?? 0, deps.now());
  return ok;
}

export async function review(deps: ServiceDeps, actor: Actor, id: number, version: number, input: Body<'review'>) {
  await store.reviewVersion(deps.store.db, deps.store.dialect, center(actor), id, version, input.decision, input.note, actor.userId ?? 0, deps.now());
  return ok;
}

export async function restore(deps: ServiceDeps, actor: Actor, id: number, version: number) {
  return { version: await store.restoreVersion(deps.store.db, deps.store.dialect, center(actor), id, version, actor.userId ?? 0, deps.now()) };
}

export async function archive(deps: ServiceDeps, actor: Actor, id: number, archived: boolean) {
  await store.setArchived(deps.store.db, center(actor), id, archived, actor.userId ?? 0, deps.now());
  return ok;
}

export async function vote(deps: ServiceDeps, actor: Actor, id: number, helpful: boolean) {
  await store.vote(deps.store.db, center(actor), id, await kbViewer(deps, actor), helpful, deps.now());
  return ok;
}

/** An attachment sent as base64 (refused, naming the field, when it is not). */
export async function addAttachment(deps: ServiceDeps, actor: Actor, articleId: number, input: Body<'addAttachment'>) {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.dataBase64)) throw validationError('dataBase64', 'is not base64', { reason: 'input.invalidFormat', params: {} });
  const data = Buffer.from(input.dataBase64, 'base64');
  const file = { filename: input.filename, contentType: input.contentType, data };
  return { id: await store.addAttachment(deps.store.db, center(actor), articleId, file, actor.userId ?? 0, deps.now()) };
}

/** An attachment of an article the viewer may see. */
export async function attachment(deps: ServiceDeps, actor: Actor, id: number) {
  return store.getAttachment(deps.store.db, center(actor), id, await kbViewer(deps, actor));
}

export const reviewQueue = (deps: ServiceDeps, actor: Actor) => store.reviewQueue(deps.store.db, center(actor));

/** Full search (logged for the statistics). */
export async function search(deps: ServiceDeps, actor: Actor, q: Query<'search'>) {
  const viewer = await kbViewer(deps, actor);
  return store.searchArticles(deps.store.db, deps.store.dialect, center(actor), q.q, viewer, {
    limit: q.limit,
    categoryId: q.categoryId,
    log: true,
    now: deps.now(),
  });
}

/** Search-as-you-type: a few hits, fewer candidates ranked, the total counted up to a bound; not logged. */
export async function suggest(deps: ServiceDeps, actor: Actor, q: Query<'suggest'>) {
  const viewer = await kbViewer(deps, actor);
  return store.searchArticles(deps.store.db, deps.store.dialect, center(actor), q.q, viewer, {
    limit: q.limit ?? 8,
    categoryId: q.categoryId,
    candidates: SUGGEST_CANDIDATES,
    countUpTo: SUGGEST_COUNT_UP_TO,
  });
}

export const stats = (deps: ServiceDeps, actor: Actor, days: number) =>
  store.kbStats(deps.store.db, center(actor), deps.now(), { sinceMs: deps.now() - days * DAY_MS });
