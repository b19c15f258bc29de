/**
 * The floor rules as workflows (046_floor_rules): equipment fault reports, the hygiene and safety checklist
 * with its checks, the machine-room visitor log and visit notices. All SQL here; every read and write is
 * bounded to one center; each change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { conflict, notFound, validationError } from '../../core/errors';
import { DEFAULT_CHECK_ITEMS } from '../../core/floor/rules';

type Db = Kysely<DB>;

// ---- equipment fault reports (第12條) ----

function faultQuery(db: Db, centerId: number) {
  return db
    .selectFrom('floor_faults as f')
    .innerJoin('users as r', 'r.id', 'f.reported_by')
    .leftJoin('users as x', 'x.id', 'f.fixed_by')
    .select([
      'f.id',
      'f.seat',
      'f.device',
      'f.description',
      'f.reported_by',
      'r.display_name as reporter_name',
      'f.reported_at',
      'f.status',
      'f.fixed_by',
      'x.display_name as fixer_name',
      'f.fixed_at',
      'f.fix_note',
    ])
    .where('f.center_id', '=', centerId);
}
export type FaultRow = Awaited<ReturnType<ReturnType<typeof faultQuery>['executeTakeFirstOrThrow']>>;

export async function getFault(db: Db, centerId: number, id: number, reporter?: number) {
  let q = faultQuery(db, centerId).where('f.id', '=', id);
  if (reporter !== undefined) q = q.where('f.reported_by', '=', reporter);
  const f = await q.executeTakeFirst();
  if (!f) throw notFound('floorFault', id);
  return f;
}

/** Fault reports, newest first (`reporter`: only that person's; `status`: open or fixed). */
export function listFaults(db: Db, centerId: number, f: { reporter?: number; status?: 'open' | 'fixed' }) {
  let q = faultQuery(db, centerId).orderBy('f.id', 'desc').limit(300);
  if (f.reporter !== undefined) q = q.where('f.reported_by', '=', f.reporter);
  if (f.status) q = q.where('f.status', '=', f.status);
  return q.execute();
}

/** Report and fix times of faults reported before `to` and not fixed before `from` (the figures' input). */
export function faultTimes(db: Db, centerId: number, from: number, to: number) {
  return db
    .selectFrom('floor_faults')
    .select(['reported_at', 'fixed_at'])
    .where('center_id', '=', centerId)
    .where('reported_at', '<', to)
    .where((eb) => eb.or([eb('fixed_at', 'is', null), eb('fixed_at', '>=', from)]))
    .execute();
}

export async function reportFault(db: Db, f: { centerId: number; seat: string; device: string; description: string; by: number; now: number }) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('floor_faults')
      .values({
        center_id: f.centerId,
        seat: f.seat,
        device: f.device,
        description: f.description,
        reported_by: f.by,
        reported_at: f.now,
        status: 'open',
        fixed_by: null,
        fixed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: f.now,
      userId: f.by,
      action: 'floor.fault.report',
      entity: 'floor_fault',
      entityId: row.id,
      detail: { seat: f.seat, device: f.device },
    });
    return getFault(tx, f.centerId, row.id);
  });
}

export async function fixFault(db: Db, f: { centerId: number; id: number; by: number; note: string; now: number }) {
  return withTx(db, async (tx) => {
    const cur = await getFault(tx, f.centerId, f.id);
    if (cur.status !== 'open') throw conflict(`fault ${f.id} is already fixed`, 'id', { reason: 'floor.faultFixed' });
    await tx.updateTable('floor_faults').set({ status: 'fixed', fixed_by: f.by, fixed_at: f.now, fix_note: f.note }).where('id', '=', f.id).execute();
    await audit(tx, { at: f.now, userId: f.by, action: 'floor.fault.fix', entity: 'floor_fault', entityId: f.id, detail: { note: f.note } });
    return getFault(tx, f.centerId, f.id);
  });
}

// ---- the hygiene and safety checklist and its checks (第13條) ----

