/**
 * Work-order API: parse (the contract) → use case (src/services/workorders) → answer. Who may move an
 * order is decided by the core machines (data): a transition the caller's roles may not make answers
 * 403 with the reason. Board messages go out on the `workorders` topic (staff; each filtered by the
 * order's visibility), personal steps on `user:<id>`.
 */
import { workorders as api, workordersTopic } from '../../contract/workorders';
import { topicName } from '../../contract/endpoint';
import * as wo from '../../services/workorders/orders';
import { boardMessageVisible, runSlaCheck } from '../../services/workorders/board';
import type { Capability, Service } from '../capability';
import type { ServerContext } from '../context';
import type { TopicFilter, TopicRule } from '../live';
import { actorOf, depsOf, implement, type RouteDef } from '../route';

export { WO_CENTER_WIDE, WO_QA, WO_REPORTS } from '../../contract/workorders';
const BOARD_TOPIC = topicName(workordersTopic);

export const workOrderRoutes: RouteDef[] = [
  implement(api.config, async ({ ctx, caller }) => wo.config(depsOf(ctx), actorOf(caller))),
  implement(api.list, async ({ ctx, caller, query }) => wo.list(depsOf(ctx), actorOf(caller), query)),
  implement(api.create, async ({ ctx, caller, body }) => wo.create(depsOf(ctx), actorOf(caller), body)),
  implement(api.callbacks, async ({ ctx, caller }) => wo.callbacks(depsOf(ctx), actorOf(caller))),
  implement(api.reports, async ({ ctx, caller, query }) => wo.reports(depsOf(ctx), actorOf(caller), query)),
  implement(api.repeatComplainers, async ({ ctx, caller }) => wo.repeatComplainers(depsOf(ctx), actorOf(caller))),
  implement(api.createDepartment, async ({ ctx, caller, body }) => wo.createDepartment(depsOf(ctx), actorOf(caller), body)),
  implement(api.updateDepartment, async ({ ctx, caller, params, body }) => wo.updateDepartment(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.deleteDepartment, async ({ ctx, caller, params }) => wo.deleteDepartment(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.putTypeSetup, async ({ ctx, caller, params, body }) => wo.putTypeSetup(depsOf(ctx), actorOf(caller), params.type, body)),
  implement(api.order, async ({ ctx, caller, params }) => wo.order(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.transition, async ({ ctx, caller, params, body }) => wo.transition(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.attempt, async ({ ctx, caller, params, body }) => wo.attempt(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.qaReview, async ({ ctx, caller, params }) => wo.requestQaReview(depsOf(ctx), actorOf(caller), params.id)),
  implement(api.verdict, async ({ ctx, caller, params, body }) => wo.verdict(depsOf(ctx), actorOf(caller), params.id, body)),
  implement(api.linkCall, async ({ ctx, caller, params, body }) => wo.linkCall(depsOf(ctx), actorOf(caller), params.id, body.callId)),
];

/** Staff follow the board; agents follow their own orders through their notices (`user:<id>`). */
const boardRule: TopicRule = (c, t) => t === BOARD_TOPIC && c.roles.some((r) => r !== 'agent');
// Board messages name an order: each subscriber gets only those the REST read would show them.
const boardFilter: TopicFilter = (ctx, c, data) => boardMessageVisible(depsOf(ctx), actorOf(c), data);

/** The SLA check of every center, from the server's context (tests run it by hand). */
export const slaCheck = (ctx: ServerContext) => runSlaCheck(depsOf(ctx));

/** The SLA timer: every 30 s, warnings and breaches of every center go out once. */
const slaTimer: Service = {
  name: 'workorders.sla',
  start(ctx) {
    const timer = setInterval(() => void slaCheck(ctx).catch(() => {}), 30_000);
    timer.unref();
    ctx.services.workordersSla = { stop: () => clearInterval(timer) };
  },
  stop(ctx) {
    (ctx.services.workordersSla as { stop(): void } | undefined)?.stop();
    delete ctx.services.workordersSla;
  },
};

/** Work orders: the routes, the board topic (staff; each message filtered by the order's visibility) and the SLA timer. */
export const workordersCapability: Capability = {
  name: 'workorders',
  routes: workOrderRoutes,
  topicRules: [boardRule],
  topicFilters: [{ topic: BOARD_TOPIC, filter: boardFilter }],
  services: [slaTimer],
};
