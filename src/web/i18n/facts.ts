import type { Messages } from './types';

/** Facts (issue 11): error reasons of /api/facts, and why a figure is missing (a fact's `reason`). */
export const factsMessages: Messages = {
  'zh-CN': {
    errors: {
      facts: {
        badDate: '{{field}} 不是有效日期（YYYY-MM-DD）：{{value}}',
        badMonth: '{{field}} 不是有效月份（YYYY-MM）：{{value}}',
        onePeriod: '请只给出一个期间：日（day）、周（week）或月（month）',
        periodTooLong: '{{field}}：期间最长 {{max}} 天',
        badBy: '{{field}} 只能是 agent 或 team：{{value}}',
        teamForbidden: '班组数据只对班长和全中心角色开放',
      },
    },
    facts: {
      reasons: {
        noTelephony: '无话务数据',
        noHandled: '无处理的来电',
        noReadyTime: '无可服务时长',
        noStaffed: '无在线时长',
        noSchedule: '无已发布排班',
        noShifts: '无排班班次',
        noEvaluations: '无质检评分',
        noScoredEvaluations: '无计分的质检评分',
        noNonFatalItems: '无已评分的非致命项',
        noSurveyAnswers: '无满意度评价',
        noSkillLevel: '无技能等级',
      },
    },
  },
  'zh-TW': {
    errors: {
      facts: {
        badDate: '{{field}} 不是有效日期（YYYY-MM-DD）：{{value}}',
        badMonth: '{{field}} 不是有效月份（YYYY-MM）：{{value}}',
        onePeriod: '請只給出一個期間：日（day）、週（week）或月（month）',
        periodTooLong: '{{field}}：期間最長 {{max}} 天',
        badBy: '{{field}} 只能是 agent 或 team：{{value}}',
        teamForbidden: '班組數據只對班長和全中心角色開放',
      },
    },
    facts: {
      reasons: {
        noTelephony: '無話務數據',
        noHandled: '無處理的來電',
        noReadyTime: '無可服務時長',
        noStaffed: '無在線時長',
        noSchedule: '無已發佈排班',
        noShifts: '無排班班次',
        noEvaluations: '無質檢評分',
        noScoredEvaluations: '無計分的質檢評分',
        noNonFatalItems: '無已評分的非致命項',
        noSurveyAnswers: '無滿意度評價',
        noSkillLevel: '無技能等級',
      },
    },
  },
  en: {
    errors: {
      facts: {
        badDate: '{{field}} is not a valid date (YYYY-MM-DD): {{value}}',
        badMonth: '{{field}} is not a valid month (YYYY-MM): {{value}}',
        onePeriod: 'Give exactly one period: a day, a week or a month',
        periodTooLong: '{{field}}: a period is at most {{max}} days',
        badBy: '{{field}} must be agent or team: {{value}}',
        teamForbidden: 'Team facts are for team leads and center-wide roles',
      },
    },
    facts: {
      reasons: {
        noTelephony: 'no telephony data',
        noHandled: 'no call handled',
        noReadyTime: 'no ready time',
        noStaffed: 'no logged-in time',
        noSchedule: 'no published schedule',
        noShifts: 'no scheduled shift',
        noEvaluations: 'no QA evaluation',
        noScoredEvaluations: 'no scored QA evaluation',
        noNonFatalItems: 'no non-fatal item scored',
        noSurveyAnswers: 'no survey answer',
        noSkillLevel: 'no skill level',
      },
    },
  },
};
