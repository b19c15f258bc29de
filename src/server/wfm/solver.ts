// Runs schedule solves in worker threads (one at a time per run), reporting progress to the run row.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HorizonWeek, ScheduleInput, ScheduleOptions, ScheduleResult } from '../../core/wfm/schedule';
import type { MultiSkillInput, MultiSkillResult } from '../../core/wfm/multiSkill/plan';
import { InputError, type ErrorDetail } from '../../core/errors';
import { projectRoot, RUNNING_BUILT } from '../paths';

export interface SolveHandle {
  promise: Promise<ScheduleResult>;
  cancel(): void;
}

// from src/ the .mjs registers tsx first; the built CLI has the worker compiled beside it in lib/
const WORKER = RUNNING_BUILT ? pathToFileURL(join(projectRoot(), 'lib', 'server', 'wfm', 'solveWorker.js')) : new URL('./solveWorker.mjs', import.meta.url);

/** Starts a solve in a worker thread; onProgress gets phase changes. The thread ends after the solve, freeing HiGHS. */
export function solveInWorker(input: ScheduleInput, options: ScheduleOptions, onProgress: (phase: string) => void): SolveHandle {
  return inWorker<ScheduleResult>({ input, options }, onProgress);
}

/** N weeks in a row in one thread (issue 15): each week carries into the next; one result per week. */
export function solveWeeksInWorker(
  input: Omit<ScheduleInput, 'required'>,
  weeks: HorizonWeek[],
  options: ScheduleOptions,
  onProgress: (phase: string) => void,
): { promise: Promise<ScheduleResult[]>; cancel(): void } {
  return inWorker<ScheduleResult[]>({ input, weeks, options, kind: 'weeks' }, onProgress);
}

/**
 * The multi-skill plan (issue 15) in a worker thread: the staffing search, the optimiser once per skill group, the
 * trimming simulations; onProgress gets the phase with how far it is (done of total).
 */
export function solveMultiSkillInWorker(
  input: MultiSkillInput,
  options: ScheduleOptions,
  onProgress: (p: { phase: string; done?: number; total?: number }) => void,
): { promise: Promise<MultiSkillResult>; cancel(): void } {
  return inWorker<MultiSkillResult>({ input, options, kind: 'multiSkill' }, (phase, done, total) =>
    onProgress({ phase, ...(done !== undefined && total !== undefined ? { done, total } : {}) }),
  );
}

function inWorker<R>(workerData: object, onProgress: (phase: string, done?: number, total?: number) => void): { promise: Promise<R>; cancel(): void } {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--test'));
  const w = new Worker(WORKER, { workerData, execArgv, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
  let settled = false;
  const promise = new Promise<R>((resolve, reject) => {
    w.on(
      'message',
      (m: { type: string; phase?: string; done?: number; total?: number; result?: R; message?: string; field?: string; problem?: string } & ErrorDetail) => {
        if (m.type === 'progress') onProgress(m.phase!, m.done, m.total);
        else if (m.type === 'result') {
          settled = true;
          resolve(m.result!);
          void w.terminate();
        } else if (m.type === 'error') {
          settled = true;
          reject(
            m.field !== undefined && m.problem !== undefined
              ? new InputError(m.field, m.problem, { reason: m.reason ?? 'input.invalid', params: m.params ?? {} })
              : new Error(m.message),
          );
          void w.terminate();
        }
      },
    );
    w.on('error', (e) => {
      settled = true;
      reject(e);
    });
    w.on('exit', (code) => {
      if (!settled) reject(new Error(`solver thread exited with code ${code}`));
    });
  });
  return { promise, cancel: () => void w.terminate() };
}
