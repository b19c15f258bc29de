/**
 * Peer help (issue 17): help plans with members and follow-ups, squads, and shadowing bookings. All SQL of
 * the capability; every read names its center, and lists take the caller's scope and delegation
 * (src/store/scope.ts) so a lead sees their teams', a squad leader their squad's and an agent their own.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { audit } from '../audit';
import { withTx } from '../db';
import { conflict } from '../../core/errors';
import { inScope, inScopeOrDelegated, type Delegation, type Scope } from '../scope';
import type { Activity, PlanKind, PlanResult } from '../../core/peer/index';

type Db = Kysely<DB>;

export interface Plan {
  id: number;
  teamId: number | null;
  kind: PlanKind;
  title: string;
  leaderAgentId: number;
  leaderName: string;
  memberIds: number[];
  memberNames: string[];
  goal: string;
  kpi: string | null;
  kpiTarget: number | null;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  result: PlanResult | null;
  resultNote: string;
  followUps: number;
}

export interface PlanInput {
  teamId: number | null;
  kind: PlanKind;
  title: string;
  leaderAgentId: number;
  memberIds: number[];
  goal: string;
  kpi: string | null;
  kpiTarget: number | null;
  startDate: string;
  endDate: string;
}

export async function createPlan(db: Db, centerId: number, p: PlanInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const r = await tx
      .insertInto('peer_plans')
      .values({
        center_id: centerId,
        team_id: p.teamId,
        kind: p.kind,
        title: p.title,
        leader_agent_id: p.leaderAgentId,
        goal: p.goal,
        kpi: p.kpi,
        kpi_target: p.kpiTarget,
        start_date: p.startDate,
        end_date: p.endDate,
        status: 'open',
        result: null,
        result_note: '',
        created_by: userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('peer_plan_members')
      .values(p.memberIds.map((agent_id) => ({ plan_id: r.id, agent_id })))
      .execute();
    await audit(tx, {
      at: now,
      userId,
      action: 'peer.plan.create',
      entity: 'peer_plan',
      entityId: r.id,
      detail: { kind: p.kind, leader: p.leaderAgentId, members: p.memberIds },
    });
    return r.id;
  });
}

/**
 * The plans the caller reaches: those with the leader or a member in their scope or squads (an agent: the
 * plans they lead or are in). `status` narrows; newest first.
 */
export async function listPlans(db: Db, scope: Scope, d: Delegation, f: { status?: 'open' | 'closed'; id?: number } = {}): Promise<Plan[]> {
  let q = db
    .selectFrom('peer_plans as p')
    .innerJoin('agents as l', 'l.id', 'p.leader_agent_id')
    .selectAll('p')
    .select('l.name as leader_name')
    .where('p.center_id', '=', scope.centerId)
    .where((eb) =>
      eb.or([
        inScopeOrDelegated(scope, d, { team: 'l.team_id', agent: 'l.id' })(eb),
        eb.exists(
          eb
            .selectFrom('peer_plan_members as m')
            .innerJoin('agents as a', 'a.id', 'm.agent_id')
            .select('m.agent_id')
            .whereRef('m.plan_id', '=', 'p.id')
            .where(inScopeOrDelegated(scope, d, { team: 'a.team_id', agent: 'a.id' })),
        ),
      ]),
    )
    .orderBy('p.id', 'desc');
  if (f.status) q = q.where('p.status', '=', f.status);
  if (f.id !== undefined) q = q.where('p.id', '=', f.id);
  const rows = await q.execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const members = await db
    .selectFrom('peer_plan_members as m')
    .innerJoin('agents as a', 'a.id', 'm.agent_id')
    .select(['m.plan_id', 'a.id', 'a.name'])
    .where('m.plan_id', 'in', ids)
    .orderBy('a.id')
    .execute();
  const counts = await db
    .selectFrom('peer_followups')
    .select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('plan_id', 'in', ids)
    .groupBy('plan_id')
    .execute();
  const n = new Map(counts.map((c) => [c.plan_id, Number(c.n)]));
  return rows.map((r) => {
    const ms = members.filter((m) => m.plan_id === r.id);
    return {
      id: r.id,
      teamId: r.team_id,
      kind: r.kind as PlanKind,
      title: r.title,
      leaderAgentId: r.leader_agent_id,
      leaderName: r.leader_name,
      memberIds: ms.map((m) => m.id),
      memberNames: ms.map((m) => m.name),
      goal: r.goal,
      kpi: r.kpi,
      kpiTarget: r.kpi_target == null ? null : Number(r.kpi_target),
      startDate: r.start_date,
      endDate: r.end_date,
      status: r.status === 'closed' ? 'closed' : 'open',
      result: (r.result as PlanResult | null) ?? null,
      resultNote: r.result_note,
      followUps: n.get(r.id) ?? 0,
    };
  });
}

