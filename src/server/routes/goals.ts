/** Goals and the team lead's scorecard (issue 17): the routes over src/services/goals. */
import { goals as api } from '../../contract/goals';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';
import * as svc from '../../services/goals/goals';
import * as card from '../../services/goals/scorecard';

export const goalRoutes: RouteDef[] = [
  implement(api.list, async ({ ctx, caller, query }) => svc.goals(depsOf(ctx), actorOf(caller), query)),
  implement(api.options, async ({ ctx, caller }) => svc.options(depsOf(ctx), actorOf(caller))),
  implement(api.scorecards, async ({ ctx, caller, query }) => card.scorecards(depsOf(ctx), actorOf(caller), query)),
  implement(api.saveConfig, async ({ ctx, caller, body }) => card.saveScorecardConfig(depsOf(ctx), actorOf(caller), body)),
  implement(api.get, async ({ ctx, caller, params }) => svc.goal(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.create, async ({ ctx, caller, body }) => svc.createGoal(depsOf(ctx), actorOf(caller), body)),
  implement(api.change, async ({ ctx, caller, params, body }) => svc.changeGoal(depsOf(ctx), actorOf(caller), params.id, body)),
];

export const goalsCapability: Capability = { name: 'goals', routes: goalRoutes };
