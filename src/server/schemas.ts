/**
 * Shared zod atoms for the route layer (issue 10): calendar dates and months checked as real
 * dates in a sane range, so `2026-13-45`, `0001-01-01` or `9999-12-31` are refused with a reason
 * instead of reaching the store. Every route takes its date fields from here.
 */
import { z } from 'zod';
import { calendarDateProblem, DATE_MAX_YEAR, DATE_MIN_YEAR } from '../core/calendar';

export { DATE_MIN_YEAR, DATE_MAX_YEAR };

/** A calendar date YYYY-MM-DD (a real day, years 2000–2100). Reasons input.badDate / input.dateOutOfRange. */
export const isoDate = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const p = m ? calendarDateProblem(Number(m[1]), Number(m[2]), Number(m[3]), s) : { reason: 'input.badDate' as const, params: { value: s.slice(0, 40) } };
  if (!p) return;
  const message = p.reason === 'input.badDate' ? `expected a date YYYY-MM-DD, got ${JSON.stringify(s.slice(0, 40))}` : `date ${s} is out of range (${p.params.min} to ${p.params.max})`;
  ctx.addIssue({ code: 'custom', message, params: { reason: p.reason, ...p.params } });
});

/** A month YYYY-MM (01–12, years 2000–2100). */
export const isoMonth = z.string().superRefine((s, ctx) => {
  const m = /^(\d{4})-(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    ctx.addIssue({ code: 'custom', message: `expected a month YYYY-MM, got ${JSON.stringify(s.slice(0, 40))}`, params: { reason: 'input.badDate', value: s.slice(0, 40) } });
    return;
  }
  const y = Number(m[1]);
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
    ctx.addIssue({ code: 'custom', message: `month ${s} is out of range (${DATE_MIN_YEAR}-01 to ${DATE_MAX_YEAR}-12)`, params: { reason: 'input.dateOutOfRange', min: `${DATE_MIN_YEAR}-01`, max: `${DATE_MAX_YEAR}-12`, value: s } });
});

const EPOCH_MIN = Date.UTC(DATE_MIN_YEAR, 0, 1);
const EPOCH_MAX = Date.UTC(DATE_MAX_YEAR + 1, 0, 1) - 1;
const epochCheck = (n: number, ctx: z.RefinementCtx) => {
  if (n >= EPOCH_MIN && n <= EPOCH_MAX) return;
  const min = `${DATE_MIN_YEAR}-01-01`;
  const max = `${DATE_MAX_YEAR}-12-31`;
  ctx.addIssue({ code: 'custom', message: `time ${n} (epoch ms) is out of range (${min} to ${max})`, params: { reason: 'input.dateOutOfRange', min, max, value: String(n) } });
};
/** A time in epoch milliseconds within the same years as the date atoms (a body field). */
export const epochMs = z.number().int().superRefine(epochCheck);
/** The same in a query string. */
export const epochMsQuery = z.coerce.number().int().superRefine(epochCheck);

/** Every date atom (the route-table test finds date fields by identity with these). */
export const DATE_ATOMS: readonly z.ZodType[] = [isoDate, isoMonth];
/** Every epoch-ms time atom. */
export const EPOCH_ATOMS: readonly z.ZodType[] = [epochMs, epochMsQuery];

/** The first string under `value` that holds a NUL byte, as a dotted path (prefix first), or null. */
export function nulBytePath(value: unknown, prefix: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? prefix : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nulBytePath(value[i], `${prefix}.${i}`, depth + 1);
      if (p) return p;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return `${prefix}.${k.replace(/\u0000/g, '\\0')}`;
    const p = nulBytePath(v, `${prefix}.${k}`, depth + 1);
    if (p) return p;
  }
  return null;
}

type Internals = { _zod?: { def?: { checks?: unknown[] } } };
const ATOM_CHECKS = new Set(DATE_ATOMS.flatMap((a) => (a as Internals)._zod?.def?.checks ?? []));

const EPOCH_CHECKS = new Set(EPOCH_ATOMS.flatMap((a) => (a as Internals)._zod?.def?.checks ?? []));
/** True when `schema` is an epoch-ms time atom. */
export function isEpochAtom(schema: unknown): boolean {
  const d = (schema as Internals & { _zod?: { def?: { type?: string; out?: unknown; in?: unknown } } })?._zod?.def;
  if (d?.type === 'pipe') return isEpochAtom(d.in) || isEpochAtom(d.out);
  return (d?.checks ?? []).some((c) => EPOCH_CHECKS.has(c));
}

/** True when `schema` is a date atom or built from one by refinement (e.g. WFM's `monday`). */
export function isDateAtom(schema: unknown): boolean {
  return ((schema as Internals)?._zod?.def?.checks ?? []).some((c) => ATOM_CHECKS.has(c));
}
