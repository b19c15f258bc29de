import type { Messages } from './types';

/** Inputs of csat and complaints (issue 11): survey answers in, complaints attributed and judged. */
export const factsInputsMessages: Messages = {
  'zh-CN': {
    wo: {
      agent: '被投诉坐席', agentFromCall: '按通话自动识别', verdict: '投诉判定', verdictNote: '判定说明（必填）', uphold: '判定成立', rejectVerdict: '判定不成立',
      verdicts: { upheld: '投诉成立', rejected: '投诉不成立', none: '待判定' },
      transitions: { verdict_upheld: '判定投诉成立', verdict_rejected: '判定投诉不成立' },
    },
    errors: {
      survey: {
        unknownAgent: '{{field}}：未知坐席 {{agent}}',
        unknownCall: '{{field}}：找不到通话 {{callId}}',
        callNotAnswered: '{{field}}：通话 {{callId}} 未接通，无法归属坐席',
        agentNotOnCall: '{{field}}：坐席 {{agent}} 没有接听通话 {{callId}}（接听的是 {{callAgent}}）',
        scoreOutOfRange: '{{field}}：评分须为 1 到 {{max}} 的整数',
        badScale: '{{field}}：量表须为 {{scales}} 之一',
        callOrAgentRequired: '{{field}}：每行须有通话编号，或时间加坐席',
        badTime: '{{field}}：无法识别的时间 {{value}}',
        csvHeader: '第 1 行表头须有 score 列，以及 callId 或 time 加 agent 列',
      },
      workorder: {
        unknownAgent: '{{field}}：未知坐席 {{agentId}}',
        agentNotOnCall: '{{field}}：所选坐席没有接听通话 {{callId}}（接听的是 {{callAgent}}）',
        agentOnlyForComplaints: '{{field}}：只有投诉工单需要指定坐席',
        verdictNoteRequired: '{{field}}：判定须填写说明',
        verdictNeedsAgent: '{{field}}：该投诉未关联坐席，请先选择被投诉坐席',
        notComplaint: '工单 #{{id}} 不是投诉，无法判定',
        agentAlreadySet: '{{field}}：投诉 #{{id}} 已关联坐席',
        verdictRole: '只有 {{roles}} 可以判定投诉',
      },
    },
  },
  'zh-TW': {
    wo: {
      agent: '被投訴座席', agentFromCall: '依通話自動識別', verdict: '投訴判定', verdictNote: '判定說明（必填）', uphold: '判定成立', rejectVerdict: '判定不成立',
      verdicts: { upheld: '投訴成立', rejected: '投訴不成立', none: '待判定' },
      transitions: { verdict_upheld: '判定投訴成立', verdict_rejected: '判定投訴不成立' },
    },
    errors: {
      survey: {
        unknownAgent: '{{field}}：未知座席 {{agent}}',
        unknownCall: '{{field}}：找不到通話 {{callId}}',
        callNotAnswered: '{{field}}：通話 {{callId}} 未接通，無法歸屬座席',
        agentNotOnCall: '{{field}}：座席 {{agent}} 沒有接聽通話 {{callId}}（接聽的是 {{callAgent}}）',
        scoreOutOfRange: '{{field}}：評分須為 1 到 {{max}} 的整數',
        badScale: '{{field}}：量表須為 {{scales}} 之一',
        callOrAgentRequired: '{{field}}：每行須有通話編號，或時間加座席',
        badTime: '{{field}}：無法識別的時間 {{value}}',
        csvHeader: '第 1 行表頭須有 score 欄，以及 callId 或 time 加 agent 欄',
      },
      workorder: {
        unknownAgent: '{{field}}：未知座席 {{agentId}}',
        agentNotOnCall: '{{field}}：所選座席沒有接聽通話 {{callId}}（接聽的是 {{callAgent}}）',
        agentOnlyForComplaints: '{{field}}：只有投訴工單需要指定座席',
        verdictNoteRequired: '{{field}}：判定須填寫說明',
        verdictNeedsAgent: '{{field}}：該投訴未關聯座席，請先選擇被投訴座席',
        notComplaint: '工單 #{{id}} 不是投訴，無法判定',
        agentAlreadySet: '{{field}}：投訴 #{{id}} 已關聯座席',
        verdictRole: '只有 {{roles}} 可以判定投訴',
      },
    },
  },
  en: {
    wo: {
      agent: 'Agent complained about', agentFromCall: 'from the call', verdict: 'Verdict', verdictNote: 'Reason for the verdict (required)', uphold: 'Uphold', rejectVerdict: 'Reject complaint',
      verdicts: { upheld: 'Upheld', rejected: 'Not upheld', none: 'Pending' },
      transitions: { verdict_upheld: 'Complaint upheld', verdict_rejected: 'Complaint not upheld' },
    },
    errors: {
      survey: {
        unknownAgent: '{{field}}: unknown agent {{agent}}',
        unknownCall: '{{field}}: no call {{callId}} is stored',
        callNotAnswered: '{{field}}: call {{callId}} was never answered, so it has no agent',
        agentNotOnCall: '{{field}}: agent {{agent}} did not take call {{callId}} ({{callAgent}} did)',
        scoreOutOfRange: '{{field}}: the score must be a whole number from 1 to {{max}}',
        badScale: '{{field}}: the scale must be one of {{scales}}',
        callOrAgentRequired: '{{field}}: each row needs a call id, or a time and an agent',
        badTime: '{{field}}: not a time: {{value}}',
        csvHeader: 'Line 1: the header needs a score column and callId, or time and agent',
      },
      workorder: {
        unknownAgent: '{{field}}: unknown agent {{agentId}}',
        agentNotOnCall: '{{field}}: the chosen agent did not take call {{callId}} ({{callAgent}} did)',
        agentOnlyForComplaints: '{{field}}: only a complaint names an agent',
        verdictNoteRequired: '{{field}}: a verdict needs a note saying why',
        verdictNeedsAgent: '{{field}}: this complaint names no agent; choose the agent first',
        notComplaint: 'Work order #{{id}} is not a complaint',
        agentAlreadySet: '{{field}}: complaint #{{id}} already names an agent',
        verdictRole: 'Only {{roles}} may judge complaints',
      },
    },
  },
};
