/**
 * Work-order API: thin routes over src/store/workorders. Who may move an order is decided by the
 * core machines (data): a transition the caller's roles may not make answers 403 with the reason.
 * Board events go out on the `workorders` topic (staff), personal steps on `user:<id>`.
 */
import { z } from 'zod';
import type { Role } from '../../core/roles';
import { CALLBACK_OUTCOMES, MACHINES, PRIORITIES, WORK_ORDER_TYPES } from '../../core/workorders/index';
import { listCenters } from '../../store/org';
import {
  callbackList, checkSla, coreActor, createDepartment, createOrder, getOrder, linkCall, listDepartments, listOrders, recordCallback, repeatComplainerList,
  orderVisible, requestQaReview, setComplaintVerdict, transitionOrder, VERDICT_ROLES, VERDICTS, woSettings, workOrderReports, type WoActor, type WoEvents,
} from '../../store/workorders/orders';
import { hasRole, route, type Caller, type RouteDef } from '../route';
import type { ServerContext } from '../context';
import { registerTopicFilter, registerTopicRule } from '../live';
import { serviceStarters } from '../services';
import { callerCenterId } from './platform';
import { pushNotices } from './notifications';
import { epochMs, epochMsQuery } from '../schemas';

/** Roles that see every work order of the center. */
export const WO_CENTER_WIDE: Role[] = ['admin', 'center_manager', 'duty_manager', 'expert', 'qa'];
export const WO_REPORTS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'team_lead'];
export const WO_QA: Role[] = ['qa', 'duty_manager', 'center_manager', 'expert'];
export const BOARD_TOPIC = 'workorders';

registerTopicRule((c, t) => t === BOARD_TOPIC && c.roles.some((r) => r !== 'agent'));
// Board events name an order (id, title): each subscriber gets only those the REST read would show them.
registerTopicFilter(BOARD_TOPIC, async (ctx, c, data) => {
  const id = Number((data as { id?: unknown } | null)?.id);
  if (!Number.isInteger(id) || id <= 0) return false;
  return orderVisible(ctx.store.db, await callerCenterId(ctx, c), id, await scopeOf(ctx, c));
});

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
    const rows = await db.selectFrom('users').innerJoin('agents', 'agents.id', 'users.agent_id').select('users.id').where('agents.team_id', 'in', c.ledTeamIds).execute();
    teamUserIds = rows.map((r) => r.id);
    teamAgentIds = (await db.selectFrom('agents').select('id').where('team_id', 'in', c.ledTeamIds).execute()).map((r) => r.id);
  }
  const scope: WoActor = { userId: c.userId, roles: c.roles, departmentIds, seesAll: hasRole(c, ...WO_CENTER_WIDE), teamUserIds, agentId: c.agentId, teamAgentIds };
  return { actor, departmentIds, scope };
}

const scopeOf = async (ctx: ServerContext, c: Caller) => (await scopeAndActor(ctx, c)).scope;

async function actorOf(ctx: ServerContext, c: Caller) {
  const { actor, departmentIds, scope } = await scopeAndActor(ctx, c);
  return { actor, departmentIds, scope, centerId: await callerCenterId(ctx, c), settings: await woSettings(ctx.store.db, await callerCenterId(ctx, c)) };
}

const id = z.object({ id: z.coerce.number().int().positive() });

