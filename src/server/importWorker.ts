/**
 * A server import into a SQLite file runs its parse and store in a worker thread (src/server/importThread.ts)
 * with its own connection to the same file (issue 16): better-sqlite3 is synchronous, so a batch stored on
 * the main thread held every other request for its duration (/api/health p99 0.3–1.4 s during an upload).
 * PostgreSQL (asynchronous I/O) and an in-memory SQLite database (not shared between connections) import
 * on the main thread as before.
 */
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorCode, type ErrorDetail } from '../core/errors';
import type { CallFloorEvent } from '../core/events';
import type { TimeWindow } from '../core/live/eventWindow';
import type { Tz } from '../core/timezone';
import type { ImportFormat, ImportReport } from '../ingest/import';
import type { ImportProgress } from '../ingest/stream';
import { endTurnSlot, takeTurnSlot, type Store } from '../store/db';
import { RUNNING_BUILT } from './paths';

/**
 * How long one transaction of the import thread should hold the write lock (ms): a live write on the main
 * thread waits at most about this long (it raises `Store.writing` and the thread lets it go first at its
 * next transaction). The thread sizes its transactions to it from the last ones' pace (the CLI's own
 * transactions are ~11,000 events; here a few hundred to a few thousand, by the machine's speed).
 */
export const IMPORT_THREAD_TX_MS = 40;
/** Events in the thread's first transaction (then sized by time), and the bounds of that size. */
export const IMPORT_THREAD_STORE_EVENTS = 1_000;
export const IMPORT_THREAD_MIN_EVENTS = 100;
export const IMPORT_THREAD_MAX_EVENTS = 20_000;
/** Lines parsed between two stores in the import thread (parsing there holds nobody). */
export const IMPORT_THREAD_BATCH_LINES = 20_000;
/** The thread tells the main thread what it stored at most this often (ms), in one message. */
export const IMPORT_THREAD_POST_MS = 250;

/** What an import is: the SQLite file, the format asked for, the door's center, the file's zone, the plausible times, its size. */
interface ThreadImport {
  file: string;
  format: ImportFormat | 'auto';
  centerId: number;
  tz?: Tz;
  window?: TimeWindow;
  totalBytes?: number;
}
/** What the thread is started with. */
export interface ImportThreadData extends ThreadImport {
  batchLines: number;
  /** events of the first transaction; then sized to `txMs` */
  storeEvents: number;
  txMs: number;
  /** the main connection's write flag (`Store.writing`): the thread waits for it before each transaction */
  writing?: Int32Array;
  /** the thread's own slot in `writing` (1 while it holds its turn): the main thread zeroes it when the thread has ended */
  turnSlot?: number;
  /** events before this time (epoch ms) are not posted to the main thread (older than any live floor's window) */
  liveFrom: number;
}
/** One stored transaction: its rows are the store's (after, last]; `events`, those of them from `liveFrom` on. */
export interface StoredBatch {
  after: number;
  last: number;
  centerId: number;
  events: CallFloorEvent[];
}
export type ToImportThread = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'abort' };
export type FromImportThread =
  | { type: 'more' }
  | { type: 'stored'; batches: StoredBatch[] }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; message: string; domain?: { code: DomainErrorCode; field?: string; reason?: string; params?: ErrorDetail['params'] } };

/** Hours a center's zone may be ahead of UTC: its "today" begins at most this long before UTC's. */
const MAX_ZONE_AHEAD_MS = 14 * 3_600_000;

/** The earliest event a live floor can need at `now`: the start of "today" in any zone, less the longest open state. */
export function liveFloorFrom(now: number, maxStateMs: number): number {
  return now - 86_400_000 - MAX_ZONE_AHEAD_MS - maxStateMs;
}

// from src/ the .mjs registers tsx first; built, this code is in a chunk at the build folder's top and the
// thread compiled into its server/ folder (scripts/build-cli.mjs)
const THREAD = RUNNING_BUILT ? new URL('./server/importThread.js', import.meta.url) : new URL('./importThread.mjs', import.meta.url);

