import type { Messages } from './types';

/** The notification bell in the top bar (every capability's personal notifications). */
export const notificationMessages: Messages = {
  'zh-CN': {
    notif: {
      bell: '通知',
      unread: '{{n}} 条未读',
      empty: '暂无通知',
      markAll: '全部已读',
      kinds: {
        'wo.step': '工单 #{{orderId}} {{title}}：{{step}}',
        'wo.assigned': '工单 #{{orderId}} {{title}} 已转给你',
        'wo.sla_warning': '工单 #{{orderId}} {{title}} 即将超时',
        'wo.sla_breached': '工单 #{{orderId}} {{title}} 已超时',
        other: '{{title}}',
      },
    },
  },
  'zh-TW': {
    notif: {
      bell: '通知',
      unread: '{{n}} 則未讀',
      empty: '暫無通知',
      markAll: '全部已讀',
      kinds: {
        'wo.step': '工單 #{{orderId}} {{title}}：{{step}}',
        'wo.assigned': '工單 #{{orderId}} {{title}} 已轉給你',
        'wo.sla_warning': '工單 #{{orderId}} {{title}} 即將逾時',
        'wo.sla_breached': '工單 #{{orderId}} {{title}} 已逾時',
        other: '{{title}}',
      },
    },
  },
  en: {
    notif: {
      bell: 'Notifications',
      unread: '{{n}} unread',
      empty: 'No notifications',
      markAll: 'Mark all read',
      kinds: {
        'wo.step': 'Work order #{{orderId}} {{title}}: {{step}}',
        'wo.assigned': 'Work order #{{orderId}} {{title}} is now with you',
        'wo.sla_warning': 'Work order #{{orderId}} {{title}} is nearly due',
        'wo.sla_breached': 'Work order #{{orderId}} {{title}} is overdue',
        other: '{{title}}',
      },
    },
  },
};
