/** What the quality use cases share: the center's QA settings, the acting user, notices to publish. */
import { forbidden } from '../../core/errors';
import { DEFAULT_DISPUTE_RULES, type DisputeRules } from '../../core/quality/index';
import { dateOfInstant } from '../../core/performance/index';
import { userTopic } from '../../contract/notifications';
import type { Notice } from '../../store/notifications';
import { getSetting } from '../../store/org';
import { centerTimezone } from '../../store/quality/lookup';
import type { Actor, ServiceDeps } from '../context';

export const DISPUTE_RULES_SETTING = 'quality.disputeRules';
/**
 * The QA lead (質檢組長): user ids allowed to decide disputes besides center managers. When the
 * setting is absent every `qa` user may decide — but never on an evaluation they scored themselves.
 */
export const DISPUTE_DECIDERS_SETTING = 'quality.disputeDeciders';
/** Points away from the centre (median) that count as deviating in calibration; defaults from the core (5 and 25). */
export const CALIBRATION_SETTING = 'quality.calibration';

export async function disputeRules(deps: ServiceDeps, centerId: number): Promise<DisputeRules> {
  return (await getSetting<DisputeRules>(deps.store.db, centerId, DISPUTE_RULES_SETTING)) ?? DEFAULT_DISPUTE_RULES;
}

export async function calibrationThresholds(deps: ServiceDeps, centerId: number) {
  return (await getSetting<{ scoreThreshold?: number; itemThreshold?: number }>(deps.store.db, centerId, CALIBRATION_SETTING)) ?? {};
}

/** The current month in the center's time zone. */
export async function currentMonth(deps: ServiceDeps, centerId: number): Promise<string> {
  return dateOfInstant(deps.now(), await centerTimezone(deps.store.db, centerId)).slice(0, 7);
}

/** The acting user: QA records name who scored, shared or coached, so the command line's operator (no user) cannot. */
export function userOf(actor: Actor): number {
  if (actor.userId == null) throw forbidden('this action is recorded under a user: sign in to do it', { reason: 'quality.userRequired' });
  return actor.userId;
}

/** New notifications out to their users' live topic (after the transaction that stored them). */
export function publishNotices(deps: ServiceDeps, notices: readonly Notice[]) {
  for (const n of notices) deps.publish?.(userTopic, { userId: n.userId }, { type: 'notification', ...n });
}

/** An actor for a seed or a script acting as a given user of a center (demo data, fixtures, benchmarks). */
export function qaActor(centerId: number, userId: number, roles: Actor['roles'] = ['qa']): Actor {
  return { userId, roles, scope: { kind: 'all', centerId }, agentId: null };
}
