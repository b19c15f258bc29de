import type { Messages } from './types';

const states = {
  'zh-CN': { loggedOut: '未登录', ready: '空闲', ringing: '振铃', talking: '通话', hold: '保持', acw: '话后处理', notReady: '示忙' },
  'zh-TW': { loggedOut: '未登入', ready: '空閒', ringing: '振鈴', talking: '通話', hold: '保留', acw: '話後處理', notReady: '示忙' },
  en: { loggedOut: 'Logged out', ready: 'Ready', ringing: 'Ringing', talking: 'Talking', hold: 'Hold', acw: 'After-call work', notReady: 'Not ready' },
};
const reasons = {
  'zh-CN': { break: '小休', meal: '用餐', training: '培训', meeting: '会议', coaching: '辅导', other: '其他' },
  'zh-TW': { break: '小休', meal: '用餐', training: '培訓', meeting: '會議', coaching: '輔導', other: '其他' },
  en: { break: 'Break', meal: 'Meal', training: 'Training', meeting: 'Meeting', coaching: 'Coaching', other: 'Other' },
};
const kinds = {
  'zh-CN': { understaffed: '人力不足', overstaffed: '人力过剩', idleHigh: '待话过高', notReadyAbnormal: '示忙异常', longWait: '排队过长', longCall: '超长通话' },
  'zh-TW': { understaffed: '人力不足', overstaffed: '人力過剩', idleHigh: '待話過高', notReadyAbnormal: '示忙異常', longWait: '排隊過長', longCall: '超長通話' },
  en: { understaffed: 'Understaffed', overstaffed: 'Overstaffed', idleHigh: 'Idle share high', notReadyAbnormal: 'Abnormal not-ready', longWait: 'Long wait', longCall: 'Long call' },
};
const positions = {
  'zh-CN': { qa: '质检', trainer: '培训师', team_lead: '班长', back_office: '后台支撑', other: '其他' },
  'zh-TW': { qa: '質檢', trainer: '培訓師', team_lead: '班長', back_office: '後台支援', other: '其他' },
  en: { qa: 'QA', trainer: 'Trainer', team_lead: 'Team lead', back_office: 'Back office', other: 'Other' },
};

