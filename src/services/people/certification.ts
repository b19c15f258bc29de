/**
 * Queue certification (issue 13, one home per use case): queues placed under certification with
 * their validity and warning days (defaults from the center's people settings), the certifications
 * in scope (an agent: their own), and those about to lapse.
 */
import { forbidden } from '../../core/errors';
import { peopleConfig } from '../../store/people/common';
import * as trn from '../../store/people/training';
import * as seen from '../../store/people/trainingScope';
import type { Actor, ServiceDeps } from '../context';
import { claimDay, getCenter } from '../../store/org';
import { notifyUsers, usersOfAgents } from '../../store/notifications';
import { publishNotices } from '../quality/common';
import { localDay } from '../../core/kpi';
import { tzOffsetFn } from '../../core/timezone';
import type { Body, Query } from './training';

export const listCertQueues = (deps: ServiceDeps, actor: Actor) => trn.listCertQueues(deps.store.db, actor.scope.centerId);

/** Puts a queue under certification (or changes its days); what is left out comes from the center's policy. */
export async function putCertQueue(deps: ServiceDeps, actor: Actor, input: { queue: string } & Body<'putCertQueue'>) {
  const { db } = deps.store;
  const centerId = actor.scope.centerId;
  const policy = (await peopleConfig(db, centerId)).certification;
  const queue = { queue: input.queue, validityDays: input.validityDays ?? policy.validityDays, warnDays: input.warnDays ?? policy.warnDays };
  await trn.putCertQueue(db, centerId, queue, actor.userId, deps.now());
  return { ok: true as const };
}

export async function removeCertQueue(deps: ServiceDeps, actor: Actor, input: { queue: string }) {
  await trn.removeCertQueue(deps.store.db, actor.scope.centerId, input.queue, actor.userId, deps.now());
  return { ok: true as const };
}

/** Certifications in scope; asking for an agent out of scope is refused. */
export async function listCertifications(deps: ServiceDeps, actor: Actor, input: Query<'certifications'>) {
  const { db } = deps.store;
  if (input.agentId !== undefined && !(await seen.agentInScope(db, actor.scope, input.agentId)))
    throw forbidden(`agent ${input.agentId} is not one you may see`, {
      reason: 'people.agentNotVisible',
      params: { field: 'agentId', agentId: input.agentId },
    });
  return seen.listCertifications(db, actor.scope, input.agentId);
}

export const certWarnings = (deps: ServiceDeps, actor: Actor) => seen.certWarnings(deps.store.db, actor.scope, deps.now());

/** The setting that records the last day the certification check ran for a center. */
export const CERT_CHECK_KEY = 'people.certExpiryCheckedOn';

/**
 * The daily certification check (issue 17): once per local day per center (every instance may call it;
 * one claims the day), a certification entering its queue's warning days, a week or a day before it lapses,
 * or on the day it lapses, is told to the agent and their team lead (bell + their channels). Returns how
 * many certifications were told.
 */
export async function notifyExpiringCertifications(deps: ServiceDeps, centerId: number): Promise<number> {
  const { db } = deps.store;
  const now = deps.now();
  const tz = (await getCenter(db, centerId))?.timezone ?? 'UTC';
  if (!(await claimDay(db, centerId, CERT_CHECK_KEY, localDay(now, tzOffsetFn(tz)), now))) return 0;
  const warnDays = new Map((await trn.listCertQueues(db, centerId)).map((q) => [q.queue, q.warn_days]));
  // told on the first day in the warning window, a week and a day before, and the day it lapses — not every day
  const warnings = (await seen.certWarnings(db, { kind: 'all', centerId }, now)).filter(
    (w) => w.daysLeft >= (warnDays.get(w.queueId) ?? Infinity) - 1 || w.daysLeft === 7 || (w.daysLeft <= 1 && w.daysLeft >= -1),
  );
  const leads = new Map(
    (await db.selectFrom('teams').select(['id', 'lead_user_id']).where('center_id', '=', centerId).execute()).map((t) => [t.id, t.lead_user_id]),
  );
  for (const w of warnings) {
    const lead = w.teamId == null ? null : (leads.get(w.teamId) ?? null);
    const users = [...(await usersOfAgents(db, [w.agentId])), ...(lead == null ? [] : [lead])];
    const notice = {
      kind: 'people.certExpiring',
      title: w.agentName,
      data: { agentName: w.agentName, queue: w.queueId, expiresOn: localDay(Date.parse(w.validUntil), tzOffsetFn(tz)), daysLeft: w.daysLeft },
      link: '#/floor/training',
    };
    publishNotices(deps, await notifyUsers(db, users, notice, now));
  }
  return warnings.length;
}
