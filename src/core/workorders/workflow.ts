/**
 * The one work-order model and its transitions (pure). Times are ISO-8601 UTC strings passed in.
 */
import { MACHINES, type ActorRole, type MachineDef, type Priority, type TransitionDef, type WorkOrderType } from './machines';

export interface Actor {
  id: string;
  roles: readonly ActorRole[];
}

export interface HistoryEntry {
  seq: number;
  at: string;
  actorId: string;
  /** The role the actor acted in (first of their roles the transition allows). */
  role: ActorRole;
  /** 'create' for the first entry. */
  transition: string;
  from: string | null;
  to: string;
  note: string;
  assignee?: string;
}

export interface DispatchInfo {
  address: string;
  /** Appointment window start/end (ISO). */
  appointmentFrom: string;
  appointmentTo: string;
  crewId?: string;
}

export interface WorkOrder {
  id: string;
  type: WorkOrderType;
  state: string;
  priority: Priority;
  category: string;
  title: string;
  description: string;
  /** Agent (or whoever) who raised it; told of every step. */
  raisedBy: string;
  assignee?: string;
  customerId?: string;
  /** The call it came from (complaints link to the call; QA reviews hang off it). */
  callId?: string;
  /** Order this one follows from (a callback after a complaint or a dispatch). */
  parentId?: string;
  dispatch?: DispatchInfo;
  createdAt: string;
  updatedAt: string;
  /** Set when the order reaches a final state. */
  closedAt?: string;
  history: HistoryEntry[];
}

export type WorkflowErrorCode =
  | 'unknown_type'
  | 'unknown_category'
  | 'unknown_transition'
  | 'wrong_state'
  | 'role_not_allowed'
  | 'note_required'
  | 'time_before_last_change'
  | 'missing_dispatch_info';

export interface WorkflowError {
  code: WorkflowErrorCode;
  message: string;
  /** the names and times the message mentions, for a translated one */
  params: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: WorkflowError };
const fail = <T>(code: WorkflowErrorCode, message: string, params: Record<string, string> = {}): Result<T> => ({ ok: false, error: { code, message, params } });

export interface NewWorkOrder {
  id: string;
  type: WorkOrderType;
  priority: Priority;
  category: string;
  title: string;
  description?: string;
  customerId?: string;
  callId?: string;
  parentId?: string;
  assignee?: string;
  dispatch?: DispatchInfo;
}

export interface WorkflowConfig {
  machines: Readonly<Record<WorkOrderType, MachineDef>>;
  /** Allowed categories per type (data); an empty list allows any. */
  categories: Readonly<Record<WorkOrderType, readonly string[]>>;
}

export const DEFAULT_CATEGORIES: Readonly<Record<WorkOrderType, readonly string[]>> = {
  escalation: ['業務諮詢', '賬務', '故障', '政策', '其他'],
  complaint: ['服務態度', '業務處理', '賬務', '網絡質量', '其他'],
  suggestion: ['流程', '系統', '培訓', '其他'],
  callback: ['投訴回訪', '派工回訪', '活動回訪', '其他'],
  dispatch: ['報修', '安裝', '檢查', '抄表', '其他'],
};

export const DEFAULT_WORKFLOW: WorkflowConfig = { machines: MACHINES, categories: DEFAULT_CATEGORIES };

function roleFor(actor: Actor, allowed: readonly ActorRole[]): ActorRole | undefined {
  return actor.roles.find((r) => allowed.includes(r));
}

export function createWorkOrder(input: NewWorkOrder, actor: Actor, at: string, note = '', config: WorkflowConfig = DEFAULT_WORKFLOW): Result<WorkOrder> {
  const m = config.machines[input.type];
  if (!m) return fail('unknown_type', `Unknown work-order type "${String(input.type)}".`, { type: String(input.type) });
  const cats = config.categories[input.type];
  if (cats.length > 0 && !cats.includes(input.category))
    return fail('unknown_category', `Unknown category "${input.category}" for ${input.type}; allowed: ${cats.join(', ')}.`, {
      category: input.category,
      allowed: cats.join(', '),
    });
  const role = roleFor(actor, m.creators);
  if (!role)
    return fail('role_not_allowed', `Role(s) ${actor.roles.join(', ') || '(none)'} may not create a ${input.type} order; allowed: ${m.creators.join(', ')}.`);
  if (input.type === 'dispatch' && !input.dispatch) return fail('missing_dispatch_info', 'A dispatch order needs an address and an appointment.');
  const order: WorkOrder = {
    id: input.id,
    type: input.type,
    state: m.initial,
    priority: input.priority,
    category: input.category,
    title: input.title,
    description: input.description ?? '',
    raisedBy: actor.id,
    ...(input.assignee !== undefined ? { assignee: input.assignee } : {}),
    ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
    ...(input.callId !== undefined ? { callId: input.callId } : {}),
    ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
    ...(input.dispatch !== undefined ? { dispatch: input.dispatch } : {}),
    createdAt: at,
    updatedAt: at,
    history: [{ seq: 1, at, actorId: actor.id, role, transition: 'create', from: null, to: m.initial, note }],
  };
  return { ok: true, value: order };
}

