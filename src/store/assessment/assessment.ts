/**
 * The center's self-assessment (issue 17): the checklist, rounds, scores and gaps. All SQL of the
 * capability; every read and write names its center.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { getSetting, putSetting } from '../org';
import { DIMENSIONS, LEVEL_COUNT, STARTER_CHECKLIST, STARTER_LEVEL_NAMES, type Dimension, type GapStatus } from '../../core/assessment/index';

type Db = Kysely<DB>;

export const LEVELS_SETTING = 'assessment.levels';
/** The letter of a dimension's point codes (S1, P3…). */
const CODE_PREFIX: Record<Dimension, string> = { strategy: 'S', people: 'P', process: 'R', platform: 'T', performance: 'K' };

export interface Point {
  id: number;
  code: string;
  dimension: Dimension;
  text: string;
  weight: number;
  kpi: string | null;
  active: boolean;
}

const asDimension = (s: string): Dimension => ((DIMENSIONS as readonly string[]).includes(s) ? (s as Dimension) : 'strategy');

/** Stores the starting checklist for a center that has none yet (a second caller at the same time inserts nothing). */
export async function ensureChecklist(db: Db, centerId: number, now: number): Promise<void> {
  const any = await db.selectFrom('assessment_points').select('id').where('center_id', '=', centerId).limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('assessment_points')
    .values(
      STARTER_CHECKLIST.map((p) => ({
        center_id: centerId,
        code: p.code,
        dimension: p.dimension,
        text: p.text,
        weight: p.weight,
        kpi: p.kpi,
        active: 1,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['center_id', 'code']).doNothing())
    .execute();
}

export async function listPoints(db: Db, centerId: number): Promise<Point[]> {
  const rows = await db.selectFrom('assessment_points').selectAll().where('center_id', '=', centerId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    dimension: asDimension(r.dimension),
    text: r.text,
    weight: Number(r.weight),
    kpi: r.kpi,
    active: r.active === 1,
  }));
}

export async function getPoint(db: Db, centerId: number, id: number): Promise<Point | null> {
  return (await listPoints(db, centerId)).find((p) => p.id === id) ?? null;
}

export interface PointInput {
  id?: number;
  dimension: Dimension;
  text: string;
  weight: number;
  kpi: string | null;
  active: boolean;
}

/** Adds (no id: the next code of its dimension) or changes a point; audited. Answers the point's id. */
export async function savePoint(db: Db, centerId: number, p: PointInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const values = { dimension: p.dimension, text: p.text, weight: p.weight, kpi: p.kpi, active: p.active ? 1 : 0 };
    let id = p.id;
    if (id !== undefined) {
      await tx.updateTable('assessment_points').set(values).where('center_id', '=', centerId).where('id', '=', id).execute();
    } else {
      const prefix = CODE_PREFIX[p.dimension];
      const codes = await tx.selectFrom('assessment_points').select('code').where('center_id', '=', centerId).where('code', 'like', `${prefix}%`).execute();
      const next = Math.max(0, ...codes.map((c) => Number(c.code.slice(prefix.length)) || 0)) + 1;
      const row = await tx
        .insertInto('assessment_points')
        .values({ center_id: centerId, code: `${prefix}${next}`, ...values, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = row.id;
    }
    await audit(tx, {
      at: now,
      userId,
      action: p.id !== undefined ? 'assessment.point.update' : 'assessment.point.create',
      entity: 'assessmentPoint',
      entityId: id,
      detail: values,
    });
    return id;
  });
}

/** The center's seven level names (the starter names until the center sets its own). */
export async function levelNames(db: Db, centerId: number): Promise<string[]> {
  const v = await getSetting<string[]>(db, centerId, LEVELS_SETTING);
  return Array.isArray(v) && v.length === LEVEL_COUNT ? v : [...STARTER_LEVEL_NAMES];
}

export async function setLevelNames(db: Db, centerId: number, names: string[], userId: number | null, now: number): Promise<void> {
  await withTx(db, async (tx) => {
    await putSetting(tx, centerId, LEVELS_SETTING, names, now);
    await audit(tx, { at: now, userId, action: 'assessment.levels', entity: 'center', entityId: centerId, detail: names });
  });
}

export interface Round {
  id: number;
  date: string;
  assessorId: number | null;
  assessorName: string | null;
  targetLevel: number;
}

function roundsQuery(db: Db, centerId: number) {
  return db
    .selectFrom('assessment_rounds as r')
    .leftJoin('users as u', 'u.id', 'r.assessor_id')
    .select(['r.id', 'r.date', 'r.assessor_id', 'r.target_level', 'u.display_name'])
    .where('r.center_id', '=', centerId);
}
type RoundRow = { id: number; date: string; assessor_id: number | null; target_level: number; display_name: string | null };
const roundOf = (r: RoundRow): Round => ({ id: r.id, date: r.date, assessorId: r.assessor_id, assessorName: r.display_name, targetLevel: r.target_level });

/** The center's rounds, oldest first. */
export async function listRounds(db: Db, centerId: number): Promise<Round[]> {
  return (await roundsQuery(db, centerId).orderBy('r.date').orderBy('r.id').execute()).map(roundOf);
}

/** A round of the center, or null (another center's round is as absent). */
export async function getRound(db: Db, centerId: number, id: number): Promise<Round | null> {
  const r = await roundsQuery(db, centerId).where('r.id', '=', id).executeTakeFirst();
  return r ? roundOf(r) : null;
}

