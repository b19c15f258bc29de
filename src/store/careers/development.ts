/**
 * An agent's development (issue 17): plan items (IDP), promotion and rotation records, and the talent
 * pool. Lists take the caller's scope in SQL (an agent: their own; a team lead: their teams' agents).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { withTx } from '../db';
import { audit } from '../audit';
import { inScope, type Scope } from '../scope';
import type { IdpKind, IdpStatus, MoveKind, TalentStatus, TalentTrack } from '../../core/careers/index';

type Db = Kysely<DB>;

export interface IdpItem {
  id: number;
  agentId: number;
  agentName: string;
  kind: IdpKind;
  title: string;
  ownerId: number | null;
  ownerName: string | null;
  dueDate: string;
  status: IdpStatus;
  notes: string;
  courseId: number | null;
  courseTitle: string | null;
  certQueue: string | null;
}

export async function listIdpItems(db: Db, scope: Scope, f: { agentId?: number; id?: number } = {}): Promise<IdpItem[]> {
  let q = db
    .selectFrom('career_idp_items as i')
    .innerJoin('agents as a', 'a.id', 'i.agent_id')
    .leftJoin('users as u', 'u.id', 'i.owner_id')
    .leftJoin('people_courses as c', 'c.id', 'i.course_id')
    .select([
      'i.id',
      'i.agent_id',
      'a.name as agent_name',
      'i.kind',
      'i.title',
      'i.owner_id',
      'u.display_name as owner_name',
      'i.due_date',
      'i.status',
      'i.notes',
      'i.course_id',
      'c.title as course_title',
      'i.cert_queue',
    ])
    .where(inScope(scope, { center: 'i.center_id', team: 'a.team_id', agent: 'i.agent_id' }));
  if (f.agentId !== undefined) q = q.where('i.agent_id', '=', f.agentId);
  if (f.id !== undefined) q = q.where('i.id', '=', f.id);
  const rows = await q.orderBy('i.due_date').orderBy('i.id').execute();
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    kind: r.kind as IdpKind,
    title: r.title,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? null,
    dueDate: r.due_date,
    status: r.status as IdpStatus,
    notes: r.notes,
    courseId: r.course_id,
    courseTitle: r.course_title ?? null,
    certQueue: r.cert_queue,
  }));
}

export interface IdpInput {
  agentId: number;
  kind: IdpKind;
  title: string;
  ownerId: number | null;
  dueDate: string;
  status: IdpStatus;
  notes: string;
  courseId: number | null;
  certQueue: string | null;
}

export async function insertIdpItem(db: Db, centerId: number, i: IdpInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('career_idp_items')
      .values({
        center_id: centerId,
        agent_id: i.agentId,
        kind: i.kind,
        title: i.title,
        owner_id: i.ownerId,
        due_date: i.dueDate,
        status: i.status,
        notes: i.notes,
        course_id: i.courseId,
        cert_queue: i.certQueue,
        created_by: userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'careers.idp.add', entity: 'idpItem', entityId: id, detail: i });
    return id;
  });
}

export async function updateIdpItem(db: Db, id: number, p: { status?: IdpStatus; notes?: string; dueDate?: string }, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    await tx
      .updateTable('career_idp_items')
      .set({
        updated_at: now,
        ...(p.status !== undefined ? { status: p.status } : {}),
        ...(p.notes !== undefined ? { notes: p.notes } : {}),
        ...(p.dueDate !== undefined ? { due_date: p.dueDate } : {}),
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, { at: now, userId, action: 'careers.idp.update', entity: 'idpItem', entityId: id, detail: p });
  });
}

export interface Move {
  id: number;
  agentId: number;
  agentName: string;
  kind: MoveKind;
  date: string;
  fromTeam: string | null;
  toTeam: string | null;
  fromPost: string;
  toPost: string;
  fromQueue: string;
  toQueue: string;
  reason: string;
  approvedByName: string | null;
}

export async function listMoves(db: Db, scope: Scope, f: { agentId?: number } = {}): Promise<Move[]> {
  let q = db
    .selectFrom('career_moves as m')
    .innerJoin('agents as a', 'a.id', 'm.agent_id')
    .leftJoin('teams as ft', 'ft.id', 'm.from_team_id')
    .leftJoin('teams as tt', 'tt.id', 'm.to_team_id')
    .leftJoin('users as u', 'u.id', 'm.approved_by')
    .select([
      'm.id',
      'm.agent_id',
      'a.name as agent_name',
      'm.kind',
      'm.date',
      'ft.name as from_team',
      'tt.name as to_team',
      'm.from_post',
      'm.to_post',
      'm.from_queue',
      'm.to_queue',
      'm.reason',
      'u.display_name as approved_by_name',
    ])
    .where(inScope(scope, { center: 'm.center_id', team: 'a.team_id', agent: 'm.agent_id' }));
  if (f.agentId !== undefined) q = q.where('m.agent_id', '=', f.agentId);
  const rows = await q.orderBy('m.date', 'desc').orderBy('m.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    kind: r.kind as MoveKind,
    date: r.date,
    fromTeam: r.from_team ?? null,
    toTeam: r.to_team ?? null,
    fromPost: r.from_post,
    toPost: r.to_post,
    fromQueue: r.from_queue,
    toQueue: r.to_queue,
    reason: r.reason,
    approvedByName: r.approved_by_name ?? null,
  }));
}

export interface MoveInput {
  agentId: number;
  kind: MoveKind;
  date: string;
  fromTeamId: number | null;
  toTeamId: number | null;
  fromPost: string;
  toPost: string;
  fromQueue: string;
  toQueue: string;
  reason: string;
  approvedBy: number | null;
}

export async function insertMove(db: Db, centerId: number, m: MoveInput, userId: number | null, now: number): Promise<number> {
  return withTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('career_moves')
      .values({
        center_id: centerId,
        agent_id: m.agentId,
        kind: m.kind,
        date: m.date,
        from_team_id: m.fromTeamId,
        to_team_id: m.toTeamId,
        from_post: m.fromPost,
        to_post: m.toPost,
        from_queue: m.fromQueue,
        to_queue: m.toQueue,
        reason: m.reason,
        approved_by: m.approvedBy,
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'careers.move.record', entity: 'careerMove', entityId: id, detail: m });
    return id;
  });
}

/** The figures kept with a nomination: the scorecard of its month as read then. */
export interface TalentFigures {
  total: number | null;
  centerRank: number | null;
  teamRank: number | null;
  kpis: { key: string; actual: number | null; target: number | null; status: string }[];
}

