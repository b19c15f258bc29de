/**
 * A refused knowledge-base save says why in the user's language (issue 14): an unknown category, an
 * empty title, a version that cannot go to review, an attachment's type or size and a search of only
 * punctuation each carry a stable reason with their figures, name the field, and store nothing.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { putSetting } from '../../store/org';
import { testApp } from '../testing';

forEachDatabase('a refused KB save names its reason and figures; nothing is stored', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const trainer = await as('trainer');
    const agent = await as('a1');
    const refusal = (r: { status: number; body: { field?: string; reason?: string; params?: unknown } }) => [
      r.status,
      r.body.field,
      r.body.reason,
      r.body.params,
    ];
    const cat = await trainer.req('POST', '/api/kb/categories', { name: '业务流程', module: 'process' });
    assert.equal(cat.status, 200);
    const article = (over: object) => ({ categoryId: cat.body.id, title: '燃气报修派工流程', tags: ['派工'], bodyHtml: '<p>先核实地址</p>', ...over });

    assert.deepEqual(refusal(await trainer.req('POST', '/api/kb/articles', article({ categoryId: 9999 }))), [
      400,
      'categoryId',
      'kb.categoryMissing',
      { categoryId: 9999 },
    ]);
    // a title of spaces only passes the schema's length and is empty once trimmed
    assert.deepEqual(refusal(await trainer.req('POST', '/api/kb/articles', article({ title: '   ' }))), [400, 'title', 'input.required', {}]);
    assert.deepEqual((await trainer.req('GET', '/api/kb/articles')).body, [], 'no article stored');

    const created = await trainer.req('POST', '/api/kb/articles', article({ submit: true }));
    assert.equal(created.status, 200);
    const id = created.body.id as number;
    // a new version with an empty title is refused too, and the article keeps its one version
    assert.deepEqual(refusal(await trainer.req('PUT', `/api/kb/articles/${id}`, article({ title: ' ', baseVersion: 1 }))), [
      400,
      'title',
      'input.required',
      {},
    ]);
    // version 1 is already in review: it cannot be sent again
    assert.deepEqual(refusal(await trainer.req('POST', `/api/kb/articles/${id}/versions/1/submit`)), [
      409,
      'version',
      'kb.notReviewable',
      { version: 1, status: 'in_review' },
    ]);
    assert.equal((await trainer.req('GET', `/api/kb/articles/${id}/versions`)).body.length, 1);

    // attachments under a policy of plain text up to 8 bytes
    await putSetting(store.db, org.centerId, 'kb.policy', { maxAttachmentBytes: 8, attachmentTypes: ['text/plain', 'application/pdf'] }, 0);
    const attach = (filename: string, contentType: string, data: Buffer) =>
      trainer.req('POST', `/api/kb/articles/${id}/attachments`, { filename, contentType, dataBase64: data.toString('base64') });
    assert.deepEqual(refusal(await attach('x.exe', 'application/x-msdownload', Buffer.from('MZ'))), [
      400,
      'contentType',
      'kb.fileTypeNotAllowed',
      { type: 'application/x-msdownload', allowed: 'text/plain, application/pdf' },
    ]);
    assert.deepEqual(refusal(await attach('a.txt', 'text/plain', Buffer.alloc(9))), [400, 'data', 'kb.fileTooLarge', { bytes: 9, limit: 8 }]);
    assert.deepEqual(refusal(await attach('a.txt', 'text/plain', Buffer.alloc(0))), [400, 'data', 'kb.fileEmpty', {}]);
    assert.deepEqual(refusal(await attach('../a.txt', 'text/plain', Buffer.from('hi'))), [400, 'filename', 'kb.badFilename', { maximum: 200 }]);

    // a search of punctuation only
    assert.deepEqual(refusal(await agent.req('GET', `/api/kb/search?q=${encodeURIComponent('！？')}`)), [400, 'q', 'kb.queryNoText', {}]);
  } finally {
    await app.close();
  }
});
