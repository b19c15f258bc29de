/**
 * Knowledge-base repository: categories, articles with versions, review-before-publish,
 * visibility, attachments, votes, views, search with ranking, statistics. All SQL of the KB.
 *
 * The article row holds what readers see: the published version (or, until anything is
 * published, the first draft, which only editors see). Every save is a new version; a version
 * goes draft → in_review → published (the previous published one becomes superseded) or rejected.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx, type Dialect } from '../db';
import { audit } from '../audit';
import { getSettingCached } from '../org';
import { conflict, forbidden, notFound, validationError } from '../../core/errors';
import { htmlToText, sanitizeArticleHtml } from '../../core/kb/html';
import {
  DEFAULT_SYNONYMS,
  matchesParts,
  parseQuery,
  pieceLeaf,
  toPlan,
  type KbQuery,
  type Piece,
  type Plan,
  type QueryErrorCode,
  type SynonymTable,
} from '../../core/kb/query';
import { compareHits, countHits, highlight, snippet, type RankedHit, type Segment } from '../../core/kb/rank';
import { normaliseString } from '../../core/kb/text';
import { indexKbArticle, matchingIdsSql, termPassageCounts, type TermKey } from './search';

type Db = Kysely<DB>;

import { KB_MODULES, type KbModule } from '../../core/kb/modules';
export { KB_MODULES, type KbModule };

/** Center-editable KB policy (setting `kb.policy`). */
export interface KbPolicy {
  maxAttachmentBytes: number;
  /** Allowed attachment MIME types. */
  attachmentTypes: string[];
  /** Published articles not changed for this many days are "stale". */
  staleDays: number;
  /** The author of a version may not publish it. */
  fourEyes: boolean;
  /** Candidates ranked in the application per query (broad queries pre-order by title hit, views, freshness). */
  candidateCap: number;
}
export const DEFAULT_KB_POLICY: KbPolicy = {
  maxAttachmentBytes: 5 * 1024 * 1024,
  attachmentTypes: [
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'application/pdf',
    'text/plain',
    'text/csv',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ],
  staleDays: 180,
  fourEyes: true,
  candidateCap: 300,
};

export async function kbPolicy(db: Db, centerId: number): Promise<KbPolicy> {
  return { ...DEFAULT_KB_POLICY, ...((await getSettingCached<Partial<KbPolicy>>(db, centerId, 'kb.policy')) ?? {}) };
}
export async function kbSynonyms(db: Db, centerId: number): Promise<SynonymTable> {
  return (await getSettingCached<string[][]>(db, centerId, 'kb.synonyms')) ?? DEFAULT_SYNONYMS;
}

/** Who is reading: roles, teams (null = center-wide, sees every team's articles), editor rights. */
export interface KbViewer {
  userId: number;
  roles: readonly string[];
  teamIds: readonly number[] | null;
  editor: boolean;
}

export interface Visibility {
  /** Empty: every role. */
  roles: string[];
  /** Empty: every team. */
  teamIds: number[];
}

export interface ArticleInput {
  categoryId: number;
  title: string;
  bodyHtml: string;
  tags: string[];
  visibility: Visibility;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Categories

export async function createCategory(
  db: Db,
  c: { centerId: number; parentId: number | null; name: string; module: KbModule; sort?: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    if (c.parentId !== null) {
      const p = await tx.selectFrom('kb_categories').select('id').where('id', '=', c.parentId).where('center_id', '=', c.centerId).executeTakeFirst();
      if (!p) throw validationError('parentId', `unknown parent category ${c.parentId}`, { reason: 'kb.categoryMissing', params: { categoryId: c.parentId } });
    }
    const r = await tx
      .insertInto('kb_categories')
      .values({ center_id: c.centerId, parent_id: c.parentId, name: c.name, module: c.module, sort: c.sort ?? 0, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'kb.category.create', entity: 'kb_category', entityId: r.id, detail: c });
    return r.id;
  });
}

export const listCategories = (db: Db, centerId: number) =>
  db.selectFrom('kb_categories').selectAll().where('center_id', '=', centerId).orderBy('sort').orderBy('id').execute();

// ---------------------------------------------------------------------------------------------
// Articles and versions