export interface Nomination {
  id: number;
  agentId: number;
  agentName: string;
  track: TalentTrack;
  month: string;
  figures: TalentFigures | null;
  evidence: string;
  status: TalentStatus;
  reviewNote: string;
  nominatedByName: string | null;
  reviewedByName: string | null;
}

export async function listTalent(db: Db, scope: Scope, f: { id?: number } = {}): Promise<Nomination[]> {
  let q = db
    .selectFrom('career_talent as t')
    .innerJoin('agents as a', 'a.id', 't.agent_id')
    .leftJoin('users as n', 'n.id', 't.nominated_by')
    .leftJoin('users as r', 'r.id', 't.reviewed_by')
    .select([
      't.id',
      't.agent_id',
      'a.name as agent_name',
      't.track',
      't.month',
      't.figures',
      't.evidence',
      't.status',
      't.review_note',
      'n.display_name as nominated_by_name',
      'r.display_name as reviewed_by_name',
    ])
    .where(inScope(scope, { center: 't.center_id', team: 'a.team_id', agent: 't.agent_id' }));
  if (f.id !== undefined) q = q.where('t.id', '=', f.id);
  const rows = await q.orderBy('t.id', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    track: r.track as TalentTrack,
    month: r.month,
    figures: JSON.parse(r.figures) as TalentFigures | null,
    evidence: r.evidence,
    status: r.status as TalentStatus,
    reviewNote: r.review_note,
    nominatedByName: r.nominated_by_name ?? null,
    reviewedByName: r.reviewed_by_name ?? null,
  }));
}

export async function insertNomination(
  db: Db,
  centerId: number,
  n: { agentId: number; track: TalentTrack; month: string; figures: TalentFigures | null; evidence: string },
  userId: number | null,
  now: number,
): Promise<number> {
  return withTx(db, async (tx) => {
    const { id } = await tx
      .insertInto('career_talent')
      .values({
        center_id: centerId,
        agent_id: n.agentId,
        track: n.track,
        month: n.month,
        figures: JSON.stringify(n.figures),
        evidence: n.evidence,
        status: 'nominated',
        review_note: '',
        nominated_by: userId,
        reviewed_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId,
      action: 'careers.talent.nominate',
      entity: 'talentNomination',
      entityId: id,
      detail: { agentId: n.agentId, track: n.track },
    });
    return id;
  });
}

export async function reviewNomination(db: Db, id: number, r: { status: TalentStatus; note: string }, userId: number | null, now: number) {
  await withTx(db, async (tx) => {
    await tx.updateTable('career_talent').set({ status: r.status, review_note: r.note, reviewed_by: userId, updated_at: now }).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'careers.talent.review', entity: 'talentNomination', entityId: id, detail: r });
  });
}
