/**
 * An agent's development (issue 17): IDP items (trainers: the course kind only), promotion and rotation
 * records, and the talent pool, whose nominations keep the figures of their month as the scorecards
 * read them then (computeScorecards: the facts, never recomputed here).
 */
import { forbidden, notFound, validationError } from '../../core/errors';
import type { IdpKind, IdpStatus, TalentStatus, TalentTrack } from '../../core/careers/index';
import { CAREER_LEADS } from '../../contract/careers';
import { listCertQueues, listCourses } from '../../store/people/training';
import { listTeams } from '../../store/org';
import { computeScorecards } from '../../store/performance/figures';
import {
  insertIdpItem,
  insertMove,
  insertNomination,
  listIdpItems,
  listMoves,
  listTalent,
  reviewNomination as storeReview,
  updateIdpItem,
  type IdpInput,
  type MoveInput,
  type TalentFigures,
} from '../../store/careers/development';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';
import { assertSeesAgent } from '../platform/org';
import { lastClosedMonth } from '../performance/figures';
import { signedInUser } from '../performance/scorecards';
import { improvementRule } from './plans';

export async function options(deps: ServiceDeps, actor: Actor) {
  const { centerId } = actor.scope;
  const courses = await listCourses(deps.store.db, centerId);
  const queues = await listCertQueues(deps.store.db, centerId);
  const teams = await listTeams(deps.store.db, { centerId });
  return {
    courses: courses.map((c) => ({ id: c.id, title: c.title })),
    certQueues: queues.map((q) => q.queue),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    rule: await improvementRule(deps, centerId),
  };
}

/** A trainer's IDP work is training: items of the course kind; the leads edit every kind. */
function assertMayEditKind(actor: Actor, kind: IdpKind) {
  if (kind !== 'course' && !hasRoleIn(actor, CAREER_LEADS))
    throw forbidden('trainers add and move on course items only', { reason: 'careers.trainerCourseOnly', params: { kind } });
}

export const idp = (deps: ServiceDeps, actor: Actor, q: { agentId?: number }) => listIdpItems(deps.store.db, actor.scope, q);

export async function addIdp(deps: ServiceDeps, actor: Actor, body: Omit<IdpInput, 'status'> & { status: IdpStatus }) {
  const userId = signedInUser(actor);
  const { centerId } = actor.scope;
  assertMayEditKind(actor, body.kind);
  await assertSeesAgent(deps, actor, body.agentId);
  if (body.courseId !== null && !(await listCourses(deps.store.db, centerId)).some((c) => c.id === body.courseId))
    throw validationError('body.courseId', `course ${body.courseId} is not one of this center's`, {
      reason: 'careers.unknownCourse',
      params: { courseId: body.courseId },
    });
  if (body.certQueue !== null && !(await listCertQueues(deps.store.db, centerId)).some((q) => q.queue === body.certQueue))
    throw validationError('body.certQueue', `queue ${body.certQueue} has no certification`, {
      reason: 'careers.unknownCertQueue',
      params: { queue: body.certQueue },
    });
  const id = await insertIdpItem(deps.store.db, centerId, body, userId, deps.now());
  return (await listIdpItems(deps.store.db, actor.scope, { id }))[0]!;
}

export async function updateIdp(deps: ServiceDeps, actor: Actor, id: number, body: { status?: IdpStatus; notes?: string; dueDate?: string }) {
  const userId = signedInUser(actor);
  const [item] = await listIdpItems(deps.store.db, actor.scope, { id });
  if (!item) throw notFound('idpItem', id);
  assertMayEditKind(actor, item.kind);
  await updateIdpItem(deps.store.db, id, body, userId, deps.now());
  return (await listIdpItems(deps.store.db, actor.scope, { id }))[0]!;
}

export const moves = (deps: ServiceDeps, actor: Actor, q: { agentId?: number }) => listMoves(deps.store.db, actor.scope, q);

export async function recordMove(deps: ServiceDeps, actor: Actor, body: MoveInput) {
  const userId = signedInUser(actor);
  const { centerId } = actor.scope;
  await assertSeesAgent(deps, actor, body.agentId);
  const teams = new Set((await listTeams(deps.store.db, { centerId })).map((t) => t.id));
  for (const f of ['fromTeamId', 'toTeamId'] as const) {
    const v = body[f];
    if (v !== null && !teams.has(v))
      throw validationError(`body.${f}`, `team ${v} is not one of this center's`, { reason: 'careers.unknownTeam', params: { teamId: v } });
  }
  const id = await insertMove(deps.store.db, centerId, { ...body, approvedBy: body.approvedBy ?? userId }, userId, deps.now());
  return (await listMoves(deps.store.db, actor.scope, { agentId: body.agentId })).find((m) => m.id === id)!;
}

export const talent = (deps: ServiceDeps, actor: Actor) => listTalent(deps.store.db, actor.scope);

/** The agent's scorecard of the month as the evidence figures (null: no scorecard that month). */
async function figuresOf(deps: ServiceDeps, actor: Actor, agentId: number, month: string): Promise<TalentFigures | null> {
  const { cards } = await computeScorecards(deps.store.db, actor.scope.centerId, month, deps.now());
  const card = cards.find((c) => Number(c.agentId) === agentId);
  if (!card) return null;
  return {
    total: card.total,
    centerRank: card.centerRank,
    teamRank: card.teamRank,
    kpis: card.lines.map((l) => ({ key: l.key, actual: l.actual, target: l.target, status: l.status })),
  };
}

export async function nominate(deps: ServiceDeps, actor: Actor, body: { agentId: number; track: TalentTrack; month?: string; evidence: string }) {
  const userId = signedInUser(actor);
  await assertSeesAgent(deps, actor, body.agentId);
  const month = body.month ?? (await lastClosedMonth(deps, actor));
  const figures = await figuresOf(deps, actor, body.agentId, month);
  const id = await insertNomination(
    deps.store.db,
    actor.scope.centerId,
    { agentId: body.agentId, track: body.track, month, figures, evidence: body.evidence },
    userId,
    deps.now(),
  );
  return (await listTalent(deps.store.db, actor.scope, { id }))[0]!;
}

export async function reviewNomination(deps: ServiceDeps, actor: Actor, id: number, body: { status: TalentStatus; note: string }) {
  const userId = signedInUser(actor);
  if (!(await listTalent(deps.store.db, actor.scope, { id })).length) throw notFound('talentNomination', id);
  await storeReview(deps.store.db, id, body, userId, deps.now());
  return (await listTalent(deps.store.db, actor.scope, { id }))[0]!;
}
