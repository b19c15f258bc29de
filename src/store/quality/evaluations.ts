/**
 * Evaluations and disputes (質檢評分、申訴): the SQL. The use cases (scoring a call, a dispute and its
 * verdict) are in src/services/quality; here are plain reads and writes, and the scored evaluations
 * other capabilities read (reports, KPI inputs, training).
 */
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../schema';
import { notFound } from '../../core/errors';
import type { Answer, AnswerChange, Dispute, DisputeState, EvaluationScore, ScoredEvaluation } from '../../core/quality/index';
import { inScope, type Scope } from '../scope';

type Db = Kysely<DB>;
export type EvalRow = Selectable<DB['qa_evaluations']>;

export const iso = (ms: number) => new Date(ms).toISOString();

export function toScored(
  r: Pick<EvalRow, 'id' | 'call_id' | 'agent_id' | 'evaluator_id' | 'team_id' | 'month' | 'calibration_id' | 'result'>,
): ScoredEvaluation {
  return {
    id: String(r.id),
    callId: r.call_id,
    agentId: String(r.agent_id),
    evaluatorId: String(r.evaluator_id),
    teamId: r.team_id == null ? undefined : String(r.team_id),
    month: r.month,
    calibration: r.calibration_id != null,
    result: JSON.parse(r.result) as EvaluationScore,
  };
}

export interface EvaluationFilter {
  centerId: number;
  /** What part of the center the reader sees (src/store/scope.ts); absent = the whole center. */
  scope?: Scope;
  agentIds?: number[];
  teamIds?: number[];
  evaluatorId?: number;
  fromMonth?: string;
  toMonth?: string;
  /** Evaluations made at or after / before these instants (epoch ms). */
  createdFrom?: number;
  createdTo?: number;
  /** Evaluations of calls started at or after / before these instants (the day an evaluation counts for in the facts). */
  callFrom?: number;
  callTo?: number;
  /** Default false: calibration evaluations never count. */
  includeCalibration?: boolean;
  limit?: number;
}

const EVAL_SCOPE = { center: 'qa_evaluations.center_id', team: 'qa_evaluations.team_id', agent: 'qa_evaluations.agent_id' };

