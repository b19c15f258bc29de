/**
 * Work orders (src/server/routes/workorders.ts over src/store/workorders): the machines (data), the
 * orders the caller may see, raising and moving them, callbacks, verdicts on complaints, reports.
 * Who may move an order is decided by the core machines: a transition the caller may not make is 403.
 */
import { z } from 'zod';
import type { Role } from '../core/roles';
import { CALLBACK_OUTCOMES, PRIORITIES, VERDICT_ROLES, VERDICTS, WORK_ORDER_TYPES } from '../core/workorders/index';
import { endpoint, topic } from './endpoint';
import { epochMs, epochMsQuery, idParams, okResponse } from './atoms';

const tags = ['workorders'] as const;

/** Roles that see every work order of the center. */
export const WO_CENTER_WIDE: Role[] = ['admin', 'center_manager', 'duty_manager', 'expert', 'qa'];
export const WO_REPORTS: Role[] = ['admin', 'center_manager', 'duty_manager', 'qa', 'team_lead'];
export const WO_QA: Role[] = ['qa', 'duty_manager', 'center_manager', 'expert'];

// ---- wire types ----
const slaState = z.object({ dueAt: z.string(), warnAt: z.string(), status: z.enum(['ok', 'warning', 'breached', 'met', 'missed']), minutesLeft: z.number() });
const slaTarget = z.object({ resolveMinutes: z.number(), warnBeforeMinutes: z.number() });
const byType = <S extends z.ZodType>(s: S) => z.object(Object.fromEntries(WORK_ORDER_TYPES.map((t) => [t, s])) as Record<(typeof WORK_ORDER_TYPES)[number], S>);
const byPriority = <S extends z.ZodType>(s: S) => z.object(Object.fromEntries(PRIORITIES.map((p) => [p, s])) as Record<(typeof PRIORITIES)[number], S>);

export const transitionDef = z.object({
  name: z.string(),
  from: z.array(z.string()).readonly(),
  to: z.string(),
  roles: z.array(z.string()).readonly(),
  noteRequired: z.boolean().optional(),
});
export const machineDef = z.object({
  type: z.enum(WORK_ORDER_TYPES),
  label: z.string(),
  states: z.array(z.string()).readonly(),
  initial: z.string(),
  final: z.array(z.string()).readonly(),
  creators: z.array(z.string()).readonly(),
  transitions: z.array(transitionDef).readonly(),
});
export type MachineDef = z.infer<typeof machineDef>;

export const woDepartment = z.object({ id: z.number(), center_id: z.number(), name: z.string(), kind: z.string(), memberIds: z.array(z.number()) });

export const woConfig = z.object({
  machines: byType(machineDef),
  categories: byType(z.array(z.string()).readonly()),
  priorities: z.array(z.enum(PRIORITIES)).readonly(),
  sla: byType(byPriority(slaTarget)),
  outcomes: z.array(z.enum(CALLBACK_OUTCOMES)).readonly(),
  departments: z.array(woDepartment),
  myRoles: z.array(z.string()).readonly(),
});
export type WoConfig = z.infer<typeof woConfig>;

/** An order in the list (type, state, priority are the machines' names). */
export const woListItem = z.object({
  id: z.number(),
  type: z.string(),
  state: z.string(),
  priority: z.string(),
  category: z.string(),
  title: z.string(),
  raised_by: z.number(),
  raised_by_name: z.string().nullable(),
  assignee: z.string().nullable(),
  customer_id: z.string().nullable(),
  call_id: z.string().nullable(),
  repeat_complainer: z.number(),
  qa_review: z.number(),
  created_at: z.number(),
  updated_at: z.number(),
  closed_at: z.number().nullable(),
  sla_due_at: z.number(),
  appointment_from: z.number().nullable(),
  address: z.string().nullable(),
  agent_id: z.number().nullable(),
  agent_name: z.string().nullable(),
  verdict: z.string().nullable(),
  sla: slaState,
});
export type WoListItem = z.infer<typeof woListItem>;

const historyEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string(),
  role: z.string(),
  transition: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string(),
  assignee: z.string().optional(),
});
const attempt = z.object({
  id: z.number(),
  order_id: z.number(),
  at: z.number(),
  agent_user_id: z.number(),
  outcome: z.string(),
  note: z.string(),
  next_attempt_at: z.number().nullable(),
});

