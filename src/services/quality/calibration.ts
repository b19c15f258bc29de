/** Calibration (校準): several evaluators score the same call blind; once closed, the spread per item and who deviates. */
import { conflict, validationError } from '../../core/errors';
import { calibrate, type Answer, type EvaluationScore } from '../../core/quality/index';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { findCall } from '../../store/quality/calls';
import {
  calibrationEvaluations,
  closeCalibrationRow,
  getCalibrationRow,
  insertCalibration,
  listCalibrations as storedCalibrations,
} from '../../store/quality/calibrations';
import { existingUserIds, userNames } from '../../store/quality/lookup';
import { findTemplate, getTemplate } from '../../store/quality/templates';
import type { Actor, ServiceDeps } from '../context';
import { calibrationThresholds, userOf } from './common';

export async function createCalibration(deps: ServiceDeps, actor: Actor, input: { callId: string; templateId: number; title: string; evaluatorIds: number[] }) {
  const centerId = actor.scope.centerId;
  const userId = userOf(actor);
  const now = deps.now();
  return withTx(deps.store.db, async (tx) => {
    const call = await findCall(tx, centerId, input.callId);
    if (!call || call.center_id !== centerId)
      throw validationError('callId', `call "${input.callId}" does not exist`, { reason: 'common.notFound', params: { entity: 'call', id: input.callId } });
    if (!(await findTemplate(tx, centerId, input.templateId)))
      throw validationError('templateId', `scorecard template ${input.templateId} does not exist`, {
        reason: 'common.notFound',
        params: { entity: 'scorecardTemplate', id: input.templateId },
      });
    const ids = [...new Set(input.evaluatorIds)];
    if (ids.length < 2)
      throw validationError('evaluatorIds', 'a calibration needs at least two evaluators', {
        reason: 'quality.calibrationTooFewEvaluators',
        params: { min: 2 },
      });
    const known = await existingUserIds(tx, ids);
    const missing = ids.filter((i) => !known.includes(i));
    if (missing.length)
      throw validationError('evaluatorIds', `user ${missing.join(', ')} does not exist`, {
        reason: 'common.notFound',
        params: { entity: 'user', id: missing.join(', ') },
      });
    const id = await insertCalibration(tx, {
      center_id: centerId,
      call_id: input.callId,
      template_id: input.templateId,
      title: input.title,
      state: 'open',
      evaluator_ids: JSON.stringify(ids),
      created_by: userId,
      created_at: now,
      closed_at: null,
    });
    await audit(tx, { at: now, userId, action: 'qa.calibration.create', entity: 'qa_calibration', entityId: id, detail: input });
    return { id };
  });
}

export async function listCalibrations(deps: ServiceDeps, actor: Actor) {
  return storedCalibrations(deps.store.db, actor.scope.centerId);
}

/**
 * A calibration session as the actor sees it: while open, blind — only who has submitted and the
 * actor's own scoring; once closed, every evaluation and the spread per item with who deviates.
 */
export async function getCalibration(deps: ServiceDeps, actor: Actor, id: number) {
  const db = deps.store.db;
  const centerId = actor.scope.centerId;
  const s = await getCalibrationRow(db, centerId, id);
  const tpl = await getTemplate(db, s.template_id);
  const evals = await calibrationEvaluations(db, id);
  const evaluatorIds = JSON.parse(s.evaluator_ids) as number[];
  const names = await userNames(db, evaluatorIds);
  const nameOf = (uid: number) => names.get(uid) ?? String(uid);
  const scoring = (e: (typeof evals)[number]) => ({ answers: JSON.parse(e.answers) as Answer[], result: JSON.parse(e.result) as EvaluationScore });
  const own = evals.find((e) => e.evaluator_id === actor.userId);
  const base = {
    id: s.id,
    title: s.title,
    state: s.state,
    callId: s.call_id,
    call: (await findCall(db, s.center_id, s.call_id)) ?? null,
    templateId: s.template_id,
    template: tpl.template,
    evaluators: evaluatorIds.map((uid) => ({ id: uid, name: nameOf(uid), submitted: evals.some((e) => e.evaluator_id === uid) })),
    createdBy: s.created_by,
    closedAt: s.closed_at,
    own: own ? scoring(own) : null,
  };
  if (s.state === 'open') return { ...base, evaluations: null, report: null };
  const report = calibrate(
    tpl.template,
    evals.map((e) => ({ evaluatorId: String(e.evaluator_id), answers: JSON.parse(e.answers) as Answer[] })),
    { center: 'median', ...(await calibrationThresholds(deps, centerId)) },
  );
  return { ...base, evaluations: evals.map((e) => ({ evaluatorId: e.evaluator_id, name: nameOf(e.evaluator_id), ...scoring(e) })), report };
}

/** Closes an open session once at least two evaluators scored, and reveals the scores. */
export async function closeCalibration(deps: ServiceDeps, actor: Actor, id: number) {
  const centerId = actor.scope.centerId;
  const now = deps.now();
  await withTx(deps.store.db, async (tx) => {
    const s = await getCalibrationRow(tx, centerId, id);
    if (s.state !== 'open') throw conflict('the calibration session is already closed', 'state', { reason: 'quality.calibrationClosed', params: { id } });
    const scored = (await calibrationEvaluations(tx, id)).length;
    if (scored < 2)
      throw validationError('state', 'at least two evaluators must score the call before the session closes', {
        reason: 'quality.calibrationTooFewScores',
        params: { min: 2, scored },
      });
    await closeCalibrationRow(tx, id, now);
    await audit(tx, { at: now, userId: actor.userId, action: 'qa.calibration.close', entity: 'qa_calibration', entityId: id });
  });
  return getCalibration(deps, actor, id);
}
