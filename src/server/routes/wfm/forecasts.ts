/** Interval history, forecast versions (backtest, forecast) and the holiday calendar they use. */
import { z } from 'zod';
import { validationError } from '../../../core/errors';
import { backtest, forecast, type ForecastModel } from '../../../core/wfm/forecast';
import { audit } from '../../../store/audit';
import { withTx } from '../../../store/db';
import { getSetting, putSetting } from '../../../store/org';
import { forecastPoints, historyFor, historyQueues, listForecasts, putHistory, saveForecast } from '../../../store/wfm/forecasts';
import { route, type RouteDef } from '../../route';
import { epochMs, epochMsQuery } from '../../schemas';
import { WFM, VIEW, idParams, nonNeg, core, centerOf, tzAt, holidayItem } from './common';

export const forecastsRoutes: RouteDef[] = [
  route({
    method: 'POST',
    url: '/api/wfm/history',
    access: WFM,
    summary: 'Upload interval history of a queue (until the live-floor interval store provides it)',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]),
      rows: z
        .array(z.object({ ts: epochMs, offered: nonNeg, aht: nonNeg.optional() }))
        .min(1)
        .max(50_000),
    }),
    bodyLimit: 8 * 1024 * 1024,
    handler: async ({ body, caller, ctx }) => {
      await putHistory(ctx.store.db, body.queue, body.intervalMin, body.rows);
      await audit(ctx.store.db, {
        at: ctx.now(),
        userId: caller.userId,
        action: 'wfm.history.upload',
        entity: 'wfm_history',
        entityId: body.queue,
        detail: { rows: body.rows.length },
      });
      return { rows: body.rows.length };
    },
  }),
  route({
    method: 'GET',
    url: '/api/wfm/history',
    access: VIEW,
    summary: 'Interval history of a queue in a time range (offered and AHT per interval)',
    query: z.object({
      queue: z.string().min(1),
      intervalMin: z.coerce
        .number()
        .pipe(z.union([z.literal(15), z.literal(30), z.literal(60)]))
        .default(30),
      from: epochMsQuery.optional(),
      to: epochMsQuery.optional(),
    }),
    handler: async ({ query, ctx }) =>
      (await historyFor(ctx.store.db, { queue: query.queue, intervalMin: query.intervalMin, from: query.from, to: query.to })).map((r) => ({
        ts: r.ts,
        offered: r.offered,
        aht: r.offered > 0 ? (r.ahtSum ?? (r.aht ?? 0) * r.offered) / r.offered : 0,
      })),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/history/queues',
    access: VIEW,
    summary: 'Queues and interval lengths with uploaded history',
    handler: async ({ ctx }) => historyQueues(ctx.store.db),
  }),
  route({
    method: 'POST',
    url: '/api/wfm/forecasts/backtest',
    access: WFM,
    summary: 'WAPE and MAPE of each model on the last held-out weeks of history',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      weeks: z.number().int().positive().max(8).default(1),
    }),
    handler: async ({ body, caller, ctx }) => {
      const { tz } = await centerOf(ctx, caller);
      const history = await historyFor(ctx.store.db, { queue: body.queue, intervalMin: body.intervalMin, tzOffsetMin: tzAt(tz, ctx.now()) });
      return core(() => backtest(history, body.weeks, { intervalMin: body.intervalMin, tzOffsetMin: tzAt(tz, ctx.now()) }));
    },
  }),
  route({
    method: 'POST',
    url: '/api/wfm/forecasts',
    access: WFM,
    summary: 'Forecast the weeks after the history and store it as a new version',
    body: z.object({
      queue: z.string().min(1),
      intervalMin: z.union([z.literal(15), z.literal(30), z.literal(60)]).default(30),
      model: z.enum(['seasonalNaive', 'holtWinters']).default('holtWinters'),
      weeksAhead: z.number().int().positive().max(8).default(1),
      /** omitted: the centre's holiday calendar (PUT /api/wfm/holidays) */
      holidays: z.array(holidayItem).optional(),
      adjustments: z.array(z.object({ fromTs: epochMs, toTs: epochMs, percent: z.number().optional(), absolute: z.number().optional() })).default([]),
    }),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const history = await historyFor(ctx.store.db, { queue: body.queue, intervalMin: body.intervalMin });
      if (!history.length) throw validationError('queue', `no history for queue ${body.queue} at ${body.intervalMin}-minute intervals`);
      const holidays = body.holidays ?? (await getSetting<z.infer<typeof holidayItem>[]>(ctx.store.db, c.id, 'wfm.holidays')) ?? [];
      body.adjustments.forEach((a, i) => {
        if (!(a.toTs > a.fromTs)) throw validationError(`adjustments[${i}].toTs`, 'must be after fromTs');
      });
      const points = await core(() =>
        forecast(history, body.model as ForecastModel, body.weeksAhead * 7, {
          intervalMin: body.intervalMin,
          tzOffsetMin: tzAt(c.tz, ctx.now()),
          holidays,
          adjustments: body.adjustments,
        }),
      );
      const id = await saveForecast(
        ctx.store.db,
        { centerId: c.id, queue: body.queue, model: body.model, intervalMin: body.intervalMin, params: { ...body, holidays } },
        points,
        caller.userId,
        ctx.now(),
      );
      return { id, intervals: points.length };
    },
  }),
  route({ method: 'GET', url: '/api/wfm/forecasts', access: VIEW, summary: 'Forecast versions', handler: async ({ ctx }) => listForecasts(ctx.store.db) }),
  route({
    method: 'GET',
    url: '/api/wfm/forecasts/:id',
    access: VIEW,
    summary: 'One forecast version with its intervals',
    params: idParams,
    handler: async ({ params, ctx }) => forecastPoints(ctx.store.db, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/wfm/holidays',
    access: VIEW,
    summary: "The centre's holiday calendar (forecasts treat these days apart)",
    handler: async ({ caller, ctx }) => (await getSetting<unknown[]>(ctx.store.db, (await centerOf(ctx, caller)).id, 'wfm.holidays')) ?? [],
  }),
  route({
    method: 'PUT',
    url: '/api/wfm/holidays',
    access: WFM,
    summary: 'Replace the holiday calendar (date, name, volume factor: empty = learned from history)',
    body: z.array(holidayItem).max(400),
    handler: async ({ body, caller, ctx }) => {
      const c = await centerOf(ctx, caller);
      const seen = new Set<string>();
      body.forEach((h, i) => {
        if (seen.has(h.date)) throw validationError(`${i}.date`, `${h.date} is listed twice`);
        seen.add(h.date);
      });
      const sorted = [...body].sort((a, b) => a.date.localeCompare(b.date));
      await withTx(ctx.store.db, async (tx) => {
        await putSetting(tx, c.id, 'wfm.holidays', sorted, ctx.now());
        await audit(tx, { at: ctx.now(), userId: caller.userId, action: 'wfm.holidays.put', entity: 'setting', entityId: 'wfm.holidays', detail: sorted });
      });
      return sorted;
    },
  }),
];