function cleanInput(a: ArticleInput) {
  const title = a.title.trim();
  if (!title) throw validationError('title', 'the title is empty', { reason: 'input.required', params: {} });
  if (title.length > 200) throw validationError('title', 'the title is longer than 200 characters', { reason: 'input.tooBigLength', params: { maximum: 200 } });
  const bodyHtml = sanitizeArticleHtml(a.bodyHtml);
  const tags = [...new Set(a.tags.map((t) => t.trim()).filter(Boolean))].sort();
  if (tags.some((t) => t.length > 40))
    throw validationError('tags', 'a tag is longer than 40 characters', { reason: 'kb.tagTooLong', params: { maximum: 40 } });
  return {
    title,
    bodyHtml,
    bodyText: htmlToText(bodyHtml),
    tags,
    visibility: { roles: [...new Set(a.visibility.roles)].sort(), teamIds: [...new Set(a.visibility.teamIds)].sort((x, y) => x - y) },
  };
}

async function assertCategory(db: Db, centerId: number, categoryId: number) {
  const c = await db.selectFrom('kb_categories').select('id').where('id', '=', categoryId).where('center_id', '=', centerId).executeTakeFirst();
  if (!c) throw validationError('categoryId', `unknown category ${categoryId}`, { reason: 'kb.categoryMissing', params: { categoryId } });
}

