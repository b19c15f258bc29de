/**
 * Demo: the inputs of csat and complaints (issue 11).
 * - Post-call survey answers for a share of the simulated history's answered calls (IVR survey,
 *   scale 5, mostly satisfied), pushed as `survey` events through the same sink as live events;
 * - a few complaint work orders made from real demo calls (so each names the agent who took it),
 *   judged upheld or rejected by the duty manager, one left pending.
 * Deterministic: the core's seeded PRNG.
 */
import type { CallFloorEvent } from '../../core/events';
import { mulberry32 } from '../../core/random';
import { acceptEvents } from '../../server/eventFeed';
import { coreActor, createOrder, setComplaintVerdict, transitionOrder, woSettings } from '../../store/workorders/orders';
import type { DemoSeeder } from './seeders';

/** Share of answered calls whose customer answers the survey. */
export const DEMO_SURVEY_SHARE = 0.3;
/** Scores 1..5 by cumulative probability: 80 % 5, 15 % 4, 3 % 3, 1 % 2, 1 % 1. */
const SCORE_CDF: [number, number][] = [
  [0.8, 5],
  [0.95, 4],
  [0.98, 3],
  [0.99, 2],
  [1, 1],
];

export const factsInputsDemo: DemoSeeder = {
  name: 'survey answers and attributed complaints',
  background: true,
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const rnd = mulberry32(20261106);
    // answered calls of the history (ended after a connect), oldest first
    const ended = await db.selectFrom('live_events').select(['call_id', 'ts', 'queue']).where('type', '=', 'call.ended').orderBy('ts').orderBy('seq').execute();
    const surveys: CallFloorEvent[] = [];
    for (const c of ended) {
      if (rnd() >= DEMO_SURVEY_SHARE) continue;
      const u = rnd();
      const score = SCORE_CDF.find(([p]) => u < p)![1];
      surveys.push({
        id: `demo-survey:${c.call_id}`,
        ts: Number(c.ts) + 30_000 + Math.floor(rnd() * 90_000),
        type: 'survey',
        callId: c.call_id!,
        score,
        scale: 5,
        ...(c.queue ? { queue: c.queue } : {}),
      });
    }
    let stored = 0;
    for (let i = 0; i < surveys.length; i += 20_000) stored += (await acceptEvents(ctx, surveys.slice(i, i + 20_000))).accepted.length;

    // complaints from calls, judged by the duty manager
    const c = org.centerId;
    const s = await woSettings(db, c);
    const actor = async (name: string) => {
      const id = org.userIds.get(name)!;
      const roles = (await db.selectFrom('user_roles').select('role').where('user_id', '=', id).execute()).map((r) => r.role);
      return coreActor(db, id, roles);
    };
    const duty = await actor('duty');
    const picks = ended.filter(() => rnd() < 0.001).slice(0, 6);
    const titles = [
      '坐席态度生硬，打断客户',
      '答复错误导致客户白跑一趟',
      '承诺回电未回电',
      '未核实身份即告知账户信息',
      '通话中长时间静音',
      '推诿客户，要求重复拨打',
    ];
    const verdicts = ['upheld', 'rejected', 'upheld', 'rejected', 'upheld', null] as const;
    let clock = 0;
    const count = { upheld: 0, rejected: 0, pending: 0 };
    for (let i = 0; i < picks.length; i++) {
      const call = picks[i]!;
      clock = Math.max(clock, Number(call.ts)) + 3_600_000;
      const { id } = await createOrder(
        db,
        c,
        {
          type: 'complaint',
          priority: 'normal',
          category: i % 2 ? '業務處理' : '服務態度',
          title: `客户投诉：${titles[i]}`,
          customerId: `C-66${String(1000 + i)}`,
          callId: call.call_id!,
        },
        duty.actor,
        clock,
        s,
      );
      await transitionOrder(db, c, id, { transition: 'accept', note: '' }, duty.actor, duty.departmentIds, (clock += 600_000), s);
      const v = verdicts[i];
      if (v)
        await setComplaintVerdict(
          db,
          c,
          id,
          { verdict: v, note: v === 'upheld' ? '调听录音核实，投诉属实' : '调听录音，坐席处理符合规范' },
          duty.actor,
          (clock += 1_800_000),
        );
      count[v ?? 'pending']++;
    }
    log(
      `facts inputs: ${stored} survey answers for ${ended.length} answered calls (${Math.round(DEMO_SURVEY_SHARE * 100)} %), ${picks.length} complaints attributed to the agent who took the call (${count.upheld} upheld, ${count.rejected} rejected, ${count.pending} pending)`,
    );
  },
};
