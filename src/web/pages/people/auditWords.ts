import type { i18n as I18n } from 'i18next';
import { auditKey } from '../../i18n/audit';

/**
 * An audit code in the user's words: the action (`audit.actions.*`, or a work order's step in the
 * work-order page's words) and the entity (`audit.entities.*`). A code written after these words
 * were (a new action, a center's own work-order step) has none: null, and the page shows
 * "other action" with the code as stored, never a raw translation key.
 */
export function auditActionWords(i18n: Pick<I18n, 't' | 'exists'>, code: string): string | null {
  const key = `audit.actions.${auditKey(code)}`;
  if (i18n.exists(key)) return i18n.t(key);
  const step = /^wo\.([a-z_]+)$/.exec(code)?.[1];
  if (step && i18n.exists(`wo.transitions.${step}`)) return i18n.t('audit.workOrderStep', { step: i18n.t(`wo.transitions.${step}`) });
  return null;
}

export function auditEntityWords(i18n: Pick<I18n, 't' | 'exists'>, code: string): string | null {
  const key = `audit.entities.${auditKey(code)}`;
  return i18n.exists(key) ? i18n.t(key) : null;
}
