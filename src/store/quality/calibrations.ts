/** Calibration sessions (校準): the SQL. The blind / reveal rules are in src/services/quality/calibration.ts. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../schema';
import { notFound } from '../../core/errors';

type Db = Kysely<DB>;
export type CalibrationRow = Selectable<DB['qa_calibrations']>;

export async function getCalibrationRow(db: Db, centerId: number, id: number): Promise<CalibrationRow> {
  const s = await db.selectFrom('qa_calibrations').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!s) throw notFound('calibrationSession', id);
  return s;
}

export async function findCalibrationRow(db: Db, centerId: number, id: number): Promise<CalibrationRow | undefined> {
  return db.selectFrom('qa_calibrations').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
}

export async function insertCalibration(db: Db, row: Insertable<DB['qa_calibrations']>): Promise<number> {
  return (await db.insertInto('qa_calibrations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function closeCalibrationRow(db: Db, id: number, now: number) {
  await db.updateTable('qa_calibrations').set({ state: 'closed', closed_at: now }).where('id', '=', id).execute();
}

/** The evaluations scored in a session, in the order they came. */
export async function calibrationEvaluations(db: Db, id: number) {
  return db.selectFrom('qa_evaluations').selectAll().where('calibration_id', '=', id).orderBy('id').execute();
}

/** An evaluator's score in a session, if any (one each). */
export async function findCalibrationScore(db: Db, calibrationId: number, evaluatorId: number) {
  return db.selectFrom('qa_evaluations').select('id').where('calibration_id', '=', calibrationId).where('evaluator_id', '=', evaluatorId).executeTakeFirst();
}

export async function listCalibrations(db: Db, centerId: number) {
  const rows = await db.selectFrom('qa_calibrations').selectAll().where('center_id', '=', centerId).orderBy('id', 'desc').execute();
  const counts = await db
    .selectFrom('qa_evaluations')
    .select(['calibration_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('calibration_id', 'is not', null)
    .where('center_id', '=', centerId)
    .groupBy('calibration_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    evaluator_ids: JSON.parse(r.evaluator_ids) as number[],
    submitted: Number(counts.find((c) => c.calibration_id === r.id)?.n ?? 0),
  }));
}
