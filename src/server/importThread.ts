/**
 * Worker thread body of a server import into a SQLite file (issue 16): the upload's parse and store run
 * here with the thread's own connection to the same file, so the server's event loop never waits for a
 * batch. The main thread hands over the upload's bytes one chunk per request (`more` → `chunk` / `end`:
 * at most one chunk in flight), and is told each stored batch's new events (`accepted`: the live floor's
 * listeners run there), the progress, and the report or the refusal at the end.
 *
 * Both threads write the same file: SQLite lets one writer at a time (BEGIN IMMEDIATE, WAL), the other
 * waits up to the store's busy timeout — in a busy handler that sleeps and retries, which can miss every gap
 * between back-to-back transactions here. So the main connection says when it writes or waits to (a shared
 * flag, `Store.writing`) and this thread lets it go first before each transaction, then holds its turn to the
 * end of the transaction, while the main connection waits for that without blocking its event loop
 * (`holdWriteTurn`); and
 * each transaction is sized to last about IMPORT_THREAD_TX_MS from the pace of the last ones, so a live
 * write waits about that long at most while imports still store thousands of events a transaction on a
 * fast machine.
 *
 * What the main thread is told is what its live floor needs: per transaction its sequence range and only
 * its events from `liveFrom` on (an import of past months posts no events at all), gathered for
 * IMPORT_THREAD_POST_MS into one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../core/errors';
import type { CallFloorEvent } from '../core/events';
import type { ImportFormat } from '../ingest/import';
import { importStream } from '../ingest/stream';
import { holdWriteTurn, openStore, releaseWriteTurn, useImportCache } from '../store/db';
import { flushAgentStates, storeEvents } from '../store/live/ingest';
import { defaultSurveyScale } from '../store/surveys';
import {
  IMPORT_THREAD_MAX_EVENTS,
  IMPORT_THREAD_MIN_EVENTS,
  IMPORT_THREAD_POST_MS,
  type ImportThreadData,
  type FromImportThread,
  type StoredBatch,
  type ToImportThread,
} from './importWorker';

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

// what was stored, posted at most every IMPORT_THREAD_POST_MS
let pending: StoredBatch[] = [];
let postedAt = performance.now();
const flushStored = () => {
  if (pending.length) post({ type: 'stored', batches: pending });
  pending = [];
  postedAt = performance.now();
};

/** A transaction of this thread in its write turn: after the main connection's writes, and before its next ones. */
async function inTurn<T>(fn: () => Promise<T>): Promise<T> {
  const { writing, turnSlot } = data;
  if (!writing || turnSlot === undefined) return fn();
  holdWriteTurn(writing, turnSlot);
  try {
    return await fn();
  } finally {
    // were this thread terminated before here, the main thread zeroes its slot when it has ended
    releaseWriteTurn(writing, turnSlot);
  }
}

/** Events in the next transaction: sized so that one lasts about `txMs` at the pace of the last one. */
let size = data.storeEvents;
async function storeSized(events: CallFloorEvent[]) {
  let accepted = 0;
  let duplicates = 0;
  const rejected: NonNullable<Awaited<ReturnType<typeof storeEvents>>['rejected']> = [];
  for (let i = 0; i < events.length;) {
    const part = events.slice(i, i + size);
    i += part.length;
    const t = performance.now();
    const r = await inTurn(() => storeEvents(store, part, { centerId: data.centerId }));
    const ms = performance.now() - t;
    // at most doubled or halved at a time (one slow transaction — a checkpoint, the machine busy — is not the pace)
    if (part.length === size)
      size = Math.round(Math.min(IMPORT_THREAD_MAX_EVENTS, Math.max(IMPORT_THREAD_MIN_EVENTS, size * Math.min(2, Math.max(0.5, data.txMs / Math.max(ms, 1))))));
    accepted += r.accepted.length;
    duplicates += r.duplicates;
    rejected.push(...r.rejected);
    if (r.seqs) {
      // the new telephony events the live floor can need (survey answers are not in the event table)
      const live = r.accepted.filter((e) => e.type !== 'survey' && e.ts >= data.liveFrom);
      pending.push({ ...r.seqs, centerId: r.centerId, events: live });
    }
    if (performance.now() - postedAt >= IMPORT_THREAD_POST_MS) flushStored();
  }
  return { accepted, duplicates, rejected };
}

let last: FromImportThread;
try {
  const report = await importStream(
    data.format as ImportFormat | 'auto',
    chunks(),
    {
      store: storeSized,
      finish: (ts) => inTurn(() => flushAgentStates(store, ts, data.centerId)),
    },
    {
      tz: data.tz,
      window: data.window,
      totalBytes: data.totalBytes,
      batchLines: data.batchLines,
      storeBatch: data.batchLines * 4, // a whole parsed batch to storeSized, which cuts it by time
      onProgress: (p) => post({ type: 'progress', progress: p }),
      optionsFor: async (f) => (f === 'survey-csv' ? { surveyScale: await defaultSurveyScale(store.db, data.centerId) } : {}),
    },
  );
  flushStored();
  last = { type: 'report', report };
} catch (e) {
  flushStored(); // what was committed before the failure stays: the floor is told of it
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
