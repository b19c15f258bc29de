/** Attrition (leavers, the attrition figures, the at-risk list): parse → src/services/people/attrition → answer. */
import { people as api } from '../../../contract/people';
import * as svc from '../../../services/people/attrition';
import { actorOf, depsOf, implement, type RouteDef } from '../../route';

export const attritionRoutes: RouteDef[] = [
  implement(api.recordLeaver, async ({ body, caller, ctx }) => svc.recordLeaver(depsOf(ctx), actorOf(caller), body)),
  implement(api.attrition, async ({ query, caller, ctx }) => svc.attrition(depsOf(ctx), actorOf(caller), query)),
  implement(api.atRisk, async ({ query, caller, ctx }) => svc.atRisk(depsOf(ctx), actorOf(caller), query)),
];
