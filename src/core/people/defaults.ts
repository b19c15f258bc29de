/**
 * Default data for the people core. Every rule, threshold and weight here is data a center can
 * replace; the seeds' numbers are the defaults, and where a seed is silent the choice is marked
 * "(chosen)".
 */
import type { Role } from '../roles';

// ---------------------------------------------------------------- discipline

export type RuleCategory = 'attendance' | 'appearance' | 'conduct' | 'workstation' | 'equipment' | 'hygiene' | 'safety' | 'security' | 'access' | 'reception';

export type Consequence =
  /** 樂捐: a fixed contribution (integer fen) to the team's activity fund, not to the company. */
  | { kind: 'contribution'; amountFen: number }
  /** A recorded warning with no money. */
  | { kind: 'warning' };

export interface FloorRule {
  id: string;
  /** Number in the center's rulebook (seed 000 fifth article numbers 1–26). */
  no: number;
  category: RuleCategory;
  title: string;
  /** Rule text, Simplified Chinese. */
  text: string;
  consequence: Consequence;
  active: boolean;
}

/** Seed 000 first article: 遲到、早退、聚眾聊天、手機出聲者……樂捐5元. 5 yuan = 500 fen. */
export const DEFAULT_CONTRIBUTION_FEN = 500;
export const defaultConsequence: Consequence = { kind: 'contribution', amountFen: DEFAULT_CONTRIBUTION_FEN };

function rule(no: number, category: RuleCategory, title: string, text: string): FloorRule {
  return { id: `R${no}`, no, category, title, text, consequence: defaultConsequence, active: true };
}

