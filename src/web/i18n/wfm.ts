import type { Messages } from './types';

export const wfmMessages: Messages = {
  'zh-CN': {
    nav: { wfm: '排班', erlang: 'Erlang 计算器', schedule: '排班计划', mySchedule: '我的班表', adherence: '遵守率与日内', swaps: '换班审批' },
    wfm: {
      calls: '进线量', periodS: '时段（秒）', ahtS: '平均处理时长（秒）', targetSl: '服务水平目标', thresholdS: '服务水平秒数', patienceS: '平均耐心（秒，可空）', shrinkage: '缩减率', calculate: '计算',
      agents: '所需坐席', scheduledHeads: '排班人数', serviceLevel: '服务水平', asa: '平均应答速度', occupancy: '座席利用率', probWait: '等待概率', probAbandon: '放弃概率', slVsAgents: '服务水平与坐席数', target: '目标',
      week: '周（周一）', requirement: '需求曲线', fromForecast: '由预测生成', forecast: '预测版本', upload: '粘贴需求（672 个 15 分钟值）', createRequirement: '生成需求', timeLimit: '求解时限（秒）', run: '运行排班优化', running: '求解中…', phase: '阶段', elapsed: '已用时',
      status: '状态', publish: '发布', published: '已发布', done: '已完成', failed: '失败', coverage: '需求与排班覆盖', required: '需求', scheduled: '已排', gap: '与下界差距', lpBound: '线性松弛下界', objective: '目标值',
      agent: '坐席', day: '日期', start: '开始', end: '结束', paidHours: '计薪小时', template: '班次', move: '调整', moveTo: '新开始时间', noShifts: '本周没有已发布的班次', kind: '类型', shift: '正常班', peak: '高峰班',
      peakSlots: '高峰认购 / VTO', title: '名称', capacity: '名额', bonus: '奖励积分', newSlot: '发布时段', subscribe: '认购', subscribed: '已认购', confirm: '确认分配', awarded: '已获得', rejected: '未获得', requests: '认购人数', vto: '自愿休假', slotKind: '类型',
      points: '积分', earned: '获得', redeemed: '已兑换', balance: '余额', redeem: '兑换', redeemFor: '兑换用途', leave: '假期', gift: '礼品', note: '说明', pending: '待审批', approve: '批准', reject: '驳回', approved: '已批准', redemptions: '兑换申请',
      swapTo: '换给', requestSwap: '申请换班', swapRequests: '换班申请', from: '原坐席', to: '接班坐席',
      date: '日期', adherence: '遵守率', conformance: '符合度', scheduledS: '排班时长', inAdherenceS: '遵守时长', outOfAdherence: '未遵守列表', team: '班组', state: '实际状态', activity: '计划活动',
      intraday: '日内重预测', queue: '队列', load: '加载', volumeRatio: '实际/预测话量', actual: '实际', forecasted: '预测', staffingGap: '人力缺口（已排−需要）',
      myWeek: '本周班表', off: '休息', phone: '接线', meal: '用餐', break: '小休',
    },
  },
  'zh-TW': {
    nav: { wfm: '排班', erlang: 'Erlang 計算器', schedule: '排班計畫', mySchedule: '我的班表', adherence: '遵守率與日內', swaps: '換班審批' },
    wfm: {
      calls: '進線量', periodS: '時段（秒）', ahtS: '平均處理時長（秒）', targetSl: '服務水準目標', thresholdS: '服務水準秒數', patienceS: '平均耐心（秒，可空）', shrinkage: '縮減率', calculate: '計算',
      agents: '所需座席', scheduledHeads: '排班人數', serviceLevel: '服務水準', asa: '平均應答速度', occupancy: '座席利用率', probWait: '等待機率', probAbandon: '放棄機率', slVsAgents: '服務水準與座席數', target: '目標',
      week: '週（週一）', requirement: '需求曲線', fromForecast: '由預測產生', forecast: '預測版本', upload: '貼上需求（672 個 15 分鐘值）', createRequirement: '產生需求', timeLimit: '求解時限（秒）', run: '執行排班最佳化', running: '求解中…', phase: '階段', elapsed: '已用時',
      status: '狀態', publish: '發布', published: '已發布', done: '已完成', failed: '失敗', coverage: '需求與排班覆蓋', required: '需求', scheduled: '已排', gap: '與下界差距', lpBound: '線性鬆弛下界', objective: '目標值',
      agent: '座席', day: '日期', start: '開始', end: '結束', paidHours: '計薪小時', template: '班次', move: '調整', moveTo: '新開始時間', noShifts: '本週沒有已發布的班次', kind: '類型', shift: '正常班', peak: '高峰班',
      peakSlots: '高峰認購 / VTO', title: '名稱', capacity: '名額', bonus: '獎勵積分', newSlot: '發布時段', subscribe: '認購', subscribed: '已認購', confirm: '確認分配', awarded: '已獲得', rejected: '未獲得', requests: '認購人數', vto: '自願休假', slotKind: '類型',
      points: '積分', earned: '獲得', redeemed: '已兌換', balance: '餘額', redeem: '兌換', redeemFor: '兌換用途', leave: '假期', gift: '禮品', note: '說明', pending: '待審批', approve: '核准', reject: '駁回', approved: '已核准', redemptions: '兌換申請',
      swapTo: '換給', requestSwap: '申請換班', swapRequests: '換班申請', from: '原座席', to: '接班座席',
      date: '日期', adherence: '遵守率', conformance: '符合度', scheduledS: '排班時長', inAdherenceS: '遵守時長', outOfAdherence: '未遵守清單', team: '班組', state: '實際狀態', activity: '計畫活動',
      intraday: '日內重預測', queue: '佇列', load: '載入', volumeRatio: '實際/預測話量', actual: '實際', forecasted: '預測', staffingGap: '人力缺口（已排−需要）',
      myWeek: '本週班表', off: '休息', phone: '接線', meal: '用餐', break: '小休',
    },
  },
  en: {
    nav: { wfm: 'Workforce', erlang: 'Erlang calculator', schedule: 'Schedules', mySchedule: 'My schedule', adherence: 'Adherence & intraday', swaps: 'Swap approvals' },
    wfm: {
      calls: 'Calls offered', periodS: 'Period (s)', ahtS: 'Average handle time (s)', targetSl: 'Service-level target', thresholdS: 'Service-level seconds', patienceS: 'Mean patience (s, optional)', shrinkage: 'Shrinkage', calculate: 'Calculate',
      agents: 'Agents needed', scheduledHeads: 'Heads to schedule', serviceLevel: 'Service level', asa: 'ASA', occupancy: 'Occupancy', probWait: 'P(wait)', probAbandon: 'P(abandon)', slVsAgents: 'Service level by agents', target: 'Target',
      week: 'Week (Monday)', requirement: 'Requirement curve', fromForecast: 'From a forecast', forecast: 'Forecast version', upload: 'Paste requirement (672 quarter-hour values)', createRequirement: 'Create requirement', timeLimit: 'Time limit (s)', run: 'Run optimiser', running: 'Solving…', phase: 'Phase', elapsed: 'Elapsed',
      status: 'Status', publish: 'Publish', published: 'Published', done: 'Done', failed: 'Failed', coverage: 'Requirement vs scheduled', required: 'Required', scheduled: 'Scheduled', gap: 'Gap to bound', lpBound: 'LP bound', objective: 'Objective',
      agent: 'Agent', day: 'Day', start: 'Start', end: 'End', paidHours: 'Paid hours', template: 'Template', move: 'Move', moveTo: 'New start', noShifts: 'No published shifts this week', kind: 'Kind', shift: 'Shift', peak: 'Peak',
      peakSlots: 'Peak subscription / VTO', title: 'Title', capacity: 'Places', bonus: 'Bonus points', newSlot: 'Publish slot', subscribe: 'Subscribe', subscribed: 'Subscribed', confirm: 'Confirm', awarded: 'Awarded', rejected: 'Not awarded', requests: 'Requests', vto: 'Voluntary time off', slotKind: 'Kind',
      points: 'Points', earned: 'Earned', redeemed: 'Redeemed', balance: 'Balance', redeem: 'Redeem', redeemFor: 'Redeem for', leave: 'Leave', gift: 'Gift', note: 'Note', pending: 'Pending', approve: 'Approve', reject: 'Reject', approved: 'Approved', redemptions: 'Redemptions',
      swapTo: 'Give to', requestSwap: 'Request swap', swapRequests: 'Swap requests', from: 'From', to: 'To',
      date: 'Date', adherence: 'Adherence', conformance: 'Conformance', scheduledS: 'Scheduled', inAdherenceS: 'In adherence', outOfAdherence: 'Out of adherence', team: 'Team', state: 'Actual state', activity: 'Scheduled activity',
      intraday: 'Intraday re-forecast', queue: 'Queue', load: 'Load', volumeRatio: 'Actual / forecast volume', actual: 'Actual', forecasted: 'Forecast', staffingGap: 'Staffing gap (scheduled − required)',
      myWeek: 'This week', off: 'Off', phone: 'Phones', meal: 'Meal', break: 'Break',
    },
  },
};
