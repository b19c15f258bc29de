/**
 * Duty roster, handovers and the graded emergency plan (039_duty, 040_emergency_levels). All SQL here;
 * every read and write is bounded to one center.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { conflict, notFound, validationError } from '../../core/errors';
import { openCallins } from '../live/repo';

type Db = Kysely<DB>;

// ---- roster ----

const shiftColumns = [
  'duty_shifts.id',
  'duty_shifts.center_id',
  'duty_shifts.starts_at',
  'duty_shifts.ends_at',
  'duty_shifts.manager_user_id',
  'users.display_name as manager_name',
  'duty_handovers.id as handover_id',
  'duty_handovers.ack_at as handover_ack_at',
] as const;

function shiftQuery(db: Db, centerId: number) {
  return db
    .selectFrom('duty_shifts')
    .innerJoin('users', 'users.id', 'duty_shifts.manager_user_id')
    .leftJoin('duty_handovers', 'duty_handovers.shift_id', 'duty_shifts.id')
    .select(shiftColumns)
    .where('duty_shifts.center_id', '=', centerId);
}
export type DutyShiftRow = Awaited<ReturnType<ReturnType<typeof shiftQuery>['executeTakeFirstOrThrow']>>;

/** Duty shifts that overlap [from, to), in time order. */
export function listShifts(db: Db, centerId: number, from: number, to: number) {
  return shiftQuery(db, centerId).where('duty_shifts.ends_at', '>', from).where('duty_shifts.starts_at', '<', to).orderBy('duty_shifts.starts_at').execute();
}

export async function getShift(db: Db, centerId: number, id: number) {
  const s = await shiftQuery(db, centerId).where('duty_shifts.id', '=', id).executeTakeFirst();
  if (!s) throw notFound('dutyShift', id);
  return s;
}

/** The duty running at `now` (the latest started when two touch). */
export function currentShift(db: Db, centerId: number, now: number) {
  return shiftQuery(db, centerId)
    .where('duty_shifts.starts_at', '<=', now)
    .where('duty_shifts.ends_at', '>', now)
    .orderBy('duty_shifts.starts_at', 'desc')
    .executeTakeFirst();
}

/** The duty after this one (the next to start), whose manager reads this one's handover. */
export function nextShift(db: Db, centerId: number, shift: { id: number; starts_at: number }) {
  return shiftQuery(db, centerId)
    .where('duty_shifts.starts_at', '>', shift.starts_at)
    .where('duty_shifts.id', '!=', shift.id)
    .orderBy('duty_shifts.starts_at')
    .executeTakeFirst();
}

/** Active users of the center holding the duty-manager role (who may be put on the roster). */
export async function dutyManagers(db: Db, centerId: number) {
  return db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.display_name'])
    .where('user_roles.role', '=', 'duty_manager')
    .where('users.active', '=', 1)
    .where('users.center_id', '=', centerId)
    .orderBy('users.id')
    .execute();
}

export async function createShift(db: Db, s: { centerId: number; startsAt: number; endsAt: number; managerUserId: number; by: number; now: number }) {
  return withTx(db, async (tx) => {
    if (!(await dutyManagers(tx, s.centerId)).some((u) => u.id === s.managerUserId))
      throw validationError('managerUserId', 'must be an active duty manager of this center', {
        reason: 'duty.notDutyManager',
        params: { field: 'managerUserId' },
      });
    const clash = await tx
      .selectFrom('duty_shifts')
      .select(['id', 'starts_at', 'ends_at'])
      .where('center_id', '=', s.centerId)
      .where('starts_at', '<', s.endsAt)
      .where('ends_at', '>', s.startsAt)
      .executeTakeFirst();
    if (clash) throw conflict(`duty shift ${clash.id} overlaps these hours`, 'start', { reason: 'duty.overlap', params: { id: clash.id } });
    const row = await tx
      .insertInto('duty_shifts')
      .values({ center_id: s.centerId, starts_at: s.startsAt, ends_at: s.endsAt, manager_user_id: s.managerUserId, created_by: s.by, created_at: s.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: s.now,
      userId: s.by,
      action: 'duty.shift.create',
      entity: 'duty_shift',
      entityId: row.id,
      detail: { startsAt: s.startsAt, endsAt: s.endsAt, manager: s.managerUserId },
    });
    return getShift(tx, s.centerId, row.id);
  });
}

