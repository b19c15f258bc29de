/**
 * What a notice says, one definition for every place it is read: the bell in the web app
 * (src/web/i18n/notifications.ts spreads these in) and the e-mail and robot messages the server sends
 * (issue 17). `{{name}}` takes the notice's data (and `title`).
 */
export type NoticeLocale = 'zh-CN' | 'zh-TW' | 'en';

export const noticeKindMessages: Record<NoticeLocale, Record<string, string>> = {
  'zh-CN': {
    'wo.step': '工单 #{{orderId}} {{title}}：{{step}}',
    'wo.assigned': '工单 #{{orderId}} {{title}} 已转给你',
    'wo.sla_warning': '工单 #{{orderId}} {{title}} 即将超时',
    'wo.sla_breached': '工单 #{{orderId}} {{title}} 已超时',
    'qa.evaluated': '你有一通电话已评分：{{score}} 分',
    'qa.disputeDecided': '你的申诉已处理：{{decision}}',
    'qa.disputeOpened': '有新的申诉',
    'wfm.schedulePublished': '{{week}} 起一周的排班已发布',
    'live.alert': '现场告警：{{alert}} {{title}}',
    'live.callin': '应急召回：请 {{title}} 立即上线接听电话',
    'live.callinRequest': '应急预案已启动 {{title}}（{{level}} 级），你在召回名单第 {{order}} 位：{{actions}}',
    'live.emergencyRaised': '应急预案已启动：{{title}}（{{level}} 级）',
    'floor.fault': '设备故障报告：{{seat}} 坐席的设备有问题',
    'floor.faultFixed': '你报告的 {{seat}} 坐席设备故障已修复',
    'floor.visitNotice': '参观通知：{{title}} {{date}} {{start}}–{{end}} 参观 {{areas}}，接待人 {{host}}',
    'live.emergencyProposed': '现场指标已达应急 {{level}} 级（{{title}}），请值班经理确认是否启动',
    'duty.handover': '{{title}} 的交接班记录已写好，请阅读并确认',
    'wfm.peakSlot': '新的高峰认购时段：{{title}}，欢迎认购',
    'wfm.vtoSlot': '新的自愿休息（VTO）时段：{{title}}',
    'wfm.overtimeOffer': '加班邀请：{{title}}，名额 {{capacity}} 个，先到先得，请在“我的排班”中回复',
    'wfm.vtoOffer': '自愿提前下班邀请：{{title}}，名额 {{capacity}} 个，先到先得，请在“我的排班”中回复',
    'people.taskAssigned': '你有一项新任务：{{title}}（{{dueOn}} 前完成）',
    'people.certExpiring': '{{agentName}} 的 {{queue}} 队列认证将于 {{expiresOn}} 到期',
    'notice.test': '这是一条测试通知，收到即表示渠道可用',
    'assessment.gapAssigned': '中心自评差距 {{code}} 交给你负责，请在 {{dueDate}} 前完成',
    'peer.planMade': '你加入了帮扶计划「{{title}}」（{{startDate}} 至 {{endDate}}）',
    'peer.shadowBooked': '{{agentName}} 预约在 {{date}} {{start}}–{{end}} 跟听你的电话',
    other: '{{title}}',
  },
  'zh-TW': {
    'wo.step': '工單 #{{orderId}} {{title}}：{{step}}',
    'wo.assigned': '工單 #{{orderId}} {{title}} 已轉給你',
    'wo.sla_warning': '工單 #{{orderId}} {{title}} 即將逾時',
    'wo.sla_breached': '工單 #{{orderId}} {{title}} 已逾時',
    'qa.evaluated': '你有一通電話已評分：{{score}} 分',
    'qa.disputeDecided': '你的申訴已處理：{{decision}}',
    'qa.disputeOpened': '有新的申訴',
    'wfm.schedulePublished': '{{week}} 起一週的排班已發布',
    'live.alert': '現場告警：{{alert}} {{title}}',
    'live.callin': '應急召回：請 {{title}} 立即上線接聽電話',
    'live.callinRequest': '應急預案已啟動 {{title}}（{{level}} 級），你在召回名單第 {{order}} 位：{{actions}}',
    'live.emergencyRaised': '應急預案已啟動：{{title}}（{{level}} 級）',
    'floor.fault': '設備故障報告：{{seat}} 坐席的設備有問題',
    'floor.faultFixed': '你報告的 {{seat}} 坐席設備故障已修復',
    'floor.visitNotice': '參觀通知：{{title}} {{date}} {{start}}–{{end}} 參觀 {{areas}}，接待人 {{host}}',
    'live.emergencyProposed': '現場指標已達應急 {{level}} 級（{{title}}），請值班經理確認是否啟動',
    'duty.handover': '{{title}} 的交接班記錄已寫好，請閱讀並確認',
    'wfm.peakSlot': '新的高峰認購時段：{{title}}，歡迎認購',
    'wfm.vtoSlot': '新的自願休息（VTO）時段：{{title}}',
    'wfm.overtimeOffer': '加班邀請：{{title}}，名額 {{capacity}} 個，先到先得，請在「我的排班」中回覆',
    'wfm.vtoOffer': '自願提前下班邀請：{{title}}，名額 {{capacity}} 個，先到先得，請在「我的排班」中回覆',
    'people.taskAssigned': '你有一項新任務：{{title}}（{{dueOn}} 前完成）',
    'people.certExpiring': '{{agentName}} 的 {{queue}} 佇列認證將於 {{expiresOn}} 到期',
    'notice.test': '這是一則測試通知，收到即表示管道可用',
    'assessment.gapAssigned': '中心自評差距 {{code}} 交給你負責，請在 {{dueDate}} 前完成',
    'peer.planMade': '你加入了幫扶計劃「{{title}}」（{{startDate}} 至 {{endDate}}）',
    'peer.shadowBooked': '{{agentName}} 預約在 {{date}} {{start}}–{{end}} 跟聽你的電話',
    other: '{{title}}',
  },
  en: {
    'wo.step': 'Work order #{{orderId}} {{title}}: {{step}}',
    'wo.assigned': 'Work order #{{orderId}} {{title}} is now with you',
    'wo.sla_warning': 'Work order #{{orderId}} {{title}} is nearly due',
    'wo.sla_breached': 'Work order #{{orderId}} {{title}} is overdue',
    'qa.evaluated': 'A call of yours was scored: {{score}}',
    'qa.disputeDecided': 'Your dispute was decided: {{decision}}',
    'qa.disputeOpened': 'A new dispute',
    'wfm.schedulePublished': 'The schedule of the week from {{week}} is published',
    'live.alert': 'Floor alert: {{alert}} {{title}}',
    'live.callin': 'Emergency call-in: {{title}}, please take calls now',
    'live.callinRequest': 'Emergency plan raised: {{title}} (level {{level}}); you are number {{order}} on the call-in list: {{actions}}',
    'live.emergencyRaised': 'Emergency plan raised: {{title}} (level {{level}})',
    'floor.fault': 'Equipment fault reported at seat {{seat}}',
    'floor.faultFixed': 'The equipment fault you reported at seat {{seat}} is fixed',
    'floor.visitNotice': 'Visit notice: {{title}} on {{date}} {{start}}–{{end}}, visiting {{areas}}, host {{host}}',
    'live.emergencyProposed': 'The floor reached emergency level {{level}} ({{title}}): duty manager, confirm or dismiss',
    'duty.handover': 'The handover of {{title}} is written: please read and acknowledge it',
    'wfm.peakSlot': 'A new peak slot to subscribe to: {{title}}',
    'wfm.vtoSlot': 'A new voluntary time off (VTO) slot: {{title}}',
    'wfm.overtimeOffer': 'Overtime offer: {{title}}, {{capacity}} place(s), first come first served — answer in My schedule',
    'wfm.vtoOffer': 'Voluntary time off (VTO) offer: {{title}}, {{capacity}} place(s), first come first served — answer in My schedule',
    'people.taskAssigned': 'A new task for you: {{title}} (due {{dueOn}})',
    'people.certExpiring': "{{agentName}}'s certification for queue {{queue}} expires on {{expiresOn}}",
    'notice.test': 'A test notice: if you read this, the channel works',
    'assessment.gapAssigned': 'Self-assessment gap {{code}} is yours to close by {{dueDate}}',
    'peer.planMade': 'You are in the help plan “{{title}}” ({{startDate}} to {{endDate}})',
    'peer.shadowBooked': '{{agentName}} will shadow your calls on {{date}} {{start}}–{{end}}',
    other: '{{title}}',
  },
};

