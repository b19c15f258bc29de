/**
 * Zod atoms for the route layer (issue 10). The date and time atoms themselves live in the
 * contract (src/contract/atoms.ts, shared with the web); here they are re-exported, listed for the
 * route-table test, and the NUL-byte check of every request.
 */
import { z } from 'zod';
import { DATE_MAX_YEAR, DATE_MIN_YEAR } from '../core/calendar';

export { DATE_MIN_YEAR, DATE_MAX_YEAR };

export { isoDate, isoMonth, epochMs, epochMsQuery } from '../contract/atoms';
import { isoDate, isoMonth, epochMs, epochMsQuery } from '../contract/atoms';

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