async function writeRowContent(
  tx: Db,
  dialect: Dialect,
  id: number,
  v: { categoryId: number; title: string; bodyHtml: string; bodyText: string; tags: string[]; visibility: Visibility },
  now: number,
) {
  await tx
    .updateTable('kb_articles')
    .set({
      category_id: v.categoryId,
      title: v.title,
      title_norm: normaliseString(v.title),
      body_html: v.bodyHtml,
      body_text: v.bodyText,
      body_norm: normaliseString(v.bodyText),
      restrict_roles: v.visibility.roles.length ? 1 : 0,
      restrict_teams: v.visibility.teamIds.length ? 1 : 0,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  await tx.deleteFrom('kb_article_tags').where('article_id', '=', id).execute();
  if (v.tags.length)
    await tx
      .insertInto('kb_article_tags')
      .values(v.tags.map((tag) => ({ article_id: id, tag })))
      .execute();
  await tx.deleteFrom('kb_article_access').where('article_id', '=', id).execute();
  const acc = [
    ...v.visibility.roles.map((r) => ({ article_id: id, kind: 'role', value: r })),
    ...v.visibility.teamIds.map((t) => ({ article_id: id, kind: 'team', value: String(t) })),
  ];
  if (acc.length) await tx.insertInto('kb_article_access').values(acc).execute();
  await indexKbArticle(tx, dialect, id, v.title, v.bodyText);
}

export async function createArticle(db: Db, dialect: Dialect, centerId: number, input: ArticleInput, userId: number, now: number): Promise<number> {
  const v = cleanInput(input);
  return withTx(db, async (tx) => {
    await assertCategory(tx, centerId, input.categoryId);
    const r = await tx
      .insertInto('kb_articles')
      .values({
        center_id: centerId,
        category_id: input.categoryId,
        title: v.title,
        title_norm: normaliseString(v.title),
        body_html: v.bodyHtml,
        body_text: v.bodyText,
        body_norm: normaliseString(v.bodyText),
        published: 0,
        archived: 0,
        published_version: null,
        latest_version: 1,
        restrict_roles: 0,
        restrict_teams: 0,
        created_by: userId,
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('kb_versions')
      .values(versionRow(r.id, 1, input.categoryId, v, 'draft', input.note ?? '', userId, now))
      .execute();
    await writeRowContent(tx, dialect, r.id, { ...v, categoryId: input.categoryId }, now);
    await audit(tx, { at: now, userId, action: 'kb.article.create', entity: 'kb_article', entityId: r.id, detail: { title: v.title, version: 1 } });
    return r.id;
  });
}

function versionRow(
  articleId: number,
  version: number,
  categoryId: number,
  v: ReturnType<typeof cleanInput>,
  status: string,
  note: string,
  userId: number,
  now: number,
) {
  return {
    article_id: articleId,
    version,
    category_id: categoryId,
    title: v.title,
    body_html: v.bodyHtml,
    tags: JSON.stringify(v.tags),
    visibility: JSON.stringify(v.visibility),
    status,
    note,
    created_by: userId,
    created_at: now,
    reviewed_by: null,
    reviewed_at: null,
    review_note: null,
  };
}

async function articleRow(db: Db, centerId: number, id: number) {
  const a = await db.selectFrom('kb_articles').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!a) throw notFound('article', id);
  return a;
}

function staleVersion(id: number, current: number, base: number) {
  return conflict(`baseVersion: article ${id} is at version ${current}, this edit was based on version ${base}; reload and try again`, 'baseVersion', {
    reason: 'kb.staleVersion',
    params: { field: 'baseVersion', current, base },
  });
}

/**
 * Saves a new draft version (optionally straight into review). Drafts of unpublished articles also update what editors see.
 * Optimistic concurrency (issue 10): `baseVersion` is the latest version the editor saw; when another save came
 * first the edit is refused with 409 `kb.staleVersion`. Without it, two saves racing for the same next
 * version number still give one success and one 409 (the version bump is conditional), never a 500.
 */
export async function saveVersion(
  db: Db,
  dialect: Dialect,
  centerId: number,
  id: number,
  input: ArticleInput,
  userId: number,
  now: number,
  submit = false,
  baseVersion?: number,
): Promise<number> {
  const v = cleanInput(input);
  return withTx(db, async (tx) => {
    const a = await articleRow(tx, centerId, id);
    if (baseVersion !== undefined && a.latest_version !== baseVersion) throw staleVersion(id, a.latest_version, baseVersion);
    await assertCategory(tx, centerId, input.categoryId);
    const version = a.latest_version + 1;
    // claim the version number first: a concurrent save waits on this row (PostgreSQL) and then updates nothing
    const bumped = await tx
      .updateTable('kb_articles')
      .set({ latest_version: version, updated_at: a.published ? a.updated_at : now })
      .where('id', '=', id)
      .where('latest_version', '=', a.latest_version)
      .executeTakeFirst();
    if (Number(bumped.numUpdatedRows) !== 1) {
      const cur = await tx.selectFrom('kb_articles').select('latest_version').where('id', '=', id).executeTakeFirst();
      throw staleVersion(id, cur?.latest_version ?? version, baseVersion ?? a.latest_version);
    }
    await tx
      .insertInto('kb_versions')
      .values(versionRow(id, version, input.categoryId, v, submit ? 'in_review' : 'draft', input.note ?? '', userId, now))
      .execute();
    if (!a.published) await writeRowContent(tx, dialect, id, { ...v, categoryId: input.categoryId }, now);
    await audit(tx, { at: now, userId, action: 'kb.version.save', entity: 'kb_article', entityId: id, detail: { version, submit, title: v.title } });
    return version;
  });
}

async function versionOf(db: Db, id: number, version: number) {
  const v = await db.selectFrom('kb_versions').selectAll().where('article_id', '=', id).where('version', '=', version).executeTakeFirst();
  if (!v) throw notFound('articleVersion', `${id} v${version}`);
  return v;
}

export async function submitForReview(db: Db, centerId: number, id: number, version: number, userId: number, now: number) {
  await withTx(db, async (tx) => {
    await articleRow(tx, centerId, id);
    const v = await versionOf(tx, id, version);
    if (v.status !== 'draft' && v.status !== 'rejected')
      throw conflict(`version ${version} is ${v.status}; only a draft or rejected version can be sent to review`, 'version', {
        reason: 'kb.notReviewable',
        params: { version, status: v.status },
      });
    await tx.updateTable('kb_versions').set({ status: 'in_review' }).where('id', '=', v.id).execute();
    await audit(tx, { at: now, userId, action: 'kb.version.submit', entity: 'kb_article', entityId: id, detail: { version } });
  });
}

/** A reviewer publishes or rejects a version in review. */
export async function reviewVersion(
  db: Db,
  dialect: Dialect,
  centerId: number,
  id: number,
  version: number,
  decision: 'publish' | 'reject',
  note: string,
  userId: number,
  now: number,
) {
  const policy = await kbPolicy(db, centerId);
  await withTx(db, async (tx) => {
    const a = await articleRow(tx, centerId, id);
    const v = await versionOf(tx, id, version);
    if (v.status !== 'in_review')
      throw conflict(`version ${version} is ${v.status}, not in review`, 'version', { reason: 'kb.notInReview', params: { version } });
    if (policy.fourEyes && v.created_by === userId)
      throw forbidden('the author of a version may not review it (four-eyes rule): another reviewer must', { reason: 'kb.fourEyes' });
    if (decision === 'reject') {
      if (!note.trim()) throw validationError('note', 'say why the version is rejected', { reason: 'kb.rejectNoteRequired' });
      await tx
        .updateTable('kb_versions')
        .set({ status: 'rejected', reviewed_by: userId, reviewed_at: now, review_note: note })
        .where('id', '=', v.id)
        .execute();
    } else {
      await tx.updateTable('kb_versions').set({ status: 'superseded' }).where('article_id', '=', id).where('status', '=', 'published').execute();
      await tx
        .updateTable('kb_versions')
        .set({ status: 'published', reviewed_by: userId, reviewed_at: now, review_note: note })
        .where('id', '=', v.id)
        .execute();
      const tags = JSON.parse(v.tags) as string[];
      const visibility = JSON.parse(v.visibility) as Visibility;
      await writeRowContent(
        tx,
        dialect,
        id,
        { categoryId: v.category_id, title: v.title, bodyHtml: v.body_html, bodyText: htmlToText(v.body_html), tags, visibility },
        now,
      );
      await tx.updateTable('kb_articles').set({ published: 1, archived: 0, published_version: version, published_at: now }).where('id', '=', a.id).execute();
    }
    await audit(tx, { at: now, userId, action: `kb.version.${decision}`, entity: 'kb_article', entityId: id, detail: { version, note } });
  });
}

/** Restoring an old version makes a new draft with its content (it is published through review again). */
export async function restoreVersion(db: Db, dialect: Dialect, centerId: number, id: number, version: number, userId: number, now: number): Promise<number> {
  const old = await versionOf(db, id, version);
  return saveVersion(
    db,
    dialect,
    centerId,
    id,
    {
      categoryId: old.category_id,
      title: old.title,
      bodyHtml: old.body_html,
      tags: JSON.parse(old.tags),
      visibility: JSON.parse(old.visibility),
      note: `restored from version ${version}`,
    },
    userId,
    now,
  );
}

export async function setArchived(db: Db, centerId: number, id: number, archived: boolean, userId: number, now: number) {
  await withTx(db, async (tx) => {
    await articleRow(tx, centerId, id);
    await tx
      .updateTable('kb_articles')
      .set({ archived: archived ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId, action: archived ? 'kb.article.archive' : 'kb.article.unarchive', entity: 'kb_article', entityId: id });
  });
}

export async function listVersions(db: Db, centerId: number, id: number) {
  await articleRow(db, centerId, id);
  const rows = await db
    .selectFrom('kb_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .leftJoin('users as r', 'r.id', 'v.reviewed_by')
    .select([
      'v.version',
      'v.category_id',
      'v.title',
      'v.body_html',
      'v.tags',
      'v.visibility',
      'v.status',
      'v.note',
      'v.created_by',
      'v.created_at',
      'v.reviewed_by',
      'v.reviewed_at',
      'v.review_note',
      'u.display_name as author',
      'r.display_name as reviewer',
    ])
    .where('v.article_id', '=', id)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, tags: JSON.parse(r.tags) as string[], visibility: JSON.parse(r.visibility) as Visibility }));
}

export async function reviewQueue(db: Db, centerId: number) {
  return db
    .selectFrom('kb_versions as v')
    .innerJoin('kb_articles as a', 'a.id', 'v.article_id')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .select(['v.article_id', 'v.version', 'v.title', 'v.note', 'v.created_by', 'v.created_at', 'u.display_name as author', 'a.published'])
    .where('a.center_id', '=', centerId)
    .where('v.status', '=', 'in_review')
    .orderBy('v.created_at')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Visibility

type ArticleQb = ReturnType<typeof baseQuery>;
const baseQuery = (db: Db, centerId: number) => db.selectFrom('kb_articles as a').where('a.center_id', '=', centerId);

function visibleTo<Q extends ArticleQb>(q: Q, v: KbViewer): Q {
  if (v.editor) return q;
  let out = q.where('a.published', '=', 1).where('a.archived', '=', 0) as Q;
  out = out.where((eb) =>
    eb.or([
      eb('a.restrict_roles', '=', 0),
      eb.exists(
        eb
          .selectFrom('kb_article_access as r')
          .select('r.article_id')
          .whereRef('r.article_id', '=', 'a.id')
          .where('r.kind', '=', 'role')
          .where('r.value', 'in', v.roles.length ? [...v.roles] : ['-']),
      ),
    ]),
  ) as Q;
  if (v.teamIds !== null) {
    const teams = v.teamIds.map(String);
    out = out.where((eb) =>
      eb.or([
        eb('a.restrict_teams', '=', 0),
        eb.exists(
          eb
            .selectFrom('kb_article_access as t')
            .select('t.article_id')
            .whereRef('t.article_id', '=', 'a.id')
            .where('t.kind', '=', 'team')
            .where('t.value', 'in', teams.length ? teams : ['-']),
        ),
      ]),
    ) as Q;
  }
  return out;
}

async function tagsOf(db: Db, ids: number[]) {
  const rows = ids.length ? await db.selectFrom('kb_article_tags').selectAll().where('article_id', 'in', ids).orderBy('tag').execute() : [];
  const m = new Map<number, string[]>();
  for (const r of rows) m.set(r.article_id, [...(m.get(r.article_id) ?? []), r.tag]);
  return m;
}

const LIST_COLS = [
  'a.id',
  'a.category_id',
  'a.title',
  'a.published',
  'a.archived',
  'a.published_version',
  'a.latest_version',
  'a.updated_at',
  'a.published_at',
  'a.views',
  'a.helpful_yes',
  'a.helpful_no',
  'a.created_by',
] as const;

export async function listArticles(
  db: Db,
  centerId: number,
  v: KbViewer,
  f: { categoryId?: number; tag?: string; status?: 'published' | 'unpublished' | 'archived' } = {},
) {
  let q = visibleTo(baseQuery(db, centerId), v)
    .select([...LIST_COLS])
    .orderBy('a.updated_at', 'desc')
    .limit(500);
  if (f.categoryId) q = q.where('a.category_id', '=', f.categoryId);
  if (f.tag)
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('kb_article_tags as g').select('g.article_id').whereRef('g.article_id', '=', 'a.id').where('g.tag', '=', f.tag!)),
    );
  if (f.status === 'published') q = q.where('a.published', '=', 1).where('a.archived', '=', 0);
  if (f.status === 'unpublished') q = q.where('a.published', '=', 0);
  if (f.status === 'archived') q = q.where('a.archived', '=', 1);
  const rows = await q.execute();
  const tags = await tagsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, tags: tags.get(r.id) ?? [] }));
}

