import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { call, subscribe } from '../api';
import { useEndpoint } from '../hooks';
import { contract, topics } from '../../contract/index';
import { topicName } from '../../contract/endpoint';
import type { Notice } from '../../contract/notifications';
import { fmtDateTime } from '../format';

export type { Notice };

/** One line for a notification of any capability: `notif.kinds.<kind>` (core/notices/text.ts), else the title. */
export function noticeText(t: TFunction, n: Notice): string {
  const d = (n.data ?? {}) as Record<string, unknown>; // each capability's own fields, read by its message
  const params = {
    ...d,
    title: n.title,
    score: typeof d.score === 'number' ? String(Math.round(d.score * 10) / 10) : '',
    decision: d.decision ? t(`qa.states.${d.decision}`) : '',
    step: d.transition ? t(`wo.transitions.${d.transition}`) : '',
  };
  return t([`notif.kinds.${n.kind}`, 'notif.kinds.other'], params);
}

/** The bell in the top bar: unread count, the latest notifications with their links, live on `user:<id>`. */
export function NotificationBell({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const list = useEndpoint(contract.notifications.list, { query: { limit: 20 } });
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      subscribe([topicName(topics.user, { userId })], (e) => {
        if (e.kind === 'user' && (e.data.type === 'notification' || e.data.type === 'notification.read')) void list.reload();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [userId],
  );
  const unread = list.data?.unread ?? 0;
  const read = async (ids: number[] | 'all') => {
    await call(contract.notifications.markRead, { body: { ids } });
    await list.reload();
  };
  return (
    <span className="bell">
      <button
        className="secondary"
        data-testid="bell"
        aria-label={`${t('notif.bell')}${unread ? ` (${t('notif.unread', { n: unread })})` : ''}`}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        🔔
        {unread > 0 && (
          <span className="bell-count" data-testid="bell-count">
            {unread}
          </span>
        )}
      </button>
      {open && (
        <div className="bell-list card" data-testid="bell-list">
          <div className="form-row" style={{ justifyContent: 'space-between' }}>
            <strong>{t('notif.bell')}</strong>
            {unread > 0 && (
              <button className="secondary" onClick={() => void read('all')}>
                {t('notif.markAll')}
              </button>
            )}
          </div>
          {(list.data?.items ?? []).length === 0 ? (
            <p className="hint">{t('notif.empty')}</p>
          ) : (
            <ul>
              {list.data!.items.map((n) => (
                <li key={n.id} className={n.readAt ? 'read' : 'unread'} data-kind={n.kind}>
                  <a
                    href={n.link ?? '#/'}
                    onClick={() => {
                      setOpen(false);
                      if (!n.readAt) void read([n.id]);
                    }}
                  >
                    {noticeText(t, n)}
                  </a>
                  <div className="hint">{fmtDateTime(n.at)}</div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </span>
  );
}