export interface FollowUp {
  id: number;
  date: string;
  note: string;
  byUserId: number | null;
  byName: string | null;
}

export async function listFollowUps(db: Db, planId: number): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('peer_followups as f')
    .leftJoin('users as u', 'u.id', 'f.by_user_id')
    .select(['f.id', 'f.date', 'f.note', 'f.by_user_id', 'u.display_name'])
    .where('f.plan_id', '=', planId)
    .orderBy('f.date')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ id: r.id, date: r.date, note: r.note, byUserId: r.by_user_id, byName: r.display_name ?? null }));
}

export async function addFollowUp(db: Db, planId: number, f: { date: string; note: string }, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const plan = await tx.selectFrom('peer_plans').select('status').where('id', '=', planId).executeTakeFirstOrThrow();
    if (plan.status === 'closed') throw conflict(`plan ${planId} is closed`, 'planId', { reason: 'peer.planClosed', params: { planId } });
    const r = await tx
      .insertInto('peer_followups')
      .values({ plan_id: planId, date: f.date, note: f.note, by_user_id: userId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('peer_plans').set({ updated_at: now }).where('id', '=', planId).execute();
    await audit(tx, { at: now, userId, action: 'peer.followup', entity: 'peer_plan', entityId: planId, detail: { date: f.date } });
    return r.id;
  });
}