/** The center's active checklist items in order; a center that never had any gets the starting list. */
export async function checkItems(db: Db, centerId: number, now: number) {
  const any = await db.selectFrom('floor_check_items').select('id').where('center_id', '=', centerId).limit(1).executeTakeFirst();
  if (!any)
    await db
      .insertInto('floor_check_items')
      .values(DEFAULT_CHECK_ITEMS.map((text, i) => ({ center_id: centerId, position: i + 1, text, updated_at: now })))
      .execute();
  return db
    .selectFrom('floor_check_items')
    .select(['id', 'position', 'text'])
    .where('center_id', '=', centerId)
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/**
 * Replaces the checklist: an item with an id keeps it (its text may change), one without is new, one left
 * out is retired (kept for the checks that scored it). Audited.
 */
export async function saveCheckItems(db: Db, centerId: number, items: readonly { id?: number; text: string }[], by: number, now: number) {
  await withTx(db, async (tx) => {
    const known = new Set((await tx.selectFrom('floor_check_items').select('id').where('center_id', '=', centerId).execute()).map((r) => r.id));
    items.forEach((it, i) => {
      if (it.id !== undefined && !known.has(it.id))
        throw validationError(`items.${i}.id`, `item ${it.id} is not on this center's checklist`, { reason: 'floor.unknownItem', params: { id: it.id } });
    });
    await tx.updateTable('floor_check_items').set({ active: 0, updated_at: now }).where('center_id', '=', centerId).execute();
    for (const [i, it] of items.entries()) {
      if (it.id !== undefined)
        await tx
          .updateTable('floor_check_items')
          .set({ text: it.text, position: i + 1, active: 1, updated_at: now })
          .where('id', '=', it.id)
          .execute();
      else
        await tx
          .insertInto('floor_check_items')
          .values({ center_id: centerId, position: i + 1, text: it.text, updated_at: now })
          .execute();
    }
    await audit(tx, { at: now, userId: by, action: 'floor.checklist.save', entity: 'center', entityId: centerId, detail: { items: items.length } });
  });
  return checkItems(db, centerId, now);
}

/** A check with every item's result (the item's text as checked); a failed item opens a follow-up. Audited. */
export async function recordCheck(
  db: Db,
  c: { centerId: number; date: string; area: string; by: number; now: number; results: readonly { itemId: number; pass: boolean; note: string }[] },
) {
  return withTx(db, async (tx) => {
    const items = new Map((await checkItems(tx, c.centerId, c.now)).map((i) => [i.id, i.text]));
    const seen = new Set<number>();
    c.results.forEach((r, i) => {
      if (!items.has(r.itemId))
        throw validationError(`results.${i}.itemId`, `item ${r.itemId} is not on this center's checklist`, {
          reason: 'floor.unknownItem',
          params: { id: r.itemId },
        });
      if (seen.has(r.itemId))
        throw validationError(`results.${i}.itemId`, `item ${r.itemId} is given twice`, { reason: 'floor.itemTwice', params: { id: r.itemId } });
      seen.add(r.itemId);
    });
    const row = await tx
      .insertInto('floor_checks')
      .values({ center_id: c.centerId, date: c.date, area: c.area, checked_by: c.by, created_at: c.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (c.results.length)
      await tx
        .insertInto('floor_check_results')
        .values(
          c.results.map((r) => ({
            check_id: row.id,
            item_id: r.itemId,
            item_text: items.get(r.itemId)!,
            pass: r.pass ? 1 : 0,
            note: r.note,
            follow_up: r.pass ? 'none' : 'open',
            follow_up_by: null,
            follow_up_at: null,
          })),
        )
        .execute();
    await audit(tx, {
      at: c.now,
      userId: c.by,
      action: 'floor.check.record',
      entity: 'floor_check',
      entityId: row.id,
      detail: { date: c.date, area: c.area, failed: c.results.filter((r) => !r.pass).length },
    });
    return row.id;
  });
}

/** Checks between two dates (inclusive), newest first, with who checked. */
export function listChecks(db: Db, centerId: number, from: string, to: string) {
  return db
    .selectFrom('floor_checks as c')
    .innerJoin('users as u', 'u.id', 'c.checked_by')
    .select(['c.id', 'c.date', 'c.area', 'c.checked_by', 'u.display_name as checker_name', 'c.created_at'])
    .where('c.center_id', '=', centerId)
    .where('c.date', '>=', from)
    .where('c.date', '<=', to)
    .orderBy('c.date', 'desc')
    .orderBy('c.id', 'desc')
    .limit(500)
    .execute();
}

/** The results of some checks, by item position. */
export function checkResults(db: Db, checkIds: readonly number[]) {
  if (!checkIds.length) return Promise.resolve([]);
  return db
    .selectFrom('floor_check_results as r')
    .leftJoin('users as u', 'u.id', 'r.follow_up_by')
    .select([
      'r.check_id',
      'r.item_id',
      'r.item_text',
      'r.pass',
      'r.note',
      'r.follow_up',
      'r.follow_up_note',
      'u.display_name as follow_up_name',
      'r.follow_up_at',
    ])
    .where('r.check_id', 'in', [...checkIds])
    .orderBy('r.check_id')
    .orderBy('r.item_id')
    .execute();
}

/** A failed item put right (follow-up done), with a note; audited. */
export async function closeFollowUp(db: Db, f: { centerId: number; checkId: number; itemId: number; by: number; note: string; now: number }) {
  await withTx(db, async (tx) => {
    const check = await tx.selectFrom('floor_checks').select('id').where('id', '=', f.checkId).where('center_id', '=', f.centerId).executeTakeFirst();
    if (!check) throw notFound('floorCheck', f.checkId);
    const r = await tx
      .selectFrom('floor_check_results')
      .select('follow_up')
      .where('check_id', '=', f.checkId)
      .where('item_id', '=', f.itemId)
      .executeTakeFirst();
    if (!r) throw notFound('floorCheckItem', f.itemId);
    if (r.follow_up !== 'open') throw conflict('this item has no open follow-up', 'itemId', { reason: 'floor.noFollowUp', params: { state: r.follow_up } });
    await tx
      .updateTable('floor_check_results')
      .set({ follow_up: 'done', follow_up_note: f.note, follow_up_by: f.by, follow_up_at: f.now })
      .where('check_id', '=', f.checkId)
      .where('item_id', '=', f.itemId)
      .execute();
    await audit(tx, {
      at: f.now,
      userId: f.by,
      action: 'floor.check.followUp',
      entity: 'floor_check',
      entityId: f.checkId,
      detail: { itemId: f.itemId, note: f.note },
    });
  });
}

// ---- the machine-room visitor log (第21條) ----

function visitQuery(db: Db, centerId: number) {
  return db
    .selectFrom('room_visits as v')
    .innerJoin('users as u', 'u.id', 'v.logged_by')
    .select(['v.id', 'v.visitor', 'v.company', 'v.purpose', 'v.escort', 'v.in_at', 'v.out_at', 'v.logged_by', 'u.display_name as logger_name'])
    .where('v.center_id', '=', centerId);
}

/** Visits still in the room, and the others that came in on or after `since`, newest first. */
export function listVisits(db: Db, centerId: number, since: number) {
  return visitQuery(db, centerId)
    .where((eb) => eb.or([eb('v.out_at', 'is', null), eb('v.in_at', '>=', since)]))
    .orderBy('v.in_at', 'desc')
    .limit(300)
    .execute();
}

export async function logVisit(
  db: Db,
  v: { centerId: number; visitor: string; company: string; purpose: string; escort: string; inAt: number; by: number; now: number },
) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('room_visits')
      .values({
        center_id: v.centerId,
        visitor: v.visitor,
        company: v.company,
        purpose: v.purpose,
        escort: v.escort,
        in_at: v.inAt,
        out_at: null,
        logged_by: v.by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: v.now, userId: v.by, action: 'floor.visit.in', entity: 'room_visit', entityId: row.id, detail: { company: v.company } });
    return (await visitQuery(tx, v.centerId).where('v.id', '=', row.id).executeTakeFirstOrThrow())!;
  });
}

