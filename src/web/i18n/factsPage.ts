import type { Messages } from './types';

/**
 * Facts shown with their source (issue 11): the facts page, source badges, figure names, and the
 * routine's figures read from the store (briefing, post-shift report, typed overrides).
 */
export const factsPageMessages: Messages = {
  'zh-CN': {
    nav: { facts: '指标与来源' },
    errors: {
      facts: { teamNotYours: '班组 {{teamId}} 不是您带领的班组' },
      routine: {
        unknownFigure: '{{field}}：没有这个指标',
        badFigure: '{{field}}：须为不小于 0 的数（次数须为整数）',
        figureExceeds: '{{field}}：{{part}} 不能大于 {{whole}}',
      },
    },
    facts: {
      sources: { telephony: '话务', schedule: '排班', qa: '质检', workorders: '工单', survey: '满意度', people: '人事', manual: '手工' },
      figures: {
        handled: '处理量', transferred: '转出量', talk: '通话时长', hold: '保持时长', acw: '后处理时长', ring: '振铃时长', aht: '平均处理时长',
        staffed: '在线时长', notReady: '示忙时长', idle: '待话时长', occupancy: '坐席利用率', notReadyShare: '示忙占比', idleShare: '待话占比',
        transferRate: '转接率', adherence: '遵守率', conformance: '出勤符合率', attendance: '出勤率', qaScore: '质检分', fatalRate: '致命项率',
        nonFatalRate: '非致命项率', complaints: '有效投诉', csat: '满意率', skillLevel: '技能等级', answerRate: '接通率', serviceLevel: '服务水平',
        offered: '进线量', answered: '接通量', abandoned: '放弃量', asa: '平均应答速度',
      },
      page: {
        title: '指标与来源', period: '期间', day: '日', week: '周', month: '月', wholeCenter: '全中心', allMine: '我的班组', total: '合计',
        target: '目标', source: '来源', missed: '未达标', none: '该期间没有坐席', computedAt: '计算于', weekFrom: '{{from}} 至 {{to}}',
      },
      routine: {
        team: '班组', agent: '坐席', yesterday: '昨日', today: '今日', queues: '队列（本组服务）', queue: '队列', missed: '未达标',
        nobodyMissed: '全部达标', override: '手工更正（将记入审计）', overrideNote: '更正原因', noQueues: '本组坐席未分配队列',
      },
    },
  },
  'zh-TW': {
    nav: { facts: '指標與來源' },
    errors: {
      facts: { teamNotYours: '班組 {{teamId}} 不是您帶領的班組' },
      routine: {
        unknownFigure: '{{field}}：沒有這個指標',
        badFigure: '{{field}}：須為不小於 0 的數（次數須為整數）',
        figureExceeds: '{{field}}：{{part}} 不能大於 {{whole}}',
      },
    },
    facts: {
      sources: { telephony: '話務', schedule: '排班', qa: '質檢', workorders: '工單', survey: '滿意度', people: '人事', manual: '手工' },
      figures: {
        handled: '處理量', transferred: '轉出量', talk: '通話時長', hold: '保持時長', acw: '後處理時長', ring: '振鈴時長', aht: '平均處理時長',
        staffed: '在線時長', notReady: '示忙時長', idle: '待話時長', occupancy: '坐席利用率', notReadyShare: '示忙佔比', idleShare: '待話佔比',
        transferRate: '轉接率', adherence: '遵守率', conformance: '出勤符合率', attendance: '出勤率', qaScore: '質檢分', fatalRate: '致命項率',
        nonFatalRate: '非致命項率', complaints: '有效投訴', csat: '滿意率', skillLevel: '技能等級', answerRate: '接通率', serviceLevel: '服務水平',
        offered: '進線量', answered: '接通量', abandoned: '放棄量', asa: '平均應答速度',
      },
      page: {
        title: '指標與來源', period: '期間', day: '日', week: '週', month: '月', wholeCenter: '全中心', allMine: '我的班組', total: '合計',
        target: '目標', source: '來源', missed: '未達標', none: '該期間沒有坐席', computedAt: '計算於', weekFrom: '{{from}} 至 {{to}}',
      },
      routine: {
        team: '班組', agent: '坐席', yesterday: '昨日', today: '今日', queues: '佇列（本組服務）', queue: '佇列', missed: '未達標',
        nobodyMissed: '全部達標', override: '手工更正（將記入稽核）', overrideNote: '更正原因', noQueues: '本組坐席未分配佇列',
      },
    },
  },
  en: {
    nav: { facts: 'Figures & sources' },
    errors: {
      facts: { teamNotYours: 'Team {{teamId}} is not one of your teams' },
      routine: {
        unknownFigure: '{{field}}: no such figure',
        badFigure: '{{field}}: must be a number ≥ 0 (counts: whole numbers)',
        figureExceeds: '{{field}}: {{part}} cannot exceed {{whole}}',
      },
    },
    facts: {
      sources: { telephony: 'telephony', schedule: 'schedule', qa: 'QA', workorders: 'work orders', survey: 'survey', people: 'people', manual: 'manual' },
      figures: {
        handled: 'Handled', transferred: 'Transferred', talk: 'Talk', hold: 'Hold', acw: 'ACW', ring: 'Ring', aht: 'AHT',
        staffed: 'Staffed', notReady: 'Not ready', idle: 'Idle', occupancy: 'Occupancy', notReadyShare: 'Not-ready share', idleShare: 'Idle share',
        transferRate: 'Transfer rate', adherence: 'Adherence', conformance: 'Conformance', attendance: 'Attendance', qaScore: 'QA score', fatalRate: 'Fatal rate',
        nonFatalRate: 'Non-fatal rate', complaints: 'Upheld complaints', csat: 'CSAT', skillLevel: 'Skill level', answerRate: 'Answer rate', serviceLevel: 'Service level',
        offered: 'Offered', answered: 'Answered', abandoned: 'Abandoned', asa: 'ASA',
      },
      page: {
        title: 'Figures & sources', period: 'Period', day: 'Day', week: 'Week', month: 'Month', wholeCenter: 'Whole center', allMine: 'My teams', total: 'Total',
        target: 'target', source: 'Source', missed: 'Missed', none: 'No agent in this period', computedAt: 'computed', weekFrom: '{{from}} to {{to}}',
      },
      routine: {
        team: 'Team', agent: 'Agent', yesterday: 'Yesterday', today: 'Today', queues: "Queues (the team's)", queue: 'Queue', missed: 'Missed',
        nobodyMissed: 'All targets met', override: 'Manual correction (audited)', overrideNote: 'Reason for the correction', noQueues: "No queue assigned to the team's agents",
      },
    },
  },
};