export async function deleteShift(db: Db, centerId: number, id: number, by: number, now: number) {
  await withTx(db, async (tx) => {
    const s = await getShift(tx, centerId, id);
    if (s.handover_id !== null) throw conflict('this duty has its handover written: it stays on the roster', 'id', { reason: 'duty.handoverWritten' });
    await tx.deleteFrom('duty_shifts').where('id', '=', id).execute();
    await audit(tx, {
      at: now,
      userId: by,
      action: 'duty.shift.delete',
      entity: 'duty_shift',
      entityId: id,
      detail: { startsAt: s.starts_at, manager: s.manager_user_id },
    });
  });
}

// ---- handovers ----

/** What the store holds open at `now`: the first three parts of a handover, never typed. */
export async function openItems(db: Db, centerId: number, now: number) {
  const alerts = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'subject', 'status', 'raised_at'])
    .where('center_id', '=', centerId)
    .where('status', '!=', 'closed')
    .orderBy('id')
    .limit(200)
    .execute();
  const callins = (await openCallins(db, centerId)).map((c) => ({ id: c.id, name: c.name, position: c.position, startedAt: c.started_at, calls: c.calls }));
  const orders = await db
    .selectFrom('wo_orders')
    .select(['id', 'type', 'state', 'title', 'sla_due_at'])
    .where('center_id', '=', centerId)
    .where('closed_at', 'is', null)
    .where((eb) => eb.or([eb('sla_due_at', '<=', now), eb('state', 'in', ['duty_manager', 'business_dept'])]))
    .orderBy('id')
    .limit(200)
    .execute();
  return {
    alerts: alerts.map((a) => ({ id: a.id, kind: a.kind, subject: a.subject, status: a.status, raisedAt: a.raised_at })),
    callins,
    workOrders: orders.map((o) => ({ id: o.id, type: o.type, state: o.state, title: o.title, dueAt: o.sla_due_at, overdue: o.sla_due_at <= now })),
  };
}
export type HandoverItems = Awaited<ReturnType<typeof openItems>>;

const handoverColumns = [
  'duty_handovers.id',
  'duty_handovers.shift_id',
  'duty_handovers.written_by',
  'duty_handovers.written_at',
  'duty_handovers.open_items',
  'duty_handovers.notes',
  'duty_handovers.ack_by',
  'duty_handovers.ack_at',
  'duty_shifts.starts_at',
  'duty_shifts.ends_at',
  'w.display_name as writer_name',
  'a.display_name as ack_name',
] as const;

function handoverQuery(db: Db, centerId: number) {
  return db
    .selectFrom('duty_handovers')
    .innerJoin('duty_shifts', 'duty_shifts.id', 'duty_handovers.shift_id')
    .innerJoin('users as w', 'w.id', 'duty_handovers.written_by')
    .leftJoin('users as a', 'a.id', 'duty_handovers.ack_by')
    .select(handoverColumns)
    .where('duty_handovers.center_id', '=', centerId);
}

export async function getHandover(db: Db, centerId: number, id: number) {
  const h = await handoverQuery(db, centerId).where('duty_handovers.id', '=', id).executeTakeFirst();
  if (!h) throw notFound('handover', id);
  return h;
}

export function listHandovers(db: Db, centerId: number, f: { unacknowledged?: boolean; limit?: number }) {
  let q = handoverQuery(db, centerId)
    .orderBy('duty_handovers.id', 'desc')
    .limit(f.limit ?? 100);
  if (f.unacknowledged) q = q.where('duty_handovers.ack_at', 'is', null);
  return q.execute();
}

