import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { createCenter } from '../org';
import { CORPUS, QUERIES } from '../../core/kb/testCorpus';
import { normaliseString } from '../../core/kb/text';
import { createCategory, searchArticles, type KbViewer } from './articles';
import { indexKbArticle } from './search';
import type { Store } from '../db';

async function addArticle(
  store: Store,
  centerId: number,
  cat: number,
  a: { title: string; body: string; views: number; updatedAt: number; published?: boolean },
) {
  const row = await store.db
    .insertInto('kb_articles')
    .values({
      center_id: centerId,
      category_id: cat,
      title: a.title,
      title_norm: normaliseString(a.title),
      body_html: a.body,
      body_text: a.body,
      body_norm: normaliseString(a.body),
      published: a.published === false ? 0 : 1,
      archived: 0,
      published_version: 1,
      latest_version: 1,
      restrict_roles: 0,
      restrict_teams: 0,
      created_by: 0,
      created_at: 0,
      updated_at: a.updatedAt,
      published_at: 0,
      views: a.views,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await indexKbArticle(store.db, store.dialect, row.id, a.title, a.body);
  return row.id;
}

const agent: KbViewer = { userId: 1, roles: ['agent'], teamIds: [1], editor: false };

forEachDatabase('kb suggest: both candidate paths find exactly the corpus answers', async (_t, store) => {
  const { db, dialect } = store;
  const c = await createCenter(db, 'kb', 'Asia/Shanghai', 0);
  const cat = await createCategory(db, { centerId: c, parentId: null, name: 'faq', module: 'faq' }, null, 0);
  const corpusId = new Map<number, string>();
  for (const a of CORPUS)
    corpusId.set(await addArticle(store, c, cat, { title: a.title, body: a.body, views: a.views, updatedAt: Date.parse(a.updatedAt) }), a.id);
  for (const { q, expected } of QUERIES) {
    // indexHits 0: every term counts as common, the articles are walked by views; default: the index path
    for (const indexHits of [0, undefined]) {
      const r = await searchArticles(db, dialect, c, q, agent, { limit: 20, candidates: 80, countUpTo: 1000, indexHits });
      assert.deepEqual(r.hits.map((h) => corpusId.get(h.id)).sort(), [...expected].sort(), `${q} (indexHits ${indexHits})`);
      const full = await searchArticles(db, dialect, c, q, agent, { limit: 20 });
      assert.deepEqual(
        r.hits.map((h) => h.id),
        full.hits.map((h) => h.id),
        `${q}: suggest and full search agree`,
      );
    }
  }
});

forEachDatabase('kb suggest: the candidates are the most viewed visible matches, by either path', async (_t, store) => {
  const { db, dialect } = store;
  const c = await createCenter(db, 'kb', 'Asia/Shanghai', 0);
  const cat = await createCategory(db, { centerId: c, parentId: null, name: 'faq', module: 'faq' }, null, 0);
  const ids: number[] = [];
  // 40 articles, views 3·i; the even ones mention 燃气费 once, the odd ones not at all;
  // article 38 (the most viewed match) is unpublished. Same text length and time for all, so
  // the order among matches is by views.
  for (let i = 0; i < 40; i++)
    ids.push(
      await addArticle(store, c, cat, {
        title: `说明${i}`,
        body: i % 2 === 0 ? '燃气费缴纳' : '电话号码查询',
        views: 3 * i,
        updatedAt: 1000,
        published: i !== 38,
      }),
    );
  for (const indexHits of [0, 5, 100]) {
    const r = await searchArticles(db, dialect, c, '费', agent, { limit: 5, candidates: 5, countUpTo: 1000, indexHits });
    // matches visible to agents, most viewed first: 36, 34, 32, 30, 28
    assert.deepEqual(
      r.hits.map((h) => h.id),
      [36, 34, 32, 30, 28].map((i) => ids[i]),
      `indexHits ${indexHits}`,
    );
    assert.equal(r.more, true);
  }
  // word boundaries are re-checked after the substring scan: "sip" is not in "sipx"
  await addArticle(store, c, cat, { title: 'x', body: 'sipx 中继', views: 999, updatedAt: 1000 });
  const w = await addArticle(store, c, cat, { title: 'y', body: 'sip 中继', views: 1, updatedAt: 1000 });
  for (const indexHits of [0, undefined]) {
    const r = await searchArticles(db, dialect, c, 'SIP', agent, { limit: 5, candidates: 5, countUpTo: 1000, indexHits });
    assert.deepEqual(
      r.hits.map((h) => h.id),
      [w],
    );
  }
});
