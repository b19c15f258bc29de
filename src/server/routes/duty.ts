/**
 * The duty-manager regime and the graded emergency plan (issue 17): the routes over
 * src/services/duty (roster, handovers, figures per duty; levels, activations). Each handler parses
 * and makes one call; who may do what is in the contract (roles) and the services (own duty, not one's
 * own handover, a duty manager's own scorecard).
 */
import { duty as api, emergencyPlan as plan } from '../../contract/duty';
import * as svc from '../../services/duty/duty';
import * as emergency from '../../services/duty/emergencyPlan';
import * as ladder from '../../services/duty/callinLadder';
import { callinLadderService } from '../callinLadder';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';

export const dutyRoutes: RouteDef[] = [
  implement(api.roster, async ({ ctx, caller, query }) => svc.roster(depsOf(ctx), actorOf(caller), query)),
  implement(api.addShift, async ({ ctx, caller, body }) => svc.addShift(depsOf(ctx), actorOf(caller), body)),
  implement(api.deleteShift, async ({ ctx, caller, params }) => svc.removeShift(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.current, async ({ ctx, caller }) => svc.current(depsOf(ctx), actorOf(caller))),
  implement(api.handoverDraft, async ({ ctx, caller, params }) => svc.handoverDraft(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.writeHandover, async ({ ctx, caller, params, body }) => svc.writeHandoverFor(depsOf(ctx), actorOf(caller), params.id, body.notes)),
  implement(api.handovers, async ({ ctx, caller, query }) => svc.handovers(depsOf(ctx), actorOf(caller), query)),
  implement(api.acknowledgeHandover, async ({ ctx, caller, params }) => svc.acknowledge(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.shiftFigures, async ({ ctx, caller, params }) => svc.shiftFigures(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.scorecard, async ({ ctx, caller, query }) => svc.scorecard(depsOf(ctx), actorOf(caller), query)),
  implement(plan.levels, async ({ ctx, caller }) => emergency.levels(depsOf(ctx), actorOf(caller))),
  implement(plan.saveLevels, async ({ ctx, caller, body }) => emergency.setLevels(depsOf(ctx), actorOf(caller), body)),
  implement(plan.activations, async ({ ctx, caller }) => emergency.activations(depsOf(ctx), actorOf(caller))),
  implement(plan.activation, async ({ ctx, caller, params }) => emergency.activationDetail(depsOf(ctx), actorOf(caller), params.id)),
  implement(plan.raise, async ({ ctx, caller, body }) => emergency.raise(depsOf(ctx), actorOf(caller), body)),
  implement(plan.confirm, async ({ ctx, caller, params, body }) => emergency.move(depsOf(ctx), actorOf(caller), params.id, 'active', body.note)),
  implement(plan.dismiss, async ({ ctx, caller, params, body }) => emergency.move(depsOf(ctx), actorOf(caller), params.id, 'dismissed', body.note)),
  implement(plan.standDown, async ({ ctx, caller, params, body }) => emergency.move(depsOf(ctx), actorOf(caller), params.id, 'ended', body.note)),
  implement(plan.myAsks, async ({ ctx, caller }) => ladder.myAsks(depsOf(ctx), actorOf(caller))),
  implement(plan.answerAsk, async ({ ctx, caller, params, body }) => ladder.answerAsk(depsOf(ctx), actorOf(caller), params.id, body.answer)),
];

export const dutyCapability: Capability = { name: 'duty', routes: dutyRoutes, services: [callinLadderService] };
