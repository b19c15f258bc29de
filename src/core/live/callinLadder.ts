/**
 * The emergency plan's call-in that moves down its list (issue 17, seed 000 話務應急預案), pure: a raised
 * level asks the people of its call-in order one at a time; the one asked answers (accept / decline) or
 * their answer time runs out, and then the next one is asked. A decline moves on at once (the service
 * calls this step straight after recording it); an acceptance moves on too, because the plan wants every
 * person on its list who can come. A person who cannot be told (no user, inactive) is skipped.
 */

export const CALLIN_ANSWERS = ['pending', 'accepted', 'declined', 'timedOut', 'stopped'] as const;
export type CallinAnswer = (typeof CALLIN_ANSWERS)[number];

/** The answer time of a call-in ask unless the center sets `emergency.callinAnswerMin`. */
export const DEFAULT_CALLIN_ANSWER_MIN = 10;

export interface LadderPerson {
  staffId: number;
  /** has an active user to tell */
  reachable: boolean;
}
export interface LadderAsk {
  id: number;
  orderNo: number;
  answer: CallinAnswer;
  dueAt: number;
}

export interface LadderStep {
  /** pending asks whose answer time has run out (ids) */
  timedOut: number[];
  /** people passed over because they cannot be told (1-based order numbers) */
  skipped: { staffId: number; orderNo: number }[];
  /** the person to ask now, with their 1-based place in the order; null when someone is still deciding or the list is done */
  ask: { staffId: number; orderNo: number } | null;
}

/**
 * What to do at `now` for one raised level: time out the pending ask whose time is up, then ask the next
 * person of the order after the last one asked (skipping those who cannot be told), unless an ask is
 * still within its answer time.
 */
export function ladderStep(order: readonly LadderPerson[], asks: readonly LadderAsk[], now: number): LadderStep {
  const timedOut = asks.filter((a) => a.answer === 'pending' && a.dueAt <= now).map((a) => a.id);
  const stillPending = asks.some((a) => a.answer === 'pending' && a.dueAt > now);
  const stopped = asks.some((a) => a.answer === 'stopped');
  if (stillPending || stopped) return { timedOut, skipped: [], ask: null };
  const lastAsked = asks.reduce((m, a) => Math.max(m, a.orderNo), 0);
  const skipped: LadderStep['skipped'] = [];
  for (let i = lastAsked; i < order.length; i++) {
    const p = order[i]!;
    if (p.reachable) return { timedOut, skipped, ask: { staffId: p.staffId, orderNo: i + 1 } };
    skipped.push({ staffId: p.staffId, orderNo: i + 1 });
  }
  return { timedOut, skipped, ask: null };
}