/** One order with its history, attempts, SLA and the transitions the caller may make. */
export const woOrder = z.object({
  id: z.number(),
  center_id: z.number(),
  type: z.string(),
  state: z.string(),
  priority: z.string(),
  category: z.string(),
  title: z.string(),
  description: z.string(),
  raised_by: z.number(),
  assignee: z.string().nullable(),
  customer_id: z.string().nullable(),
  customer_phone: z.string().nullable(),
  call_id: z.string().nullable(),
  parent_id: z.number().nullable(),
  address: z.string().nullable(),
  appointment_from: z.number().nullable(),
  appointment_to: z.number().nullable(),
  repeat_complainer: z.number(),
  qa_review: z.number(),
  qa_review_by: z.number().nullable(),
  qa_review_at: z.number().nullable(),
  created_at: z.number(),
  updated_at: z.number(),
  closed_at: z.number().nullable(),
  sla_warn_at: z.number(),
  sla_due_at: z.number(),
  sla_alerted: z.string(),
  agent_id: z.number().nullable(),
  verdict: z.string().nullable(),
  verdict_by: z.number().nullable(),
  verdict_at: z.number().nullable(),
  agent_name: z.string().nullable(),
  agent_code: z.string().nullable(),
  canJudge: z.boolean(),
  history: z.array(historyEntry),
  attempts: z.array(attempt),
  children: z.array(z.object({ id: z.number(), type: z.string(), state: z.string(), title: z.string() })),
  /** Display names by user id (raiser, history actors, callers). */
  names: z.record(z.string(), z.string()),
  sla: slaState,
  allowed: z.array(z.object({ name: z.string(), to: z.string(), noteRequired: z.boolean() })),
});
export type WoOrder = z.infer<typeof woOrder>;

export const woCallback = z.object({
  id: z.number(),
  state: z.string(),
  priority: z.string(),
  category: z.string(),
  title: z.string(),
  customer_id: z.string().nullable(),
  customer_phone: z.string().nullable(),
  assignee: z.string().nullable(),
  parent_id: z.number().nullable(),
  created_at: z.number(),
  sla_due_at: z.number(),
  attempts: z.number(),
  lastOutcome: z.string().nullable(),
  nextAttemptAt: z.number().nullable(),
  due: z.boolean(),
});
export type WoCallback = z.infer<typeof woCallback>;

export const woReports = z.object({
  volume: z.array(z.object({ type: z.string(), category: z.string(), count: z.number() })),
  timeToClose: z.array(z.object({ type: z.string(), closed: z.number(), avgHours: z.number().nullable(), medianHours: z.number().nullable() })),
  sla: z.array(z.object({ type: z.string(), met: z.number(), missed: z.number(), openBreached: z.number(), openWarning: z.number() })),
  waits: z.array(z.object({ assignee: z.string(), orders: z.number(), totalHours: z.number(), avgHours: z.number(), name: z.string() })),
});
export type WoReports = z.infer<typeof woReports>;

export const repeatComplainer = z.object({ customer_id: z.string().nullable(), complaints: z.number(), last_at: z.number() });

const created = z.object({ id: z.number() });
/** An SLA target as set up by a center (minutes; a year at most). */
const slaTargetInput = z.object({ resolveMinutes: z.number().int().min(1).max(525_600), warnBeforeMinutes: z.number().int().min(0).max(525_600) });
export const WO_SETUP: Role[] = ['admin', 'center_manager'];
const departmentName = z.string().trim().min(1).max(60);
const memberIds = z.array(z.number().int().positive()).max(500);