function evalQuery(db: Db, f: EvaluationFilter) {
  let q = db.selectFrom('qa_evaluations').where('qa_evaluations.center_id', '=', f.centerId);
  if (f.scope) q = q.where(inScope(f.scope, EVAL_SCOPE));
  if (!f.includeCalibration) q = q.where('qa_evaluations.calibration_id', 'is', null);
  if (f.agentIds) q = q.where('qa_evaluations.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  if (f.teamIds) q = q.where('qa_evaluations.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  if (f.evaluatorId !== undefined) q = q.where('qa_evaluations.evaluator_id', '=', f.evaluatorId);
  if (f.fromMonth) q = q.where('qa_evaluations.month', '>=', f.fromMonth);
  if (f.toMonth) q = q.where('qa_evaluations.month', '<=', f.toMonth);
  if (f.createdFrom !== undefined) q = q.where('qa_evaluations.created_at', '>=', f.createdFrom);
  if (f.createdTo !== undefined) q = q.where('qa_evaluations.created_at', '<', f.createdTo);
  if (f.callFrom !== undefined || f.callTo !== undefined) {
    let calls = db.selectFrom('qa_calls').select('qa_calls.id').where('qa_calls.center_id', '=', f.centerId);
    if (f.callFrom !== undefined) calls = calls.where('qa_calls.started_at', '>=', f.callFrom);
    if (f.callTo !== undefined) calls = calls.where('qa_calls.started_at', '<', f.callTo);
    q = q.where('qa_evaluations.call_id', 'in', calls);
  }
  return q;
}

/** Scored evaluations for reports and KPIs (calibration excluded unless asked). */
export async function loadScored(db: Db, f: EvaluationFilter): Promise<ScoredEvaluation[]> {
  const rows = await evalQuery(db, f)
    .select(['id', 'call_id', 'agent_id', 'evaluator_id', 'team_id', 'month', 'calibration_id', 'result'])
    .orderBy('id')
    .execute();
  return rows.map(toScored);
}

/** Score and fatal flag of each evaluation (calibration excluded unless asked), for other capabilities' inputs. */
export async function qaResults(db: Db, f: EvaluationFilter): Promise<{ evaluationId: number; agentId: number; score: number; fatal: boolean }[]> {
  const rows = await evalQuery(db, f).select(['id', 'agent_id', 'score', 'fatal']).where('score', 'is not', null).orderBy('id').execute();
  return rows.map((r) => ({ evaluationId: r.id, agentId: r.agent_id, score: Number(r.score), fatal: r.fatal === 1 }));
}

/** Each agent's average QA score (2 decimals) over the filter; agents without evaluations are absent. */
export async function qaAverages(db: Db, f: EvaluationFilter): Promise<Map<number, number>> {
  const by = new Map<number, number[]>();
  for (const r of await qaResults(db, f)) by.set(r.agentId, [...(by.get(r.agentId) ?? []), r.score]);
  return new Map([...by].map(([a, xs]) => [a, Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100]));
}

/** Ids of these evaluations made after an instant (coaching follow-ups count only what came after the session). */
export async function evaluationIdsCreatedAfter(db: Db, ids: readonly number[], after: number): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .selectFrom('qa_evaluations')
    .select('id')
    .where('id', 'in', [...ids])
    .where('created_at', '>', after)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Evaluation list rows (no answers) with names, newest first. */
export async function listEvaluations(db: Db, f: EvaluationFilter) {
  const rows = await evalQuery(db, f)
    .innerJoin('agents', 'agents.id', 'qa_evaluations.agent_id')
    .innerJoin('users', 'users.id', 'qa_evaluations.evaluator_id')
    .innerJoin('qa_templates', 'qa_templates.id', 'qa_evaluations.template_id')
    .innerJoin('qa_calls', (j) => j.onRef('qa_calls.center_id', '=', 'qa_evaluations.center_id').onRef('qa_calls.id', '=', 'qa_evaluations.call_id'))
    .select([
      'qa_evaluations.id',
      'qa_evaluations.call_id',
      'qa_evaluations.agent_id',
      'agents.name as agent_name',
      'agents.employee_no',
      'qa_evaluations.team_id',
      'qa_evaluations.evaluator_id',
      'users.display_name as evaluator_name',
      'qa_templates.name as template_name',
      'qa_templates.version as template_version',
      'qa_evaluations.month',
      'qa_evaluations.score',
      'qa_evaluations.fatal',
      'qa_evaluations.flagged',
      'qa_evaluations.time_spent_s',
      'qa_evaluations.created_at',
      'qa_evaluations.notified_at',
      'qa_calls.started_at as call_started_at',
      'qa_calls.queue',
    ])
    .orderBy('qa_evaluations.id', 'desc')
    .limit(f.limit ?? 200)
    .execute();
  return rows.map((r) => ({ ...r, fatal: r.fatal === 1, flagged: r.flagged === 1 }));
}

/**
 * One evaluation of a center. With a scope narrower than the center (agents, team leads), only one
 * the reader may see (own / their teams') and never a calibration one.
 */
export async function findEvaluation(db: Db, centerId: number, id: number, scope?: Scope): Promise<EvalRow | undefined> {
  let q = db.selectFrom('qa_evaluations').selectAll().where('id', '=', id).where('center_id', '=', centerId);
  if (scope && scope.kind !== 'all')
    q = q.where(inScope(scope, { center: 'center_id', team: 'team_id', agent: 'agent_id' })).where('calibration_id', 'is', null);
  return q.executeTakeFirst();
}

export async function getEvaluationRow(db: Db, centerId: number, id: number): Promise<EvalRow> {
  const r = await findEvaluation(db, centerId, id);
  if (!r) throw notFound('evaluation', id);
  return r;
}

/** The regular (non-calibration) evaluation of a call, if any: a call is evaluated once. */
export async function findRegularEvaluationOf(db: Db, centerId: number, callId: string) {
  return db
    .selectFrom('qa_evaluations')
    .select('id')
    .where('center_id', '=', centerId)
    .where('call_id', '=', callId)
    .where('calibration_id', 'is', null)
    .executeTakeFirst();
}

export async function insertEvaluation(db: Db, row: Insertable<DB['qa_evaluations']>): Promise<number> {
  return (await db.insertInto('qa_evaluations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateEvaluation(db: Db, id: number, set: Updateable<DB['qa_evaluations']>) {
  await db.updateTable('qa_evaluations').set(set).where('id', '=', id).execute();
}

/** The evaluation's answers, answer history and result as stored (JSON columns parsed). */
export function parsedEvaluation(r: EvalRow) {
  return {
    answers: JSON.parse(r.answers) as Answer[],
    answerHistory: JSON.parse(r.answer_history) as AnswerChange[],
    result: JSON.parse(r.result) as EvaluationScore,
  };
}

/** Names around an evaluation: the agent's and the evaluator's. */
export async function evaluationNames(db: Db, r: Pick<EvalRow, 'agent_id' | 'evaluator_id'>) {
  const agent = await db.selectFrom('agents').select(['name', 'employee_no']).where('id', '=', r.agent_id).executeTakeFirst();
  const evaluator = await db.selectFrom('users').select('display_name').where('id', '=', r.evaluator_id).executeTakeFirst();
  return { agentName: agent?.name ?? null, employeeNo: agent?.employee_no ?? null, evaluatorName: evaluator?.display_name ?? null };
}

// ---- disputes ----

type DisputeRow = Selectable<DB['qa_disputes']>;
export const toDispute = (d: DisputeRow): Dispute => ({
  id: String(d.id),
  evaluationId: String(d.evaluation_id),
  itemId: d.item_id,
  agentId: String(d.agent_id),
  reason: d.reason,
  openedAt: iso(d.opened_at),
  state: d.state as DisputeState,
  history: JSON.parse(d.history),
});

export async function disputesOf(db: Db, evaluationId: number): Promise<Dispute[]> {
  return (await db.selectFrom('qa_disputes').selectAll().where('evaluation_id', '=', evaluationId).orderBy('id').execute()).map(toDispute);
}

export async function insertDispute(db: Db, row: Insertable<DB['qa_disputes']>): Promise<number> {
  return (await db.insertInto('qa_disputes').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDispute(db: Db, id: number, set: Updateable<DB['qa_disputes']>) {
  await db.updateTable('qa_disputes').set(set).where('id', '=', id).execute();
}

/** A dispute of a center with the evaluator of its evaluation. */
export async function getDispute(db: Db, centerId: number, id: number) {
  const d = await db
    .selectFrom('qa_disputes')
    .innerJoin('qa_evaluations', 'qa_evaluations.id', 'qa_disputes.evaluation_id')
    .selectAll('qa_disputes')
    .select('qa_evaluations.evaluator_id')
    .where('qa_disputes.id', '=', id)
    .where('qa_evaluations.center_id', '=', centerId)
    .executeTakeFirst();
  if (!d) throw notFound('dispute', id);
  return d;
}

/** Disputes the scope sees (agents: their own; team leads: their teams' evaluations), newest first. */
export async function listDisputes(db: Db, scope: Scope, f: { state?: string }) {
  let q = db
    .selectFrom('qa_disputes')
    .innerJoin('qa_evaluations', 'qa_evaluations.id', 'qa_disputes.evaluation_id')
    .innerJoin('agents', 'agents.id', 'qa_disputes.agent_id')
    .innerJoin('users', 'users.id', 'qa_evaluations.evaluator_id')
    .selectAll('qa_disputes')
    .select([
      'agents.name as agent_name',
      'agents.employee_no',
      'users.display_name as evaluator_name',
      'qa_evaluations.evaluator_id',
      'qa_evaluations.score',
      'qa_evaluations.template_id',
      'qa_evaluations.call_id',
    ])
    .where(inScope(scope, { center: 'qa_evaluations.center_id', team: 'qa_evaluations.team_id', agent: 'qa_disputes.agent_id' }))
    .orderBy('qa_disputes.id', 'desc')
    .limit(500);
  if (f.state) q = q.where('qa_disputes.state', '=', f.state);
  return (await q.execute()).map((d) => ({ ...d, history: JSON.parse(d.history) }));
}