export const liveMessages: Messages = {
  'zh-CN': {
    errors: {
      event: {
        tsUnit: '{{field}}：事件 {{id}} 的时间 {{ts}} 单位有误（看起来是 {{unit}}，即 {{asIs}}），应为{{expected}}',
        tsInFuture: '{{field}}：事件 {{id}} 的时间 {{at}} 晚于当前允许的最晚时间 {{latest}}（服务器时间加允许提前量）',
        tsBeforeHistory: '{{field}}：事件 {{id}} 的时间 {{at}} 早于本中心历史起点 {{earliest}}',
      },
      live: { originRefused: '来源 {{origin}} 不允许连接实时推送', topicRefused: '无权订阅实时主题 {{topic}}', notJson: '实时推送消息不是 JSON', unknownType: '未知的实时推送消息类型 {{type}}', sessionEnded: '登录已失效，请重新登录', accessChanged: '权限已变更，正在重新连接实时推送', unavailable: '实时推送暂不可用，正在重试' },
    },
    nav: { live: '现场监控', wallboard: '实时大屏', alerts: '话务预警', emergency: '应急预案', prompts: '关怀提醒' },
    live: {
      state: states['zh-CN'], reason: reasons['zh-CN'], kind: kinds['zh-CN'], position: positions['zh-CN'],
      offered: '呼入量', answered: '接通量', answerRate: '接通率', serviceLevel: '服务水平', occupancy: '座席利用率', idleShare: '待话占比', notReadyShare: '示忙占比', asa: '平均应答', waiting: '排队数', longestWait: '最长等待', abandoned: '放弃',
      team: '班组', allTeams: '全部班组', sortBy: '排序', sortState: '状态', sortTime: '状态时长', sortCalls: '今日接听', sortReason: '示忙原因', callsToday: '今日 {{n}} 通', noAgents: '暂无座席数据', pulledIn: '应急上线', today: '今日区间', seconds: '{{n}} 秒',
      activeAlerts: '{{n}} 条预警待处理', viewAlerts: '查看预警', unassigned: '未分组', queues: '队列', scopeSelf: '座席只能看到自己的状态。',
      status: '状态', open: '待处理', acknowledged: '已确认', closed: '已关闭', subject: '对象', figures: '数据', raisedAt: '发生时间', note: '备注', acknowledge: '确认', close: '关闭', action: '建议', active: '进行中', cleared: '已恢复', callIn: '调人上线', callInFrom: '从预警调人', handledBy: '处理记录',
      thresholds: '诊断阈值', answerRateTarget: '接通率目标', occupancyHigh: '利用率偏高', occupancyLow: '利用率偏低', idleShareMax: '待话占比上限', notReadyFactor: '示忙倍数', notReadyMinExcess: '示忙最小超出', minOffered: '最少呼入', minStaffedS: '最少在线秒数', longWaitS: '排队超时(秒)', longCallS: '超长通话(秒)',
      staff: '可调度人员', name: '姓名', extCode: '分机/工号代码', addStaff: '加入预案', onPhones: '在线接听', calls: '接听量', end: '结束', start: '开始', pieceRate: '计件单价(元/通)', report: '计件奖励报表', pay: '奖励(元)', callins: '上线次数', from: '从', to: '到',
      prompts: '关怀提醒', promptLongCall: '{{name}} 刚结束/正在进行一通 {{min}} 分钟的长通话，请安排短暂休息。', promptComplaint: '{{name}} 遇到客户投诉，请关注情绪，安排短暂休息。', done: '已处理', flagComplaint: '标记投诉',
    },
  },
  'zh-TW': {
    errors: {
      event: {
        tsUnit: '{{field}}：事件 {{id}} 的時間 {{ts}} 單位有誤（看起來是 {{unit}}，即 {{asIs}}），應為{{expected}}',
        tsInFuture: '{{field}}：事件 {{id}} 的時間 {{at}} 晚於目前允許的最晚時間 {{latest}}（伺服器時間加允許提前量）',
        tsBeforeHistory: '{{field}}：事件 {{id}} 的時間 {{at}} 早於本中心歷史起點 {{earliest}}',
      },
      live: { originRefused: '來源 {{origin}} 不允許連線即時推送', topicRefused: '無權訂閱即時主題 {{topic}}', notJson: '即時推送訊息不是 JSON', unknownType: '未知的即時推送訊息類型 {{type}}', sessionEnded: '登入已失效，請重新登入', accessChanged: '權限已變更，正在重新連線即時推送', unavailable: '即時推送暫不可用，正在重試' },
    },
    nav: { live: '現場監控', wallboard: '即時看板', alerts: '話務預警', emergency: '應急預案', prompts: '關懷提醒' },
    live: {
      state: states['zh-TW'], reason: reasons['zh-TW'], kind: kinds['zh-TW'], position: positions['zh-TW'],
      offered: '進線量', answered: '接通量', answerRate: '接通率', serviceLevel: '服務水準', occupancy: '座席利用率', idleShare: '待話占比', notReadyShare: '示忙占比', asa: '平均應答', waiting: '排隊數', longestWait: '最長等待', abandoned: '放棄',
      team: '班組', allTeams: '全部班組', sortBy: '排序', sortState: '狀態', sortTime: '狀態時長', sortCalls: '今日接聽', sortReason: '示忙原因', callsToday: '今日 {{n}} 通', noAgents: '暫無座席資料', pulledIn: '應急上線', today: '今日區間', seconds: '{{n}} 秒',
      activeAlerts: '{{n}} 則預警待處理', viewAlerts: '查看預警', unassigned: '未分組', queues: '佇列', scopeSelf: '座席只能看到自己的狀態。',
      status: '狀態', open: '待處理', acknowledged: '已確認', closed: '已關閉', subject: '對象', figures: '數據', raisedAt: '發生時間', note: '備註', acknowledge: '確認', close: '關閉', action: '建議', active: '進行中', cleared: '已恢復', callIn: '調人上線', callInFrom: '從預警調人', handledBy: '處理紀錄',
      thresholds: '診斷閾值', answerRateTarget: '接通率目標', occupancyHigh: '利用率偏高', occupancyLow: '利用率偏低', idleShareMax: '待話占比上限', notReadyFactor: '示忙倍數', notReadyMinExcess: '示忙最小超出', minOffered: '最少進線', minStaffedS: '最少在線秒數', longWaitS: '排隊逾時(秒)', longCallS: '超長通話(秒)',
      staff: '可調度人員', name: '姓名', extCode: '分機/工號代碼', addStaff: '加入預案', onPhones: '在線接聽', calls: '接聽量', end: '結束', start: '開始', pieceRate: '計件單價(元/通)', report: '計件獎勵報表', pay: '獎勵(元)', callins: '上線次數', from: '從', to: '到',
      prompts: '關懷提醒', promptLongCall: '{{name}} 剛結束/正在進行一通 {{min}} 分鐘的長通話，請安排短暫休息。', promptComplaint: '{{name}} 遇到客戶投訴，請關注情緒，安排短暫休息。', done: '已處理', flagComplaint: '標記投訴',
    },
  },
  en: {
    errors: {
      event: {
        tsUnit: '{{field}}: the time {{ts}} of event {{id}} is in the wrong unit (it looks like {{unit}}, i.e. {{asIs}}); expected {{expected}}',
        tsInFuture: '{{field}}: event {{id}} at {{at}} is later than {{latest}}, the latest time accepted now (server clock plus the allowed lead)',
        tsBeforeHistory: '{{field}}: event {{id}} at {{at}} is before {{earliest}}, where the center\'s history starts',
      },
      live: { originRefused: 'Origin {{origin}} may not open the live feed', topicRefused: 'Not allowed to subscribe to live topic {{topic}}', notJson: 'The live message is not JSON', unknownType: 'Unknown live message type {{type}}', sessionEnded: 'Your session has ended, please sign in again', accessChanged: 'Your access changed; reconnecting the live feed', unavailable: 'The live feed is unavailable; retrying' },
    },
    nav: { live: 'Live floor', wallboard: 'Wallboard', alerts: 'Alerts', emergency: 'Emergency plan', prompts: 'Care prompts' },
    live: {
      state: states.en, reason: reasons.en, kind: kinds.en, position: positions.en,
      offered: 'Offered', answered: 'Answered', answerRate: 'Answer rate', serviceLevel: 'Service level', occupancy: 'Occupancy', idleShare: 'Idle share', notReadyShare: 'Not-ready share', asa: 'ASA', waiting: 'Waiting', longestWait: 'Longest wait', abandoned: 'Abandoned',
      team: 'Team', allTeams: 'All teams', sortBy: 'Sort by', sortState: 'State', sortTime: 'Time in state', sortCalls: 'Calls today', sortReason: 'Not-ready reason', callsToday: '{{n}} calls today', noAgents: 'No agent data yet', pulledIn: 'Pulled in', today: "Today's intervals", seconds: '{{n}} s',
      activeAlerts: '{{n}} alerts need attention', viewAlerts: 'View alerts', unassigned: 'No team', queues: 'Queues', scopeSelf: 'Agents see only their own state.',
      status: 'Status', open: 'Open', acknowledged: 'Acknowledged', closed: 'Closed', subject: 'Subject', figures: 'Figures', raisedAt: 'Raised', note: 'Note', acknowledge: 'Acknowledge', close: 'Close', action: 'Suggested action', active: 'Ongoing', cleared: 'Recovered', callIn: 'Call in', callInFrom: 'Call people in', handledBy: 'Handling',
      thresholds: 'Diagnosis thresholds', answerRateTarget: 'Answer rate target', occupancyHigh: 'Occupancy high', occupancyLow: 'Occupancy low', idleShareMax: 'Idle share max', notReadyFactor: 'Not-ready factor', notReadyMinExcess: 'Not-ready min excess', minOffered: 'Min offered', minStaffedS: 'Min staffed (s)', longWaitS: 'Long wait (s)', longCallS: 'Long call (s)',
      staff: 'People who can be called in', name: 'Name', extCode: 'Telephony code', addStaff: 'Add to plan', onPhones: 'On the phones', calls: 'Calls', end: 'End', start: 'Start', pieceRate: 'Piece rate (per call)', report: 'Piece-rate report', pay: 'Pay', callins: 'Call-ins', from: 'From', to: 'To',
      prompts: 'Care prompts', promptLongCall: '{{name}} has had a {{min}}-minute call: offer a short break.', promptComplaint: '{{name}} had a caller complaint: check in and offer a short break.', done: 'Done', flagComplaint: 'Flag complaint',
    },
  },
};