export const workorders = {
  config: endpoint({
    method: 'GET',
    path: '/api/workorders/config',
    access: 'any',
    summary: 'Types, states, transitions (data), categories, priorities, SLA, departments',
    tags,
    response: woConfig,
  }),
  list: endpoint({
    method: 'GET',
    path: '/api/workorders',
    access: 'any',
    summary: 'Work orders the caller may see, with SLA status',
    tags,
    query: z.object({
      type: z.enum(WORK_ORDER_TYPES).optional(),
      state: z.string().optional(),
      open: z.coerce.boolean().optional(),
      mine: z.coerce.boolean().optional(),
    }),
    response: z.array(woListItem),
  }),
  create: endpoint({
    method: 'POST',
    path: '/api/workorders',
    access: 'any',
    summary: 'Raise a work order (who may raise which type is data)',
    tags,
    body: z.object({
      type: z.enum(WORK_ORDER_TYPES),
      priority: z.enum(PRIORITIES).default('normal'),
      category: z.string().min(1),
      title: z.string().trim().min(1).max(200),
      description: z.string().max(5000).optional(),
      customerId: z.string().max(60).optional(),
      customerPhone: z.string().max(40).optional(),
      callId: z.string().max(80).optional(),
      parentId: z.number().int().positive().optional(),
      assigneeUserId: z.number().int().positive().optional(),
      agentId: z.number().int().positive().optional(),
      dispatch: z.object({ address: z.string().trim().min(1).max(300), appointmentFrom: epochMs, appointmentTo: epochMs }).optional(),
    }),
    response: created,
  }),
  callbacks: endpoint({
    method: 'GET',
    path: '/api/workorders/callbacks',
    access: 'any',
    summary: "Open callbacks (回訪) with attempts, the caller's scope",
    tags,
    response: z.array(woCallback),
  }),
  reports: endpoint({
    method: 'GET',
    path: '/api/workorders/reports',
    access: WO_REPORTS,
    summary: 'Volume, time to close, SLA, where orders wait longest',
    tags,
    query: z.object({ from: epochMsQuery.optional(), to: epochMsQuery.optional() }),
    response: woReports,
  }),
  repeatComplainers: endpoint({
    method: 'GET',
    path: '/api/workorders/repeat-complainers',
    access: WO_QA,
    summary: 'Customers flagged as repeat complainers',
    tags,
    response: z.array(repeatComplainer),
  }),
  createDepartment: endpoint({
    method: 'POST',
    path: '/api/workorders/departments',
    access: WO_SETUP,
    summary: 'Create a business department or field crew with members',
    tags,
    body: z.object({ name: departmentName, kind: z.enum(['business', 'crew']), memberIds: memberIds.default([]) }),
    response: created,
  }),
  updateDepartment: endpoint({
    method: 'PATCH',
    path: '/api/workorders/departments/:id',
    access: WO_SETUP,
    summary: 'Rename a business department or field crew, or replace its members',
    tags,
    params: idParams,
    body: z.object({ name: departmentName, memberIds }).partial(),
    response: okResponse,
  }),
  deleteDepartment: endpoint({
    method: 'DELETE',
    path: '/api/workorders/departments/:id',
    access: WO_SETUP,
    summary: 'Delete a business department or field crew (refused while it holds open orders, naming how many)',
    tags,
    params: idParams,
    response: okResponse,
  }),
  putTypeSetup: endpoint({
    method: 'PUT',
    path: '/api/workorders/types/:type',
    access: WO_SETUP,
    summary: "Set a work-order type's categories and its SLA per priority (the center's setup, audited)",
    tags,
    params: z.object({ type: z.enum(WORK_ORDER_TYPES) }),
    body: z.object({ categories: z.array(z.string().trim().min(1).max(60)).min(1).max(100), sla: byPriority(slaTargetInput) }),
    response: okResponse,
  }),
  order: endpoint({
    method: 'GET',
    path: '/api/workorders/:id',
    access: 'any',
    summary: 'One order with history, attempts, SLA and the transitions the caller may make',
    tags,
    params: idParams,
    response: woOrder,
  }),
  transition: endpoint({
    method: 'POST',
    path: '/api/workorders/:id/transitions',
    access: 'any',
    summary: 'Move an order (403 when the role may not make this transition)',
    tags,
    params: idParams,
    body: z.object({
      transition: z.string().min(1),
      note: z.string().max(2000).default(''),
      assigneeUserId: z.number().int().positive().optional(),
      departmentId: z.number().int().positive().optional(),
    }),
    response: z.object({ state: z.string(), seq: z.number(), followUpId: z.number().nullable() }),
  }),
  attempt: endpoint({
    method: 'POST',
    path: '/api/workorders/:id/attempts',
    access: 'any',
    summary: 'Record a callback attempt (the assigned agent); retries per policy',
    tags,
    params: idParams,
    body: z.object({ outcome: z.enum(CALLBACK_OUTCOMES), note: z.string().max(2000).default('') }),
    response: z.object({
      status: z.string(),
      nextAttemptAt: z.number().nullable(),
      followUp: z.boolean(),
      transition: z.enum(['complete', 'give_up']).nullable(),
    }),
  }),
  qaReview: endpoint({
    method: 'POST',
    path: '/api/workorders/:id/qa-review',
    access: WO_QA,
    summary: "Open a QA review of a complaint's call",
    tags,
    params: idParams,
    response: okResponse,
  }),
  verdict: endpoint({
    method: 'POST',
    path: '/api/workorders/:id/verdict',
    access: [...VERDICT_ROLES],
    summary: 'Judge a complaint upheld or rejected, with a note (only upheld ones count against the agent); names the agent if the order has none',
    tags,
    params: idParams,
    body: z.object({ verdict: z.enum(VERDICTS), note: z.string().max(2000).default(''), agentId: z.number().int().positive().optional() }),
    response: z.object({ verdict: z.enum(VERDICTS), agentId: z.number().nullable(), seq: z.number() }),
  }),
  linkCall: endpoint({
    method: 'PUT',
    path: '/api/workorders/:id/call',
    access: 'any',
    summary: 'Link the call an order came from',
    tags,
    params: idParams,
    body: z.object({ callId: z.string().trim().min(1).max(80) }),
    response: okResponse,
  }),
};

/**
 * The board topic (staff: every role but agent): an order raised, moved, judged, or past its SLA
 * warning / due time. Each message names an order and goes only to subscribers whose REST read would
 * show it (the server's topic filter); a verdict message carries no verdict (not everyone who sees the
 * order sees the attribution).
 */
export const woBoardMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('created'), id: z.number(), type: z.string(), state: z.string(), title: z.string(), repeatComplainer: z.boolean().optional() }),
  z.object({ kind: z.literal('changed'), id: z.number(), type: z.string(), state: z.string(), transition: z.string() }),
  z.object({ kind: z.literal('verdict'), id: z.number(), type: z.string(), state: z.string() }),
  z.object({
    kind: z.literal('sla'),
    level: z.enum(['warning', 'breached']),
    id: z.number(),
    type: z.string(),
    priority: z.string(),
    title: z.string(),
    dueAt: z.number(),
  }),
]);
export type WoBoardMessage = z.infer<typeof woBoardMessage>;

export const workordersTopic = topic({
  name: 'workorders',
  summary: "Work orders raised, moved, judged or past their SLA (staff; only orders the subscriber's REST read shows)",
  message: woBoardMessage,
});
