/**
 * Demo data for the center's self-assessment (issue 17): three rounds a quarter apart on the starting
 * checklist, the center climbing a level here and there, and the latest round's gaps with owners —
 * written through the same use cases as the page.
 */
import type { DemoSeeder } from './seeders';
import type { Actor, ServiceDeps } from '../../services/context';
import { checklist, createRound, saveScores, setGap } from '../../services/assessment/assessment';
import { isGap, MAX_LEVEL } from '../../core/assessment/index';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const assessmentDemo: DemoSeeder = {
  name: 'assessment',
  async seed(ctx, org, log) {
    const managerId = org.userIds.get('manager');
    if (managerId === undefined) return;
    const deps: ServiceDeps = { store: ctx.store, now: ctx.now };
    const actor: Actor = { userId: managerId, roles: ['center_manager'], scope: { kind: 'all', centerId: org.centerId }, agentId: null };
    const { points } = await checklist(deps, actor);
    const now = ctx.now();
    // each point's level: a starting level by its place in the checklist, one up per round for some
    const base = (i: number) => [2, 3, 1, 2, 4, 3, 2][i % 7]!;
    const target = 3;
    let last = { roundId: 0, scores: [] as { pointId: number; level: number | null; evidence: string }[] };
    for (let k = 0; k < 3; k++) {
      const round = await createRound(deps, actor, { date: isoDay(now - (2 - k) * 91 * DAY - 7 * DAY), targetLevel: target });
      const scores = points.map((p, i) => ({
        pointId: p.id,
        level: i % 11 === 10 ? null : Math.min(MAX_LEVEL, base(i) + (i % 3 < k ? 1 : 0)),
        evidence: i % 4 === 0 ? '已查阅本季度的记录与报表' : '',
      }));
      await saveScores(deps, actor, round.id, { scores });
      last = { roundId: round.id, scores };
    }
    const owners = ['duty', 'lead1', 'qa', 'wfm', 'trainer'].map((u) => org.userIds.get(u)).filter((x): x is number => x !== undefined);
    const gaps = last.scores.filter((s) => isGap(s.level, target)).slice(0, owners.length);
    for (const [i, p] of gaps.entries())
      await setGap(deps, actor, last.roundId, {
        pointId: p.pointId,
        ownerId: owners[i]!,
        dueDate: isoDay(now + (30 + 15 * i) * DAY),
        status: i === 0 ? 'doing' : 'open',
        note: '',
      });
    log(`assessment: 3 rounds, ${gaps.length} gaps with owners`);
  },
};