export const workOrderRoutes: RouteDef[] = [
  route({
    method: 'GET', url: '/api/workorders/config', access: 'any', summary: 'Types, states, transitions (data), categories, priorities, SLA, departments', tags: ['workorders'],
    handler: async ({ ctx, caller }) => {
      const a = await actorOf(ctx, caller);
      return { machines: MACHINES, categories: a.settings.workflow.categories, priorities: PRIORITIES, sla: a.settings.sla, outcomes: CALLBACK_OUTCOMES, departments: await listDepartments(ctx.store.db, a.centerId), myRoles: a.actor.roles };
    },
  }),
  route({
    method: 'GET', url: '/api/workorders', access: 'any', summary: 'Work orders the caller may see, with SLA status', tags: ['workorders'],
    query: z.object({ type: z.enum(WORK_ORDER_TYPES).optional(), state: z.string().optional(), open: z.coerce.boolean().optional(), mine: z.coerce.boolean().optional() }),
    handler: async ({ ctx, caller, query }) => {
      const a = await actorOf(ctx, caller);
      return listOrders(ctx.store.db, a.centerId, a.scope, query, ctx.now(), a.settings.sla);
    },
  }),
  route({
    method: 'POST', url: '/api/workorders', access: 'any', summary: 'Raise a work order (who may raise which type is data)', tags: ['workorders'],
    body: z.object({
      type: z.enum(WORK_ORDER_TYPES), priority: z.enum(PRIORITIES).default('normal'), category: z.string().min(1), title: z.string().trim().min(1).max(200), description: z.string().max(5000).optional(),
      customerId: z.string().max(60).optional(), customerPhone: z.string().max(40).optional(), callId: z.string().max(80).optional(), parentId: z.number().int().positive().optional(), assigneeUserId: z.number().int().positive().optional(),
      agentId: z.number().int().positive().optional(),
      dispatch: z.object({ address: z.string().trim().min(1).max(300), appointmentFrom: epochMs, appointmentTo: epochMs }).optional(),
    }),
    handler: async ({ ctx, caller, body }) => {
      const a = await actorOf(ctx, caller);
      const r = await createOrder(ctx.store.db, a.centerId, body, a.actor, ctx.now(), a.settings, a.scope);
      publish(ctx, r.events);
      return { id: r.id };
    },
  }),
  route({
    method: 'GET', url: '/api/workorders/callbacks', access: 'any', summary: 'Open callbacks (回訪) with attempts, the caller\'s scope', tags: ['workorders'],
    handler: async ({ ctx, caller }) => {
      const a = await actorOf(ctx, caller);
      return callbackList(ctx.store.db, a.centerId, a.scope, ctx.now());
    },
  }),
  route({
    method: 'GET', url: '/api/workorders/reports', access: WO_REPORTS, summary: 'Volume, time to close, SLA, where orders wait longest', tags: ['workorders'],
    query: z.object({ from: epochMsQuery.optional(), to: epochMsQuery.optional() }),
    handler: async ({ ctx, caller, query }) => {
      const a = await actorOf(ctx, caller);
      const to = query.to ?? ctx.now() + 1;
      return workOrderReports(ctx.store.db, a.centerId, query.from ?? to - 30 * 86_400_000, to, ctx.now(), a.settings);
    },
  }),
  route({
    method: 'GET', url: '/api/workorders/repeat-complainers', access: WO_QA, summary: 'Customers flagged as repeat complainers', tags: ['workorders'],
    handler: async ({ ctx, caller }) => repeatComplainerList(ctx.store.db, await callerCenterId(ctx, caller)),
  }),
  route({
    method: 'POST', url: '/api/workorders/departments', access: ['admin', 'center_manager'], summary: 'Create a business department or field crew with members', tags: ['workorders'],
    body: z.object({ name: z.string().trim().min(1).max(60), kind: z.enum(['business', 'crew']), memberIds: z.array(z.number().int().positive()).default([]) }),
    handler: async ({ ctx, caller, body }) => ({ id: await createDepartment(ctx.store.db, await callerCenterId(ctx, caller), body.name, body.kind, body.memberIds, caller.userId, ctx.now()) }),
  }),
  route({
    method: 'GET', url: '/api/workorders/:id', access: 'any', summary: 'One order with history, attempts, SLA and the transitions the caller may make', tags: ['workorders'], params: id,
    handler: async ({ ctx, caller, params }) => {
      const a = await actorOf(ctx, caller);
      return getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings);
    },
  }),
  route({
    method: 'POST', url: '/api/workorders/:id/transitions', access: 'any', summary: 'Move an order (403 when the role may not make this transition)', tags: ['workorders'], params: id,
    body: z.object({ transition: z.string().min(1), note: z.string().max(2000).default(''), assigneeUserId: z.number().int().positive().optional(), departmentId: z.number().int().positive().optional() }),
    handler: async ({ ctx, caller, params, body }) => {
      const a = await actorOf(ctx, caller);
      await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings); // 404 outside the caller's scope
      const r = await transitionOrder(ctx.store.db, a.centerId, params.id, body, a.actor, a.departmentIds, ctx.now(), a.settings, a.scope);
      publish(ctx, r.events);
      return { state: r.state, seq: r.seq, followUpId: r.followUpId };
    },
  }),
  route({
    method: 'POST', url: '/api/workorders/:id/attempts', access: 'any', summary: 'Record a callback attempt (the assigned agent); retries per policy', tags: ['workorders'], params: id,
    body: z.object({ outcome: z.enum(CALLBACK_OUTCOMES), note: z.string().max(2000).default('') }),
    handler: async ({ ctx, caller, params, body }) => {
      const a = await actorOf(ctx, caller);
      const r = await recordCallback(ctx.store.db, a.centerId, params.id, body, a.actor, a.departmentIds, ctx.now(), a.settings);
      publish(ctx, r.events);
      return { status: r.status, nextAttemptAt: r.nextAttemptAt, followUp: r.followUp, transition: r.transition };
    },
  }),
  route({
    method: 'POST', url: '/api/workorders/:id/qa-review', access: WO_QA, summary: 'Open a QA review of a complaint\'s call', tags: ['workorders'], params: id,
    handler: async ({ ctx, caller, params }) => requestQaReview(ctx.store.db, await callerCenterId(ctx, caller), params.id, caller.userId, ctx.now()),
  }),
  route({
    method: 'POST', url: '/api/workorders/:id/verdict', access: [...VERDICT_ROLES], summary: 'Judge a complaint upheld or rejected, with a note (only upheld ones count against the agent); names the agent if the order has none', tags: ['workorders'], params: id,
    body: z.object({ verdict: z.enum(VERDICTS), note: z.string().max(2000).default(''), agentId: z.number().int().positive().optional() }),
    handler: async ({ ctx, caller, params, body }) => {
      const a = await actorOf(ctx, caller);
      await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings); // 404 outside the caller's scope
      const r = await setComplaintVerdict(ctx.store.db, a.centerId, params.id, body, a.actor, ctx.now());
      publish(ctx, r.events);
      return { verdict: r.verdict, agentId: r.agentId, seq: r.seq };
    },
  }),
  route({
    method: 'PUT', url: '/api/workorders/:id/call', access: 'any', summary: 'Link the call an order came from', tags: ['workorders'], params: id,
    body: z.object({ callId: z.string().trim().min(1).max(80) }),
    handler: async ({ ctx, caller, params, body }) => {
      const a = await actorOf(ctx, caller);
      await getOrder(ctx.store.db, a.centerId, params.id, a.scope, a.actor, ctx.now(), a.settings);
      await linkCall(ctx.store.db, a.centerId, params.id, body.callId, caller.userId, ctx.now());
    },
  }),
];

/** Checks SLA timers of every center and publishes warnings / breaches. */
export async function runSlaCheck(ctx: ServerContext) {
  for (const c of await listCenters(ctx.store.db)) publish(ctx, await checkSla(ctx.store.db, c.id, ctx.now()));
}

serviceStarters.push((ctx) => {
  const timer = setInterval(() => void runSlaCheck(ctx).catch(() => {}), 30_000);
  timer.unref();
});