export async function createRound(
  db: Db,
  centerId: number,
  r: { date: string; assessorId: number | null; targetLevel: number },
  userId: number | null,
  now: number,
) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('assessment_rounds')
      .values({ center_id: centerId, date: r.date, assessor_id: r.assessorId, target_level: r.targetLevel, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'assessment.round.create', entity: 'assessmentRound', entityId: row.id, detail: r });
    return row.id;
  });
}

export interface Score {
  roundId: number;
  pointId: number;
  dimension: Dimension;
  weight: number;
  level: number | null;
  evidence: string;
}

export async function roundScores(db: Db, roundIds: readonly number[]): Promise<Score[]> {
  if (!roundIds.length) return [];
  const rows = await db
    .selectFrom('assessment_scores')
    .selectAll()
    .where('round_id', 'in', [...roundIds])
    .execute();
  return rows.map((r) => ({
    roundId: r.round_id,
    pointId: r.point_id,
    dimension: asDimension(r.dimension),
    weight: Number(r.weight),
    level: r.level,
    evidence: r.evidence,
  }));
}

/** Stores scores of a round (the point's dimension and weight as they are now); audited. */
export async function saveScores(
  db: Db,
  roundId: number,
  scores: readonly { point: Point; level: number | null; evidence: string }[],
  userId: number | null,
  now: number,
): Promise<void> {
  await withTx(db, async (tx) => {
    for (const s of scores) {
      const v = { dimension: s.point.dimension, weight: s.point.weight, level: s.level, evidence: s.evidence, updated_at: now };
      await tx
        .insertInto('assessment_scores')
        .values({ round_id: roundId, point_id: s.point.id, ...v })
        .onConflict((oc) => oc.columns(['round_id', 'point_id']).doUpdateSet(v))
        .execute();
    }
    await audit(tx, {
      at: now,
      userId,
      action: 'assessment.scores',
      entity: 'assessmentRound',
      entityId: roundId,
      detail: scores.map((s) => ({ pointId: s.point.id, level: s.level })),
    });
  });
}

export interface Gap {
  id: number;
  roundId: number;
  roundDate: string;
  pointId: number;
  code: string;
  dimension: Dimension;
  text: string;
  level: number | null;
  targetLevel: number;
  ownerId: number;
  ownerName: string;
  dueDate: string;
  status: GapStatus;
  note: string;
}

/** Gaps of the center (optionally of one round, of one owner, or still open), by due date. */
export async function listGaps(db: Db, centerId: number, f: { roundId?: number; ownerId?: number; openOnly?: boolean; id?: number } = {}): Promise<Gap[]> {
  let q = db
    .selectFrom('assessment_gaps as g')
    .innerJoin('assessment_rounds as r', 'r.id', 'g.round_id')
    .innerJoin('assessment_points as p', 'p.id', 'g.point_id')
    .innerJoin('users as u', 'u.id', 'g.owner_id')
    .leftJoin('assessment_scores as s', (j) => j.onRef('s.round_id', '=', 'g.round_id').onRef('s.point_id', '=', 'g.point_id'))
    .select([
      'g.id',
      'g.round_id',
      'r.date',
      'r.target_level',
      'g.point_id',
      'p.code',
      'p.dimension',
      'p.text',
      's.level',
      'g.owner_id',
      'u.display_name',
      'g.due_date',
      'g.status',
      'g.note',
    ])
    .where('g.center_id', '=', centerId);
  if (f.id !== undefined) q = q.where('g.id', '=', f.id);
  if (f.roundId !== undefined) q = q.where('g.round_id', '=', f.roundId);
  if (f.ownerId !== undefined) q = q.where('g.owner_id', '=', f.ownerId);
  if (f.openOnly) q = q.where('g.status', '!=', 'done');
  const rows = await q.orderBy('g.due_date').orderBy('g.id').execute();
  return rows.map((r) => ({
    id: r.id,
    roundId: r.round_id,
    roundDate: r.date,
    pointId: r.point_id,
    code: r.code,
    dimension: asDimension(r.dimension),
    text: r.text,
    level: r.level ?? null,
    targetLevel: r.target_level,
    ownerId: r.owner_id,
    ownerName: r.display_name,
    dueDate: r.due_date,
    status: r.status as GapStatus,
    note: r.note,
  }));
}

/** Sets a point's gap in a round (owner, due date, status, note); audited. Answers the gap's id. */
export async function upsertGap(
  db: Db,
  centerId: number,
  g: { roundId: number; pointId: number; ownerId: number; dueDate: string; status: GapStatus; note: string },
  userId: number | null,
  now: number,
): Promise<number> {
  return withTx(db, async (tx) => {
    const v = { owner_id: g.ownerId, due_date: g.dueDate, status: g.status, note: g.note, updated_at: now };
    await tx
      .insertInto('assessment_gaps')
      .values({ center_id: centerId, round_id: g.roundId, point_id: g.pointId, ...v })
      .onConflict((oc) => oc.columns(['round_id', 'point_id']).doUpdateSet(v))
      .execute();
    const row = await tx
      .selectFrom('assessment_gaps')
      .select('id')
      .where('round_id', '=', g.roundId)
      .where('point_id', '=', g.pointId)
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'assessment.gap', entity: 'assessmentGap', entityId: row.id, detail: g });
    return row.id;
  });
}

export async function setGapStatus(db: Db, id: number, s: { status: GapStatus; note?: string }, userId: number | null, now: number): Promise<void> {
  await withTx(db, async (tx) => {
    await tx
      .updateTable('assessment_gaps')
      .set({ status: s.status, ...(s.note !== undefined ? { note: s.note } : {}), updated_at: now })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId, action: 'assessment.gap.status', entity: 'assessmentGap', entityId: id, detail: s });
  });
}