export async function closePlan(db: Db, planId: number, c: { result: PlanResult; note: string }, userId: number | null, now: number): Promise<void> {
  await withTx(db, async (tx) => {
    // conditional on still being open: a second close (or one racing it) changes nothing and is refused
    const r = await tx
      .updateTable('peer_plans')
      .set({ status: 'closed', result: c.result, result_note: c.note, updated_at: now })
      .where('id', '=', planId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict(`plan ${planId} is closed`, 'planId', { reason: 'peer.planClosed', params: { planId } });
    await audit(tx, { at: now, userId, action: 'peer.plan.close', entity: 'peer_plan', entityId: planId, detail: c });
  });
}

// ---- squads ----

export interface Squad {
  id: number;
  teamId: number;
  leaderAgentId: number;
  leaderName: string;
  name: string;
  memberIds: number[];
  memberNames: string[];
}

/** Squads of the caller's reach: every one of the center, the led teams' (a lead) or those the caller leads or is in (an agent). */
export async function listSquads(db: Db, scope: Scope, d: Delegation, f: { id?: number } = {}): Promise<Squad[]> {
  let q = db
    .selectFrom('peer_squads as s')
    .innerJoin('agents as l', 'l.id', 's.leader_agent_id')
    .selectAll('s')
    .select('l.name as leader_name')
    .where('s.center_id', '=', scope.centerId)
    .where((eb) =>
      eb.or([
        inScopeOrDelegated(scope, d, { team: 's.team_id', agent: 's.leader_agent_id' })(eb),
        eb.exists(
          eb
            .selectFrom('peer_squad_members as m')
            .select('m.agent_id')
            .whereRef('m.squad_id', '=', 's.id')
            .where(inScopeOrDelegated(scope, d, { agent: 'm.agent_id' })),
        ),
      ]),
    )
    .orderBy('s.id');
  if (f.id !== undefined) q = q.where('s.id', '=', f.id);
  const rows = await q.execute();
  if (!rows.length) return [];
  const members = await db
    .selectFrom('peer_squad_members as m')
    .innerJoin('agents as a', 'a.id', 'm.agent_id')
    .select(['m.squad_id', 'a.id', 'a.name'])
    .where(
      'm.squad_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('a.id')
    .execute();
  return rows.map((r) => {
    const ms = members.filter((m) => m.squad_id === r.id);
    return {
      id: r.id,
      teamId: r.team_id,
      leaderAgentId: r.leader_agent_id,
      leaderName: r.leader_name,
      name: r.name,
      memberIds: ms.map((m) => m.id),
      memberNames: ms.map((m) => m.name),
    };
  });
}

/** Names a squad (no id) or changes one: its leader, name and members (replaced). An agent leads one squad at most. */
export async function saveSquad(
  db: Db,
  centerId: number,
  s: { id?: number; teamId: number; leaderAgentId: number; name: string; memberIds: number[] },
  userId: number | null,
  now: number,
): Promise<number> {
  return withTx(db, async (tx) => {
    const taken = await tx.selectFrom('peer_squads').select('id').where('leader_agent_id', '=', s.leaderAgentId).executeTakeFirst();
    if (taken && taken.id !== s.id)
      throw conflict(`agent ${s.leaderAgentId} already leads a squad`, 'leaderAgentId', {
        reason: 'peer.alreadyLeads',
        params: { field: 'leaderAgentId', agentId: s.leaderAgentId },
      });
    let id = s.id;
    if (id === undefined) {
      const r = await tx
        .insertInto('peer_squads')
        .values({ center_id: centerId, team_id: s.teamId, leader_agent_id: s.leaderAgentId, name: s.name, created_by: userId, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = r.id;
    } else {
      await tx.updateTable('peer_squads').set({ team_id: s.teamId, leader_agent_id: s.leaderAgentId, name: s.name }).where('id', '=', id).execute();
      await tx.deleteFrom('peer_squad_members').where('squad_id', '=', id).execute();
    }
    await tx
      .insertInto('peer_squad_members')
      .values(s.memberIds.map((agent_id) => ({ squad_id: id!, agent_id })))
      .execute();
    await audit(tx, { at: now, userId, action: s.id === undefined ? 'peer.squad.create' : 'peer.squad.update', entity: 'peer_squad', entityId: id, detail: s });
    return id;
  });
}

export async function deleteSquad(db: Db, id: number, userId: number | null, now: number): Promise<void> {
  await withTx(db, async (tx) => {
    await tx.deleteFrom('peer_squads').where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'peer.squad.delete', entity: 'peer_squad', entityId: id });
  });
}

// ---- shadowing ----

export interface Shadowing {
  id: number;
  agentId: number;
  agentName: string;
  topAgentId: number;
  topAgentName: string;
  shiftId: number;
  start: number;
  end: number;
  note: string;
  status: 'booked' | 'cancelled';
}

export async function listShadowing(db: Db, scope: Scope, f: { from?: number; to?: number; id?: number; status?: 'booked' } = {}): Promise<Shadowing[]> {
  let q = db
    .selectFrom('peer_shadowing as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .innerJoin('agents as t', 't.id', 's.top_agent_id')
    .selectAll('s')
    .select(['a.name as agent_name', 't.name as top_name'])
    .where(inScope(scope, { center: 's.center_id', team: 'a.team_id', agent: 's.agent_id' }))
    .orderBy('s.start_ts');
  if (f.from !== undefined) q = q.where('s.end_ts', '>', f.from);
  if (f.to !== undefined) q = q.where('s.start_ts', '<', f.to);
  if (f.id !== undefined) q = q.where('s.id', '=', f.id);
  if (f.status) q = q.where('s.status', '=', f.status);
  return (await q.execute()).map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    topAgentId: r.top_agent_id,
    topAgentName: r.top_name,
    shiftId: r.shift_id,
    start: Number(r.start_ts),
    end: Number(r.end_ts),
    note: r.note,
    status: r.status === 'cancelled' ? 'cancelled' : 'booked',
  }));
}

