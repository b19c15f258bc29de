import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema';
import { conflict, notFound, validationError } from '../../core/errors';
import {
  calibrate,
  decideDispute,
  DEFAULT_DISPUTE_RULES,
  disputeDeadline,
  evaluationTargetErrors,
  openDispute,
  QualityInputError,
  scoreEvaluation,
  type Answer,
  type AnswerChange,
  type Dispute,
  type DisputeRules,
  type DisputeState,
  type EvaluationScore,
  type ScoredEvaluation,
} from '../../core/quality/index';
import { monthOfInstant } from '../../core/performance/facts';
import { withTx } from '../db';
import { audit } from '../audit';
import { findCall } from './calls';
import { fieldErrors, getTemplate, type TemplateRow } from './templates';
import { notifyUsers, usersOfAgent } from '../notifications';
import { centerTimezone } from './lookup';

type Db = Kysely<DB>;
type EvalRow = Selectable<DB['qa_evaluations']>;

const iso = (ms: number) => new Date(ms).toISOString();

export interface EvaluationInput {
  callId: string;
  templateId: number;
  answers: Answer[];
  timeSpentS: number;
  comment?: string | null;
  calibrationId?: number | null;
}

export interface Notice {
  userId: number;
  kind: string;
  data: unknown;
}

function score(t: TemplateRow, answers: readonly Answer[]): EvaluationScore {
  try {
    return scoreEvaluation(t.template, answers);
  } catch (e) {
    if (e instanceof QualityInputError) throw fieldErrors('', e.errors);
    throw e;
  }
}

/**
 * Stores an evaluation of a call. The call must exist (qa_calls) and the template version too;
 * the answers must fit the template. A regular evaluation notifies the agent at once (notified_at
 * starts the dispute window) and closes the call's work item; a calibration evaluation belongs to
 * an open session, is blind, notifies nobody and never counts in the agent's scores.
 */
export async function createEvaluation(db: Db, centerId: number, evaluatorId: number, input: EvaluationInput, now: number) {
  return withTx(db, async (tx) => {
    const call = await findCall(tx, input.callId);
    const tpl = await getTemplate(tx, input.templateId).catch(() => undefined);
    const targetErrors = evaluationTargetErrors({
      callId: input.callId,
      call: call && call.center_id === centerId ? { id: call.id, agentId: String(call.agent_id) } : undefined,
      agentId: String(call?.agent_id ?? ''),
      template: tpl?.template,
      templateRef: { id: String(input.templateId), version: tpl?.version ?? 0 },
    });
    if (targetErrors.length)
      throw fieldErrors(
        '',
        targetErrors.map((e) => (e.path === 'templateId' ? { ...e, message: `scorecard template ${input.templateId} does not exist` } : e)),
      );
    const result = score(tpl!, input.answers);
    const calibrationId = input.calibrationId ?? null;
    if (calibrationId !== null) {
      const s = await tx.selectFrom('qa_calibrations').selectAll().where('id', '=', calibrationId).executeTakeFirst();
      if (!s) throw validationError('calibrationId', `calibration session ${calibrationId} does not exist`);
      if (s.state !== 'open') throw conflict('the calibration session is closed', 'calibrationId');
      if (s.call_id !== input.callId || s.template_id !== input.templateId)
        throw validationError('calibrationId', 'a calibration evaluation scores the session’s call on the session’s template');
      if (!(JSON.parse(s.evaluator_ids) as number[]).includes(evaluatorId)) throw validationError('calibrationId', 'you are not an evaluator of this session');
      const dup = await tx
        .selectFrom('qa_evaluations')
        .select('id')
        .where('calibration_id', '=', calibrationId)
        .where('evaluator_id', '=', evaluatorId)
        .executeTakeFirst();
      if (dup) throw conflict('you have already scored this calibration call', 'calibrationId');
    } else {
      const dup = await tx.selectFrom('qa_evaluations').select('id').where('call_id', '=', input.callId).where('calibration_id', 'is', null).executeTakeFirst();
      if (dup) throw conflict(`call "${input.callId}" is already evaluated (evaluation ${dup.id})`, 'callId');
    }
    const agent = await tx.selectFrom('agents').select(['team_id']).where('id', '=', call!.agent_id).executeTakeFirstOrThrow();
    const tz = await centerTimezone(tx, centerId);
    const row = await tx
      .insertInto('qa_evaluations')
      .values({
        center_id: centerId,
        call_id: input.callId,
        agent_id: call!.agent_id,
        team_id: agent.team_id,
        evaluator_id: evaluatorId,
        template_id: input.templateId,
        calibration_id: calibrationId,
        month: monthOfInstant(call!.started_at, tz),
        answers: JSON.stringify(input.answers),
        answer_history: '[]',
        result: JSON.stringify(result),
        score: result.score,
        fatal: result.fatal ? 1 : 0,
        flagged: result.flagged ? 1 : 0,
        comment: input.comment ?? null,
        time_spent_s: Math.round(input.timeSpentS),
        created_at: now,
        notified_at: calibrationId === null ? now : null,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: now,
      userId: evaluatorId,
      action: calibrationId === null ? 'qa.evaluation.create' : 'qa.calibration.score',
      entity: 'qa_evaluation',
      entityId: row.id,
      detail: { callId: input.callId, templateId: input.templateId, score: result.score, fatal: result.fatal },
    });
    let notices: Awaited<ReturnType<typeof notifyUsers>> = [];
    if (calibrationId === null) {
      await tx.updateTable('qa_work_items').set({ evaluation_id: row.id }).where('call_id', '=', input.callId).execute();
      notices = await notifyUsers(
        tx,
        await usersOfAgent(tx, call!.agent_id),
        { kind: 'qa.evaluated', data: { evaluationId: row.id, callId: input.callId, score: result.score, fatal: result.fatal }, link: '#/quality/mine' },
        now,
      );
    }
    return { id: row.id, result, notices };
  });
}

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

