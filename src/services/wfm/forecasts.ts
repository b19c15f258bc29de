/**
 * Forecast use cases: interval history in, forecast versions out, and the holiday calendar they use.
 * The HTTP routes and `callfloor forecast` both call `createForecast` / `backtestForecast`, so the
 * store's history, the center's zone and holidays and the stored version are the same either way.
 */
import type { z } from 'zod';
import type { forecastBody, HolidayItem } from '../../contract/wfm';
import { validationError } from '../../core/errors';
import { backtest, forecast, type IntervalObservation } from '../../core/wfm/forecast';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { getSetting, putSetting } from '../../store/org';
import { forecastPoints, historyFor, historyQueues, listForecasts, putHistory, saveForecast } from '../../store/wfm/forecasts';
import type { Actor, ServiceDeps } from '../context';
import { centerOf, core, sameCenter, tzAt } from './common';

type IntervalMin = 15 | 30 | 60;

export interface HistorySource {
  /** local time = UTC + this many minutes for the day and week shapes; default the center's zone now */
  tzOffsetMin?: number;
  /** history the edge already holds (e.g. a data file at the command line); default the store's */
  history?: IntervalObservation[];
}

async function historyOf(deps: ServiceDeps, actor: Actor, q: { queue: string; intervalMin: IntervalMin }, src: HistorySource, tz: number) {
  const history =
    src.history ?? (await historyFor(deps.store.db, { centerId: actor.scope.centerId, queue: q.queue, intervalMin: q.intervalMin, tzOffsetMin: tz }));
  if (!history.length)
    throw validationError('queue', `no history for queue ${q.queue} at ${q.intervalMin}-minute intervals`, {
      reason: 'wfm.noHistory',
      params: { queue: q.queue, intervalMin: q.intervalMin },
    });
  return history;
}

export async function uploadHistory(deps: ServiceDeps, actor: Actor, body: { queue: string; intervalMin: IntervalMin; rows: IntervalObservation[] }) {
  await putHistory(deps.store.db, actor.scope.centerId, body.queue, body.intervalMin, body.rows);
  await audit(deps.store.db, {
    at: deps.now(),
    userId: actor.userId,
    action: 'wfm.history.upload',
    entity: 'wfm_history',
    entityId: body.queue,
    detail: { centerId: actor.scope.centerId, rows: body.rows.length },
  });
  return { rows: body.rows.length };
}

/** History of a queue as offered and AHT per interval. */
export async function history(deps: ServiceDeps, actor: Actor, q: { queue: string; intervalMin: IntervalMin; from?: number; to?: number }) {
  return (await historyFor(deps.store.db, { ...q, centerId: actor.scope.centerId })).map((r) => ({
    ts: r.ts,
    offered: r.offered,
    aht: r.offered > 0 ? (r.ahtSum ?? (r.aht ?? 0) * r.offered) / r.offered : 0,
  }));
}

export const queuesWithHistory = (deps: ServiceDeps, actor: Actor) => historyQueues(deps.store.db, actor.scope.centerId);

/** WAPE and MAPE of each model on the last held-out weeks. */
export async function backtestForecast(deps: ServiceDeps, actor: Actor, q: { queue: string; intervalMin: IntervalMin; weeks: number } & HistorySource) {
  const tz = q.tzOffsetMin ?? tzAt((await centerOf(deps, actor)).tz, deps.now());
  const h = await historyOf(deps, actor, q, q, tz);
  return core(() => backtest(h, q.weeks, { intervalMin: q.intervalMin, tzOffsetMin: tz }));
}

/** Forecasts the weeks after the history (holidays: given, else the center's calendar) and stores it as a new version. */
export async function createForecast(deps: ServiceDeps, actor: Actor, body: z.output<typeof forecastBody> & HistorySource & { via?: string }) {
  const c = await centerOf(deps, actor);
  const tz = body.tzOffsetMin ?? tzAt(c.tz, deps.now());
  const { history: given, ...params } = body;
  const h = await historyOf(deps, actor, body, { history: given }, tz);
  const holidays = body.holidays ?? (await holidays_(deps, c.id));
  body.adjustments.forEach((a, i) => {
    if (!(a.toTs > a.fromTs))
      throw validationError(`adjustments[${i}].toTs`, 'must be after fromTs', { reason: 'input.endBeforeStart', params: { from: a.fromTs, to: a.toTs } });
  });
  const points = await core(() =>
    forecast(h, body.model, body.weeksAhead * 7, { intervalMin: body.intervalMin, tzOffsetMin: tz, holidays, adjustments: body.adjustments }),
  );
  const id = await saveForecast(
    deps.store.db,
    { centerId: c.id, queue: body.queue, model: body.model, intervalMin: body.intervalMin, params: { ...params, holidays } },
    points,
    actor.userId,
    deps.now(),
  );
  return { id, intervals: points.length, from: points[0]!.ts, offered: points.reduce((s, p) => s + p.offered, 0) };
}

export const forecasts = (deps: ServiceDeps, actor: Actor) => listForecasts(deps.store.db, { centerId: actor.scope.centerId });

export async function forecastWithPoints(deps: ServiceDeps, actor: Actor, id: number) {
  const r = await forecastPoints(deps.store.db, id);
  sameCenter(r.forecast, actor, 'forecast', id);
  return r;
}

const holidays_ = async (deps: ServiceDeps, centerId: number) => (await getSetting<HolidayItem[]>(deps.store.db, centerId, 'wfm.holidays')) ?? [];

export const holidays = (deps: ServiceDeps, actor: Actor) => holidays_(deps, actor.scope.centerId);

/** Replaces the calendar (sorted by date; a date listed twice is refused naming its line). */
export async function putHolidays(deps: ServiceDeps, actor: Actor, body: HolidayItem[]) {
  const seen = new Set<string>();
  body.forEach((h, i) => {
    if (seen.has(h.date)) throw validationError(`${i}.date`, `${h.date} is listed twice`, { reason: 'input.duplicate', params: { value: h.date } });
    seen.add(h.date);
  });
  const sorted = [...body].sort((a, b) => a.date.localeCompare(b.date));
  await withTx(deps.store.db, async (tx) => {
    await putSetting(tx, actor.scope.centerId, 'wfm.holidays', sorted, deps.now());
    await audit(tx, { at: deps.now(), userId: actor.userId, action: 'wfm.holidays.put', entity: 'setting', entityId: 'wfm.holidays', detail: sorted });
  });
  return sorted;
}
