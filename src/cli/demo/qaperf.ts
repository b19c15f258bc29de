/**
 * Demo data for quality and performance: two scorecards, calls and some hundreds of evaluations over
 * the last six months (quality improving over time, a few fatal failures), disputes, a closed
 * calibration, the recording library, coaching, a sampled work queue for this week; KPI figures for
 * the last three months (one figure late in the last), the last three months published, a contest.
 */
import type { DemoSeeder } from './seeders';
import { seededRng, templateItems, type Answer, type ScorecardTemplate } from '../../core/quality/index';
import { dateOfInstant, monthRange, shiftMonth, startOfDayMs, type KpiKey } from '../../core/performance/index';
import { DEMO_QUEUES } from '../../core/demoOrg';
import { createUser, listAgents, putSetting } from '../../store/org';
import { upsertCalls, type CallInput } from '../../store/quality/calls';
import { usersOfAgent } from '../../store/notifications';
import * as qaCases from '../../services/quality/index';
import type { Role } from '../../core/roles';
import { computeScorecards, createContest, publishMonth, upsertFigures, type FigureInput } from '../../store/performance/figures';
import { hashPassword } from '../../server/password';

const DAY = 86_400_000;

export const DEMO_TEMPLATES: Omit<ScorecardTemplate, 'version'>[] = [
  {
    id: 'basic-service',
    name: '基本服务质检表',
    fatalMode: 'zero',
    sections: [
      {
        id: 'opening',
        label: '开场',
        weight: 15,
        items: [
          {
            id: 'greeting',
            label: '标准问候语',
            weight: 50,
            min: 0,
            max: 2,
            options: [
              { value: 0, label: '未做' },
              { value: 1, label: '部分' },
              { value: 2, label: '完整' },
            ],
            fatal: false,
            naAllowed: false,
          },
          { id: 'verify', label: '核实客户身份', weight: 50, min: 0, max: 1, fatal: false, naAllowed: true },
        ],
      },
      {
        id: 'business',
        label: '业务处理',
        weight: 50,
        items: [
          { id: 'accuracy', label: '解答准确完整', weight: 50, min: 0, max: 4, fatal: false, naAllowed: false, passAt: 3 },
          { id: 'procedure', label: '按流程操作/记录工单', weight: 30, min: 0, max: 2, fatal: false, naAllowed: true },
          {
            id: 'privacy',
            label: '泄露客户资料',
            weight: 20,
            min: 0,
            max: 1,
            options: [
              { value: 0, label: '泄露' },
              { value: 1, label: '未泄露' },
            ],
            fatal: true,
            naAllowed: false,
          },
        ],
      },
      {
        id: 'attitude',
        label: '服务态度',
        weight: 25,
        items: [
          { id: 'courtesy', label: '礼貌用语、耐心倾听', weight: 60, min: 0, max: 3, fatal: false, naAllowed: false },
          {
            id: 'abuse',
            label: '辱骂/顶撞客户',
            weight: 40,
            min: 0,
            max: 1,
            options: [
              { value: 0, label: '有' },
              { value: 1, label: '无' },
            ],
            fatal: true,
            naAllowed: false,
          },
        ],
      },
      {
        id: 'closing',
        label: '结束',
        weight: 10,
        items: [
          { id: 'more', label: '询问是否还有其他需要', weight: 50, min: 0, max: 1, fatal: false, naAllowed: false },
          { id: 'farewell', label: '标准结束语', weight: 50, min: 0, max: 1, fatal: false, naAllowed: false },
        ],
      },
    ],
  },
  {
    id: 'vip-service',
    name: 'VIP 专席质检表',
    fatalMode: 'flag',
    sections: [
      {
        id: 'service',
        label: '服务',
        weight: 60,
        items: [
          { id: 'personal', label: '称呼客户姓氏', weight: 40, min: 0, max: 1, fatal: false, naAllowed: false },
          { id: 'accuracy', label: '解答准确完整', weight: 60, min: 0, max: 4, fatal: false, naAllowed: false, passAt: 3 },
        ],
      },
      {
        id: 'risk',
        label: '风险',
        weight: 40,
        items: [
          {
            id: 'privacy',
            label: '泄露客户资料',
            weight: 100,
            min: 0,
            max: 1,
            options: [
              { value: 0, label: '泄露' },
              { value: 1, label: '未泄露' },
            ],
            fatal: true,
            naAllowed: false,
          },
        ],
      },
    ],
  },
];

