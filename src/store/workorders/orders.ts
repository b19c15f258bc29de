/**
 * Work-order repository: every write goes through the core (createWorkOrder / applyTransition /
 * recordAttempt), is stored with its history entry, notifies the people concerned and is audited,
 * all in one transaction. Rules (machines, categories, SLA, repeat-complainer rule, callback
 * policy) are data: center settings with the core's defaults.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema';
import type { WoBoardMessage } from '../../contract/workorders';
import { withTx } from '../db';
import { audit } from '../audit';
import { getSetting } from '../org';
import { notifyUsers, type Notice } from '../notifications';
import { agentOfCall } from '../surveys';
import { inScope, type Scope } from '../scope';
import { conflict, DomainError, forbidden, notFound, validationError } from '../../core/errors';
import {
  assigneeRoles,
  DEFAULT_CALLBACK_POLICY,
  DEFAULT_CATEGORIES,
  DEFAULT_REPEAT_RULE,
  DEFAULT_SLA,
  MACHINES,
  applyTransition,
  availableTransitions,
  createWorkOrder,
  followUpCallback,
  isRepeatComplainer,
  recordAttempt,
  slaFor,
  workOrderReport,
  type Actor,
  type ActorRole,
  type CallbackItem,
  type CallbackOutcome,
  type CallbackPolicy,
  type DispatchInfo,
  type HistoryEntry,
  type NewWorkOrder,
  type Priority,
  type RepeatComplainerRule,
  type SlaPolicy,
  type WorkOrder,
  type WorkOrderType,
  type WorkflowConfig,
  type WorkflowError,
} from '../../core/workorders/index';

type Db = Kysely<DB>;
const iso = (ms: number) => new Date(ms).toISOString();
const ms = (s: string) => Date.parse(s);

export interface WoSettings {
  workflow: WorkflowConfig;
  sla: SlaPolicy;
  repeatRule: RepeatComplainerRule;
  callbackPolicy: CallbackPolicy;
}

export async function woSettings(db: Db, centerId: number): Promise<WoSettings> {
  const [categories, sla, repeatRule, callbackPolicy] = await Promise.all([
    getSetting<Record<WorkOrderType, string[]>>(db, centerId, 'workorders.categories'),
    getSetting<SlaPolicy>(db, centerId, 'workorders.sla'),
    getSetting<RepeatComplainerRule>(db, centerId, 'workorders.repeatRule'),
    getSetting<CallbackPolicy>(db, centerId, 'workorders.callbackPolicy'),
  ]);
  return {
    workflow: { machines: MACHINES, categories: { ...DEFAULT_CATEGORIES, ...(categories ?? {}) } },
    sla: sla ?? DEFAULT_SLA,
    repeatRule: repeatRule ?? DEFAULT_REPEAT_RULE,
    callbackPolicy: callbackPolicy ?? DEFAULT_CALLBACK_POLICY,
  };
}

// ---------------------------------------------------------------------------------------------
// Departments and crews (their members act as business_dept / field_crew)

export async function createDepartment(
  db: Db,
  centerId: number,
  name: string,
  kind: 'business' | 'crew',
  memberIds: number[],
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    // members act for the department
    await checkMembers(tx, centerId, memberIds);
    // said by name before the unique index would (its generic refusal names the column, not the department)
    const same = await tx.selectFrom('wo_departments').select('id').where('center_id', '=', centerId).where('name', '=', name).executeTakeFirst();
    if (same) throw conflict(`a department or crew named "${name}" exists`, 'name', { reason: 'input.duplicate', params: { value: name } });
    const r = await tx.insertInto('wo_departments').values({ center_id: centerId, name, kind }).returning('id').executeTakeFirstOrThrow();
    if (memberIds.length)
      await tx
        .insertInto('wo_department_members')
        .values(memberIds.map((u) => ({ department_id: r.id, user_id: u })))
        .execute();
    await audit(tx, { at: now, userId, action: 'wo.department.create', entity: 'wo_department', entityId: r.id, detail: { name, kind, memberIds } });
    return r.id;
  });
}

export async function listDepartments(db: Db, centerId: number) {
  const deps = await db.selectFrom('wo_departments').selectAll().where('center_id', '=', centerId).orderBy('id').execute();
  const mem = await db.selectFrom('wo_department_members').selectAll().execute();
  return deps.map((d) => ({ ...d, memberIds: mem.filter((m) => m.department_id === d.id).map((m) => m.user_id) }));
}

async function departmentRow(tx: Db, centerId: number, id: number) {
  const d = await tx.selectFrom('wo_departments').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!d) throw notFound('department', id);
  return d;
}

/** Each member must be an active user of this center (named by its place in the list). */
async function checkMembers(tx: Db, centerId: number, memberIds: number[]) {
  const known = memberIds.length
    ? new Set(
        (await tx.selectFrom('users').select('id').where('id', 'in', memberIds).where('center_id', '=', centerId).where('active', '=', 1).execute()).map(
          (u) => u.id,
        ),
      )
    : new Set<number>();
  memberIds.forEach((u, i) => {
    if (!known.has(u))
      throw validationError(`memberIds.${i}`, `user ${u} is not an active user of this center`, { reason: 'workorder.memberUnknown', params: { userId: u } });
  });
}

/** Renames a department or crew and / or replaces its members (audited; its kind stays: orders were sent to it as such). */
export async function updateDepartment(db: Db, centerId: number, id: number, p: { name?: string; memberIds?: number[] }, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const d = await departmentRow(tx, centerId, id);
    if (p.memberIds) await checkMembers(tx, centerId, p.memberIds);
    if (p.name !== undefined && p.name !== d.name) {
      const same = await tx.selectFrom('wo_departments').select('id').where('center_id', '=', centerId).where('name', '=', p.name).executeTakeFirst();
      if (same) throw conflict(`a department or crew named "${p.name}" exists`, 'name', { reason: 'input.duplicate', params: { value: p.name } });
      await tx.updateTable('wo_departments').set({ name: p.name }).where('id', '=', id).execute();
    }
    const before = (await tx.selectFrom('wo_department_members').select('user_id').where('department_id', '=', id).execute()).map((m) => m.user_id);
    if (p.memberIds) {
      await tx.deleteFrom('wo_department_members').where('department_id', '=', id).execute();
      const members = [...new Set(p.memberIds)];
      if (members.length)
        await tx
          .insertInto('wo_department_members')
          .values(members.map((u) => ({ department_id: id, user_id: u })))
          .execute();
    }
    await audit(tx, {
      at: now,
      userId,
      action: 'wo.department.update',
      entity: 'wo_department',
      entityId: id,
      detail: { before: { name: d.name, memberIds: before }, after: p },
    });
    return { ok: true as const };
  });
}

