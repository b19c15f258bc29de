import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { putSetting } from '../../store/org';
import { testApp } from '../testing';

forEachDatabase('KB API: write, review, search, vote, attachments, roles', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  const trainer = await as('trainer');
  const manager = await as('center_manager');
  const agent = await as('a1');

  const cat = await trainer.req('POST', '/api/kb/categories', { name: '业务流程', module: 'process' });
  assert.equal(cat.status, 200);
  assert.equal((await agent.req('POST', '/api/kb/categories', { name: 'x', module: 'faq' })).status, 403);
  const bad = await trainer.req('POST', '/api/kb/categories', { name: 'x', module: 'nonsense' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, 'body.module');

  const created = await trainer.req('POST', '/api/kb/articles', {
    categoryId: cat.body.id,
    title: '燃气报修派工流程',
    tags: ['派工'],
    submit: true,
    bodyHtml:
      '<h2>步骤</h2><p>先核实地址<img src=x onerror="alert(document.cookie)"></p><a href="javascript:alert(1)">点我</a><script>fetch("/api/users")</script>',
  });
  assert.equal(created.status, 200);
  const id = created.body.id;
  assert.equal((await agent.req('GET', `/api/kb/articles/${id}`)).status, 404); // in review, not published
  const queue = await manager.req('GET', '/api/kb/review-queue');
  assert.deepEqual(
    queue.body.map((q: any) => q.article_id),
    [id],
  );
  assert.equal((await trainer.req('POST', `/api/kb/articles/${id}/versions/1/review`, { decision: 'publish' })).status, 403); // not a reviewer
  const noNote = await manager.req('POST', `/api/kb/articles/${id}/versions/1/review`, { decision: 'reject', note: ' ' });
  assert.deepEqual([noNote.status, noNote.body.field, noNote.body.reason], [400, 'note', 'kb.rejectNoteRequired']);
  assert.equal((await manager.req('POST', `/api/kb/articles/${id}/versions/1/review`, { decision: 'publish' })).status, 200);
  const again = await manager.req('POST', `/api/kb/articles/${id}/versions/1/review`, { decision: 'publish' });
  assert.deepEqual([again.status, again.body.reason], [409, 'kb.notInReview']);
  // four eyes: the author of a version does not publish it
  const own = await manager.req('POST', '/api/kb/articles', { categoryId: cat.body.id, title: '自审', tags: [], submit: true, bodyHtml: '<p>x</p>' });
  const self = await manager.req('POST', `/api/kb/articles/${own.body.id}/versions/1/review`, { decision: 'publish' });
  assert.deepEqual([self.status, self.body.reason], [403, 'kb.fourEyes']);

  const view = await agent.req('GET', `/api/kb/articles/${id}`);
  assert.equal(view.status, 200);
  assert.doesNotMatch(view.body.body_html, /script|onerror|javascript:/);
  assert.equal(view.body.views, 1);

  // Traditional query finds the Simplified article; highlight segments are plain data
  const s = await agent.req('GET', `/api/kb/suggest?q=${encodeURIComponent('報修')}`);
  assert.equal(s.status, 200);
  assert.equal(s.body.total, 1);
  assert.deepEqual(s.body.hits[0].title, [
    { text: '燃气', hit: false },
    { text: '报修', hit: true },
    { text: '派工流程', hit: false },
  ]);
  const punct = await agent.req('GET', `/api/kb/search?q=${encodeURIComponent('！？')}`);
  assert.equal(punct.status, 400);
  assert.equal(punct.body.field, 'q');
  await agent.req('GET', `/api/kb/search?q=${encodeURIComponent('抄表')}`); // no result, logged

  assert.equal((await agent.req('POST', `/api/kb/articles/${id}/vote`, { helpful: true })).status, 200);
  const stats = await manager.req('GET', '/api/kb/stats');
  assert.equal(stats.status, 200);
  assert.deepEqual(
    stats.body.noResult.map((r: any) => r.query),
    ['抄表'],
  );
  assert.equal(stats.body.mostViewed[0].helpful_yes, 1);
  assert.equal((await agent.req('GET', '/api/kb/stats')).status, 403);

  // attachments: a forbidden type and a too-large file are refused with the field named
  await putSetting(store.db, org.centerId, 'kb.policy', { maxAttachmentBytes: 8 }, 0);
  const exe = await trainer.req('POST', `/api/kb/articles/${id}/attachments`, {
    filename: 'x.exe',
    contentType: 'application/x-msdownload',
    dataBase64: 'TVo=',
  });
  assert.equal(exe.status, 400);
  assert.equal(exe.body.field, 'contentType');
  const big = await trainer.req('POST', `/api/kb/articles/${id}/attachments`, {
    filename: 'a.txt',
    contentType: 'text/plain',
    dataBase64: Buffer.alloc(9).toString('base64'),
  });
  assert.equal(big.status, 400);
  assert.equal(big.body.field, 'data');
  const ok = await trainer.req('POST', `/api/kb/articles/${id}/attachments`, {
    filename: '说明.txt',
    contentType: 'text/plain',
    dataBase64: Buffer.from('hello').toString('base64'),
  });
  assert.equal(ok.status, 200);
  const dl = await app.inject({ method: 'GET', url: `/api/kb/attachments/${ok.body.id}`, headers: { cookie: agent.cookie } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.body, 'hello');
  assert.equal(dl.headers['x-content-type-options'], 'nosniff');
  await app.close();
});
