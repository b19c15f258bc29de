import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema';
import { DomainError, notFound } from '../../core/errors';
import { parseTemplate, type FieldError, type ScorecardTemplate } from '../../core/quality/index';
import { withTx } from '../db';
import { uniqueAs } from '../errors';
import { audit } from '../audit';

type Db = Kysely<DB>;

/** Many field errors as one validation error: the first field named, every message kept. */
export function fieldErrors(prefix: string, errors: readonly FieldError[]): DomainError {
  const p = (path: string) => (prefix ? (path === '(root)' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`) : path);
  return new DomainError(errors.map((e) => `${p(e.path)}: ${e.message}`).join('; '), 'validation', p(errors[0]!.path));
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

/**
 * Stores a new version of a scorecard template (version = last + 1; the input's version is ignored).
 * Validated by the core's parseTemplate: weights that do not add up are refused, naming the field.
 * Earlier versions stay, so evaluations keep the version they were scored on.
 */
export async function saveTemplateVersion(db: Db, centerId: number, input: unknown, userId: number | null, now: number): Promise<TemplateRow> {
  const obj = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return withTx(db, async (tx) => {
    const key = typeof obj.id === 'string' ? obj.id : '';
    const last = key
      ? await tx
          .selectFrom('qa_templates')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('center_id', '=', centerId)
          .where('template_key', '=', key)
          .executeTakeFirst()
      : undefined;
    const version = Number(last?.v ?? 0) + 1;
    const parsed = parseTemplate({ ...obj, version });
    if (!parsed.ok) throw fieldErrors('template', parsed.errors);
    const t = parsed.value;
    const row = await uniqueAs('template.version', `template "${t.id}" v${version} already exists`, () =>
      tx
        .insertInto('qa_templates')
        .values({
          center_id: centerId,
          template_key: t.id,
          version,
          name: t.name,
          definition: JSON.stringify(t),
          active: 1,
          created_by: userId,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    // the newest version is the active one
    await tx
      .updateTable('qa_templates')
      .set({ active: 0 })
      .where('center_id', '=', centerId)
      .where('template_key', '=', t.id)
      .where('id', '<>', row.id)
      .execute();
    await audit(tx, { at: now, userId, action: 'qa.template.version', entity: 'qa_template', entityId: row.id, detail: { key: t.id, version } });
    return getTemplate(tx, row.id);
  });
}

export async function getTemplate(db: Db, id: number): Promise<TemplateRow> {
  const r = await db.selectFrom('qa_templates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(`scorecard template ${id}`);
  return toRow(r);
}

export async function listTemplates(db: Db, centerId: number, opts: { activeOnly?: boolean } = {}): Promise<TemplateRow[]> {
  let q = db.selectFrom('qa_templates').selectAll().where('center_id', '=', centerId).orderBy('template_key').orderBy('version', 'desc');
  if (opts.activeOnly) q = q.where('active', '=', 1);
  return (await q.execute()).map(toRow);
}
