/** Repeat-complainer detection (seed 000: 投訴專業戶), rule as data (pure). */

export interface RepeatComplainerRule {
  /** This many complaints or more ... */
  count: number;
  /** ... within this many days (ending at `now`, inclusive) flag the customer. */
  withinDays: number;
}

export const DEFAULT_REPEAT_RULE: RepeatComplainerRule = { count: 3, withinDays: 30 };

export interface ComplaintRef {
  customerId: string;
  /** ISO time the complaint was raised. */
  at: string;
}

const DAY = 86_400_000;

/** Complaints by this customer in the window (now − withinDays, now]. */
export function complaintsInWindow(
  complaints: readonly ComplaintRef[],
  customerId: string,
  now: string,
  rule: RepeatComplainerRule = DEFAULT_REPEAT_RULE,
): number {
  const end = Date.parse(now);
  const start = end - rule.withinDays * DAY;
  return complaints.filter((c) => c.customerId === customerId && Date.parse(c.at) > start && Date.parse(c.at) <= end).length;
}

export function isRepeatComplainer(
  complaints: readonly ComplaintRef[],
  customerId: string,
  now: string,
  rule: RepeatComplainerRule = DEFAULT_REPEAT_RULE,
): boolean {
  return complaintsInWindow(complaints, customerId, now, rule) >= rule.count;
}

/** Every flagged customer, sorted by id. */
export function repeatComplainers(complaints: readonly ComplaintRef[], now: string, rule: RepeatComplainerRule = DEFAULT_REPEAT_RULE): string[] {
  const ids = [...new Set(complaints.map((c) => c.customerId))];
  return ids.filter((id) => isRepeatComplainer(complaints, id, now, rule)).sort();
}

/** Who may judge a complaint (upheld / rejected): only upheld ones count in the agent's complaints. */
export const VERDICT_ROLES = ['duty_manager', 'center_manager'] as const;
export const VERDICTS = ['upheld', 'rejected'] as const;
export type Verdict = (typeof VERDICTS)[number];
