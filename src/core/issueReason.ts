/**
 * A zod issue as a stable reason (`errors.input.*` in the web) with its bound, so a refusal can be said
 * next to its field in the user's language. A custom issue that carries its own `params.reason` (shared
 * atoms, the scorecard and KPI-plan rules) keeps it. Used by the server's request validation and by the
 * core parsers that check stored rules (scorecards, KPI plans).
 */
export interface IssueLike {
  code: string;
  message: string;
  path: readonly PropertyKey[];
}

export interface IssueReason {
  reason: string;
  params: Record<string, string | number | boolean | null>;
}

/** The reason a custom issue carries (`params.reason`), with its other params; null when it has none. */
export function ownReason(issue: IssueLike): IssueReason | null {
  const p = issue.code === 'custom' ? (issue as { params?: Record<string, string | number | boolean | null> }).params : undefined;
  if (!p?.reason) return null;
  return { reason: String(p.reason), params: Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'reason')) };
}

/** The generic reason of a zod issue: required, invalid type, too small / big with the bound, invalid option… */
export function genericReason(issue: IssueLike): IssueReason {
  const i = issue as unknown as { code: string; origin?: string; minimum?: unknown; maximum?: unknown; values?: unknown[] };
  const bound = (b: unknown) => (typeof b === 'bigint' ? Number(b) : typeof b === 'number' ? b : null);
  const unit = i.origin === 'string' ? 'Length' : i.origin === 'array' || i.origin === 'set' ? 'Count' : '';
  switch (i.code) {
    case 'too_small':
      return { reason: `input.tooSmall${unit}`, params: { minimum: bound(i.minimum) } };
    case 'too_big':
      return { reason: `input.tooBig${unit}`, params: { maximum: bound(i.maximum) } };
    case 'invalid_type':
      // zod leaves the input off its issues unless asked; its message says what it received
      return { reason: /received (undefined|null)$/.test(issue.message) ? 'input.required' : 'input.invalidType', params: {} };
    case 'invalid_value':
      return { reason: 'input.invalidOption', params: { options: (i.values ?? []).map(String).join(' / ') } };
    case 'invalid_format':
      return { reason: 'input.invalidFormat', params: {} };
    default:
      return { reason: 'input.invalid', params: {} };
  }
}

/** The issue's own reason when it has one, else the generic one. */
export const issueReason = (issue: IssueLike): IssueReason => ownReason(issue) ?? genericReason(issue);