/** One article as the viewer may see it; counts a view when asked. */
export async function getArticle(db: Db, centerId: number, id: number, v: KbViewer, opts: { countView?: boolean } = {}) {
  const a = await visibleTo(baseQuery(db, centerId), v).selectAll('a').where('a.id', '=', id).executeTakeFirst();
  if (!a) throw notFound('article', id);
  if (opts.countView)
    await db
      .updateTable('kb_articles')
      .set({ views: sql`views + 1` })
      .where('id', '=', id)
      .execute();
  const [tags, access, attachments, vote] = await Promise.all([
    tagsOf(db, [id]),
    db.selectFrom('kb_article_access').select(['kind', 'value']).where('article_id', '=', id).execute(),
    db.selectFrom('kb_attachments').select(['id', 'filename', 'content_type', 'size', 'created_at']).where('article_id', '=', id).orderBy('id').execute(),
    db.selectFrom('kb_votes').select('helpful').where('article_id', '=', id).where('user_id', '=', v.userId).executeTakeFirst(),
  ]);
  return {
    ...a,
    views: a.views + (opts.countView ? 1 : 0),
    tags: tags.get(id) ?? [],
    visibility: {
      roles: access.filter((x) => x.kind === 'role').map((x) => x.value),
      teamIds: access.filter((x) => x.kind === 'team').map((x) => Number(x.value)),
    },
    attachments,
    myVote: vote ? vote.helpful === 1 : null,
  };
}

