/**
 * A pool of report threads (issue 16, `callfloor serve --report-threads N`): KPI reports that are not in
 * the cache (src/services/live/reportCache.ts) are computed in worker threads, each with its own
 * connection to the same SQLite file, so that a month's report — better-sqlite3's queries are
 * synchronous, and the sums are JavaScript — no longer holds the event loop that serves the live floor,
 * the event pushes and every other request; with more cores, several are computed at once.
 *
 * Why threads and not `node:cluster` processes: the live floor, the WebSocket fan-out, the connectors
 * and every write must stay in one process on SQLite (one writer; no LISTEN/NOTIFY between processes),
 * so worker processes would have to forward every write and socket to one of them. Here the server
 * stays one process that owns all of that, and only the CPU-bound read leaves its thread. The threads
 * only read, so SQLite's single writer is untouched. PostgreSQL (asynchronous I/O, several instances
 * already possible) and in-memory SQLite compute on the main thread as before.
 */
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorCode, type ErrorDetail } from '../core/errors';
import type { ResolvedKpiReport } from '../services/live/reports';
import { RUNNING_BUILT } from './paths';

/** ctx.services key of the running pool (set by `serve`). */
export const REPORT_POOL = 'reportPool';

export interface ReportThreadData {
  file: string;
}
export type ToReportThread = { type: 'report'; id: number; report: ResolvedKpiReport } | { type: 'close' };
export type FromReportThread =
  | { ready: true }
  | { id: number; json: string }
  | { id: number; error: string; domain?: { code: DomainErrorCode; field?: string; reason?: string; params?: ErrorDetail['params'] } };

// from src/ the .mjs registers tsx first; built, the thread is compiled into lib/server/ (scripts/build-cli.mjs)
const THREAD = RUNNING_BUILT ? new URL('./server/reportThread.js', import.meta.url) : new URL('./reportThread.mjs', import.meta.url);

interface Slot {
  worker: Worker;
  busy: number;
}
interface Pending {
  resolve: (json: string) => void;
  reject: (e: Error) => void;
  slot: Slot;
}

export class ReportPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly file: string,
    readonly size: number,
  ) {}

  /** Threads start at the first report asked (the server's start-up does not wait for them). */
  private start(): void {
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(THREAD, { workerData: { file: this.file } satisfies ReportThreadData, execArgv });
      const slot: Slot = { worker, busy: 0 };
      worker.on('message', (m: FromReportThread) => {
        if ('ready' in m) return;
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        if (--p.slot.busy === 0) p.slot.worker.unref(); // an idle thread keeps no process alive
        if ('json' in m) p.resolve(m.json);
        else
          p.reject(
            m.domain ? new DomainError(m.error, m.domain.code, m.domain.field, { reason: m.domain.reason, params: m.domain.params }) : new Error(m.error),
          );
      });
      // a thread that dies fails its reports (they are asked again by the next request), and is replaced
      const fail = (e: Error) => {
        for (const [id, p] of this.pending)
          if (p.slot === slot) {
            this.pending.delete(id);
            p.reject(e);
          }
        const at = this.slots.indexOf(slot);
        if (at >= 0) this.slots.splice(at, 1);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`report thread ended (code ${code})`)));
      worker.unref();
      this.slots.push(slot);
    }
  }

  /** The report's JSON text, computed in the least busy thread. */
  run(report: ResolvedKpiReport): Promise<string> {
    if (this.closed) return Promise.reject(new Error('the report threads are closed'));
    if (!this.slots.length) this.start();
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    if (slot.busy++ === 0) slot.worker.ref(); // an answer is awaited: the process waits for it
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ type: 'report', id, report } satisfies ToReportThread);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
