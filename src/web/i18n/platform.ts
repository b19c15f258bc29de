import type { Messages } from './types';

export const platformMessages: Messages = {
  'zh-CN': {
    errors: { password: { tooShort: '{{field}}：密码至少 {{min}} 个字符', tooLong: '{{field}}：密码最多 {{max}} 个字符', blank: '{{field}}：密码不能为空或只有空格', common: '{{field}}：这是常见密码，请换一个', wrongCurrent: '当前密码不正确' }, auth: { busy: '服务器正在处理大量登录，请稍后再试' } },
    app: { name: 'CallFloor 现场管理', signOut: '退出', language: '语言', loading: '加载中…', save: '保存', cancel: '取消', create: '新建', edit: '编辑', actions: '操作', none: '无', missing: '缺数据', forbidden: '你没有权限查看此页面。', error: '出错了', saved: '已保存', search: '搜索', close: '关闭', yes: '是', no: '否', all: '全部', back: '返回' },
    login: { title: '登录', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误', demoHint: '演示账号：admin / callfloor-demo' },
    nav: { home: '首页', people: '人员', teams: '班组', agents: '坐席', users: '用户与角色', audit: '审计日志' },
    roles: { admin: '系统管理员', center_manager: '中心经理', duty_manager: '值班经理', team_lead: '班长', qa: '质检', wfm: '排班师', trainer: '培训师', expert: '疑难座席', agent: '坐席' },
    home: { welcome: '你好，{{name}}', yourRoles: '你的角色', shortcuts: '常用功能' },
    people: {
      teamName: '班组名称', lead: '班长', newTeam: '新建班组', employeeNo: '工号', name: '姓名', team: '班组', hireDate: '入职日期', skillLevel: '技能等级', queues: '技能队列', status: '状态', extCode: '分机/工号代码', newAgent: '新建坐席', active: '在职', left: '离职',
      junior: '初级', intermediate: '中级', senior: '高级', username: '用户名', displayName: '显示名', roles: '角色', newUser: '新建用户', password: '初始密码', linkedAgent: '关联坐席', queuesHint: '多个队列用逗号分隔',
      when: '时间', who: '操作人', action: '动作', entity: '对象', detail: '详情',
    },
  },
  'zh-TW': {
    errors: { password: { tooShort: '{{field}}：密碼至少 {{min}} 個字元', tooLong: '{{field}}：密碼最多 {{max}} 個字元', blank: '{{field}}：密碼不能為空或只有空白', common: '{{field}}：這是常見密碼，請換一個', wrongCurrent: '目前密碼不正確' }, auth: { busy: '伺服器正在處理大量登入，請稍後再試' } },
    app: { name: 'CallFloor 現場管理', signOut: '登出', language: '語言', loading: '載入中…', save: '儲存', cancel: '取消', create: '新增', edit: '編輯', actions: '操作', none: '無', missing: '缺資料', forbidden: '你沒有權限檢視此頁面。', error: '發生錯誤', saved: '已儲存', search: '搜尋', close: '關閉', yes: '是', no: '否', all: '全部', back: '返回' },
    login: { title: '登入', username: '使用者名稱', password: '密碼', submit: '登入', failed: '使用者名稱或密碼錯誤', demoHint: '示範帳號：admin / callfloor-demo' },
    nav: { home: '首頁', people: '人員', teams: '班組', agents: '座席', users: '使用者與角色', audit: '稽核日誌' },
    roles: { admin: '系統管理員', center_manager: '中心經理', duty_manager: '值班經理', team_lead: '班長', qa: '質檢', wfm: '排班師', trainer: '培訓師', expert: '疑難座席', agent: '座席' },
    home: { welcome: '你好，{{name}}', yourRoles: '你的角色', shortcuts: '常用功能' },
    people: {
      teamName: '班組名稱', lead: '班長', newTeam: '新增班組', employeeNo: '工號', name: '姓名', team: '班組', hireDate: '到職日期', skillLevel: '技能等級', queues: '技能佇列', status: '狀態', extCode: '分機/工號代碼', newAgent: '新增座席', active: '在職', left: '離職',
      junior: '初級', intermediate: '中級', senior: '高級', username: '使用者名稱', displayName: '顯示名稱', roles: '角色', newUser: '新增使用者', password: '初始密碼', linkedAgent: '關聯座席', queuesHint: '多個佇列以逗號分隔',
      when: '時間', who: '操作人', action: '動作', entity: '對象', detail: '詳情',
    },
  },
  en: {
    errors: { password: { tooShort: '{{field}}: the password needs at least {{min}} characters', tooLong: '{{field}}: the password may have at most {{max}} characters', blank: '{{field}}: the password must not be empty or only spaces', common: '{{field}}: this is a common password; choose another', wrongCurrent: 'The current password is wrong' }, auth: { busy: 'The server is busy with many sign-ins; please try again shortly' } },
    app: { name: 'CallFloor', signOut: 'Sign out', language: 'Language', loading: 'Loading…', save: 'Save', cancel: 'Cancel', create: 'Create', edit: 'Edit', actions: 'Actions', none: 'None', missing: 'missing', forbidden: 'You are not allowed to see this page.', error: 'Something went wrong', saved: 'Saved', search: 'Search', close: 'Close', yes: 'Yes', no: 'No', all: 'All', back: 'Back' },
    login: { title: 'Sign in', username: 'User name', password: 'Password', submit: 'Sign in', failed: 'Wrong user name or password', demoHint: 'Demo account: admin / callfloor-demo' },
    nav: { home: 'Home', people: 'People', teams: 'Teams', agents: 'Agents', users: 'Users & roles', audit: 'Audit log' },
    roles: { admin: 'Administrator', center_manager: 'Center manager', duty_manager: 'Duty manager', team_lead: 'Team lead', qa: 'QA evaluator', wfm: 'WFM planner', trainer: 'Trainer', expert: 'Expert seat', agent: 'Agent' },
    home: { welcome: 'Hello, {{name}}', yourRoles: 'Your roles', shortcuts: 'Shortcuts' },
    people: {
      teamName: 'Team name', lead: 'Team lead', newTeam: 'New team', employeeNo: 'Employee no.', name: 'Name', team: 'Team', hireDate: 'Hire date', skillLevel: 'Skill level', queues: 'Queues', status: 'Status', extCode: 'Telephony code', newAgent: 'New agent', active: 'Active', left: 'Left',
      junior: 'Junior', intermediate: 'Intermediate', senior: 'Senior', username: 'User name', displayName: 'Display name', roles: 'Roles', newUser: 'New user', password: 'Initial password', linkedAgent: 'Linked agent', queuesHint: 'comma-separated',
      when: 'When', who: 'Who', action: 'Action', entity: 'Entity', detail: 'Detail',
    },
  },
};