export async function vote(db: Db, centerId: number, id: number, v: KbViewer, helpful: boolean, now: number) {
  await withTx(db, async (tx) => {
    await getArticle(tx, centerId, id, v);
    await tx.deleteFrom('kb_votes').where('article_id', '=', id).where('user_id', '=', v.userId).execute();
    await tx
      .insertInto('kb_votes')
      .values({ article_id: id, user_id: v.userId, helpful: helpful ? 1 : 0, at: now })
      .execute();
    const c = await tx
      .selectFrom('kb_votes')
      .select([sql<number>`coalesce(sum(helpful), 0)`.as('yes'), sql<number>`count(*)`.as('n')])
      .where('article_id', '=', id)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('kb_articles')
      .set({ helpful_yes: Number(c.yes), helpful_no: Number(c.n) - Number(c.yes) })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId: v.userId, action: 'kb.vote', entity: 'kb_article', entityId: id, detail: { helpful } });
  });
}

// ---------------------------------------------------------------------------------------------
// Attachments

export async function addAttachment(
  db: Db,
  centerId: number,
  id: number,
  file: { filename: string; contentType: string; data: Buffer },
  userId: number,
  now: number,
) {
  const policy = await kbPolicy(db, centerId);
  if (!file.filename.trim() || file.filename.length > 200 || /[\\/\u0000-\u001f]/.test(file.filename))
    throw validationError('filename', 'give a plain file name (no slashes or control characters, at most 200 characters)', {
      reason: 'kb.badFilename',
      params: { maximum: 200 },
    });
  if (!policy.attachmentTypes.includes(file.contentType))
    throw validationError('contentType', `files of type ${file.contentType} are not allowed; allowed: ${policy.attachmentTypes.join(', ')}`, {
      reason: 'kb.fileTypeNotAllowed',
      params: { type: file.contentType, allowed: policy.attachmentTypes.join(', ') },
    });
  if (file.data.length === 0) throw validationError('data', 'the file is empty', { reason: 'kb.fileEmpty', params: {} });
  if (file.data.length > policy.maxAttachmentBytes)
    throw validationError('data', `the file is ${file.data.length} bytes; the limit is ${policy.maxAttachmentBytes} bytes`, {
      reason: 'kb.fileTooLarge',
      params: { bytes: file.data.length, limit: policy.maxAttachmentBytes },
    });
  return withTx(db, async (tx) => {
    await articleRow(tx, centerId, id);
    const r = await tx
      .insertInto('kb_attachments')
      .values({
        article_id: id,
        filename: file.filename,
        content_type: file.contentType,
        size: file.data.length,
        data: file.data,
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId,
      action: 'kb.attachment.add',
      entity: 'kb_article',
      entityId: id,
      detail: { attachment: r.id, filename: file.filename, size: file.data.length },
    });
    return r.id;
  });
}

