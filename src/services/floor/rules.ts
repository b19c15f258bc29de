/**
 * The floor rules as workflows (issue 17, seed 000 第12/13/21/26條): fault reports, hygiene and safety
 * checks, the machine-room visitor log and visit notices. Who may call each is in the contract
 * (src/contract/floorRules.ts); an agent sees only the faults they reported.
 */
import { dutyWindow } from '../../core/live/duty';
import { faultFigures, passRate } from '../../core/floor/rules';
import { localDay } from '../../core/kpi/interval';
import { validationError } from '../../core/errors';
import type { Fault, FloorCheck, RoomVisit, VisitNotice } from '../../contract/floorRules';
import { currentShift, dutyManagers } from '../../store/duty/repo';
import {
  checkItems,
  checkResults,
  closeFollowUp,
  createVisitNotice,
  faultTimes,
  fixFault,
  floorStaffUsers,
  listChecks,
  listFaults,
  listVisitNotices,
  listVisits,
  logVisit,
  recordCheck,
  reportFault,
  saveCheckItems,
  visitOut,
  type FaultRow,
} from '../../store/floor/rules';
import { announceToRobots } from '../../store/noticeDelivery';
import { notifyUsers } from '../../store/notifications';
import type { Actor, ServiceDeps } from '../context';
import { publishNotices } from '../quality/common';
import { userOf } from '../people/common';
import { centerZone } from '../duty/duty';

const DAY = 86_400_000;

/** An agent (and only an agent) is limited to their own fault reports. */
const ownOnly = (actor: Actor) => actor.roles.length > 0 && actor.roles.every((r) => r === 'agent');

const faultWire = (f: FaultRow): Fault => ({
  id: f.id,
  seat: f.seat,
  device: f.device as Fault['device'],
  description: f.description,
  reportedBy: f.reported_by,
  reporterName: f.reporter_name,
  reportedAt: f.reported_at,
  status: f.status as Fault['status'],
  fixedBy: f.fixed_by,
  fixerName: f.fixer_name,
  fixedAt: f.fixed_at,
  fixNote: f.fix_note,
});

export async function faults(deps: ServiceDeps, actor: Actor, q: { status?: 'open' | 'fixed' }) {
  const rows = await listFaults(deps.store.db, actor.scope.centerId, { ...q, reporter: ownOnly(actor) ? userOf(actor) : undefined });
  return rows.map(faultWire);
}

/** The duty manager on duty (none on the roster: every duty manager of the center). */
async function dutyToTell(deps: ServiceDeps, centerId: number) {
  const onDuty = await currentShift(deps.store.db, centerId, deps.now());
  return onDuty ? [onDuty.manager_user_id] : (await dutyManagers(deps.store.db, centerId)).map((u) => u.id);
}

export async function report(deps: ServiceDeps, actor: Actor, b: { seat: string; device: Fault['device']; description: string }) {
  const { centerId } = actor.scope;
  const row = await reportFault(deps.store.db, { centerId, ...b, by: userOf(actor), now: deps.now() });
  publishNotices(
    deps,
    await notifyUsers(
      deps.store.db,
      await dutyToTell(deps, centerId),
      { kind: 'floor.fault', title: row.seat, data: { faultId: row.id, seat: row.seat, device: row.device }, link: '#/floor/faults' },
      deps.now(),
    ),
  );
  return faultWire(row);
}

export async function fix(deps: ServiceDeps, actor: Actor, id: number, note: string) {
  const row = await fixFault(deps.store.db, { centerId: actor.scope.centerId, id, by: userOf(actor), note, now: deps.now() });
  publishNotices(
    deps,
    await notifyUsers(
      deps.store.db,
      [row.reported_by],
      { kind: 'floor.faultFixed', title: row.seat, data: { faultId: row.id, seat: row.seat }, link: '#/floor/faults' },
      deps.now(),
    ),
  );
  return faultWire(row);
}

/** Local dates [from, to] as epoch ms [start of from, end of to) in the center's zone. */
async function dateRange(deps: ServiceDeps, centerId: number, from: string, to: string) {
  if (to < from) throw validationError('to', 'the end date is before the start date', { reason: 'duty.rangeReversed', params: { field: 'to' } });
  const { offset } = await centerZone(deps.store.db, centerId);
  return { start: dutyWindow(from, '00:00', '00:00', offset)!.startsAt, end: dutyWindow(to, '00:00', '00:00', offset)!.endsAt };
}

export async function figures(deps: ServiceDeps, actor: Actor, q: { from: string; to: string }) {
  const { centerId } = actor.scope;
  const { start, end } = await dateRange(deps, centerId, q.from, q.to);
  const now = deps.now();
  const rows = await faultTimes(deps.store.db, centerId, Math.min(start, now), Math.max(end, now + 1));
  return faultFigures(
    rows.map((r) => ({ reportedAt: r.reported_at, fixedAt: r.fixed_at })),
    start,
    end,
    now,
  );
}

// ---- hygiene and safety checks ----

export const checklist = (deps: ServiceDeps, actor: Actor) => checkItems(deps.store.db, actor.scope.centerId, deps.now());

export const saveChecklist = (deps: ServiceDeps, actor: Actor, b: { items: { id?: number; text: string }[] }) =>
  saveCheckItems(deps.store.db, actor.scope.centerId, b.items, userOf(actor), deps.now());

