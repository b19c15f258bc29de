/**
 * The center's self-assessment (issue 17): the checklist, rounds and scores, the levels per dimension
 * (src/core/assessment) and the gap list. Every read and write is the actor's center's; the gap list
 * shows the editors every gap and everyone else only the gaps they own.
 */
import { dimensionLevels, isGap, overallLevel } from '../../core/assessment/index';
import { forbidden, notFound, validationError } from '../../core/errors';
import { FACT_KPIS, type Fact } from '../../core/facts/index';
import { ASSESSMENT_EDITORS, ASSESSMENT_READERS } from '../../contract/assessment';
import {
  createRound as insertRound,
  ensureChecklist,
  getRound,
  levelNames,
  listGaps,
  listPoints,
  listRounds,
  roundScores,
  savePoint as storePoint,
  saveScores as storeScores,
  setGapStatus as storeGapStatus,
  setLevelNames,
  upsertGap,
  type Gap,
  type PointInput,
  type Round,
  type Score,
} from '../../store/assessment/assessment';
import { computeFacts } from '../../store/facts/index';
import { withTx } from '../../store/db';
import { notifyUsers } from '../../store/notifications';
import { publishNotices } from '../quality/common';
import { listUsers } from '../../store/org';
import type { GapStatus } from '../../core/assessment/index';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';
import { centerMonth } from '../performance/figures';

const isEditor = (actor: Actor) => hasRoleIn(actor, ASSESSMENT_EDITORS);

function roundWire(r: Round, scores: readonly Score[]) {
  const mine = scores.filter((s) => s.roundId === r.id);
  const levels = dimensionLevels(mine);
  return { ...r, levels, overall: overallLevel(levels), scored: mine.length };
}

/** Users of the center who may own a gap: active, with a reader role. */
async function owners(deps: ServiceDeps, actor: Actor) {
  const users = await listUsers(deps.store.db, { centerId: actor.scope.centerId });
  return users
    .filter((u) => u.active === 1 && u.roles.some((r) => (ASSESSMENT_READERS as readonly string[]).includes(r)))
    .map((u) => ({ id: u.id, name: u.display_name }));
}

export async function checklist(deps: ServiceDeps, actor: Actor) {
  const { centerId } = actor.scope;
  await ensureChecklist(deps.store.db, centerId, deps.now());
  return { levels: await levelNames(deps.store.db, centerId), points: await listPoints(deps.store.db, centerId), owners: await owners(deps, actor) };
}

export async function savePoint(deps: ServiceDeps, actor: Actor, body: PointInput) {
  const { centerId } = actor.scope;
  await ensureChecklist(deps.store.db, centerId, deps.now());
  if (body.id !== undefined && !(await listPoints(deps.store.db, centerId)).some((p) => p.id === body.id)) throw notFound('assessmentPoint', body.id);
  const id = await storePoint(deps.store.db, centerId, body, actor.userId, deps.now());
  return (await listPoints(deps.store.db, centerId)).find((p) => p.id === id)!;
}

export async function saveLevels(deps: ServiceDeps, actor: Actor, body: { names: string[] }) {
  await setLevelNames(deps.store.db, actor.scope.centerId, body.names, actor.userId, deps.now());
  return { levels: await levelNames(deps.store.db, actor.scope.centerId) };
}

export async function rounds(deps: ServiceDeps, actor: Actor) {
  const rs = await listRounds(deps.store.db, actor.scope.centerId);
  const scores = await roundScores(
    deps.store.db,
    rs.map((r) => r.id),
  );
  return rs.map((r) => roundWire(r, scores));
}

async function roundOf(deps: ServiceDeps, actor: Actor, id: number): Promise<Round> {
  const r = await getRound(deps.store.db, actor.scope.centerId, id);
  if (!r) throw notFound('assessmentRound', id);
  return r;
}

export async function createRound(deps: ServiceDeps, actor: Actor, body: { date: string; assessorId?: number; targetLevel: number }) {
  const assessorId = body.assessorId ?? actor.userId;
  if (body.assessorId !== undefined && !(await owners(deps, actor)).some((o) => o.id === body.assessorId))
    throw validationError('body.assessorId', `user ${body.assessorId} is not a reader of this center's assessment`, {
      reason: 'assessment.notAReader',
      params: { userId: body.assessorId },
    });
  await ensureChecklist(deps.store.db, actor.scope.centerId, deps.now());
  const id = await insertRound(deps.store.db, actor.scope.centerId, { date: body.date, assessorId, targetLevel: body.targetLevel }, actor.userId, deps.now());
  return roundWire(await roundOf(deps, actor, id), []);
}

/**
 * The figures the checklist links, for the center's month so far, read from the facts (computeFacts:
 * the one function behind every screen's figures) over the whole center, whoever reads.
 */
async function figures(deps: ServiceDeps, actor: Actor, kpis: readonly string[]) {
  if (!kpis.length) return { month: '', total: null };
  const month = await centerMonth(deps, actor);
  const { centerId } = actor.scope;
  const r = await computeFacts(deps.store.db, centerId, { by: 'team', month, scope: { kind: 'all', centerId }, now: deps.now() });
  return { month, total: r.total as unknown as Record<string, Fact | undefined> };
}

const visibleGaps = (actor: Actor, gaps: Gap[]) => (isEditor(actor) ? gaps : gaps.filter((g) => g.ownerId === actor.userId));

