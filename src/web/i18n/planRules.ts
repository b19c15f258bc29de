import type { Messages } from './types';
import { nest } from './people';

/**
 * The planner's rules (issue 15): day rules of a contract and the refusal naming the rule that cannot be
 * met, the distinct-shift cost of the optimiser, shrinkage by category. Row = zh-CN, zh-TW, en.
 */
type Row = [zhCN: string, zhTW: string, en: string];

const WORDS: Record<string, Row> = {
  'fields.maxConsecutiveDays': ['最多连续上班天数', '最多連續上班天數', 'Max working days in a row'],
  'fields.minConsecutiveDaysOff': ['最少连休天数', '最少連休天數', 'Min days off in a row'],
  'fields.weekendsOff': ['周末休息规则', '週末休息規則', 'Weekends off'],
  'fields.rotation': ['轮班安排', '輪班安排', 'Rotation'],
  'fields.minDaysOff': ['最少休息天数', '最少休息天數', 'Min days off'],
  'wfm.weekendsOffMin': ['休整个周末的次数', '休整個週末的次數', 'Whole weekends off'],
  'wfm.weekendsOffWeeks': ['每几周（周末规则）', '每幾週（週末規則）', 'In every N weeks (weekend rule)'],
  'wfm.rotationKept': [
    '此合同有 {{weeks}} 周的轮班安排，保存时保留不变',
    '此合約有 {{weeks}} 週的輪班安排，儲存時保留不變',
    'This contract has a {{weeks}}-week rotation; saving keeps it as it is',
  ],
  'fields.distinctShiftCost': ['每种班次的代价', '每種班次的代價', 'Cost per shift type'],
  'errors.wfm.scheduleRuleInfeasible': [
    '坐席 {{agent}}：按“{{field}}”，本周最多只能上 {{most}} 天班，而周最少工时需要 {{need}} 天',
    '坐席 {{agent}}：按「{{field}}」，本週最多只能上 {{most}} 天班，而週最少工時需要 {{need}} 天',
    'Agent {{agent}}: with "{{field}}" at most {{most}} working days are left this week; the minimum weekly hours need {{need}}',
  ],
  'errors.wfm.scheduleRulesInfeasible': [
    '坐席 {{agent}}：“{{field}}”与其他排班规则合在一起，本周最多只能上 {{most}} 天班，而周最少工时需要 {{need}} 天',
    '坐席 {{agent}}：「{{field}}」與其他排班規則合在一起，本週最多只能上 {{most}} 天班，而週最少工時需要 {{need}} 天',
    'Agent {{agent}}: "{{field}}" together with the other day rules leaves at most {{most}} working days this week; the minimum weekly hours need {{need}}',
  ],
  'errors.wfm.shrinkageTotal': [
    '各类损耗合计 {{percent}}%，已没有接听时间：合计须低于 100%',
    '各類損耗合計 {{percent}}%，已沒有接聽時間：合計須低於 100%',
    'The categories add up to {{percent}} %: no time is left on the phone (keep the sum below 100 %)',
  ],
  'errors.wfm.shrinkageTwice': ['“{{category}}”填了两次', '「{{category}}」填了兩次', '"{{category}}" is given twice'],
  'wfm.shrinkageByCategory': ['计划损耗（按类别）', '計畫損耗（按類別）', 'Planned shrinkage by category'],
  'wfm.shrinkageHint': [
    '填写各类非接听时间占带薪时间的百分比；按预测生成需求时，所需人数 = 话务所需坐席 ÷ (1 − 各类合计)。',
    '填寫各類非接聽時間佔帶薪時間的百分比；依預測產生需求時，所需人數 = 話務所需坐席 ÷ (1 − 各類合計)。',
    'Percent of paid time spent off the phone, by category; a requirement from a forecast is the agents the calls need ÷ (1 − the sum).',
  ],
  'wfm.shrinkageCategory.training': ['培训 %', '培訓 %', 'Training %'],
  'wfm.shrinkageCategory.coaching': ['辅导 %', '輔導 %', 'Coaching %'],
  'wfm.shrinkageCategory.meetings': ['会议 %', '會議 %', 'Meetings %'],
  'wfm.shrinkageCategory.leave': ['休假 %', '休假 %', 'Leave %'],
  'wfm.shrinkageCategory.sickness': ['病假 %', '病假 %', 'Sickness %'],
  'wfm.shrinkageCategory.other': ['其他 %', '其他 %', 'Other %'],
  'wfm.shrinkageTotal': ['合计 {{pct}}%', '合計 {{pct}}%', 'Total {{pct}} %'],
  'wfm.saveShrinkage': ['保存损耗', '儲存損耗', 'Save shrinkage'],
  'wfm.distinctCost': ['每多一种班次的代价（缺员坐席小时）', '每多一種班次的代價（缺員坐席小時）', 'Cost of each shift type (agent-hours short)'],
  'wfm.distinctCostHint': [
    '班次种类（上班时间 × 时长）越少，排班越规整、越好管理；填写多少坐席小时的缺员才值得多用一种班次。0 = 不限种类，只看覆盖。',
    '班次種類（上班時間 × 時長）越少，排班越規整、越好管理；填寫多少坐席小時的缺員才值得多用一種班次。0 = 不限種類，只看覆蓋。',
    'Fewer shift types (start time × length) make a more regular, easier week: say how many agent-hours short one more type is worth. 0 = any number of types, coverage only.',
  ],
  'wfm.distinctShifts': ['班次种类 {{count}} 种', '班次種類 {{count}} 種', 'Shift types: {{count}}'],
};

export const planRuleMessages: Messages = { 'zh-CN': nest(WORDS, 0), 'zh-TW': nest(WORDS, 1), en: nest(WORDS, 2) };