/** 话务现场管理办法 — the 26 floor rules of seed 000, fifth article (呼叫中心現場紀律), in Simplified Chinese. */
export const defaultFloorRules: readonly FloorRule[] = [
  rule(1, 'workstation', '座席物品摆放', '每个座席的杯架、减压球、镜子和电脑主机架需整齐摆放于左边,文件袋架子摆放于右边,并不得随意调整。'),
  rule(
    2,
    'appearance',
    '着装规范',
    '客服代表着装干净、整洁、端庄、大方,在工作场所不能穿超短裤、背心或低胸、袒背衣裙、超短裙(膝盖以上20厘米)、吊带背心等过于暴露的服装,保持着装整齐。',
  ),
  rule(
    3,
    'appearance',
    '发型与仪容',
    '发型必须大方、自然、整齐。如有染发的发色不能过于夸张抢眼,不留怪异发型和剃光头;长发应扎起,额前头发不能遮住眼睛。应注意保持面部整洁,男员工不留胡须,女员工可淡妆上岗,但不得浓妆艳抹。',
  ),
  rule(
    4,
    'appearance',
    '眼镜、香水、首饰与指甲',
    '在工作岗位不准戴深色眼镜或太阳眼镜,禁止使用香味过浓的香水。佩戴首饰应简单、自然、健康,不能佩戴夸张的饰物。应保持个人指甲清洁,不能留长指甲或涂怪异颜色指甲油。',
  ),
  rule(
    5,
    'conduct',
    '坐姿与站姿',
    '客服代表坐姿应文雅、稳重、大方,胸部自然挺直,肩平头正,目光平视,双腿并拢平直放入桌下,不前仰后靠,不左摇右摆,不得将双臂交叉倚卧在座椅上或趴在工作台上。站姿应两臂自然下垂,挺胸收腹,不要趴在工作台,不要三五成堆。',
  ),
  rule(6, 'conduct', '精神面貌', '态度端正、不亢不卑、精神饱满,以良好的精神面貌接班上岗。'),
  rule(
    7,
    'conduct',
    '公共场所行为',
    '在机房内、培训室、休息室、茶水间、机房外走廊、电梯口等公共场所应行为典雅,注意集体形象,不宜追逐、打闹、搂抱、大声喧哗等行为。',
  ),
  rule(
    8,
    'equipment',
    '空调、绿植与消防设备',
    '不得随意调整话务现场的空调温度以及绿色植物、消防设备等的摆放位置。如有特殊需要,由指定的专人负责调整现场的空调温度。',
  ),
  rule(9, 'conduct', '宣传张贴', '在机房内的宣传张贴仅能在指定位置,且只能张贴与工作有关的内容或宣传企业文化的内容。'),
  rule(
    10,
    'conduct',
    '工作时间不做无关的事',
    '不准在工作时间、工作场所做与工作无关的事,如睡觉、玩扑克牌、看报纸(杂志)等;不要带与工作无关的个人物品(如报纸书刊、食品等)进入机房,手机不得摆放在桌面。',
  ),
  rule(11, 'conduct', '不打开无关的电脑界面', '不得在工作场所的电脑打开与工作无关的电脑界面(因工作需要除外),包括各电信网页等。'),
  rule(
    12,
    'equipment',
    '爱护设备',
    '不要随意移动坐席终端设备和增删改电脑的图标、程序、文件等;正确使用和爱护各种设备和公物,发现设备有问题要立即报告班长或主管;不得擅自拆卸、挪用或停用、损坏各种设备、公物,以确保系统正常运行。值机业务代表负有看护所坐座席的电脑等设备责任,当值主管负有看护设备的管理责任。',
  ),
  rule(
    13,
    'hygiene',
    '机房整洁与卫生',
    '保持机房整齐、清洁,业务代表有责任保持公共环境卫生,发现机台和主机板上有垃圾要及时清理,在培训室和休息室不能乱丢、乱摆、乱放杂物。离开座位要把椅子摆正,放整齐。班长要负责检查本班所在坐席范围的卫生,当值主管负责安全和卫生检查监督。',
  ),
  rule(
    14,
    'hygiene',
    '不吸烟、不吃零食',
    '不准在机房吸烟,吃零食;不准乱丢纸巾、纸屑等物品。只能在休息室进食,进食完后要及时把物品清走并把位置清理干净,不得把杂物、剩余食物等留在休息室的桌面上。机房内统一不配置纸篓,垃圾杂物等请扔到洗手间或休息室的垃圾桶。',
  ),
  rule(
    15,
    'conduct',
    '手机静音、不打私人电话',
    '携带手机、小灵通等非工作用品进入话务现场,需设为关机或振动状态;不得在话务现场使用手机、小灵通拨打电话、发送短信,不得利用坐席接打与工作无关的电话,不得利用平台发与工作无关的短信或利用系统做其它事情。',
  ),
  rule(
    16,
    'conduct',
    '不聊天、不离岗、佩戴耳机',
    '工作中严禁交头接耳、聚集聊天,喧哗嬉闹,做与工作无关的事,不得无故离岗、窜岗;除离开坐席外,客服代表在当班情况下必须佩带耳机,随时准备应答用户;工作完成后,尽快离开工作场所,不许逗留。',
  ),
  rule(
    17,
    'conduct',
    '情绪波动时到休息室',
    '业务代表在工作中遇情绪波动、心情差时,请到休息室休息,以平伏心情;严禁在生产场所发牢骚、讲禁语。不得在值机机房内直接表示自己不满,特别是挂线后等待下一电话接入间隙。',
  ),
  rule(18, 'safety', '通道畅通', '禁止在机房内、走廊、通道和窗口附近堆放杂物,各消防通道、紧急疏散通道应确保畅通。'),
  rule(19, 'safety', '不带危险物品', '进入机房人员不得携带任何易燃、易爆、腐蚀性、强电磁、辐射性等对设备正常运行构成威胁的物品。'),
  rule(
    20,
    'security',
    '机密资料',
    '任何人员进入机房,未经准许不得翻看、抄录、复制、下载有关设备、网络组织与配置、电路开放、配线记录、软件数据等机密资料及技术、用户文档(包括电子文档);未经批准严禁任何人将上述资料带出机房;未经许可,不得在机房内摄影、摄像。',
  ),
  rule(
    21,
    'access',
    '机房封闭管理与登记',
    '机房实行封闭式管理,非因工作需要不得进入。非该话务间的员工进入话务间需填写《机房登记薄》,现场值班人员有权要求进入人员进行登记和核对身份。',
  ),
  rule(22, 'access', '门禁与工作牌', '进入话务间的员工需凭门禁进入,无门禁的凭工作牌进入,并随手将门关好。进入机房需佩戴工作牌。'),
  rule(23, 'safety', '用电设备接入', '未经维护部门批准,任何部门和人员不得将用电设备擅自接入供电系统。'),
  rule(
    24,
    'security',
    '非生产软件与病毒',
    '严禁在中心生产网络内下载/复制/传播/安装/使用非生产需要的软件或者文件。严禁在中心生产网络内以任何形式下载/复制/传播/安装/使用蠕虫、木马等病毒或者其他危害信息安全的软件和代码。',
  ),
  rule(
    25,
    'security',
    'USB、外网邮件与安装软件',
    '为加强信息安全管理,保障中心生产业务的正常开展,严禁任何非常规或者非生产必须的USB设备接入使用;严禁任何非生产必须的外网电子邮件收发;严禁私自在生产座席安装非生产软件。工作需要,相关主管或经理可通过正常申请渠道开通此权限。',
  ),
  rule(26, 'reception', '领导视察通知主管', '如遇上级领导到话务现场视察,请及时通知部门主管。相关部门主管须及时安排相应接待工作。'),
];

