/** Careers (issue 17): the routes over src/services/careers. */
import { careers as api } from '../../contract/careers';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';
import * as dev from '../../services/careers/development';
import * as plans from '../../services/careers/plans';

export const careersRoutes: RouteDef[] = [
  implement(api.options, async ({ ctx, caller }) => dev.options(depsOf(ctx), actorOf(caller))),
  implement(api.idp, async ({ ctx, caller, query }) => dev.idp(depsOf(ctx), actorOf(caller), query)),
  implement(api.addIdp, async ({ ctx, caller, body }) => dev.addIdp(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateIdp, async ({ ctx, caller, params, body }) => dev.updateIdp(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.moves, async ({ ctx, caller, query }) => dev.moves(depsOf(ctx), actorOf(caller), query)),
  implement(api.recordMove, async ({ ctx, caller, body }) => dev.recordMove(depsOf(ctx), actorOf(caller), body)),
  implement(api.talent, async ({ ctx, caller }) => dev.talent(depsOf(ctx), actorOf(caller))),
  implement(api.nominate, async ({ ctx, caller, body }) => dev.nominate(depsOf(ctx), actorOf(caller), body)),
  implement(api.reviewNomination, async ({ ctx, caller, params, body }) => dev.reviewNomination(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.plans, async ({ ctx, caller, query }) => plans.plans(depsOf(ctx), actorOf(caller), query)),
  implement(api.proposals, async ({ ctx, caller }) => plans.proposals(depsOf(ctx), actorOf(caller))),
  implement(api.openPlan, async ({ ctx, caller, body }) => plans.openPlan(depsOf(ctx), actorOf(caller), body)),
  implement(api.plan, async ({ ctx, caller, params }) => plans.plan(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.addStep, async ({ ctx, caller, params, body }) => plans.addStep(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.recordStep, async ({ ctx, caller, params, body }) => plans.recordStep(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.acknowledgeStep, async ({ ctx, caller, params }) => plans.acknowledgeStep(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.decide, async ({ ctx, caller, params, body }) => plans.decide(depsOf(ctx), actorOf(caller), params.id, body)),
];

export const careersCapability: Capability = { name: 'careers', routes: careersRoutes };
