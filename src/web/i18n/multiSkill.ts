import type { Messages } from './types';

type Tree = Messages['en'];

/** Multi-skill planning (issue 15): the planner's skill-mix plan and skill levels on the contract. */
type Row = [zhCN: string, zhTW: string, en: string];

const WORDS: Record<string, Row> = {
  'wfm.reqSource.forecasts': ['按各队列预测', '依各佇列預測', 'from each queue’s forecast'],
  'wfm.skillsHint': [
    '用逗号分隔；熟练度 1–5 写在冒号后，如 billing:4（不写为 3，标准水平）',
    '以逗號分隔；熟練度 1–5 寫在冒號後，如 billing:4（不寫為 3，標準水準）',
    'comma-separated; a proficiency 1–5 after a colon, e.g. billing:4 (none: 3, the standard)',
  ],
  'wfm.multiSkill.title': ['多技能排班', '多技能排班', 'Multi-skill plan'],
  'wfm.multiSkill.explain': [
    '每个队列选一个预测。按技能组（技能与熟练度相同的坐席）用仿真求出达到服务水平的人力，再逐组排班，最后仿真整周排班得出各队列的服务水平；旁边是各队列单独按 Erlang C 所需的人时。',
    '每個佇列選一個預測。依技能組（技能與熟練度相同的坐席）以模擬求出達到服務水準的人力，再逐組排班，最後模擬整週排班得出各佇列的服務水準；旁邊是各佇列單獨依 Erlang C 所需的人時。',
    'Pick one forecast per queue. Staffing per skill group (agents with the same skills and levels) is found by simulation to meet the service level, each group is scheduled, and the scheduled week is simulated for each queue’s service level; beside it, the agent-hours each queue needs alone by Erlang C.',
  ],
  'wfm.multiSkill.forecasts': ['各队列的预测', '各佇列的預測', 'Forecasts (one per queue)'],
  'wfm.multiSkill.plan': ['按技能排班并仿真', '依技能排班並模擬', 'Plan by skill and simulate'],
  'wfm.multiSkill.planning': ['正在排班与仿真…', '正在排班與模擬…', 'Planning and simulating…'],
  'wfm.multiSkill.queue': ['队列', '佇列', 'Queue'],
  'wfm.multiSkill.target': ['目标服务水平', '目標服務水準', 'SL target'],
  'wfm.multiSkill.simulatedSl': ['仿真服务水平', '模擬服務水準', 'Simulated SL'],
  'wfm.multiSkill.asa': ['平均应答速度', '平均應答速度', 'ASA'],
  'wfm.multiSkill.abandon': ['放弃率', '放棄率', 'Abandon rate'],
  'wfm.multiSkill.erlangHours': ['单独按 Erlang C 的人时', '單獨依 Erlang C 的人時', 'Agent-hours alone (Erlang C)'],
  'wfm.multiSkill.seconds': ['{{n}} 秒', '{{n}} 秒', '{{n}} s'],
  'wfm.multiSkill.hours': [
    '技能组合排班在线人时 {{mix}}，各队列单独按 Erlang C 合计 {{alone}}（比值 {{ratio}}）；排班带薪工时 {{paid}}。',
    '技能組合排班在線人時 {{mix}}，各佇列單獨依 Erlang C 合計 {{alone}}（比值 {{ratio}}）；排班帶薪工時 {{paid}}。',
    'Agent-hours scheduled on the phones for the skill mix {{mix}}, each queue alone by Erlang C {{alone}} (ratio {{ratio}}); paid hours scheduled {{paid}}.',
  ],
  'wfm.multiSkill.trimmed': [
    '按仿真削减了 {{n}} 个班次（{{hours}} 带薪工时），各队列服务水平不低于目标。',
    '依模擬削減了 {{n}} 個班次（{{hours}} 帶薪工時），各佇列服務水準不低於目標。',
    'Trimmed by simulation: {{n}} shifts ({{hours}} paid hours) taken out, every queue’s SL kept at or above target.',
  ],
  'wfm.multiSkill.validationSl': ['验证（另 {{n}} 周仿真）', '驗證（另 {{n}} 週模擬）', 'Check ({{n}} other weeks)'],
  'wfm.multiSkill.validationWords': [
    '验证：削减后的排班放到另外 {{n}} 周的仿真来电上（削减时没有用这些来电），各队列的服务水平：',
    '驗證：削減後的排班放到另外 {{n}} 週的模擬來電上（削減時沒有用這些來電），各佇列的服務水準：',
    'Check: the trimmed week on {{n}} other weeks of simulated callers (the trimming did not choose shifts on them), each queue’s service level:',
  ],
  'wfm.multiSkill.validationOf': [
    '本周仿真 {{sim}}，验证 {{check}}',
    '本週模擬 {{sim}}，驗證 {{check}}',
    'simulated {{sim}} this week, {{check}} on the check',
  ],
  'wfm.multiSkill.listSeparator': ['；', '；', '; '],
  'wfm.multiSkill.beforeTrim': ['削减前仿真服务水平', '削減前模擬服務水準', 'Simulated SL before trimming'],
  'wfm.multiSkill.phase_staffing': ['按技能组求人力（小时段）', '依技能組求人力（小時段）', 'Staffing the skill groups (hours)'],
  'wfm.multiSkill.phase_scheduling': ['逐组排班（技能组）', '逐組排班（技能組）', 'Scheduling each group (groups)'],
  'wfm.multiSkill.phase_trimming': ['按仿真削减班次（仿真次数）', '依模擬削減班次（模擬次數）', 'Trimming by simulation (simulations)'],
  'wfm.reqSource.multiSkill': ['多技能排班', '多技能排班', 'multi-skill plan'],
  'wfm.multiSkill.unmet': [
    '有 {{n}} 个小时段在现有技能组内无法达到所有队列的目标',
    '有 {{n}} 個小時段在現有技能組內無法達到所有佇列的目標',
    '{{n}} hours where no staffing within the skill groups met every queue’s target',
  ],
  'wfm.multiSkill.noAgents': ['没有坐席具备这些队列的技能：', '沒有坐席具備這些佇列的技能：', 'No agent has the skill for:'],
  'wfm.multiSkill.group': ['技能组', '技能組', 'Skill group'],
  'wfm.multiSkill.level': ['（熟练度 {{n}}）', '（熟練度 {{n}}）', '(level {{n}})'],
  'wfm.multiSkill.askedHours': ['所需在线人时', '所需在線人時', 'Agent-hours asked'],
  'wfm.multiSkill.scheduledHours': ['排班在线人时', '排班在線人時', 'Agent-hours scheduled'],
};

function tree(table: Record<string, Row>, i: 0 | 1 | 2): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(table)) {
    const parts = k.split('.');
    let at: Tree = out;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Tree;
    at[parts.at(-1)!] = v[i];
  }
  return out;
}

export const multiSkillMessages: Messages = { 'zh-CN': tree(WORDS, 0), 'zh-TW': tree(WORDS, 1), en: tree(WORDS, 2) };
