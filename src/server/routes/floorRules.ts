/** The floor rules as workflows (issue 17): the routes over src/services/floor/rules.ts. */
import { floorRules as api } from '../../contract/floorRules';
import * as svc from '../../services/floor/rules';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';

export const floorRulesRoutes: RouteDef[] = [
  implement(api.faults, async ({ ctx, caller, query }) => svc.faults(depsOf(ctx), actorOf(caller), query)),
  implement(api.reportFault, async ({ ctx, caller, body }) => svc.report(depsOf(ctx), actorOf(caller), body)),
  implement(api.fixFault, async ({ ctx, caller, params, body }) => svc.fix(depsOf(ctx), actorOf(caller), params.id, body.note)),
  implement(api.faultFigures, async ({ ctx, caller, query }) => svc.figures(depsOf(ctx), actorOf(caller), query)),
  implement(api.checklist, async ({ ctx, caller }) => svc.checklist(depsOf(ctx), actorOf(caller))),
  implement(api.saveChecklist, async ({ ctx, caller, body }) => svc.saveChecklist(depsOf(ctx), actorOf(caller), body)),
  implement(api.checks, async ({ ctx, caller, query }) => svc.checks(depsOf(ctx), actorOf(caller), query)),
  implement(api.recordCheck, async ({ ctx, caller, body }) => svc.record(depsOf(ctx), actorOf(caller), body)),
  implement(api.followUp, async ({ ctx, caller, params, body }) => svc.followUp(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.visits, async ({ ctx, caller }) => svc.visits(depsOf(ctx), actorOf(caller))),
  implement(api.logVisit, async ({ ctx, caller, body }) => svc.visitIn(depsOf(ctx), actorOf(caller), body)),
  implement(api.visitOut, async ({ ctx, caller, params, body }) => svc.out(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.visitNotices, async ({ ctx, caller }) => svc.visitNotices(depsOf(ctx), actorOf(caller))),
  implement(api.announceVisit, async ({ ctx, caller, body }) => svc.announce(depsOf(ctx), actorOf(caller), body)),
];

export const floorRulesCapability: Capability = { name: 'floorRules', routes: floorRulesRoutes };