/** The floor's alert kinds (core/diagnosis.ts), named for people: the web's alert pages and the robots' messages. */
export const alertKindNames: Record<NoticeLocale, Record<string, string>> = {
  'zh-CN': {
    understaffed: '人力不足',
    overstaffed: '人力过剩',
    idleHigh: '待话过高',
    notReadyAbnormal: '示忙异常',
    longWait: '排队过长',
    longCall: '超长通话',
    outOfAdherence: '未遵守排班',
  },
  'zh-TW': {
    understaffed: '人力不足',
    overstaffed: '人力過剩',
    idleHigh: '待話過高',
    notReadyAbnormal: '示忙異常',
    longWait: '排隊過長',
    longCall: '超長通話',
    outOfAdherence: '未遵守排班',
  },
  en: {
    understaffed: 'Understaffed',
    overstaffed: 'Overstaffed',
    idleHigh: 'Idle share high',
    notReadyAbnormal: 'Abnormal not-ready',
    longWait: 'Long wait',
    longCall: 'Long call',
    outOfAdherence: 'Out of adherence',
  },
};

const frame: Record<NoticeLocale, { subject: string; open: string }> = {
  'zh-CN': { subject: '[CallFloor 现场管理] {{text}}', open: '查看：{{url}}' },
  'zh-TW': { subject: '[CallFloor 現場管理] {{text}}', open: '查看：{{url}}' },
  en: { subject: '[CallFloor] {{text}}', open: 'Open: {{url}}' },
};

