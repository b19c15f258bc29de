/**
 * Disputes (申訴): the agent appeals one item of an evaluation with a reason, within `windowDays`
 * days after being notified of the result; the QA lead decides. States: open → upheld | rejected.
 * An upheld dispute changes that item's answer and the score is recomputed; the previous answer is
 * kept in the evaluation's answer history and every state change stays in the dispute's history.
 */
import { scoreEvaluation, type Answer, type EvaluationScore } from './score';
import { findItem, type FieldError, type ScorecardTemplate } from './template';

export type DisputeState = 'open' | 'upheld' | 'rejected';

export interface DisputeEvent {
  at: string;
  by: string;
  state: DisputeState;
  note: string;
}

export interface Dispute {
  id: string;
  evaluationId: string;
  itemId: string;
  agentId: string;
  reason: string;
  openedAt: string;
  state: DisputeState;
  history: DisputeEvent[];
}

export interface AnswerChange {
  itemId: string;
  from: number | null;
  to: number | null;
  at: string;
  by: string;
  disputeId: string;
}

/** The parts of an evaluation a dispute needs. */
export interface DisputableEvaluation {
  id: string;
  agentId: string;
  /** When the agent was notified of the result (ISO); no dispute before that. */
  notifiedAt: string | null;
  answers: Answer[];
  answerHistory: AnswerChange[];
  calibration?: boolean;
}

export interface DisputeRules {
  /** Calendar days after notification during which a dispute may be opened. Default 7. */
  windowDays: number;
}
export const DEFAULT_DISPUTE_RULES: DisputeRules = { windowDays: 7 };

export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const DAY_MS = 86_400_000;

/** The instant the dispute window closes (ISO), or null when the agent was not notified yet. */
export function disputeDeadline(e: Pick<DisputableEvaluation, 'notifiedAt'>, rules: DisputeRules = DEFAULT_DISPUTE_RULES): string | null {
  if (!e.notifiedAt) return null;
  return new Date(Date.parse(e.notifiedAt) + rules.windowDays * DAY_MS).toISOString();
}

export function openDispute(args: {
  id: string;
  evaluation: DisputableEvaluation;
  template: ScorecardTemplate;
  itemId: string;
  agentId: string;
  reason: string;
  now: string;
  /** Disputes already on this evaluation (an item may have only one open dispute). */
  existing?: readonly Dispute[];
  rules?: DisputeRules;
}): Outcome<Dispute> {
  const { evaluation: e, now } = args;
  const rules = args.rules ?? DEFAULT_DISPUTE_RULES;
  const errors: FieldError[] = [];
  if (e.calibration) errors.push({ path: 'evaluationId', message: 'calibration evaluations cannot be disputed', reason: 'quality.disputeCalibration' });
  if (args.agentId !== e.agentId)
    errors.push({ path: 'agentId', message: 'only the evaluated agent may dispute this evaluation', reason: 'quality.disputeNotYourEvaluation' });
  if (!findItem(args.template, args.itemId))
    errors.push({
      path: 'itemId',
      message: `item "${args.itemId}" is not in this scorecard`,
      reason: 'quality.itemNotInScorecard',
      params: { itemId: args.itemId },
    });
  if (!args.reason.trim()) errors.push({ path: 'reason', message: 'a reason is required', reason: 'input.required' });
  const deadline = disputeDeadline(e, rules);
  if (deadline === null)
    errors.push({ path: 'evaluationId', message: 'the agent has not been notified of this evaluation yet', reason: 'quality.disputeNotNotified' });
  else if (Date.parse(now) > Date.parse(deadline)) {
    errors.push({
      path: 'openedAt',
      message: `the dispute window closed at ${deadline} (${rules.windowDays} days after notification)`,
      reason: 'quality.disputeWindowClosed',
      params: { deadline, windowDays: rules.windowDays },
    });
  }
  if (args.existing?.some((d) => d.evaluationId === e.id && d.itemId === args.itemId && d.state === 'open')) {
    errors.push({
      path: 'itemId',
      message: `item "${args.itemId}" already has an open dispute`,
      reason: 'quality.disputeAlreadyOpen',
      params: { itemId: args.itemId },
    });
  }
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      id: args.id,
      evaluationId: e.id,
      itemId: args.itemId,
      agentId: args.agentId,
      reason: args.reason,
      openedAt: now,
      state: 'open',
      history: [{ at: now, by: args.agentId, state: 'open', note: args.reason }],
    },
  };
}

export interface DisputeDecision {
  decision: 'upheld' | 'rejected';
  by: string;
  at: string;
  note: string;
  /** Required when upheld: the corrected answer for the item (null = N/A where allowed). */
  newValue?: number | null;
}

/**
 * Decides an open dispute. Upheld: the item's answer becomes `newValue`, the change is appended to
 * `answerHistory` and the score is recomputed. Rejected: answers unchanged.
 */
export function decideDispute(
  dispute: Dispute,
  evaluation: DisputableEvaluation,
  template: ScorecardTemplate,
  d: DisputeDecision,
): Outcome<{ dispute: Dispute; evaluation: DisputableEvaluation; result: EvaluationScore }> {
  const errors: FieldError[] = [];
  if (dispute.state !== 'open')
    errors.push({ path: 'state', message: `dispute is already ${dispute.state}`, reason: 'quality.disputeDecided', params: { state: dispute.state } });
  if (dispute.evaluationId !== evaluation.id)
    errors.push({ path: 'evaluationId', message: 'dispute belongs to another evaluation', reason: 'quality.disputeOtherEvaluation' });
  if (d.decision === 'upheld' && d.newValue === undefined) {
    errors.push({ path: 'newValue', message: 'an upheld dispute needs the corrected value', reason: 'quality.disputeNeedsValue' });
  }
  if (errors.length) return { ok: false, errors };
  let answers = evaluation.answers;
  let answerHistory = evaluation.answerHistory;
  if (d.decision === 'upheld') {
    const old = answers.find((a) => a.itemId === dispute.itemId);
    answers = answers.map((a) => (a.itemId === dispute.itemId ? { ...a, value: d.newValue! } : a));
    answerHistory = [...answerHistory, { itemId: dispute.itemId, from: old ? old.value : null, to: d.newValue!, at: d.at, by: d.by, disputeId: dispute.id }];
  }
  let result: EvaluationScore;
  try {
    result = scoreEvaluation(template, answers);
  } catch (err) {
    const errs = (err as { errors?: FieldError[] }).errors;
    return {
      ok: false,
      errors: errs?.map((x) => ({ ...x, path: x.path.startsWith('answers') ? 'newValue' : x.path })) ?? [{ path: 'newValue', message: String(err) }],
    };
  }
  return {
    ok: true,
    value: {
      dispute: { ...dispute, state: d.decision, history: [...dispute.history, { at: d.at, by: d.by, state: d.decision, note: d.note }] },
      evaluation: { ...evaluation, answers, answerHistory },
      result,
    },
  };
}