async function checksWithResults(deps: ServiceDeps, centerId: number, from: string, to: string): Promise<FloorCheck[]> {
  const checks = await listChecks(deps.store.db, centerId, from, to);
  const results = await checkResults(
    deps.store.db,
    checks.map((c) => c.id),
  );
  return checks.map((c) => {
    const mine = results
      .filter((r) => r.check_id === c.id)
      .map((r) => ({
        itemId: r.item_id,
        itemText: r.item_text,
        pass: r.pass === 1,
        note: r.note,
        followUp: r.follow_up as 'none' | 'open' | 'done',
        followUpNote: r.follow_up_note,
        followUpName: r.follow_up_name,
        followUpAt: r.follow_up_at,
      }));
    return { id: c.id, date: c.date, area: c.area, checkedBy: c.checked_by, checkerName: c.checker_name, results: mine, passRate: passRate(mine).rate };
  });
}

export async function checks(deps: ServiceDeps, actor: Actor, q: { from: string; to: string }) {
  if (q.to < q.from) throw validationError('to', 'the end date is before the start date', { reason: 'duty.rangeReversed', params: { field: 'to' } });
  const list = await checksWithResults(deps, actor.scope.centerId, q.from, q.to);
  const all = list.flatMap((c) => c.results);
  const rate = passRate(all);
  return { checks: list, checked: rate.checked, passed: rate.passed, passRate: rate.rate, openFollowUps: all.filter((r) => r.followUp === 'open').length };
}

async function oneCheck(deps: ServiceDeps, centerId: number, id: number) {
  const c = await deps.store.db.selectFrom('floor_checks').select('date').where('id', '=', id).where('center_id', '=', centerId).executeTakeFirstOrThrow();
  return (await checksWithResults(deps, centerId, c.date, c.date)).find((x) => x.id === id)!;
}

export async function record(deps: ServiceDeps, actor: Actor, b: { date: string; area: string; results: { itemId: number; pass: boolean; note: string }[] }) {
  const { centerId } = actor.scope;
  b.results.forEach((r, i) => {
    if (!r.pass && !r.note.trim())
      throw validationError(`results.${i}.note`, 'a failed item needs a note of what was found', {
        reason: 'floor.failNeedsNote',
        params: { field: `results.${i}.note` },
      });
  });
  const id = await recordCheck(deps.store.db, { centerId, date: b.date, area: b.area, by: userOf(actor), now: deps.now(), results: b.results });
  return oneCheck(deps, centerId, id);
}

export async function followUp(deps: ServiceDeps, actor: Actor, id: number, b: { itemId: number; note: string }) {
  const { centerId } = actor.scope;
  await closeFollowUp(deps.store.db, { centerId, checkId: id, itemId: b.itemId, by: userOf(actor), note: b.note, now: deps.now() });
  return oneCheck(deps, centerId, id);
}

// ---- the machine-room visitor log ----

const visitWire = (v: Awaited<ReturnType<typeof listVisits>>[number]): RoomVisit => ({
  id: v.id,
  visitor: v.visitor,
  company: v.company,
  purpose: v.purpose,
  escort: v.escort,
  inAt: v.in_at,
  outAt: v.out_at,
  loggedBy: v.logged_by,
  loggerName: v.logger_name,
});

export async function visits(deps: ServiceDeps, actor: Actor) {
  return (await listVisits(deps.store.db, actor.scope.centerId, deps.now() - 30 * DAY)).map(visitWire);
}

export async function visitIn(deps: ServiceDeps, actor: Actor, b: { visitor: string; company: string; purpose: string; escort: string; inAt?: number }) {
  const now = deps.now();
  if (b.inAt !== undefined && b.inAt > now)
    throw validationError('inAt', 'the time in is in the future', { reason: 'floor.inFuture', params: { field: 'inAt' } });
  return visitWire(await logVisit(deps.store.db, { centerId: actor.scope.centerId, ...b, inAt: b.inAt ?? now, by: userOf(actor), now }));
}

export async function out(deps: ServiceDeps, actor: Actor, id: number, b: { outAt?: number }) {
  const now = deps.now();
  return visitWire(await visitOut(deps.store.db, { centerId: actor.scope.centerId, id, outAt: b.outAt ?? now, by: userOf(actor), now }));
}

// ---- visit notices ----

const noticeWire = (n: Awaited<ReturnType<typeof listVisitNotices>>[number]): VisitNotice => ({
  id: n.id,
  startsAt: n.starts_at,
  endsAt: n.ends_at,
  group: n.group_name,
  areas: n.areas,
  host: n.host,
  note: n.note,
  creatorName: n.creator_name,
});

export async function visitNotices(deps: ServiceDeps, actor: Actor) {
  return (await listVisitNotices(deps.store.db, actor.scope.centerId, deps.now())).map(noticeWire);
}

export async function announce(
  deps: ServiceDeps,
  actor: Actor,
  b: { date: string; start: string; end: string; group: string; areas: string; host: string; note?: string },
) {
  const { centerId } = actor.scope;
  const db = deps.store.db;
  const now = deps.now();
  const { offset } = await centerZone(db, centerId);
  const w = dutyWindow(b.date, b.start, b.end, offset)!;
  if (w.endsAt <= now) throw validationError('end', 'this visit is already over', { reason: 'floor.visitOver', params: { field: 'end' } });
  const row = await createVisitNotice(db, {
    centerId,
    startsAt: w.startsAt,
    endsAt: w.endsAt,
    group: b.group,
    areas: b.areas,
    host: b.host,
    note: b.note ?? '',
    by: userOf(actor),
    now,
  });
  const notice = {
    kind: 'floor.visitNotice',
    title: b.group,
    data: { date: localDay(w.startsAt, offset), start: b.start, end: b.end, areas: b.areas, host: b.host },
    link: '#/floor/visits',
  };
  publishNotices(
    deps,
    await notifyUsers(
      db,
      (await floorStaffUsers(db, centerId)).map((u) => u.id),
      notice,
      now,
    ),
  );
  await announceToRobots(db, centerId, notice, now);
  return noticeWire(row);
}
