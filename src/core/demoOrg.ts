/** The demo center's organisation as plain data: 10 teams of 20 agents, a user for every role. */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '娜',
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '婷',
  '雪',
  '晨',
  '欣',
  '浩',
  '宇',
  '琳',
  '佳',
];
const TEAM_NAMES = ['一组', '二组', '三组', '四组', '五组', '六组', '七组', '八组', '九组', '十组'];
export const DEMO_QUEUES = ['general', 'billing', 'tech', 'vip'] as const;

export interface DemoAgent {
  employeeNo: string;
  extCode: string;
  name: string;
  team: number;
  hireDate: string;
  skillLevel: 'junior' | 'intermediate' | 'senior';
  queues: string[];
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  /** employee number of the agent this user is, for agent users */
  employeeNo?: string;
  /** index of the team this user leads */
  leads?: number;
}

export function demoOrg(opts: { teams?: number; agentsPerTeam?: number; year?: number } = {}) {
  const teams = TEAM_NAMES.slice(0, opts.teams ?? 10);
  const per = opts.agentsPerTeam ?? 20;
  const year = opts.year ?? 2026;
  const agents: DemoAgent[] = [];
  for (let t = 0; t < teams.length; t++) {
    for (let i = 0; i < per; i++) {
      const n = t * per + i;
      const tenureMonths = (n * 7) % 60; // 0–59 months, spread over the teams
      const hire = new Date(Date.UTC(year, 9 - tenureMonths, 1 + (n % 27)));
      const skillLevel = tenureMonths >= 36 ? 'senior' : tenureMonths >= 12 ? 'intermediate' : 'junior';
      const queues = ['general', DEMO_QUEUES[1 + (n % 3)]];
      if (skillLevel === 'senior' && n % 2 === 0) queues.push('vip');
      agents.push({
        employeeNo: `E${String(n + 1).padStart(4, '0')}`,
        extCode: `${1000 + n + 1}`,
        name: SURNAMES[n % SURNAMES.length] + GIVEN[(n * 7 + t) % GIVEN.length],
        team: t,
        hireDate: hire.toISOString().slice(0, 10),
        skillLevel,
        queues: [...new Set(queues)],
      });
    }
  }
  const users: DemoUser[] = [
    { username: 'admin', displayName: '系统管理员', roles: ['admin'] },
    { username: 'manager', displayName: '中心经理 周总', roles: ['center_manager'] },
    { username: 'duty', displayName: '值班经理 陈经理', roles: ['duty_manager'] },
    { username: 'qa', displayName: '质检 林老师', roles: ['qa'] },
    { username: 'wfm', displayName: '排班师 郭工', roles: ['wfm'] },
    { username: 'trainer', displayName: '培训师 何老师', roles: ['trainer'] },
    { username: 'expert', displayName: '疑难座席 罗工', roles: ['expert'] },
  ];
  teams.forEach((name, t) => users.push({ username: `lead${t + 1}`, displayName: `${name}班长`, roles: ['team_lead'], leads: t }));
  teams.forEach((_, t) => {
    const a = agents[t * per];
    users.push({ username: `agent${t + 1}`, displayName: a.name, roles: ['agent'], employeeNo: a.employeeNo });
  });
  return { centerName: 'CallFloor 演示中心', timezone: 'Asia/Shanghai', teams, agents, users };
}
