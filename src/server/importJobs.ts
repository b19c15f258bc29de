/**
 * Progress of the imports running on this instance, by the job id the uploader chose (the page polls
 * `GET /api/import/progress/:job` while its upload runs). Kept in memory per user; forgotten 10
 * minutes after the end. Another instance behind the same balancer answers `waiting`.
 */
import type { ImportProgress } from '../ingest/stream';
import type { ServerContext } from './context';

export type ImportJobState = 'waiting' | 'running' | 'done' | 'failed';
export interface ImportJobView extends ImportProgress {
  state: ImportJobState;
}
interface Job {
  view: ImportJobView;
  endedAt: number | null;
}

const KEEP_MS = 10 * 60_000;
const MAX_JOBS = 1000;
const all = new WeakMap<ServerContext, Map<string, Job>>();

const empty = (state: ImportJobState, totalBytes: number | null): ImportJobView => ({
  state,
  bytes: 0,
  totalBytes,
  lines: 0,
  eventsStored: 0,
  duplicates: 0,
  rejected: 0,
  eventsPerS: 0,
  etaS: null,
});

function jobsOf(ctx: ServerContext): Map<string, Job> {
  let m = all.get(ctx);
  if (!m) all.set(ctx, (m = new Map()));
  const now = ctx.now();
  for (const [k, j] of m) if (j.endedAt !== null && now - j.endedAt > KEEP_MS) m.delete(k);
  for (const k of m.keys()) {
    if (m.size <= MAX_JOBS) break;
    m.delete(k); // the oldest first
  }
  return m;
}

/** Start following an import; the returned handle takes its progress and its end. */
export function startImportJob(ctx: ServerContext, userId: number, job: string, totalBytes: number | null) {
  const key = `${userId}:${job}`;
  const j: Job = { view: empty('running', totalBytes), endedAt: null };
  jobsOf(ctx).set(key, j);
  return {
    update: (p: ImportProgress) => {
      j.view = { ...p, state: 'running' };
    },
    end: (state: 'done' | 'failed') => {
      j.view = { ...j.view, state, etaS: state === 'done' ? 0 : null };
      j.endedAt = ctx.now();
    },
  };
}

/** The progress of a user's import (`waiting` before it started or on another instance). */
export function importJobView(ctx: ServerContext, userId: number, job: string): ImportJobView {
  return jobsOf(ctx).get(`${userId}:${job}`)?.view ?? empty('waiting', null);
}
