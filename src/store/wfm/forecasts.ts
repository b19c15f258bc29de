import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { notFound, validationError } from '../../core/errors';
import type { IntervalObservation, ForecastPoint } from '../../core/wfm/forecast';
import { queueIntervals } from '../live/reports';

type Db = Kysely<DB>;

/**
 * Interval history per queue, the forecast's input: the live floor's interval aggregates
 * (`queueIntervals`, imported / live events) when there are any for the queue, else WFM's own
 * `wfm_history` table (uploads through POST /api/wfm/history, tests). Callers only see
 * IntervalObservation[]. Both are the center's.
 */
export async function historyFor(
  db: Db,
  q: { centerId: number; queue: string; intervalMin: 15 | 30 | 60; from?: number; to?: number; tzOffsetMin?: number },
): Promise<IntervalObservation[]> {
  const live = await queueIntervals(db, {
    centerId: q.centerId,
    queue: q.queue,
    intervalMin: q.intervalMin,
    from: q.from ?? 0,
    to: q.to ?? 8.64e15,
    tzOffsetMin: q.tzOffsetMin,
  });
  if (live.length) return live.map((r) => ({ ts: r.intervalStart, offered: r.offered, ahtSum: r.handleTime }));
  let s = db
    .selectFrom('wfm_history')
    .select(['ts', 'offered', 'aht_sum'])
    .where('center_id', '=', q.centerId)
    .where('queue', '=', q.queue)
    .where('interval_min', '=', q.intervalMin)
    .orderBy('ts');
  if (q.from !== undefined) s = s.where('ts', '>=', q.from);
  if (q.to !== undefined) s = s.where('ts', '<', q.to);
  const rows = await s.execute();
  return rows.map((r) => ({ ts: Number(r.ts), offered: r.offered, ahtSum: r.aht_sum }));
}

/** Replaces a center's history rows (same queue, interval, ts) in one transaction. */
export async function putHistory(db: Db, centerId: number, queue: string, intervalMin: number, rows: IntervalObservation[]) {
  if (!queue) throw validationError('queue', 'is required', { reason: 'input.required', params: {} });
  rows.forEach((r, i) => {
    if (!Number.isFinite(r.ts)) throw validationError(`rows[${i}].ts`, 'must be epoch ms', { reason: 'input.invalidType', params: {} });
    if (!(r.offered >= 0)) throw validationError(`rows[${i}].offered`, 'must be >= 0', { reason: 'input.tooSmall', params: { minimum: 0 } });
  });
  await withTx(db, async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx
        .deleteFrom('wfm_history')
        .where('center_id', '=', centerId)
        .where('queue', '=', queue)
        .where('interval_min', '=', intervalMin)
        .where(
          'ts',
          'in',
          chunk.map((r) => r.ts),
        )
        .execute();
      await tx
        .insertInto('wfm_history')
        .values(
          chunk.map((r) => ({
            center_id: centerId,
            queue,
            interval_min: intervalMin,
            ts: r.ts,
            offered: r.offered,
            aht_sum: r.ahtSum ?? (r.aht ?? 0) * r.offered,
          })),
        )
        .execute();
    }
  });
}

export interface ForecastVersion {
  centerId: number;
  queue: string;
  model: string;
  intervalMin: number;
  params: unknown;
}

/** Stores a forecast as a new version (never overwrites an older one); audited. */
export async function saveForecast(db: Db, v: ForecastVersion, points: ForecastPoint[], userId: number | null, now: number): Promise<number> {
  if (!points.length) throw validationError('points', 'a forecast needs at least one interval', { reason: 'wfm.forecastEmpty', params: {} });
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('wfm_forecasts')
      .values({
        center_id: v.centerId,
        queue: v.queue,
        model: v.model,
        interval_min: v.intervalMin,
        from_ts: points[0]!.ts,
        to_ts: points[points.length - 1]!.ts + v.intervalMin * 60_000,
        params: JSON.stringify(v.params ?? {}),
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < points.length; i += 500)
      await tx
        .insertInto('wfm_forecast_points')
        .values(points.slice(i, i + 500).map((p) => ({ forecast_id: row.id, ts: p.ts, offered: p.offered, aht: p.aht })))
        .execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'wfm.forecast.create',
      entity: 'wfm_forecast',
      entityId: row.id,
      detail: { queue: v.queue, model: v.model, intervals: points.length },
    });
    return row.id;
  });
}

export const listForecasts = (db: Db, f: { centerId: number; queue?: string }) => {
  let q = db.selectFrom('wfm_forecasts').selectAll().where('center_id', '=', f.centerId).orderBy('id', 'desc').limit(100);
  if (f.queue) q = q.where('queue', '=', f.queue);
  return q.execute();
};

export async function forecastPoints(db: Db, id: number, range: { from?: number; to?: number } = {}) {
  const f = await db.selectFrom('wfm_forecasts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!f) throw notFound('forecast', id);
  let q = db.selectFrom('wfm_forecast_points').select(['ts', 'offered', 'aht']).where('forecast_id', '=', id).orderBy('ts');
  if (range.from !== undefined) q = q.where('ts', '>=', range.from);
  if (range.to !== undefined) q = q.where('ts', '<', range.to);
  const points = (await q.execute()).map((p) => ({ ts: Number(p.ts), offered: p.offered, aht: p.aht }));
  return { forecast: f, points };
}

/** Latest forecast version of a queue covering [from, to). */
export async function latestForecastCovering(db: Db, centerId: number, queue: string, from: number, to: number) {
  return db
    .selectFrom('wfm_forecasts')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('queue', '=', queue)
    .where('from_ts', '<=', from)
    .where('to_ts', '>=', to)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/**
 * Queues and interval lengths with history of a center (the forecast page's choices): the uploaded WFM
 * history, and the floor's own (the live rollups a forecast reads first, `historyFor`) — a center that
 * never uploaded a file, the demo's included, still finds its queues there.
 */
export async function historyQueues(db: Db, centerId: number) {
  const uploaded = await db
    .selectFrom('wfm_history')
    .where('center_id', '=', centerId)
    .select(['queue', 'interval_min'])
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('ts').as('from_ts'), eb.fn.max('ts').as('to_ts')])
    .groupBy(['queue', 'interval_min'])
    .execute();
  const live = await db
    .selectFrom('live_queue_intervals')
    .where('center_id', '=', centerId)
    .where('offered', '>', 0)
    .select(['queue', 'interval_min'])
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.min('interval_start').as('from_ts'), eb.fn.max('interval_start').as('to_ts')])
    .groupBy(['queue', 'interval_min'])
    .execute();
  const seen = new Set(uploaded.map((r) => `${r.queue}|${r.interval_min}`));
  return [...uploaded, ...live.filter((r) => !seen.has(`${r.queue}|${r.interval_min}`))]
    .map((r) => ({ queue: r.queue, interval_min: Number(r.interval_min), rows: Number(r.rows), from_ts: Number(r.from_ts), to_ts: Number(r.to_ts) }))
    .sort((a, b) => (a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : a.interval_min - b.interval_min));
}