/** The SQLite file another connection can open, or null (PostgreSQL, an in-memory or temporary database). */
export function sharedSqliteFile(store: Store): string | null {
  const name = store.dialect === 'sqlite' ? store.sqlite?.name : undefined;
  return name && name !== ':memory:' && !name.startsWith('file::memory:') ? name : null;
}

export interface ThreadImportOptions extends ThreadImport {
  onProgress?: (p: ImportProgress) => void;
  /** each stored transaction, in order: its live events and sequence range (the live floor's listeners) */
  onStored: (batch: StoredBatch, liveFrom: number) => Promise<void>;
  /** the main connection's write flag (`Store.writing`) */
  writing?: Int32Array;
  /** see ImportThreadData.liveFrom */
  liveFrom: number;
}

/** Import `source` in a worker thread; resolves with its report, rejects with its refusal (the same DomainError). */
export function importInThread(source: AsyncIterable<Buffer | string>, opts: ThreadImportOptions): Promise<ImportReport> {
  const { onProgress: _p, onStored: _s, ...what } = opts;
  const data: ImportThreadData = {
    ...what,
    batchLines: IMPORT_THREAD_BATCH_LINES,
    storeEvents: IMPORT_THREAD_STORE_EVENTS,
    txMs: IMPORT_THREAD_TX_MS,
  };
  const turnSlot = opts.writing ? takeTurnSlot(opts.writing) : undefined;
  // no slot free (that many imports at once): this one writes without a turn, SQLite's busy handler decides
  if (turnSlot === undefined) delete data.writing;
  else data.turnSlot = turnSlot;
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
  const w = new Worker(THREAD, { workerData: data, execArgv });
  const it = source[Symbol.asyncIterator]();
  // the listeners run one batch after another, in the order the thread stored them
  let listening: Promise<void> = Promise.resolve();
  let listenerError: unknown = null;
  let settled = false;
  return new Promise<ImportReport>((resolve, reject) => {
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      void w.terminate();
      reject(e);
    };
    /** the upload failed on this side: the thread ends its import (rolling back an open batch), then we refuse */
    const abort = (e: unknown) => {
      if (settled) return;
      settled = true;
      w.postMessage({ type: 'abort' } satisfies ToImportThread);
      w.once('exit', () => reject(e));
    };
    w.on('message', (m: FromImportThread) => {
      if (settled) return;
      if (m.type === 'more')
        it.next().then((n) => {
          if (settled) return;
          if (n.done) w.postMessage({ type: 'end' } satisfies ToImportThread);
          else {
            // a copy of the chunk in a buffer of its own, moved to the thread (request buffers may share a pooled slab)
            const data = typeof n.value === 'string' ? new TextEncoder().encode(n.value) : new Uint8Array(n.value);
            w.postMessage({ type: 'chunk', data } satisfies ToImportThread, [data.buffer]);
          }
        }, abort);
      else if (m.type === 'stored')
        listening = listening
          .then(async () => {
            for (const b of m.batches) await opts.onStored(b, opts.liveFrom);
          })
          .catch((e: unknown) => void (listenerError ??= e));
      else if (m.type === 'progress') opts.onProgress?.(m.progress);
      else if (m.type === 'report') {
        settled = true;
        void listening.then(() => (listenerError ? reject(listenerError) : resolve(m.report)));
      } else if (m.type === 'error') {
        const d = m.domain;
        fail(d ? new DomainError(m.message, d.code, d.field, { reason: d.reason, params: d.params }) : new Error(m.message));
      }
    });
    w.on('error', fail);
    // a turn the thread still held when it ended (terminated inside a transaction, or just as it took it) is let go
    w.on('exit', () => {
      if (opts.writing && turnSlot !== undefined) endTurnSlot(opts.writing, turnSlot);
    });
    w.on('exit', (code) => fail(new Error(`import thread ended (code ${code}) before its answer`)));
  });
}
