/** Disputes (申訴): the evaluated agent appeals an item within the window; the QA lead decides, and an upheld item recomputes the score. */
import { forbidden } from '../../core/errors';
import { decideDispute as decideInCore, openDispute as openInCore } from '../../core/quality/index';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import { notifyUsers, usersOfAgent } from '../../store/notifications';
import { getSetting } from '../../store/org';
import {
  disputesOf,
  getDispute,
  getEvaluationRow,
  insertDispute,
  iso,
  listDisputes as storedDisputes,
  parsedEvaluation,
  toDispute,
  updateDispute,
  updateEvaluation,
} from '../../store/quality/evaluations';
import { fieldErrors, getTemplate } from '../../store/quality/templates';
import { hasRoleIn, type Actor, type ServiceDeps } from '../context';
import { DISPUTE_DECIDERS_SETTING, disputeRules, publishNotices, userOf } from './common';

/** Opens a dispute on one item of an evaluation of the center (only its agent, within the window). Errors name the field. */
export async function openDispute(deps: ServiceDeps, actor: Actor, input: { evaluationId: number; itemId: string; reason: string }) {
  if (actor.agentId == null) throw forbidden('only an agent user may dispute', { reason: 'role.agentOnly', params: {} });
  const agentId = actor.agentId;
  const userId = userOf(actor);
  const centerId = actor.scope.centerId;
  const rules = await disputeRules(deps, centerId);
  const now = deps.now();
  const out = await withTx(deps.store.db, async (tx) => {
    const r = await getEvaluationRow(tx, centerId, input.evaluationId);
    const tpl = await getTemplate(tx, r.template_id);
    const { answers, answerHistory } = parsedEvaluation(r);
    const opened = openInCore({
      id: 'new',
      evaluation: {
        id: String(r.id),
        agentId: String(r.agent_id),
        notifiedAt: r.notified_at == null ? null : iso(r.notified_at),
        answers,
        answerHistory,
        calibration: r.calibration_id != null,
      },
      template: tpl.template,
      itemId: input.itemId,
      agentId: String(agentId),
      reason: input.reason,
      now: iso(now),
      existing: await disputesOf(tx, r.id),
      rules,
    });
    if (!opened.ok) throw fieldErrors('', opened.errors);
    const d = opened.value;
    const id = await insertDispute(tx, {
      evaluation_id: r.id,
      agent_id: r.agent_id,
      item_id: d.itemId,
      reason: d.reason,
      state: 'open',
      opened_at: now,
      decided_at: null,
      decided_by: null,
      history: JSON.stringify(d.history.map((h) => ({ ...h, by: String(userId) }))),
    });
    await audit(tx, { at: now, userId, action: 'qa.dispute.open', entity: 'qa_dispute', entityId: id, detail: { evaluationId: r.id, itemId: d.itemId } });
    const notices = await notifyUsers(
      tx,
      [r.evaluator_id],
      { kind: 'qa.disputeOpened', data: { disputeId: id, evaluationId: r.id, itemId: d.itemId }, link: '#/quality/disputes' },
      now,
    );
    return { id, notices };
  });
  publishNotices(deps, out.notices);
  return { id: out.id };
}

/**
 * Decides an open dispute: a center manager, or the QA lead (setting quality.disputeDeciders; absent:
 * any qa user) — never the evaluator of the evaluation. Upheld: the item's answer becomes newValue,
 * the score is recomputed and the previous answer stays in the answer history. Either way the
 * dispute's history keeps every step and the agent is notified.
 */
export async function decideDispute(
  deps: ServiceDeps,
  actor: Actor,
  input: { disputeId: number; decision: 'upheld' | 'rejected'; note: string; newValue?: number | null },
) {
  const userId = userOf(actor);
  const centerId = actor.scope.centerId;
  const db = deps.store.db;
  if (!hasRoleIn(actor, ['center_manager'])) {
    const d = await getDispute(db, centerId, input.disputeId);
    const deciders = await getSetting<number[]>(db, centerId, DISPUTE_DECIDERS_SETTING);
    if (deciders && !deciders.includes(userId))
      throw forbidden('only the QA lead (setting quality.disputeDeciders) or a center manager decides disputes', { reason: 'quality.notDecider' });
    if (d.evaluator_id === userId) throw forbidden('an evaluator does not decide disputes on their own evaluation', { reason: 'quality.ownEvaluation' });
  }
  const now = deps.now();
  const out = await withTx(db, async (tx) => {
    const d = await getDispute(tx, centerId, input.disputeId);
    const r = await getEvaluationRow(tx, centerId, d.evaluation_id);
    const tpl = await getTemplate(tx, r.template_id);
    const { answers, answerHistory } = parsedEvaluation(r);
    const decided = decideInCore(
      toDispute(d),
      { id: String(r.id), agentId: String(r.agent_id), notifiedAt: r.notified_at == null ? null : iso(r.notified_at), answers, answerHistory },
      tpl.template,
      {
        decision: input.decision,
        by: String(userId),
        at: iso(now),
        note: input.note,
        ...(input.newValue !== undefined ? { newValue: input.newValue } : {}),
      },
    );
    if (!decided.ok)
      throw fieldErrors(
        '',
        decided.errors.map((e) => (e.path === 'state' ? { ...e, path: 'disputeId' } : e)),
      );
    const { dispute, evaluation, result } = decided.value;
    await updateDispute(tx, d.id, { state: dispute.state, decided_at: now, decided_by: userId, history: JSON.stringify(dispute.history) });
    if (input.decision === 'upheld')
      await updateEvaluation(tx, r.id, {
        answers: JSON.stringify(evaluation.answers),
        answer_history: JSON.stringify(evaluation.answerHistory),
        result: JSON.stringify(result),
        score: result.score,
        fatal: result.fatal ? 1 : 0,
        flagged: result.flagged ? 1 : 0,
        updated_at: now,
      });
    await audit(tx, {
      at: now,
      userId,
      action: `qa.dispute.${input.decision}`,
      entity: 'qa_dispute',
      entityId: d.id,
      detail: { evaluationId: r.id, itemId: d.item_id, scoreBefore: r.score, scoreAfter: result.score, newValue: input.newValue },
    });
    const notices = await notifyUsers(
      tx,
      await usersOfAgent(tx, r.agent_id),
      { kind: 'qa.disputeDecided', data: { disputeId: d.id, evaluationId: r.id, decision: input.decision, score: result.score }, link: '#/quality/mine' },
      now,
    );
    return { state: dispute.state, score: result.score, scoreBefore: r.score, notices };
  });
  publishNotices(deps, out.notices);
  return { state: out.state, score: out.score, scoreBefore: out.scoreBefore };
}

/** Disputes the actor sees (agents: their own; team leads: their teams'; QA: all of the center). */
export async function listDisputes(deps: ServiceDeps, actor: Actor, q: { state?: string }) {
  return storedDisputes(deps.store.db, actor.scope, q);
}
