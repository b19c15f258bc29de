/** Actual state segments, a day's adherence / conformance, intraday re-forecast (src/services/wfm/adherence). */
import { wfm as api } from '../../../contract/wfm';
import * as adh from '../../../services/wfm/adherence';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const adherenceRoutes: RouteDef[] = [
  implement(api.addStateSegments, async ({ body, caller, ctx }) => adh.recordStateSegments(depsOf(ctx), actorOf(caller), body.segments), {
    bodyLimit: 16 * 1024 * 1024,
  }),
  implement(api.adherence, async ({ query, caller, ctx }) => adh.adherence(depsOf(ctx), actorOf(caller), query)),
  implement(api.intraday, async ({ query, caller, ctx }) => adh.intraday(depsOf(ctx), actorOf(caller), query)),
];