/** Deletes a department or crew that holds no open order; one that does is refused naming how many. */
export async function deleteDepartment(db: Db, centerId: number, id: number, userId: number | null, now: number) {
  return withTx(db, async (tx) => {
    const d = await departmentRow(tx, centerId, id);
    const { n } = await tx
      .selectFrom('wo_orders')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('center_id', '=', centerId)
      .where('assignee', '=', `dept:${id}`)
      .where('closed_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(n) > 0)
      throw conflict(`"${d.name}" holds ${n} open work order(s)`, 'id', {
        reason: 'workorder.departmentHasOpenOrders',
        params: { name: d.name, count: Number(n) },
      });
    await tx.deleteFrom('wo_department_members').where('department_id', '=', id).execute();
    await tx.deleteFrom('wo_departments').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'wo.department.delete', entity: 'wo_department', entityId: id, detail: d });
    return { ok: true as const };
  });
}

export interface WoActor {
  userId: number;
  roles: readonly string[];
  /** Departments / crews the user belongs to. */
  departmentIds: number[];
  /** Center-wide view of orders. */
  seesAll: boolean;
  /** User ids of the agents in the teams a team lead leads. */
  teamUserIds: number[];
  /** The caller's own agent record (agents), if any. */
  agentId?: number | null;
  /** Agent ids of the teams a team lead leads. */
  teamAgentIds?: number[];
}

/**
 * Who sees which complaint attribution (the agent a complaint is about, and the verdict):
 * center-wide roles see all; a team lead sees those about the agents of their teams (any verdict);
 * an agent sees a complaint about themselves only once it is upheld (and then sees the order even
 * if someone else raised it), and never the attribution of a complaint about another agent.
 */
function seesAttribution(a: WoActor, agentId: number | null, verdict: string | null): boolean {
  if (agentId == null) return true;
  if (a.seesAll) return true;
  if ((a.teamAgentIds ?? []).includes(agentId)) return true;
  return a.agentId === agentId && verdict === 'upheld';
}

/** A team lead's teams in the scope's center: their agents and those agents' users (what a lead's work-order view takes in). */
export async function ledTeamMembers(db: Db, scope: Scope): Promise<{ agentIds: number[]; userIds: number[] }> {
  if (scope.kind !== 'teams') return { agentIds: [], userIds: [] };
  const rows = await db
    .selectFrom('agents')
    .leftJoin('users', 'users.agent_id', 'agents.id')
    .select(['agents.id as agentId', 'users.id as userId'])
    .where(inScope(scope, { center: 'agents.center_id', team: 'agents.team_id' }))
    .execute();
  return { agentIds: [...new Set(rows.map((r) => r.agentId))], userIds: rows.map((r) => r.userId).filter((u): u is number => u != null) };
}

