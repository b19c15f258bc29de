/**
 * The emergency call-in's asks (046_floor_rules): who was asked to come in for an activation, in the
 * level's order, and their answer. Moves are conditional updates (only a pending ask is answered or timed
 * out) and an ask is inserted once per place in the order, so several instances never ask twice.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { conflict, notFound } from '../../core/errors';
import type { CallinAnswer } from '../../core/live/callinLadder';

type Db = Kysely<DB>;

const askColumns = [
  'k.id',
  'k.activation_id',
  'k.staff_id',
  'k.user_id',
  'k.order_no',
  'k.asked_at',
  'k.due_at',
  'k.answer',
  'k.answered_at',
  's.name as staff_name',
] as const;

export function activationAsks(db: Db, activationId: number) {
  return db
    .selectFrom('emergency_callin_asks as k')
    .innerJoin('emergency_staff as s', 's.id', 'k.staff_id')
    .select(askColumns)
    .where('k.activation_id', '=', activationId)
    .orderBy('k.order_no')
    .execute();
}
export type AskRow = Awaited<ReturnType<typeof activationAsks>>[number];

/** A new ask at its place in the order; null when another instance asked that place first. */
export async function insertAsk(
  db: Db,
  a: { centerId: number; activationId: number; staffId: number; userId: number; orderNo: number; now: number; dueAt: number },
) {
  const row = await db
    .insertInto('emergency_callin_asks')
    .values({
      center_id: a.centerId,
      activation_id: a.activationId,
      staff_id: a.staffId,
      user_id: a.userId,
      order_no: a.orderNo,
      asked_at: a.now,
      due_at: a.dueAt,
      answer: 'pending',
      answered_at: null,
    })
    .onConflict((oc) => oc.columns(['activation_id', 'order_no']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A pending ask moved to `answer`; false when it was no longer pending (answered, timed out or stopped elsewhere). */
export async function closeAsk(db: Db, id: number, answer: Exclude<CallinAnswer, 'pending'>, now: number) {
  const r = await db
    .updateTable('emergency_callin_asks')
    .set({ answer, answered_at: now })
    .where('id', '=', id)
    .where('answer', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The ask put to this user (404 for anyone else's: an ask is seen by the one asked). */
export async function ownAsk(db: Db, centerId: number, userId: number, id: number) {
  const a = await db
    .selectFrom('emergency_callin_asks')
    .selectAll()
    .where('id', '=', id)
    .where('center_id', '=', centerId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!a) throw notFound('callinAsk', id);
  if (a.answer !== 'pending') throw conflict(`call-in ask ${id} is ${a.answer}`, 'id', { reason: 'emergency.askAnswered', params: { answer: a.answer } });
  return a;
}

/** Every pending ask of an activation marked stopped (the level was stood down). */
export async function stopAsks(db: Db, activationId: number, now: number) {
  await db
    .updateTable('emergency_callin_asks')
    .set({ answer: 'stopped', answered_at: now })
    .where('activation_id', '=', activationId)
    .where('answer', '=', 'pending')
    .execute();
}

/** Activations with a pending ask whose answer time is up at `now` (the tick moves them on). */
export function activationsWithDueAsks(db: Db, now: number) {
  return db
    .selectFrom('emergency_callin_asks')
    .select(['center_id', 'activation_id'])
    .distinct()
    .where('answer', '=', 'pending')
    .where('due_at', '<=', now)
    .orderBy('activation_id')
    .execute();
}

/** A user's asks of the last day, newest first, with the level they were asked for. */
export function userAsks(db: Db, centerId: number, userId: number, since: number) {
  return db
    .selectFrom('emergency_callin_asks as k')
    .innerJoin('emergency_activations as a', 'a.id', 'k.activation_id')
    .leftJoin('emergency_levels as l', (j) => j.onRef('l.center_id', '=', 'a.center_id').onRef('l.level', '=', 'a.level'))
    .select(['k.id', 'k.order_no', 'k.asked_at', 'k.due_at', 'k.answer', 'k.answered_at', 'a.level', 'l.name as level_name', 'l.actions'])
    .where('k.center_id', '=', centerId)
    .where('k.user_id', '=', userId)
    .where('k.asked_at', '>=', since)
    .orderBy('k.id', 'desc')
    .limit(50)
    .execute();
}
