/** Actual state segments, adherence / conformance of a day, intraday re-forecast. */
import { z } from 'zod';
import { validationError } from '../../../core/errors';
import { computeAdherence, reforecastIntraday, rollupAdherence, type ScheduledActivity } from '../../../core/wfm/adherence';
import { listAgents } from '../../../store/org';
import { forecastPoints, historyFor, latestForecastCovering } from '../../../store/wfm/forecasts';
import { listShifts } from '../../../store/wfm/schedules';
import { addStateSegments, stateSegments } from '../../../store/wfm/floor';
import { route, type RouteDef } from '../../route';
import { epochMs } from '../../schemas';
import { VIEW, DAY, date, core, centerOf, tzAt, scopedAgentIds } from './common';

export const adherenceRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/wfm/state-segments',
    access: ['wfm', 'admin'],
    summary: 'Actual agent state segments (the adherence input; the real-time state service feeds the same shape)',
    body: z.object({
      segments: z
        .array(z.object({ agentId: z.number().int().positive(), start: epochMs, end: epochMs, state: z.string().min(1).max(60) }))
        .min(1)
        .max(100_000),
    }),
    bodyLimit: 16 * 1024 * 1024,
    handler: async ({ body, caller, ctx }) => {
      await addStateSegments(
        ctx.store.db,
        body.segments.map((s) => ({ ...s, agentId: String(s.agentId) })),
        caller.userId,
        ctx.now(),
      );
      return { count: body.segments.length };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/adherence',
    access: VIEW,
    summary: 'Daily (or so-far-today) adherence and conformance per agent and team, and the out-of-adherence list',
    query: z.object({ date, graceS: z.coerce.number().min(0).max(3600).default(300) }),
    handler: async ({ query, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, Date.parse(`${query.date}T12:00:00Z`));
      const from = Date.parse(`${query.date}T00:00:00Z`) - tz * 60_000;
      const to = Math.min(from + DAY, Math.max(from + 1, ctx.now()));
      const ids = await scopedAgentIds(ctx, caller);
      const shifts = await listShifts(ctx.store.db, { from, to: from + DAY, publishedOnly: true, agentIds: ids });
      const sched: ScheduledActivity[] = shifts.flatMap((s) =>
        s.activities.map((a) => ({
          agentId: String(s.agentId),
          start: a.start,
          end: a.end,
          activity: (a.kind === 'vto' ? 'off' : a.kind) as ScheduledActivity['activity'],
        })),
      );
      const agentIds = [...new Set(shifts.map((s) => s.agentId))];
      const states = await stateSegments(ctx.store.db, from, to, agentIds);
      const rows = await core(() => computeAdherence(sched, states, { from, to, graceS: query.graceS }));
      const agents = new Map((await listAgents(ctx.store.db, { ids: agentIds })).map((a) => [String(a.id), a]));
      const byTeam = new Map<number | null, typeof rows>();
      for (const r of rows) {
        const t = agents.get(r.agentId)?.team_id ?? null;
        byTeam.set(t, [...(byTeam.get(t) ?? []), r]);
      }
      return {
        from,
        to,
        agents: rows.map((r) => ({ ...r, name: agents.get(r.agentId)?.name, teamId: agents.get(r.agentId)?.team_id, outOfAdherence: undefined })),
        teams: [...byTeam.entries()].map(([teamId, rs]) => ({ teamId, ...rollupAdherence(rs) })),
        total: rollupAdherence(rows),
        outOfAdherence: rows.flatMap((r) => r.outOfAdherence.map((o) => ({ ...o, name: agents.get(r.agentId)?.name }))).sort((a, b) => a.start - b.start),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/intraday',
    access: VIEW,
    summary: "Today's actuals vs forecast and the staffing gap for the rest of the day",
    query: z.object({
      queue: z.string().min(1),
      date,
      targetSl: z.coerce.number().min(0).max(1).default(0.8),
      thresholdS: z.coerce.number().min(0).default(20),
    }),
    handler: async ({ query, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const tz = tzAt(c.tz, Date.parse(`${query.date}T12:00:00Z`));
      const from = Date.parse(`${query.date}T00:00:00Z`) - tz * 60_000;
      const f = await latestForecastCovering(ctx.store.db, query.queue, from, from + DAY);
      if (!f) throw validationError('queue', `no forecast of ${query.queue} covers ${query.date}`);
      const { points } = await forecastPoints(ctx.store.db, f.id, { from, to: from + DAY });
      const actual = await historyFor(ctx.store.db, { queue: query.queue, intervalMin: f.interval_min as 15 | 30 | 60, from, to: from + DAY });
      const im = f.interval_min * 60_000;
      const nowTs = Math.max(from, Math.min(from + DAY, Math.floor(ctx.now() / im) * im));
      const shifts = await listShifts(ctx.store.db, { from, to: from + DAY, publishedOnly: true });
      const sched = new Map<number, number>();
      for (const p of points) {
        let n = 0;
        for (const s of shifts)
          for (const a of s.activities) if (a.kind === 'phone') n += Math.max(0, Math.min(a.end, p.ts + im) - Math.max(a.start, p.ts)) / im;
        sched.set(p.ts, n);
      }
      const r = await core(() =>
        reforecastIntraday({
          forecast: points,
          actuals: actual.map((a) => ({ ts: a.ts, offered: a.offered, aht: a.offered > 0 ? (a.ahtSum ?? 0) / a.offered : 0 })),
          nowTs,
          intervalS: f.interval_min * 60,
          scheduledAgents: sched,
          targets: [{ kind: 'serviceLevel', target: query.targetSl, thresholdS: query.thresholdS }],
        }),
      );
      return { forecastId: f.id, nowTs, forecast: points, actuals: actual, ...r };
    },
  }),
];
