/**
 * The demo's capacity, measured (issue 15 "the demo plans"): the simulated history of the demo center
 * (core/sim DEFAULT_DEMO_CONFIG, a local day at a time as the demo stores it) over `--weeks` weeks, then
 * - the history's service level (20 s), answer rate and occupancy (core/kpi, as the reports derive them);
 * - the requirement a planner gets from it: per queue and half hour of the week, the mean offered calls and
 *   handle time of the simulated weeks (what a seasonal forecast converges to), Erlang C at 80/20 with the
 *   demo's 15 % shrinkage (the demo's requirement path), summed over the queues: agent-hours a week;
 * - the as-worked plan's phone agent-hours (wfm.ts asWorkedWeek), for comparison;
 * - with `--solve`: that requirement scheduled next week for the demo's 200 contracts (a fresh in-memory
 *   SQLite store, the demo organisation and contracts, the solver as the demo runs it: 8 s, the requirement
 *   plus the demo's leave headroom), published,
 *   the share of the requirement's agent-hours the plan's phone time covers (Σ min(plan, required) / Σ
 *   required, 15-minute intervals), next week's 13 time-off requests through the app's use case and the
 *   first coming day whose intraday proposal offers overtime (the demo pushes its offers; demoCheck wants one);
 *   `--headrooms 2,0` solves and asks once per headroom, each in a fresh store; `--net-of-leave` stores the
 *   requirement with the shrinkage it was computed with (migration 059: time off then counts against it net of
 *   its 5 % leave share), as the demo stores it.
 * Usage: node --import tsx scripts/demoCapacity.ts [--weeks 2] [--calls N] [--solve [--headrooms 2,0] [--net-of-leave]]
 */
import { DEFAULT_DEMO_CONFIG, simulate } from '../src/core/sim';
import { aggregateEvents, deriveKpis, sumMeasures } from '../src/core/kpi';
import { requiredAgents } from '../src/core/wfm/erlang';
import type { CallFloorEvent } from '../src/core/events';
import { historyDayConfig } from '../src/cli/demo/live-history';
import { asWorkedWeek, DEMO_SHRINKAGE } from '../src/cli/demo/wfm';
import { plannedShrinkage } from '../src/core/wfm/shrinkage';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const weeks = arg('weeks', 2);
const calls = arg('calls', DEFAULT_DEMO_CONFIG.callsPerDay);
const DAY = 86_400_000;
const TZ = DEFAULT_DEMO_CONFIG.tzOffsetMin ?? 0;
const ws = Date.UTC(2026, 10, 2) - TZ * 60_000; // Monday 2026-11-02, local midnight
const events: CallFloorEvent[] = [];
for (let d = 0; d < weeks * 7; d++) {
  const day = ws + d * DAY;
  simulate({ ...historyDayConfig(day, day + DAY), callsPerDay: calls }, (e) => events.push(e));
}
const agg = aggregateEvents(events, { tzOffsetMin: TZ, intervalMin: 30 });
const q = deriveKpis(sumMeasures(agg.queues));
const a = deriveKpis(sumMeasures(agg.agents));
// the demo center's categories: their sum (15 %) and the leave share of it (5 %), as the demo's requirement keeps them
const planned = plannedShrinkage(DEMO_SHRINKAGE);
const shrinkage = planned.total;
// per queue and half hour of the week: mean offered, handle time per handled call
let reqQuarterHours = 0;
const required = new Array<number>(672).fill(0); // 15-minute intervals of the week (Monday 00:00 local)
const byDay = new Array<number>(7).fill(0);
for (const queue of DEFAULT_DEMO_CONFIG.queues.map((x) => x.name)) {
  const slots = new Map<number, { offered: number; handle: number; handled: number }>();
  for (const r of agg.queues) {
    if (r.queue !== queue) continue;
    const k = Math.floor((r.intervalStart - ws) / 1_800_000) % 336;
    const s = slots.get(k) ?? { offered: 0, handle: 0, handled: 0 };
    s.offered += r.offered;
    s.handle += r.talk + r.hold + r.acw;
    s.handled += r.handled;
    slots.set(k, s);
  }
  for (const [k, s] of slots) {
    if (s.offered <= 0 || s.handled <= 0) continue;
    const need = requiredAgents({
      calls: s.offered / weeks,
      periodS: 1800,
      ahtS: s.handle / s.handled,
      targets: [{ kind: 'serviceLevel', target: 0.8, thresholdS: 20 }],
      shrinkage,
    }).scheduledHeads;
    reqQuarterHours += 2 * need;
    required[2 * k]! += need;
    required[2 * k + 1]! += need;
    byDay[Math.floor(k / 48)]! += need / 2;
  }
}
const agents = Array.from({ length: 200 }, (_, n) => ({ id: n + 1, ext: String(1001 + n), hire: 0, left: Infinity }));
const asWorked = asWorkedWeek(ws, ws, agents).required.reduce((s, x) => s + x, 0) / 4;
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
console.log(
  [
    `callsPerDay ${calls}, ${weeks} week(s) simulated: ${events.filter((e) => e.type === 'call.enqueued').length} enqueues`,
    `history: SL(20 s) ${pct(q.serviceLevel)}, answer rate ${pct(q.answerRate)}, occupancy ${pct(a.occupancy)}, AHT ${q.aht?.toFixed(0)} s`,
    `requirement (Erlang C 80/20, ${(shrinkage * 100).toFixed(0)} % shrinkage, per queue summed): ${(reqQuarterHours / 4).toFixed(0)} agent-hours a week`,
    `  by day (Mon…Sun): ${byDay.map((x) => x.toFixed(0)).join(', ')}`,
    `as-worked plan: ${asWorked.toFixed(0)} phone agent-hours a week`,
  ].join('\n'),
);

