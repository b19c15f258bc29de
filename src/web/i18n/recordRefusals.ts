import type { Messages } from './types';
import { nest } from './people';

/**
 * Refusals of the store and the shared parsers (issue 14): a record in the wrong state, a value the
 * store checks, a contract rule a schedule edit breaks (`errors.<reason>`, params interpolated). A work
 * order's state and transition are said through the board's own names (`wo.states.*`, `wo.transitions.*`;
 * a configured name without a translation is shown as stored). Row = zh-CN, zh-TW, en.
 */
type Row = [zhCN: string, zhTW: string, en: string];

/** `wo.states.<state>` / `wo.transitions.<name>` of the work-order board, the stored name when it has none */
const woState = '$t(wo.states.{{state}}, {"defaultValue": "{{state}}"})';
const woTransition = '$t(wo.transitions.{{transition}}, {"defaultValue": "{{transition}}"})';

/** labels of fields the store's refusals name (`fields.<name>`), beside the shared ones in errors.ts */
const FIELDS: Record<string, Row> = {
  tags: ['标签', '標籤', 'Tags'],
  categoryId: ['分类', '分類', 'Category'],
  parentId: ['上级分类', '上層分類', 'Parent category'],
  filename: ['文件名', '檔名', 'File name'],
  contentType: ['文件类型', '檔案類型', 'File type'],
  capacity: ['名额', '名額', 'Places'],
  bonus: ['奖励积分', '獎勵積分', 'Bonus points'],
  points: ['积分', '積分', 'Points'],
  weekStart: ['周一日期', '週一日期', 'Week (Monday)'],
  assigneeUserId: ['处理人', '處理人', 'Assignee'],
  departmentId: ['部门', '部門', 'Department'],
  outcome: ['回访结果', '回訪結果', 'Outcome'],
  kpi: ['指标', '指標', 'KPI'],
  value: ['数值', '數值', 'Value'],
};

