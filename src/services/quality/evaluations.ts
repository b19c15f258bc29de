/** Scoring a call (評分) and reading evaluations: the agent sees their own, a team lead their teams'. */
import { conflict, forbidden, notFound, validationError } from '../../core/errors';
import { disputeDeadline, evaluationTargetErrors, QualityInputError, scoreEvaluation, type Answer, type EvaluationScore } from '../../core/quality/index';
import { monthOfInstant } from '../../core/performance/facts';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { notifyUsers, usersOfAgent, type Notice } from '../../store/notifications';
import { findCall } from '../../store/quality/calls';
import { findCalibrationRow, findCalibrationScore } from '../../store/quality/calibrations';
import {
  disputesOf,
  evaluationNames,
  findEvaluation,
  findRegularEvaluationOf,
  insertEvaluation,
  iso,
  listEvaluations as storedEvaluations,
  parsedEvaluation,
} from '../../store/quality/evaluations';
import { centerTimezone, teamOfAgent } from '../../store/quality/lookup';
import { closeWorkItemsOf } from '../../store/quality/work';
import { fieldErrors, findTemplate, getTemplate, type TemplateRow } from '../../store/quality/templates';
import type { Actor, ServiceDeps } from '../context';
import { disputeRules, publishNotices, userOf } from './common';

export interface EvaluationInput {
  callId: string;
  templateId: number;
  answers: Answer[];
  timeSpentS: number;
  comment?: string | null;
  calibrationId?: number | null;
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
 * Scores a call of the center on a template version of the center; the answers must fit it. A regular
 * evaluation notifies the agent at once (notified_at starts the dispute window) and closes the call's
 * work item; a calibration evaluation belongs to an open session the evaluator is part of, is blind,
 * notifies nobody and never counts in the agent's scores.
 */
export async function evaluate(deps: ServiceDeps, actor: Actor, input: EvaluationInput) {
  const centerId = actor.scope.centerId;
  const evaluatorId = userOf(actor);
  const now = deps.now();
  const out = await withTx(deps.store.db, async (tx) => {
    const call = await findCall(tx, centerId, input.callId);
    const tpl = await findTemplate(tx, centerId, input.templateId);
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
      const s = await findCalibrationRow(tx, centerId, calibrationId);
      if (!s)
        throw validationError('calibrationId', `calibration session ${calibrationId} does not exist`, {
          reason: 'common.notFound',
          params: { entity: 'calibrationSession', id: calibrationId },
        });
      if (s.state !== 'open')
        throw conflict('the calibration session is closed', 'calibrationId', { reason: 'quality.calibrationClosed', params: { id: calibrationId } });
      if (s.call_id !== input.callId || s.template_id !== input.templateId)
        throw validationError('calibrationId', 'a calibration evaluation scores the session’s call on the session’s template', {
          reason: 'quality.calibrationMismatch',
          params: { callId: s.call_id, templateId: s.template_id },
        });
      if (!(JSON.parse(s.evaluator_ids) as number[]).includes(evaluatorId))
        throw validationError('calibrationId', 'you are not an evaluator of this session', {
          reason: 'quality.notCalibrationEvaluator',
          params: { id: calibrationId },
        });
      if (await findCalibrationScore(tx, calibrationId, evaluatorId))
        throw conflict('you have already scored this calibration call', 'calibrationId', {
          reason: 'quality.calibrationAlreadyScored',
          params: { id: calibrationId },
        });
    } else {
      const dup = await findRegularEvaluationOf(tx, centerId, input.callId);
      if (dup)
        throw conflict(`call "${input.callId}" is already evaluated (evaluation ${dup.id})`, 'callId', {
          reason: 'quality.alreadyEvaluated',
          params: { callId: input.callId, evaluationId: dup.id },
        });
    }
    const id = await insertEvaluation(tx, {
      center_id: centerId,
      call_id: input.callId,
      agent_id: call!.agent_id,
      team_id: await teamOfAgent(tx, call!.agent_id),
      evaluator_id: evaluatorId,
      template_id: input.templateId,
      calibration_id: calibrationId,
      month: monthOfInstant(call!.started_at, await centerTimezone(tx, centerId)),
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
    });
    await audit(tx, {
      at: now,
      userId: evaluatorId,
      action: calibrationId === null ? 'qa.evaluation.create' : 'qa.calibration.score',
      entity: 'qa_evaluation',
      entityId: id,
      detail: { callId: input.callId, templateId: input.templateId, score: result.score, fatal: result.fatal },
    });
    let notices: Notice[] = [];
    if (calibrationId === null) {
      await closeWorkItemsOf(tx, centerId, input.callId, id);
      notices = await notifyUsers(
        tx,
        await usersOfAgent(tx, call!.agent_id),
        { kind: 'qa.evaluated', data: { evaluationId: id, callId: input.callId, score: result.score, fatal: result.fatal }, link: '#/quality/mine' },
        now,
      );
    }
    return { id, result, notices };
  });
  publishNotices(deps, out.notices);
  return { id: out.id, score: out.result.score, fatal: out.result.fatal, flagged: out.result.flagged };
}

/** Evaluations the actor sees (agents: their own; team leads: their teams'), calibration ones excluded, newest first. */
export async function listEvaluations(
  deps: ServiceDeps,
  actor: Actor,
  q: { agentId?: number; evaluatorId?: number; fromMonth?: string; toMonth?: string; limit?: number },
) {
  return storedEvaluations(deps.store.db, {
    centerId: actor.scope.centerId,
    scope: actor.scope,
    ...(q.agentId ? { agentIds: [q.agentId] } : {}),
    evaluatorId: q.evaluatorId,
    fromMonth: q.fromMonth,
    toMonth: q.toMonth,
    limit: q.limit,
  });
}

/** One evaluation with its template, call, answers, history and disputes; 403 when it is of the center but not the actor's to see. */
export async function getEvaluation(deps: ServiceDeps, actor: Actor, id: number) {
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const r = await findEvaluation(db, centerId, id, actor.scope);
  if (!r) {
    if (await findEvaluation(db, centerId, id))
      throw forbidden('agents see their own evaluations, team leads their teams’, and calibration ones are for QA', { reason: 'quality.evaluationHidden' });
    throw notFound('evaluation', id);
  }
  const tpl = await getTemplate(db, r.template_id);
  const rules = await disputeRules(deps, centerId);
  return {
    id: r.id,
    callId: r.call_id,
    call: (await findCall(db, r.center_id, r.call_id)) ?? null,
    agentId: r.agent_id,
    ...(await evaluationNames(db, r)),
    teamId: r.team_id,
    evaluatorId: r.evaluator_id,
    template: tpl.template,
    templateId: tpl.id,
    calibrationId: r.calibration_id,
    month: r.month,
    ...parsedEvaluation(r),
    comment: r.comment,
    timeSpentS: r.time_spent_s,
    createdAt: r.created_at,
    notifiedAt: r.notified_at,
    disputeDeadline: disputeDeadline({ notifiedAt: r.notified_at == null ? null : iso(r.notified_at) }, rules),
    disputes: await disputesOf(db, r.id),
  };
}
