import type { Messages } from './types';
import { noticeKindMessages } from '../../core/notices/text';

/** The notification bell in the top bar (every capability's personal notifications; the kinds' texts are core's, shared with e-mail and robots). */
export const notificationMessages: Messages = {
  'zh-CN': {
    notif: {
      bell: '通知',
      unread: '{{n}} 条未读',
      empty: '暂无通知',
      markAll: '全部已读',
      kinds: noticeKindMessages['zh-CN'],
    },
  },
  'zh-TW': {
    notif: {
      bell: '通知',
      unread: '{{n}} 則未讀',
      empty: '暫無通知',
      markAll: '全部已讀',
      kinds: noticeKindMessages['zh-TW'],
    },
  },
  en: {
    notif: {
      bell: 'Notifications',
      unread: '{{n}} unread',
      empty: 'No notifications',
      markAll: 'Mark all read',
      kinds: noticeKindMessages.en,
    },
  },
};
