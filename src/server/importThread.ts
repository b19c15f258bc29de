/**
 * Worker thread body of a server import into a SQLite file (issue 16): the upload's parse and store run
 * here with the thread's own connection to the same file, so the server's event loop never waits for a
 * batch. The main thread hands over the upload's bytes one chunk per request (`more` → `chunk` / `end`:
 * at most one chunk in flight), and is told each stored batch's new events (`accepted`: the live floor's
 * listeners run there), the progress, and the report or the refusal at the end.
 *
 * Both threads write the same file: SQLite lets one writer at a time (BEGIN IMMEDIATE, WAL), the other
 * waits up to the store's busy timeout. Batches here are kept short (IMPORT_THREAD_STORE_EVENTS events a
 * transaction) so a live push on the main thread waits tens of milliseconds at most.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../core/errors';
import type { CallFloorEvent } from '../core/events';
import type { ImportFormat } from '../ingest/import';
import { importStream } from '../ingest/stream';
import { openStore, useImportCache } from '../store/db';
import { flushAgentStates, storeEvents } from '../store/live/ingest';
import { defaultSurveyScale } from '../store/surveys';
import type { ImportThreadData, FromImportThread, ToImportThread } from './importWorker';

const data = workerData as ImportThreadData;
const port = parentPort!;
const post = (m: FromImportThread) => port.postMessage(m);

let answer: ((m: ToImportThread) => void) | null = null;
port.on('message', (m: ToImportThread) => {
  const a = answer;
  answer = null;
  a?.(m);
});

/** The upload's bytes, asked for one chunk at a time. */
async function* chunks(): AsyncGenerator<Buffer> {
  for (;;) {
    const m = await new Promise<ToImportThread>((resolve) => {
      answer = resolve;
      post({ type: 'more' });
    });
    if (m.type === 'end') return;
    if (m.type === 'abort') throw new Error('the upload ended early');
    yield Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  }
}

const store = await openStore({ file: data.file });
useImportCache(store); // this connection is the import's alone
let last: FromImportThread;
try {
  const report = await importStream(
    data.format as ImportFormat | 'auto',
    chunks(),
    {
      async store(events: CallFloorEvent[]) {
        const r = await storeEvents(store, events, { centerId: data.centerId });
        // what acceptEvents hands its listeners: the new telephony events (survey answers are stored apart)
        const tel = r.accepted.some((e) => e.type === 'survey') ? r.accepted.filter((e) => e.type !== 'survey') : r.accepted;
        if (tel.length) post({ type: 'accepted', events: tel, centerId: r.centerId ?? data.centerId });
        return { accepted: r.accepted.length, duplicates: r.duplicates, rejected: r.rejected };
      },
      finish: (ts) => flushAgentStates(store, ts, data.centerId),
    },
    {
      tz: data.tz,
      window: data.window,
      totalBytes: data.totalBytes,
      batchLines: data.batchLines,
      storeBatch: data.storeBatch,
      onProgress: (p) => post({ type: 'progress', progress: p }),
      optionsFor: async (f) => (f === 'survey-csv' ? { surveyScale: await defaultSurveyScale(store.db, data.centerId) } : {}),
    },
  );
  last = { type: 'report', report };
} catch (e) {
  // a refusal crosses the thread as its parts and is made again on the other side
  const err = e as Error;
  last = {
    type: 'error',
    message: err.message,
    ...(e instanceof DomainError ? { domain: { code: e.code, field: e.field, reason: e.reason, params: e.params } } : {}),
  };
} finally {
  await store.close();
}
// the answer once the connection is closed: no transaction of this thread is open when the main thread goes on
post(last);
port.close();
