import type { Messages } from './types';

/**
 * Refusals every capability shares (issue 14): a record not found (`errors.common.notFound`, its kind
 * from `entities.<entity>`), and the `forbidden` / sign-in reasons of the server, in each locale.
 */
type Row = [zhCN: string, zhTW: string, en: string];

const ENTITIES: Record<string, Row> = {
  record: ['记录', '記錄', 'record'],
  activation: ['应急启动记录', '應急啟動記錄', 'emergency activation'],
  agent: ['坐席', '坐席', 'agent'],
  alert: ['预警', '預警', 'alert'],
  article: ['知识库文章', '知識庫文章', 'article'],
  articleVersion: ['文章版本', '文章版本', 'article version'],
  assessmentGap: ['自评差距项', '自評差距項', 'assessment gap'],
  assessmentPoint: ['评估点', '評估點', 'assessment point'],
  assessmentRound: ['自评轮次', '自評輪次', 'assessment round'],
  goal: ['目标', '目標', 'goal'],
  idpItem: ['发展计划事项', '發展計劃事項', 'development plan item'],
  improvementPlan: ['改进计划', '改進計劃', 'improvement plan'],
  improvementStep: ['改进计划步骤', '改進計劃步驟', 'improvement plan step'],
  talentNomination: ['人才库提名', '人才庫提名', 'talent pool nomination'],
  attachment: ['附件', '附件', 'attachment'],
  attempt: ['考试作答', '考試作答', 'exam attempt'],
  calibrationSession: ['校准会', '校準會', 'calibration session'],
  call: ['通话', '通話', 'call'],
  callIn: ['应急召回', '應急召回', 'call-in'],
  callinAsk: ['召回请求', '召回請求', 'call-in request'],
  floorCheck: ['卫生安全检查', '衛生安全檢查', 'hygiene and safety check'],
  floorCheckItem: ['检查项', '檢查項', 'check item'],
  floorFault: ['设备故障报告', '設備故障報告', 'equipment fault report'],
  roomVisit: ['机房登记', '機房登記', 'machine-room visit'],
  visitNotice: ['参观通知', '參觀通知', 'visit notice'],
  center: ['中心', '中心', 'center'],
  certifiedQueue: ['认证队列', '認證佇列', 'certified queue'],
  coachingSession: ['辅导记录', '輔導記錄', 'coaching session'],
  contest: ['竞赛', '競賽', 'contest'],
  course: ['课程', '課程', 'course'],
  department: ['业务部门或外勤组', '業務部門或外勤組', 'department or crew'],
  dispute: ['申诉', '申訴', 'dispute'],
  dutyShift: ['值班班次', '值班班次', 'duty shift'],
  emergencyStaff: ['应急人员', '應急人員', 'emergency staff member'],
  evaluation: ['质检评分', '質檢評分', 'evaluation'],
  exam: ['考试', '考試', 'exam'],
  intradayOffer: ['加班 / 自愿休假邀请', '加班 / 自願休假邀請', 'overtime / VTO offer'],
  forecast: ['预测', '預測', 'forecast'],
  handover: ['交接班记录', '交接班記錄', 'handover'],
  libraryEntry: ['录音库条目', '錄音庫條目', 'library entry'],
  note: ['关怀记录', '關懷記錄', 'note'],
  notice: ['通知', '通知', 'notice'],
  planItem: ['培训计划条目', '培訓計劃條目', 'plan item'],
  post: ['留言', '留言', 'post'],
  prompt: ['提醒', '提醒', 'prompt'],
  publishedRanking: ['已发布的月度排名', '已發布的月度排名', 'published ranking'],
  question: ['题目', '題目', 'question'],
  redemption: ['积分兑换', '積分兌換', 'redemption'],
  requirement: ['人力需求', '人力需求', 'staffing requirement'],
  robot: ['群机器人', '群機器人', 'group robot'],
  scheduleRun: ['排班方案', '排班方案', 'schedule run'],
  scorecardTemplate: ['评分表', '評分表', 'scorecard'],
  session: ['培训场次', '培訓場次', 'training session'],
  shift: ['班次', '班次', 'shift'],
  slot: ['高峰时段', '高峰時段', 'peak slot'],
  survey: ['调查', '調查', 'survey'],
  swap: ['换班申请', '換班申請', 'swap request'],
  peerPlan: ['帮扶计划', '幫扶計劃', 'help plan'],
  shadowing: ['跟听预约', '跟聽預約', 'shadowing booking'],
  squad: ['小队', '小隊', 'squad'],
  task: ['任务', '任務', 'task'],
  team: ['班组', '班組', 'team'],
  timeOff: ['休假申请', '休假申請', 'time-off request'],
  user: ['用户', '使用者', 'user'],
  workOrder: ['工单', '工單', 'work order'],
};

const ERRORS: Record<string, Row> = {
  'common.notFound': [
    '找不到该{{entityName}}：可能已删除，或不在您的范围内',
    '找不到該{{entityName}}：可能已刪除，或不在您的範圍內',
    '{{entityName}} not found: deleted, or not yours to see',
  ],
  'live.promptNotYourTeam': ['班长只能处理本班组的提醒', '班長只能處理本班組的提醒', "team leads handle only their teams' prompts"],
  'live.ownCallsOnly': ['坐席只能标记自己的通话', '坐席只能標記自己的通話', 'agents flag only their own calls'],
  'live.pushNotAllowed': ['您的角色不能推送话务事件', '您的角色不能推送話務事件', 'your role may not push call events'],
  'wfm.swapNotYourTeam': ['班长只能审批本班组坐席的换班', '班長只能審批本班組坐席的換班', "team leads decide swaps of their own teams' agents only"],
  'kb.fourEyes': [
    '作者不能审核自己的版本（四眼原则），请由其他审核人审核',
    '作者不能審核自己的版本（四眼原則），請由其他審核人審核',
    'the author of a version may not review it (four-eyes rule)',
  ],
  'wo.roleNotAllowed': ['您的角色不能对该工单执行此操作', '您的角色不能對該工單執行此操作', 'your role may not do this to the work order'],
  'wo.notYourDepartment': ['该工单不在您的部门或外勤组名下', '該工單不在您的部門或外勤組名下', 'this order is not with your department or crew'],
  'wo.notYourOrder': [
    '坐席只能处理自己提交或分派给自己的工单',
    '坐席只能處理自己提交或分派給自己的工單',
    'agents may only move orders they raised or that are assigned to them',
  ],
  'wo.callbackNotYours': [
    '只有被指派回访的坐席可以登记回访结果',
    '只有被指派回訪的坐席可以登記回訪結果',
    'only the agent the callback is assigned to records attempts',
  ],
  'session.csrf': ['页面已过期，请刷新后重试', '頁面已過期，請重新整理後重試', 'the page is out of date: reload it and try again'],
  'session.signedOut': ['尚未登录，请先登录', '尚未登入，請先登入', 'not signed in: please sign in'],
  'session.expired': ['登录已过期，请重新登录', '登入已過期，請重新登入', 'your session expired: please sign in again'],
};

function tree(table: Record<string, Row>, i: 0 | 1 | 2) {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(table)) {
    const parts = k.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = at[p] ??= {};
    at[parts.at(-1)!] = v[i];
  }
  return out;
}

const locale = (i: 0 | 1 | 2) => ({ entities: tree(ENTITIES, i), errors: tree(ERRORS, i) });

export const refusalMessages: Messages = { 'zh-CN': locale(0), 'zh-TW': locale(1), en: locale(2) };
