/**
 * Demo data for goals and the team lead's scorecard (issue 17): every led team gets team goals for this
 * month and the last (AHT, adherence; "half the team at 中級" by the end of next month), every agent a
 * KPI goal of each month and some a certification goal, and each lead a few coaching / listening
 * entries in the shift log, so 目标 and 班长考评 are not empty for any demo role. Progress is not stored:
 * the pages read it from the facts as the history loads.
 */
import type { DemoSeeder } from './seeders';
import { insertGoal, type GoalInput } from '../../store/goals/goals';
import { addDays, localDate } from '../../store/people/common';
import { addLogEntry } from '../../store/people/routine';
import { monthEnd } from '../../core/performance/kpi';
import { shiftMonth } from '../../core/performance/facts';

const blank = { agentId: null, month: null, kpi: null, direction: null, target: null, dueDate: null, skillLevel: null, queue: null, share: null, note: '' };

export const goalsDemo: DemoSeeder = {
  name: 'goals',
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const today = localDate(now, 'Asia/Shanghai');
    const month = today.slice(0, 7);
    const last = shiftMonth(month, -1);
    const teams = await db.selectFrom('teams').select(['id', 'lead_user_id']).where('center_id', '=', org.centerId).orderBy('id').execute();
    const certified = await db.selectFrom('people_cert_queues').select('queue').where('center_id', '=', org.centerId).orderBy('queue').executeTakeFirst();
    let n = 0;
    const put = async (g: GoalInput, by: number) => {
      await insertGoal(db, org.centerId, g, by, now);
      n++;
    };
    for (const [ti, tm] of teams.entries()) {
      if (!tm.lead_user_id) continue;
      const lead = tm.lead_user_id;
      const team = { ...blank, subject: 'team' as const, teamId: tm.id };
      for (const m of [last, month]) {
        await put({ ...team, kind: 'kpi', month: m, kpi: 'aht', direction: 'lower', target: 300 + 10 * (ti % 3), note: '全组平均处理时长控制在目标内' }, lead);
        await put({ ...team, kind: 'kpi', month: m, kpi: 'adherence', direction: 'higher', target: 0.9 }, lead);
      }
      await put({ ...team, kind: 'skill', dueDate: monthEnd(shiftMonth(month, 1)), skillLevel: 2, share: 0.5, note: '一半以上的组员达到中级以上' }, lead);
      const agents = await db.selectFrom('agents').select('id').where('team_id', '=', tm.id).where('status', '=', 'active').orderBy('id').execute();
      for (const [ai, a] of agents.entries()) {
        const mine = { ...blank, subject: 'agent' as const, teamId: tm.id, agentId: a.id };
        await put(
          { ...mine, kind: 'kpi', month: last, kpi: ai % 2 ? 'qaScore' : 'aht', direction: ai % 2 ? 'higher' : 'lower', target: ai % 2 ? 85 : 290 },
          lead,
        );
        await put({ ...mine, kind: 'kpi', month, kpi: ai % 2 ? 'aht' : 'csat', direction: ai % 2 ? 'lower' : 'higher', target: ai % 2 ? 290 : 0.85 }, lead);
        if (certified && ai % 3 === 0)
          await put({ ...mine, kind: 'skill', dueDate: addDays(today, 30 + ai), queue: certified.queue, note: '通过账务队列认证考试' }, lead);
      }
      // coaching and listening (跟聽) in the shift log, 0–3 per agent last month and some this month, so the scorecards differ
      for (const [ai, a] of agents.entries()) {
        const times = (ai + ti) % 4;
        for (let k = 0; k < times; k++)
          await addLogEntry(
            db,
            tm.id,
            {
              date: `${last}-${String(3 + 8 * k + (ai % 5)).padStart(2, '0')}`,
              kind: k % 2 ? 'listening' : 'coaching',
              agentId: a.id,
              text: '针对通话时长做一对一辅导',
            },
            lead,
            now,
          );
        if (ai % 2 === 0 && today > `${month}-01`)
          await addLogEntry(db, tm.id, { date: addDays(today, -1), kind: 'coaching', agentId: a.id, text: '复盘昨日投诉录音' }, lead, now);
      }
    }
    log(`goals: ${n} goals of ${teams.length} teams`);
  },
};
