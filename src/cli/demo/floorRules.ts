/**
 * Demo data for the duty-manager regime, the graded emergency plan and the floor rules (issue 17), so
 * their pages are not empty: the duty roster of the last days and the next two, the handovers of the past
 * duties (acknowledged by the center manager, the demo having one duty manager), three emergency levels
 * with their call-in order, and fault reports, hygiene and safety checks, machine-room visits and a visit
 * notice — written through the same use cases as the pages.
 */
import type { DemoSeeder } from './seeders';
import type { Actor, ServiceDeps } from '../../services/context';
import type { Role } from '../../core/roles';
import { acknowledge, addShift, writeHandoverFor } from '../../services/duty/duty';
import { setLevels } from '../../services/duty/emergencyPlan';
import { announce, checklist, fix, out, record, report, visitIn } from '../../services/floor/rules';
import { createEmergencyStaff } from '../../store/live/repo';
import { centerZone } from '../../services/duty/duty';
import { localDay } from '../../core/kpi/interval';

const DAY = 86_400_000;
const H = 3_600_000;

export const floorRulesDemo: DemoSeeder = {
  name: 'floorRules',
  async seed(ctx, org, log) {
    const id = (u: string) => org.userIds.get(u);
    const [manager, duty, lead, lead2, trainer, qa, agent] = ['manager', 'duty', 'lead1', 'lead2', 'trainer', 'qa', 'agent1'].map(id);
    if (manager === undefined || duty === undefined || lead === undefined) return;
    const now = ctx.now();
    const actor = (userId: number, role: Role): Actor => ({ userId, roles: [role], scope: { kind: 'all', centerId: org.centerId }, agentId: null });
    const at = (ms: number): ServiceDeps => ({ store: ctx.store, now: () => ms });
    const deps = at(now);
    const cm = actor(manager, 'center_manager');
    const dm = actor(duty, 'duty_manager');
    const { offset } = await centerZone(ctx.store.db, org.centerId);
    const dayOf = (d: number) => localDay(now + d * DAY, offset);
    const today = dayOf(0);

    // the roster: day duties 08:00–20:00 from three days ago to two days on; the past ones handed over
    for (let d = -3; d <= 2; d++) {
      const s = await addShift(deps, cm, { date: dayOf(d), start: '08:00', end: '20:00', managerUserId: duty });
      if (d < 0) {
        const h = await writeHandoverFor(
          at(s.endsAt - 10 * 60_000),
          dm,
          s.id,
          d === -1 ? '晚高峰排队偏长，已启动一级响应后恢复；请关注明早的开线人数' : '本班平稳，无遗留事项',
        );
        if (d < -1) await acknowledge(at(s.endsAt + 12 * H), cm, h.id);
      }
    }

    // the plan's people and three levels with their call-in order
    const person = async (name: string, position: string, extCode: string, userId: number | undefined) =>
      (await createEmergencyStaff(ctx.store.db, org.centerId, { name, position, extCode, userId: userId ?? null }, manager, now)).id;
    const p = [
      await person('班长（一组）', 'team_lead', '8801', lead),
      await person('班长（二组）', 'team_lead', '8802', lead2),
      await person('培训师', 'trainer', '8803', trainer),
      await person('质检员', 'qa', '8804', qa),
      await person('后台值守', 'back_office', '8805', undefined),
    ];
    await setLevels(deps, cm, {
      levels: [
        { level: 1, name: '一级响应', minWaiting: 10, slBelow: 80, slMinutes: 15, actions: '暂停培训与辅导，班长上线接听', callinOrder: [p[0]!, p[1]!] },
        {
          level: 2,
          name: '二级响应',
          minWaiting: 25,
          slBelow: 70,
          slMinutes: 15,
          actions: '培训师、质检员上线；暂停非紧急的后处理',
          callinOrder: [p[0]!, p[1]!, p[2]!, p[3]!],
        },
        { level: 3, name: '三级响应', minWaiting: 50, slBelow: 50, slMinutes: 15, actions: '召回后台值守人员；启用应急语音提示', callinOrder: p },
      ],
    });

    // fault reports: two fixed yesterday, one open since this morning
    const reporter = actor(agent ?? lead, agent !== undefined ? 'agent' : 'team_lead');
    const f1 = await report(at(now - DAY - 5 * H), reporter, { seat: 'A-12', device: 'headset', description: '耳机一侧没有声音' });
    await fix(at(now - DAY - 4 * H), dm, f1.id, '更换耳机');
    const f2 = await report(at(now - DAY - 3 * H), actor(lead, 'team_lead'), { seat: 'B-03', device: 'computer', description: '电脑开机后蓝屏' });
    await fix(at(now - DAY - 1 * H), actor(id('admin') ?? manager, 'admin'), f2.id, '重装系统驱动');
    await report(at(now - 2 * H), reporter, { seat: 'A-07', device: 'phone', description: '话机按键失灵' });

    // hygiene and safety checks of the last three days; one failure put right, one still open
    const items = await checklist(deps, cm);
    for (let d = -3; d <= -1; d++) {
      await record(at(now + d * DAY), actor(lead, 'team_lead'), {
        date: dayOf(d),
        area: 'A 区',
        results: items.map((it, i) => ({
          itemId: it.id,
          pass: !(i === (d + 4) % items.length && d !== -2),
          note: i === (d + 4) % items.length && d !== -2 ? '发现问题，已提醒' : '',
        })),
      });
    }

    // the machine-room visitor log: one visit done, one still in the room
    const v = await visitIn(at(now - 26 * H), dm, { visitor: '张工', company: '电信维护', purpose: '更换交换机板卡', escort: '值班经理' });
    await out(at(now - 24 * H), dm, v.id, {});
    await visitIn(at(now - H), dm, { visitor: '李工', company: '空调维保', purpose: '机房空调季度保养', escort: '一组班长' });

    // a visit announced for tomorrow afternoon
    await announce(deps, cm, { date: dayOf(1), start: '14:00', end: '15:00', group: '省公司客服部', areas: 'A 区、监控大屏', host: '中心经理' });
    log(`duty and floor rules: roster ${today}±, 3 emergency levels, 3 faults, 3 checks, 2 visits, 1 visit notice`);
  },
};
