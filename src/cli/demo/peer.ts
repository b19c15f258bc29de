/**
 * Demo data for peer help (issue 17): in the first team, a 一帮一 pair and a study group with follow-ups
 * (written through the page's use cases), a squad led by the demo agent `agent1`, and one shadowing booked
 * in agent1's published shift next week (after the schedule seeder published it).
 */
import type { DemoSeeder } from './seeders';
import type { Actor, ServiceDeps } from '../../services/context';
import { addFollowUp, createPlan, saveSquad } from '../../services/peer/peer';
import { placeShadowing } from '../../core/peer/index';
import { dateOfInstant } from '../../core/performance/facts';
import { listAgents } from '../../store/org';
import { listShifts } from '../../store/wfm/schedules';
import { bookShadowing } from '../../store/peer/repo';
import { centerTimezone } from '../../store/quality/lookup';

const DAY = 86_400_000;
const M = 60_000;

export const peerDemo: DemoSeeder = {
  name: 'peer',
  background: true,
  async seed(ctx, org, log) {
    const leadId = org.userIds.get('lead1');
    const teamId = org.teamIds[0];
    if (leadId === undefined || teamId === undefined) return;
    const deps: ServiceDeps = { store: ctx.store, now: ctx.now };
    const lead: Actor = { userId: leadId, roles: ['team_lead'], scope: { kind: 'teams', teamIds: [teamId], centerId: org.centerId }, agentId: null };
    const agents = (await listAgents(ctx.store.db, { teamIds: [teamId], status: 'active' })).map((a) => a.id);
    if (agents.length < 6) return;
    const now = ctx.now();
    const tz = await centerTimezone(ctx.store.db, org.centerId);
    const day = (d: number) => dateOfInstant(now + d * DAY, tz);
    const pair = await createPlan(deps, lead, {
      kind: 'pair',
      title: '投诉处理一帮一',
      leaderAgentId: agents[0]!,
      memberIds: [agents[3]!],
      goal: '徒弟的平均处理时长在一个月内降到 300 秒以内，投诉电话能独立处理',
      kpi: 'aht',
      kpiTarget: 300,
      startDate: day(-20),
      endDate: day(10),
    });
    await addFollowUp(deps, lead, pair.plan.id, { date: day(-13), note: '第一周：陪听五通投诉电话，整理了常用安抚话术' });
    await addFollowUp(deps, lead, pair.plan.id, { date: day(-6), note: '第二周：徒弟独立处理两通投诉，师傅旁听后复盘' });
    const group = await createPlan(deps, lead, {
      kind: 'group',
      title: '新产品知识学习小组',
      leaderAgentId: agents[1]!,
      memberIds: [agents[4]!, agents[5]!],
      goal: '两周内掌握新产品的资费与办理流程，质检得分不低于 90',
      kpi: 'qaScore',
      kpiTarget: 90,
      startDate: day(-7),
      endDate: day(7),
    });
    await addFollowUp(deps, lead, group.plan.id, { date: day(-2), note: '第一次小组学习：资费表逐条讲解，课后小测全员通过' });
    // the demo agent agent1 leads a squad of their team (a delegated part of the lead's work)
    const agent1User = org.userIds.get('agent1');
    const agent1 =
      agent1User === undefined
        ? undefined
        : (await ctx.store.db.selectFrom('users').select('agent_id').where('id', '=', agent1User).executeTakeFirst())?.agent_id;
    const leader = agent1 != null && agents.includes(agent1) ? agent1 : agents[2]!;
    const members = agents.filter((a) => a !== leader).slice(0, 3);
    await saveSquad(deps, lead, { teamId, leaderAgentId: leader, name: '一小队', memberIds: members });
    // one shadowing next week: the first half hour on the phones that the squad leader and a teammate share
    const shifts = await listShifts(ctx.store.db, { agentIds: agents, from: now + DAY, to: now + 8 * DAY, publishedOnly: true, centerId: org.centerId });
    let booked = false;
    for (const mine of shifts.filter((s) => s.agentId === leader && s.kind === 'shift')) {
      for (const a of mine.activities.filter((x) => x.kind === 'phone' && x.end - x.start >= 60 * M)) {
        const slot = { start: a.start + 30 * M, end: a.start + 60 * M };
        const top = shifts.find((s) => s.agentId !== leader && s.kind === 'shift' && placeShadowing(mine, s, slot).ok);
        if (!top) continue;
        const placed = placeShadowing(mine, top, slot);
        if (!placed.ok) continue;
        await bookShadowing(
          ctx.store.db,
          org.centerId,
          {
            agentId: leader,
            topAgentId: top.agentId,
            shiftId: mine.id,
            shiftVersion: mine.updatedAt,
            ...slot,
            note: '跟听学习投诉安抚',
            activities: placed.activities,
          },
          leadId,
          now,
        );
        booked = true;
        break;
      }
      if (booked) break;
    }
    log(`peer: a pair and a study group with follow-ups, a squad, ${booked ? 'one shadowing booked' : 'no shadowing (no published shift next week)'}`);
  },
};
