import type { ZodError } from 'zod';
import { issueReason } from '../core/issueReason';

/**
 * A request's zod refusal as the API's error body: the field by its path, a stable reason (`errors.input.*`,
 * or a shared atom's own reason, src/server/schemas.ts) with its bound, so the web can say it next to the
 * field in the user's language.
 */
export function zodToError(e: ZodError, where: string) {
  const issue = e.issues[0]!;
  const field = [where, ...issue.path.map(String)].filter(Boolean).join('.');
  const { reason, params } = issueReason(issue);
  return { error: 'validation', field, message: `${field}: ${issue.message}`, reason, params: { ...params, field } };
}