const fill = (template: string, params: Record<string, unknown>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => (params[k] == null ? '' : String(params[k])));

export function noticeLocale(locale: string | null | undefined): NoticeLocale {
  return locale === 'zh-TW' || locale === 'en' ? locale : 'zh-CN';
}

/** The subject and the plain-text body of a notice in the reader's language (the link line is added when sent: see noticeOpenLine). */
export function noticeText(
  locale: string | null | undefined,
  n: { kind: string; title: string; data: Record<string, unknown> },
): { subject: string; body: string } {
  const l = noticeLocale(locale);
  const alertKind = typeof n.data.alertKind === 'string' ? n.data.alertKind : null;
  const params = { ...n.data, title: n.title, ...(alertKind ? { alert: alertKindNames[l][alertKind] ?? alertKind } : {}) };
  // a part left empty (no alert kind, no title) leaves no stray space behind
  const text =
    fill(noticeKindMessages[l][n.kind] ?? noticeKindMessages[l].other!, params)
      .replace(/([：:])\s+/g, '$1 ')
      .replace(/：\s/g, '：')
      .replace(/ {2,}/g, ' ')
      .trim() || n.kind;
  return { subject: fill(frame[l].subject, { text }), body: text };
}

/** The line under a notice that opens it in the app. */
export function noticeOpenLine(locale: string | null | undefined, url: string): string {
  return fill(frame[noticeLocale(locale)].open, { url });
}

/** Attempts before a delivery is given up (and shown as failed). */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** When to try again after `attempts` failed tries: 30 s, 1 min, 2 min, 4 min… (capped at 30 min). */
export function retryAt(now: number, attempts: number): number {
  return now + Math.min(30 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/** A webhook address or e-mail shown without its secret part (the access token or key). */
export function maskTarget(target: string): string {
  if (target.includes('@') && !target.includes('/')) {
    const [user, host] = target.split('@');
    return `${user!.slice(0, 2)}…@${host}`;
  }
  const m = /^(\w+:\/\/[^/?#]+)([^?#]*)/.exec(target);
  return m ? `${m[1]}${m[2]}?…${target.slice(-4)}` : '…';
}
