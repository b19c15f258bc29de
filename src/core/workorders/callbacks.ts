/**
 * Callback (回訪) lists: attempts with outcomes and retries (policy as data), and the callback
 * that follows a completed field dispatch or a resolved complaint (pure).
 */
import type { NewWorkOrder, WorkOrder } from './workflow';

export const CALLBACK_OUTCOMES = ['reached_satisfied', 'reached_unsatisfied', 'no_answer', 'busy', 'wrong_number', 'refused'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export interface CallbackPolicy {
  maxAttempts: number;
  /** Minutes to wait before attempt n+1 after attempt n (last value repeats). */
  retrySpacingMinutes: readonly number[];
  /** Outcomes that end the callback successfully / unsuccessfully; the rest retry. */
  done: readonly CallbackOutcome[];
  failed: readonly CallbackOutcome[];
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  maxAttempts: 3,
  retrySpacingMinutes: [30, 120, 24 * 60],
  done: ['reached_satisfied', 'reached_unsatisfied', 'refused'],
  failed: ['wrong_number'],
};

export interface CallbackAttempt {
  at: string;
  agentId: string;
  outcome: CallbackOutcome;
  note: string;
}

export interface CallbackItem {
  orderId: string;
  customerId: string;
  phone: string;
  assignee?: string;
  attempts: CallbackAttempt[];
  status: 'open' | 'done' | 'failed';
  /** When the next attempt is due (open items only). */
  nextAttemptAt?: string;
  /** The customer was reached but not satisfied: a follow-up (e.g. reopen the complaint) is needed. */
  followUp: boolean;
}

export type AttemptResult =
  | { ok: true; item: CallbackItem; transition: 'complete' | 'give_up' | null }
  | { ok: false; error: string; reason: 'workorder.callbackClosed' | 'workorder.attemptBeforeLast'; params: Record<string, string> };

/**
 * Records one attempt. `transition` tells the caller which work-order transition to apply
 * (complete → done, give_up → failed) or null when the item stays open for a retry.
 */
export function recordAttempt(item: CallbackItem, attempt: CallbackAttempt, policy: CallbackPolicy = DEFAULT_CALLBACK_POLICY): AttemptResult {
  if (item.status !== 'open')
    return { ok: false, error: `Callback ${item.orderId} is already ${item.status}.`, reason: 'workorder.callbackClosed', params: { id: item.orderId } };
  const last = item.attempts[item.attempts.length - 1];
  if (last && Date.parse(attempt.at) < Date.parse(last.at))
    return {
      ok: false,
      error: `Attempt time ${attempt.at} is before the previous attempt at ${last.at}.`,
      reason: 'workorder.attemptBeforeLast',
      params: { at: attempt.at, last: last.at },
    };
  const attempts = [...item.attempts, attempt];
  const base = { ...item, attempts, followUp: item.followUp || attempt.outcome === 'reached_unsatisfied' };
  delete base.nextAttemptAt;
  if (policy.done.includes(attempt.outcome)) return { ok: true, item: { ...base, status: 'done' }, transition: 'complete' };
  if (policy.failed.includes(attempt.outcome) || attempts.length >= policy.maxAttempts)
    return { ok: true, item: { ...base, status: 'failed' }, transition: 'give_up' };
  const sp = policy.retrySpacingMinutes;
  const wait = sp[Math.min(attempts.length - 1, sp.length - 1)] ?? 0;
  return { ok: true, item: { ...base, status: 'open', nextAttemptAt: new Date(Date.parse(attempt.at) + wait * 60_000).toISOString() }, transition: null };
}

/** Open items due at `now` for one agent (or all when agentId is undefined), earliest first. */
export function dueCallbacks(items: readonly CallbackItem[], now: string, agentId?: string): CallbackItem[] {
  const n = Date.parse(now);
  return items
    .filter((i) => i.status === 'open' && (agentId === undefined || i.assignee === agentId))
    .filter((i) => i.nextAttemptAt === undefined || Date.parse(i.nextAttemptAt) <= n)
    .sort((a, b) => (a.nextAttemptAt ?? '').localeCompare(b.nextAttemptAt ?? '') || a.orderId.localeCompare(b.orderId));
}

/** States after which a follow-up callback is due. */
export const CALLBACK_AFTER: Readonly<Partial<Record<WorkOrder['type'], readonly string[]>>> = {
  dispatch: ['done'],
  complaint: ['resolved'],
};

/** The callback order to create when a dispatch is done / a complaint resolved; null otherwise. */
export function followUpCallback(order: WorkOrder, newId: string): NewWorkOrder | null {
  if (!(CALLBACK_AFTER[order.type] ?? []).includes(order.state)) return null;
  return {
    id: newId,
    type: 'callback',
    priority: order.priority,
    category: order.type === 'dispatch' ? '派工回訪' : '投訴回訪',
    title: `回訪: ${order.title}`,
    parentId: order.id,
    ...(order.customerId !== undefined ? { customerId: order.customerId } : {}),
  };
}
