/** Peer help (issue 17): the routes over src/services/peer. */
import { peer as api } from '../../contract/peer';
import type { Capability } from '../capability';
import { actorOf, centerOf, depsOf, implement, type RouteDef } from '../route';
import * as svc from '../../services/peer/peer';
import * as squad from '../../services/peer/squad';
import { floorService } from '../liveFloor';

export const peerRoutes: RouteDef[] = [
  implement(api.plans, async ({ ctx, caller, query }) => svc.plans(depsOf(ctx), actorOf(caller), query)),
  implement(api.createPlan, async ({ ctx, caller, body }) => svc.createPlan(depsOf(ctx), actorOf(caller), body)),
  implement(api.plan, async ({ ctx, caller, params }) => svc.plan(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.addFollowUp, async ({ ctx, caller, params, body }) => svc.addFollowUp(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.closePlan, async ({ ctx, caller, params, body }) => svc.closePlan(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.squads, async ({ ctx, caller }) => svc.squads(depsOf(ctx), actorOf(caller))),
  implement(api.saveSquad, async ({ ctx, caller, body }) => svc.saveSquad(depsOf(ctx), actorOf(caller), body)),
  implement(api.deleteSquad, async ({ ctx, caller, params }) => svc.deleteSquad(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.squadFigures, async ({ ctx, caller, params, query }) => svc.squadFigures(depsOf(ctx), actorOf(caller), params.id, query)),
  implement(api.squadLive, async ({ ctx, caller, params }) => {
    const { agentIds } = await squad.squadForFigures(depsOf(ctx), actorOf(caller), params.id, 'squadLive');
    const floor = floorService(ctx, centerOf(caller));
    return { at: ctx.now(), running: !!floor, agents: floor ? floor.tilesOf(agentIds, ctx.now()) : [] };
  }),
  implement(api.squadReports, async ({ ctx, caller, query }) => squad.squadReports(depsOf(ctx), actorOf(caller), query)),
  implement(api.sendSquadReport, async ({ ctx, caller, params, body }) => squad.sendSquadReport(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.shadowing, async ({ ctx, caller, query }) => svc.shadowing(depsOf(ctx), actorOf(caller), query)),
  implement(api.shadowingOptions, async ({ ctx, caller }) => svc.shadowingOptions(depsOf(ctx), actorOf(caller))),
  implement(api.bookShadowing, async ({ ctx, caller, body }) => svc.bookShadowing(depsOf(ctx), actorOf(caller), body)),
  implement(api.cancelShadowing, async ({ ctx, caller, params }) => svc.cancelShadowing(depsOf(ctx), actorOf(caller), params.id)),
];

export const peerCapability: Capability = { name: 'peer', routes: peerRoutes };
