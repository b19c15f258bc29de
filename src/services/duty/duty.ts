/**
 * The duty-manager regime (issue 17, seed 000 值班經理制度 / 考核精確到值班時段): the roster, the
 * handover log and the figures per duty. One home for who may do what:
 * - the roster is edited by the center manager (and the admin); duty managers read it;
 * - a duty manager writes their own duty's handover (the center manager any), and the next duty
 *   manager — never its writer — acknowledges it;
 * - a duty's figures come from the one KPI report (src/store/live/reports.ts kpiReport) for its hours;
 *   a duty manager's scorecard shows only their own row, the center manager's every duty manager's.
 */
import { forbidden, validationError } from '../../core/errors';
import { alertHandling, dutyWindow, sumReportCounts } from '../../core/live/duty';
import { tzOffsetFn } from '../../core/timezone';
import type { TzOffset } from '../../core/kpi';
import {
  acknowledgeHandover,
  alertsRaisedBetween,
  createShift,
  currentShift,
  deleteShift,
  dutyManagers,
  getHandover,
  getShift,
  listHandovers,
  listShifts,
  nextShift,
  openItems,
  writeHandover,
  type DutyShiftRow,
} from '../../store/duty/repo';
import { kpiReport } from '../../store/live/reports';
import { notifyUsers } from '../../store/notifications';
import { getCenter } from '../../store/org';
import type { Kysely } from 'kysely';
import type { DB } from '../../store/schema';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';
import { publishNotices } from '../quality/common';
import { userOf } from '../people/common';
import type { DutyShift, Handover, HandoverItems } from '../../contract/duty';

const MANAGERS = ['admin', 'center_manager'] as const;

/** The center's zone, as the KPI report and the roster read local times. */
export async function centerZone(db: Kysely<DB>, centerId: number): Promise<{ tz: string; offset: TzOffset }> {
  const tz = (await getCenter(db, centerId))?.timezone ?? 'UTC';
  return { tz, offset: tzOffsetFn(tz) };
}

export const shiftWire = (s: DutyShiftRow): DutyShift => ({
  id: s.id,
  startsAt: s.starts_at,
  endsAt: s.ends_at,
  managerUserId: s.manager_user_id,
  managerName: s.manager_name,
  handoverId: s.handover_id,
  handoverAcknowledged: s.handover_ack_at !== null,
});

const handoverWire = (h: Awaited<ReturnType<typeof getHandover>>): Handover => ({
  id: h.id,
  shiftId: h.shift_id,
  startsAt: h.starts_at,
  endsAt: h.ends_at,
  writtenBy: h.written_by,
  writerName: h.writer_name,
  writtenAt: h.written_at,
  items: JSON.parse(h.open_items) as HandoverItems,
  notes: h.notes,
  ackBy: h.ack_by,
  ackName: h.ack_name,
  ackAt: h.ack_at,
});

/** The local days [from, to] (both included) as epoch ms. */
function daysWindow(from: string, to: string, offset: TzOffset) {
  const a = dutyWindow(from, '00:00', '00:00', offset)!;
  const b = dutyWindow(to, '00:00', '00:00', offset)!;
  if (b.endsAt <= a.startsAt) throw validationError('to', 'must not be before from', { reason: 'duty.rangeReversed' });
  return { from: a.startsAt, to: b.endsAt };
}

export async function roster(deps: ServiceDeps, actor: Actor, q: { from: string; to: string }) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const w = daysWindow(q.from, q.to, (await centerZone(db, centerId)).offset);
  const shifts = await listShifts(db, centerId, w.from, w.to);
  const managers = await dutyManagers(db, centerId);
  return { shifts: shifts.map(shiftWire), managers: managers.map((m) => ({ id: m.id, name: m.display_name })) };
}

export async function addShift(deps: ServiceDeps, actor: Actor, b: { date: string; start: string; end: string; managerUserId: number }) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const w = dutyWindow(b.date, b.start, b.end, (await centerZone(db, centerId)).offset)!;
  return shiftWire(
    await createShift(db, { centerId, startsAt: w.startsAt, endsAt: w.endsAt, managerUserId: b.managerUserId, by: userOf(actor), now: deps.now() }),
  );
}

export async function removeShift(deps: ServiceDeps, actor: Actor, id: number) {
  await deleteShift(deps.store.db, actor.scope.centerId, id, userOf(actor), deps.now());
  return { ok: true as const };
}

export async function current(deps: ServiceDeps, actor: Actor) {
  const s = await currentShift(deps.store.db, actor.scope.centerId, deps.now());
  return { shift: s ? shiftWire(s) : null };
}

