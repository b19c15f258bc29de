// Schedule optimiser benchmark: node --import tsx bench/schedule.ts [agents...]
// SEED=n picks another synthetic instance. Prints time and gap (to the LP bound) for synthetic weeks of 15-min intervals.
// Baseline measured in the same run: the LP relaxation of the stage-1 model (its solve time, and its bound);
// `timeVsLp` is the whole solve's time as a multiple of that LP time.
import highs from 'highs';
import { solveSchedule } from '../src/core/wfm/schedule';
import { syntheticScheduleInstance } from '../src/core/wfm/synthetic';

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const h = await highs();
for (const n of sizes.length ? sizes : [100, 1000, 5000]) {
  const input = syntheticScheduleInstance(n, Number(process.env.SEED ?? 42));
  const t0 = performance.now();
  const r = solveSchedule(h, input, { timeLimitS: 40, clock: () => performance.now() });
  const s = (performance.now() - t0) / 1000;
  const underH = r.under.reduce((a, b) => a + b, 0) / 4;
  const overH = r.over.reduce((a, b) => a + b, 0) / 4;
  const reqH = r.required.reduce((a, b) => a + b, 0) / 4;
  console.log(
    JSON.stringify({
      agents: n,
      seconds: +s.toFixed(2),
      gap: +(r.gap * 100).toFixed(3) + '%',
      timeVsLp: +(s / Math.max(1e-3, r.stage1.lpTimeS)).toFixed(1),
      coveredShare: +(1 - underH / reqH).toFixed(4),
      objective: +r.objective.total.toFixed(1),
      lpBound: +r.lpBound.toFixed(1),
      stage1: { ...r.stage1, lpTimeS: +r.stage1.lpTimeS.toFixed(2), mipTimeS: +r.stage1.mipTimeS.toFixed(2) },
      requiredAgentHours: reqH,
      underAgentHours: underH,
      overAgentHours: overH,
      unassignedPatternShifts: r.unassignedPatternShifts,
      warnings: r.warnings.length,
      rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
    }),
  );
}