export async function round(deps: ServiceDeps, actor: Actor, id: number) {
  const r = await roundOf(deps, actor, id);
  const points = await listPoints(deps.store.db, actor.scope.centerId);
  const scores = await roundScores(deps.store.db, [id]);
  const byPoint = new Map(scores.map((s) => [s.pointId, s]));
  // a point retired after it was scored still shows in the round that scored it
  const shown = points.filter((p) => p.active || byPoint.has(p.id));
  const kpis = [...new Set(shown.map((p) => p.kpi).filter((k): k is string => k !== null && (FACT_KPIS as readonly string[]).includes(k)))];
  const f = await figures(deps, actor, kpis);
  const gaps = visibleGaps(actor, await listGaps(deps.store.db, actor.scope.centerId, { roundId: id }));
  return {
    round: roundWire(r, scores),
    points: shown.map((p) => {
      const s = byPoint.get(p.id);
      const level = s?.level ?? null;
      const fact = p.kpi && f.total ? f.total[p.kpi] : undefined;
      return {
        ...p,
        // as scored: the dimension and weight the level was computed with
        ...(s ? { dimension: s.dimension, weight: s.weight } : {}),
        level,
        scored: !!s,
        evidence: s?.evidence ?? '',
        figure: p.kpi && fact ? { kpi: p.kpi, month: f.month, value: fact.value, ...(fact.reason ? { reason: fact.reason } : {}) } : null,
        isGap: isGap(level, r.targetLevel),
      };
    }),
    gaps,
  };
}

export async function saveScores(deps: ServiceDeps, actor: Actor, id: number, body: { scores: { pointId: number; level: number | null; evidence: string }[] }) {
  const r = await roundOf(deps, actor, id);
  const points = new Map((await listPoints(deps.store.db, actor.scope.centerId)).map((p) => [p.id, p]));
  const rows = body.scores.map((s, i) => {
    const point = points.get(s.pointId);
    if (!point)
      throw validationError(`body.scores.${i}.pointId`, `point ${s.pointId} is not on this center's checklist`, {
        reason: 'assessment.unknownPoint',
        params: { pointId: s.pointId },
      });
    return { point, level: s.level, evidence: s.evidence };
  });
  await storeScores(deps.store.db, r.id, rows, actor.userId, deps.now());
  return roundWire(r, await roundScores(deps.store.db, [r.id]));
}

export async function setGap(
  deps: ServiceDeps,
  actor: Actor,
  id: number,
  body: { pointId: number; ownerId: number; dueDate: string; status: GapStatus; note: string },
) {
  const r = await roundOf(deps, actor, id);
  const score = (await roundScores(deps.store.db, [r.id])).find((s) => s.pointId === body.pointId);
  if (!score || !isGap(score.level, r.targetLevel))
    throw validationError('body.pointId', `point ${body.pointId} is not below the target level ${r.targetLevel} in this round`, {
      reason: 'assessment.notAGap',
      params: { pointId: body.pointId, target: r.targetLevel },
    });
  if (!(await owners(deps, actor)).some((o) => o.id === body.ownerId))
    throw validationError('body.ownerId', `user ${body.ownerId} may not own a gap of this center`, {
      reason: 'assessment.notAReader',
      params: { userId: body.ownerId },
    });
  const before = (await listGaps(deps.store.db, actor.scope.centerId, { roundId: r.id })).find((g) => g.pointId === body.pointId);
  const point = (await listPoints(deps.store.db, actor.scope.centerId)).find((p) => p.id === body.pointId);
  // the gap and, when it has a new owner, their notice (bell, e-mail, robots) in one write
  const { gapId, notices } = await withTx(deps.store.db, async (tx) => {
    const gapId = await upsertGap(tx, actor.scope.centerId, { roundId: r.id, ...body }, actor.userId, deps.now());
    const notices =
      before?.ownerId === body.ownerId
        ? []
        : await notifyUsers(
            tx,
            [body.ownerId],
            { kind: 'assessment.gapAssigned', data: { code: point?.code ?? '', dueDate: body.dueDate, roundId: r.id }, link: '#/performance/assessment' },
            deps.now(),
          );
    return { gapId, notices };
  });
  publishNotices(deps, notices);
  return (await listGaps(deps.store.db, actor.scope.centerId, { id: gapId }))[0]!;
}

export async function gaps(deps: ServiceDeps, actor: Actor, q: { all?: '0' | '1' }) {
  const all = await listGaps(deps.store.db, actor.scope.centerId, {
    openOnly: q.all !== '1',
    ...(isEditor(actor) ? {} : { ownerId: actor.userId ?? -1 }),
  });
  return visibleGaps(actor, all);
}

export async function setGapStatus(deps: ServiceDeps, actor: Actor, id: number, body: { status: GapStatus; note?: string }) {
  const g = (await listGaps(deps.store.db, actor.scope.centerId, { id }))[0];
  if (!g) throw notFound('assessmentGap', id);
  if (!isEditor(actor) && g.ownerId !== actor.userId) throw forbidden(`gap ${id} is not yours`, { reason: 'assessment.notGapOwner', params: {} });
  await storeGapStatus(deps.store.db, id, body, actor.userId, deps.now());
  return (await listGaps(deps.store.db, actor.scope.centerId, { id }))[0]!;
}
