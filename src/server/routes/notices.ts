/** Notices that reach people (issue 17): the routes over src/services/notices, and the outbox dispatcher as this capability's service. */
import { notices as api } from '../../contract/notices';
import type { Capability } from '../capability';
import { actorOf, depsOf, implement, type RouteDef } from '../route';
import * as svc from '../../services/notices/notices';
import { noticeDispatcherService } from '../notices/dispatcher';

export const noticeRoutes: RouteDef[] = [
  implement(api.myChannels, async ({ ctx, caller }) => svc.myChannels(depsOf(ctx), actorOf(caller))),
  implement(api.setMyChannels, async ({ ctx, caller, body }) => svc.setMyChannels(depsOf(ctx), actorOf(caller), body)),
  implement(api.testMine, async ({ ctx, caller }) => svc.testMine(depsOf(ctx), actorOf(caller))),
  implement(api.myDeliveries, async ({ ctx, caller }) => svc.myDeliveries(depsOf(ctx), actorOf(caller))),
  implement(api.centerDeliveries, async ({ ctx, caller }) => svc.centerDeliveries(depsOf(ctx), actorOf(caller))),
  implement(api.robots, async ({ ctx, caller }) => svc.robots(depsOf(ctx), actorOf(caller))),
  implement(api.saveRobot, async ({ ctx, caller, body }) => svc.saveRobotFor(depsOf(ctx), actorOf(caller), body)),
  implement(api.deleteRobot, async ({ ctx, caller, params }) => svc.deleteRobotFor(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.testRobot, async ({ ctx, caller, params }) => svc.testRobot(depsOf(ctx), actorOf(caller), params.id)),
];

export const noticesCapability: Capability = { name: 'notices', routes: noticeRoutes, services: [noticeDispatcherService] };
