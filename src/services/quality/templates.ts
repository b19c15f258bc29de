/** Scorecard templates (評分表): every version kept, the newest active. */
import { parseTemplate } from '../../core/quality/index';
import { audit } from '../../store/audit';
import { withTx } from '../../store/db';
import {
  fieldErrors,
  getTemplate,
  insertTemplateVersion,
  lastTemplateVersion,
  listTemplates as storedTemplates,
  type TemplateRow,
} from '../../store/quality/templates';
import type { Actor, ServiceDeps } from '../context';

export async function listTemplates(deps: ServiceDeps, actor: Actor, q: { active?: boolean } = {}): Promise<TemplateRow[]> {
  return storedTemplates(deps.store.db, actor.scope.centerId, { activeOnly: q.active });
}

/**
 * Stores a new version of a scorecard template (version = last + 1; the input's version is ignored).
 * Checked by the core's parseTemplate: weights that do not add up are refused, naming the field.
 */
export async function saveTemplate(deps: ServiceDeps, actor: Actor, input: { template: unknown }): Promise<TemplateRow> {
  const obj = (input.template && typeof input.template === 'object' ? input.template : {}) as Record<string, unknown>;
  const centerId = actor.scope.centerId;
  const now = deps.now();
  return withTx(deps.store.db, async (tx) => {
    const version = (await lastTemplateVersion(tx, centerId, typeof obj.id === 'string' ? obj.id : '')) + 1;
    const parsed = parseTemplate({ ...obj, version });
    if (!parsed.ok) throw fieldErrors('template', parsed.errors);
    const id = await insertTemplateVersion(tx, centerId, parsed.value, actor.userId, now);
    await audit(tx, {
      at: now,
      userId: actor.userId,
      action: 'qa.template.version',
      entity: 'qa_template',
      entityId: id,
      detail: { key: parsed.value.id, version },
    });
    return getTemplate(tx, id);
  });
}