const ERRORS: Record<string, Row> = {
  'csv.columnMissing': ['第 {{line}} 行：缺少“{{column}}”列', '第 {{line}} 行：缺少「{{column}}」欄', 'Line {{line}}: the "{{column}}" column is missing'],
  'csv.cellEmpty': ['第 {{line}} 行：“{{column}}”为空', '第 {{line}} 行：「{{column}}」為空', 'Line {{line}}: "{{column}}" is empty'],
  'csv.badMonth': [
    '第 {{line}} 行：“{{value}}”不是 YYYY-MM 格式的月份',
    '第 {{line}} 行：「{{value}}」不是 YYYY-MM 格式的月份',
    'Line {{line}}: "{{value}}" is not a month (YYYY-MM)',
  ],
  'csv.notANumber': [
    '第 {{line}} 行：“{{column}}”的“{{value}}”不是数字',
    '第 {{line}} 行：「{{column}}」的「{{value}}」不是數字',
    'Line {{line}}: "{{value}}" in "{{column}}" is not a number',
  ],
  'csv.negative': ['第 {{line}} 行：“{{column}}”不能为负数', '第 {{line}} 行：「{{column}}」不能為負數', 'Line {{line}}: "{{column}}" must not be negative'],
  'csv.duplicateRow': ['第 {{line}} 行与第 {{first}} 行重复', '第 {{line}} 行與第 {{first}} 行重複', 'Line {{line}} repeats line {{first}}'],
  'perf.csvValueColumn': [
    '第 {{line}} 行：需要“value”列，或“numerator”与“denominator”两列',
    '第 {{line}} 行：需要「value」欄，或「numerator」與「denominator」兩欄',
    'Line {{line}}: a "value" column (or "numerator" and "denominator") is needed',
  ],
  'perf.csvUnknownKpi': ['第 {{line}} 行：“{{value}}”不是指标代码', '第 {{line}} 行：「{{value}}」不是指標代碼', 'Line {{line}}: "{{value}}" is not a KPI key'],
  'perf.csvValueNeeded': [
    '第 {{line}} 行：请填写数值，或同时填写分子和分母（空白表示缺失，不是 0）',
    '第 {{line}} 行：請填寫數值，或同時填寫分子和分母（空白表示缺失，不是 0）',
    'Line {{line}}: give a value, or both numerator and denominator (an empty cell is missing, not 0)',
  ],
  'quality.itemTwice': ['评分项“{{item}}”回答了两次', '評分項「{{item}}」回答了兩次', 'Item "{{item}}" is answered twice'],
  'quality.itemUnanswered': ['评分项“{{item}}”尚未评分', '評分項「{{item}}」尚未評分', 'Item "{{item}}" is not answered'],
  'quality.itemNoNa': ['评分项“{{item}}”不允许选“不适用”', '評分項「{{item}}」不允許選「不適用」', 'Item "{{item}}" does not allow N/A'],
  'quality.itemOutOfRange': [
    '评分项“{{item}}”的分值 {{value}} 超出 {{min}}–{{max}}',
    '評分項「{{item}}」的分值 {{value}} 超出 {{min}}–{{max}}',
    'Item "{{item}}": {{value}} is outside {{min}}–{{max}}',
  ],
  'quality.itemNotAnOption': [
    '评分项“{{item}}”没有 {{value}} 这个选项',
    '評分項「{{item}}」沒有 {{value}} 這個選項',
    'Item "{{item}}" has no option {{value}}',
  ],
  'quality.itemNotInTemplate': [
    '评分项“{{item}}”不在评分表第 {{version}} 版中',
    '評分項「{{item}}」不在評分表第 {{version}} 版中',
    'Item "{{item}}" is not in version {{version}} of the scorecard',
  ],
  'quality.callOfAnotherAgent': [
    '通话 {{callId}} 由坐席 {{handledBy}} 接听，不是所选坐席',
    '通話 {{callId}} 由坐席 {{handledBy}} 接聽，不是所選坐席',
    'Call {{callId}} was handled by {{handledBy}}, not the agent chosen',
  ],
  // generic checks of a value
  'input.endNotAfterStart': ['结束须晚于开始', '結束須晚於開始', 'Must end after it starts'],
  'input.notPositiveInteger': ['须为大于 0 的整数', '須為大於 0 的整數', 'Must be a whole number above 0'],
  'input.notPositive': ['须大于 0', '須大於 0', 'Must be above 0'],
  'input.between': ['须在 {{minimum}} 至 {{maximum}} 之间', '須在 {{minimum}} 至 {{maximum}} 之間', 'Must be between {{minimum}} and {{maximum}}'],
  'input.unknownTimeZone': [
    '{{field}} 不是已知时区：{{value}}（请用 IANA 名称如 Asia/Shanghai，或相对 UTC 的分钟数）',
    '{{field}} 不是已知時區：{{value}}（請用 IANA 名稱如 Asia/Taipei，或相對 UTC 的分鐘數）',
    '{{field}} is not a known time zone: {{value}} (use an IANA name like Asia/Shanghai, or minutes east of UTC)',
  ],
  'input.badTime': [
    '{{field}} 不是有效时间：{{value}}（请用 YYYY-MM-DD、YYYY-MM-DDTHH:MM 或 ISO 时间）',
    '{{field}} 不是有效時間：{{value}}（請用 YYYY-MM-DD、YYYY-MM-DDTHH:MM 或 ISO 時間）',
    '{{field}} is not a valid time: {{value}} (use YYYY-MM-DD, YYYY-MM-DDTHH:MM or an ISO time)',
  ],
  'center.badId': [
    '{{field}} 须为中心编号（大于 0 的整数）',
    '{{field}} 須為中心編號（大於 0 的整數）',
    '{{field}} must be a center id (a whole number above 0)',
  ],
  'import.followOnlyQueueLog': ['持续读取只适用于 queue_log 格式', '持續讀取只適用於 queue_log 格式', 'Following a file is only for the queue_log format'],

  // knowledge base
  'kb.categoryMissing': ['分类 {{categoryId}} 不存在', '分類 {{categoryId}} 不存在', 'Category {{categoryId}} does not exist'],
  'kb.tagTooLong': ['每个标签最多 {{maximum}} 个字', '每個標籤最多 {{maximum}} 個字', 'A tag has at most {{maximum}} characters'],
  'kb.notReviewable': [
    '版本 v{{version}} 不是草稿或被退回的版本，不能提交审核',
    '版本 v{{version}} 不是草稿或被退回的版本，不能送審',
    'Version v{{version}} is not a draft or a rejected version: it cannot be sent to review',
  ],
  'kb.badFilename': [
    '请使用普通文件名（不含斜杠或控制字符，最多 {{maximum}} 个字）',
    '請使用一般檔名（不含斜線或控制字元，最多 {{maximum}} 個字）',
    'Use a plain file name (no slashes or control characters, at most {{maximum}} characters)',
  ],
  'kb.fileTypeNotAllowed': [
    '不允许上传 {{type}} 类型的文件；允许的类型：{{allowed}}',
    '不允許上傳 {{type}} 類型的檔案；允許的類型：{{allowed}}',
    'Files of type {{type}} are not allowed; allowed: {{allowed}}',
  ],
  'kb.fileEmpty': ['文件是空的', '檔案是空的', 'The file is empty'],
  'kb.fileTooLarge': [
    '文件有 {{bytes}} 字节，超过上限 {{limit}} 字节',
    '檔案有 {{bytes}} 位元組，超過上限 {{limit}} 位元組',
    'The file is {{bytes}} bytes; the limit is {{limit}} bytes',
  ],
  'kb.queryEmpty': ['请输入要搜索的词', '請輸入要搜尋的詞', 'Type something to search for'],
  'kb.queryNoText': [
    '搜索内容只有标点或符号，请至少输入一个字或词',
    '搜尋內容只有標點或符號，請至少輸入一個字或詞',
    'The search has only punctuation or symbols; type at least one character or word',
  ],
  'kb.queryTermTooLong': [
    '搜索词“{{term}}”连续超过 {{maximum}} 个字，请缩短或用空格分开',
    '搜尋詞「{{term}}」連續超過 {{maximum}} 個字，請縮短或用空格分開',
    'The search term "{{term}}" runs over {{maximum}} characters without a space; shorten it or split it with spaces',
  ],
  'kb.queryTooManyTerms': ['最多可搜索 {{maximum}} 个词', '最多可搜尋 {{maximum}} 個詞', 'At most {{maximum}} search terms'],

  // live floor
  'live.alertClosed': ['预警 #{{id}} 已关闭', '預警 #{{id}} 已關閉', 'Alert #{{id}} is already closed'],
  'live.alertAcknowledged': ['预警 #{{id}} 已有人确认', '預警 #{{id}} 已有人確認', 'Alert #{{id}} is already acknowledged'],
  'live.staffInactive': ['{{name}} 未在应急预案中启用', '{{name}} 未在應急預案中啟用', '{{name}} is not active in the emergency plan'],
  'live.staffOnPhones': ['{{name}} 已在线接听', '{{name}} 已在線接聽', '{{name}} is already on the phones'],
  'live.callinEnded': ['应急召回 #{{id}} 已结束', '應急召回 #{{id}} 已結束', 'Call-in #{{id}} has already ended'],
  'live.promptDone': ['提醒 #{{id}} 已处理', '提醒 #{{id}} 已處理', 'Prompt #{{id}} is already done'],

  // people
  'people.agentNoTeam': ['坐席 {{agentId}} 尚未分配班组', '坐席 {{agentId}} 尚未分配班組', 'Agent {{agentId}} has no team'],
  'people.selfNoTeam': [
    '您尚未分配班组，暂时没有可签到的心情看板',
    '您尚未分配班組，暫時沒有可簽到的心情看板',
    'You are not in a team yet, so there is no mood board to check in to',
  ],
  'people.logoutBeforeLogin': ['登出时间早于登录时间', '登出時間早於登入時間', 'Logout is before login'],
  'people.notSurveyQuestion': ['“{{question}}”不是本调查的问题', '「{{question}}」不是本調查的問題', '"{{question}}" is not a question of this survey'],
  'people.agentNotInTeam': ['坐席 {{agentId}} 不在班组 {{teamId}}', '坐席 {{agentId}} 不在班組 {{teamId}}', 'Agent {{agentId}} is not in team {{teamId}}'],
  'people.notTeamLead': ['用户 {{userId}} 不是班长', '使用者 {{userId}} 不是班長', 'User {{userId}} is not a team lead'],

  // performance
  'perf.unknownKpi': ['“{{kpi}}”不是指标编码', '「{{kpi}}」不是指標編碼', '"{{kpi}}" is not a KPI key'],
  'perf.kpiFromQa': ['“{{kpi}}”由质检评分计算，不能上传', '「{{kpi}}」由質檢評分計算，不能上傳', '"{{kpi}}" is computed from QA evaluations, not uploaded'],
  'perf.valueRequired': ['请填写数值，或同时填写分子和分母', '請填寫數值，或同時填寫分子和分母', 'Give a value, or both numerator and denominator'],
  'perf.nothingToPublish': [
    '{{month}} 没有任何坐席的指标，无可发布',
    '{{month}} 沒有任何坐席的指標，無可發布',
    'No agent has any figure for {{month}}: nothing to publish',
  ],
  'perf.publishNoteRequired': [
    '{{count}} 张评分卡缺少指标（例如工号 {{employeeNo}} 的 {{kpis}}）；发布时请在备注中说明哪项指标迟到',
    '{{count}} 張評分卡缺少指標（例如工號 {{employeeNo}} 的 {{kpis}}）；發布時請在備註中說明哪項指標遲到',
    '{{count}} scorecard(s) miss a figure (e.g. {{kpis}} of {{employeeNo}}); publish with a note saying which figure is late',
  ],

  // workforce management
  'wfm.slotNotOpen': ['高峰时段 #{{id}} 已不开放认购', '高峰時段 #{{id}} 已不開放認購', 'Peak slot #{{id}} is no longer open'],
  'wfm.redemptionDecided': ['积分兑换申请 #{{id}} 已处理过', '積分兌換申請 #{{id}} 已處理過', 'Redemption #{{id}} was already decided'],
  'wfm.templateCode': [
    '班次编码须为 1–{{maximum}} 个字母、数字、_ 或 -',
    '班次編碼須為 1–{{maximum}} 個字母、數字、_ 或 -',
    'A template code is 1–{{maximum}} letters, digits, _ or -',
  ],
  'wfm.spanRange': ['时长须大于 0 且不超过 {{maximum}} 分钟', '時長須大於 0 且不超過 {{maximum}} 分鐘', 'Must be above 0 and at most {{maximum}} minutes'],
  'wfm.minuteOfDay': ['须在一天之内（0 至 1440 分钟之前）', '須在一天之內（0 至 1440 分鐘之前）', 'Must be within the day (0 to before 1440 minutes)'],
  'wfm.latestBeforeEarliest': [
    '最晚开始不能早于最早开始，且须在一天之内',
    '最晚開始不能早於最早開始，且須在一天之內',
    'The latest start cannot be before the earliest start, and is within the day',
  ],
  'wfm.notMultipleOf': ['须为 {{step}} 分钟的正整数倍', '須為 {{step}} 分鐘的正整數倍', 'Must be a positive multiple of {{step}} minutes'],
  'wfm.breaksOverlap': ['休息时段须按顺序排列且不能重叠', '休息時段須依序排列且不能重疊', 'Break windows must be in order and not overlap'],
  'wfm.breakOutsideShift': ['休息须在班次结束前结束', '休息須在班次結束前結束', 'The break must end inside the shift'],
  'wfm.minHoursAboveMax': [
    '每周最少 {{min}} 小时高于最多 {{max}} 小时',
    '每週最少 {{min}} 小時高於最多 {{max}} 小時',
    'The minimum of {{min}} h a week is above the maximum of {{max}} h',
  ],
  'wfm.levelWithoutSkill': [
    '{{skill}} 不在技能列表中，不能设熟练度',
    '{{skill}} 不在技能清單中，不能設熟練度',
    '{{skill}} is not among the skills, so it cannot have a level',
  ],
  'wfm.noQueues': ['至少需要一个队列', '至少需要一個佇列', 'Give at least one queue'],
  'wfm.queueTwice': ['队列 {{queue}} 出现了两次', '佇列 {{queue}} 出現了兩次', 'Queue {{queue}} is given twice'],
  'wfm.noSkilledAgents': ['没有坐席具备所列队列的技能', '沒有坐席具備所列佇列的技能', 'No agent has a skill for the queues given'],
  'wfm.noTimeForMinHours': ['每周休 7 天就无法满足最少工时', '每週休 7 天就無法滿足最少工時', 'Seven days off leave no time for the minimum hours'],
  'wfm.requirementLength': [
    '需要 {{expected}} 个值（7 天 × 每天 {{perDay}} 个时段），收到 {{got}} 个',
    '需要 {{expected}} 個值（7 天 × 每天 {{perDay}} 個時段），收到 {{got}} 個',
    'Needs {{expected}} values (7 days × {{perDay}} intervals), got {{got}}',
  ],
  'wfm.forecastEmpty': ['预测至少需要一个时段', '預測至少需要一個時段', 'A forecast needs at least one interval'],
  'wfm.notMonday': ['{{date}} 不是周一', '{{date}} 不是週一', '{{date}} is not a Monday'],
  'wfm.runNotDone': [
    '排班方案 #{{id}} 尚未求解完成，不能发布',
    '排班方案 #{{id}} 尚未求解完成，不能發布',
    'Schedule run #{{id}} is not finished: it cannot be published',
  ],
  'wfm.noContract': ['坐席 {{agentId}} 没有合同', '坐席 {{agentId}} 沒有合約', 'Agent {{agentId}} has no contract'],
  'wfm.contract.maxHoursWeek': [
    '违反合同：本周带薪 {{hours}} 小时，超过每周最多 {{max}} 小时',
    '違反合約：本週帶薪 {{hours}} 小時，超過每週最多 {{max}} 小時',
    'Breaks the contract: {{hours}} paid hours this week, above the maximum of {{max}}',
  ],
  'wfm.contract.minHoursWeek': [
    '违反合同：本周带薪 {{hours}} 小时，低于每周最少 {{min}} 小时',
    '違反合約：本週帶薪 {{hours}} 小時，低於每週最少 {{min}} 小時',
    'Breaks the contract: {{hours}} paid hours this week, below the minimum of {{min}}',
  ],
  'wfm.contract.oneShiftPerDay': [
    '违反合同：{{date}} 有两个班次开始',
    '違反合約：{{date}} 有兩個班次開始',
    'Breaks the contract: two shifts start on {{date}}',
  ],
  'wfm.contract.earliestStart': [
    '违反合同：{{date}} 的班次 {{start}} 开始，早于合同最早开始时间 {{earliest}}',
    '違反合約：{{date}} 的班次 {{start}} 開始，早於合約最早開始時間 {{earliest}}',
    "Breaks the contract: the shift on {{date}} starts at {{start}}, before the contract's earliest start {{earliest}}",
  ],
  'wfm.contract.latestStart': [
    '违反合同：{{date}} 的班次 {{start}} 开始，晚于合同最晚开始时间 {{latest}}',
    '違反合約：{{date}} 的班次 {{start}} 開始，晚於合約最晚開始時間 {{latest}}',
    "Breaks the contract: the shift on {{date}} starts at {{start}}, after the contract's latest start {{latest}}",
  ],
  'wfm.contract.leave': ['{{date}} 是已批准的假期，不能排班', '{{date}} 是已核准的假期，不能排班', '{{date}} is approved leave: no shift can be put on it'],
  'wfm.contract.minDaysOff': [
    '违反合同：本周只休 {{daysOff}} 天，合同要求至少 {{min}} 天',
    '違反合約：本週只休 {{daysOff}} 天，合約要求至少 {{min}} 天',
    'Breaks the contract: {{daysOff}} days off this week, the contract needs at least {{min}}',
  ],
  'wfm.contract.overlap': ['两个班次时间重叠', '兩個班次時間重疊', 'Two shifts overlap'],
  'wfm.contract.minRest': [
    '违反合同：两个班次之间只休息 {{rest}} 小时，合同要求至少 {{min}} 小时',
    '違反合約：兩個班次之間只休息 {{rest}} 小時，合約要求至少 {{min}} 小時',
    'Breaks the contract: only {{rest}} h rest between shifts, the contract needs {{min}} h',
  ],
  'wfm.shiftNotYours': ['这不是您的班次', '這不是您的班次', 'This shift is not yours'],
  'wfm.swapSameAgent': ['请选择另一位坐席', '請選擇另一位坐席', 'Choose another agent'],
  'wfm.swapPending': ['该班次已有待审批的换班申请', '該班次已有待審批的換班申請', 'This shift already has a pending swap request'],
  'wfm.swapDecided': ['换班申请 #{{id}} 已处理过', '換班申請 #{{id}} 已處理過', 'Swap request #{{id}} was already decided'],
  'wfm.swapShiftMoved': ['申请提交后该班次已换了人，不能再批准', '申請提交後該班次已換了人，不能再核准', 'The shift has changed hands since the request'],

  // work orders
  'workorder.unknownType': ['未知的工单类型“{{type}}”', '未知的工單類型「{{type}}」', 'Unknown work-order type "{{type}}"'],
  'workorder.unknownCategory': [
    '“{{category}}”不是此类工单的分类；可选：{{allowed}}',
    '「{{category}}」不是此類工單的分類；可選：{{allowed}}',
    '"{{category}}" is not a category of this order type; allowed: {{allowed}}',
  ],
  'workorder.unknownTransition': [
    '此类工单没有“{{transition}}”这一操作',
    '此類工單沒有「{{transition}}」這一操作',
    'This order type has no transition "{{transition}}"',
  ],
  'workorder.wrongState': [
    `工单当前为“${woState}”，不能执行“${woTransition}”`,
    `工單目前為「${woState}」，不能執行「${woTransition}」`,
    `The order is "${woState}": "${woTransition}" is not possible now`,
  ],
  'workorder.noteRequired': [`“${woTransition}”需要填写原因`, `「${woTransition}」需要填寫原因`, `"${woTransition}" needs a note saying why`],
  'workorder.beforeLastChange': [
    '时间 {{at}} 早于工单最近一次变更 {{last}}',
    '時間 {{at}} 早於工單最近一次變更 {{last}}',
    "Time {{at}} is before the order's last change at {{last}}",
  ],
  'workorder.dispatchInfoRequired': ['派工单需要地址和预约时间', '派工單需要地址和預約時間', 'A dispatch order needs an address and an appointment'],
  'workorder.changedMeanwhile': [
    '工单 #{{id}} 已被他人修改，请刷新后重试',
    '工單 #{{id}} 已被他人修改，請重新整理後重試',
    'Work order #{{id}} was changed meanwhile; reload it',
  ],
  'workorder.assigneeRequired': [
    `“${woTransition}”需要指定回访的坐席`,
    `「${woTransition}」需要指定回訪的坐席`,
    `"${woTransition}" needs the agent who will make the call`,
  ],
  'workorder.crewRequired': [`“${woTransition}”需要选择外勤组`, `「${woTransition}」需要選擇外勤組`, `"${woTransition}" needs the field crew to send it to`],
  'workorder.departmentRequired': [
    `“${woTransition}”需要选择业务部门`,
    `「${woTransition}」需要選擇業務部門`,
    `"${woTransition}" needs the business department to send it to`,
  ],
  'workorder.notCrew': ['{{departmentId}} 不是外勤组', '{{departmentId}} 不是外勤組', '{{departmentId}} is not a field crew'],
  'workorder.notDepartment': ['{{departmentId}} 不是业务部门', '{{departmentId}} 不是業務部門', '{{departmentId}} is not a business department'],
  'workorder.notCallback': ['工单 #{{id}} 不是回访工单', '工單 #{{id}} 不是回訪工單', 'Work order #{{id}} is not a callback'],
  'workorder.callbackNotAssigned': [
    `回访工单 #{{id}} 当前为“${woState}”，只有已分配时才能登记回访结果`,
    `回訪工單 #{{id}} 目前為「${woState}」，只有已分配時才能登記回訪結果`,
    `Callback #{{id}} is "${woState}": attempts are recorded while it is assigned`,
  ],
  'workorder.callbackClosed': ['回访 #{{id}} 已结束', '回訪 #{{id}} 已結束', 'Callback #{{id}} is already closed'],
  'workorder.attemptBeforeLast': [
    '回访时间 {{at}} 早于上一次回访 {{last}}',
    '回訪時間 {{at}} 早於上一次回訪 {{last}}',
    'Attempt time {{at}} is before the previous attempt at {{last}}',
  ],
  'workorder.qaReviewNotComplaint': ['只有投诉工单可以申请质检复核', '只有投訴工單可以申請質檢複核', 'Only complaints open a QA review'],
  'workorder.noCallLinked': ['该投诉尚未关联通话，请先关联通话', '該投訴尚未關聯通話，請先關聯通話', 'The complaint has no call linked; link the call first'],
  'workorder.qaReviewOpen': ['工单 #{{id}} 已有进行中的质检复核', '工單 #{{id}} 已有進行中的質檢複核', 'A QA review of work order #{{id}} is already open'],
};

const locale = (i: 0 | 1 | 2) => ({ fields: nest(FIELDS, i), errors: nest(ERRORS, i) });

export const recordRefusalMessages: Messages = { 'zh-CN': locale(0), 'zh-TW': locale(1), en: locale(2) };
