/**
 * Discipline (紀律) and the team fund (樂捐): rulebook validation, violation validation and the
 * per-team fund ledger. All money is integer fen (1 yuan = 100 fen).
 */
import type { Role } from '../roles';
import { PeopleError, parseTime } from './errors';
import { defaultAnyTeamRecorderRoles, type FloorRule, type RuleCategory } from './defaults';

const CATEGORIES: readonly RuleCategory[] = [
  'attendance',
  'appearance',
  'conduct',
  'workstation',
  'equipment',
  'hygiene',
  'safety',
  'security',
  'access',
  'reception',
];

function isFen(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

/** Checks a center's edited rulebook: unique ids and numbers, known categories, integer fen ≥ 0. */
export function validateRuleBook(rules: readonly FloorRule[]): FloorRule[] {
  const ids = new Set<string>();
  const nos = new Set<number>();
  rules.forEach((r, i) => {
    // dotted paths (rules.2.no), the same as the contract's validation, so a form puts the reason by its field
    const f = `rules.${i}`;
    if (!r.id) throw new PeopleError('required', `${f}.id`, 'rule id is required', { reason: 'input.required' });
    if (ids.has(r.id)) throw new PeopleError('duplicate', `${f}.id`, `duplicate rule id ${r.id}`, { reason: 'input.duplicate', params: { value: r.id } });
    ids.add(r.id);
    if (nos.has(r.no)) throw new PeopleError('duplicate', `${f}.no`, `duplicate rule number ${r.no}`, { reason: 'input.duplicate', params: { value: r.no } });
    nos.add(r.no);
    if (!CATEGORIES.includes(r.category))
      throw new PeopleError('bad_category', `${f}.category`, `unknown category ${r.category}`, {
        reason: 'input.invalidOption',
        params: { options: CATEGORIES.join(', ') },
      });
    if (!r.text?.trim()) throw new PeopleError('required', `${f}.text`, 'rule text is required', { reason: 'input.required' });
    if (r.consequence.kind === 'contribution' && (!isFen(r.consequence.amountFen) || r.consequence.amountFen < 0)) {
      throw new PeopleError('bad_amount', `${f}.consequence.amountFen`, 'must be a non-negative integer number of fen', {
        reason: 'input.tooSmall',
        params: { minimum: 0 },
      });
    }
  });
  return rules.map((r) => ({ ...r }));
}

export interface Recorder {
  userId: string;
  roles: readonly Role[];
  /** Teams this user leads (a team lead may record violations only here). */
  leadsTeamIds: readonly string[];
}

export interface ViolationInput {
  id: string;
  ruleId: string;
  agentId: string;
  /** The agent's team, from the store's membership (passed in, never guessed). */
  agentTeamId: string;
  at: string;
  note?: string;
}

export interface Violation {
  id: string;
  ruleId: string;
  ruleNo: number;
  category: RuleCategory;
  agentId: string;
  teamId: string;
  recordedBy: string;
  at: string;
  note?: string;
  /** Contribution to the team fund in fen (0 for a warning). */
  contributionFen: number;
}

/**
 * Validates a violation a lead (or manager) records. A team lead may record only on agents of a
 * team they lead; admin / center_manager / duty_manager (by default) on anyone.
 */
export function validateViolation(
  input: ViolationInput,
  recorder: Recorder,
  rules: readonly FloorRule[],
  anyTeamRoles: readonly Role[] = defaultAnyTeamRecorderRoles,
): Violation {
  if (!input.id) throw new PeopleError('required', 'id', 'violation id is required');
  if (!input.agentId) throw new PeopleError('required', 'agentId', 'agent is required');
  if (!input.agentTeamId) throw new PeopleError('required', 'agentTeamId', 'the agent has no team');
  parseTime(input.at, 'at');
  const r = rules.find((x) => x.id === input.ruleId);
  if (!r) throw new PeopleError('unknown_rule', 'ruleId', `unknown rule ${JSON.stringify(input.ruleId)}`);
  if (!r.active) throw new PeopleError('inactive_rule', 'ruleId', `rule ${r.id} is not active`);
  const anyTeam = recorder.roles.some((x) => anyTeamRoles.includes(x));
  if (!anyTeam) {
    if (!recorder.roles.includes('team_lead')) {
      throw new PeopleError('forbidden', 'recordedBy', `user ${recorder.userId} may not record violations (needs team_lead or a manager role)`);
    }
    if (!recorder.leadsTeamIds.includes(input.agentTeamId)) {
      throw new PeopleError(
        'other_team',
        'agentId',
        `agent ${input.agentId} is in team ${input.agentTeamId}, which team lead ${recorder.userId} does not lead`,
      );
    }
  }
  return {
    id: input.id,
    ruleId: r.id,
    ruleNo: r.no,
    category: r.category,
    agentId: input.agentId,
    teamId: input.agentTeamId,
    recordedBy: recorder.userId,
    at: input.at,
    ...(input.note !== undefined ? { note: input.note } : {}),
    contributionFen: r.consequence.kind === 'contribution' ? r.consequence.amountFen : 0,
  };
}

// ---------------------------------------------------------------- fund ledger

export type FundEntry =
  | { kind: 'contribution'; id: string; teamId: string; amountFen: number; at: string; violationId: string; agentId: string }
  | { kind: 'spending'; id: string; teamId: string; amountFen: number; at: string; receiptRef: string; description: string };

export interface FundSummary {
  teamId: string;
  contributedFen: number;
  spentFen: number;
  balanceFen: number;
  entries: number;
}

/** The fund entry a violation produces, or null for a violation without money. */
export function contributionFromViolation(v: Violation): FundEntry | null {
  if (v.contributionFen <= 0) return null;
  return { kind: 'contribution', id: `c-${v.id}`, teamId: v.teamId, amountFen: v.contributionFen, at: v.at, violationId: v.id, agentId: v.agentId };
}

export function fundSummary(teamId: string, ledger: readonly FundEntry[]): FundSummary {
  let contributed = 0;
  let spent = 0;
  let n = 0;
  for (const e of ledger) {
    if (e.teamId !== teamId) continue;
    n++;
    if (e.kind === 'contribution') contributed += e.amountFen;
    else spent += e.amountFen;
  }
  return { teamId, contributedFen: contributed, spentFen: spent, balanceFen: contributed - spent, entries: n };
}

/**
 * Appends an entry to a team's ledger and returns the new ledger (input untouched). Rejects
 * non-integer or non-positive amounts, a spending without a receipt, a spending above the balance,
 * a duplicate entry id, and an entry for another team.
 */
export function appendFundEntry(teamId: string, ledger: readonly FundEntry[], entry: FundEntry): FundEntry[] {
  if (entry.teamId !== teamId) throw new PeopleError('other_team', 'teamId', `entry is for team ${entry.teamId}, ledger is team ${teamId}`);
  if (!isFen(entry.amountFen) || entry.amountFen <= 0) {
    throw new PeopleError('bad_amount', 'amountFen', `must be a positive integer number of fen, got ${entry.amountFen}`);
  }
  parseTime(entry.at, 'at');
  if (ledger.some((e) => e.id === entry.id)) throw new PeopleError('duplicate', 'id', `entry ${entry.id} is already in the ledger`);
  if (entry.kind === 'spending') {
    if (!entry.receiptRef?.trim()) throw new PeopleError('required', 'receiptRef', 'a spending needs a receipt reference');
    if (!entry.description?.trim()) throw new PeopleError('required', 'description', 'a spending needs a description');
    const bal = fundSummary(teamId, ledger).balanceFen;
    if (entry.amountFen > bal) {
      throw new PeopleError('insufficient_funds', 'amountFen', `spending ${formatYuan(entry.amountFen)} is above the balance ${formatYuan(bal)}`);
    }
  }
  return [...ledger, entry];
}

/** Parses a yuan amount written as text ("5", "5.2", "12.50") into integer fen without float maths. */
export function yuanToFen(yuan: string, field = 'amount'): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new PeopleError('bad_amount', field, `expected yuan like 5 or 5.20, got ${JSON.stringify(yuan)}`);
  const frac = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(frac);
}

/** 1234 → "¥12.34". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}¥${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
