import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, freshStore, skipWithoutPostgres } from '../testing';
import { createCenter } from '../org';
import { CORPUS, QUERIES } from '../../core/kb/testCorpus';
import { normaliseString } from '../../core/kb/text';
import { createCategory, searchArticles, type KbViewer } from './articles';
import { foldTermCounts, indexKbArticle, termPassageCounts, unindexKbArticle } from './search';
import { sql } from 'kysely';
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

// PostgreSQL only: SQLite counts FTS5 hits instead of keeping counts
test('kb suggest: the kept lexeme counts follow indexing, re-indexing and removal [postgres]', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const store = await freshStore('postgres');
  t.after(() => store.close());
  const { db, dialect } = store;
  const c = await createCenter(db, 'kb', 'Asia/Shanghai', 0);
  const cat = await createCategory(db, { centerId: c, parentId: null, name: 'faq', module: 'faq' }, null, 0);
  const a = await addArticle(store, c, cat, { title: '账单', body: '燃气费账单查询', views: 1, updatedAt: 1 });
  await addArticle(store, c, cat, { title: '发票', body: '燃气费发票开具', views: 1, updatedAt: 1 });
  // the second method: count the passages that the GIN index matches for the lexeme
  const check = async (label: string) => {
    const kept = (
      await sql<{
        tbl: string;
        term: string;
        passages: string;
      }>`select tbl, term, sum(passages) as passages from (select * from kb_term_freq union all select * from kb_term_freq_delta) x group by tbl, term having sum(passages) <> 0`.execute(
        db,
      )
    ).rows;
    assert.ok(kept.length > 0, label);
    for (const k of kept) {
      const col = sql.ref(k.tbl);
      const n = await sql<{ n: string }>`select count(*) as n from kb_passage where ${col} @@ (quote_literal(${k.term}))::tsquery`.execute(db);
      assert.equal(Number(k.passages), Number(n.rows[0]!.n), `${label}: ${k.tbl} ${k.term}`);
    }
    return new Map(kept.map((k) => [`${k.tbl}:${k.term}`, Number(k.passages)]));
  };
  const first = await check('two articles');
  // 燃 is in both articles; 账 only in the first (title and body may be passages of their own)
  assert.ok(first.get('uni:燃')! >= 2 && first.get('uni:燃')! > first.get('uni:账')! - 1);
  await indexKbArticle(db, dialect, a, '退款', '退款流程');
  const second = await check('re-indexed');
  assert.equal(second.get('uni:账'), undefined, 'the old text of the re-indexed article no longer counts');
  assert.ok((second.get('uni:燃') ?? 0) < first.get('uni:燃')!);
  await unindexKbArticle(db, dialect, a);
  const third = await check('removed');
  assert.equal(third.get('uni:退'), undefined);
  // folding the appended counts into the totals changes no count, and empties the appended rows
  await foldTermCounts(db);
  assert.deepEqual(await check('folded'), third);
  assert.equal(Number((await sql<{ n: string }>`select count(*) as n from kb_term_freq_delta`.execute(db)).rows[0]!.n), 0);
  // a search reads the same counts: 燃 is in the one article left (title and body: 1 or 2 passages)
  const counts = await termPassageCounts(
    db,
    dialect,
    [
      { table: 'uni', term: '燃' },
      { table: 'uni', term: '无' },
    ],
    100,
  );
  assert.equal(counts.get('uni:燃'), third.get('uni:燃'));
  assert.equal(counts.get('uni:无'), 0);
});

forEachDatabase('kb suggest: a warm search-as-you-type is one statement on PostgreSQL', async (_t, store) => {
  const c = await createCenter(store.db, 'kb', 'Asia/Shanghai', 0);
  const cat = await createCategory(store.db, { centerId: c, parentId: null, name: 'faq', module: 'faq' }, null, 0);
  for (let i = 0; i < 6; i++) await addArticle(store, c, cat, { title: `说明${i}`, body: i % 2 ? '燃气费缴纳' : '电话查询', views: i, updatedAt: 1 });
  let statements = 0;
  // transformResult runs once per statement executed (transformQuery also sees the subquery builders)
  const counting = store.db.withPlugin({
    transformQuery: (a) => a.node,
    transformResult: async (a) => {
      statements++;
      return a.result;
    },
  });
  const opts = { limit: 8, candidates: 40, countUpTo: 100 };
  const cold = await searchArticles(counting, store.dialect, c, '燃气 缴纳', agent, opts);
  statements = 0;
  const warm = await searchArticles(counting, store.dialect, c, '燃气 缴纳', agent, opts);
  assert.deepEqual(
    warm.hits.map((h) => h.id),
    cold.hits.map((h) => h.id),
  );
  assert.equal(warm.hits.length, 3);
  // SQLite also asks FTS5 how common each of the pieces' lexemes is (燃气, 缴纳: one bigram each)
  assert.equal(statements, store.dialect === 'postgres' ? 1 : 3);
});
