import type { ZodError } from 'zod';

/**
 * A generic zod issue as a stable reason (`errors.input.*`) with its bound, so the web can say it next
 * to the field in the user's language; a shared atom's own reason (src/server/schemas.ts) wins.
 */
function genericReason(issue: ZodError['issues'][number]): { reason: string; params: Record<string, unknown> } {
  const i = issue as unknown as { code: string; origin?: string; minimum?: unknown; maximum?: unknown; values?: unknown[] };
  const bound = (b: unknown) => (typeof b === 'bigint' ? Number(b) : b);
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

export function zodToError(e: ZodError, where: string) {
  const issue = e.issues[0]!;
  const field = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  // shared atoms (src/server/schemas.ts) put a stable reason and its params on their issues
  const p = issue.code === 'custom' ? (issue as { params?: Record<string, string | number> }).params : undefined;
  const detail = p?.reason
    ? { reason: String(p.reason), params: { ...Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'reason')), field } }
    : (({ reason, params }) => ({ reason, params: { ...params, field } }))(genericReason(issue));
  return { error: 'validation', field, message: `${field}: ${issue.message}`, ...detail };
}
