// Worker thread body: one schedule solve with its own HiGHS instance, so the server's event loop
// stays free. The whole WASM heap goes away when the thread ends (the parent terminates it).
import { parentPort, workerData } from 'node:worker_threads';
import highs from 'highs';
import { solveSchedule, solveScheduleWeeks, type HorizonWeek, type ScheduleInput, type ScheduleOptions } from '../../core/wfm/schedule';
import { solveMultiSkill, type MultiSkillInput, type MultiSkillProgress } from '../../core/wfm/multiSkill/plan';
import { InputError } from '../../core/errors';

// kind 'multiSkill' (issue 15): the skill-mix plan, which runs the same optimiser once per skill group;
// kind 'weeks': N weeks in a row (`weeks`: each week's requirement and leave), one result per week
const { input, options, kind, weeks } = workerData as {
  input: ScheduleInput | MultiSkillInput;
  options: ScheduleOptions;
  kind?: 'multiSkill' | 'weeks';
  weeks?: HorizonWeek[];
};
try {
  parentPort!.postMessage({ type: 'progress', phase: 'loading' });
  const h = await highs();
  parentPort!.postMessage({ type: 'progress', phase: 'solving' });
  const clock = () => performance.now();
  // the multi-skill plan reports where it is (staffing blocks, groups, trimming simulations), at most every 250 ms
  let last = 0;
  let lastPhase = '';
  const onProgress = (p: MultiSkillProgress) => {
    const t = performance.now();
    if (p.phase === lastPhase && t - last < 250) return;
    last = t;
    lastPhase = p.phase;
    parentPort!.postMessage({ type: 'progress', ...p });
  };
  const result =
    kind === 'multiSkill'
      ? solveMultiSkill(h, input as MultiSkillInput, { ...options, clock, onProgress })
      : kind === 'weeks'
        ? solveScheduleWeeks(h, input as ScheduleInput, weeks!, { ...options, clock })
        : solveSchedule(h, input as ScheduleInput, { ...options, clock });
  parentPort!.postMessage({ type: 'result', result });
} catch (e) {
  // an InputError crosses the thread as its field and problem, and is made again on the other side
  parentPort!.postMessage({
    type: 'error',
    message: (e as Error).message,
    ...(e instanceof InputError ? { field: e.field, problem: e.problem, reason: e.reason, params: e.params } : {}),
  });
}
