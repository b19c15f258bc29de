import type { Messages } from './types';

/** The phone's bottom tab bar (components/PhoneTabBar.tsx). */
export const phoneMessages: Messages = {
  'zh-CN': {
    phone: { tabbar: '常用功能', menu: '菜单', tabs: { schedule: '排班', checkin: '签到', scores: '成绩', kb: '知识库', workorders: '工单' } },
  },
  'zh-TW': {
    phone: { tabbar: '常用功能', menu: '選單', tabs: { schedule: '排班', checkin: '簽到', scores: '成績', kb: '知識庫', workorders: '工單' } },
  },
  en: {
    phone: { tabbar: 'Shortcuts', menu: 'Menu', tabs: { schedule: 'Schedule', checkin: 'Check-in', scores: 'Scores', kb: 'KB', workorders: 'Orders' } },
  },
};