/** Plausible answers: `skill` 0…1 raises the chance of full marks; fatal failures are rare. */
function demoAnswers(t: ScorecardTemplate, skill: number, rng: () => number): Answer[] {
  return templateItems(t).map(({ item }) => {
    if (item.fatal) return { itemId: item.id, value: rng() < 0.012 ? item.min : item.max };
    if (item.naAllowed && rng() < 0.08) return { itemId: item.id, value: null };
    let v = item.max;
    if (rng() > 0.55 + skill * 0.4) v = Math.max(item.min, item.max - 1 - (rng() < 0.3 ? 1 : 0));
    if (item.options && !item.options.some((o) => o.value === v)) v = item.max;
    const a: Answer = { itemId: item.id, value: v };
    if (v < item.max && rng() < 0.5) a.comment = ['语速偏快', '未确认客户需求', '解释不够清楚', '遗漏关键信息', '语气生硬'][Math.floor(rng() * 5)]!;
    return a;
  });
}

export const qaperfSeeder: DemoSeeder = {
  name: 'quality and performance',
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const tz = 'Asia/Shanghai';
    const rng = seededRng('callfloor-demo-qaperf');
    const qa = org.userIds.get('qa')!;
    const manager = org.userIds.get('manager')!;
    const qaLead = await createUser(
      db,
      { username: 'qalead', displayName: '质检组长 许老师', passwordHash: await hashPassword('callfloor-demo'), roles: ['qa'], centerId: org.centerId },
      now,
    );
    await putSetting(db, org.centerId, 'quality.disputeDeciders', [qaLead], now);
    /** The quality use cases as a user of the demo center, at a given instant. */
    const as = (userId: number, at: number, roles: Role[] = ['qa'], agentId: number | null = null) =>
      [
        { store: ctx.store, now: () => at },
        { ...qaCases.qaActor(org.centerId, userId, roles), agentId },
      ] as const;
    const tpls = [];
    for (const t of DEMO_TEMPLATES) tpls.push(await qaCases.saveTemplate(...as(qa, now), { template: t }));
    const [basic, vip] = tpls as [(typeof tpls)[0], (typeof tpls)[0]];

    const agents = await listAgents(db);
    const skill = new Map(agents.map((a, i) => [a.id, 0.25 + ((i * 37) % 100) / 140]));
    // evaluated calls: one a month for two agents in three over six months, plus this week's unevaluated calls
    const thisMonth = dateOfInstant(now, tz).slice(0, 7);
    const months = monthRange(shiftMonth(thisMonth, -5), thisMonth);
    const calls: (CallInput & { month: string })[] = [];
    let n = 0;
    for (const a of agents) {
      for (const [mi, m] of months.entries()) {
        const start = startOfDayMs(`${m}-01`, tz);
        // some hundreds over six months; every agent is evaluated in the last full month and this one, so
        // the last full month's scorecard has a qaScore for everyone on the books
        const perMonth = mi >= months.length - 2 || a.id % 3 !== 0 ? 1 : 0;
        for (let k = 0; k < perMonth; k++) {
          const at = Math.min(now - 2 * DAY, start + Math.floor(rng() * 27) * DAY + 9 * 3600_000 + Math.floor(rng() * 8 * 3600_000));
          if (at < start) continue;
          n++;
          calls.push({
            id: `DEMO-${String(n).padStart(6, '0')}`,
            agentId: a.id,
            queue: a.queues.includes('vip') && rng() < 0.3 ? 'vip' : (a.queues[Math.floor(rng() * a.queues.length)] ?? DEMO_QUEUES[0]),
            startedAt: at,
            durationS: 60 + Math.floor(rng() * 600),
            recordingUrl: `https://recordings.example.com/${n}.mp3`,
            transferred: rng() < 0.08,
            complaint: rng() < 0.03,
            month: m,
          });
        }
      }
    }
    // this week's calls for the sampling plan / work queue
    const weekStart = now - 4 * DAY;
    const fresh: CallInput[] = agents.slice(0, 60).flatMap((a) =>
      [0, 1, 2].map(() => {
        n++;
        return {
          id: `DEMO-${String(n).padStart(6, '0')}`,
          agentId: a.id,
          queue: a.queues[0] ?? 'general',
          startedAt: weekStart + Math.floor(rng() * 3 * DAY),
          durationS: 60 + Math.floor(rng() * 900),
          recordingUrl: `https://recordings.example.com/${n}.mp3`,
          transferred: rng() < 0.1,
          complaint: rng() < 0.05,
        };
      }),
    );
    await upsertCalls(db, org.centerId, [...calls, ...fresh], now);

    let evaluations = 0;
    const recent: { id: number; agentId: number; evaluator: number }[] = [];
    for (const c of calls) {
      const mi = months.indexOf(c.month);
      const s = Math.min(0.98, skill.get(c.agentId)! + mi * 0.05); // quality improves month by month
      const t = c.queue === 'vip' ? vip : basic;
      const at = Math.min(now - DAY, c.startedAt + DAY);
      const evaluator = rng() < 0.2 ? qaLead : qa;
      const r = await qaCases.evaluate(...as(evaluator, at), {
        callId: c.id,
        templateId: t.id,
        answers: demoAnswers(t.template, s, rng),
        timeSpentS: 240 + Math.floor(rng() * 420),
        comment: rng() < 0.3 ? '整体流程规范，注意语速' : null,
      });
      evaluations++;
      if (now - at < 6 * DAY) recent.push({ id: r.id, agentId: c.agentId, evaluator });
    }
    log(`  ${evaluations} evaluations over ${months.length} months`);

    // disputes: a few decided, a few open
    let disputes = 0;
    let i = 0;
    for (const e of recent) {
      const [user] = await usersOfAgent(db, e.agentId);
      if (user === undefined && i >= 6) continue; // the first few from any agent, then only demo agents who can sign in
      const d = await qaCases
        .openDispute(...as(user ?? qa, now - DAY, ['agent'], e.agentId), {
          evaluationId: e.id,
          itemId: 'accuracy',
          reason: '客户问题已按知识库解答，请复听录音',
        })
        .catch(() => null);
      if (!d) continue;
      disputes++;
      // the QA lead decides, except on their own evaluations: those go to the center manager
      const decider = e.evaluator === qaLead ? as(manager, now - DAY / 2, ['center_manager']) : as(qaLead, now - DAY / 2);
      if (i % 3 === 0) await qaCases.decideDispute(...decider, { disputeId: d.id, decision: 'upheld', note: '复听确认解答完整', newValue: 4 });
      else if (i % 3 === 1) await qaCases.decideDispute(...decider, { disputeId: d.id, decision: 'rejected', note: '遗漏了费用说明' });
      if (++i >= 15) break;
    }

    // a closed calibration
    const calCall = fresh[0]!;
    const { id: cal } = await qaCases.createCalibration(...as(qaLead, now - 2 * DAY), {
      callId: calCall.id,
      templateId: basic.id,
      title: '本周校准：账单咨询',
      evaluatorIds: [qa, qaLead],
    });
    await qaCases.evaluate(...as(qa, now - 2 * DAY), {
      callId: calCall.id,
      templateId: basic.id,
      answers: demoAnswers(basic.template, 0.8, seededRng('cal-a')),
      timeSpentS: 400,
      calibrationId: cal,
    });
    await qaCases.evaluate(...as(qaLead, now - 2 * DAY), {
      callId: calCall.id,
      templateId: basic.id,
      answers: demoAnswers(basic.template, 0.4, seededRng('cal-b')),
      timeSpentS: 380,
      calibrationId: cal,
    });
    await qaCases.closeCalibration(...as(qaLead, now - DAY), cal);

    // this week's work queue
    const q = await qaCases.generateWorkQueue(...as(qa, now), { from: weekStart, to: now, evaluatorIds: [qa, qaLead], seed: 'demo' });
    log(`  ${q.sampled} sampled calls in the QA work queue, ${disputes} disputes`);

    // recording library
    const lib = [
      ['good', '情绪安抚范例：投诉升级前化解', ''],
      ['good', 'VIP 客户个性化服务', ''],
      ['instructive', '核实身份遗漏的风险', '注意：先核实再办理'],
      ['instructive', '长通话：如何控制通话节奏', ''],
    ] as const;
    for (const [i, [tag, title, note]] of lib.entries())
      await qaCases.addToLibrary(...as(qa, now - i * DAY), {
        callId: calls[i * 7]!.id,
        tag,
        title,
        note,
        teamIds: i % 2 ? [org.teamIds[0]!, org.teamIds[1]!] : [],
      });

    // KPI figures typed for the two months before the last full one (before the telephony feed; the
    // second's adherence of team 10 came late and is missing). The last full month has no typed figure:
    // its scorecards come from the facts of the stored history (scorecardsDemo, after the history).
    const last3 = monthRange(shiftMonth(thisMonth, -3), shiftMonth(thisMonth, -1));
    const typed = last3.slice(0, 2);
    const figures: FigureInput[] = [];
    for (const m of typed) {
      for (const a of agents) {
        if (a.hire_date > `${m}-28`) continue;
        const s = skill.get(a.id)!;
        const jitter = () => rng() - 0.5;
        const handled = 900 + Math.floor(rng() * 500);
        const push = (kpi: KpiKey, value: number | null, numerator: number | null = null, denominator: number | null = null) =>
          figures.push({ agentId: a.id, month: m, kpi, value, numerator, denominator });
        push('aht', null, Math.round(handled * (185 - s * 45 + jitter() * 20)), handled);
        const answers = 80 + Math.floor(rng() * 60);
        push('csat', null, Math.min(answers, Math.round(answers * (0.975 + s * 0.02 + jitter() * 0.01))), answers);
        push('complaints', rng() < 0.1 ? 1 : 0);
        push('attendance', null, 22 - (rng() < 0.15 ? 1 : 0), 22);
        if (!(m === typed[1] && a.team_id === org.teamIds[9])) push('adherence', null, Math.round(160 * 3600 * (0.86 + s * 0.1 + jitter() * 0.04)), 160 * 3600);
        const offered = handled + 120;
        push('answerRate', null, Math.round(offered * (0.84 + s * 0.06 + jitter() * 0.02)), offered);
      }
    }
    await upsertFigures(db, org.centerId, figures, 'demo', manager, now);
    for (const m of typed)
      await publishMonth(
        db,
        org.centerId,
        m,
        m === typed[1] ? '十组遵守率数据迟交，补录后重新发布；部分坐席本月无质检抽样' : '部分坐席本月无质检抽样，质检成绩不计入',
        manager,
        now,
      );
    log(`  ${figures.length} KPI figures typed for ${typed.join(', ')}; rankings published`);

    await createContest(
      db,
      org.centerId,
      {
        name: `${last3[2]} 接通率与满意度擂台`,
        from: `${last3[2]}-01`,
        to: `${last3[2]}-28`,
        teamIds: org.teamIds.slice(0, 5),
        kpis: [
          { key: 'answerRate', weight: 60, target: 0.865 },
          { key: 'csat', weight: 40, target: 0.988 },
        ],
      },
      manager,
      now,
    );
    const lead1 = org.userIds.get('lead1')!;
    const a1 = agents.find((a) => a.team_id === org.teamIds[0])!;
    await qaCases.createCoaching(...as(lead1, now - 3 * DAY, ['team_lead']), {
      kind: 'correction',
      agentIds: [a1.id],
      sourceKind: 'item',
      sourceKey: 'accuracy',
      month: last3[2]!,
      goals: '业务解答准确完整，复述客户问题后再答',
      notes: '一对一复听两通录音',
      followUpDate: dateOfInstant(now + 14 * DAY, tz),
    });
    await qaCases.createCoaching(...as(lead1, now - 3 * DAY, ['team_lead']), {
      kind: 'praise',
      agentIds: agents
        .filter((a) => a.team_id === org.teamIds[0])
        .slice(1, 5)
        .map((a) => a.id),
      sourceKind: 'kpi',
      sourceKey: 'csat',
      month: last3[2]!,
      goals: '保持满意率 ≥ 98.8%',
      notes: '班前会表扬',
      followUpDate: dateOfInstant(now + 30 * DAY, tz),
    });
  },
};