export async function getAttachment(db: Db, centerId: number, attachmentId: number, v: KbViewer) {
  const f = await db.selectFrom('kb_attachments').selectAll().where('id', '=', attachmentId).executeTakeFirst();
  if (!f) throw notFound('attachment', attachmentId);
  await getArticle(db, centerId, f.article_id, v); // visibility of the article
  return { ...f, data: Buffer.from(f.data) };
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchHit {
  id: number;
  categoryId: number;
  title: Segment[];
  snippet: { segments: Segment[]; cutStart: boolean; cutEnd: boolean };
  titleHits: number;
  bodyHits: number;
  views: number;
  helpfulYes: number;
  updatedAt: number;
  published: boolean;
}

export interface SearchResult {
  query: string;
  /** Matching articles the viewer may see (for search-as-you-type: counted up to a bound). */
  total: number;
  /** True when total stopped at the bound. */
  more?: boolean;
  hits: SearchHit[];
}

/** A search the parser refuses, by its code: the reason the web translates. */
const QUERY_REASON: Record<QueryErrorCode, string> = {
  empty: 'kb.queryEmpty',
  no_searchable_text: 'kb.queryNoText',
  term_too_long: 'kb.queryTermTooLong',
  too_many_terms: 'kb.queryTooManyTerms',
};

/** Parses with the center's synonyms; a query of only punctuation etc. is a validation error on `q`. */
export async function parseKbQuery(db: Db, centerId: number, text: string): Promise<KbQuery> {
  const r = parseQuery(text, { synonyms: await kbSynonyms(db, centerId) });
  if (!r.ok) throw validationError('q', r.error.message, { reason: QUERY_REASON[r.error.code], params: r.error.params ?? {} });
  return r.query;
}

/**
 * Search-as-you-type reads at most this many index hits (passages) of the query's least common
 * term; a term more common than that is not looked up in the index at all (see searchArticles).
 */
export const SUGGEST_INDEX_HITS = 500;

/**
 * The least common term of the query as a plan over the index, if it has at most `max` passage
 * hits (a phrase counted by its least common bigram): per alternative its least common piece (an alternative matches only where that piece
 * does), OR-ed over the alternatives. null when every term is more common than `max`.
 */
async function rareTermPlan(db: Db, dialect: Dialect, q: KbQuery, max: number): Promise<Plan | null> {
  // A phrase is bounded by its least common bigram: one lexeme, which PostgreSQL estimates well
  // (a phrase tsquery under a LIMIT can be planned as a sequential scan that rechecks every row).
  const keysOf = (p: Piece): TermKey[] =>
    p.kind !== 'phrase' ? [{ table: pieceLeaf(p).table, term: p.text }] : p.bigrams.map((b) => ({ table: 'bi', term: b }));
  const keys = new Map<string, TermKey>();
  for (const t of q.terms) for (const a of t.alternatives) for (const p of a.pieces) for (const k of keysOf(p)) keys.set(`${k.table}:${k.term}`, k);
  const counts = await termPassageCounts(db, dialect, [...keys.values()], max + 1);
  const countOf = (p: Piece) => Math.min(...keysOf(p).map((k) => counts.get(`${k.table}:${k.term}`)!));
  let best: { plan: Plan; n: number } | null = null;
  for (const t of q.terms) {
    const leaves: Plan[] = [];
    let n = 0;
    for (const a of t.alternatives) {
      const ns = a.pieces.map(countOf);
      const i = ns.indexOf(Math.min(...ns));
      leaves.push(pieceLeaf(a.pieces[i]!));
      n += ns[i]!;
    }
    if (best === null || n < best.n) best = { plan: leaves.length === 1 ? leaves[0]! : { op: 'or', children: leaves }, n };
  }
  return best !== null && best.n <= max ? best.plan : null;
}

/**
 * SQL condition: every term has an alternative whose pieces all occur in the stored normalised
 * title or body. A substring test: exactly the index's answer for CJK pieces, a superset for
 * words (no word-boundary check), which the application re-checks with the core's matcher.
 */
function containsQuery(dialect: Dialect, q: KbQuery) {
  const has = (col: 'a.title_norm' | 'a.body_norm', text: string) =>
    dialect === 'sqlite' ? sql<boolean>`instr(${sql.ref(col)}, ${text}) > 0` : sql<boolean>`strpos(${sql.ref(col)}, ${text}) > 0`;
  const all = (xs: ReturnType<typeof has>[], op: 'AND' | 'OR') => (xs.length === 1 ? xs[0]! : sql<boolean>`(${sql.join(xs, sql.raw(` ${op} `))})`);
  return all(
    q.terms.map((t) =>
      all(
        t.alternatives.map((a) =>
          all(
            a.pieces.map((p) => sql<boolean>`(${has('a.title_norm', p.text)} OR ${has('a.body_norm', p.text)})`),
            'AND',
          ),
        ),
        'OR',
      ),
    ),
    'AND',
  );
}

export async function searchArticles(
  db: Db,
  dialect: Dialect,
  centerId: number,
  text: string,
  v: KbViewer,
  opts: {
    limit?: number;
    log?: boolean;
    now?: number;
    categoryId?: number;
    candidates?: number;
    /** search-as-you-type: no exact count */ countUpTo?: number;
    /** search-as-you-type: see SUGGEST_INDEX_HITS */ indexHits?: number;
  } = {},
): Promise<SearchResult> {
  const q = await parseKbQuery(db, centerId, text);
  const policy = await kbPolicy(db, centerId);
  const suggest = opts.countUpTo !== undefined;
  let base = visibleTo(baseQuery(db, centerId), v);
  if (!suggest) {
    // the full (logged) search: the exact match set from the index
    base = base.where('a.id', 'in', sql<number>`(${matchingIdsSql(dialect, toPlan(q))})`);
  } else {
    // Search-as-you-type never builds the match set of a common term. If some term has few
    // index hits, its articles are the candidates; otherwise the articles are walked in views
    // order (the views index) and the scan stops at the candidate cap, which comes soon exactly
    // because every term is common. Either way the other terms are checked per candidate, so
    // both ways give the same candidates: the most viewed visible matches.
    const rare = await rareTermPlan(db, dialect, q, opts.indexHits ?? SUGGEST_INDEX_HITS);
    if (rare) base = base.where('a.id', 'in', sql<number>`(${matchingIdsSql(dialect, rare)})`);
    base = base.where(containsQuery(dialect, q));
  }
  if (opts.categoryId) base = base.where('a.category_id', '=', opts.categoryId);
  const firstPiece = q.terms[0]!.alternatives[0]!.pieces[0]!.text;
  const titleHas = dialect === 'sqlite' ? sql<number>`instr(a.title_norm, ${firstPiece})` : sql<number>`strpos(a.title_norm, ${firstPiece})`;
  const cap = opts.candidates ?? policy.candidateCap;
  // exact count for searches; search-as-you-type skips it (each pass over the matches costs as
  // much as the match itself on broad 1-character queries) and reports the candidates found
  const counted = opts.countUpTo ? Promise.resolve(null) : base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
  const cols = [
    'a.id',
    'a.category_id',
    'a.title',
    'a.title_norm',
    'a.body_text',
    'a.body_norm',
    'a.updated_at',
    'a.views',
    'a.helpful_yes',
    'a.published',
  ] as const;
  // Candidates: the most viewed matches, plus matches with the query in the title (a title hit
  // ranks first); both walk the views index and stop early, so broad queries stay cheap. One
  // statement for both, so a warm search-as-you-type is one round trip (issue 16).
  const popularQ = base
    .select([...cols, sql<number>`1`.as('popular')])
    .orderBy('a.views', 'desc')
    .orderBy('a.id')
    .limit(cap);
  const titledQ = base
    .select([...cols, sql<number>`0`.as('popular')])
    .where(sql<boolean>`${titleHas} > 0`)
    .orderBy('a.views', 'desc')
    .orderBy('a.id')
    .limit(Math.max(10, Math.floor(cap / 4)));
  const [countRow, candidates] = await Promise.all([
    counted,
    db
      .selectFrom(titledQ.as('t'))
      .selectAll()
      .unionAll(db.selectFrom(popularQ.as('p')).selectAll())
      .execute(),
  ]);
  const popular = candidates.filter((r) => Number(r.popular) === 1);
  const titled = candidates.filter((r) => Number(r.popular) !== 1);
  let rows = [...new Map([...titled, ...popular].map((r) => [r.id, r])).values()];
  if (suggest) rows = rows.filter((r) => matchesParts([r.title_norm, r.body_norm], q)); // word boundaries
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  // the core's ranking (compareHits / countHits) over the stored normalised text
  const ranked: RankedHit[] = rows
    .map((r) => ({
      id: String(r.id),
      titleHits: countHits(r.title_norm, q),
      bodyHits: countHits(r.body_norm, q),
      updatedAt: new Date(Number(r.updated_at)).toISOString(),
      views: r.views,
      helpfulVotes: r.helpful_yes,
    }))
    .sort(compareHits)
    .slice(0, opts.limit ?? 20);
  const hits = ranked.map((h) => {
    const r = byId.get(h.id)!;
    return {
      id: r.id,
      categoryId: r.category_id,
      title: highlight(r.title, q),
      snippet: snippet(r.body_text, q),
      titleHits: h.titleHits,
      bodyHits: h.bodyHits,
      views: r.views,
      helpfulYes: r.helpful_yes,
      updatedAt: Number(r.updated_at),
      published: r.published === 1,
    };
  });
  const total = countRow ? Number(countRow.n) : rows.length;
  if (opts.log)
    await db
      .insertInto('kb_searches')
      .values({ center_id: centerId, at: opts.now ?? Date.now(), user_id: v.userId, query: text.trim().slice(0, 200), hits: total })
      .execute();
  return { query: text, total, ...(opts.countUpTo ? { more: popular.length >= cap } : {}), hits };
}

// ---------------------------------------------------------------------------------------------
// Statistics

export async function kbStats(db: Db, centerId: number, now: number, opts: { sinceMs?: number; limit?: number } = {}) {
  const policy = await kbPolicy(db, centerId);
  const limit = opts.limit ?? 10;
  const since = opts.sinceMs ?? now - 30 * 86_400_000;
  const pub = db.selectFrom('kb_articles as a').where('a.center_id', '=', centerId).where('a.published', '=', 1).where('a.archived', '=', 0);
  const [mostViewed, noResult, votes, stale, totals] = await Promise.all([
    pub.select(['a.id', 'a.title', 'a.views', 'a.helpful_yes', 'a.helpful_no']).orderBy('a.views', 'desc').orderBy('a.id').limit(limit).execute(),
    db
      .selectFrom('kb_searches')
      .select(['query', sql<number>`count(*)`.as('times'), sql<number>`max(at)`.as('last_at')])
      .where('center_id', '=', centerId)
      .where('hits', '=', 0)
      .where('at', '>=', since)
      .groupBy('query')
      .orderBy(sql`count(*)`, 'desc')
      .orderBy('query')
      .limit(limit)
      .execute(),
    pub
      .select(['a.id', 'a.title', 'a.helpful_yes', 'a.helpful_no'])
      .where(sql<boolean>`a.helpful_yes + a.helpful_no > 0`)
      .orderBy(sql`a.helpful_no * 1.0 / (a.helpful_yes + a.helpful_no)`, 'desc')
      .orderBy('a.id')
      .limit(limit)
      .execute(),
    pub
      .select(['a.id', 'a.title', 'a.updated_at'])
      .where('a.updated_at', '<', now - policy.staleDays * 86_400_000)
      .orderBy('a.updated_at')
      .limit(limit)
      .execute(),
    db
      .selectFrom('kb_articles')
      .select([
        sql<number>`count(*)`.as('articles'),
        sql<number>`coalesce(sum(published), 0)`.as('published'),
        sql<number>`coalesce(sum(views), 0)`.as('views'),
      ])
      .where('center_id', '=', centerId)
      .executeTakeFirstOrThrow(),
  ]);
  const searches = await db
    .selectFrom('kb_searches')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(case when hits = 0 then 1 else 0 end), 0)`.as('zero')])
    .where('center_id', '=', centerId)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return {
    staleDays: policy.staleDays,
    totals: {
      articles: Number(totals.articles),
      published: Number(totals.published),
      views: Number(totals.views),
      searches: Number(searches.n),
      searchesWithoutResult: Number(searches.zero),
    },
    mostViewed,
    noResult: noResult.map((r) => ({ query: r.query, times: Number(r.times), lastAt: Number(r.last_at) })),
    leastHelpful: votes,
    stale,
  };
}
