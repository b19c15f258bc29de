/** Leave records and shift swaps (src/services/wfm/leave). */
import { wfm as api } from '../../../contract/wfm';
import * as leave from '../../../services/wfm/leave';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const leaveRoutes: RouteDef[] = [
  implement(api.addLeave, async ({ body, caller, ctx }) => leave.recordLeave(depsOf(ctx), actorOf(caller), body)),
  implement(api.leave, async ({ query, caller, ctx }) => leave.leave(depsOf(ctx), actorOf(caller), query)),
  implement(api.requestSwap, async ({ body, caller, ctx }) => leave.askSwap(depsOf(ctx), actorOf(caller), body)),
  implement(api.swaps, async ({ caller, ctx }) => leave.swaps(depsOf(ctx), actorOf(caller))),
  implement(api.decideSwap, async ({ params, body, caller, ctx }) => leave.decide(depsOf(ctx), actorOf(caller), params.id, body.approve)),
];
