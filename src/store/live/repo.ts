/** Live floor persistence: alerts, emergency plan (staff, call-ins), stress prompts. All SQL here. */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { uniqueAs } from '../errors';
import { conflict, notFound } from '../../core/errors';
import { getSetting, putSetting } from '../org';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;

export type AlertRow = DB['alerts'] extends infer T ? { [K in keyof T]: T[K] extends import('kysely').Generated<infer U> ? U : T[K] } : never;

export interface NewAlert {
  centerId: number;
  dedupeKey: string;
  kind: string;
  scope: string;
  subject: string;
  teamId: number | null;
  agentId: number | null;
  figures: Record<string, unknown>;
  action: string;
  at: number;
}

/** Alerts not yet closed (open or acknowledged): the ones that de-duplicate a persisting condition. */
export function listActiveAlerts(db: Db, centerId: number) {
  return db.selectFrom('alerts').selectAll().where('center_id', '=', centerId).where('status', '!=', 'closed').orderBy('id').execute();
}

export async function raiseAlert(db: Db, a: NewAlert) {
  return db
    .insertInto('alerts')
    .values({
      center_id: a.centerId,
      dedupe_key: a.dedupeKey,
      kind: a.kind,
      scope: a.scope,
      subject: a.subject,
      team_id: a.teamId,
      agent_id: a.agentId,
      status: 'open',
      figures: JSON.stringify(a.figures),
      action: a.action,
      raised_at: a.at,
      last_seen_at: a.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The condition is still there (figures refreshed) or has gone (clearedAt set). */
export async function refreshAlerts(db: Db, updates: { id: number; figures?: Record<string, unknown>; lastSeenAt?: number; clearedAt: number | null }[]) {
  if (!updates.length) return;
  await withTx(db, async (tx) => {
    for (const u of updates) {
      const set: Record<string, unknown> = { cleared_at: u.clearedAt };
      if (u.figures) set.figures = JSON.stringify(u.figures);
      if (u.lastSeenAt !== undefined) set.last_seen_at = u.lastSeenAt;
      await tx.updateTable('alerts').set(set).where('id', '=', u.id).execute();
    }
  });
}

export async function getAlert(db: Db, id: number) {
  const a = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw notFound('alert', id);
  return a;
}

/**
 * Alerts of the scope's center. Team leads: their teams' alerts and the floor-wide ones (queues,
 * center), never other teams'; an agent's own scope: none (alerts are for floor roles).
 */
export function listAlerts(db: Db, f: { scope: Scope; status?: string; limit?: number }) {
  let q = db
    .selectFrom('alerts')
    .selectAll()
    .where(inScope({ kind: 'all', centerId: f.scope.centerId }, { center: 'center_id' }))
    .orderBy('id', 'desc')
    .limit(f.limit ?? 200);
  if (f.status === 'active') q = q.where('status', '!=', 'closed');
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.scope.kind === 'teams') {
    const teams = f.scope;
    q = q.where((eb) => eb.or([inScope(teams, { team: 'team_id' })(eb), eb.and([eb('team_id', 'is', null), eb('agent_id', 'is', null)])]));
  } else if (f.scope.kind === 'self') q = q.where(inScope(f.scope, {}));
  return q.execute();
}

/** Acknowledge (open → acknowledged) or close (open/acknowledged → closed), with a note; audited. */
export async function handleAlert(db: Db, h: { id: number; centerId: number; action: 'acknowledge' | 'close'; userId: number; note: string; now: number }) {
  return withTx(db, async (tx) => {
    // another center's alert is not there for this caller
    const a = await tx.selectFrom('alerts').selectAll().where('id', '=', h.id).where('center_id', '=', h.centerId).executeTakeFirst();
    if (!a) throw notFound('alert', h.id);
    if (a.status === 'closed') throw conflict(`alert ${h.id} is already closed`, 'status', { reason: 'live.alertClosed', params: { id: h.id } });
    if (h.action === 'acknowledge') {
      if (a.status !== 'open') throw conflict(`alert ${h.id} is already acknowledged`, 'status', { reason: 'live.alertAcknowledged', params: { id: h.id } });
      await tx.updateTable('alerts').set({ status: 'acknowledged', ack_by: h.userId, ack_at: h.now, ack_note: h.note }).where('id', '=', h.id).execute();
    } else {
      await tx.updateTable('alerts').set({ status: 'closed', closed_by: h.userId, closed_at: h.now, close_note: h.note }).where('id', '=', h.id).execute();
    }
    await audit(tx, {
      at: h.now,
      userId: h.userId,
      action: h.action === 'acknowledge' ? 'alert.acknowledge' : 'alert.close',
      entity: 'alert',
      entityId: h.id,
      detail: { note: h.note, kind: a.kind, subject: a.subject },
    });
    return tx.selectFrom('alerts').selectAll().where('id', '=', h.id).executeTakeFirstOrThrow();
  });
}

// ---- settings with audit ----

export async function putAuditedSetting(db: Db, s: { centerId: number; key: string; value: unknown; userId: number; now: number }) {
  await withTx(db, async (tx) => {
    const before = await getSetting(tx, s.centerId, s.key);
    await putSetting(tx, s.centerId, s.key, s.value, s.now);
    await audit(tx, {
      at: s.now,
      userId: s.userId,
      action: 'setting.update',
      entity: 'setting',
      entityId: s.key,
      detail: { before: before ?? null, after: s.value },
    });
  });
}

// ---- emergency plan ----

export interface StaffInput {
  name: string;
  position: string;
  extCode: string;
  userId?: number | null;
  active?: boolean;
}

export function listEmergencyStaff(db: Db, centerId: number) {
  return db.selectFrom('emergency_staff').selectAll().where('center_id', '=', centerId).orderBy('id').execute();
}

export async function createEmergencyStaff(db: Db, centerId: number, s: StaffInput, by: number, now: number) {
  return withTx(db, async (tx) => {
    const row = await uniqueAs('extCode', `telephony code "${s.extCode}" is already in the emergency plan`, () =>
      tx
        .insertInto('emergency_staff')
        .values({
          center_id: centerId,
          name: s.name,
          position: s.position,
          ext_code: s.extCode,
          user_id: s.userId ?? null,
          active: s.active === false ? 0 : 1,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    await audit(tx, { at: now, userId: by, action: 'emergency.staff.create', entity: 'emergency_staff', entityId: row.id, detail: s });
    return row;
  });
}

export async function updateEmergencyStaff(db: Db, id: number, s: Partial<StaffInput>, by: number, now: number) {
  return withTx(db, async (tx) => {
    const cur = await tx.selectFrom('emergency_staff').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw notFound('emergencyStaff', id);
    const set: Record<string, unknown> = {};
    if (s.name !== undefined) set.name = s.name;
    if (s.position !== undefined) set.position = s.position;
    if (s.extCode !== undefined) set.ext_code = s.extCode;
    if (s.userId !== undefined) set.user_id = s.userId;
    if (s.active !== undefined) set.active = s.active ? 1 : 0;
    if (Object.keys(set).length)
      await uniqueAs('extCode', `telephony code "${s.extCode}" is already in the emergency plan`, () =>
        tx.updateTable('emergency_staff').set(set).where('id', '=', id).execute(),
      );
    await audit(tx, { at: now, userId: by, action: 'emergency.staff.update', entity: 'emergency_staff', entityId: id, detail: s });
    return tx.selectFrom('emergency_staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
}

/** Call-ins still running (not ended), with the person's telephony code. */
export function openCallins(db: Db, centerId: number) {
  return db
    .selectFrom('emergency_callins')
    .innerJoin('emergency_staff', 'emergency_staff.id', 'emergency_callins.staff_id')
    .select([
      'emergency_callins.id',
      'emergency_callins.staff_id',
      'emergency_callins.alert_id',
      'emergency_callins.started_at',
      'emergency_callins.calls',
      'emergency_staff.name',
      'emergency_staff.position',
      'emergency_staff.ext_code',
    ])
    .where('emergency_callins.center_id', '=', centerId)
    .where('emergency_callins.ended_at', 'is', null)
    .orderBy('emergency_callins.id')
    .execute();
}

export async function startCallin(db: Db, c: { centerId: number; staffId: number; alertId: number | null; by: number; now: number }) {
  return withTx(db, async (tx) => {
    const s = await tx.selectFrom('emergency_staff').selectAll().where('id', '=', c.staffId).where('center_id', '=', c.centerId).executeTakeFirst();
    if (!s) throw notFound('emergencyStaff', c.staffId);
    if (!s.active) throw conflict(`${s.name} is not active in the emergency plan`, 'staffId', { reason: 'live.staffInactive', params: { name: s.name } });
    const open = await tx.selectFrom('emergency_callins').select('id').where('staff_id', '=', c.staffId).where('ended_at', 'is', null).executeTakeFirst();
    if (open) throw conflict(`${s.name} is already on the phones`, 'staffId', { reason: 'live.staffOnPhones', params: { name: s.name } });
    if (c.alertId !== null) {
      const a = await tx.selectFrom('alerts').select('id').where('id', '=', c.alertId).executeTakeFirst();
      if (!a) throw notFound('alert', c.alertId);
    }
    const row = await tx
      .insertInto('emergency_callins')
      .values({ center_id: c.centerId, staff_id: c.staffId, alert_id: c.alertId, called_by: c.by, started_at: c.now, calls: 0 })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: c.now,
      userId: c.by,
      action: 'emergency.callin.start',
      entity: 'emergency_callin',
      entityId: row.id,
      detail: { staffId: c.staffId, alertId: c.alertId },
    });
    return { ...row, ext_code: s.ext_code, name: s.name, position: s.position };
  });
}

export async function endCallin(db: Db, c: { id: number; by: number; now: number }) {
  return withTx(db, async (tx) => {
    const row = await tx.selectFrom('emergency_callins').selectAll().where('id', '=', c.id).executeTakeFirst();
    if (!row) throw notFound('callIn', c.id);
    if (row.ended_at !== null) throw conflict(`call-in ${c.id} has already ended`, 'id', { reason: 'live.callinEnded', params: { id: c.id } });
    await tx.updateTable('emergency_callins').set({ ended_at: c.now, ended_by: c.by }).where('id', '=', c.id).execute();
    await audit(tx, { at: c.now, userId: c.by, action: 'emergency.callin.end', entity: 'emergency_callin', entityId: c.id, detail: { calls: row.calls } });
    return { ...row, ended_at: c.now, ended_by: c.by };
  });
}

/** Add handled calls to running call-ins (from the live stream). */
export async function addCallinCalls(db: Db, counts: Map<number, number>) {
  if (!counts.size) return;
  await withTx(db, async (tx) => {
    for (const [id, n] of counts)
      await tx
        .updateTable('emergency_callins')
        .set((eb) => ({ calls: eb('calls', '+', n) }))
        .where('id', '=', id)
        .execute();
  });
}

/** Piece-rate report: per person, call-ins started in [from, to), calls handled and pay at `rate`. */
export async function callinReport(db: Db, centerId: number, from: number, to: number) {
  return db
    .selectFrom('emergency_callins')
    .innerJoin('emergency_staff', 'emergency_staff.id', 'emergency_callins.staff_id')
    .select([
      'emergency_callins.id',
      'emergency_callins.staff_id',
      'emergency_callins.alert_id',
      'emergency_callins.started_at',
      'emergency_callins.ended_at',
      'emergency_callins.calls',
      'emergency_staff.name',
      'emergency_staff.position',
      'emergency_staff.ext_code',
    ])
    .where('emergency_callins.center_id', '=', centerId)
    .where('emergency_callins.started_at', '>=', from)
    .where('emergency_callins.started_at', '<', to)
    .orderBy('emergency_callins.id')
    .execute();
}

// ---- stress prompts ----

export async function createPrompt(
  db: Db,
  p: {
    centerId: number;
    kind: string;
    agentCode: string;
    agentId: number | null;
    teamId: number | null;
    leadUserId: number | null;
    detail: Record<string, unknown>;
    now: number;
  },
) {
  return db
    .insertInto('stress_prompts')
    .values({
      center_id: p.centerId,
      kind: p.kind,
      agent_code: p.agentCode,
      agent_id: p.agentId,
      team_id: p.teamId,
      lead_user_id: p.leadUserId,
      detail: JSON.stringify(p.detail),
      created_at: p.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listPrompts(db: Db, f: { scope: Scope; openOnly?: boolean; limit?: number }) {
  let q = db
    .selectFrom('stress_prompts')
    .selectAll()
    .where(inScope(f.scope, { center: 'center_id', team: 'team_id', agent: 'agent_id' }))
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100);
  if (f.openOnly) q = q.where('done_at', 'is', null);
  return q.execute();
}

export async function getPrompt(db: Db, id: number) {
  const p = await db.selectFrom('stress_prompts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('prompt', id);
  return p;
}

export async function donePrompt(db: Db, d: { id: number; by: number; note: string; now: number }) {
  return withTx(db, async (tx) => {
    const p = await tx.selectFrom('stress_prompts').selectAll().where('id', '=', d.id).executeTakeFirst();
    if (!p) throw notFound('prompt', d.id);
    if (p.done_at !== null) throw conflict(`prompt ${d.id} is already done`, 'id', { reason: 'live.promptDone', params: { id: d.id } });
    await tx.updateTable('stress_prompts').set({ done_at: d.now, done_by: d.by, note: d.note }).where('id', '=', d.id).execute();
    await audit(tx, { at: d.now, userId: d.by, action: 'prompt.done', entity: 'stress_prompt', entityId: d.id, detail: { note: d.note, agent: p.agent_code } });
    return { ...p, done_at: d.now, done_by: d.by, note: d.note };
  });
}
