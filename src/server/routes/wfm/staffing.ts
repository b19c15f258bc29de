/** Staffing: Erlang C/A and the requirement curves of a week (uploaded, or from a forecast and Erlang targets). */
import { z } from 'zod';
import { DomainError, validationError } from '../../../core/errors';
import { erlangC, erlangA, requiredAgents, type StaffingTarget } from '../../../core/wfm/erlang';
import { weekStartMs } from '../../../core/wfm/rules';
import { forecastPoints } from '../../../store/wfm/forecasts';
import { createRequirement, listRequirements } from '../../../store/wfm/schedules';
import { route, type RouteDef } from '../../route';
import type { ServerContext } from '../../context';
import { WFM, VIEW, DAY, monday, nonNeg, core, centerOf, tzAt, targetsOf, FIELD_OF_TARGET } from './common';

const slaBody = z.object({
  calls: nonNeg,
  periodS: z.number().finite().positive().default(1800),
  ahtS: z.number().finite().positive(),
  targetSl: z.number().min(0).max(1).optional(),
  thresholdS: nonNeg.default(20),
  targetAsa: nonNeg.optional(),
  maxOccupancy: z.number().gt(0).max(1).optional(),
  patienceS: z.number().positive().optional(),
  shrinkage: z.number().min(0).lt(1).default(0),
});

/** Requirement per 15-min slot of the week from a forecast version and Erlang targets. */
async function requirementFromForecast(
  ctx: ServerContext,
  forecastId: number,
  wsTs: number,
  t: { targets: StaffingTarget[]; patienceS?: number; shrinkage?: number },
) {
  const { forecast: f, points } = await forecastPoints(ctx.store.db, forecastId, { from: wsTs, to: wsTs + 7 * DAY });
  if (!points.length) throw validationError('forecastId', `forecast ${forecastId} has no intervals in that week`);
  const byTs = new Map(points.map((p) => [p.ts, p]));
  const per = f.interval_min / 15;
  const required: number[] = [];
  for (let k = 0; k < 672 / per; k++) {
    const p = byTs.get(wsTs + k * f.interval_min * 60_000);
    const need =
      !p || p.offered <= 0
        ? 0
        : await core(
            () =>
              requiredAgents({
                calls: p.offered,
                periodS: f.interval_min * 60,
                ahtS: p.aht > 0 ? p.aht : 1,
                targets: t.targets,
                patienceS: t.patienceS,
                shrinkage: t.shrinkage,
              }).scheduledHeads,
          );
    for (let j = 0; j < per; j++) required.push(need);
  }
  return required;
}

export const staffingRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/wfm/erlang',
    access: VIEW,
    summary: 'Erlang C/A: agents for a target, shrinkage to heads, and service level by agent count (for the chart)',
    body: slaBody,
    handler: async ({ body }) => {
      const targets = targetsOf(body);
      const present = FIELD_OF_TARGET.filter((f) => (body as Record<string, unknown>)[f] !== undefined);
      const r = await core(
        () => requiredAgents({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, targets, patienceS: body.patienceS, shrinkage: body.shrinkage }),
        '',
      ).catch((e: DomainError) => {
        const m = /^targets\[(\d+)\]/.exec(e.field ?? '');
        if (m) throw validationError(present[Number(m[1])]!, e.message.replace(/^[^:]*:\s*/, ''));
        throw e;
      });
      const A = r.trafficErlangs;
      const curve = [];
      const lo = body.patienceS ? Math.max(1, Math.floor(A * 0.7)) : Math.floor(A) + 1;
      for (let n = lo; n <= Math.max(r.agents + 6, lo + 8) && curve.length < 60; n++) {
        const m = body.patienceS
          ? erlangA({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, agents: n, thresholdS: body.thresholdS, patienceS: body.patienceS })
          : erlangC({ calls: body.calls, periodS: body.periodS, ahtS: body.ahtS, agents: n, thresholdS: body.thresholdS });
        curve.push({ agents: n, serviceLevel: m.serviceLevel, asa: m.asa, occupancy: m.occupancy });
      }
      return { ...r, curve };
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/requirements',
    access: WFM,
    summary: 'A requirement curve for a week: uploaded (15-min values) or from a forecast and Erlang targets',
    body: z.object({
      weekStart: monday,
      required: z.array(nonNeg).optional(),
      forecastId: z.number().int().positive().optional(),
      targetSl: z.number().min(0).max(1).optional(),
      thresholdS: nonNeg.default(20),
      targetAsa: nonNeg.optional(),
      maxOccupancy: z.number().gt(0).max(1).optional(),
      patienceS: z.number().positive().optional(),
      shrinkage: z.number().min(0).lt(1).default(0),
    }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const ws = await core(() => weekStartMs(body.weekStart, tzAt(c.tz, Date.parse(`${body.weekStart}T12:00:00Z`))));
      let required = body.required;
      let source = 'upload';
      if (!required) {
        if (!body.forecastId) throw validationError('required', 'give the required values or a forecastId');
        required = await requirementFromForecast(ctx, body.forecastId, ws, { targets: targetsOf(body), patienceS: body.patienceS, shrinkage: body.shrinkage });
        source = `forecast:${body.forecastId}`;
      }
      return {
        id: await createRequirement(ctx.store.db, { centerId: c.id, weekStart: body.weekStart, intervalMin: 15, required, source }, caller.userId, ctx.now()),
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/requirements',
    access: VIEW,
    summary: 'Requirement curves',
    handler: async ({ ctx }) => listRequirements(ctx.store.db),
  }),
];
