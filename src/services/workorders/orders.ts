/**
 * Work-order use cases (the escalation loop, complaints with verdicts, suggestions, callbacks,
 * field dispatch): read in the actor's scope, write through the store (one transaction each: the core
 * machines decide who may move what), then announce the change. HTTP routes call these; input arrives
 * parsed by the contract's schemas.
 */
import type { ParsedBody, ParsedQuery } from '../../contract/endpoint';
import type { workorders as api } from '../../contract/workorders';
import { CALLBACK_OUTCOMES, MACHINES, PRIORITIES, type WorkOrderType } from '../../core/workorders/index';
import {
  callbackList,
  createDepartment as storeCreateDepartment,
  deleteDepartment as storeDeleteDepartment,
  updateDepartment as storeUpdateDepartment,
  createOrder as storeCreateOrder,
  getOrder,
  linkCall as storeLinkCall,
  listDepartments,
  listOrders,
  recordCallback,
  repeatComplainerList,
  requestQaReview as storeRequestQaReview,
  setComplaintVerdict,
  transitionOrder,
  workOrderReports,
} from '../../store/workorders/orders';
import { saveTypeSetup } from '../../store/workorders/setup';
import { validationError } from '../../core/errors';
import type { Actor, ServiceDeps } from '../context';
import { userOf, woContext, type WoContext } from './actor';
import { announce } from './board';

type Body<K extends keyof typeof api> = ParsedBody<(typeof api)[K]>;
type Query<K extends keyof typeof api> = ParsedQuery<(typeof api)[K]>;

const DAY_MS = 86_400_000;

/** The machines (data), the center's categories and SLA, departments, and the actor's roles as the machines see them. */
export async function config(deps: ServiceDeps, actor: Actor) {
  const a = await woContext(deps, actor);
  return {
    machines: MACHINES,
    categories: a.settings.workflow.categories,
    priorities: PRIORITIES,
    sla: a.settings.sla,
    outcomes: CALLBACK_OUTCOMES,
    departments: await listDepartments(deps.store.db, a.centerId),
    myRoles: a.core.roles,
  };
}

export async function list(deps: ServiceDeps, actor: Actor, filter: Query<'list'>) {
  const a = await woContext(deps, actor);
  return listOrders(deps.store.db, a.centerId, a.scope, filter, deps.now(), a.settings.sla);
}

export async function create(deps: ServiceDeps, actor: Actor, input: Body<'create'>) {
  const a = await woContext(deps, actor);
  const r = await storeCreateOrder(deps.store.db, a.centerId, input, a.core, deps.now(), a.settings, a.scope);
  announce(deps, r.events);
  return { id: r.id };
}

export async function callbacks(deps: ServiceDeps, actor: Actor) {
  const a = await woContext(deps, actor);
  return callbackList(deps.store.db, a.centerId, a.scope, deps.now());
}

/** Volume, time to close, SLA and waits of the orders raised in [from, to) (default: the last 30 days). */
export async function reports(deps: ServiceDeps, actor: Actor, range: Query<'reports'>) {
  const a = await woContext(deps, actor);
  const to = range.to ?? deps.now() + 1;
  return workOrderReports(deps.store.db, a.centerId, range.from ?? to - 30 * DAY_MS, to, deps.now(), a.settings);
}

export const repeatComplainers = (deps: ServiceDeps, actor: Actor) => repeatComplainerList(deps.store.db, actor.scope.centerId);

export async function createDepartment(deps: ServiceDeps, actor: Actor, input: Body<'createDepartment'>) {
  return { id: await storeCreateDepartment(deps.store.db, actor.scope.centerId, input.name, input.kind, input.memberIds, actor.userId, deps.now()) };
}

export const updateDepartment = (deps: ServiceDeps, actor: Actor, id: number, input: Body<'updateDepartment'>) =>
  storeUpdateDepartment(deps.store.db, actor.scope.centerId, id, input, actor.userId, deps.now());

export const deleteDepartment = (deps: ServiceDeps, actor: Actor, id: number) =>
  storeDeleteDepartment(deps.store.db, actor.scope.centerId, id, actor.userId, deps.now());

/** A type's categories (each once) and its SLA per priority. */
export async function putTypeSetup(deps: ServiceDeps, actor: Actor, type: WorkOrderType, input: Body<'putTypeSetup'>) {
  const seen = new Set<string>();
  input.categories.forEach((c, i) => {
    if (seen.has(c)) throw validationError(`categories.${i}`, `category "${c}" is listed twice`, { reason: 'input.duplicate', params: { value: c } });
    seen.add(c);
  });
  await saveTypeSetup(deps.store.db, actor.scope.centerId, type, input, actor.userId, deps.now());
  return { ok: true as const };
}

/** One order as the actor may see it: 404 outside their scope. */
async function visibleOrder(deps: ServiceDeps, a: WoContext, id: number) {
  return getOrder(deps.store.db, a.centerId, id, a.scope, a.core, deps.now(), a.settings);
}

export async function order(deps: ServiceDeps, actor: Actor, id: number) {
  return visibleOrder(deps, await woContext(deps, actor), id);
}

export async function transition(deps: ServiceDeps, actor: Actor, id: number, input: Body<'transition'>) {
  const a = await woContext(deps, actor);
  await visibleOrder(deps, a, id);
  const r = await transitionOrder(deps.store.db, a.centerId, id, input, a.core, a.departmentIds, deps.now(), a.settings, a.scope);
  announce(deps, r.events);
  return { state: r.state, seq: r.seq, followUpId: r.followUpId };
}

/** A callback attempt by the agent it is assigned to; the policy may close or give it up. */
export async function attempt(deps: ServiceDeps, actor: Actor, id: number, input: Body<'attempt'>) {
  const a = await woContext(deps, actor);
  const r = await recordCallback(deps.store.db, a.centerId, id, input, a.core, a.departmentIds, deps.now(), a.settings);
  announce(deps, r.events);
  return { status: r.status, nextAttemptAt: r.nextAttemptAt, followUp: r.followUp, transition: r.transition };
}

export async function requestQaReview(deps: ServiceDeps, actor: Actor, id: number) {
  await storeRequestQaReview(deps.store.db, actor.scope.centerId, id, userOf(actor), deps.now());
  return { ok: true as const };
}

export async function verdict(deps: ServiceDeps, actor: Actor, id: number, input: Body<'verdict'>) {
  const a = await woContext(deps, actor);
  await visibleOrder(deps, a, id);
  const r = await setComplaintVerdict(deps.store.db, a.centerId, id, input, a.core, deps.now());
  announce(deps, r.events);
  return { verdict: r.verdict, agentId: r.agentId, seq: r.seq };
}

export async function linkCall(deps: ServiceDeps, actor: Actor, id: number, callId: string) {
  const a = await woContext(deps, actor);
  await visibleOrder(deps, a, id);
  await storeLinkCall(deps.store.db, a.centerId, id, callId, userOf(actor), deps.now());
  return { ok: true as const };
}
