import type { DemoSeeder } from './seeders';
import { DEFAULT_TEMPLATES, seededRandom } from '../../core/wfm/synthetic';
import { mondayOf, weekStartMs } from '../../core/wfm/rules';
import { zoneOffsetMin } from '../../core/timezone';
import { listCenters, putSetting } from '../../store/org';
import { createRequirement, createRun, finishRun, publishRun, putContract, putTemplate, scheduleInputFor } from '../../store/wfm/schedules';
import { addLedger, createSlot } from '../../store/wfm/floor';
import { solveInWorker } from '../../server/wfm/solver';

const H = 3_600_000;

/** WFM demo: templates, contracts for every demo agent, a published schedule for this week, a peak slot, points. */
export const wfmDemo: DemoSeeder = {
  name: 'wfm',
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const center = (await listCenters(db)).find((c) => c.id === org.centerId)!;
    const tz = zoneOffsetMin(center.timezone, now);
    const rnd = seededRandom(7);
    for (const t of DEFAULT_TEMPLATES) await putTemplate(db, org.centerId, t, null, now);
    const agentIds = [...org.agentIds.values()];
    let capacity = 0;
    for (const agentId of agentIds) {
      const ft = rnd() < 0.8;
      capacity += ft ? 38 : 18;
      await putContract(
        db,
        {
          agentId,
          contract: ft
            ? { minHoursWeek: 32, maxHoursWeek: 40, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 14 * 60, templateIds: ['FT8'], minRestHours: 11 }
            : { minHoursWeek: 12, maxHoursWeek: 24, minDaysOff: 2, earliestStartMin: 7 * 60, latestStartMin: 19 * 60, templateIds: ['PT4'], minRestHours: 11 },
          skills: ['voice'],
          preferences: rnd() < 0.3 ? { daysOff: [Math.floor(rnd() * 7)] } : {},
        },
        null,
        now,
      );
    }
    // requirement: the usual two-humped day, about 85 % of contract hours on the phones
    const dayMult = [1.15, 1.1, 1.05, 1.0, 1.0, 0.85, 0.75];
    const shape = (h: number) =>
      h < 7 || h >= 23 ? 0 : 0.35 + Math.exp(-((h - 10.5) ** 2) / 4) + 0.8 * Math.exp(-((h - 15) ** 2) / 5) + 0.3 * Math.exp(-((h - 20) ** 2) / 3);
    const raw = Array.from({ length: 672 }, (_, k) => shape((k % 96) / 4) * dayMult[Math.floor(k / 96)]!);
    const rawHours = raw.reduce((s, v) => s + v, 0) / 4;
    const required = raw.map((v) => (v > 0 ? Math.max(1, Math.round((v * capacity * 0.85 * (7.5 / 8)) / rawHours)) : 0));
    const week = mondayOf(now, tz);
    const ws = weekStartMs(week, tz);
    const reqId = await createRequirement(db, { centerId: org.centerId, weekStart: week, intervalMin: 15, required, source: 'demo' }, null, now);
    const { templates, agents } = await scheduleInputFor(db, org.centerId, week);
    const runId = await createRun(db, { centerId: org.centerId, weekStart: week, requirementId: reqId, timeLimitS: 8 }, null, now);
    log(`solving the demo week ${week} (${agents.length} agents, 8 s limit)…`);
    const input = { intervalMin: 15, required, templates, agents, requiredSkill: 'voice' };
    // on a busy machine 8 s may end before HiGHS has any schedule: give it once more, four times as long
    const result = await solveInWorker(input, { timeLimitS: 8, mipAbsGap: 1 }, () => {}).promise.catch((e: Error) => {
      log(`no schedule within 8 s (${e.message}); solving again with 32 s`);
      return solveInWorker(input, { timeLimitS: 32, mipAbsGap: 1 }, () => {}).promise;
    });
    await finishRun(db, runId, ws, new Map(agents.map((a) => [a.id, Number(a.id)])), result, ctx.now());
    const userId = org.userIds.get('wfm') ?? null;
    await publishRun(db, runId, userId, ctx.now());
    log(`schedule published: gap to the LP bound ${(result.gap * 100).toFixed(2)} %`);
    // a peak slot on Friday evening, and the allocation rule
    await createSlot(
      db,
      { centerId: org.centerId, kind: 'peak', title: '周五晚高峰加班', start: ws + 4 * 24 * H + 19 * H, end: ws + 4 * 24 * H + 21 * H, capacity: 5, bonus: 20 },
      userId,
      now,
    );
    await putSetting(db, org.centerId, 'wfm.peakRule', { mode: 'firstCome' }, now);
    await putSetting(
      db,
      org.centerId,
      'wfm.pointsRules',
      [
        { id: 'peak', kind: 'peakSlot', pointsPerSlot: 10 },
        { id: 'national-day', kind: 'holidayHours', dates: ['2026-10-01', '2026-10-02', '2026-10-03'], pointsPerHour: 2, multiplier: 3 },
      ],
      now,
    );
    // points earned earlier (holiday shifts)
    await addLedger(
      db,
      agentIds.slice(0, 60).map((a, i) => ({
        agentId: String(a),
        points: 16 + (i % 5) * 8,
        ts: now - 30 * 24 * H,
        reason: '国庆节值班',
        ruleId: 'national-day',
        ref: `demo:${a}`,
      })),
      null,
    );
  },
};
