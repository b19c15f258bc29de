/**
 * Work-order API: thin routes over src/store/workorders. Who may move an order is decided by the
 * core machines (data): a transition the caller's roles may not make answers 403 with the reason.
 * Board events go out on the `workorders` topic (staff), personal steps on `user:<id>`.
 */
import { workorders as api, WO_CENTER_WIDE } from '../../contract/workorders';
import { CALLBACK_OUTCOMES, MACHINES, PRIORITIES } from '../../core/workorders/index';
import { listCenters } from '../../store/org';
import {
  callbackList,
  checkSla,
  coreActor,
  createDepartment,
  createOrder,
  getOrder,
  linkCall,
  listDepartments,
  listOrders,
  recordCallback,
  repeatComplainerList,
  orderVisible,
  requestQaReview,
  setComplaintVerdict,
  transitionOrder,
  woSettings,
  workOrderReports,
  type WoActor,
  type WoEvents,
} from '../../store/workorders/orders';
import { hasRole, implement, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import type { Capability, Service } from '../capability';
import type { TopicFilter, TopicRule } from '../live';
import { callerCenterId } from './platform';
import { pushNotices } from './notifications';

export { WO_CENTER_WIDE, WO_QA, WO_REPORTS } from '../../contract/workorders';
export const BOARD_TOPIC = 'workorders';

const boardRule: TopicRule = (c, t) => t === BOARD_TOPIC && c.roles.some((r) => r !== 'agent');
// Board events name an order (id, title): each subscriber gets only those the REST read would show them.
const boardFilter: TopicFilter = async (ctx, c, data) => {
  const id = Number((data as { id?: unknown } | null)?.id);
  if (!Number.isInteger(id) || id <= 0) return false;
  return orderVisible(ctx.store.db, await callerCenterId(ctx, c), id, await scopeOf(ctx, c));
};

export function publish(ctx: ServerContext, ev: WoEvents) {
  for (const b of ev.board) ctx.hub.publish(BOARD_TOPIC, b);
  pushNotices(ctx, ev.users);
}

/** The caller's work-order scope (what the REST reads show them) and core actor. */
async function scopeAndActor(ctx: ServerContext, c: Caller) {
  const db = ctx.store.db;
  const { actor, departmentIds } = await coreActor(db, c.userId, c.roles);
  let teamUserIds: number[] = [];
  let teamAgentIds: number[] = [];
  if (c.ledTeamIds.length) {
    const rows = await db
      .selectFrom('users')
      .innerJoin('agents', 'agents.id', 'users.agent_id')
      .select('users.id')
      .where('agents.team_id', 'in', c.ledTeamIds)
      .execute();
    teamUserIds = rows.map((r) => r.id);
    teamAgentIds = (await db.selectFrom('agents').select('id').where('team_id', 'in', c.ledTeamIds).execute()).map((r) => r.id);
  }
  const scope: WoActor = {
    userId: c.userId,
    roles: c.roles,
    departmentIds,
    seesAll: hasRole(c, ...WO_CENTER_WIDE),
    teamUserIds,
    agentId: c.agentId,
    teamAgentIds,
  };
  return { actor, departmentIds, scope };
}

const scopeOf = async (ctx: ServerContext, c: Caller) => (await scopeAndActor(ctx, c)).scope;

async function actorOf(ctx: ServerContext, c: Caller) {
  const { actor, departmentIds, scope } = await scopeAndActor(ctx, c);
  return { actor, departmentIds, scope, centerId: await callerCenterId(ctx, c), settings: await woSettings(ctx.store.db, await callerCenterId(ctx, c)) };
}

export const workOrderRoutes: RouteDef[] = [
  implement(api.config, async ({ ctx, caller }) => {
    const a = await actorOf(ctx, caller);
    return {
      machines: MACHINES,
      categories: a.settings.workflow.categories,
      priorities: PRIORITIES,
      sla: a.settings.sla,
      outcomes: CALLBACK_OUTCOMES,
      departments: await listDepartments(ctx.store.db, a.centerId),
      myRoles: a.actor.roles,
    };
  }),
  implement(api.list, async ({ ctx, caller, query }) => {
    const a = await actorOf(ctx, caller);
    return listOrders(ctx.store.db, a.centerId, a.scope, query, ctx.now(), a.settings.sla);
  }),
  implement(api.create, async ({ ctx, caller, body }) => {
    const a = await actorOf(ctx, caller);
    const r = await createOrder(ctx.store.db, a.centerId, body, a.actor, ctx.now(), a.settings, a.scope);
    publish(ctx, r.events);
    return { id: r.id };
  }),
  implement(api.callbacks, async ({ ctx, caller }) => {
    const a = await actorOf(ctx, caller);
    return callbackList(ctx.store.db, a.centerId, a.scope, ctx.now());
  }),
  implement(api.reports, async ({ ctx, caller, query }) => {
    const a = await actorOf(ctx, caller);
    const to = query.to ?? ctx.now() + 1;
    return workOrderReports(ctx.store.db, a.centerId, query.from ?? to - 30 * 86_400_000, to, ctx.now(), a.settings);
  }),
  implement(api.repeatComplainers, async ({ ctx, caller }) => repeatComplainerList(ctx.store.db, await callerCenterId(ctx, caller))),
  implement(api.createDepartment, async ({ ctx, caller, body }) => ({
    id: await createDepartment(ctx.store.db, await callerCenterId(ctx, caller), body.name, body.kind, body.memberIds, caller.userId, ctx.now()),
  })),
  implement(api.order, async ({ ctx, caller, params }) => {
    const a = await actorOf(ctx, caller);
    return getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings);
  }),
  implement(api.transition, async ({ ctx, caller, params, body }) => {
    const a = await actorOf(ctx, caller);
    await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings); // 404 outside the caller's scope
    const r = await transitionOrder(ctx.store.db, a.centerId, params.id, body, a.actor, a.departmentIds, ctx.now(), a.settings, a.scope);
    publish(ctx, r.events);
    return { state: r.state, seq: r.seq, followUpId: r.followUpId };
  }),
  implement(api.attempt, async ({ ctx, caller, params, body }) => {
    const a = await actorOf(ctx, caller);
    const r = await recordCallback(ctx.store.db, a.centerId, params.id, body, a.actor, a.departmentIds, ctx.now(), a.settings);
    publish(ctx, r.events);
    return { status: r.status, nextAttemptAt: r.nextAttemptAt, followUp: r.followUp, transition: r.transition };
  }),
  implement(api.qaReview, async ({ ctx, caller, params }) => {
    await requestQaReview(ctx.store.db, await callerCenterId(ctx, caller), params.id, caller.userId, ctx.now());
    return { ok: true as const };
  }),
  implement(api.verdict, async ({ ctx, caller, params, body }) => {
    const a = await actorOf(ctx, caller);
    await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings); // 404 outside the caller's scope
    const r = await setComplaintVerdict(ctx.store.db, a.centerId, params.id, body, a.actor, ctx.now());
    publish(ctx, r.events);
    return { verdict: r.verdict, agentId: r.agentId, seq: r.seq };
  }),
  implement(api.linkCall, async ({ ctx, caller, params, body }) => {
    const a = await actorOf(ctx, caller);
    await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings);
    await linkCall(ctx.store.db, a.centerId, params.id, body.callId, caller.userId, ctx.now());
    return { ok: true as const };
  }),
];

/** Checks SLA timers of every center and publishes warnings / breaches. */
export async function runSlaCheck(ctx: ServerContext) {
  for (const c of await listCenters(ctx.store.db)) publish(ctx, await checkSla(ctx.store.db, c.id, ctx.now()));
}

/** The SLA timer: every 30 s, warnings and breaches of every center go out once. */
const slaTimer: Service = {
  name: 'workorders.sla',
  start(ctx) {
    const timer = setInterval(() => void runSlaCheck(ctx).catch(() => {}), 30_000);
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
