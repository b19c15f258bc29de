/** Interval history, forecast versions and the holiday calendar (src/services/wfm/forecasts). */
import { wfm as api } from '../../../contract/wfm';
import * as fc from '../../../services/wfm/forecasts';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const forecastsRoutes: RouteDef[] = [
  implement(api.uploadHistory, async ({ body, caller, ctx }) => fc.uploadHistory(depsOf(ctx), actorOf(caller), body), { bodyLimit: 8 * 1024 * 1024 }),
  implement(api.history, async ({ query, caller, ctx }) => fc.history(depsOf(ctx), actorOf(caller), query)),
  implement(api.historyQueues, async ({ caller, ctx }) => fc.queuesWithHistory(depsOf(ctx), actorOf(caller))),
  implement(api.backtest, async ({ body, caller, ctx }) => fc.backtestForecast(depsOf(ctx), actorOf(caller), body)),
  implement(api.createForecast, async ({ body, caller, ctx }) => {
    const { id, intervals } = await fc.createForecast(depsOf(ctx), actorOf(caller), body);
    return { id, intervals };
  }),
  implement(api.forecasts, async ({ caller, ctx }) => fc.forecasts(depsOf(ctx), actorOf(caller))),
  implement(api.forecast, async ({ params, caller, ctx }) => fc.forecastWithPoints(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.holidays, async ({ caller, ctx }) => fc.holidays(depsOf(ctx), actorOf(caller))),
  implement(api.putHolidays, async ({ body, caller, ctx }) => fc.putHolidays(depsOf(ctx), actorOf(caller), body)),
];