/**
 * Lateness and leaving early are not among the 26, but seed 000 first article fines them
 * (遲到、早退 … 樂捐5元); they are the attendance rules a lead records violations against.
 */
export const defaultAttendanceRules: readonly FloorRule[] = [
  { id: 'A1', no: 27, category: 'attendance', title: '迟到', text: '上班迟到。', consequence: defaultConsequence, active: true },
  { id: 'A2', no: 28, category: 'attendance', title: '早退', text: '下班早退。', consequence: defaultConsequence, active: true },
];

/** The whole default rulebook: the 26 floor rules plus the two attendance rules. */
export const defaultRuleBook: readonly FloorRule[] = [...defaultFloorRules, ...defaultAttendanceRules];

/** Roles that may record a violation on an agent of any team (a team lead only on their own team). */
export const defaultAnyTeamRecorderRoles: readonly Role[] = ['admin', 'center_manager', 'duty_manager'];

// ---------------------------------------------------------------- attendance

export interface AttendanceGrace {
  /** Login later than shift start + this many minutes is late. (chosen: 0 — the seed's rule is strict) */
  lateGraceMin: number;
  /** Logout earlier than shift end − this many minutes is an early leave. (chosen: 0) */
  earlyLeaveGraceMin: number;
}
export const defaultAttendanceGrace: AttendanceGrace = { lateGraceMin: 0, earlyLeaveGraceMin: 0 };

// ---------------------------------------------------------------- mood

/** Named moods (zh-CN, zh-TW, en) mapped onto the 1–5 scale. */
export const defaultMoodNames: Readonly<Record<string, number>> = {
  很差: 1,
  很差劲: 1,
  terrible: 1,
  不好: 2,
  低落: 2,
  bad: 2,
  一般: 3,
  okay: 3,
  ok: 3,
  不错: 4,
  不錯: 4,
  good: 4,
  很好: 5,
  开心: 5,
  開心: 5,
  great: 5,
};

export interface MonthBand {
  label: string;
  fromDay: number;
  toDay: number;
}
/** Time of month as 上旬 / 中旬 / 下旬 (chosen). */
export const defaultMonthBands: readonly MonthBand[] = [
  { label: '上旬', fromDay: 1, toDay: 10 },
  { label: '中旬', fromDay: 11, toDay: 20 },
  { label: '下旬', fromDay: 21, toDay: 31 },
];

export interface MoodSignalConfig {
  /** A check-in with mood ≤ this is low. */
  lowMoodMax: number;
  /** This many consecutive low check-ins raise a prompt. */
  lowMoodStreak: number;
  /** A call with talk time over this (seconds) is stressful. (chosen: 15 min) */
  stressfulTalkS: number;
  /** Not-ready minutes in a day over this raise a prompt. (chosen: 60) */
  notReadyMinutesMax: number;
  /** Weekdays (1 = Monday) on which the morning meeting is longer (seed 000 second article: Monday). */
  longerBriefingWeekdays: readonly number[];
}
export const defaultMoodSignalConfig: MoodSignalConfig = {
  lowMoodMax: 2,
  lowMoodStreak: 3,
  stressfulTalkS: 900,
  notReadyMinutesMax: 60,
  longerBriefingWeekdays: [1],
};

// ---------------------------------------------------------------- training

