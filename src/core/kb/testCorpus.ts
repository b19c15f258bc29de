/**
 * A hand-written KB search corpus (pure data, shared by the core tests and the store's
 * SQLite/PostgreSQL integration test). `expected` lists were worked out by hand from the
 * texts below, not from the code; the tests also check them against a plain substring check.
 */
export interface CorpusArticle {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
  views: number;
  helpfulVotes: number;
}

/** Long article: a phrase straddling the first passage cut (normalised offset 1497..1502). */
const LONG_BODY = 'zebra开头。' + '填'.repeat(1484) + '跨段落短语' + '填'.repeat(500) + '。结尾终端号码';

export const CORPUS: CorpusArticle[] = [
  {
    id: 'a1',
    title: '後處理時長規範',
    body: '坐席在通話結束後進入後處理(ACW)狀態，後處理時長不得超過30秒。值班長每小時檢查一次。',
    updatedAt: '2026-01-05T00:00:00Z',
    views: 10,
    helpfulVotes: 1,
  },
  {
    id: 'a2',
    title: '接通率与服务水平',
    body: '接通率 = 接通量 / 进线量。服务水平按20秒计算。业务部门的反馈需在24小时内回复。',
    updatedAt: '2026-01-04T00:00:00Z',
    views: 50,
    helpfulVotes: 3,
  },
  {
    id: 'a3',
    title: '疑难问题转派流程',
    body: '员工→疑难座席→值班经理→业务处理部门→回馈→值班经理闭环处理。班长负责跟进。',
    updatedAt: '2026-01-03T00:00:00Z',
    views: 5,
    helpfulVotes: 0,
  },
  {
    id: 'a4',
    title: '燃氣報修派工',
    body: '客戶報修後，調度中心派工給維修班組，維修人員到場後回報，完成後進行電話回訪。Gas leak: call 119.',
    updatedAt: '2026-01-02T00:00:00Z',
    views: 7,
    helpfulVotes: 2,
  },
  {
    id: 'a5',
    title: 'SIP trunk 故障处理',
    body: 'If the SIP trunk is down, switch to the backup carrier. 呼叫中心调用备用线路。sipx is a different product.',
    updatedAt: '2026-01-01T00:00:00Z',
    views: 1,
    helpfulVotes: 0,
  },
  {
    id: 'a6',
    title: '话术：投诉安抚',
    body: '先道歉，再响应客户诉求。投诉专业户需升级至疑难支撑座席。',
    updatedAt: '2026-01-06T00:00:00Z',
    views: 2,
    helpfulVotes: 9,
  },
  {
    id: 'a7',
    title: 'Ext-B 字測試',
    body: '𠮷野家的外卖订单问题。全角ＡＢＣ１２３和半角abc123。',
    updatedAt: '2026-01-07T00:00:00Z',
    views: 0,
    helpfulVotes: 0,
  },
  { id: 'a8', title: '段落测试', body: LONG_BODY, updatedAt: '2025-12-01T00:00:00Z', views: 0, helpfulVotes: 0 },
];

export interface CorpusQuery {
  q: string;
  /** What the query exercises. */
  kind:
    | '1-char'
    | '2-char'
    | '3+-char'
    | 'simplified→traditional'
    | 'traditional→simplified'
    | 'mixed'
    | 'english'
    | 'synonym'
    | 'and'
    | 'passage'
    | 'ext-b'
    | 'fullwidth'
    | 'none';
  expected: string[];
}

export const QUERIES: CorpusQuery[] = [
  { q: '率', kind: '1-char', expected: ['a2'] },
  { q: '的', kind: '1-char', expected: ['a2', 'a7'] },
  { q: '班长', kind: '2-char', expected: ['a1', 'a3'] },
  { q: '派工', kind: '2-char', expected: ['a4'] },
  { q: '疑难', kind: '2-char', expected: ['a3', 'a6'] },
  { q: '接通率', kind: '3+-char', expected: ['a2'] },
  { q: '呼叫中心', kind: '3+-char', expected: ['a5'] },
  { q: '疑難座席', kind: 'traditional→simplified', expected: ['a3'] },
  { q: '后处理', kind: 'simplified→traditional', expected: ['a1'] },
  { q: '後處理', kind: 'traditional→simplified', expected: ['a1'] },
  { q: '调度 回访', kind: 'simplified→traditional', expected: ['a4'] },
  { q: '座席', kind: 'synonym', expected: ['a1', 'a3', 'a6'] },
  { q: '回馈', kind: 'synonym', expected: ['a2', 'a3'] },
  { q: '回應', kind: 'synonym', expected: ['a6'] },
  { q: 'SIP', kind: 'english', expected: ['a5'] },
  { q: 'sipx', kind: 'english', expected: ['a5'] },
  { q: 'trunk down', kind: 'english', expected: ['a5'] },
  { q: 'Gas', kind: 'english', expected: ['a4'] },
  { q: 'abc', kind: 'english', expected: [] },
  { q: 'ＡＢＣ１２３', kind: 'fullwidth', expected: ['a7'] },
  { q: 'ＡＣＷ', kind: 'fullwidth', expected: ['a1'] },
  { q: '30秒', kind: 'mixed', expected: ['a1'] },
  { q: 'SIP故障', kind: 'mixed', expected: ['a5'] },
  { q: '值班经理 闭环', kind: 'and', expected: ['a3'] },
  { q: '𠮷', kind: 'ext-b', expected: ['a7'] },
  { q: '𠮷野家', kind: 'ext-b', expected: ['a7'] },
  { q: '跨段落短语', kind: 'passage', expected: ['a8'] },
  { q: 'zebra 终端号码', kind: 'passage', expected: ['a8'] },
  { q: '不存在的词', kind: 'none', expected: [] },
];
