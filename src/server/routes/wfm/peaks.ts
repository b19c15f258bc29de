/** Peak subscription / VTO slots and their allocation, holiday points and redemptions (src/services/wfm/peaks). */
import { wfm as api } from '../../../contract/wfm';
import * as peaks from '../../../services/wfm/peaks';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const peaksRoutes: RouteDef[] = [
  implement(api.createSlot, async ({ body, caller, ctx }) => peaks.publishSlot(depsOf(ctx), actorOf(caller), body)),
  implement(api.slots, async ({ caller, ctx }) => peaks.slots(depsOf(ctx), actorOf(caller))),
  implement(api.subscribe, async ({ params, caller, ctx }) => peaks.subscribeTo(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.confirmSlot, async ({ params, caller, ctx }) => peaks.confirmSlot(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.putPeakRule, async ({ body, caller, ctx }) => peaks.setPeakRule(depsOf(ctx), actorOf(caller), body)),
  implement(api.pointsRules, async ({ caller, ctx }) => peaks.pointsRules(depsOf(ctx), actorOf(caller))),
  implement(api.putPointsRules, async ({ body, caller, ctx }) => peaks.setPointsRules(depsOf(ctx), actorOf(caller), body)),
  implement(api.earnPoints, async ({ body, caller, ctx }) => peaks.earnWeek(depsOf(ctx), actorOf(caller), body.weekStart)),
  implement(api.points, async ({ caller, ctx }) => peaks.points(depsOf(ctx), actorOf(caller))),
  implement(api.requestRedemption, async ({ body, caller, ctx }) => peaks.askRedemption(depsOf(ctx), actorOf(caller), body)),
  implement(api.redemptions, async ({ caller, ctx }) => peaks.redemptions(depsOf(ctx), actorOf(caller))),
  implement(api.decideRedemption, async ({ params, body, caller, ctx }) => peaks.decideOnRedemption(depsOf(ctx), actorOf(caller), params.id, body.approve)),
];