export async function writeHandover(db: Db, h: { centerId: number; shiftId: number; by: number; notes: string; now: number }) {
  return withTx(db, async (tx) => {
    const shift = await getShift(tx, h.centerId, h.shiftId);
    if (shift.handover_id !== null) throw conflict('the handover of this duty is already written', 'shiftId', { reason: 'duty.handoverWritten' });
    const items = await openItems(tx, h.centerId, h.now);
    const row = await tx
      .insertInto('duty_handovers')
      .values({ center_id: h.centerId, shift_id: h.shiftId, written_by: h.by, written_at: h.now, open_items: JSON.stringify(items), notes: h.notes })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: h.now, userId: h.by, action: 'duty.handover.write', entity: 'duty_handover', entityId: row.id, detail: { shiftId: h.shiftId } });
    return getHandover(tx, h.centerId, row.id);
  });
}

export async function acknowledgeHandover(db: Db, h: { centerId: number; id: number; by: number; now: number }) {
  return withTx(db, async (tx) => {
    const cur = await getHandover(tx, h.centerId, h.id);
    if (cur.ack_at !== null) throw conflict('this handover is already acknowledged', 'id', { reason: 'duty.handoverAcknowledged' });
    await tx.updateTable('duty_handovers').set({ ack_by: h.by, ack_at: h.now }).where('id', '=', h.id).execute();
    await audit(tx, { at: h.now, userId: h.by, action: 'duty.handover.acknowledge', entity: 'duty_handover', entityId: h.id });
    return getHandover(tx, h.centerId, h.id);
  });
}

/** Alerts raised in [from, to) with their handling times (a duty's alerts). */
export function alertsRaisedBetween(db: Db, centerId: number, from: number, to: number) {
  return db
    .selectFrom('alerts')
    .select(['raised_at', 'ack_at', 'closed_at'])
    .where('center_id', '=', centerId)
    .where('raised_at', '>=', from)
    .where('raised_at', '<', to)
    .execute();
}

// ---- the graded emergency plan ----

export interface LevelInput {
  level: number;
  name: string;
  minWaiting: number | null;
  slBelow: number | null;
  slMinutes: number | null;
  actions: string;
  callinOrder: number[];
}

export async function listLevels(db: Db, centerId: number) {
  const rows = await db.selectFrom('emergency_levels').selectAll().where('center_id', '=', centerId).orderBy('level').execute();
  return rows.map((r) => ({
    level: r.level,
    name: r.name,
    minWaiting: r.min_waiting,
    slBelow: r.sl_below,
    slMinutes: r.sl_minutes,
    actions: r.actions,
    callinOrder: JSON.parse(r.callin_order) as number[],
  }));
}

/** Replaces the center's levels (audited); every person of a call-in order must be in the center's plan. */
export async function saveLevels(db: Db, centerId: number, levels: readonly LevelInput[], by: number, now: number) {
  await withTx(db, async (tx) => {
    const staff = new Set((await tx.selectFrom('emergency_staff').select('id').where('center_id', '=', centerId).execute()).map((s) => s.id));
    levels.forEach((l, i) =>
      l.callinOrder.forEach((id, j) => {
        if (!staff.has(id))
          throw validationError(`levels.${i}.callinOrder.${j}`, `${id} is not a person of this center's emergency plan`, {
            reason: 'emergency.unknownStaff',
            params: { id },
          });
      }),
    );
    await tx.deleteFrom('emergency_levels').where('center_id', '=', centerId).execute();
    if (levels.length)
      await tx
        .insertInto('emergency_levels')
        .values(
          levels.map((l) => ({
            center_id: centerId,
            level: l.level,
            name: l.name,
            min_waiting: l.minWaiting,
            sl_below: l.slBelow,
            sl_minutes: l.slMinutes,
            actions: l.actions,
            callin_order: JSON.stringify(l.callinOrder),
            updated_at: now,
          })),
        )
        .execute();
    await audit(tx, { at: now, userId: by, action: 'emergency.levels.save', entity: 'center', entityId: centerId, detail: levels });
  });
  return listLevels(db, centerId);
}

/** The people of a call-in order, in that order, with their user (who is notified). */
export async function callinPeople(db: Db, centerId: number, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('emergency_staff')
    .select(['id', 'name', 'position', 'user_id', 'active'])
    .where('center_id', '=', centerId)
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

export type ActivationRow = DB['emergency_activations'] extends infer T
  ? { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] }
  : never;

