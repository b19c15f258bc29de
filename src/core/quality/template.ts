/**
 * QA scorecard templates (質檢評分表): versions, weighted sections, weighted items,
 * fatal (致命項) and non-fatal items, N/A allowed per item.
 *
 * Weight rule (chosen, strict — no silent normalisation): section weights must add up to 100
 * and, inside each section, item weights must add up to 100. A template that breaks the rule is
 * rejected with an error naming the field, e.g. `sections[1].items: item weights add up to 90, must be 100`.
 * Scoring still re-normalises over the items / sections actually scored (N/A leaves the mean).
 *
 * Failure rule: an item is "failed" when its picked value is below `passAt` (default: `max`,
 * i.e. anything short of full marks). fatalRate and nonFatalRate count failures by this rule.
 */
import { z } from 'zod';
import { issueReason } from '../issueReason';

export type FatalMode = 'zero' | 'flag';

export interface ItemOption {
  value: number;
  label: string;
}

export interface ScorecardItem {
  id: string;
  label: string;
  /** Weight inside its section; the item weights of a section add up to 100. */
  weight: number;
  min: number;
  max: number;
  /** Allowed picked values. When absent any number in [min, max] may be picked. */
  options?: ItemOption[];
  fatal: boolean;
  naAllowed: boolean;
  /** Picked values below this are a failure. Default: max. */
  passAt?: number;
}

export interface ScorecardSection {
  id: string;
  label: string;
  /** Weight in the evaluation; the section weights of a template add up to 100. */
  weight: number;
  items: ScorecardItem[];
}

export interface ScorecardTemplate {
  id: string;
  version: number;
  name: string;
  fatalMode: FatalMode;
  sections: ScorecardSection[];
}

/** A validation problem naming the field, e.g. `sections[0].items[2].max`. */
export interface FieldError {
  path: string;
  message: string;
  /** A stable code for the web to say it in the user's language (`errors.<reason>`), with its params. */
  reason?: string;
  params?: Record<string, string | number | boolean | null>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Tolerance for weight sums (weights may be decimals such as 33.33 + 33.33 + 33.34). */
export const WEIGHT_TOLERANCE = 1e-6;

const optionSchema = z.object({
  value: z.number(),
  label: z.string().min(1),
});

const itemSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    weight: z.number().positive(),
    min: z.number(),
    max: z.number(),
    options: z.array(optionSchema).min(1).optional(),
    fatal: z.boolean(),
    naAllowed: z.boolean(),
    passAt: z.number().optional(),
  })
  .superRefine((item, ctx) => {
    if (!(item.max > item.min)) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `max (${item.max}) must be greater than min (${item.min})`,
        params: { reason: 'quality.maxNotAboveMin', min: item.min, max: item.max },
      });
      return;
    }
    item.options?.forEach((o, i) => {
      if (o.value < item.min || o.value > item.max) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'value'],
          message: `option value ${o.value} is outside [${item.min}, ${item.max}]`,
          params: { reason: 'quality.outsideRange', value: o.value, min: item.min, max: item.max },
        });
      }
    });
    if (item.passAt !== undefined && (item.passAt < item.min || item.passAt > item.max)) {
      ctx.addIssue({
        code: 'custom',
        path: ['passAt'],
        message: `passAt ${item.passAt} is outside [${item.min}, ${item.max}]`,
        params: { reason: 'quality.outsideRange', value: item.passAt, min: item.min, max: item.max },
      });
    }
  });

const sectionSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    weight: z.number().positive(),
    items: z.array(itemSchema).min(1),
  })
  .superRefine(
    (s, ctx) => {
      const sum = weightSum(s.items);
      if (sum !== null && Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['items'],
          message: `item weights add up to ${round6(sum)}, must be 100`,
          params: { reason: 'quality.itemWeightSum', sum: round6(sum), must: 100 },
        });
      }
    },
    // Run even when an item has another problem, so every error is reported in one pass.
    { when: () => true },
  );

export const scorecardTemplateSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    name: z.string().min(1),
    fatalMode: z.enum(['zero', 'flag']),
    sections: z.array(sectionSchema).min(1),
  })
  .superRefine(
    (t, ctx) => {
      // Defensive: with `when` this also runs on input that failed elsewhere.
      if (!Array.isArray(t.sections)) return;
      const sum = weightSum(t.sections);
      if (sum !== null && Math.abs(sum - 100) > WEIGHT_TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections'],
          message: `section weights add up to ${round6(sum)}, must be 100`,
          params: { reason: 'quality.sectionWeightSum', sum: round6(sum), must: 100 },
        });
      }
      const sectionIds = new Set<string>();
      const itemIds = new Set<string>();
      t.sections.forEach((s, si) => {
        if (typeof s?.id === 'string') {
          if (sectionIds.has(s.id))
            ctx.addIssue({
              code: 'custom',
              path: ['sections', si, 'id'],
              message: `duplicate section id "${s.id}"`,
              params: { reason: 'input.duplicate', value: s.id },
            });
          sectionIds.add(s.id);
        }
        if (!Array.isArray(s?.items)) return;
        s.items.forEach((it, ii) => {
          if (typeof it?.id !== 'string') return;
          if (itemIds.has(it.id)) {
            ctx.addIssue({
              code: 'custom',
              path: ['sections', si, 'items', ii, 'id'],
              message: `duplicate item id "${it.id}"`,
              params: { reason: 'input.duplicate', value: it.id },
            });
          }
          itemIds.add(it.id);
        });
      });
    },
    { when: () => true },
  );

/** Sum of weights, or null when some weight is not a number (that error is reported on the field). */
function weightSum(xs: unknown): number | null {
  if (!Array.isArray(xs)) return null;
  let sum = 0;
  for (const x of xs) {
    const w = (x as { weight?: unknown } | null)?.weight;
    if (typeof w !== 'number' || !Number.isFinite(w)) return null;
    sum += w;
  }
  return sum;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** `['sections', 1, 'items', 0, 'weight']` → `sections[1].items[0].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out || '(root)';
}

export function zodErrors(issues: readonly { code: string; path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((i) => ({ path: formatPath(i.path), message: i.message, ...issueReason(i) }));
}

/** Validates unknown input as a template; errors name the field. */
export function parseTemplate(input: unknown): Parsed<ScorecardTemplate> {
  const r = scorecardTemplateSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data as ScorecardTemplate };
  return { ok: false, errors: zodErrors(r.error.issues) };
}

export function templateItems(t: ScorecardTemplate): { section: ScorecardSection; item: ScorecardItem }[] {
  return t.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
}

export function findItem(t: ScorecardTemplate, itemId: string): ScorecardItem | undefined {
  for (const s of t.sections) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

/** A new version of a template: same id, version + 1. Evaluations keep the version they were scored on. */
export function nextVersion(t: ScorecardTemplate, changes: Partial<Omit<ScorecardTemplate, 'id' | 'version'>>): ScorecardTemplate {
  return { ...t, ...changes, id: t.id, version: t.version + 1 };
}