/**
 * Books a shadowing: the booking row and the listener's shift with its new activities, in one transaction and
 * conditional on the shift being the version the activities were placed in (a concurrent edit → 409, nothing written).
 */
export async function bookShadowing(
  db: Db,
  centerId: number,
  b: { agentId: number; topAgentId: number; shiftId: number; shiftVersion: number; start: number; end: number; note: string; activities: Activity[] },
  userId: number | null,
  now: number,
): Promise<number> {
  return withTx(db, async (tx) => {
    await writeActivities(tx, b.shiftId, b.shiftVersion, b.activities, now);
    const r = await tx
      .insertInto('peer_shadowing')
      .values({
        center_id: centerId,
        agent_id: b.agentId,
        top_agent_id: b.topAgentId,
        shift_id: b.shiftId,
        start_ts: b.start,
        end_ts: b.end,
        note: b.note,
        status: 'booked',
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId,
      action: 'peer.shadow.book',
      entity: 'peer_shadowing',
      entityId: r.id,
      detail: { agentId: b.agentId, topAgentId: b.topAgentId, start: b.start, end: b.end },
    });
    return r.id;
  });
}

export async function cancelShadowing(db: Db, id: number, shift: { id: number; version: number; activities: Activity[] }, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    const r = await tx.updateTable('peer_shadowing').set({ status: 'cancelled' }).where('id', '=', id).where('status', '=', 'booked').executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw conflict(`shadowing ${id} is already cancelled`, 'id', { reason: 'peer.shadowCancelled', params: { id } });
    await writeActivities(tx, shift.id, shift.version, shift.activities, now);
    await audit(tx, { at: now, userId, action: 'peer.shadow.cancel', entity: 'peer_shadowing', entityId: id });
  });
}

async function writeActivities(tx: Db, shiftId: number, version: number, activities: Activity[], now: number) {
  const paidHours = activities.reduce((s, a) => s + (a.paid ? a.end - a.start : 0), 0) / 3_600_000;
  const r = await tx
    .updateTable('wfm_shifts')
    .set({ activities: JSON.stringify(activities), paid_hours: paidHours, updated_at: Math.max(now, version + 1) })
    .where('id', '=', shiftId)
    .where('updated_at', '=', version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1)
    throw conflict(`shift ${shiftId} was changed by someone else; reload and try again`, 'shiftId', {
      reason: 'wfm.staleShift',
      params: { field: 'shiftId', shiftId },
    });
}

/** Of these agents, those on leave or on approved time off on the date (YYYY-MM-DD, the center's). */
export async function agentsOffOn(db: Db, agentIds: number[], date: string): Promise<number[]> {
  const leave = await db.selectFrom('wfm_leave').select('agent_id').where('agent_id', 'in', agentIds).where('date', '=', date).execute();
  const off = await db
    .selectFrom('wfm_time_off')
    .select('agent_id')
    .where('agent_id', 'in', agentIds)
    .where('date', '=', date)
    .where('status', '=', 'approved')
    .execute();
  return [...new Set([...leave, ...off].map((r) => r.agent_id))];
}

/** The active users who are these agents (for their notices). */
export async function usersOfAgents(db: Db, agentIds: number[]): Promise<{ userId: number; agentId: number }[]> {
  if (!agentIds.length) return [];
  const rows = await db.selectFrom('users').select(['id', 'agent_id']).where('agent_id', 'in', agentIds).where('active', '=', 1).execute();
  return rows.map((r) => ({ userId: r.id, agentId: r.agent_id! }));
}
