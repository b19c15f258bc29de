import type { Messages } from './types';

/**
 * Words for what the server hands over as machine words (issue 14): alert suggestions and their
 * figures, solver phases, peak-slot states, new-hire camp gaps. Each is keyed by the server's code.
 */
type Row = [zhCN: string, zhTW: string, en: string];

const WORDS: Record<string, Row> = {
  'live.suggest.understaffed': ['立即加人（启动应急预案），并补招人手', '立即加人（啟動應急預案），並補招人手', 'add people now (emergency plan); recruit'],
  'live.suggest.overstaffed': ['人力过剩：调整班次', '人力過剩：調整班次', 'overstaffed: move shifts'],
  'live.suggest.idleHigh': [
    '可能人力过剩：同时查看接通率与工效',
    '可能人力過剩：同時查看接通率與工效',
    'probably overstaffed: check answer rate and occupancy too',
  ],
  'live.suggest.notReadyAbnormal': [
    '示忙拉低了接通率：找坐席谈一谈',
    '示忙拉低了接通率：找坐席談一談',
    'not-ready is pulling the answer rate down: talk to them',
  ],
  'live.suggest.longWait': ['有来电等待过久：调人接听', '有來電等待過久：調人接聽', 'callers waiting too long: pull someone onto the phones'],
  'live.suggest.longCall': [
    '超长通话：班长关心一下，结束后安排短暂休息',
    '超長通話：班長關心一下，結束後安排短暫休息',
    'very long call: team lead to check in and offer a short break afterwards',
  ],
  'live.fig.answerRate': ['接通率', '接通率', 'answer rate'],
  'live.fig.occupancy': ['工效', '工效', 'occupancy'],
  'live.fig.idleShare': ['待话占比', '待話占比', 'idle share'],
  'live.fig.notReadyShare': ['示忙占比', '示忙占比', 'not-ready share'],
  'live.fig.usualShare': ['平时示忙占比', '平時示忙占比', 'usual not-ready share'],
  'live.fig.longestWaitS': ['最长等待', '最長等待', 'longest wait'],
  'live.fig.callsOverThreshold': ['超时来电', '超時來電', 'calls over the limit'],
  'live.fig.waitS': ['等待', '等待', 'wait'],
  'live.fig.talkS': ['通话时长', '通話時長', 'talk time'],
  'live.fig.outMin': ['未遵守排班（分钟）', '未遵守排班（分鐘）', 'minutes out of adherence'],
  'live.fig.graceMin': ['宽限（分钟）', '寬限（分鐘）', 'grace (minutes)'],
  'live.suggest.outOfAdherence': [
    '坐席当前状态与排班不符：班长确认原因，请其回到排定的活动',
    '坐席當前狀態與排班不符：班長確認原因，請其回到排定的活動',
    'the agent is not doing the scheduled activity: the team lead checks why and brings them back to it',
  ],
  'wfm.phases.loading': ['准备数据', '準備資料', 'preparing'],
  'wfm.phases.solving': ['求解中', '求解中', 'solving'],
  'wfm.slotStatus.open': ['开放认购', '開放認購', 'open'],
  'wfm.slotStatus.confirmed': ['已确认', '已確認', 'confirmed'],
  'wfm.slotStatus.cancelled': ['已取消', '已取消', 'cancelled'],
  'wfm.reqSource.upload': ['上传', '上傳', 'upload'],
  'wfm.reqSource.forecast': ['按预测', '依預測', 'from forecast'],
  'wfm.reqSource.demo': ['演示数据', '示範資料', 'demo data'],
  'wfm.noForecastForDay': [
    '这一天还没有任何队列的预测：先在“话务预测”页生成',
    '這一天還沒有任何佇列的預測：先在「話務預測」頁產生',
    'no queue has a forecast for this day yet: make one on the Forecast page',
  ],
  'qa.coaching.itemKeyHint': ['评分项编号', '評分項編號', 'scorecard item key'],
  'perf.camp.gapMin': ['{{name}} {{actual}}，需 ≥ {{bound}}', '{{name}} {{actual}}，需 ≥ {{bound}}', '{{name}} {{actual}}, needs ≥ {{bound}}'],
  'perf.camp.gapMax': ['{{name}} {{actual}}，需 ≤ {{bound}}', '{{name}} {{actual}}，需 ≤ {{bound}}', '{{name}} {{actual}}, needs ≤ {{bound}}'],
  'perf.camp.gapMissing': ['{{name}}暂无数据（需达到 {{bound}}）', '{{name}}暫無資料（需達到 {{bound}}）', '{{name}} missing (needs {{bound}})'],
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

export const floorWordMessages: Messages = { 'zh-CN': tree(WORDS, 0), 'zh-TW': tree(WORDS, 1), en: tree(WORDS, 2) };