/**
 * The last full month's scorecards from the facts of the stored history (issue 11: no typed or CSV
 * figure): computed, checked for gaps and published by the center manager, with a note naming any
 * figure still missing (and why: the facts' reason).
 */
export const scorecardsDemo: DemoSeeder = {
  name: 'monthly scorecards from the facts',
  background: true,
  async seed(ctx, org, log) {
    const db = ctx.store.db;
    const now = ctx.now();
    const month = shiftMonth(dateOfInstant(now, 'Asia/Shanghai').slice(0, 7), -1);
    const manager = org.userIds.get('manager')!;
    const sc = await computeScorecards(db, org.centerId, month, now);
    const missing = new Map<string, number>();
    for (const c of sc.cards) for (const k of c.missing) missing.set(k, (missing.get(k) ?? 0) + 1);
    const label: Record<string, string> = {
      adherence: '遵守率',
      attendance: '出勤率',
      qaScore: '质检成绩',
      csat: '满意率',
      aht: '平均处理时长',
      handled: '接听量',
    };
    const note = missing.size ? `以下指标部分坐席缺数据：${[...missing].map(([k, n]) => `${label[k] ?? k}（${n} 人）`).join('、')}` : '';
    await publishMonth(db, org.centerId, month, note, manager, now);
    log(`  ${month}: ${sc.cards.filter((c) => c.complete).length} of ${sc.cards.length} scorecards complete from the facts; published`);
  },
};