/** The core actor: the user's roles plus business_dept / field_crew from memberships. */
export async function coreActor(db: Db, userId: number, roles: readonly string[]): Promise<{ actor: Actor; departmentIds: number[] }> {
  const rows = await db
    .selectFrom('wo_department_members as m')
    .innerJoin('wo_departments as d', 'd.id', 'm.department_id')
    .select(['d.id', 'd.kind'])
    .where('m.user_id', '=', userId)
    .execute();
  const extra: ActorRole[] = [];
  if (rows.some((r) => r.kind === 'business')) extra.push('business_dept');
  if (rows.some((r) => r.kind === 'crew')) extra.push('field_crew');
  return { actor: { id: String(userId), roles: [...(roles as ActorRole[]), ...extra] }, departmentIds: rows.map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------------
// Reading

type OrderRow = DB['wo_orders'] extends infer R ? { [K in keyof R]: R[K] extends import('kysely').Generated<infer U> ? U : R[K] } : never;
type HistoryRow = {
  order_id: number;
  seq: number;
  at: number;
  actor_id: number;
  role: string;
  transition: string;
  from_state: string | null;
  to_state: string;
  note: string;
  assignee: string | null;
};

function toCore(o: OrderRow, history: HistoryRow[]): WorkOrder {
  const dispatch: DispatchInfo | undefined =
    o.type === 'dispatch' && o.address
      ? { address: o.address, appointmentFrom: iso(o.appointment_from ?? o.created_at), appointmentTo: iso(o.appointment_to ?? o.created_at) }
      : undefined;
  return {
    id: String(o.id),
    type: o.type as WorkOrderType,
    state: o.state,
    priority: o.priority as Priority,
    category: o.category,
    title: o.title,
    description: o.description,
    raisedBy: String(o.raised_by),
    ...(o.assignee ? { assignee: o.assignee } : {}),
    ...(o.customer_id ? { customerId: o.customer_id } : {}),
    ...(o.call_id ? { callId: o.call_id } : {}),
    ...(o.parent_id ? { parentId: String(o.parent_id) } : {}),
    ...(dispatch ? { dispatch } : {}),
    createdAt: iso(o.created_at),
    updatedAt: iso(o.updated_at),
    ...(o.closed_at ? { closedAt: iso(o.closed_at) } : {}),
    history: history.map((h): HistoryEntry => ({
      seq: h.seq,
      at: iso(h.at),
      actorId: String(h.actor_id),
      role: h.role as ActorRole,
      transition: h.transition,
      from: h.from_state,
      to: h.to_state,
      note: h.note,
      ...(h.assignee ? { assignee: h.assignee } : {}),
    })),
  };
}

function scoped(db: Db, centerId: number, a: WoActor) {
  let q = db.selectFrom('wo_orders as o').where('o.center_id', '=', centerId);
  if (!a.seesAll) {
    const mine = [`user:${a.userId}`, ...a.departmentIds.map((d) => `dept:${d}`)];
    q = q.where((eb) =>
      eb.or([
        eb('o.raised_by', 'in', [a.userId, ...a.teamUserIds]),
        eb('o.assignee', 'in', mine),
        eb.exists(eb.selectFrom('wo_history as h').select('h.order_id').whereRef('h.order_id', '=', 'o.id').where('h.actor_id', '=', a.userId)),
        // complaints about the team lead's agents; about the agent themselves once upheld
        ...(a.teamAgentIds?.length ? [eb.and([eb('o.type', '=', 'complaint'), eb('o.agent_id', 'in', a.teamAgentIds)])] : []),
        ...(a.agentId ? [eb.and([eb('o.type', '=', 'complaint'), eb('o.agent_id', '=', a.agentId), eb('o.verdict', '=', 'upheld')])] : []),
      ]),
    );
  }
  return q;
}

/** Whether the REST read (list / get) would show this order to the actor: the same scope, one row. */
export async function orderVisible(db: Db, centerId: number, id: number, a: WoActor): Promise<boolean> {
  return !!(await scoped(db, centerId, a).select('o.id').where('o.id', '=', id).executeTakeFirst());
}

async function loadOrder(db: Db, centerId: number, id: number) {
  const o = await db.selectFrom('wo_orders').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!o) throw notFound('workOrder', id);
  const h = await db.selectFrom('wo_history').selectAll().where('order_id', '=', id).orderBy('seq').execute();
  return { row: o, order: toCore(o, h) };
}

export interface OrderFilter {
  type?: WorkOrderType;
  state?: string;
  open?: boolean;
  mine?: boolean;
  limit?: number;
}

export async function listOrders(db: Db, centerId: number, a: WoActor, f: OrderFilter, now: number, sla: SlaPolicy) {
  let q = scoped(db, centerId, a)
    .leftJoin('users as u', 'u.id', 'o.raised_by')
    .leftJoin('agents as ag', 'ag.id', 'o.agent_id')
    .select([
      'o.id',
      'o.type',
      'o.state',
      'o.priority',
      'o.category',
      'o.title',
      'o.raised_by',
      'u.display_name as raised_by_name',
      'o.assignee',
      'o.customer_id',
      'o.call_id',
      'o.repeat_complainer',
      'o.qa_review',
      'o.created_at',
      'o.updated_at',
      'o.closed_at',
      'o.sla_due_at',
      'o.appointment_from',
      'o.address',
    ])
    .select(['o.agent_id', 'ag.name as agent_name', 'o.verdict'])
    .orderBy('o.sla_due_at')
    .limit(f.limit ?? 500);
  if (f.type) q = q.where('o.type', '=', f.type);
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.open) q = q.where('o.closed_at', 'is', null);
  if (f.mine)
    q = q.where((eb) =>
      eb.or([
        eb('o.raised_by', '=', a.userId),
        eb('o.assignee', '=', `user:${a.userId}`),
        eb('o.assignee', 'in', a.departmentIds.length ? a.departmentIds.map((d) => `dept:${d}`) : ['-']),
      ]),
    );
  const rows = await q.execute();
  const t = iso(now);
  return rows.map((r) => ({
    ...r,
    ...(seesAttribution(a, r.agent_id, r.verdict) ? {} : { agent_id: null, agent_name: null, verdict: null }),
    sla: slaFor(
      { type: r.type as WorkOrderType, priority: r.priority as Priority, createdAt: iso(r.created_at), ...(r.closed_at ? { closedAt: iso(r.closed_at) } : {}) },
      t,
      sla,
    ),
  }));
}

async function names(db: Db, ids: number[]) {
  const rows = ids.length
    ? await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('id', 'in', [...new Set(ids)])
        .execute()
    : [];
  return Object.fromEntries(rows.map((r) => [r.id, r.display_name]));
}