export async function getActivation(db: Db, centerId: number, id: number): Promise<ActivationRow> {
  const a = await db.selectFrom('emergency_activations').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  if (!a) throw notFound('activation', id);
  return a;
}

export function listActivations(db: Db, centerId: number, limit = 50) {
  return db.selectFrom('emergency_activations').selectAll().where('center_id', '=', centerId).orderBy('id', 'desc').limit(limit).execute();
}

/** Proposed or active activations of the center. */
export function openActivations(db: Db, centerId: number) {
  return db
    .selectFrom('emergency_activations')
    .selectAll()
    .where('center_id', '=', centerId)
    .where('status', 'in', ['proposed', 'active'])
    .orderBy('id')
    .execute();
}

export async function logActivation(db: Db, e: { activationId: number; at: number; userId: number | null; action: string; detail?: Record<string, unknown> }) {
  await db
    .insertInto('emergency_activation_log')
    .values({ activation_id: e.activationId, at: e.at, user_id: e.userId, action: e.action, detail: JSON.stringify(e.detail ?? {}) })
    .execute();
}

export function activationLog(db: Db, activationId: number) {
  return db
    .selectFrom('emergency_activation_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.at', 'l.user_id', 'u.display_name as user_name', 'l.action', 'l.detail'])
    .where('l.activation_id', '=', activationId)
    .orderBy('l.id')
    .execute();
}

/** A new activation: proposed by the diagnosis (source auto) or raised by a person (source manual); logged. */
export async function createActivation(
  db: Db,
  a: {
    centerId: number;
    level: number;
    status: 'proposed' | 'active';
    source: 'auto' | 'manual';
    figures: Record<string, unknown>;
    by: number | null;
    now: number;
    note?: string;
  },
) {
  return withTx(db, async (tx) => {
    const row = await tx
      .insertInto('emergency_activations')
      .values({
        center_id: a.centerId,
        level: a.level,
        status: a.status,
        source: a.source,
        figures: JSON.stringify(a.figures),
        proposed_at: a.status === 'proposed' ? a.now : null,
        raised_at: a.status === 'active' ? a.now : null,
        raised_by: a.status === 'active' ? a.by : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await logActivation(tx, {
      activationId: row.id,
      at: a.now,
      userId: a.by,
      action: a.status === 'proposed' ? 'proposed' : 'raised',
      detail: { level: a.level, figures: a.figures, note: a.note ?? '' },
    });
    if (a.by !== null)
      await audit(tx, { at: a.now, userId: a.by, action: 'emergency.raise', entity: 'emergency_activation', entityId: row.id, detail: { level: a.level } });
    return row;
  });
}

/** proposed → active (confirmed) or dismissed; active → ended (stood down). Logged and audited. */
export async function moveActivation(db: Db, m: { centerId: number; id: number; to: 'active' | 'dismissed' | 'ended'; by: number; now: number; note: string }) {
  return withTx(db, async (tx) => {
    const cur = await getActivation(tx, m.centerId, m.id);
    const from = m.to === 'ended' ? 'active' : 'proposed';
    if (cur.status !== from)
      throw conflict(`activation ${m.id} is ${cur.status}`, 'status', { reason: 'emergency.activationState', params: { status: cur.status } });
    const set =
      m.to === 'active'
        ? { status: 'active', raised_at: m.now, raised_by: m.by }
        : m.to === 'ended'
          ? { status: 'ended', ended_at: m.now, ended_by: m.by }
          : { status: 'dismissed', ended_at: m.now, ended_by: m.by };
    await tx.updateTable('emergency_activations').set(set).where('id', '=', m.id).execute();
    const action = m.to === 'active' ? 'confirmed' : m.to === 'ended' ? 'stoodDown' : 'dismissed';
    await logActivation(tx, { activationId: m.id, at: m.now, userId: m.by, action, detail: { note: m.note } });
    await audit(tx, { at: m.now, userId: m.by, action: `emergency.${action}`, entity: 'emergency_activation', entityId: m.id, detail: { note: m.note } });
    return getActivation(tx, m.centerId, m.id);
  });
}
