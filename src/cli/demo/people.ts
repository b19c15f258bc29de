/**
 * Demo data for people on the floor (issue 6): violations and fund spending, four weeks of mood
 * check-ins and attendance, a course, plan, exam and certifications, briefings and post-shift
 * reports, lead tasks, voice posts and a survey, and some leavers. Deterministic (seeded LCG).
 */
import type { DemoSeeder } from './seeders';
import { addDays, localDate, peopleConfig } from '../../store/people/common';
import { recordSpending, recordViolation } from '../../store/people/discipline';
import { createSurvey, postVoice, replyVoice, addCareNote } from '../../store/people/mood';
import { addPlanItem, addQuestions, createCourse, createExam, createSession, putCertQueue, recordSessionAttendance } from '../../store/people/training';
import { addNotice, createTask, sendPostShift } from '../../store/people/routine';
import { recordLeaver } from '../../store/people/attrition';

function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

export const peopleDemo: DemoSeeder = {
  name: 'people (discipline, mood, training, routine, attrition)',
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const tz = 'Asia/Shanghai';
    const today = localDate(now, tz);
    const rnd = lcg(6);
    const agents = await db.selectFrom('agents').select(['id', 'team_id', 'employee_no']).orderBy('id').execute();
    const teams = await db.selectFrom('teams').select(['id', 'lead_user_id']).orderBy('id').execute();
    const admin = org.userIds.get('admin')!;
    const duty = org.userIds.get('duty')!;
    const trainer = org.userIds.get('trainer')!;
    const local = (date: string, h: number, m = 0) => Date.parse(`${date}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`);
    const days = Array.from({ length: 28 }, (_, i) => addDays(today, i - 27));

    // mood check-ins and attendance, 4 weeks (agents work ~5 of 7 days; Mondays and month-end a little lower)
    const moods: any[] = [];
    const shifts: any[] = [];
    const segs: any[] = [];
    for (const a of agents) {
      const base = 3.2 + rnd() * 1.2 - (a.id % 17 === 0 ? 1.6 : 0);
      for (const d of days) {
        const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
        if ((wd + a.id) % 7 < 2) continue;
        const start = local(d, 9);
        const end = local(d, 18);
        shifts.push({ agent_id: a.id, date: d, start_at: start, end_at: end, source: 'demo' });
        const r = rnd();
        if (r < 0.03) continue; // absent
        const late = r < 0.1 ? Math.floor(rnd() * 15) + 1 : -5;
        const early = r > 0.96 ? Math.floor(rnd() * 40) + 5 : 0;
        segs.push({ agent_id: a.id, login_at: start + late * 60_000, logout_at: end - early * 60_000, source: 'demo' });
        const dip = (wd === 1 ? 0.5 : 0) + (Number(d.slice(8)) > 24 ? 0.4 : 0);
        const mood = Math.max(1, Math.min(5, Math.round(base - dip + (rnd() - 0.5) * 1.6)));
        moods.push({ agent_id: a.id, team_id: a.team_id, date: d, at: start - 10 * 60_000, mood, note: mood <= 2 && rnd() < 0.3 ? '有点累' : null });
      }
    }
    const chunk = async (table: any, rows: any[]) => {
      for (let i = 0; i < rows.length; i += 400)
        await db
          .insertInto(table)
          .values(rows.slice(i, i + 400))
          .execute();
    };
    await chunk('people_mood_checkins', moods);
    await chunk('attendance_shifts', shifts);
    await chunk('attendance_segments', segs);
    log(`people: ${moods.length} check-ins, ${shifts.length} shifts`);

    // violations by the leads (樂捐 into each team's fund) and some spending with receipts
    const ruleCodes = ['A1', 'A1', 'A2', 'R15', 'R16', 'R14', 'R10'];
    for (const [ti, tm] of teams.entries()) {
      if (!tm.lead_user_id) continue;
      const mine = agents.filter((a) => a.team_id === tm.id);
      const actor = { userId: tm.lead_user_id, roles: ['team_lead'], agentId: null, ledTeamIds: [tm.id] };
      const n = 3 + (ti % 4);
      for (let k = 0; k < n; k++) {
        const a = mine[Math.floor(rnd() * mine.length)]!;
        await recordViolation(
          db,
          org.centerId,
          { ruleCode: ruleCodes[Math.floor(rnd() * ruleCodes.length)]!, agentId: a.id, at: local(days[Math.floor(rnd() * 27)]!, 9, 20) },
          actor,
          now,
        );
      }
      if (ti % 2 === 0)
        await recordSpending(
          db,
          tm.id,
          { amountFen: 1000, receiptRef: `RC-${ti + 1}01`, description: '班组下午茶', at: local(days[25]!, 16) },
          tm.lead_user_id,
          now,
        );
      await addNotice(db, tm.id, today, '今日起新资费套餐上线，请熟悉知识库第12篇', tm.lead_user_id, now);
      await addCareNote(db, { kind: 'praise', agentId: mine[1]!.id, text: '昨日接到客户表扬信，服务耐心细致' }, actor, now);
      // post-shift reports: sent by routineReportsDemo once the live history exists (they read it)
      const month = today.slice(0, 7);
      await createTask(db, org.centerId, { leadId: tm.lead_user_id, title: '完成本月组员一对一谈心', dueOn: `${month}-25` }, duty, now);
      const t2 = await createTask(db, org.centerId, { leadId: tm.lead_user_id, title: '提交上周质检辅导记录', dueOn: addDays(today, -3) }, duty, now);
      if (ti % 3 !== 0)
        await db
          .updateTable('people_lead_tasks')
          .set({ completed_on: addDays(today, ti % 2 ? -4 : -1) })
          .where('id', '=', t2.id)
          .execute();
    }

    // training: course, plan, session, exam and certifications for the billing queue
    const course = await createCourse(db, org.centerId, { title: '账务业务与退费流程', module: '账务', hours: 4 }, trainer, now);
    const course2 = await createCourse(db, org.centerId, { title: '投诉处理与情绪安抚', module: '服务', hours: 3 }, trainer, now);
    const year = Number(today.slice(0, 4));
    for (const [ti, tm] of teams.entries()) {
      await addPlanItem(db, org.centerId, { teamId: tm.id, year, month: 1 + (ti % 12), courseId: course.id }, trainer, now);
      await addPlanItem(db, org.centerId, { teamId: tm.id, year, month: 1 + ((ti + 6) % 12), courseId: course2.id }, trainer, now);
    }
    const session = await createSession(db, org.centerId, { courseId: course.id, teamId: teams[0]!.id, startsAt: local(days[20]!, 14) }, trainer, now);
    await recordSessionAttendance(
      db,
      org.centerId,
      session.id,
      agents.filter((a) => a.team_id === teams[0]!.id).map((a, i) => ({ agentId: a.id, present: i % 9 !== 0 })),
      trainer,
      now,
    );
    await putCertQueue(db, org.centerId, { queue: 'billing', validityDays: 365, warnDays: 30 }, trainer, now);
    const q = await addQuestions(
      db,
      org.centerId,
      '账务',
      [
        { kind: 'single', text: '账单日是每月几号？', options: ['1日', '15日', '月末'], answer: 0, points: 30 },
        { kind: 'multiple', text: '以下哪些情形可以受理退费？', options: ['重复扣费', '套餐到期', '系统故障多扣'], answers: [0, 2], points: 30 },
        { kind: 'true_false', text: '坐席可以口头承诺退费。', answer: false, points: 20 },
        { kind: 'short', text: '客户情绪激动要求立即退费，你会如何回应？', points: 20 },
      ],
      trainer,
      now,
    );
    await createExam(
      db,
      org.centerId,
      {
        title: '账务队列认证考试',
        queue: 'billing',
        questionIds: q.ids.slice(0, 3),
        timeLimitMin: 15,
        passPercent: 80,
        graceS: 30,
        multiplePolicy: 'all_or_nothing',
      },
      trainer,
      now,
    );
    await createExam(
      db,
      org.centerId,
      { title: '服务规范周测', questionIds: q.ids, timeLimitMin: 20, passPercent: 60, graceS: 30, multiplePolicy: 'partial' },
      trainer,
      now,
    );
    const billing = await db.selectFrom('agent_queues').select('agent_id').where('queue', '=', 'billing').execute();
    const certRows = billing.map((b, i) => {
      const passed = now - (30 + ((i * 37) % 350)) * 86_400_000;
      return {
        agent_id: b.agent_id,
        queue: 'billing',
        exam_id: 1,
        attempt_id: null,
        passed_at: passed,
        valid_until: passed + 365 * 86_400_000,
        percent: 80 + (i % 5) * 5,
      };
    });
    await chunk('people_certifications', certRows);
    log(`people: ${certRows.length} billing certifications`);

    // voice and a survey
    const a1user = org.userIds.get('agent1')!;
    const v1 = await postVoice(
      db,
      org.centerId,
      { kind: 'suggestion', text: '休息室的微波炉不够用，午饭时间要排很久队', anonymous: true },
      { userId: a1user, roles: ['agent'], agentId: null, ledTeamIds: [] },
      null,
      now,
    );
    await replyVoice(db, org.centerId, v1.id, '下周起增加一台微波炉，并错峰安排午餐。', org.userIds.get('manager')!, now);
    await postVoice(
      db,
      org.centerId,
      { kind: 'complaint', text: '夜班后第二天早班间隔太短', anonymous: true },
      { userId: a1user, roles: ['agent'], agentId: null, ledTeamIds: [] },
      null,
      now,
    );
    await createSurvey(
      db,
      org.centerId,
      {
        title: '季度员工满意度调查',
        invited: agents.length,
        questions: [
          { id: 'overall', kind: 'scale', text: '总体满意度', min: 1, max: 5 },
          { id: 'pressure', kind: 'single', text: '工作压力', options: ['很小', '适中', '较大', '很大'] },
          { id: 'idea', kind: 'text', text: '你最希望改进的一件事' },
        ],
      },
      admin,
      now,
    );

    // leavers over the last months, with exit interviews
    const reasons = ['pay', 'career', 'pressure', 'schedule', 'study', 'family', 'pressure', 'pay'];
    // never the first agent of a team: that one is the demo sign-in agent1…agent10
    const leavers = agents.filter((a, i) => i % 20 !== 0 && a.id % 19 === 3).slice(0, 12);
    for (const [i, a] of leavers.entries()) {
      const hire = (await db.selectFrom('agents').select('hire_date').where('id', '=', a.id).executeTakeFirstOrThrow()).hire_date;
      let left = addDays(today, -(5 + i * 23));
      if (left < hire) left = hire;
      await recordLeaver(
        db,
        a.id,
        { leftDate: left, reasonCode: reasons[i % reasons.length]!, reasonText: '离职面谈记录' },
        [
          { code: 'pay', label: '' },
          { code: 'career', label: '' },
          { code: 'pressure', label: '' },
          { code: 'schedule', label: '' },
          { code: 'study', label: '' },
          { code: 'family', label: '' },
        ],
        admin,
        now,
      );
    }
    log(`people: ${leavers.length} leavers`);
  },
};

/**
 * The leads' post-shift reports of the days the live history covers, sent as a lead sends them:
 * nothing typed, every figure read from the store (runs after the history and the QA demo).
 */
export const routineReportsDemo: DemoSeeder = {
  name: 'post-shift reports from the stored history',
  background: true,
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const tz = 'Asia/Shanghai';
    const today = localDate(now, tz);
    const cfg = await peopleConfig(db, org.centerId);
    const teams = await db.selectFrom('teams').select(['id', 'lead_user_id']).orderBy('id').execute();
    let n = 0;
    for (const tm of teams) {
      if (!tm.lead_user_id) continue;
      for (const d of [3, 2, 1].map((k) => addDays(today, -k))) {
        await sendPostShift(db, tm.id, d, { notes: ['话务平稳'] }, tm.lead_user_id, now, cfg.attendanceGrace, tz);
        n++;
      }
    }
    log(`routine: ${n} post-shift reports`);
  },
};