export async function visitOut(db: Db, v: { centerId: number; id: number; outAt: number; by: number; now: number }) {
  return withTx(db, async (tx) => {
    const cur = await visitQuery(tx, v.centerId).where('v.id', '=', v.id).executeTakeFirst();
    if (!cur) throw notFound('roomVisit', v.id);
    if (cur.out_at !== null) throw conflict(`visit ${v.id} has already left`, 'id', { reason: 'floor.visitOut' });
    if (v.outAt < cur.in_at) throw validationError('outAt', 'the time out is before the time in', { reason: 'floor.outBeforeIn', params: { field: 'outAt' } });
    await tx.updateTable('room_visits').set({ out_at: v.outAt }).where('id', '=', v.id).execute();
    await audit(tx, { at: v.now, userId: v.by, action: 'floor.visit.out', entity: 'room_visit', entityId: v.id });
    return (await visitQuery(tx, v.centerId).where('v.id', '=', v.id).executeTakeFirstOrThrow())!;
  });
}

// ---- visit notices (第26條) ----

function noticeQuery(db: Db, centerId: number) {
  return db
    .selectFrom('visit_notices as n')
    .innerJoin('users as u', 'u.id', 'n.created_by')
    .select([
      'n.id',
      'n.starts_at',
      'n.ends_at',
      'n.group_name',
      'n.areas',
      'n.host',
      'n.note',
      'n.created_by',
      'u.display_name as creator_name',
      'n.created_at',
    ])
    .where('n.center_id', '=', centerId);
}

/** Visits that end after `from`, soonest first. */
export function listVisitNotices(db: Db, centerId: number, from: number) {
  return noticeQuery(db, centerId).where('n.ends_at', '>', from).orderBy('n.starts_at').limit(200).execute();
}

export async function createVisitNotice(
  db: Db,
  n: { centerId: number; startsAt: number; endsAt: number; group: string; areas: string; host: string; note: string; by: number; now: number },
) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('visit_notices')
      .values({
        center_id: n.centerId,
        starts_at: n.startsAt,
        ends_at: n.endsAt,
        group_name: n.group,
        areas: n.areas,
        host: n.host,
        note: n.note,
        created_by: n.by,
        created_at: n.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: n.now,
      userId: n.by,
      action: 'floor.visitNotice.create',
      entity: 'visit_notice',
      entityId: row.id,
      detail: { group: n.group, startsAt: n.startsAt },
    });
    return (await noticeQuery(tx, n.centerId).where('n.id', '=', row.id).executeTakeFirstOrThrow())!;
  });
}

/** The center's active staff users (not agents): who a visit notice tells. */
export function floorStaffUsers(db: Db, centerId: number) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .distinct()
    .where('users.center_id', '=', centerId)
    .where('users.active', '=', 1)
    .where('user_roles.role', 'in', ['center_manager', 'duty_manager', 'team_lead'])
    .execute();
}