export async function getOrder(db: Db, centerId: number, id: number, a: WoActor, actor: Actor, now: number, s: WoSettings) {
  const visible = await scoped(db, centerId, a).select('o.id').where('o.id', '=', id).executeTakeFirst();
  if (!visible) throw notFound('workOrder', id);
  const { row, order } = await loadOrder(db, centerId, id);
  const attempts = await db.selectFrom('wo_callback_attempts').selectAll().where('order_id', '=', id).orderBy('id').execute();
  const children = await db.selectFrom('wo_orders').select(['id', 'type', 'state', 'title']).where('parent_id', '=', id).orderBy('id').execute();
  const who = await names(db, [row.raised_by, ...order.history.map((h) => Number(h.actorId)), ...attempts.map((x) => x.agent_user_id)]);
  const shown = seesAttribution(a, row.agent_id, row.verdict);
  const agent =
    shown && row.agent_id != null ? await db.selectFrom('agents').select(['name', 'ext_code']).where('id', '=', row.agent_id).executeTakeFirst() : undefined;
  const canJudge = row.type === 'complaint' && actor.roles.some((r) => (VERDICT_ROLES as readonly string[]).includes(r));
  return {
    ...row,
    ...(shown ? {} : { agent_id: null, verdict: null, verdict_by: null, verdict_at: null }),
    agent_name: agent?.name ?? null,
    agent_code: agent?.ext_code ?? null,
    canJudge,
    history: shown ? order.history : order.history.filter((h) => !h.transition.startsWith('verdict_')),
    attempts,
    children,
    names: who,
    sla: slaFor(order, iso(now), s.sla),
    allowed: availableTransitions(order, actor, s.workflow).map((t) => ({ name: t.name, to: t.to, noteRequired: !!t.noteRequired })),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** What a write tells the live layer: topic payloads to publish after the commit. */
export interface WoEvents {
  /** Messages of the board topic (src/contract/workorders.ts `workordersTopic`). */
  board: WoBoardMessage[];
  /** Personal notifications stored with the change, to push live on `user:<id>`. */
  users: Notice[];
}

function workflowError(e: WorkflowError) {
  if (e.code === 'role_not_allowed') return forbidden(e.message, { reason: 'wo.roleNotAllowed' });
  const field =
    e.code === 'note_required'
      ? 'note'
      : e.code === 'unknown_category'
        ? 'category'
        : e.code === 'missing_dispatch_info'
          ? 'dispatch'
          : e.code === 'unknown_type'
            ? 'type'
            : 'transition';
  return validationError(field, e.message, { reason: WORKFLOW_REASON[e.code], params: e.params });
}

/** A workflow refusal by its code: the reason the web translates (`role_not_allowed` is a forbidden of its own). */
const WORKFLOW_REASON: Record<WorkflowError['code'], string> = {
  unknown_type: 'workorder.unknownType',
  unknown_category: 'workorder.unknownCategory',
  unknown_transition: 'workorder.unknownTransition',
  wrong_state: 'workorder.wrongState',
  role_not_allowed: 'wo.roleNotAllowed',
  note_required: 'workorder.noteRequired',
  time_before_last_change: 'workorder.beforeLastChange',
  missing_dispatch_info: 'workorder.dispatchInfoRequired',
};

export interface NewOrderInput {
  type: WorkOrderType;
  priority: Priority;
  category: string;
  title: string;
  description?: string;
  customerId?: string;
  customerPhone?: string;
  callId?: string;
  parentId?: number;
  assigneeUserId?: number;
  /** complaints: the agent it is about (else taken from the call) */
  agentId?: number;
  dispatch?: { address: string; appointmentFrom: number; appointmentTo: number };
}

async function insertOrder(
  tx: Db,
  centerId: number,
  o: WorkOrder,
  extra: { customerPhone?: string; repeat: boolean; agentId?: number | null },
  sla: SlaPolicy,
) {
  const s = slaFor(o, o.createdAt, sla);
  const r = await tx
    .insertInto('wo_orders')
    .values({
      center_id: centerId,
      type: o.type,
      state: o.state,
      priority: o.priority,
      category: o.category,
      title: o.title,
      description: o.description,
      raised_by: Number(o.raisedBy),
      assignee: o.assignee ?? null,
      customer_id: o.customerId ?? null,
      customer_phone: extra.customerPhone ?? null,
      call_id: o.callId ?? null,
      parent_id: o.parentId ? Number(o.parentId) : null,
      address: o.dispatch?.address ?? null,
      appointment_from: o.dispatch ? ms(o.dispatch.appointmentFrom) : null,
      appointment_to: o.dispatch ? ms(o.dispatch.appointmentTo) : null,
      repeat_complainer: extra.repeat ? 1 : 0,
      qa_review: 0,
      qa_review_by: null,
      qa_review_at: null,
      created_at: ms(o.createdAt),
      updated_at: ms(o.updatedAt),
      closed_at: null,
      sla_warn_at: ms(s.warnAt),
      sla_due_at: ms(s.dueAt),
      sla_alerted: '',
      agent_id: extra.agentId ?? null,
      verdict: null,
      verdict_by: null,
      verdict_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const h = o.history[0]!;
  await tx
    .insertInto('wo_history')
    .values({
      order_id: r.id,
      seq: 1,
      at: ms(h.at),
      actor_id: Number(h.actorId),
      role: h.role,
      transition: h.transition,
      from_state: null,
      to_state: h.to,
      note: h.note,
      assignee: o.assignee ?? null,
    })
    .execute();
  return r.id;
}

async function notify(tx: Db, userIds: number[], orderId: number, kind: string, detail: Record<string, unknown>, now: number, ev: WoEvents) {
  const title = typeof detail.title === 'string' ? detail.title : '';
  ev.users.push(...(await notifyUsers(tx, userIds, { kind: `wo.${kind}`, title, data: { orderId, ...detail }, link: `#/wo/board?id=${orderId}` }, now)));
}

async function assigneeUsers(tx: Db, assignee: string | null | undefined): Promise<number[]> {
  if (!assignee) return [];
  const [kind, id] = assignee.split(':');
  if (kind === 'user') return [Number(id)];
  const rows = await tx.selectFrom('wo_department_members').select('user_id').where('department_id', '=', Number(id)).execute();
  return rows.map((r) => r.user_id);
}

/**
 * A user a caller names as assignee must exist, be active, belong to the center, hold a role that
 * acts on an order of this type from `state` on (the machine's data), and — when they would act only
 * as an agent — be within the caller's scope (themself; a team lead's own agents; center-wide roles: any).
 */
async function checkAssignee(tx: Db, centerId: number, userId: number, type: WorkOrderType, state: string, s: WoSettings, scope?: WoActor) {
  const field = 'assigneeUserId';
  const u = await tx.selectFrom('users').select(['id', 'center_id', 'active']).where('id', '=', userId).executeTakeFirst();
  if (!u || u.active !== 1 || u.center_id !== centerId)
    throw validationError(field, `user ${userId} is not an active user of this center`, { reason: 'workorder.assigneeUnknown', params: { field, userId } });
  const held = (await tx.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute()).map((r) => r.role);
  const allowed: string[] = assigneeRoles(s.workflow.machines[type], state);
  const fit = held.filter((r) => allowed.includes(r));
  if (!fit.length)
    throw validationError(field, `user ${userId} holds none of the roles that handle a ${type} order in state "${state}" (${allowed.join(', ')})`, {
      reason: 'workorder.assigneeRole',
      params: { field, userId, roles: allowed.join(', ') },
    });
  if (scope && !scope.seesAll && fit.every((r) => r === 'agent') && userId !== scope.userId && !scope.teamUserIds.includes(userId))
    throw validationError(field, `agent user ${userId} is outside your scope (yourself, or the agents of your teams)`, {
      reason: 'workorder.assigneeOutOfScope',
      params: { field, userId },
    });
}

/** The parent an order hangs under must exist and be visible to the caller (the REST read rule). */
async function checkParent(db: Db, centerId: number, parentId: number, scope?: WoActor) {
  const found = scope
    ? await scoped(db, centerId, scope).select('o.id').where('o.id', '=', parentId).executeTakeFirst()
    : await db.selectFrom('wo_orders').select('id').where('id', '=', parentId).where('center_id', '=', centerId).executeTakeFirst();
  if (!found)
    throw new DomainError(`parentId: work order ${parentId} not found`, 'not_found', 'parentId', {
      reason: 'workorder.parentNotFound',
      params: { field: 'parentId', id: parentId },
    });
}

export async function createOrder(
  db: Db,
  centerId: number,
  input: NewOrderInput,
  actor: Actor,
  now: number,
  s: WoSettings,
  scope?: WoActor,
): Promise<{ id: number; events: WoEvents }> {
  if (input.type === 'complaint' && input.customerId === undefined)
    throw validationError('customerId', 'a complaint needs the customer it is about', { reason: 'workorder.customerRequired' });
  if (input.parentId !== undefined) await checkParent(db, centerId, input.parentId, scope);
  if (input.assigneeUserId !== undefined)
    await checkAssignee(db, centerId, input.assigneeUserId, input.type, s.workflow.machines[input.type].initial, s, scope);
  const core: NewWorkOrder = {
    id: '0',
    type: input.type,
    priority: input.priority,
    category: input.category,
    title: input.title.trim(),
    description: input.description ?? '',
    ...(input.customerId ? { customerId: input.customerId } : {}),
    ...(input.callId ? { callId: input.callId } : {}),
    ...(input.parentId ? { parentId: String(input.parentId) } : {}),
    ...(input.assigneeUserId ? { assignee: `user:${input.assigneeUserId}` } : {}),
    ...(input.dispatch
      ? {
          dispatch: { address: input.dispatch.address, appointmentFrom: iso(input.dispatch.appointmentFrom), appointmentTo: iso(input.dispatch.appointmentTo) },
        }
      : {}),
  };
  if (!core.title) throw validationError('title', 'the title is empty', { reason: 'input.required', params: {} });
  if (input.dispatch && input.dispatch.appointmentTo < input.dispatch.appointmentFrom)
    throw validationError('dispatch.appointmentTo', 'the appointment ends before it starts', { reason: 'input.endBeforeStart', params: {} });
  const r = createWorkOrder(core, actor, iso(now), '', s.workflow);
  if (!r.ok) throw workflowError(r.error);
  if (input.agentId !== undefined && input.type !== 'complaint')
    throw validationError('agentId', 'only a complaint names the agent it is about', {
      reason: 'workorder.agentOnlyForComplaints',
      params: { field: 'agentId' },
    });
  const events: WoEvents = { board: [], users: [] };
  const id = await withTx(db, async (tx) => {
    const agentId = input.type === 'complaint' ? await complaintAgent(tx, centerId, input.callId, input.agentId) : null;
    let repeat = false;
    if (input.type === 'complaint') {
      const prior = await tx
        .selectFrom('wo_orders')
        .select('created_at')
        .where('center_id', '=', centerId)
        .where('type', '=', 'complaint')
        .where('customer_id', '=', input.customerId!)
        .execute();
      const refs = [...prior.map((p) => ({ customerId: input.customerId!, at: iso(p.created_at) })), { customerId: input.customerId!, at: iso(now) }];
      repeat = isRepeatComplainer(refs, input.customerId!, iso(now), s.repeatRule);
    }
    const newId = await insertOrder(tx, centerId, r.value, { ...(input.customerPhone ? { customerPhone: input.customerPhone } : {}), repeat, agentId }, s.sla);
    if (input.assigneeUserId)
      await notify(
        tx,
        [input.assigneeUserId].filter((u) => String(u) !== actor.id),
        newId,
        'assigned',
        { title: core.title, type: input.type },
        now,
        events,
      );
    await audit(tx, {
      at: now,
      userId: Number(actor.id),
      action: 'wo.create',
      entity: 'work_order',
      entityId: newId,
      detail: { type: input.type, category: input.category, priority: input.priority, repeatComplainer: repeat, ...(agentId ? { agentId } : {}) },
    });
    events.board.push({ kind: 'created', id: newId, type: input.type, state: r.value.state, title: core.title, repeatComplainer: repeat });
    return newId;
  });
  return { id, events };
}

/** An agent of this center, or a validation error naming `field`. */
async function centerAgent(tx: Db, centerId: number, agentId: number, field = 'agentId') {
  const a = await tx.selectFrom('agents').select(['id', 'name']).where('id', '=', agentId).where('center_id', '=', centerId).executeTakeFirst();
  if (!a) throw validationError(field, `unknown agent ${agentId}`, { reason: 'workorder.unknownAgent', params: { field, agentId } });
  return a;
}

/**
 * The agent a complaint is about: the agent who served its call (stored call events), else the one
 * chosen; both given must agree. null when neither is known (an unattributed complaint counts for nobody).
 */
async function complaintAgent(tx: Db, centerId: number, callId: string | undefined, agentId: number | undefined): Promise<number | null> {
  const fromCall = callId ? await agentOfCall(tx, centerId, callId) : null;
  const onCall = fromCall && fromCall.centerId === centerId ? fromCall.agentId : null;
  if (agentId !== undefined) {
    await centerAgent(tx, centerId, agentId);
    if (onCall !== null && onCall !== agentId)
      throw validationError('agentId', `agent ${agentId} did not serve call ${callId} (agent ${fromCall!.code} did)`, {
        reason: 'workorder.agentNotOnCall',
        params: { field: 'agentId', callId: callId!, callAgent: fromCall!.code },
      });
    return agentId;
  }
  return onCall;
}

import { VERDICT_ROLES, VERDICTS, type Verdict } from '../../core/workorders/complaints';
export { VERDICT_ROLES, VERDICTS, type Verdict };

/**
 * The duty manager's (or center manager's) verdict on a complaint, with a note: recorded on the
 * order, in its history (`verdict_upheld` / `verdict_rejected`, the state unchanged) and the audit
 * log. May be changed later (each change is one more history entry). An unattributed complaint
 * needs `agentId` to be upheld. The agent concerned is told once it is upheld.
 */
export async function setComplaintVerdict(
  db: Db,
  centerId: number,
  id: number,
  input: { verdict: Verdict; note: string; agentId?: number },
  actor: Actor,
  now: number,
): Promise<{ verdict: Verdict; agentId: number | null; seq: number; events: WoEvents }> {
  const role = actor.roles.find((r) => (VERDICT_ROLES as readonly string[]).includes(r));
  if (!role)
    throw forbidden(`only ${VERDICT_ROLES.join(' or ')} judge complaints`, { reason: 'workorder.verdictRole', params: { roles: VERDICT_ROLES.join(', ') } });
  if (!input.note.trim())
    throw validationError('note', 'a verdict needs a note saying why', { reason: 'workorder.verdictNoteRequired', params: { field: 'note' } });
  const events: WoEvents = { board: [], users: [] };
  const r = await withTx(db, async (tx) => {
    const { row, order } = await loadOrder(tx, centerId, id);
    if (row.type !== 'complaint')
      throw validationError('id', `work order ${id} is a ${row.type}, not a complaint`, { reason: 'workorder.notComplaint', params: { field: 'id', id } });
    let agentId = row.agent_id;
    if (input.agentId !== undefined && input.agentId !== agentId) {
      if (agentId !== null)
        throw validationError('agentId', `complaint ${id} is already about agent ${agentId}`, {
          reason: 'workorder.agentAlreadySet',
          params: { field: 'agentId', id },
        });
      await centerAgent(tx, centerId, input.agentId);
      agentId = input.agentId;
    }
    if (input.verdict === 'upheld' && agentId === null)
      throw validationError('agentId', `complaint ${id} names no agent; choose the agent it is about to uphold it`, {
        reason: 'workorder.verdictNeedsAgent',
        params: { field: 'agentId', id },
      });
    const upd = await tx
      .updateTable('wo_orders')
      .set({ verdict: input.verdict, verdict_by: Number(actor.id), verdict_at: now, agent_id: agentId, updated_at: Math.max(now, row.updated_at) })
      .where('id', '=', id)
      .where('updated_at', '=', row.updated_at)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1)
      throw conflict(`work order ${id} was changed meanwhile; reload it`, 'verdict', { reason: 'workorder.changedMeanwhile', params: { id } });
    const seq = order.history.length + 1;
    const transition = `verdict_${input.verdict}`;
    await tx
      .insertInto('wo_history')
      .values({
        order_id: id,
        seq,
        at: now,
        actor_id: Number(actor.id),
        role,
        transition,
        from_state: row.state,
        to_state: row.state,
        note: input.note,
        assignee: null,
      })
      .execute();
    await audit(tx, {
      at: now,
      userId: Number(actor.id),
      action: `wo.verdict`,
      entity: 'work_order',
      entityId: id,
      detail: { verdict: input.verdict, previous: row.verdict, agentId, role, note: input.note },
    });
    const detail = { title: row.title, type: row.type, transition, from: row.state, to: row.state, note: input.note, by: Number(actor.id) };
    await notify(
      tx,
      [row.raised_by].filter((u) => String(u) !== actor.id),
      id,
      'step',
      detail,
      now,
      events,
    );
    if (input.verdict === 'upheld' && agentId !== null) {
      const users = await tx.selectFrom('users').select('id').where('agent_id', '=', agentId).where('active', '=', 1).execute();
      await notify(
        tx,
        users.map((u) => u.id).filter((u) => String(u) !== actor.id && u !== row.raised_by),
        id,
        'step',
        detail,
        now,
        events,
      );
    }
    // no verdict in the board event: the topic filter checks only that the order is visible, and not everyone who sees it sees the attribution
    events.board.push({ kind: 'verdict', id, type: row.type, state: row.state });
    return { verdict: input.verdict, agentId, seq };
  });
  return { ...r, events };
}

export interface TransitionInput {
  transition: string;
  note: string;
  assigneeUserId?: number;
  departmentId?: number;
}

/** Transitions that hand the order to someone: which kind of target they need. */
const NEEDS_TARGET: Record<string, 'business' | 'crew' | 'user'> = {
  'escalation:send_to_business': 'business',
  'complaint:send_to_business': 'business',
  'dispatch:send': 'crew',
  'callback:assign': 'user',
};

export async function transitionOrder(
  db: Db,
  centerId: number,
  id: number,
  input: TransitionInput,
  actor: Actor,
  actorDepartments: number[],
  now: number,
  s: WoSettings,
  scope?: WoActor,
) {
  const events: WoEvents = { board: [], users: [] };
  const result = await withTx(db, async (tx) => {
    const { row, order } = await loadOrder(tx, centerId, id);
    let assignTo: string | undefined;
    const need = NEEDS_TARGET[`${order.type}:${input.transition}`];
    if (need === 'user') {
      if (!input.assigneeUserId)
        throw validationError('assigneeUserId', `"${input.transition}" needs the agent who will make the call`, {
          reason: 'workorder.assigneeRequired',
          params: { transition: input.transition },
        });
      const target = s.workflow.machines[order.type].transitions.find((t) => t.name === input.transition)?.to ?? order.state;
      await checkAssignee(tx, centerId, input.assigneeUserId, order.type, target, s, scope);
      assignTo = `user:${input.assigneeUserId}`;
    } else if (need) {
      if (!input.departmentId)
        throw validationError('departmentId', `"${input.transition}" needs the ${need === 'crew' ? 'field crew' : 'business department'} to send it to`, {
          reason: need === 'crew' ? 'workorder.crewRequired' : 'workorder.departmentRequired',
          params: { transition: input.transition },
        });
      const d = await tx
        .selectFrom('wo_departments')
        .select(['id', 'kind'])
        .where('id', '=', input.departmentId)
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (!d || d.kind !== need)
        throw validationError('departmentId', `${input.departmentId} is not a ${need === 'crew' ? 'field crew' : 'business department'}`, {
          reason: need === 'crew' ? 'workorder.notCrew' : 'workorder.notDepartment',
          params: { departmentId: input.departmentId },
        });
      assignTo = `dept:${input.departmentId}`;
    } else if (input.transition === 'submit' && order.type === 'escalation') {
      assignTo = undefined; // the expert seats pick it up from the board
    }
    const r = applyTransition(order, input.transition, actor, iso(now), input.note, { ...(assignTo !== undefined ? { assignTo } : {}), config: s.workflow });
    if (!r.ok) throw workflowError(r.error);
    const { entry } = r.value;
    // acting for a department / crew, or as the agent on one's own order, needs it to be yours
    if ((entry.role === 'business_dept' || entry.role === 'field_crew') && !(row.assignee && actorDepartments.map((d) => `dept:${d}`).includes(row.assignee)))
      throw forbidden(`"${input.transition}": this order is not with your department or crew`, { reason: 'wo.notYourDepartment' });
    if (entry.role === 'agent' && String(row.raised_by) !== actor.id && row.assignee !== `user:${actor.id}`)
      throw forbidden(`"${input.transition}": agents may only move orders they raised or that are assigned to them`, { reason: 'wo.notYourOrder' });
    const upd = await tx
      .updateTable('wo_orders')
      .set({
        state: entry.to,
        updated_at: now,
        ...(assignTo !== undefined ? { assignee: assignTo } : {}),
        ...(r.value.order.closedAt ? { closed_at: now } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', order.state)
      .executeTakeFirst();
    if (Number(upd.numUpdatedRows) !== 1)
      throw conflict(`work order ${id} was changed meanwhile; reload it`, 'transition', { reason: 'workorder.changedMeanwhile', params: { id } });
    await tx
      .insertInto('wo_history')
      .values({
        order_id: id,
        seq: entry.seq,
        at: now,
        actor_id: Number(actor.id),
        role: entry.role,
        transition: entry.transition,
        from_state: entry.from,
        to_state: entry.to,
        note: entry.note,
        assignee: assignTo ?? null,
      })
      .execute();
    // the agent who raised it is told of every step; a new assignee is told it is theirs
    const detail = { title: row.title, type: row.type, transition: entry.transition, from: entry.from, to: entry.to, note: entry.note, by: Number(actor.id) };
    await notify(
      tx,
      [row.raised_by].filter((u) => String(u) !== actor.id),
      id,
      'step',
      detail,
      now,
      events,
    );
    if (assignTo)
      await notify(
        tx,
        (await assigneeUsers(tx, assignTo)).filter((u) => String(u) !== actor.id && u !== row.raised_by),
        id,
        'assigned',
        detail,
        now,
        events,
      );
    await audit(tx, {
      at: now,
      userId: Number(actor.id),
      action: `wo.${entry.transition}`,
      entity: 'work_order',
      entityId: id,
      detail: { from: entry.from, to: entry.to, role: entry.role, note: entry.note, assignee: assignTo },
    });
    events.board.push({ kind: 'changed', id, type: row.type, state: entry.to, transition: entry.transition });
    // the callback that follows a completed dispatch / resolved complaint
    let followUpId: number | null = null;
    const next = followUpCallback(r.value.order, '0');
    if (next) {
      const made = createWorkOrder(next, { id: actor.id, roles: ['duty_manager'] }, iso(now), `auto: follow-up of #${id}`, {
        ...s.workflow,
        categories: { ...s.workflow.categories, callback: [] },
      });
      if (made.ok) {
        made.value.history[0]!.role = entry.role; // recorded as done by the actor's step, not as a duty manager
        made.value.raisedBy = String(row.raised_by); // the follow-up belongs to whoever raised the original order
        followUpId = await insertOrder(
          tx,
          centerId,
          made.value,
          { ...(row.customer_phone ? { customerPhone: row.customer_phone } : {}), repeat: false },
          s.sla,
        );
        await audit(tx, {
          at: now,
          userId: Number(actor.id),
          action: 'wo.create',
          entity: 'work_order',
          entityId: followUpId,
          detail: { type: 'callback', followUpOf: id },
        });
        events.board.push({ kind: 'created', id: followUpId, type: 'callback', state: made.value.state, title: made.value.title });
      }
    }
    return { state: entry.to, seq: entry.seq, followUpId };
  });
  return { ...result, events };
}

export async function recordCallback(
  db: Db,
  centerId: number,
  id: number,
  input: { outcome: CallbackOutcome; note: string },
  actor: Actor,
  actorDepartments: number[],
  now: number,
  s: WoSettings,
) {
  const { row, order } = await loadOrder(db, centerId, id);
  if (order.type !== 'callback')
    throw validationError('id', `work order ${id} is a ${order.type}, not a callback`, { reason: 'workorder.notCallback', params: { id } });
  if (row.assignee !== `user:${actor.id}`) throw forbidden('only the agent the callback is assigned to records attempts', { reason: 'wo.callbackNotYours' });
  if (order.state !== 'assigned')
    throw conflict(`callback ${id} is ${order.state}; attempts are recorded while it is assigned`, 'id', {
      reason: 'workorder.callbackNotAssigned',
      params: { id, state: order.state },
    });
  const attempts = await db.selectFrom('wo_callback_attempts').selectAll().where('order_id', '=', id).orderBy('id').execute();
  const item: CallbackItem = {
    orderId: String(id),
    customerId: row.customer_id ?? '',
    phone: row.customer_phone ?? '',
    assignee: actor.id,
    status: 'open',
    followUp: false,
    attempts: attempts.map((x) => ({ at: iso(x.at), agentId: String(x.agent_user_id), outcome: x.outcome as CallbackOutcome, note: x.note })),
  };
  const r = recordAttempt(item, { at: iso(now), agentId: actor.id, outcome: input.outcome, note: input.note }, s.callbackPolicy);
  if (!r.ok) throw validationError('outcome', r.error, { reason: r.reason, params: r.params });
  return withTx(db, async (tx) => {
    await tx
      .insertInto('wo_callback_attempts')
      .values({
        order_id: id,
        at: now,
        agent_user_id: Number(actor.id),
        outcome: input.outcome,
        note: input.note,
        next_attempt_at: r.item.nextAttemptAt ? ms(r.item.nextAttemptAt) : null,
      })
      .execute();
    await audit(tx, {
      at: now,
      userId: Number(actor.id),
      action: 'wo.callback_attempt',
      entity: 'work_order',
      entityId: id,
      detail: { outcome: input.outcome, attempt: r.item.attempts.length },
    });
    let events: WoEvents = { board: [], users: [] };
    if (r.transition) {
      const t = await transitionOrder(
        tx,
        centerId,
        id,
        { transition: r.transition, note: `${input.outcome}${input.note ? `: ${input.note}` : ''}` },
        actor,
        actorDepartments,
        now,
        s,
      );
      events = t.events;
    }
    return {
      status: r.item.status,
      nextAttemptAt: r.item.nextAttemptAt ? ms(r.item.nextAttemptAt) : null,
      followUp: r.item.followUp,
      transition: r.transition,
      events,
    };
  });
}

/** Opens a QA review of a complaint's call (the quality capability picks flagged orders up). */
export async function requestQaReview(db: Db, centerId: number, id: number, userId: number, now: number) {
  await withTx(db, async (tx) => {
    const { row } = await loadOrder(tx, centerId, id);
    if (row.type !== 'complaint') throw validationError('id', 'only complaints open a QA review', { reason: 'workorder.qaReviewNotComplaint', params: { id } });
    if (!row.call_id)
      throw validationError('callId', 'the complaint has no call linked; link the call first', { reason: 'workorder.noCallLinked', params: { id } });
    if (row.qa_review) throw conflict(`a QA review of work order ${id} is already open`, 'id', { reason: 'workorder.qaReviewOpen', params: { id } });
    await tx.updateTable('wo_orders').set({ qa_review: 1, qa_review_by: userId, qa_review_at: now }).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'wo.qa_review', entity: 'work_order', entityId: id, detail: { callId: row.call_id } });
  });
}

export async function linkCall(db: Db, centerId: number, id: number, callId: string, userId: number, now: number) {
  await withTx(db, async (tx) => {
    const { row } = await loadOrder(tx, centerId, id);
    // a complaint not yet about anyone takes the agent who served the linked call
    const fromCall = row.type === 'complaint' && row.agent_id === null ? await agentOfCall(tx, centerId, callId) : null;
    const agentId = fromCall && fromCall.centerId === centerId ? fromCall.agentId : row.agent_id;
    await tx.updateTable('wo_orders').set({ call_id: callId, agent_id: agentId }).where('id', '=', id).execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'wo.link_call',
      entity: 'work_order',
      entityId: id,
      detail: { callId, ...(agentId !== row.agent_id ? { agentId } : {}) },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// SLA alerts, callbacks list, reports

/**
 * Open orders that crossed their warning or due time since the last check: marks them so each
 * alert goes out once, notifies the raiser, and returns the board alerts to publish.
 */
export async function checkSla(db: Db, centerId: number, now: number): Promise<WoEvents> {
  const events: WoEvents = { board: [], users: [] };
  await withTx(db, async (tx) => {
    const due = await tx
      .selectFrom('wo_orders')
      .select(['id', 'type', 'priority', 'title', 'raised_by', 'sla_warn_at', 'sla_due_at', 'sla_alerted', 'assignee'])
      .where('center_id', '=', centerId)
      .where('closed_at', 'is', null)
      .where((eb) =>
        eb.or([eb.and([eb('sla_due_at', '<=', now), eb('sla_alerted', '!=', 'breached')]), eb.and([eb('sla_warn_at', '<=', now), eb('sla_alerted', '=', '')])]),
      )
      .execute();
    for (const o of due) {
      const level = o.sla_due_at <= now ? ('breached' as const) : ('warning' as const);
      await tx.updateTable('wo_orders').set({ sla_alerted: level }).where('id', '=', o.id).execute();
      const alert: WoBoardMessage = { kind: 'sla', level, id: o.id, type: o.type, priority: o.priority, title: o.title, dueAt: o.sla_due_at };
      events.board.push(alert);
      await notify(
        tx,
        [o.raised_by, ...(await assigneeUsers(tx, o.assignee))],
        o.id,
        `sla_${level}`,
        { title: o.title, type: o.type, dueAt: o.sla_due_at },
        now,
        events,
      );
    }
  });
  return events;
}

/** Open orders raised by the team's agents (for the team lead's pre-shift briefing), oldest first. */
export async function openOrdersOfTeam(db: Db, teamId: number) {
  const rows = await db
    .selectFrom('wo_orders as o')
    .innerJoin('users as u', 'u.id', 'o.raised_by')
    .innerJoin('agents as a', 'a.id', 'u.agent_id')
    .select(['o.id', 'o.title', 'o.sla_due_at'])
    .where('a.team_id', '=', teamId)
    .where('o.closed_at', 'is', null)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, dueAt: Number(r.sla_due_at) }));
}

export async function callbackList(db: Db, centerId: number, a: WoActor, now: number) {
  const rows = await scoped(db, centerId, a)
    .select([
      'o.id',
      'o.state',
      'o.priority',
      'o.category',
      'o.title',
      'o.customer_id',
      'o.customer_phone',
      'o.assignee',
      'o.parent_id',
      'o.created_at',
      'o.sla_due_at',
    ])
    .where('o.type', '=', 'callback')
    .where('o.closed_at', 'is', null)
    .orderBy('o.sla_due_at')
    .execute();
  const att = rows.length
    ? await db
        .selectFrom('wo_callback_attempts')
        .selectAll()
        .where(
          'order_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => {
    const mine = att.filter((x) => x.order_id === r.id);
    const last = mine[mine.length - 1];
    return {
      ...r,
      attempts: mine.length,
      lastOutcome: last?.outcome ?? null,
      nextAttemptAt: last?.next_attempt_at ?? null,
      due: !last?.next_attempt_at || last.next_attempt_at <= now,
    };
  });
}

export async function workOrderReports(db: Db, centerId: number, from: number, to: number, now: number, s: WoSettings) {
  const rows = await db
    .selectFrom('wo_orders')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const hist = rows.length
    ? await db
        .selectFrom('wo_history')
        .selectAll()
        .where(
          'order_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('order_id')
        .orderBy('seq')
        .execute()
    : [];
  const byOrder = new Map<number, HistoryRow[]>();
  for (const h of hist) byOrder.set(h.order_id, [...(byOrder.get(h.order_id) ?? []), h]);
  const report = workOrderReport(
    rows.map((r) => toCore(r, byOrder.get(r.id) ?? [])),
    iso(now),
    s.sla,
  );
  const deps = await db.selectFrom('wo_departments').select(['id', 'name']).where('center_id', '=', centerId).execute();
  const depName = new Map(deps.map((d) => [`dept:${d.id}`, d.name]));
  return { ...report, waits: report.waits.map((w) => ({ ...w, name: depName.get(w.assignee) ?? w.assignee })) };
}

export async function repeatComplainerList(db: Db, centerId: number) {
  return db
    .selectFrom('wo_orders')
    .select(['customer_id', sql<number>`count(*)`.as('complaints'), sql<number>`max(created_at)`.as('last_at')])
    .where('center_id', '=', centerId)
    .where('type', '=', 'complaint')
    .where('repeat_complainer', '=', 1)
    .groupBy('customer_id')
    .orderBy('customer_id')
    .execute();
}