export interface TransitionOutcome {
  order: WorkOrder;
  entry: HistoryEntry;
  /** Who should be told (the raiser, the new assignee), without the actor themself. */
  notify: string[];
}

export interface TransitionOptions {
  /** New assignee (e.g. the expert, the department, the crew, the callback agent). */
  assignTo?: string;
  config?: WorkflowConfig;
}

/** Transitions the actor could make now (for the UI's buttons). */
export function availableTransitions(order: WorkOrder, actor: Actor, config: WorkflowConfig = DEFAULT_WORKFLOW): TransitionDef[] {
  return config.machines[order.type].transitions.filter((t) => t.from.includes(order.state) && roleFor(actor, t.roles) !== undefined);
}

export function applyTransition(
  order: WorkOrder,
  transition: string,
  actor: Actor,
  at: string,
  note: string,
  options: TransitionOptions = {},
): Result<TransitionOutcome> {
  const m = (options.config ?? DEFAULT_WORKFLOW).machines[order.type];
  const t = m.transitions.find((x) => x.name === transition);
  if (!t)
    return fail('unknown_transition', `A ${order.type} order has no transition "${transition}"; known: ${m.transitions.map((x) => x.name).join(', ')}.`, {
      transition,
    });
  if (!t.from.includes(order.state))
    return fail('wrong_state', `"${transition}" is not allowed from state "${order.state}" (only from ${t.from.join(', ')}).`, {
      transition,
      state: order.state,
    });
  const role = roleFor(actor, t.roles);
  if (!role)
    return fail(
      'role_not_allowed',
      `Role(s) ${actor.roles.join(', ') || '(none)'} may not "${transition}" a ${order.type} order; allowed: ${t.roles.join(', ')}.`,
    );
  if (t.noteRequired && note.trim() === '') return fail('note_required', `"${transition}" needs a note saying why.`, { transition });
  if (Date.parse(at) < Date.parse(order.updatedAt))
    return fail('time_before_last_change', `Time ${at} is before the order's last change at ${order.updatedAt}.`, { at, last: order.updatedAt });
  const entry: HistoryEntry = {
    seq: order.history.length + 1,
    at,
    actorId: actor.id,
    role,
    transition,
    from: order.state,
    to: t.to,
    note,
    ...(options.assignTo !== undefined ? { assignee: options.assignTo } : {}),
  };
  const isFinal = m.final.includes(t.to);
  const next: WorkOrder = {
    ...order,
    state: t.to,
    updatedAt: at,
    ...(options.assignTo !== undefined ? { assignee: options.assignTo } : {}),
    ...(isFinal ? { closedAt: at } : {}),
    history: [...order.history, entry],
  };
  const notify = [...new Set([order.raisedBy, ...(options.assignTo !== undefined ? [options.assignTo] : [])])].filter((x) => x !== actor.id);
  return { ok: true, value: { order: next, entry, notify } };
}

/** Time an order spent in each state (ms), from its history; the current state counts until `now`. */
export function timeInStates(order: WorkOrder, now: string): Record<string, number> {
  const out: Record<string, number> = {};
  const h = order.history;
  for (let i = 0; i < h.length; i++) {
    const end = i + 1 < h.length ? h[i + 1]!.at : (order.closedAt ?? now);
    out[h[i]!.to] = (out[h[i]!.to] ?? 0) + Math.max(0, Date.parse(end) - Date.parse(h[i]!.at));
  }
  return out;
}

/**
 * The roles that may hold an order of this type from `state` on: every (non-pseudo) role of a
 * transition leaving `state` or a state reachable from it. An assignee chosen by a caller must hold
 * one of them (e.g. an escalation draft: agent / team lead, then expert, duty manager), so an order
 * is never parked with someone who can never act on it.
 */
export function assigneeRoles(machine: MachineDef, state: string, pseudo: readonly string[] = ['business_dept', 'field_crew']): ActorRole[] {
  const seen = new Set<string>([state]);
  const queue = [state];
  const roles = new Set<ActorRole>();
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of machine.transitions) {
      if (!t.from.includes(s)) continue;
      for (const r of t.roles) if (!pseudo.includes(r)) roles.add(r);
      if (!seen.has(t.to)) {
        seen.add(t.to);
        queue.push(t.to);
      }
    }
  }
  return [...roles];
}
