import type { Messages } from './types';

/** Knowledge base and work orders. */
export const kbwoMessages: Messages = {
  'zh-CN': {
    errors: { kb: { staleVersion: '文章已被他人保存（当前版本 v{{current}}，你的修改基于 v{{base}}），已刷新，请核对后重新保存' }, workorder: { assigneeUnknown: '{{field}}：用户 {{userId}} 不存在、已停用或不属于本中心', assigneeRole: '{{field}}：用户 {{userId}} 不是该工单此阶段的处理角色（可选：{{roles}}）', assigneeOutOfScope: '{{field}}：坐席用户 {{userId}} 不在您的管辖范围内（本人或您班组的坐席）', parentNotFound: '{{field}}：工单 {{id}} 不存在或您无权查看' } },
    nav: { kb: '知识库', kbSearch: '知识搜索', kbEditor: '文章编辑与审核', kbStats: '知识库统计', wo: '工单', woBoard: '工单看板', woReports: '工单报表', woDetail: '工单详情', kbArticle: '文章' },
    kb: {
      searchPlaceholder: '输入关键词，如 停气、後處理、转接率', results: '共 {{n}} 篇', resultsMore: '{{n}}+ 篇', noResult: '没有找到相关文章', open: '打开', helpfulQ: '这篇文章解决你的问题了吗？', yes: '解决了', no: '没解决', thanks: '谢谢反馈',
      tags: '标签', category: '分类', attachments: '附件', views: '浏览', updated: '更新于', title: '标题', body: '正文（HTML，保存时会被安全过滤）', newArticle: '新建文章', save: '保存草稿', saveSubmit: '保存并提交审核',
      versions: '版本', version: '版本号', status: '状态', author: '作者', reviewer: '审核人', restore: '恢复为新草稿', submit: '提交审核', reviewQueue: '待审核', publish: '发布', reject: '退回', note: '说明',
      visibleRoles: '仅这些角色可见（留空为全部）', draft: '草稿', in_review: '审核中', published: '已发布', superseded: '已被替代', rejected: '已退回', unpublished: '未发布', archived: '已归档', edit: '编辑',
      mostViewed: '浏览最多', noResultSearches: '无结果的搜索', leastHelpful: '“没解决”比例最高', stale: '久未更新（超过 {{days}} 天）', searches: '搜索次数', articles: '文章数', times: '次数', upload: '上传附件', selectCategory: '选择分类', newCategory: '新分类', addCategory: '添加分类',
    },
    wo: {
      type: '类型', state: '状态', priority: '优先级', category: '类别', title: '标题', description: '描述', raisedBy: '提交人', assignee: '处理方', sla: 'SLA', due: '到期', created: '创建于', customer: '客户编号', phone: '客户电话', callId: '通话编号',
      newOrder: '新建工单', create: '提交', open: '未完结', all: '全部', mine: '与我相关', history: '流转记录', note: '备注（退回或结案时必填）', department: '业务部门 / 外勤班组', assignTo: '指派给（用户编号）',
      repeat: '投诉专业户', qaReview: '发起质检复核', qaOpen: '质检复核已发起', linkCall: '关联通话', attempts: '回访记录', outcome: '结果', recordAttempt: '记录回访', notifications: '我的通知', markRead: '全部已读',
      address: '地址', appointment: '预约时间', live: '实时', slaAlert: 'SLA 预警：工单 #{{id}} {{title}}', volume: '工单量（类型 / 类别）', timeToClose: '平均结案时长（小时）', slaChart: 'SLA 达成', waits: '停留最久的部门（平均小时）', met: '按时', missed: '超时', openBreached: '未结已超时', openWarning: '即将超时', followUp: '后续回访',
      types: { escalation: '疑难', complaint: '投诉', suggestion: '建议', callback: '回访', dispatch: '派工' },
      priorities: { urgent: '紧急', high: '高', normal: '普通', low: '低' },
      slaStatus: { ok: '正常', warning: '即将超时', breached: '已超时', met: '按时完成', missed: '超时完成' },
      states: { draft: '草稿', expert: '疑难座席处理中', duty_manager: '值班经理处理中', business_dept: '业务部门处理中', feedback: '已回馈', closed: '已结案', withdrawn: '已撤回', open: '待受理', in_progress: '处理中', resolved: '已解决', rejected: '已驳回', submitted: '已提交', under_review: '评估中', accepted: '已接受', declined: '未采纳', implemented: '已实施', pending: '待分配', assigned: '已分配', done: '已完成', failed: '未成功', cancelled: '已取消', sent: '已派单', on_site: '已到场' },
      transitions: { submit: '提交疑难座席', withdraw: '撤回', return_to_agent: '退回坐席', escalate: '升级值班经理', return_to_expert: '退回疑难座席', send_to_business: '转业务部门', return_to_duty_manager: '退回值班经理', feedback: '回馈结果', return_to_business: '退回业务部门', close: '结案', accept: '受理', reject: '驳回', resolve: '解决', reopen: '重新处理', review: '评估', decline: '不采纳', implement: '已实施', assign: '分配', complete: '完成', give_up: '放弃', cancel: '取消', send: '派单', recall: '撤回派单', arrive: '到场' },
      outcomes: { reached_satisfied: '接通-满意', reached_unsatisfied: '接通-不满意', no_answer: '无人接听', busy: '占线', wrong_number: '号码错误', refused: '拒绝回访' },
    },
  },
  'zh-TW': {
    errors: { kb: { staleVersion: '文章已被他人儲存（目前版本 v{{current}}，你的修改基於 v{{base}}），已重新整理，請核對後重新儲存' }, workorder: { assigneeUnknown: '{{field}}：使用者 {{userId}} 不存在、已停用或不屬於本中心', assigneeRole: '{{field}}：使用者 {{userId}} 不是該工單此階段的處理角色（可選：{{roles}}）', assigneeOutOfScope: '{{field}}：座席使用者 {{userId}} 不在您的管轄範圍內（本人或您班組的座席）', parentNotFound: '{{field}}：工單 {{id}} 不存在或您無權檢視' } },
    nav: { kb: '知識庫', kbSearch: '知識搜尋', kbEditor: '文章編輯與審核', kbStats: '知識庫統計', wo: '工單', woBoard: '工單看板', woReports: '工單報表', woDetail: '工單詳情', kbArticle: '文章' },
    kb: {
      searchPlaceholder: '輸入關鍵字，如 停氣、後處理、轉接率', results: '共 {{n}} 篇', resultsMore: '{{n}}+ 篇', noResult: '沒有找到相關文章', open: '開啟', helpfulQ: '這篇文章解決你的問題了嗎？', yes: '解決了', no: '沒解決', thanks: '謝謝回饋',
      tags: '標籤', category: '分類', attachments: '附件', views: '瀏覽', updated: '更新於', title: '標題', body: '內文（HTML，儲存時會被安全過濾）', newArticle: '新增文章', save: '儲存草稿', saveSubmit: '儲存並送審',
      versions: '版本', version: '版本號', status: '狀態', author: '作者', reviewer: '審核人', restore: '恢復為新草稿', submit: '送審', reviewQueue: '待審核', publish: '發佈', reject: '退回', note: '說明',
      visibleRoles: '僅這些角色可見（留空為全部）', draft: '草稿', in_review: '審核中', published: '已發佈', superseded: '已被取代', rejected: '已退回', unpublished: '未發佈', archived: '已封存', edit: '編輯',
      mostViewed: '瀏覽最多', noResultSearches: '無結果的搜尋', leastHelpful: '「沒解決」比例最高', stale: '久未更新（超過 {{days}} 天）', searches: '搜尋次數', articles: '文章數', times: '次數', upload: '上傳附件', selectCategory: '選擇分類', newCategory: '新分類', addCategory: '新增分類',
    },
    wo: {
      type: '類型', state: '狀態', priority: '優先級', category: '類別', title: '標題', description: '描述', raisedBy: '提交人', assignee: '處理方', sla: 'SLA', due: '到期', created: '建立於', customer: '客戶編號', phone: '客戶電話', callId: '通話編號',
      newOrder: '新增工單', create: '提交', open: '未完結', all: '全部', mine: '與我相關', history: '流轉紀錄', note: '備註（退回或結案時必填）', department: '業務部門 / 外勤班組', assignTo: '指派給（使用者編號）',
      repeat: '投訴專業戶', qaReview: '發起質檢複核', qaOpen: '質檢複核已發起', linkCall: '關聯通話', attempts: '回訪紀錄', outcome: '結果', recordAttempt: '記錄回訪', notifications: '我的通知', markRead: '全部已讀',
      address: '地址', appointment: '預約時間', live: '即時', slaAlert: 'SLA 預警：工單 #{{id}} {{title}}', volume: '工單量（類型 / 類別）', timeToClose: '平均結案時長（小時）', slaChart: 'SLA 達成', waits: '停留最久的部門（平均小時）', met: '準時', missed: '逾時', openBreached: '未結已逾時', openWarning: '即將逾時', followUp: '後續回訪',
      types: { escalation: '疑難', complaint: '投訴', suggestion: '建議', callback: '回訪', dispatch: '派工' },
      priorities: { urgent: '緊急', high: '高', normal: '普通', low: '低' },
      slaStatus: { ok: '正常', warning: '即將逾時', breached: '已逾時', met: '準時完成', missed: '逾時完成' },
      states: { draft: '草稿', expert: '疑難座席處理中', duty_manager: '值班經理處理中', business_dept: '業務部門處理中', feedback: '已回饋', closed: '已結案', withdrawn: '已撤回', open: '待受理', in_progress: '處理中', resolved: '已解決', rejected: '已駁回', submitted: '已提交', under_review: '評估中', accepted: '已接受', declined: '未採納', implemented: '已實施', pending: '待分配', assigned: '已分配', done: '已完成', failed: '未成功', cancelled: '已取消', sent: '已派單', on_site: '已到場' },
      transitions: { submit: '提交疑難座席', withdraw: '撤回', return_to_agent: '退回座席', escalate: '升級值班經理', return_to_expert: '退回疑難座席', send_to_business: '轉業務部門', return_to_duty_manager: '退回值班經理', feedback: '回饋結果', return_to_business: '退回業務部門', close: '結案', accept: '受理', reject: '駁回', resolve: '解決', reopen: '重新處理', review: '評估', decline: '不採納', implement: '已實施', assign: '分配', complete: '完成', give_up: '放棄', cancel: '取消', send: '派單', recall: '撤回派單', arrive: '到場' },
      outcomes: { reached_satisfied: '接通-滿意', reached_unsatisfied: '接通-不滿意', no_answer: '無人接聽', busy: '佔線', wrong_number: '號碼錯誤', refused: '拒絕回訪' },
    },
  },
  en: {
    errors: { kb: { staleVersion: 'Someone else saved this article (now v{{current}}, your edit was based on v{{base}}); the list was reloaded, check and save again' }, workorder: { assigneeUnknown: '{{field}}: user {{userId}} does not exist, is inactive or is not of this center', assigneeRole: '{{field}}: user {{userId}} holds none of the roles that handle this order from here ({{roles}})', assigneeOutOfScope: '{{field}}: agent user {{userId}} is outside your scope (yourself or the agents of your teams)', parentNotFound: '{{field}}: work order {{id}} does not exist or you may not see it' } },
    nav: { kb: 'Knowledge base', kbSearch: 'Search', kbEditor: 'Editing & review', kbStats: 'KB statistics', wo: 'Work orders', woBoard: 'Work-order board', woReports: 'Work-order reports', woDetail: 'Work order', kbArticle: 'Article' },
    kb: {
      searchPlaceholder: 'Type a keyword, e.g. 停气, 後處理, 转接率', results: '{{n}} articles', resultsMore: '{{n}}+ articles', noResult: 'No article found', open: 'Open', helpfulQ: 'Did this answer it?', yes: 'Yes', no: 'No', thanks: 'Thanks for the feedback',
      tags: 'Tags', category: 'Category', attachments: 'Attachments', views: 'Views', updated: 'Updated', title: 'Title', body: 'Body (HTML, sanitised on save)', newArticle: 'New article', save: 'Save draft', saveSubmit: 'Save and send to review',
      versions: 'Versions', version: 'Version', status: 'Status', author: 'Author', reviewer: 'Reviewer', restore: 'Restore as new draft', submit: 'Send to review', reviewQueue: 'Review queue', publish: 'Publish', reject: 'Reject', note: 'Note',
      visibleRoles: 'Only these roles see it (empty: everyone)', draft: 'Draft', in_review: 'In review', published: 'Published', superseded: 'Superseded', rejected: 'Rejected', unpublished: 'Unpublished', archived: 'Archived', edit: 'Edit',
      mostViewed: 'Most viewed', noResultSearches: 'Searches without result', leastHelpful: 'Most "did not help" votes', stale: 'Not updated for {{days}} days', searches: 'Searches', articles: 'Articles', times: 'Times', upload: 'Upload attachment', selectCategory: 'Choose a category', newCategory: 'New category', addCategory: 'Add category',
    },
    wo: {
      type: 'Type', state: 'State', priority: 'Priority', category: 'Category', title: 'Title', description: 'Description', raisedBy: 'Raised by', assignee: 'With', sla: 'SLA', due: 'Due', created: 'Created', customer: 'Customer id', phone: 'Customer phone', callId: 'Call id',
      newOrder: 'New work order', create: 'Submit', open: 'Open', all: 'All', mine: 'Mine', history: 'History', note: 'Note (required to send back or close)', department: 'Department / field crew', assignTo: 'Assign to (user id)',
      repeat: 'Repeat complainer', qaReview: 'Open QA review', qaOpen: 'QA review open', linkCall: 'Link call', attempts: 'Callback attempts', outcome: 'Outcome', recordAttempt: 'Record attempt', notifications: 'My notifications', markRead: 'Mark all read',
      address: 'Address', appointment: 'Appointment', live: 'Live', slaAlert: 'SLA alert: order #{{id}} {{title}}', volume: 'Volume (type / category)', timeToClose: 'Average time to close (hours)', slaChart: 'SLA outcome', waits: 'Where orders wait longest (avg hours)', met: 'Met', missed: 'Missed', openBreached: 'Open, breached', openWarning: 'Open, due soon', followUp: 'Follow-up callback',
      types: { escalation: 'Escalation', complaint: 'Complaint', suggestion: 'Suggestion', callback: 'Callback', dispatch: 'Field dispatch' },
      priorities: { urgent: 'Urgent', high: 'High', normal: 'Normal', low: 'Low' },
      slaStatus: { ok: 'On time', warning: 'Due soon', breached: 'Breached', met: 'Met', missed: 'Missed' },
      states: { draft: 'Draft', expert: 'With expert seat', duty_manager: 'With duty manager', business_dept: 'With business dept', feedback: 'Feedback in', closed: 'Closed', withdrawn: 'Withdrawn', open: 'Open', in_progress: 'In progress', resolved: 'Resolved', rejected: 'Rejected', submitted: 'Submitted', under_review: 'Under review', accepted: 'Accepted', declined: 'Declined', implemented: 'Implemented', pending: 'Pending', assigned: 'Assigned', done: 'Done', failed: 'Failed', cancelled: 'Cancelled', sent: 'Sent', on_site: 'On site' },
      transitions: { submit: 'Submit to expert', withdraw: 'Withdraw', return_to_agent: 'Send back to agent', escalate: 'Escalate to duty manager', return_to_expert: 'Send back to expert', send_to_business: 'Send to business dept', return_to_duty_manager: 'Send back to duty manager', feedback: 'Give feedback', return_to_business: 'Send back to business dept', close: 'Close', accept: 'Accept', reject: 'Reject', resolve: 'Resolve', reopen: 'Reopen', review: 'Review', decline: 'Decline', implement: 'Implemented', assign: 'Assign', complete: 'Complete', give_up: 'Give up', cancel: 'Cancel', send: 'Dispatch', recall: 'Recall', arrive: 'Arrived' },
      outcomes: { reached_satisfied: 'Reached, satisfied', reached_unsatisfied: 'Reached, unsatisfied', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number', refused: 'Refused' },
    },
  },
};
