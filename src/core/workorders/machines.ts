/**
 * Work-order state machines as DATA (one per type). Every center may replace these tables;
 * the code in workflow.ts only interprets them.
 *
 * Actor roles are the nine DESIGN.md roles plus two pseudo-roles for people outside the
 * call-center floor who still move orders:
 *   - business_dept (業務處理部門): a back-office department answering escalations/complaints;
 *   - field_crew (外勤 / 維修班組): the crew that receives a field dispatch (seed 002, fifth article).
 * admin configures the machines but moves no orders; nobody else is implied (no role inherits
 * another's rights: a duty manager who also acts as expert holds both roles).
 */
import type { Role } from '../roles';

export const PSEUDO_ROLES = ['business_dept', 'field_crew'] as const;
export type PseudoRole = (typeof PSEUDO_ROLES)[number];
export type ActorRole = Role | PseudoRole;

export const WORK_ORDER_TYPES = ['escalation', 'complaint', 'suggestion', 'callback', 'dispatch'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface TransitionDef {
  name: string;
  from: readonly string[];
  to: string;
  roles: readonly ActorRole[];
  /** Sending back must say why. */
  noteRequired?: boolean;
}

export interface MachineDef {
  type: WorkOrderType;
  /** zh label for the UI. */
  label: string;
  states: readonly string[];
  initial: string;
  /** Terminal states: the SLA clock stops, no transition leaves them. */
  final: readonly string[];
  /** Who may create an order of this type (it starts in `initial`). */
  creators: readonly ActorRole[];
  transitions: readonly TransitionDef[];
}

/**
 * 疑難 escalation, the loop of seed 000 (fourth article, 疑難支撐):
 *   員工 → 疑難座席 → 值班經理 → 業務處理部門 → 回饋 → 值班經理閉環處理
 * state = who holds it now: agent (draft), expert, duty_manager, business_dept, feedback (the
 * department's answer is back with the duty manager), closed. Each step can send it back one
 * step, with a note.
 */
export const ESCALATION: MachineDef = {
  type: 'escalation',
  label: '疑難',
  states: ['draft', 'expert', 'duty_manager', 'business_dept', 'feedback', 'closed', 'withdrawn'],
  initial: 'draft',
  final: ['closed', 'withdrawn'],
  creators: ['agent', 'team_lead'],
  transitions: [
    { name: 'submit', from: ['draft'], to: 'expert', roles: ['agent', 'team_lead'] },
    { name: 'withdraw', from: ['draft'], to: 'withdrawn', roles: ['agent', 'team_lead'] },
    { name: 'return_to_agent', from: ['expert'], to: 'draft', roles: ['expert'], noteRequired: true },
    { name: 'escalate', from: ['expert'], to: 'duty_manager', roles: ['expert'] },
    { name: 'return_to_expert', from: ['duty_manager'], to: 'expert', roles: ['duty_manager'], noteRequired: true },
    { name: 'send_to_business', from: ['duty_manager'], to: 'business_dept', roles: ['duty_manager'] },
    { name: 'return_to_duty_manager', from: ['business_dept'], to: 'duty_manager', roles: ['business_dept'], noteRequired: true },
    { name: 'feedback', from: ['business_dept'], to: 'feedback', roles: ['business_dept'], noteRequired: true },
    { name: 'return_to_business', from: ['feedback'], to: 'business_dept', roles: ['duty_manager'], noteRequired: true },
    { name: 'close', from: ['feedback'], to: 'closed', roles: ['duty_manager'], noteRequired: true },
  ],
};

/** 投訴: handled by the expert seat / duty manager (seed 000: 專業投訴處理), may go to a department. */
export const COMPLAINT: MachineDef = {
  type: 'complaint',
  label: '投訴',
  states: ['open', 'in_progress', 'business_dept', 'resolved', 'closed', 'rejected'],
  initial: 'open',
  final: ['closed', 'rejected'],
  creators: ['agent', 'team_lead', 'expert', 'duty_manager', 'qa'],
  transitions: [
    { name: 'accept', from: ['open'], to: 'in_progress', roles: ['expert', 'duty_manager'] },
    { name: 'reject', from: ['open'], to: 'rejected', roles: ['duty_manager'], noteRequired: true },
    { name: 'send_to_business', from: ['in_progress'], to: 'business_dept', roles: ['duty_manager'] },
    { name: 'feedback', from: ['business_dept'], to: 'in_progress', roles: ['business_dept'], noteRequired: true },
    { name: 'resolve', from: ['in_progress'], to: 'resolved', roles: ['expert', 'duty_manager'], noteRequired: true },
    { name: 'reopen', from: ['resolved'], to: 'in_progress', roles: ['duty_manager', 'qa'], noteRequired: true },
    { name: 'close', from: ['resolved'], to: 'closed', roles: ['duty_manager', 'center_manager'] },
  ],
};

/** 建議: anyone on the floor may suggest; managers review and decide. */
export const SUGGESTION: MachineDef = {
  type: 'suggestion',
  label: '建議',
  states: ['submitted', 'under_review', 'accepted', 'declined', 'implemented'],
  initial: 'submitted',
  final: ['declined', 'implemented'],
  creators: ['agent', 'team_lead', 'qa', 'wfm', 'trainer', 'expert', 'duty_manager', 'center_manager'],
  transitions: [
    { name: 'review', from: ['submitted'], to: 'under_review', roles: ['team_lead', 'duty_manager', 'center_manager'] },
    { name: 'accept', from: ['under_review'], to: 'accepted', roles: ['duty_manager', 'center_manager'] },
    { name: 'decline', from: ['under_review'], to: 'declined', roles: ['duty_manager', 'center_manager'], noteRequired: true },
    { name: 'implement', from: ['accepted'], to: 'implemented', roles: ['center_manager'] },
  ],
};

/** 回訪: a customer to call back, assigned to an agent; attempts are recorded in callbacks.ts. */
export const CALLBACK: MachineDef = {
  type: 'callback',
  label: '回訪',
  states: ['pending', 'assigned', 'done', 'failed', 'cancelled'],
  initial: 'pending',
  final: ['done', 'failed', 'cancelled'],
  creators: ['agent', 'team_lead', 'expert', 'duty_manager', 'qa'],
  transitions: [
    { name: 'assign', from: ['pending', 'assigned'], to: 'assigned', roles: ['team_lead', 'duty_manager'] },
    { name: 'complete', from: ['assigned'], to: 'done', roles: ['agent'] },
    { name: 'give_up', from: ['assigned'], to: 'failed', roles: ['agent', 'team_lead'], noteRequired: true },
    { name: 'cancel', from: ['pending', 'assigned'], to: 'cancelled', roles: ['team_lead', 'duty_manager'], noteRequired: true },
  ],
};

/** 派工: sent to a field crew (address + appointment), crew statuses, then a callback (seed 002, fifth article). */
export const DISPATCH: MachineDef = {
  type: 'dispatch',
  label: '派工',
  states: ['draft', 'sent', 'accepted', 'on_site', 'done', 'closed', 'cancelled'],
  initial: 'draft',
  final: ['closed', 'cancelled'],
  creators: ['agent', 'expert', 'duty_manager'],
  transitions: [
    { name: 'send', from: ['draft'], to: 'sent', roles: ['agent', 'duty_manager'] },
    { name: 'decline', from: ['sent'], to: 'draft', roles: ['field_crew'], noteRequired: true },
    { name: 'recall', from: ['sent', 'accepted'], to: 'draft', roles: ['duty_manager'], noteRequired: true },
    { name: 'accept', from: ['sent'], to: 'accepted', roles: ['field_crew'] },
    { name: 'arrive', from: ['accepted'], to: 'on_site', roles: ['field_crew'] },
    { name: 'complete', from: ['on_site'], to: 'done', roles: ['field_crew'], noteRequired: true },
    { name: 'close', from: ['done'], to: 'closed', roles: ['duty_manager', 'agent'] },
    { name: 'cancel', from: ['draft', 'sent'], to: 'cancelled', roles: ['duty_manager'], noteRequired: true },
  ],
};

export const MACHINES: Readonly<Record<WorkOrderType, MachineDef>> = {
  escalation: ESCALATION,
  complaint: COMPLAINT,
  suggestion: SUGGESTION,
  callback: CALLBACK,
  dispatch: DISPATCH,
};

/** Consistency problems in a machine definition (for a center's edited tables); [] when sound. */
export function validateMachine(m: MachineDef): string[] {
  const errs: string[] = [];
  const states = new Set(m.states);
  if (!states.has(m.initial)) errs.push(`initial state ${m.initial} is not a state`);
  for (const f of m.final) if (!states.has(f)) errs.push(`final state ${f} is not a state`);
  const names = new Set<string>();
  for (const t of m.transitions) {
    if (names.has(t.name)) errs.push(`transition ${t.name} defined twice`);
    names.add(t.name);
    for (const f of t.from) {
      if (!states.has(f)) errs.push(`transition ${t.name}: from-state ${f} is not a state`);
      if (m.final.includes(f)) errs.push(`transition ${t.name} leaves final state ${f}`);
    }
    if (!states.has(t.to)) errs.push(`transition ${t.name}: to-state ${t.to} is not a state`);
    if (t.roles.length === 0) errs.push(`transition ${t.name} has no roles`);
  }
  return errs;
}
