/** Bulk import of Markdown articles (the CLI's `kb import`): categories by path "父/子", one transaction per file. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import type { Dialect } from '../db';
import { withTx } from '../db';
import { audit } from '../audit';
import { htmlToText } from '../../core/kb/html';
import { normaliseString } from '../../core/kb/text';
import { indexKbArticle } from './search';
import { KB_MODULES, createArticle, createCategory, type KbModule } from './articles';

export async function categoryByPath(db: Kysely<DB>, centerId: number, path: string, module: KbModule, userId: number | null, now: number): Promise<number> {
  let parent: number | null = null;
  for (const name of path
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)) {
    let q = db.selectFrom('kb_categories').select('id').where('center_id', '=', centerId).where('name', '=', name);
    q = parent === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parent);
    const found: { id: number } | undefined = await q.executeTakeFirst();
    parent = found ? found.id : await createCategory(db, { centerId, parentId: parent, name, module }, userId, now);
  }
  if (parent === null) throw new Error('empty category path');
  return parent;
}

export const isModule = (m: string): m is KbModule => (KB_MODULES as readonly string[]).includes(m);

/**
 * Imports one article as version 1. With `publish` the version is published at once (a center
 * bringing content it already uses); otherwise it waits in the review queue.
 */
export async function importArticle(
  db: Kysely<DB>,
  dialect: Dialect,
  centerId: number,
  a: { title: string; category: string; module: KbModule; tags: string[]; html: string },
  userId: number,
  now: number,
  publish: boolean,
) {
  return withTx(db, async (tx) => {
    const categoryId = await categoryByPath(tx, centerId, a.category, a.module, userId, now);
    const id = await createArticle(
      tx,
      dialect,
      centerId,
      { categoryId, title: a.title, bodyHtml: a.html, tags: a.tags, visibility: { roles: [], teamIds: [] }, note: 'imported' },
      userId,
      now,
    );
    await tx
      .updateTable('kb_versions')
      .set({
        status: publish ? 'published' : 'in_review',
        reviewed_by: publish ? userId : null,
        reviewed_at: publish ? now : null,
        review_note: publish ? 'imported, published by the import' : null,
      })
      .where('article_id', '=', id)
      .execute();
    if (publish) await tx.updateTable('kb_articles').set({ published: 1, published_version: 1, published_at: now }).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: publish ? 'kb.import.publish' : 'kb.import', entity: 'kb_article', entityId: id, detail: { title: a.title } });
    return id;
  });
}

/** Re-exported for the benchmark: index text without going through articles. */
export { indexKbArticle, htmlToText, normaliseString };
