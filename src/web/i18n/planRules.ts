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
  'fields.distinctShiftCost': ['每种班次的代价', '每種班次的代價', 'Cost per shift type'],
  'fields.weeks': ['连排周数', '連排週數', 'Weeks to plan'],
  'wfm.rule.title': ['排班规则', '排班規則', 'Day rules'],
  'wfm.rule.maxConsecutiveDays': ['最多连续上班天数', '最多連續上班天數', 'Most working days in a row'],
  'wfm.rule.maxConsecutiveDaysHint': [
    '1–7，跨周计算：上周末连上的天数也算在内；留空 = 不限',
    '1–7，跨週計算：上週末連上的天數也算在內；留空 = 不限',
    '1–7, counted across the week’s end (last week’s run counts); blank = no limit',
  ],
  'wfm.rule.minConsecutiveDaysOff': ['最少连休天数', '最少連休天數', 'Fewest days off in a row'],
  'wfm.rule.minConsecutiveDaysOffHint': [
    '每周至少有这么多天连在一起休息；留空或 0 = 不要求',
    '每週至少有這麼多天連在一起休息；留空或 0 = 不要求',
    'Each week holds at least this many days off together; blank or 0 = no rule',
  ],
  'wfm.rule.weekendsOffMin': ['周末休息（个）', '週末休息（個）', 'Weekends off'],
  'wfm.rule.weekendsOffWeeks': ['每几周', '每幾週', 'In every … weeks'],
  'wfm.rule.weekendsOffHint': [
    '每 N 周中至少 K 个周末（周六和周日）休息，组内坐席错开；两项都留空 = 不要求',
    '每 N 週中至少 K 個週末（週六和週日）休息，組內坐席錯開；兩項都留空 = 不要求',
    'K weekends (Saturday and Sunday) off in every N weeks, staggered across the team; both blank = no rule',
  ],
  'wfm.rule.rotation': ['轮班', '輪班', 'Rotation'],
  'wfm.rule.rotationHint': [
    '按周循环：每周可限定只上哪些班次模板、固定哪几天休息；不勾 = 这一周不限',
    '按週循環：每週可限定只上哪些班次範本、固定哪幾天休息；不勾 = 這一週不限',
    'Weeks in a repeating cycle: each week may limit the shift templates and fix days off; nothing ticked = no limit that week',
  ],
  'wfm.rule.rotationWeek': ['第 {{n}} 周', '第 {{n}} 週', 'Week {{n}}'],
  'wfm.rule.stepTemplates': ['班次', '班次', 'Shifts'],
  'wfm.rule.stepDaysOff': ['休息日', '休息日', 'Days off'],
  'wfm.rule.addRotationWeek': ['加一周', '加一週', 'Add a week'],
  'wfm.rule.rotationOffset': ['起始位置', '起始位置', 'Start offset'],
  'wfm.rule.rotationOffsetHint': [
    '同组坐席取不同的值，就不会同一周上同样的班',
    '同組坐席取不同的值，就不會同一週上同樣的班',
    'Give agents of a team different offsets so they are not on the same week of the cycle',
  ],
  'wfm.rule.sumMaxRun': ['连上 ≤ {{n}} 天', '連上 ≤ {{n}} 天', '≤ {{n}} days in a row'],
  'wfm.rule.sumOffRun': ['连休 ≥ {{n}} 天', '連休 ≥ {{n}} 天', '≥ {{n}} days off together'],
  'wfm.rule.sumWeekends': ['每 {{weeks}} 周休 {{min}} 个周末', '每 {{weeks}} 週休 {{min}} 個週末', '{{min}} of every {{weeks}} weekends off'],
  'wfm.rule.sumRotation': ['轮班 {{n}} 周一循环', '輪班 {{n}} 週一循環', '{{n}}-week rotation'],
  'wfm.weeksToPlan': ['连排周数', '連排週數', 'Weeks to plan'],
  'wfm.weeksToPlanHint': [
    '一次排 1–6 周：每周一份草稿，依次求解，前一周的连续上班天数、跨夜班次和轮班延续到下一周；第 2 周起用各周最新的需求；时间上限按每周计算。',
    '一次排 1–6 週：每週一份草稿，依次求解，前一週的連續上班天數、跨夜班次和輪班延續到下一週；第 2 週起用各週最新的需求；時間上限按每週計算。',
    'Plan 1–6 weeks at once: one draft per week, solved in turn, each week’s days in a row, overnight shifts and rotation carried into the next; weeks 2 on use their newest requirement; the time limit is per week.',
  ],
  'wfm.planWeek': ['第 {{n}} 周（{{week}}）', '第 {{n}} 週（{{week}}）', 'Week {{n}} ({{week}})'],
  'wfm.publishAll': ['发布全部各周', '發布全部各週', 'Publish every week'],
  'errors.wfm.scheduleRuleInfeasible': [
    '坐席 {{agent}}：按“{{field}}”，{{week}} 这一周最多只能上 {{most}} 天班，而周最少工时需要 {{need}} 天',
    '坐席 {{agent}}：按「{{field}}」，{{week}} 這一週最多只能上 {{most}} 天班，而週最少工時需要 {{need}} 天',
    'Agent {{agent}}: with "{{field}}" at most {{most}} working days are left in the week of {{week}}; the minimum weekly hours need {{need}}',
  ],
  'errors.wfm.scheduleRulesInfeasible': [
    '坐席 {{agent}}：“{{field}}”与其他排班规则合在一起，{{week}} 这一周最多只能上 {{most}} 天班，而周最少工时需要 {{need}} 天',
    '坐席 {{agent}}：「{{field}}」與其他排班規則合在一起，{{week}} 這一週最多只能上 {{most}} 天班，而週最少工時需要 {{need}} 天',
    'Agent {{agent}}: "{{field}}" together with the other day rules leaves at most {{most}} working days in the week of {{week}}; the minimum weekly hours need {{need}}',
  ],
  'errors.wfm.scheduleRuleCarry': [
    '坐席 {{agent}}：上一周（本计划第 {{n}} 周之前）为满足最少工时，至少连上 {{before}} 天直到周日；再按“{{field}}”，{{week}} 这一周最多只能上 {{most}} 天班，而周最少工时需要 {{need}} 天：两周的最少工时无法同时满足',
    '坐席 {{agent}}：上一週（本計畫第 {{n}} 週之前）為滿足最少工時，至少連上 {{before}} 天直到週日；再按「{{field}}」，{{week}} 這一週最多只能上 {{most}} 天班，而週最少工時需要 {{need}} 天：兩週的最少工時無法同時滿足',
    'Agent {{agent}}: the week before (week {{n}} of the plan follows it) ends with at least {{before}} working days in a row to meet its minimum hours; with "{{field}}" that leaves at most {{most}} working days in the week of {{week}}, and its minimum hours need {{need}}: both weeks’ minimum hours cannot be met',
  ],
  'errors.wfm.planWeekUnpublished': [
    '本计划的第 {{n}} 周（{{week}}，运行 #{{runId}}）还不是已发布的排班：第 {{k}} 周是在它之上排的，请先发布第 {{n}} 周，或“发布全部各周”（若那一周已被别的排班替换，请重新排第 {{k}} 周）',
    '本計畫的第 {{n}} 週（{{week}}，執行 #{{runId}}）還不是已發布的排班：第 {{k}} 週是在它之上排的，請先發布第 {{n}} 週，或「發布全部各週」（若那一週已被別的排班取代，請重新排第 {{k}} 週）',
    'Week {{n}} of this plan ({{week}}, run #{{runId}}) is not the published schedule: week {{k}} was planned on it. Publish week {{n}} first, or publish every week (if another schedule replaced that week, plan week {{k}} again)',
  ],
  'errors.wfm.requirementPending': [
    '需求 #{{requirementId}}（{{weekStart}}）还在由多技能排班（运行 #{{runId}}）计算中，暂不能用于排班；该运行失败时请改用其他需求',
    '需求 #{{requirementId}}（{{weekStart}}）還在由多技能排班（執行 #{{runId}}）計算中，暫不能用於排班；該執行失敗時請改用其他需求',
    'Requirement #{{requirementId}} ({{weekStart}}) is still being computed by the multi-skill plan (run #{{runId}}): no run can start on it yet; if that run failed, use another requirement',
  ],
  'wfm.planWeekOf': ['本计划第 {{k}} 周 / 共 {{n}} 周', '本計畫第 {{k}} 週 / 共 {{n}} 週', 'Week {{k}} of {{n}} of the plan'],
  'wfm.requirementPendingShort': ['计算中', '計算中', 'being computed'],
  // the shrinkage a requirement was computed with (migration 059): the time-off allowance counts net of its leave share
  'wfm.requirementShrinkage': [
    '缩减率 {{total}}%，其中休假 {{leave}}%',
    '縮減率 {{total}}%，其中休假 {{leave}}%',
    'shrinkage {{total}} %, leave {{leave}} % of it',
  ],
  'wfm.requirementShrinkageTotal': ['缩减率 {{total}}%', '縮減率 {{total}}%', 'shrinkage {{total}} %'],
  // an uploaded curve may declare the shrinkage it was computed with (the total and its leave share)
  'fields.shrinkage': ['缩减率', '縮減率', 'Shrinkage'],
  'fields.shrinkageLeave': ['其中休假', '其中休假', 'Of which leave'],
  'wfm.uploadShrinkage': ['该需求的缩减率 %（可空）', '該需求的縮減率 %（可空）', 'Shrinkage it was computed with, % (optional)'],
  'wfm.uploadShrinkageLeave': ['其中休假 %（可空）', '其中休假 %（可空）', 'Of which leave, % (optional)'],
  'wfm.uploadShrinkageHint': [
    '填写后随需求保存：休假申请只对比扣除休假部分后的需求，日内调整再扣除排班中已安排的活动（填了计划活动占比时最多扣到该占比）；不填则按需求原样对比。',
    '填寫後隨需求儲存：休假申請只對比扣除休假部分後的需求，日內調整再扣除排班中已安排的活動（填了計畫活動佔比時最多扣到該佔比）；不填則按需求原樣對比。',
    'Kept with the requirement: time off is then checked against it net of the leave share, and intraday also net of the activities booked in the schedule (up to the planned-activity share when given); left empty, both compare with it as it is.',
  ],
  // the share of the shrinkage planned as activities a schedule books (migration 060): at most total − leave
  'fields.shrinkageActivity': ['其中计划活动', '其中計畫活動', 'Of which planned activities'],
  'wfm.requirementShrinkageActivity': ['、计划活动 {{activity}}%', '、計畫活動 {{activity}}%', ', planned activities {{activity}} %'],
  'wfm.uploadShrinkageActivity': [
    '其中计划活动（培训、辅导、会议）%（可空）',
    '其中計畫活動（培訓、輔導、會議）%（可空）',
    'Of which planned activities (training, coaching, meetings), % (optional)',
  ],
  'errors.wfm.shrinkageActivityWithoutTotal': [
    '填写计划活动占比时请同时填写缩减率：计划活动是其中的一部分',
    '填寫計畫活動佔比時請同時填寫縮減率：計畫活動是其中的一部分',
    'Give the shrinkage too: the planned-activity share is part of it',
  ],
  'errors.wfm.shrinkageActivityOverRest': [
    '计划活动 {{activity}}% 大于缩减率 {{total}}% 减去休假 {{leave}}%（{{rest}}%）',
    '計畫活動 {{activity}}% 大於縮減率 {{total}}% 減去休假 {{leave}}%（{{rest}}%）',
    'Planned activities {{activity}} % are more than the shrinkage {{total}} % less leave {{leave}} % ({{rest}} %)',
  ],
  // the intraday panel of the adherence page: which cover the gap counts (core/wfm/intraday queueCover); the queue
  // is the one chosen just above it (its name is data, not words: not repeated in the sentence)
  'wfm.intradayCover': [
    '已排人数只计所选队列的坐席：{{agents}} 人（按班次所属队列，否则按坐席技能；可接多个队列的坐席在每个队列都计入）；另有 {{others}} 名在线坐席不接此队列，未计入',
    '已排人數只計所選佇列的坐席：{{agents}} 人（按班次所屬佇列，否則按坐席技能；可接多個佇列的坐席在每個佇列都計入）；另有 {{others}} 名在線坐席不接此佇列，未計入',
    'Scheduled counts the chosen queue’s agents only: {{agents}} (by the shift’s queues, else the agent’s skills; an agent on several queues counts in each); {{others}} other agents on the phone do not answer it and are not counted',
  ],
  'errors.wfm.shrinkageLeaveWithoutTotal': [
    '填写休假占比时请同时填写缩减率：休假是其中的一部分',
    '填寫休假佔比時請同時填寫縮減率：休假是其中的一部分',
    'Give the shrinkage too: the leave share is part of it',
  ],
  'errors.wfm.shrinkageLeaveOverTotal': [
    '休假 {{leave}}% 大于缩减率 {{total}}%：休假是其中的一部分',
    '休假 {{leave}}% 大於縮減率 {{total}}%：休假是其中的一部分',
    'Leave {{leave}} % is more than the shrinkage {{total}} % it is part of',
  ],
  'errors.wfm.weekWithoutRequirement': [
    '第 {{n}} 周（{{week}}）还没有需求：请先为这一周生成或上传需求',
    '第 {{n}} 週（{{week}}）還沒有需求：請先為這一週產生或上傳需求',
    'Week {{n}} ({{week}}) has no requirement yet: make or upload one for that week first',
  ],
  'errors.wfm.weekIntervalDiffers': [
    '{{week}} 这一周的需求按 {{intervalMin}} 分钟一段，第一周按 {{first}} 分钟：几周一起排时须相同',
    '{{week}} 這一週的需求按 {{intervalMin}} 分鐘一段，第一週按 {{first}} 分鐘：幾週一起排時須相同',
    'The requirement of the week of {{week}} is in {{intervalMin}}-minute intervals, the first week’s in {{first}}: weeks planned together need the same',
  ],
  'errors.wfm.rotationEmpty': ['轮班至少要有一周', '輪班至少要有一週', 'A rotation needs at least one week'],
  'errors.wfm.unknownTemplate': ['没有代码为 {{id}} 的班次模板', '沒有代碼為 {{id}} 的班次範本', 'There is no shift template {{id}}'],
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
