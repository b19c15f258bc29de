/**
 * POST /api/import streams (issue 16): a file of several server batches with a bad line in the
 * middle (named, the rest stored), its progress by job id, a multipart upload, and a binary file or
 * one of another format refused before anything is stored — on SQLite and PostgreSQL.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { countStoredEvents } from '../../store/live/ingest';
import { testApp, signIn } from '../testing';
import { API_IMPORT_BATCH_LINES } from './liveIngest';

const T0 = Math.floor(Date.UTC(2026, 10, 2, 1, 0) / 1000); // 09:00 Shanghai, epoch seconds

forEachDatabase('import API: streamed upload with a bad line, progress by job, refusals before storing', async (_t, store) => {
  const { app } = await testApp(store);
  const wfm = await signIn(app, 'wfm');
  const post = (query: string, payload: string | Buffer, contentType = 'application/octet-stream') =>
    app.inject({
      method: 'POST',
      url: `/api/import?${query}`,
      headers: { cookie: wfm.cookie, 'x-csrf-token': wfm.csrf, 'content-type': contentType },
      payload,
    });

  // refused first, nothing stored: a binary file, a JSONL file sent as queue_log
  const gz = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.alloc(200, 3)]);
  let r = await post('format=queue_log', gz);
  assert.equal(r.statusCode, 400);
  assert.deepEqual([r.json().reason, r.json().field, r.json().params.kind], ['import.binary', 'file', 'gzip']);
  const jsonl = JSON.stringify({ id: 'j1', ts: T0 * 1000, type: 'agent.login', agent: 'A001' }) + '\n';
  r = await post('format=queue_log', jsonl);
  assert.equal(r.statusCode, 400);
  assert.deepEqual([r.json().reason, r.json().params.detected], ['import.wrongFormat', 'jsonl']);
  assert.equal(await countStoredEvents(store.db), 0);

  // 3 server batches and a bit: callers every 2 s who enter and abandon 5 s later, 2 lines and 2 events each
  const calls = API_IMPORT_BATCH_LINES + 500;
  const lines: string[] = [];
  for (let i = 0; i < calls; i++) lines.push(`${T0 + 2 * i}|c${i}|general|NONE|ENTERQUEUE||1`, `${T0 + 2 * i + 5}|c${i}|general|NONE|ABANDON|1|1|5`);
  const bad = API_IMPORT_BATCH_LINES + 1; // a line in the middle, past the first batch
  lines.splice(bad - 1, 0, `${T0 + 10}|c-bad|general|NONE|ENTER-QUEUE`);
  const file = lines.join('\n') + '\n';
  r = await post('format=auto&job=job-12345678', file);
  assert.equal(r.statusCode, 200, r.body);
  const rep = r.json();
  assert.equal(rep.format, 'queue_log');
  assert.equal(rep.linesRead, 2 * calls + 1);
  assert.equal(rep.eventsStored, 2 * calls);
  assert.equal(rep.duplicates, 0);
  assert.equal(rep.rejectedTotal, 1);
  assert.deepEqual([rep.rejected[0].line, rep.rejected[0].code, rep.rejected[0].params.value], [bad, 'import.eventName', 'ENTER-QUEUE']);
  assert.equal(rep.firstTs, T0 * 1000);
  assert.equal(rep.lastTs, (T0 + 2 * (calls - 1) + 5) * 1000);
  assert.equal(await countStoredEvents(store.db), 2 * calls);
  // the job's progress, after the end: all of the file
  const p = await wfm.req('GET', '/api/import/progress/job-12345678');
  assert.equal(p.status, 200);
  assert.equal(p.body.state, 'done');
  assert.equal(p.body.bytes, Buffer.byteLength(file));
  assert.equal(p.body.lines, 2 * calls + 1);
  assert.equal(p.body.eventsStored, 2 * calls);
  // another user does not see it; an unknown job is waiting
  const admin = await signIn(app, 'admin');
  assert.equal((await admin.req('GET', '/api/import/progress/job-12345678')).body.state, 'waiting');

  // the same file again as multipart: all duplicates, the bad line named again
  const boundary = 'cf-boundary-7';
  const mp = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="queue_log"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  r = await post('format=queue_log', mp, `multipart/form-data; boundary=${boundary}`);
  assert.equal(r.statusCode, 200, r.body);
  assert.deepEqual([r.json().eventsStored, r.json().duplicates, r.json().rejectedTotal], [0, 2 * calls, 1]);
  assert.equal(await countStoredEvents(store.db), 2 * calls);
  await app.close();
});
