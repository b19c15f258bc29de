/**
 * Shared zod atoms of the contract (issue 10, moved here by issue 13): calendar dates and months
 * checked as real dates in a sane range, so `2026-13-45`, `0001-01-01` or `9999-12-31` are refused
 * with a reason instead of reaching the store; epoch-ms times in the same years; an id in a path.
 * Every endpoint takes its date fields from here (src/server/schemas.ts finds them by identity).
 */
import { z } from 'zod';
import { calendarDateProblem, DATE_MAX_YEAR, DATE_MIN_YEAR } from '../core/calendar';

/** A calendar date YYYY-MM-DD (a real day, years 2000–2100). Reasons input.badDate / input.dateOutOfRange. */
export const isoDate = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const p = m ? calendarDateProblem(Number(m[1]), Number(m[2]), Number(m[3]), s) : { reason: 'input.badDate' as const, params: { value: s.slice(0, 40) } };
  if (!p) return;
  const message =
    p.reason === 'input.badDate'
      ? `expected a date YYYY-MM-DD, got ${JSON.stringify(s.slice(0, 40))}`
      : `date ${s} is out of range (${p.params.min} to ${p.params.max})`;
  ctx.addIssue({ code: 'custom', message, params: { reason: p.reason, ...p.params } });
});

/** A month YYYY-MM (01–12, years 2000–2100). */
export const isoMonth = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a month YYYY-MM, got ${JSON.stringify(s.slice(0, 40))}`,
      params: { reason: 'input.badDate', value: s.slice(0, 40) },
    });
    return;
  }
  const y = Number(m[1]);
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
    ctx.addIssue({
      code: 'custom',
      message: `month ${s} is out of range (${DATE_MIN_YEAR}-01 to ${DATE_MAX_YEAR}-12)`,
      params: { reason: 'input.dateOutOfRange', min: `${DATE_MIN_YEAR}-01`, max: `${DATE_MAX_YEAR}-12`, value: s },
    });
});

const EPOCH_MIN = Date.UTC(DATE_MIN_YEAR, 0, 1);
const EPOCH_MAX = Date.UTC(DATE_MAX_YEAR + 1, 0, 1) - 1;
const epochCheck = (n: number, ctx: z.RefinementCtx) => {
  if (n >= EPOCH_MIN && n <= EPOCH_MAX) return;
  const min = `${DATE_MIN_YEAR}-01-01`;
  const max = `${DATE_MAX_YEAR}-12-31`;
  ctx.addIssue({
    code: 'custom',
    message: `time ${n} (epoch ms) is out of range (${min} to ${max})`,
    params: { reason: 'input.dateOutOfRange', min, max, value: String(n) },
  });
};
/** A time in epoch milliseconds within the same years as the date atoms (a body field). */
export const epochMs = z.number().int().superRefine(epochCheck);
/** The same in a query string. */
export const epochMsQuery = z.coerce.number().int().superRefine(epochCheck);

/** A positive id in a path (`/…/:id`). */
export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** The answer of a call that only says it went through. */
export const okResponse = z.object({ ok: z.literal(true) });
