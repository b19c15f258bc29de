import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema';
import { DomainError, notFound } from '../../core/errors';
import type { FieldError, ScorecardTemplate } from '../../core/quality/index';
import { uniqueAs } from '../errors';

type Db = Kysely<DB>;

/** Many field errors as one validation error: the first field named, every message kept. */
export function fieldErrors(prefix: string, errors: readonly FieldError[]): DomainError {
  const p = (path: string) => (prefix ? (path === '(root)' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`) : path);
  const first = errors[0]!;
  // a pass-through: the first error's own reason (a core check without one is shown in English)
  return new DomainError(errors.map((e) => `${p(e.path)}: ${e.message}`).join('; '), 'validation', p(first.path), {
    reason: first.reason,
    params: first.params ?? {},
  });
}

export interface TemplateRow {
  id: number;
  key: string;
  version: number;
  name: string;
  active: boolean;
  createdAt: number;
  template: ScorecardTemplate;
}

const toRow = (r: Selectable<DB['qa_templates']>): TemplateRow => ({
  id: r.id,
  key: r.template_key,
  version: r.version,
  name: r.name,
  active: r.active === 1,
  createdAt: r.created_at,
  template: JSON.parse(r.definition) as ScorecardTemplate,
});

/** The highest stored version of a template key in a center (0 when none). */
export async function lastTemplateVersion(db: Db, centerId: number, key: string): Promise<number> {
  if (!key) return 0;
  const last = await db
    .selectFrom('qa_templates')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('center_id', '=', centerId)
    .where('template_key', '=', key)
    .executeTakeFirst();
  return Number(last?.v ?? 0);
}

/**
 * Stores a checked template as a new version and makes it the active one (earlier versions stay,
 * so evaluations keep the version they were scored on). A version stored twice is a 409.
 */
export async function insertTemplateVersion(db: Db, centerId: number, t: ScorecardTemplate, userId: number | null, now: number): Promise<number> {
  const row = await uniqueAs('template.version', `template "${t.id}" v${t.version} already exists`, () =>
    db
      .insertInto('qa_templates')
      .values({
        center_id: centerId,
        template_key: t.id,
        version: t.version,
        name: t.name,
        definition: JSON.stringify(t),
        active: 1,
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  );
  await db
    .updateTable('qa_templates')
    .set({ active: 0 })
    .where('center_id', '=', centerId)
    .where('template_key', '=', t.id)
    .where('id', '<>', row.id)
    .execute();
  return row.id;
}

/** A template version of a center, if it exists. */
export async function findTemplate(db: Db, centerId: number, id: number): Promise<TemplateRow | undefined> {
  const r = await db.selectFrom('qa_templates').selectAll().where('id', '=', id).where('center_id', '=', centerId).executeTakeFirst();
  return r ? toRow(r) : undefined;
}

export async function getTemplate(db: Db, id: number): Promise<TemplateRow> {
  const r = await db.selectFrom('qa_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound('scorecardTemplate', id);
  return toRow(r);
}

export async function listTemplates(db: Db, centerId: number, opts: { activeOnly?: boolean } = {}): Promise<TemplateRow[]> {
  let q = db.selectFrom('qa_templates').selectAll().where('center_id', '=', centerId).orderBy('template_key').orderBy('version', 'desc');
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return (await q.execute()).map(toRow);
}
