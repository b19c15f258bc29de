// Worker thread body: one schedule solve with its own HiGHS instance, so the server's event loop
// stays free. The whole WASM heap goes away when the thread ends (the parent terminates it).
import { parentPort, workerData } from 'node:worker_threads';
import highs from 'highs';
import { solveSchedule, type ScheduleInput, type ScheduleOptions } from '../../core/wfm/schedule';
import { InputError } from '../../core/errors';

const { input, options } = workerData as { input: ScheduleInput; options: ScheduleOptions };
try {
  parentPort!.postMessage({ type: 'progress', phase: 'loading' });
  const h = await highs();
  parentPort!.postMessage({ type: 'progress', phase: 'solving' });
  const result = solveSchedule(h, input, { ...options, clock: () => performance.now() });
  parentPort!.postMessage({ type: 'result', result });
} catch (e) {
  // an InputError crosses the thread as its field and problem, and is made again on the other side
  parentPort!.postMessage({
    type: 'error',
    message: (e as Error).message,
    ...(e instanceof InputError ? { field: e.field, problem: e.problem, reason: e.reason, params: e.params } : {}),
  });
}