if (process.argv.includes('--solve')) {
  const { freshStore } = await import('../src/store/testing');
  const { buildApp } = await import('../src/server/app');
  const { seedDemoOrg } = await import('../src/cli/commands/demo');
  const { seedContracts, publishWeek, nextWeekSolveInput, DEMO_LEAVE_HEADROOM } = await import('../src/cli/demo/wfm');
  const { seedIntradayOffers, seedTimeOff } = await import('../src/cli/demo/wfmRequests');
  const { seededRandom } = await import('../src/core/wfm/synthetic');
  const { weekStartMs } = await import('../src/core/wfm/rules');
  const { createRequirement, scheduleInputFor } = await import('../src/store/wfm/schedules');
  const { solveInWorker } = await import('../src/server/wfm/solver');
  process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';
  // --headrooms 2,0: the week solved and asked for time off once per headroom, each in a fresh store
  const hi = process.argv.indexOf('--headrooms');
  const headrooms = hi > 0 ? process.argv[hi + 1]!.split(',').map(Number) : [DEMO_LEAVE_HEADROOM];
  // --net-of-leave: the requirement keeps the shrinkage it was computed with (15 %, 5 % of it leave; migration 059),
  // as the demo stores it, so time off counts against it net of the leave share; without: not known
  const netOfLeave = process.argv.includes('--net-of-leave');
  for (const headroom of headrooms) {
    const store = await freshStore('sqlite');
    const now = Date.UTC(2026, 11, 6, 4); // Sunday 2026-12-06 12:00 in the demo's zone, as the demo check
    const { ctx } = await buildApp({ store, webRoot: null, now: () => now });
    const { ids } = await seedDemoOrg(store, now);
    await seedContracts(ctx, ids, seededRandom(7));
    const nextWeek = '2026-12-07';
    const nws = weekStartMs(nextWeek, TZ);
    const input = await scheduleInputFor(store.db, ids.centerId, nextWeek);
    const reqId = await createRequirement(
      store.db,
      {
        centerId: ids.centerId,
        weekStart: nextWeek,
        intervalMin: 15,
        required,
        source: 'demoCapacity',
        shrinkage: netOfLeave ? planned : null,
      },
      null,
      now,
    );
    const t0 = Date.now();
    const solveInput = nextWeekSolveInput(input, required, nextWeek, headroom);
    // as the demo does: on a busy machine 8 s may end before HiGHS has any schedule; once more, four times as long
    const result = await solveInWorker(solveInput, { timeLimitS: 8, mipAbsGap: 1 }, () => {}).promise.catch((e: Error) => {
      console.log(`headroom ${headroom}: no schedule within 8 s (${e.message}); solving again with 32 s`);
      return solveInWorker(solveInput, { timeLimitS: 32, mipAbsGap: 1 }, () => {}).promise;
    });
    const solveS = (Date.now() - t0) / 1000;
    await publishWeek(ctx, ids.centerId, nextWeek, nws, result, reqId, null);
    const sumReq = required.reduce((a, b) => a + b, 0);
    const covered = required.reduce((a, r, k) => a + Math.min(r, result.coverage[k]!), 0);
    const planPhone = result.coverage.reduce((a, b) => a + b, 0);
    const paid = result.agents.reduce((a, x) => a + x.paidHours, 0);
    console.log(
      `headroom ${headroom}: plan (${input.agents.length} agents, solved in ${solveS.toFixed(1)} s, gap ${(result.gap * 100).toFixed(2)} %): ${paid.toFixed(0)} paid h, ` +
        `${(planPhone / 4).toFixed(0)} phone agent-hours; covers ${(covered / 4).toFixed(0)} of ${(sumReq / 4).toFixed(0)} required ` +
        `(${((covered / sumReq) * 100).toFixed(1)} %), short ${((sumReq - covered) / 4).toFixed(0)} agent-hours`,
    );
    const tally = await seedTimeOff(ctx, ids, nextWeek, () => {});
    console.log(
      `headroom ${headroom}${netOfLeave ? ', net of leave' : ''}: time off next week: ${tally.approved} granted at once, ${tally.pending} waiting for the lead, ${tally.refused} refused; the week after (not published): ${tally.laterId ? '1 waiting for lead1' : 'none waiting'}`,
    );
    const intraday = await seedIntradayOffers(ctx, ids, TZ, '2026-12-13', () => {});
    console.log(
      `headroom ${headroom}: intraday: ${intraday.date ? `${intraday.ids.length} offers pushed on ${intraday.date}` : 'no day of next week has an overtime proposal'}`,
    );
    await store.close();
  }
}
