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
import type { Store } from '../store/db';
import { RUNNING_BUILT } from './paths';

/** Events a transaction in the import thread: the longest a live write on the main thread waits for it (≈ 20–60 ms). */
export const IMPORT_THREAD_STORE_EVENTS = 1_000;
/** Lines parsed between two stores in the import thread (parsing there holds nobody). */
export const IMPORT_THREAD_BATCH_LINES = 20_000;

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
  storeBatch: number;
}
export type ToImportThread = { type: 'chunk'; data: Uint8Array } | { type: 'end' } | { type: 'abort' };
export type FromImportThread =
  | { type: 'more' }
  | { type: 'accepted'; events: CallFloorEvent[]; centerId: number }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'report'; report: ImportReport }
  | { type: 'error'; message: string; domain?: { code: DomainErrorCode; field?: string; reason?: string; params?: ErrorDetail['params'] } };

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
  /** each stored batch's new telephony events, in order (the live floor's listeners) */
  onAccepted: (events: CallFloorEvent[], centerId: number) => Promise<void>;
}

/** Import `source` in a worker thread; resolves with its report, rejects with its refusal (the same DomainError). */
export function importInThread(source: AsyncIterable<Buffer | string>, opts: ThreadImportOptions): Promise<ImportReport> {
  const { onProgress: _p, onAccepted: _a, ...what } = opts;
  const data: ImportThreadData = {
    ...what,
    batchLines: IMPORT_THREAD_BATCH_LINES,
    storeBatch: IMPORT_THREAD_STORE_EVENTS,
  };
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
      else if (m.type === 'accepted') listening = listening.then(() => opts.onAccepted(m.events, m.centerId)).catch((e: unknown) => void (listenerError ??= e));
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
    w.on('exit', (code) => fail(new Error(`import thread ended (code ${code}) before its answer`)));
  });
}
