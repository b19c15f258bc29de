/** The center's self-assessment (issue 17): the routes over src/services/assessment. */
import { assessment as api } from '../../contract/assessment';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';
import * as svc from '../../services/assessment/assessment';

export const assessmentRoutes: RouteDef[] = [
  implement(api.checklist, async ({ ctx, caller }) => svc.checklist(depsOf(ctx), actorOf(caller))),
  implement(api.savePoint, async ({ ctx, caller, body }) => svc.savePoint(depsOf(ctx), actorOf(caller), body)),
  implement(api.saveLevels, async ({ ctx, caller, body }) => svc.saveLevels(depsOf(ctx), actorOf(caller), body)),
  implement(api.rounds, async ({ ctx, caller }) => svc.rounds(depsOf(ctx), actorOf(caller))),
  implement(api.createRound, async ({ ctx, caller, body }) => svc.createRound(depsOf(ctx), actorOf(caller), body)),
  implement(api.round, async ({ ctx, caller, params }) => svc.round(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.saveScores, async ({ ctx, caller, params, body }) => svc.saveScores(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.setGap, async ({ ctx, caller, params, body }) => svc.setGap(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.gaps, async ({ ctx, caller, query }) => svc.gaps(depsOf(ctx), actorOf(caller), query)),
  implement(api.setGapStatus, async ({ ctx, caller, params, body }) => svc.setGapStatus(depsOf(ctx), actorOf(caller), params.id, body)),
];

export const assessmentCapability: Capability = { name: 'assessment', routes: assessmentRoutes };
