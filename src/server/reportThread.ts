/**
 * A report thread (issue 16, src/server/reportPool.ts): computes KPI reports asked by the main thread
 * with its own connection to the same SQLite file. It only reads; WAL lets it read while the main thread
 * writes. Each answer goes back as the JSON text the server sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../core/errors';
import { runKpiReport } from '../services/live/reports';
import { openStore } from '../store/db';
import type { FromReportThread, ReportThreadData, ToReportThread } from './reportPool';

const data = workerData as ReportThreadData;
const port = parentPort!;
const store = await openStore({ file: data.file });

port.on('message', async (m: ToReportThread) => {
  if (m.type === 'close') {
    await store.close();
    port.close();
    return;
  }
  let out: FromReportThread;
  try {
    out = { id: m.id, json: JSON.stringify(await runKpiReport(store.db, m.report)) };
  } catch (e) {
    // a refusal crosses the thread as its parts and is made again on the other side
    const err = e as Error;
    out = {
      id: m.id,
      error: err.message,
      ...(e instanceof DomainError ? { domain: { code: e.code, field: e.field, reason: e.reason, params: e.params } } : {}),
    };
  }
  port.postMessage(out);
});
port.postMessage({ ready: true } satisfies FromReportThread);