export type MultiplePolicy = 'all_or_nothing' | 'partial';
export interface ExamDefaults {
  /** Seconds accepted after start + time limit (network, clicking submit). (chosen: 30) */
  graceS: number;
  /** Pass mark, percent of the maximum. (chosen: 80) */
  passPercent: number;
  /**
   * Multiple choice marking. all_or_nothing (default): full points only for exactly the right set.
   * partial: points × max(0, right picked − wrong picked) / right count.
   */
  multiplePolicy: MultiplePolicy;
  /** Attempts an agent may make at one exam. (chosen: 3; settings saved before this field fall back to it) */
  maxAttempts?: number;
  /** Hours between the end of one attempt and the start of the next. (chosen: 24) */
  cooldownHours?: number;
}
export const defaultExamDefaults: ExamDefaults = { graceS: 30, passPercent: 80, multiplePolicy: 'all_or_nothing', maxAttempts: 3, cooldownHours: 24 };

export interface CertificationPolicy {
  /** Annual re-certification: validUntil = passedAt + validityDays days. */
  validityDays: number;
  /** Warn this many days before a certification lapses. (chosen: 30) */
  warnDays: number;
}
export const defaultCertificationPolicy: CertificationPolicy = { validityDays: 365, warnDays: 30 };

export type SkillLevelName = '初级' | '中级' | '高级';
export interface SkillLevelCriteria {
  level: SkillLevelName;
  minTenureMonths: number;
  /** Average exam percent over the agent's exams. */
  minExamAvg: number;
  /** Average QA score (0–100). */
  minQaAvg: number;
}
/**
 * Seed 001 names 初級 / 中級 / 高級 and expects most agents past one year at 中級 or above; the
 * numbers are (chosen). Lowest level first.
 */
export const defaultSkillLevels: readonly SkillLevelCriteria[] = [
  { level: '初级', minTenureMonths: 0, minExamAvg: 60, minQaAvg: 0 },
  { level: '中级', minTenureMonths: 6, minExamAvg: 80, minQaAvg: 85 },
  { level: '高级', minTenureMonths: 12, minExamAvg: 90, minQaAvg: 92 },
];

// ---------------------------------------------------------------- attrition

export interface LeaveReason {
  code: string;
  label: string;
}
/** Coded exit-interview reasons; seeds 000 (壓力的原因) and 002 (福利待遇, 未來發展不明確). */
export const defaultLeaveReasons: readonly LeaveReason[] = [
  { code: 'pay', label: '薪酬福利' },
  { code: 'career', label: '职业发展不明确' },
  { code: 'pressure', label: '工作压力大、任务多' },
  { code: 'recognition', label: '工作不受重视' },
  { code: 'management', label: '管理/领导问题' },
  { code: 'schedule', label: '排班与作息' },
  { code: 'colleagues', label: '同事关系' },
  { code: 'family', label: '家庭/搬迁' },
  { code: 'study', label: '升学' },
  { code: 'health', label: '健康' },
  { code: 'dismissed', label: '辞退/淘汰' },
  { code: 'other', label: '其他' },
];

export interface TenureBand {
  label: string;
  /** Inclusive lower bound, whole months. */
  fromMonths: number;
  /** Exclusive upper bound; null = open. */
  toMonths: number | null;
}
export const defaultTenureBands: readonly TenureBand[] = [
  { label: '<3个月', fromMonths: 0, toMonths: 3 },
  { label: '3-6个月', fromMonths: 3, toMonths: 6 },
  { label: '6-12个月', fromMonths: 6, toMonths: 12 },
  { label: '1-2年', fromMonths: 12, toMonths: 24 },
  { label: '2年以上', fromMonths: 24, toMonths: null },
];

export interface AtRiskConfig {
  weights: { lowMood: number; fallingScores: number; absences: number };
  /** Average recent mood ≤ this counts as low mood. */
  lowMoodAvg: number;
  /** Last score − first score ≤ −this counts as falling scores (points). */
  scoreDrop: number;
  /** Absences in the period ≥ this counts. */
  absences: number;
  /** Listed when the score ≥ this. */
  minScore: number;
}
/** (chosen) */
export const defaultAtRiskConfig: AtRiskConfig = {
  weights: { lowMood: 0.4, fallingScores: 0.35, absences: 0.25 },
  lowMoodAvg: 2.5,
  scoreDrop: 5,
  absences: 2,
  minScore: 0.25,
};
