/** Time-off requests and the allowance (src/services/wfm/timeOff). */
import { timeOff as api } from '../../../contract/wfmTimeOff';
import * as svc from '../../../services/wfm/timeOff';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const timeOffRoutes: RouteDef[] = [
  implement(api.askTimeOff, async ({ body, caller, ctx }) => svc.askTimeOff(depsOf(ctx), actorOf(caller), body)),
  implement(api.timeOffRequests, async ({ query, caller, ctx }) => svc.timeOffList(depsOf(ctx), actorOf(caller), query)),
  implement(api.decideTimeOff, async ({ params, body, caller, ctx }) => svc.decide(depsOf(ctx), actorOf(caller), params.id, body.approve)),
  implement(api.timeOffAllowance, async ({ query, caller, ctx }) => svc.allowance(depsOf(ctx), actorOf(caller), query)),
];
