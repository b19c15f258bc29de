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