function evalQuery(db: Db, f: EvaluationFilter) {
  let q = db.selectFrom('qa_evaluations').where('qa_evaluations.center_id', '=', f.centerId);
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

/** Evaluation list rows (no answers) with names, newest first. */
export async function listEvaluations(db: Db, f: EvaluationFilter) {
  const rows = await evalQuery(db, f)
    .innerJoin('agents', 'agents.id', 'qa_evaluations.agent_id')
    .innerJoin('users', 'users.id', 'qa_evaluations.evaluator_id')
    .innerJoin('qa_templates', 'qa_templates.id', 'qa_evaluations.template_id')
    .innerJoin('qa_calls', 'qa_calls.id', 'qa_evaluations.call_id')
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

async function evalRow(db: Db, id: number): Promise<EvalRow> {
  const r = await db.selectFrom('qa_evaluations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`evaluation ${id}`);
  return r;
}

type DisputeRow = Selectable<DB['qa_disputes']>;
const toDispute = (d: DisputeRow): Dispute => ({
  id: String(d.id),
  evaluationId: String(d.evaluation_id),
  itemId: d.item_id,
  agentId: String(d.agent_id),
  reason: d.reason,
  openedAt: iso(d.opened_at),
  state: d.state as DisputeState,
  history: JSON.parse(d.history),
});

/** One evaluation with its template, call, answers, history and disputes. */
export async function getEvaluation(db: Db, id: number, rules: DisputeRules = DEFAULT_DISPUTE_RULES) {
  const r = await evalRow(db, id);
  const tpl = await getTemplate(db, r.template_id);
  const call = await findCall(db, r.call_id);
  const agent = await db.selectFrom('agents').select(['name', 'employee_no']).where('id', '=', r.agent_id).executeTakeFirst();
  const evaluator = await db.selectFrom('users').select('display_name').where('id', '=', r.evaluator_id).executeTakeFirst();
  const disputes = await db.selectFrom('qa_disputes').selectAll().where('evaluation_id', '=', id).orderBy('id').execute();
  return {
    id: r.id,
    callId: r.call_id,
    call,
    agentId: r.agent_id,
    agentName: agent?.name ?? null,
    employeeNo: agent?.employee_no ?? null,
    teamId: r.team_id,
    evaluatorId: r.evaluator_id,
    evaluatorName: evaluator?.display_name ?? null,
    template: tpl.template,
    templateId: tpl.id,
    calibrationId: r.calibration_id,
    month: r.month,
    answers: JSON.parse(r.answers) as Answer[],
    answerHistory: JSON.parse(r.answer_history) as AnswerChange[],
    result: JSON.parse(r.result) as EvaluationScore,
    comment: r.comment,
    timeSpentS: r.time_spent_s,
    createdAt: r.created_at,
    notifiedAt: r.notified_at,
    disputeDeadline: disputeDeadline({ notifiedAt: r.notified_at == null ? null : iso(r.notified_at) }, rules),
    disputes: disputes.map(toDispute),
  };
}

/** Opens a dispute on one item (the agent, within the window). Errors name the field. */
export async function openDisputeOn(
  db: Db,
  args: { evaluationId: number; itemId: string; reason: string; agentId: number; userId: number; now: number; rules: DisputeRules },
) {
  return withTx(db, async (tx) => {
    const r = await evalRow(tx, args.evaluationId);
    const tpl = await getTemplate(tx, r.template_id);
    const existing = (await tx.selectFrom('qa_disputes').selectAll().where('evaluation_id', '=', r.id).execute()).map(toDispute);
    const out = openDispute({
      id: 'new',
      evaluation: {
        id: String(r.id),
        agentId: String(r.agent_id),
        notifiedAt: r.notified_at == null ? null : iso(r.notified_at),
        answers: JSON.parse(r.answers),
        answerHistory: JSON.parse(r.answer_history),
        calibration: r.calibration_id != null,
      },
      template: tpl.template,
      itemId: args.itemId,
      agentId: String(args.agentId),
      reason: args.reason,
      now: iso(args.now),
      existing,
      rules: args.rules,
    });
    if (!out.ok) throw fieldErrors('', out.errors);
    const d = out.value;
    const history = d.history.map((h) => ({ ...h, by: String(args.userId) }));
    const row = await tx
      .insertInto('qa_disputes')
      .values({
        evaluation_id: r.id,
        agent_id: r.agent_id,
        item_id: d.itemId,
        reason: d.reason,
        state: 'open',
        opened_at: args.now,
        decided_at: null,
        decided_by: null,
        history: JSON.stringify(history),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, {
      at: args.now,
      userId: args.userId,
      action: 'qa.dispute.open',
      entity: 'qa_dispute',
      entityId: row.id,
      detail: { evaluationId: r.id, itemId: d.itemId },
    });
    const notices = await notifyUsers(
      tx,
      [r.evaluator_id],
      { kind: 'qa.disputeOpened', data: { disputeId: row.id, evaluationId: r.id, itemId: d.itemId }, link: '#/quality/disputes' },
      args.now,
    );
    return { id: row.id, evaluatorId: r.evaluator_id, notices };
  });
}

/** A dispute with the evaluator of its evaluation. */
export async function getDispute(db: Db, id: number) {
  const d = await db
    .selectFrom('qa_disputes')
    .innerJoin('qa_evaluations', 'qa_evaluations.id', 'qa_disputes.evaluation_id')
    .selectAll('qa_disputes')
    .select('qa_evaluations.evaluator_id')
    .where('qa_disputes.id', '=', id)
    .executeTakeFirst();
  if (!d) throw notFound(`dispute ${id}`);
  return d;
}

/**
 * Decides an open dispute. Upheld: the item's answer becomes newValue, the score is recomputed and the
 * previous answer stays in the answer history. Either way the dispute's history keeps every step.
 */
export async function decideDisputeOn(
  db: Db,
  args: { disputeId: number; decision: 'upheld' | 'rejected'; note: string; newValue?: number | null; userId: number; now: number },
) {
  return withTx(db, async (tx) => {
    const d = await getDispute(tx, args.disputeId);
    const r = await evalRow(tx, d.evaluation_id);
    const tpl = await getTemplate(tx, r.template_id);
    const out = decideDispute(
      toDispute(d),
      {
        id: String(r.id),
        agentId: String(r.agent_id),
        notifiedAt: r.notified_at == null ? null : iso(r.notified_at),
        answers: JSON.parse(r.answers),
        answerHistory: JSON.parse(r.answer_history),
      },
      tpl.template,
      {
        decision: args.decision,
        by: String(args.userId),
        at: iso(args.now),
        note: args.note,
        ...(args.newValue !== undefined ? { newValue: args.newValue } : {}),
      },
    );
    if (!out.ok)
      throw fieldErrors(
        '',
        out.errors.map((e) => (e.path === 'state' ? { ...e, path: 'disputeId' } : e)),
      );
    const { dispute, evaluation, result } = out.value;
    await tx
      .updateTable('qa_disputes')
      .set({ state: dispute.state, decided_at: args.now, decided_by: args.userId, history: JSON.stringify(dispute.history) })
      .where('id', '=', d.id)
      .execute();
    if (args.decision === 'upheld') {
      await tx
        .updateTable('qa_evaluations')
        .set({
          answers: JSON.stringify(evaluation.answers),
          answer_history: JSON.stringify(evaluation.answerHistory),
          result: JSON.stringify(result),
          score: result.score,
          fatal: result.fatal ? 1 : 0,
          flagged: result.flagged ? 1 : 0,
          updated_at: args.now,
        })
        .where('id', '=', r.id)
        .execute();
    }
    await audit(tx, {
      at: args.now,
      userId: args.userId,
      action: `qa.dispute.${args.decision}`,
      entity: 'qa_dispute',
      entityId: d.id,
      detail: { evaluationId: r.id, itemId: d.item_id, scoreBefore: r.score, scoreAfter: result.score, newValue: args.newValue },
    });
    const notices = await notifyUsers(
      tx,
      await usersOfAgent(tx, r.agent_id),
      { kind: 'qa.disputeDecided', data: { disputeId: d.id, evaluationId: r.id, decision: args.decision, score: result.score }, link: '#/quality/mine' },
      args.now,
    );
    return { state: dispute.state, score: result.score, scoreBefore: r.score, evaluatorId: r.evaluator_id, notices };
  });
}

export async function listDisputes(db: Db, f: { centerId: number; state?: string; agentIds?: number[]; teamIds?: number[] }) {
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
    .where('qa_evaluations.center_id', '=', f.centerId)
    .orderBy('qa_disputes.id', 'desc')
    .limit(500);
  if (f.state) q = q.where('qa_disputes.state', '=', f.state);
  if (f.agentIds) q = q.where('qa_disputes.agent_id', 'in', f.agentIds.length ? f.agentIds : [-1]);
  if (f.teamIds) q = q.where('qa_evaluations.team_id', 'in', f.teamIds.length ? f.teamIds : [-1]);
  return (await q.execute()).map((d) => ({ ...d, history: JSON.parse(d.history) }));
}

// ---- calibration ----

export async function createCalibration(
  db: Db,
  centerId: number,
  input: { callId: string; templateId: number; title: string; evaluatorIds: number[] },
  userId: number,
  now: number,
) {
  return withTx(db, async (tx) => {
    const call = await findCall(tx, input.callId);
    if (!call || call.center_id !== centerId) throw validationError('callId', `call "${input.callId}" does not exist`);
    await getTemplate(tx, input.templateId).catch(() => {
      throw validationError('templateId', `scorecard template ${input.templateId} does not exist`);
    });
    const ids = [...new Set(input.evaluatorIds)];
    if (ids.length < 2) throw validationError('evaluatorIds', 'a calibration needs at least two evaluators');
    const known = await tx.selectFrom('users').select('id').where('id', 'in', ids).execute();
    const missing = ids.filter((i) => !known.some((k) => k.id === i));
    if (missing.length) throw validationError('evaluatorIds', `user ${missing.join(', ')} does not exist`);
    const row = await tx
      .insertInto('qa_calibrations')
      .values({
        center_id: centerId,
        call_id: input.callId,
        template_id: input.templateId,
        title: input.title,
        state: 'open',
        evaluator_ids: JSON.stringify(ids),
        created_by: userId,
        created_at: now,
        closed_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { at: now, userId, action: 'qa.calibration.create', entity: 'qa_calibration', entityId: row.id, detail: input });
    return row.id;
  });
}

export async function listCalibrations(db: Db, centerId: number) {
  const rows = await db.selectFrom('qa_calibrations').selectAll().where('center_id', '=', centerId).orderBy('id', 'desc').execute();
  const counts = await db
    .selectFrom('qa_evaluations')
    .select(['calibration_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('calibration_id', 'is not', null)
    .groupBy('calibration_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    evaluator_ids: JSON.parse(r.evaluator_ids) as number[],
    submitted: Number(counts.find((c) => c.calibration_id === r.id)?.n ?? 0),
  }));
}

/**
 * A calibration session as one viewer sees it: while open, blind — only who has submitted and the
 * viewer's own scoring; once closed, every evaluation and the spread per item with who deviates.
 */
export async function getCalibration(db: Db, id: number, viewerId: number, opts: { scoreThreshold?: number; itemThreshold?: number } = {}) {
  const s = await db.selectFrom('qa_calibrations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!s) throw notFound(`calibration session ${id}`);
  const tpl = await getTemplate(db, s.template_id);
  const call = await findCall(db, s.call_id);
  const evals = await db.selectFrom('qa_evaluations').selectAll().where('calibration_id', '=', id).orderBy('id').execute();
  const evaluatorIds = JSON.parse(s.evaluator_ids) as number[];
  const users = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', evaluatorIds.length ? evaluatorIds : [-1])
    .execute();
  const names = Object.fromEntries(users.map((u) => [u.id, u.display_name]));
  const base = {
    id: s.id,
    title: s.title,
    state: s.state,
    callId: s.call_id,
    call,
    templateId: s.template_id,
    template: tpl.template,
    evaluators: evaluatorIds.map((uid) => ({ id: uid, name: names[uid] ?? String(uid), submitted: evals.some((e) => e.evaluator_id === uid) })),
    createdBy: s.created_by,
    closedAt: s.closed_at,
  };
  const own = evals.find((e) => e.evaluator_id === viewerId);
  if (s.state === 'open')
    return { ...base, own: own ? { answers: JSON.parse(own.answers), result: JSON.parse(own.result) } : null, evaluations: null, report: null };
  const report = calibrate(
    tpl.template,
    evals.map((e) => ({ evaluatorId: String(e.evaluator_id), answers: JSON.parse(e.answers) as Answer[] })),
    { center: 'median', ...opts },
  );
  return {
    ...base,
    own: own ? { answers: JSON.parse(own.answers), result: JSON.parse(own.result) } : null,
    evaluations: evals.map((e) => ({ evaluatorId: e.evaluator_id, name: names[e.evaluator_id], answers: JSON.parse(e.answers), result: JSON.parse(e.result) })),
    report,
  };
}

export async function closeCalibration(db: Db, id: number, userId: number, now: number) {
  return withTx(db, async (tx) => {
    const s = await tx.selectFrom('qa_calibrations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!s) throw notFound(`calibration session ${id}`);
    if (s.state !== 'open') throw conflict('the calibration session is already closed', 'state');
    const n = await tx
      .selectFrom('qa_evaluations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('calibration_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(n.n) < 2) throw validationError('state', 'at least two evaluators must score the call before the session closes');
    await tx.updateTable('qa_calibrations').set({ state: 'closed', closed_at: now }).where('id', '=', id).execute();
    await audit(tx, { at: now, userId, action: 'qa.calibration.close', entity: 'qa_calibration', entityId: id });
  });
}