/** A duty manager acts on their own duty only; the center manager on any. */
async function ownDuty(deps: ServiceDeps, actor: Actor, shiftId: number) {
  const s = await getShift(deps.store.db, actor.scope.centerId, shiftId);
  if (!hasRoleIn(actor, MANAGERS) && s.manager_user_id !== actor.userId)
    throw forbidden('a duty manager writes the handover of their own duty only', { reason: 'duty.notYourDuty' });
  return s;
}

export async function handoverDraft(deps: ServiceDeps, actor: Actor, shiftId: number): Promise<HandoverItems> {
  await ownDuty(deps, actor, shiftId);
  return openItems(deps.store.db, actor.scope.centerId, deps.now());
}

export async function writeHandoverFor(deps: ServiceDeps, actor: Actor, shiftId: number, notes: string) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const shift = await ownDuty(deps, actor, shiftId);
  const now = deps.now();
  const h = await writeHandover(db, { centerId, shiftId, by: userOf(actor), notes, now });
  // the next duty manager is told there is a handover to read
  const next = await nextShift(db, centerId, shift);
  if (next && next.manager_user_id !== actor.userId)
    publishNotices(
      deps,
      await notifyUsers(
        db,
        [next.manager_user_id],
        { kind: 'duty.handover', title: shift.manager_name, data: { from: shift.starts_at, to: shift.ends_at }, link: '#/live/duty' },
        now,
      ),
    );
  return handoverWire(h);
}

export async function handovers(deps: ServiceDeps, actor: Actor, q: { unacknowledged?: '1' | '0' }) {
  return (await listHandovers(deps.store.db, actor.scope.centerId, { unacknowledged: q.unacknowledged === '1' })).map(handoverWire);
}

export async function acknowledge(deps: ServiceDeps, actor: Actor, id: number) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const h = await getHandover(db, centerId, id);
  if (h.written_by === actor.userId) throw forbidden('the next duty manager acknowledges a handover, not its writer', { reason: 'duty.ownHandover' });
  return handoverWire(await acknowledgeHandover(db, { centerId, id, by: userOf(actor), now: deps.now() }));
}

/** The floor's figures for [from, to): the KPI report's total (the one formula), and the alerts raised then. */
export async function figuresBetween(db: Kysely<DB>, centerId: number, from: number, to: number) {
  const { tz, offset } = await centerZone(db, centerId);
  const { total } = await kpiReport(db, { centerId, by: 'interval', from, to, tz, tzOffsetMin: offset });
  const alerts = alertHandling(await alertsRaisedBetween(db, centerId, from, to));
  return { total, alerts };
}

export async function shiftFigures(deps: ServiceDeps, actor: Actor, id: number) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const s = await getShift(db, centerId, id);
  if (!hasRoleIn(actor, MANAGERS) && s.manager_user_id !== actor.userId)
    throw forbidden("a duty manager reads their own duties' figures", { reason: 'duty.notYourDuty' });
  const { total, alerts } = await figuresBetween(db, centerId, s.starts_at, Math.min(s.ends_at, Math.max(s.starts_at, deps.now())));
  return { shift: shiftWire(s), ...sumReportCounts([total]), alerts };
}

export async function scorecard(deps: ServiceDeps, actor: Actor, q: { month: string }) {
  const db = deps.store.db;
  const { centerId } = actor.scope;
  const { offset } = await centerZone(db, centerId);
  const [y, m] = q.month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const from = dutyWindow(`${q.month}-01`, '00:00', '00:00', offset)!.startsAt;
  const to = dutyWindow(`${next}-01`, '00:00', '00:00', offset)!.startsAt;
  const all = hasRoleIn(actor, MANAGERS);
  const shifts = (await listShifts(db, centerId, from, to)).filter((s) => s.starts_at >= from && (all || s.manager_user_id === actor.userId));
  const per = new Map<
    number,
    { name: string; hours: number; totals: Parameters<typeof sumReportCounts>[0][number][]; alerts: Parameters<typeof alertHandling>[0][number][] }
  >();
  const now = deps.now();
  for (const s of shifts) {
    const end = Math.min(s.ends_at, now);
    const p = per.get(s.manager_user_id) ?? { name: s.manager_name, hours: 0, totals: [], alerts: [] };
    p.hours += (s.ends_at - s.starts_at) / 3_600_000;
    if (end > s.starts_at) {
      const { tz } = await centerZone(db, centerId);
      p.totals.push((await kpiReport(db, { centerId, by: 'interval', from: s.starts_at, to: end, tz, tzOffsetMin: offset })).total);
      p.alerts.push(...(await alertsRaisedBetween(db, centerId, s.starts_at, end)));
    }
    per.set(s.manager_user_id, p);
  }
  return {
    month: q.month,
    managers: [...per].map(([userId, p]) => ({
      userId,
      name: p.name,
      duties: shifts.filter((s) => s.manager_user_id === userId).length,
      hours: p.hours,
      ...sumReportCounts(p.totals),
      alerts: alertHandling(p.alerts),
    })),
  };
}
