/** Staffing: Erlang C/A and the requirement curves of a week (src/services/wfm/staffing). */
import { wfm as api } from '../../../contract/wfm';
import * as staffing from '../../../services/wfm/staffing';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const staffingRoutes: RouteDef[] = [
  implement(api.erlang, async ({ body, caller, ctx }) => staffing.erlang(depsOf(ctx), actorOf(caller), body)),
  implement(api.createRequirement, async ({ body, caller, ctx }) => staffing.createRequirementCurve(depsOf(ctx), actorOf(caller), body)),
  implement(api.shrinkage, async ({ caller, ctx }) => staffing.shrinkage(depsOf(ctx), actorOf(caller))),
  implement(api.putShrinkage, async ({ body, caller, ctx }) => staffing.saveShrinkage(depsOf(ctx), actorOf(caller), body)),
  implement(api.requirements, async ({ caller, ctx }) => staffing.requirements(depsOf(ctx), actorOf(caller))),
];
