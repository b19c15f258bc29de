import type { Messages } from './types';

/** PBX connectors: the admin settings page, the wallboard's supervisor actions, and their error reasons. */
export const connectorMessages: Messages = {
  'zh-CN': {
    conn: {
      nav: '话务平台对接',
      intro: '配置本中心的话务平台连接（Asterisk AMI、FreeSWITCH 事件套接字、云呼叫中心推送）。密码只写不读：留空则保留原值。',
      ami: 'Asterisk AMI', esl: 'FreeSWITCH (mod_callcenter)', webhook: '云呼叫中心推送 (Webhook)',
      enabled: '启用', host: '主机', port: '端口', username: '用户名', secret: '密码 / 密钥', secretSet: '已设置（留空保留）', secretUnset: '未设置',
      interfaceTemplate: '坐席接口模板', agentTemplate: '坐席名模板', toleranceS: '时间容差（秒）', mapping: '字段映射 (JSON)', useExample: '填入阿里云 CCC 示例', webhookUrl: '推送地址',
      save: '保存', saved: '已保存', status: '连接状态', state: { connecting: '连接中', connected: '已连接', waiting: '等待重连', stopped: '已停止', standby: '待命（由另一实例连接）' },
      connects: '连接次数', events: '事件数', malformed: '错误帧', unknown: '未知事件', lastError: '最近错误', badJson: '映射不是有效的 JSON',
      actions: '操作', pause: '置忙', resume: '置闲', reason: '原因', queue: '队列', addQueue: '加入队列', removeQueue: '移出队列', done: '已发送', via: '经 {{kind}}',
    },
    errors: {
      body: { tooLarge: '请求内容超过 {{limit}} 字节' },
      connector: {
        none: '未配置支持操作的话务平台连接', notConnected: '{{kind}} 连接尚未建立，请稍后再试', dropped: '{{kind}} 连接在回复前断开', timeout: '话务平台未及时回复',
        refused: '话务平台拒绝：{{message}}', badQueue: '队列名 {{queue}} 不能包含空格或引号', notYourTeam: '只能操作本组坐席', noExtCode: '该坐席没有话务工号', badValue: '该坐席的工号或接口含有无法发送给话务平台的字符',
        secretRequired: '启用 {{kind}} 需要填写密码', webhook: { signature: '签名无效', timestamp: '时间戳无效或已过期', missing: '缺少签名或时间戳', notJson: '请求体不是 JSON', badEvent: '第 {{index}} 条事件无法映射：{{detail}}', tooMany: '每次最多 {{max}} 条事件' },
      },
    },
  },
  'zh-TW': {
    conn: {
      nav: '話務平台對接',
      intro: '設定本中心的話務平台連線（Asterisk AMI、FreeSWITCH 事件通訊端、雲端客服中心推送）。密碼只寫不讀：留空則保留原值。',
      ami: 'Asterisk AMI', esl: 'FreeSWITCH (mod_callcenter)', webhook: '雲端客服中心推送 (Webhook)',
      enabled: '啟用', host: '主機', port: '連接埠', username: '使用者名稱', secret: '密碼 / 金鑰', secretSet: '已設定（留空保留）', secretUnset: '未設定',
      interfaceTemplate: '座席介面範本', agentTemplate: '座席名稱範本', toleranceS: '時間容差（秒）', mapping: '欄位對應 (JSON)', useExample: '填入阿里雲 CCC 範例', webhookUrl: '推送網址',
      save: '儲存', saved: '已儲存', status: '連線狀態', state: { connecting: '連線中', connected: '已連線', waiting: '等待重新連線', stopped: '已停止', standby: '待命（由另一執行個體連線）' },
      connects: '連線次數', events: '事件數', malformed: '錯誤訊框', unknown: '未知事件', lastError: '最近錯誤', badJson: '對應不是有效的 JSON',
      actions: '操作', pause: '暫停接聽', resume: '恢復接聽', reason: '原因', queue: '佇列', addQueue: '加入佇列', removeQueue: '移出佇列', done: '已送出', via: '經 {{kind}}',
    },
    errors: {
      body: { tooLarge: '請求內容超過 {{limit}} 位元組' },
      connector: {
        none: '未設定支援操作的話務平台連線', notConnected: '{{kind}} 連線尚未建立，請稍後再試', dropped: '{{kind}} 連線在回覆前中斷', timeout: '話務平台未及時回覆',
        refused: '話務平台拒絕：{{message}}', badQueue: '佇列名稱 {{queue}} 不能包含空格或引號', notYourTeam: '只能操作本組座席', noExtCode: '該座席沒有話務工號', badValue: '該座席的工號或介面含有無法傳送給話務平台的字元',
        secretRequired: '啟用 {{kind}} 需要填寫密碼', webhook: { signature: '簽章無效', timestamp: '時間戳無效或已過期', missing: '缺少簽章或時間戳', notJson: '請求內容不是 JSON', badEvent: '第 {{index}} 筆事件無法對應：{{detail}}', tooMany: '每次最多 {{max}} 筆事件' },
      },
    },
  },
  en: {
    conn: {
      nav: 'PBX connectors',
      intro: 'Connections of this center to its telephony (Asterisk AMI, FreeSWITCH event socket, cloud contact center push). Secrets are write-only: leave empty to keep the stored one.',
      ami: 'Asterisk AMI', esl: 'FreeSWITCH (mod_callcenter)', webhook: 'Cloud contact center push (webhook)',
      enabled: 'Enabled', host: 'Host', port: 'Port', username: 'Username', secret: 'Password / secret', secretSet: 'set (leave empty to keep)', secretUnset: 'not set',
      interfaceTemplate: 'Agent interface template', agentTemplate: 'Agent name template', toleranceS: 'Time tolerance (s)', mapping: 'Field mapping (JSON)', useExample: 'Use the Alibaba Cloud CCC example', webhookUrl: 'Push URL',
      save: 'Save', saved: 'Saved', status: 'Connection status', state: { connecting: 'connecting', connected: 'connected', waiting: 'waiting to reconnect', stopped: 'stopped', standby: 'standby (another instance is connected)' },
      connects: 'Connects', events: 'Events', malformed: 'Malformed frames', unknown: 'Unknown events', lastError: 'Last error', badJson: 'The mapping is not valid JSON',
      actions: 'Actions', pause: 'Pause', resume: 'Resume', reason: 'Reason', queue: 'Queue', addQueue: 'Add to queue', removeQueue: 'Remove from queue', done: 'Sent', via: 'via {{kind}}',
    },
    errors: {
      body: { tooLarge: 'The request is larger than {{limit}} bytes' },
      connector: {
        none: 'No connector that supports actions is configured', notConnected: 'The {{kind}} connection is not up yet; try again shortly', dropped: 'The {{kind}} connection dropped before the reply', timeout: 'The PBX did not answer in time',
        refused: 'The PBX refused: {{message}}', badQueue: 'Queue name {{queue}} may not contain spaces or quotes', notYourTeam: 'Team leads act on their own team’s agents only', noExtCode: 'This agent has no telephony code', badValue: 'The agent’s code or interface has characters that cannot be sent to the PBX',
        secretRequired: 'Enabling {{kind}} needs a secret', webhook: { signature: 'Invalid signature', timestamp: 'Timestamp missing, invalid or too old', missing: 'Signature or timestamp missing', notJson: 'The body is not JSON', badEvent: 'Event {{index}} cannot be mapped: {{detail}}', tooMany: 'At most {{max}} events per request' },
      },
    },
  },
};
