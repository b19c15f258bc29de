/**
 * What a caller may see of training, with the scope applied in SQL (src/store/scope.ts): the center's
 * records, a team lead's teams, an agent's own attempts and certifications and their own team's plan.
 * (The trainer's writes are in training.ts.)
 */
import { certificationWarnings, type Answer, type ExamResult } from '../../core/people';
import { inScope, type Scope } from '../scope';
import { iso, parseJson, type Db } from './common';
import { listCertQueues, toCert } from './training';

/** The agent whose team a `self` scope sees (none: -1, which matches no row). */
const ownAgentOf = (scope: Scope) => (scope.kind === 'self' ? (scope.agentId ?? -1) : -1);

/** True when the scope admits the agent's records. */
export async function agentInScope(db: Db, scope: Scope, agentId: number): Promise<boolean> {
  const r = await db
    .selectFrom('agents')
    .select('id')
    .where('id', '=', agentId)
    .where(inScope(scope, { center: 'center_id', team: 'team_id', agent: 'id' }))
    .executeTakeFirst();
  return r !== undefined;
}

/** The year's training plan of the teams in scope (an agent: their own team's), optionally one team. */
export async function trainingPlan(db: Db, scope: Scope, year: number, teamId?: number) {
  let q = db
    .selectFrom('people_training_plan as p')
    .innerJoin('people_courses as c', 'c.id', 'p.course_id')
    .innerJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('agents as me', (j) => j.onRef('me.team_id', '=', 'p.team_id').on('me.id', '=', ownAgentOf(scope)))
    .select(['p.id', 'p.team_id', 'p.year', 'p.month', 'p.course_id', 'c.title', 'c.module', 'c.hours'])
    .where('p.year', '=', year)
    .where(inScope(scope, { center: 't.center_id', team: 'p.team_id', agent: 'me.id' }))
    .orderBy('p.month')
    .orderBy('p.team_id');
  if (teamId !== undefined) q = q.where('p.team_id', '=', teamId);
  return q.execute();
}

/**
 * The latest 200 sessions of the center's courses that the scope admits (center-wide ones, and those
 * of teams in scope), with the agents in scope marked present and absent.
 */
export async function listSessions(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('people_sessions as s')
    .innerJoin('people_courses as c', 'c.id', 's.course_id')
    .leftJoin('agents as me', (j) => j.onRef('me.team_id', '=', 's.team_id').on('me.id', '=', ownAgentOf(scope)))
    .select(['s.id', 's.course_id', 'c.title', 's.team_id', 's.starts_at'])
    .where('c.center_id', '=', scope.centerId)
    .where((eb) => eb.or([eb('s.team_id', 'is', null), inScope(scope, { team: 's.team_id', agent: 'me.id' })(eb)]))
    .orderBy('s.starts_at', 'desc')
    .limit(200)
    .execute();
  const att = await db
    .selectFrom('people_session_attendance as sa')
    .innerJoin('agents as a', 'a.id', 'sa.agent_id')
    .select(['sa.session_id', 'sa.agent_id', 'sa.present'])
    .where('sa.session_id', 'in', [...rows.map((r) => r.id), -1])
    .where(inScope(scope, { center: 'a.center_id', team: 'a.team_id', agent: 'a.id' }))
    .execute();
  return rows.map((r) => ({
    ...r,
    present: att.filter((a) => a.session_id === r.id && a.present === 1).map((a) => a.agent_id),
    absent: att.filter((a) => a.session_id === r.id && a.present === 0).map((a) => a.agent_id),
  }));
}

/** The scope's attempts joined to their exam and agent (the center's exams only). */
const scopedAttempts = (db: Db, scope: Scope) =>
  db
    .selectFrom('people_exam_attempts as t')
    .innerJoin('people_exams as e', 'e.id', 't.exam_id')
    .innerJoin('agents as a', 'a.id', 't.agent_id')
    .where(inScope(scope, { center: 'e.center_id', team: 'a.team_id', agent: 't.agent_id' }));

/** Attempts with short answers awaiting a trainer's marks, oldest submission first. */
export async function pendingMarking(db: Db, scope: Scope) {
  const rows = await scopedAttempts(db, scope)
    .select(['t.id', 't.exam_id', 'e.title', 't.agent_id', 'a.name as agent_name', 't.answers', 't.result', 't.submitted_at'])
    .where('t.status', '=', 'pending_manual')
    .orderBy('t.submitted_at')
    .execute();
  return rows.map((r) => ({ ...r, answers: parseJson<Record<string, Answer>>(r.answers, {}), result: parseJson<ExamResult | null>(r.result, null) }));
}

/** The latest 1,000 attempts in scope, optionally of one agent. */
export async function listAttempts(db: Db, scope: Scope, agentId?: number) {
  let q = scopedAttempts(db, scope)
    .select(['t.id', 't.exam_id', 'e.title', 'e.queue', 't.agent_id', 't.started_at', 't.submitted_at', 't.status', 't.percent'])
    .orderBy('t.started_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(1000);
  if (agentId !== undefined) q = q.where('t.agent_id', '=', agentId);
  return q.execute();
}

/** Certifications of the agents in scope, optionally of one agent; the longest valid first. */
export async function listCertifications(db: Db, scope: Scope, agentId?: number) {
  let q = db
    .selectFrom('people_certifications as c')
    .innerJoin('agents as a', 'a.id', 'c.agent_id')
    .select(['c.id', 'c.agent_id', 'a.name as agent_name', 'a.team_id', 'c.queue', 'c.exam_id', 'c.passed_at', 'c.valid_until', 'c.percent'])
    .where(inScope(scope, { center: 'a.center_id', team: 'a.team_id', agent: 'c.agent_id' }))
    .orderBy('c.valid_until', 'desc')
    .orderBy('c.id', 'desc');
  if (agentId !== undefined) q = q.where('c.agent_id', '=', agentId);
  return q.execute();
}

/** Certifications in scope lapsing within each queue's warning days, and lapsed ones (latest per agent and queue), soonest first. */
export async function certWarnings(db: Db, scope: Scope, now: number) {
  const queues = await listCertQueues(db, scope.centerId);
  const certs = await listCertifications(db, scope);
  const out = [];
  for (const q of queues) {
    const mine = certs.filter((c) => c.queue === q.queue);
    for (const w of certificationWarnings(mine.map(toCert), iso(now), q.warn_days)) {
      const c = mine.find((x) => String(x.agent_id) === w.agentId)!;
      out.push({ ...w, agentId: Number(w.agentId), agentName: c.agent_name, teamId: c.team_id });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft);
}
