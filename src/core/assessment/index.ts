/**
 * The center's self-assessment (issue 17, seed 000 ~99–100: the 4PS model's five dimensions and seven
 * levels): the dimensions, the level rule and the gap rule. Pure: the checklist, the scores and the
 * weights come in as data.
 *
 * Level rule: a dimension's level in a round is the weighted mean of the levels of its scored points
 * (N/A and unscored points leave the mean), rounded down; null when none of its points is scored. The
 * center's overall level is its lowest dimension level (a center is at level L when every dimension
 * is), null until every dimension has a level.
 *
 * Gap rule: a point scored below the round's target level is a gap (N/A and unscored points are not).
 */
export const DIMENSIONS = ['strategy', 'people', 'process', 'platform', 'performance'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Seven levels, 0 to 6. */
export const MIN_LEVEL = 0;
export const MAX_LEVEL = 6;
export const LEVEL_COUNT = MAX_LEVEL - MIN_LEVEL + 1;

export const GAP_STATUSES = ['open', 'doing', 'done'] as const;
export type GapStatus = (typeof GAP_STATUSES)[number];

export interface ScoredPoint {
  dimension: Dimension;
  weight: number;
  /** 0–6, or null for N/A */
  level: number | null;
}

/** Each dimension's level by the rule above. */
export function dimensionLevels(scores: readonly ScoredPoint[]): Record<Dimension, number | null> {
  const out = {} as Record<Dimension, number | null>;
  for (const d of DIMENSIONS) {
    let sum = 0;
    let weights = 0;
    for (const s of scores) {
      if (s.dimension !== d || s.level === null || !(s.weight > 0)) continue;
      sum += s.weight * s.level;
      weights += s.weight;
    }
    // a tiny tolerance so 2.9999999 from float sums of exact thirds still floors to 3
    out[d] = weights > 0 ? Math.floor(sum / weights + 1e-9) : null;
  }
  return out;
}

/** The center's overall level: the lowest dimension level, null while a dimension has none. */
export function overallLevel(levels: Record<Dimension, number | null>): number | null {
  const vs = DIMENSIONS.map((d) => levels[d]);
  return vs.some((v) => v === null) ? null : Math.min(...(vs as number[]));
}

export const isGap = (level: number | null, target: number): boolean => level !== null && level < target;

/** The seven level names a center starts with (zh-CN; editable per center). Written for CallFloor. */
export const STARTER_LEVEL_NAMES: readonly string[] = ['未开展', '起步', '实践', '规范', '应用', '精益', '标杆'];

export interface StarterPoint {
  code: string;
  dimension: Dimension;
  text: string;
  weight: number;
  /** a figure the product computes (a FACT_KPIS name of src/core/facts) that evidences the point */
  kpi: string | null;
}

/**
 * The starting checklist (zh-CN, stored once per center and then the center's own data): written for
 * this product from the seed's description of what each dimension covers, not copied from any standard.
 */
export const STARTER_CHECKLIST: readonly StarterPoint[] = [
  { code: 'S1', dimension: 'strategy', text: '中心有书面的年度运营目标，并分解到班组和个人', weight: 2, kpi: null },
  { code: 'S2', dimension: 'strategy', text: '服务水平、接通率等服务目标与业务方书面约定，并定期回顾', weight: 2, kpi: null },
  { code: 'S3', dimension: 'strategy', text: '中心的规则、阈值和目标以数据形式配置，修改留有记录', weight: 1, kpi: null },
  { code: 'S4', dimension: 'strategy', text: '每月召开运营回顾会，结论形成行动项并跟踪到关闭', weight: 1, kpi: null },
  { code: 'S5', dimension: 'strategy', text: '年度人力规划与话务预测衔接，招聘与培训按计划进行', weight: 1, kpi: null },
  { code: 'S6', dimension: 'strategy', text: '投诉、建议和满意度等客户声音定期反馈给业务方', weight: 1, kpi: null },
  { code: 'S7', dimension: 'strategy', text: '每年至少完成一轮中心自评，差距有负责人和完成日期', weight: 1, kpi: null },
  { code: 'P1', dimension: 'people', text: '新员工经过岗前培训和上岗认证，未认证不接入对应队列', weight: 2, kpi: null },
  { code: 'P2', dimension: 'people', text: '每位坐席有月度绩效目标，坐席能随时查看自己的成绩和排名', weight: 2, kpi: null },
  { code: 'P3', dimension: 'people', text: '班长执行班前会、班中巡视和班后总结，并留有记录', weight: 1, kpi: null },
  { code: 'P4', dimension: 'people', text: '质检发现的问题在约定时间内完成一对一辅导', weight: 1, kpi: null },
  { code: 'P5', dimension: 'people', text: '关注员工情绪和心态，发现异常及时谈心并记录', weight: 1, kpi: null },
  { code: 'P6', dimension: 'people', text: '按月统计流失情况，分析离职原因并采取改进措施', weight: 1, kpi: null },
  { code: 'P7', dimension: 'people', text: '有技能等级和晋升通道，坐席技能等级按计划提升', weight: 1, kpi: 'skillLevel' },
  { code: 'R1', dimension: 'process', text: '质检按抽样计划执行，评分标准书面化并定期校准', weight: 2, kpi: 'qaScore' },
  { code: 'R2', dimension: 'process', text: '致命错误有明确定义，并按月跟踪致命项率', weight: 1, kpi: 'fatalRate' },
  { code: 'R3', dimension: 'process', text: '工单有升级路径和处理时限，超时有提醒', weight: 1, kpi: null },
  { code: 'R4', dimension: 'process', text: '知识库内容有负责人、审核和更新周期', weight: 1, kpi: null },
  { code: 'R5', dimension: 'process', text: '话务预警和应急预案分级，启用和演练都有记录', weight: 1, kpi: null },
  { code: 'R6', dimension: 'process', text: '交接班有书面记录，未结事项有人接手', weight: 1, kpi: null },
  { code: 'R7', dimension: 'process', text: '客户投诉按流程处理并回访，投诉量按月跟踪', weight: 1, kpi: 'complaints' },
  { code: 'T1', dimension: 'platform', text: '实时监控能看到每位坐席的状态和每个队列的情况', weight: 2, kpi: null },
  { code: 'T2', dimension: 'platform', text: '排班基于话务预测和人力计算，并跟踪排班遵守情况', weight: 2, kpi: 'adherence' },
  { code: 'T3', dimension: 'platform', text: '录音可检索、可调听，并按规定期限保存', weight: 1, kpi: null },
  { code: 'T4', dimension: 'platform', text: '系统权限按角色分配，账号定期复核', weight: 1, kpi: null },
  { code: 'T5', dimension: 'platform', text: '话务、排班、质检数据口径统一，报表出自同一来源', weight: 1, kpi: null },
  { code: 'T6', dimension: 'platform', text: '设备、卫生和安全定期检查，故障报修有记录', weight: 1, kpi: null },
  { code: 'T7', dimension: 'platform', text: '关键系统有备份和故障应急方案，并定期演练', weight: 1, kpi: null },
  { code: 'K1', dimension: 'performance', text: '坐席利用率保持在目标区间内', weight: 2, kpi: 'occupancy' },
  { code: 'K2', dimension: 'performance', text: '平均处理时长受控，异常坐席有跟进', weight: 1, kpi: 'aht' },
  { code: 'K3', dimension: 'performance', text: '客户满意率达到目标', weight: 2, kpi: 'csat' },
  { code: 'K4', dimension: 'performance', text: '质检平均分达到目标', weight: 1, kpi: 'qaScore' },
  { code: 'K5', dimension: 'performance', text: '排班遵守率达到目标', weight: 1, kpi: 'adherence' },
  { code: 'K6', dimension: 'performance', text: '出勤率达到目标，迟到和缺勤有跟进', weight: 1, kpi: 'attendance' },
  { code: 'K7', dimension: 'performance', text: '服务水平和接通率按队列、按时段达到约定目标', weight: 2, kpi: null },
];
