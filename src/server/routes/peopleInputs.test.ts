import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp, type Client } from '../testing';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';

// People's inputs from quality and work orders (apart from people.test.ts, which is long enough).
const H = 3600_000;
const DAY = 24 * H;
/** 2026-11-02 (a Monday) 09:00 in Asia/Shanghai (UTC+8) = 01:00Z. */
const MON_0900 = Date.UTC(2026, 10, 2, 1, 0);

async function setup(store: Parameters<typeof testApp>[0]) {
  let clock = MON_0900;
  const t = await testApp(store, { now: () => clock });
  let clients = new Map<string, Client>();
  const as = async (u: string) => {
    if (!clients.has(u)) clients.set(u, await signIn(t.app, u));
    return clients.get(u)!;
  };
  const setClock = (ms: number) => {
    clock = ms;
    clients = new Map();
  };
  return { ...t, as, setClock };
}

forEachDatabase("the briefing reads yesterday's QA results and the open work orders of the team; skill levels read the QA average", async (_t, store) => {
  const { app, org, as, setClock } = await setup(store);
  try {
    const SUN_1000 = MON_0900 - DAY + H;
    setClock(SUN_1000);
    const qa = await as('qa');
    const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
    // S*: Sunday's calls; M*: Monday's (an evaluation counts on its call's day: the facts' rule)
    const call = (id: string, agentId: number, startedAt = SUN_1000 - H) => ({ id, agentId, queue: 'general', startedAt, durationS: 200 });
    await qa.req('POST', '/api/quality/calls', {
      calls: [
        call('S1', org.agents.a1),
        call('S2', org.agents.a2),
        call('S3', org.agents.b1),
        call('M1', org.agents.a1, MON_0900 - H),
        call('M2', org.agents.a1, MON_0900 - H),
      ],
    });
    const score = async (callId: string, a: ReturnType<typeof answers>) =>
      (await qa.req('POST', '/api/quality/evaluations', { callId, templateId: tpl.id, answers: a, timeSpentS: 60 })).body.score;
    // Sunday (yesterday for Monday's briefing): a1 79.5, a2 fatal 0, b1 (team B) 100
    // a1: open (50·½ + 50·1) = 75, biz 70·¾ + 30·1 = 82.5 → 0.4·75 + 0.6·82.5 = 79.5
    assert.deepEqual([await score('S1', answers(1, 1, 3, 1)), await score('S2', answers(2, 1, 4, 0)), await score('S3', answers(2, 1, 4, 1))], [79.5, 0, 100]);
    // work orders: a1's urgent escalation (due 30 min later, Sunday 10:30), b1's (team B)
    const a1wo = (await (await as('a1')).req('POST', '/api/workorders', { type: 'escalation', priority: 'urgent', category: '故障', title: '大面积停气' })).body
      .id;
    await (await as('b1')).req('POST', '/api/workorders', { type: 'escalation', priority: 'urgent', category: '故障', title: 'B组工单' });

    // Monday 08:30: a2 raises a high escalation (due 2 h later, 10:30, not overdue at 09:00); QA scores a1's calls of today (not in the briefing)
    setClock(MON_0900 - 30 * 60_000);
    await (await as('a2')).req('POST', '/api/workorders', { type: 'escalation', priority: 'high', category: '賬務', title: '账单疑问' });
    const qa2 = await as('qa');
    assert.equal(
      (await qa2.req('POST', '/api/quality/evaluations', { callId: 'M1', templateId: tpl.id, answers: answers(1, 1, 4, 1), timeSpentS: 60 })).body.score,
      90,
    );
    assert.equal(
      (await qa2.req('POST', '/api/quality/evaluations', { callId: 'M2', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 60 })).body.score,
      100,
    );

    setClock(MON_0900);
    const b = (await (await as('team_lead')).req('GET', '/api/people/briefing')).body;
    // yesterday: 2 evaluations of team A, (79.5 + 0) / 2 = 39.75, 1 fatal; coaching: the fatal one first, then 79.5 < 80
    assert.deepEqual([b.qa.count, b.qa.average, b.qa.fatal], [2, 39.75, 1]);
    assert.deepEqual(
      b.qa.coach.map((c: any) => [c.name, c.score, c.fatalFailed]),
      [
        ['王芳', 0, true],
        ['李娜', 79.5, false],
      ],
    );
    assert.equal(b.workOrders.open, 2);
    assert.deepEqual(
      b.workOrders.overdue.map((o: any) => [Number(o.id), o.title, o.dueAt]),
      [[a1wo, '大面积停气', new Date(SUN_1000 + 30 * 60_000).toISOString()]],
    );
    assert.ok(b.highlights.includes('昨日质检致命项1条') && b.highlights.includes('超时未结工单1张'), JSON.stringify(b.highlights));
    // an agent sees the team's counts and their own coaching line only
    const mine = (await (await as('a2')).req('GET', '/api/people/briefing')).body;
    assert.deepEqual([mine.qa.count, mine.qa.coach.length, mine.workOrders.open, mine.workOrders.overdue.length], [2, 1, 2, 0]);

    // skill level input: a1's QA average over all evaluations (79.5 + 90 + 100) / 3 = 89.83
    const rec = (await (await as('team_lead')).req('GET', `/api/people/agents/${org.agents.a1}/record`)).body;
    assert.equal(rec.qaAvg, 89.83);
    assert.equal((await (await as('team_lead')).req('GET', `/api/people/agents/${org.agents.a2}/record`)).body.qaAvg, 0);
  } finally {
    await app.close();
  }
});
