import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A list that scrolls sideways on a phone instead of widening the page. */
export function Scroll({ children }: { children: ReactNode }) {
  return <div style={{ overflowX: 'auto' }}>{children}</div>;
}

/** Edit / delete buttons of a list row; delete asks first, naming the row. */
export function RowActions({ name, onEdit, onDelete }: { name: string; onEdit?: () => void; onDelete?: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="form-row" style={{ margin: 0, flexWrap: 'nowrap' }}>
      {onEdit && (
        <button type="button" className="secondary" onClick={onEdit} aria-label={`${t('setup.common.edit')} ${name}`}>
          {t('setup.common.edit')}
        </button>
      )}
      {onDelete && (
        <button
          type="button"
          className="secondary"
          onClick={() => window.confirm(t('setup.common.confirmDelete', { name })) && onDelete()}
          aria-label={`${t('setup.common.delete')} ${name}`}
        >
          {t('setup.common.delete')}
        </button>
      )}
    </span>
  );
}

/** The button that leaves an edit form without saving (the form then creates again). */
export function CancelEdit({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="secondary" onClick={onCancel}>
      {t('setup.common.cancel')}
    </button>
  );
}

/** The Save (submits the form) and Cancel pair at the foot of an edit form of a setup list. */
export function SaveCancel({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="form-row">
      <button type="submit">{t('setup.common.save')}</button>
      <button type="button" className="secondary" onClick={onCancel}>
        {t('setup.common.cancel')}
      </button>
    </div>
  );
}
