import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { createCenter, createUser, putSetting } from '../org';
import { listAudit } from '../audit';
import { DomainError } from '../../core/errors';
import {
  addAttachment,
  createArticle,
  createCategory,
  getArticle,
  kbStats,
  listArticles,
  listVersions,
  restoreVersion,
  reviewQueue,
  reviewVersion,
  saveVersion,
  searchArticles,
  submitForReview,
  vote,
  type KbViewer,
} from './articles';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);

forEachDatabase('kb: sanitising, versions, review, visibility, search, attachments, statistics', async (_t, { db, dialect }) => {
  const c = await createCenter(db, '测试中心', 'Asia/Shanghai', T0);
  const mk = (u: string, r: 'trainer' | 'center_manager' | 'agent') =>
    createUser(db, { username: u, displayName: u, passwordHash: 'x', roles: [r], centerId: c }, T0);
  const trainer = await mk('trainer', 'trainer');
  const manager = await mk('manager', 'center_manager');
  const agentU = await mk('agent', 'agent');
  const editor: KbViewer = { userId: trainer, roles: ['trainer'], teamIds: null, editor: true };
  const agent: KbViewer = { userId: agentU, roles: ['agent'], teamIds: [7], editor: false };
  const agentOtherTeam: KbViewer = { ...agent, teamIds: [8] };
  const qa: KbViewer = { userId: manager, roles: ['qa'], teamIds: null, editor: false };

  const faq = await createCategory(db, { centerId: c, parentId: null, name: '常见问题', module: 'faq' }, trainer, T0);
  const sub = await createCategory(db, { centerId: c, parentId: faq, name: '账务', module: 'faq' }, trainer, T0);
  await assert.rejects(
    createCategory(db, { centerId: c, parentId: 999, name: 'x', module: 'faq' }, trainer, T0),
    (e: unknown) => e instanceof DomainError && e.field === 'parentId',
  );

  // rich text is sanitised on the way in
  const body =
    '<p onclick="steal()">坐席后处理时长的计算<script>alert(1)</script></p><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">链接</a><a href="https://example.com">官网</a>';
  const a1 = await createArticle(
    db,
    dialect,
    c,
    { categoryId: sub, title: '后处理时长说明', bodyHtml: body, tags: ['后处理', '话务'], visibility: { roles: [], teamIds: [] } },
    trainer,
    T0,
  );
  const draft = await getArticle(db, c, a1, editor);
  assert.doesNotMatch(draft.body_html, /script|onerror|onclick|javascript:/i);
  assert.match(draft.body_html, /<a rel="noopener noreferrer" href="https:\/\/example.com">官网<\/a>/);
  assert.equal(draft.body_text.includes('alert'), false);
  // unknown category: nothing saved
  await assert.rejects(
    createArticle(db, dialect, c, { categoryId: 999, title: 'x', bodyHtml: 'y', tags: [], visibility: { roles: [], teamIds: [] } }, trainer, T0),
    (e: unknown) => e instanceof DomainError && e.field === 'categoryId',
  );
  assert.equal((await listArticles(db, c, editor)).length, 1);

  // unpublished: agents neither see nor find it
  await assert.rejects(getArticle(db, c, a1, agent), (e: unknown) => e instanceof DomainError && e.code === 'not_found');
  assert.equal((await searchArticles(db, dialect, c, '后处理', agent)).total, 0);
  assert.equal((await searchArticles(db, dialect, c, '后处理', editor)).total, 1);

  // review: the author may not publish their own version; a reviewer can
  await submitForReview(db, c, a1, 1, trainer, T0 + 1);
  assert.deepEqual(
    (await reviewQueue(db, c)).map((r) => [r.article_id, r.version]),
    [[a1, 1]],
  );
  await assert.rejects(
    reviewVersion(db, dialect, c, a1, 1, 'publish', '', trainer, T0 + 2),
    (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
  );
  await reviewVersion(db, dialect, c, a1, 1, 'publish', '', manager, T0 + 2);
  assert.deepEqual(await reviewQueue(db, c), []);

  // search: Traditional query finds Simplified text, 1-char and 2-char queries, highlight in the original
  const r = await searchArticles(db, dialect, c, '後處理', agent, { log: true, now: T0 + 3 });
  assert.equal(r.total, 1);
  assert.deepEqual(r.hits[0]!.title, [
    { text: '后处理', hit: true },
    { text: '时长说明', hit: false },
  ]);
  assert.equal((await searchArticles(db, dialect, c, '账', agent)).total, 0); // 账 only in the category name, not the article
  assert.equal((await searchArticles(db, dialect, c, '长', agent)).total, 1);
  assert.equal((await searchArticles(db, dialect, c, '坐席', agent)).total, 1);
  assert.equal((await searchArticles(db, dialect, c, '座席', agent)).total, 1); // synonym
  assert.equal((await searchArticles(db, dialect, c, 'alert', agent)).total, 0); // the script's text is gone
  await assert.rejects(
    searchArticles(db, dialect, c, '？！。', agent),
    (e: unknown) => e instanceof DomainError && e.field === 'q' && /punctuation/.test(e.message),
  );

  // a new version does not change what readers see until it is published; restore makes a new draft
  const v2 = await saveVersion(
    db,
    dialect,
    c,
    a1,
    { categoryId: sub, title: '后处理时长说明（修订）', bodyHtml: '<p>新的内容：转接率</p>', tags: ['后处理'], visibility: { roles: [], teamIds: [7] } },
    trainer,
    T0 + 4,
    true,
  );
  assert.equal(v2, 2);
  assert.equal((await getArticle(db, c, a1, agent)).title, '后处理时长说明');
  assert.equal((await searchArticles(db, dialect, c, '转接率', agent)).total, 0);
  await reviewVersion(db, dialect, c, a1, 2, 'publish', '改得好', manager, T0 + 5);
  assert.equal((await searchArticles(db, dialect, c, '转接率', agent)).total, 1);
  assert.equal((await searchArticles(db, dialect, c, '转接率', agentOtherTeam)).total, 0); // team-restricted now
  assert.equal((await searchArticles(db, dialect, c, '转接率', qa)).total, 1); // center-wide role
  const v3 = await restoreVersion(db, dialect, c, a1, 1, trainer, T0 + 6);
  assert.equal(v3, 3);
  const versions = await listVersions(db, c, a1);
  assert.deepEqual(
    versions.map((v) => [v.version, v.status]),
    [
      [3, 'draft'],
      [2, 'published'],
      [1, 'superseded'],
    ],
  );
  assert.equal(versions[0]!.title, '后处理时长说明');
  await assert.rejects(reviewVersion(db, dialect, c, a1, 3, 'publish', '', manager, T0 + 7), (e: unknown) => e instanceof DomainError && e.code === 'conflict');
  await submitForReview(db, c, a1, 3, trainer, T0 + 7);
  await assert.rejects(reviewVersion(db, dialect, c, a1, 3, 'reject', ' ', manager, T0 + 8), (e: unknown) => e instanceof DomainError && e.field === 'note');
  await reviewVersion(db, dialect, c, a1, 3, 'reject', '旧版已过时', manager, T0 + 8);

  // role-restricted article
  const a2 = await createArticle(
    db,
    dialect,
    c,
    { categoryId: faq, title: '质检内部评分口径', bodyHtml: '<p>致命项</p>', tags: [], visibility: { roles: ['qa'], teamIds: [] } },
    trainer,
    T0 + 9,
  );
  await submitForReview(db, c, a2, 1, trainer, T0 + 9);
  await reviewVersion(db, dialect, c, a2, 1, 'publish', '', manager, T0 + 9);
  assert.equal((await searchArticles(db, dialect, c, '致命', agent)).total, 0);
  assert.equal((await searchArticles(db, dialect, c, '致命', qa)).total, 1);

  // attachments: type allowlist and size limit give clear errors
  await putSetting(db, c, 'kb.policy', { maxAttachmentBytes: 10 }, T0);
  await assert.rejects(
    addAttachment(db, c, a1, { filename: 'a.exe', contentType: 'application/x-msdownload', data: Buffer.from('MZ') }, trainer, T0),
    (e: unknown) => e instanceof DomainError && e.field === 'contentType',
  );
  await assert.rejects(
    addAttachment(db, c, a1, { filename: 'big.txt', contentType: 'text/plain', data: Buffer.alloc(11) }, trainer, T0),
    (e: unknown) => e instanceof DomainError && e.field === 'data' && /limit is 10 bytes/.test(e.message),
  );
  const att = await addAttachment(db, c, a1, { filename: 'ok.txt', contentType: 'text/plain', data: Buffer.from('hello') }, trainer, T0);
  assert.deepEqual(
    (await getArticle(db, c, a1, agent)).attachments.map((x) => [x.id, x.size]),
    [[att, 5]],
  );

  // views, votes, statistics
  await getArticle(db, c, a1, agent, { countView: true });
  await getArticle(db, c, a1, qa, { countView: true });
  await vote(db, c, a1, agent, false, T0 + 10);
  await vote(db, c, a1, agent, true, T0 + 11); // changes the vote, not counted twice
  await vote(db, c, a1, qa, false, T0 + 11);
  await searchArticles(db, dialect, c, '不存在的词', agent, { log: true, now: T0 + 12 });
  await searchArticles(db, dialect, c, '不存在的词', agent, { log: true, now: T0 + 13 });
  const s = await kbStats(db, c, T0 + 200 * DAY, { sinceMs: T0 });
  assert.deepEqual(
    s.mostViewed.map((x) => [x.id, x.views]),
    [
      [a1, 2],
      [a2, 0],
    ],
  );
  assert.deepEqual(
    s.leastHelpful.map((x) => [x.id, x.helpful_yes, x.helpful_no]),
    [[a1, 1, 1]],
  );
  assert.deepEqual(s.noResult, [{ query: '不存在的词', times: 2, lastAt: T0 + 13 }]);
  assert.deepEqual(
    s.stale.map((x) => x.id),
    [a1, a2],
  ); // 180 days default
  assert.equal(s.totals.searches, 3);

  const actions = (await listAudit(db, { entity: 'kb_article', entityId: String(a1) })).map((x) => x.action);
  for (const a of ['kb.article.create', 'kb.version.submit', 'kb.version.publish', 'kb.version.save', 'kb.version.reject', 'kb.attachment.add', 'kb.vote'])
    assert.ok(actions.includes(a), a);
});
