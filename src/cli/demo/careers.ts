/**
 * Demo data for careers (issue 17): an improvement plan opened by lead1 for agent1 with two steps (one
 * acknowledged, one with its result), development plan items (one course item by the trainer), a
 * rotation and a promotion, and — once the scorecards exist (background) — nominations to the talent
 * pool with their figures. Written through the same use cases as the pages.
 */
import type { DemoOrgIds, DemoSeeder } from './seeders';
import type { Actor, ServiceDeps } from '../../services/context';
import type { ServerContext } from '../../server/context';
import type { Role } from '../../core/roles';
import { teamsLedBy } from '../../store/org';
import { listCourses } from '../../store/people/training';
import { acknowledgeStep, addStep, openPlan, recordStep } from '../../services/careers/plans';
import { addIdp, nominate, recordMove, reviewNomination } from '../../services/careers/development';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function actorOf(ctx: ServerContext, org: DemoOrgIds, username: string, role: Role): Promise<Actor | null> {
  const userId = org.userIds.get(username);
  if (userId === undefined) return null;
  const user = await ctx.store.db.selectFrom('users').select('agent_id').where('id', '=', userId).executeTakeFirst();
  const scope: Actor['scope'] =
    role === 'team_lead'
      ? { kind: 'teams', teamIds: await teamsLedBy(ctx.store.db, userId), centerId: org.centerId }
      : role === 'agent'
        ? { kind: 'self', agentId: user?.agent_id ?? null, centerId: org.centerId }
        : { kind: 'all', centerId: org.centerId };
  return { userId, roles: [role], scope, agentId: user?.agent_id ?? null };
}

export const careersDemo: DemoSeeder = {
  name: 'careers',
  async seed(ctx, org, log) {
    const deps: ServiceDeps = { store: ctx.store, now: ctx.now };
    const lead = await actorOf(ctx, org, 'lead1', 'team_lead');
    const manager = await actorOf(ctx, org, 'manager', 'center_manager');
    const trainer = await actorOf(ctx, org, 'trainer', 'trainer');
    const agent1 = await actorOf(ctx, org, 'agent1', 'agent');
    const agent2 = await actorOf(ctx, org, 'agent2', 'agent');
    if (!lead || !manager || !trainer || !agent1?.agentId) return;
    const now = ctx.now();
    const plan = await openPlan(deps, lead, {
      agentId: agent1.agentId,
      reason: '近几个月平均处理时长和满意率持续低于目标，经面谈后开启改进计划',
      startDate: isoDay(now - 20 * DAY),
      endDate: isoDay(now + 40 * DAY),
      proposed: false,
    });
    const s1 = await addStep(deps, lead, plan.id, { dueDate: isoDay(now - 6 * DAY), action: '每周两次跟听优秀坐席录音，并写下三条可借鉴的话术' });
    await acknowledgeStep(deps, agent1, s1.id);
    await recordStep(deps, lead, s1.id, { result: 'met', note: '已完成四次跟听，话术笔记已交组长' });
    await acknowledgeStep(deps, agent1, s1.id);
    await addStep(deps, lead, plan.id, { dueDate: isoDay(now + 14 * DAY), action: '两周内平均处理时长降到 170 秒以内' });

    const [course] = await listCourses(ctx.store.db, org.centerId);
    await addIdp(deps, lead, {
      agentId: agent1.agentId,
      kind: 'skill',
      title: '熟练掌握信用卡业务的疑难问题处理',
      ownerId: lead.userId,
      dueDate: isoDay(now + 60 * DAY),
      status: 'doing',
      notes: '',
      courseId: null,
      certQueue: null,
    });
    await addIdp(deps, trainer, {
      agentId: agent1.agentId,
      kind: 'course',
      title: course ? `完成课程：${course.title}` : '完成投诉处理课程',
      ownerId: trainer.userId,
      dueDate: isoDay(now + 30 * DAY),
      status: 'planned',
      notes: '',
      courseId: course?.id ?? null,
      certQueue: null,
    });
    if (agent2?.agentId) {
      await addIdp(deps, manager, {
        agentId: agent2.agentId,
        kind: 'behaviour',
        title: '担任新人带教，每月带教一名新坐席',
        ownerId: manager.userId,
        dueDate: isoDay(now + 90 * DAY),
        status: 'planned',
        notes: '',
        courseId: null,
        certQueue: null,
      });
      const teams = org.teamIds;
      await recordMove(deps, manager, {
        agentId: agent2.agentId,
        kind: 'rotation',
        date: isoDay(now - 45 * DAY),
        fromTeamId: teams[0] ?? null,
        toTeamId: teams[1] ?? null,
        fromPost: '坐席',
        toPost: '坐席',
        fromQueue: '',
        toQueue: '',
        reason: '轮岗学习另一班组的业务，拓宽技能',
        approvedBy: null,
      });
      await recordMove(deps, manager, {
        agentId: agent2.agentId,
        kind: 'promotion',
        date: isoDay(now - 10 * DAY),
        fromTeamId: null,
        toTeamId: null,
        fromPost: '中级坐席',
        toPost: '高级坐席',
        fromQueue: '',
        toQueue: '',
        reason: '连续三个月综合排名前十，通过高级坐席考核',
        approvedBy: null,
      });
    }
    log('careers: 1 improvement plan with 2 steps, 3 development items, 2 moves');
  },
};

/** Nominations read the last closed month's scorecards, so they wait for the history (background). */
export const talentDemo: DemoSeeder = {
  name: 'talent',
  background: true,
  async seed(ctx, org, log) {
    const deps: ServiceDeps = { store: ctx.store, now: ctx.now };
    const lead = await actorOf(ctx, org, 'lead1', 'team_lead');
    const manager = await actorOf(ctx, org, 'manager', 'center_manager');
    const agent2 = await actorOf(ctx, org, 'agent2', 'agent');
    const agent3 = await actorOf(ctx, org, 'agent3', 'agent');
    if (!lead || !manager || !agent2?.agentId || !agent3?.agentId) return;
    const n = await nominate(deps, manager, { agentId: agent2.agentId, track: 'backupLead', evidence: '带教两名新人，业务熟练，组内威信高' });
    await reviewNomination(deps, manager, n.id, { status: 'accepted', note: '列入后备组长，下季度参加管理培训' });
    await nominate(deps, manager, { agentId: agent3.agentId, track: 'model', evidence: '本月零投诉，多次获得客户表扬' });
    log('careers: 2 talent pool nominations');
  },
};
