import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createUser } from '../../store/org';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { signIn, testApp, testPasswordHash } from '../testing';

const DAY = 86_400_000;
// 2026-10-05 10:00 Shanghai = 02:00 UTC
const T0 = Date.UTC(2026, 9, 5, 2);

async function setup(store: Parameters<typeof testApp>[0]) {
  let clock = T0 + DAY;
  const t = await testApp(store, { now: () => clock });
  const setClock = (ms: number) => (clock = ms);
  const qa = await t.as('qa');
  const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
  const call = (id: string, agentId: number, at = T0, extra: Record<string, unknown> = {}) => ({
    id,
    agentId,
    queue: 'general',
    startedAt: at,
    durationS: 200,
    recordingUrl: `https://rec.example/${id}.mp3`,
    ...extra,
  });
  return { ...t, qa, tpl, call, setClock };
}

forEachDatabase('scorecard templates: versions, and weights that do not add up are refused naming the field', async (_t, store) => {
  const { qa, tpl, as } = await setup(store);
  assert.equal(tpl.version, 1);
  const bad = fixtureTemplate();
  bad.sections[0]!.items[1]!.weight = 40; // 50 + 40 = 90
  const r = await qa.req('POST', '/api/quality/templates', { template: bad });
  assert.equal(r.status, 400);
  assert.equal(r.body.field, 'template.sections[0].items');
  assert.match(r.body.message, /item weights add up to 90, must be 100/);
  const v2 = await qa.req('POST', '/api/quality/templates', { template: { ...fixtureTemplate(), name: '基本服務質檢表 v2' } });
  assert.equal(v2.body.version, 2);
  const list = (await qa.req('GET', '/api/quality/templates')).body;
  assert.deepEqual(
    list.map((x: any) => [x.version, x.active]),
    [
      [2, true],
      [1, false],
    ],
  );
  // agents may read templates but not write them
  assert.equal((await (await as('a1')).req('POST', '/api/quality/templates', { template: fixtureTemplate() })).status, 403);
});

forEachDatabase('evaluate → agent notified and sees own result → dispute → QA lead decides, score recomputed', async (_t, store) => {
  const { app, ctx, org, qa, tpl, call, as, setClock } = await setup(store);
  await qa.req('POST', '/api/quality/calls', { calls: [call('C1', org.agents.a1), call('C2', org.agents.a1, T0 + 3600_000)] });
  // a recording link must be http(s): it becomes a link on the agent's page
  const js = await qa.req('POST', '/api/quality/calls', { calls: [call('X1', org.agents.a1, T0, { recordingUrl: 'javascript:alert(1)' })] });
  assert.equal(js.body.field, 'body.calls.0.recordingUrl');

  // a call that does not exist
  const missing = await qa.req('POST', '/api/quality/evaluations', { callId: 'NOPE', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 300 });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.field, 'callId');
  assert.match(missing.body.message, /call "NOPE" does not exist/);
  // answers that do not fit name the field
  const wrong = await qa.req('POST', '/api/quality/evaluations', { callId: 'C1', templateId: tpl.id, answers: answers(5, 1, 4, 1), timeSpentS: 300 });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.field, 'answers[0].value');

  const pushed: any[] = [];
  ctx.hub.subscribe(`user:${org.users.a1}`, (_topic, data) => pushed.push(data));
  const a: { itemId: string; value: number | null; comment?: string }[] = answers(1, 1, 3, 1);
  a[0]!.comment = '問候語不完整';
  const ev = await qa.req('POST', '/api/quality/evaluations', { callId: 'C1', templateId: tpl.id, answers: a, timeSpentS: 420, comment: '整體尚可' });
  assert.equal(ev.status, 200, JSON.stringify(ev.body));
  // open: greet 1/2 → 50, verify 100 → 75; biz: accuracy 3/4 → 75, privacy 100 → (70·75 + 30·100)/100 = 82.5
  // total: (40·75 + 60·82.5)/100 = 30 + 49.5 = 79.5
  assert.equal(ev.body.score, 79.5);
  assert.equal((await qa.req('POST', '/api/quality/evaluations', { callId: 'C1', templateId: tpl.id, answers: a, timeSpentS: 1 })).status, 409);
  assert.equal(pushed.length, 1);
  assert.equal(pushed[0].kind, 'qa.evaluated');

  const a1 = await as('a1');
  const notes = (await a1.req('GET', '/api/notifications')).body.items;
  assert.equal(notes[0].kind, 'qa.evaluated');
  assert.equal(notes[0].data.evaluationId, ev.body.id);
  const mine = (await a1.req('GET', `/api/quality/evaluations/${ev.body.id}`)).body;
  assert.equal(mine.comment, '整體尚可');
  assert.equal(mine.answers[0].comment, '問候語不完整');
  assert.equal(mine.timeSpentS, 420);
  assert.equal(mine.call.recording_url, 'https://rec.example/C1.mp3');
  // only their own: a2 (same team) and b1 are refused; the team lead of team A may look
  const peer = await (await as('a2')).req('GET', `/api/quality/evaluations/${ev.body.id}`);
  assert.deepEqual([peer.status, peer.body.reason], [403, 'quality.evaluationHidden']);
  assert.equal((await (await as('b1')).req('GET', `/api/quality/evaluations/${ev.body.id}`)).status, 403);
  assert.equal((await (await as('team_lead')).req('GET', `/api/quality/evaluations/${ev.body.id}`)).status, 200);
  assert.deepEqual((await (await as('a2')).req('GET', '/api/quality/evaluations')).body, []);

  // dispute: another agent cannot, a blank reason cannot
  const other = await (await as('a2')).req('POST', `/api/quality/evaluations/${ev.body.id}/disputes`, { itemId: 'greet', reason: '不是我' });
  assert.equal(other.status, 400);
  assert.equal(other.body.field, 'agentId');
  const blank = await a1.req('POST', `/api/quality/evaluations/${ev.body.id}/disputes`, { itemId: 'greet', reason: ' ' });
  assert.equal(blank.body.field, 'reason');
  const d = await a1.req('POST', `/api/quality/evaluations/${ev.body.id}/disputes`, { itemId: 'greet', reason: '我說了完整問候語，請聽錄音 02:10' });
  assert.equal(d.status, 200, JSON.stringify(d.body));
  const twice = await a1.req('POST', `/api/quality/evaluations/${ev.body.id}/disputes`, { itemId: 'greet', reason: '再次申訴' });
  assert.match(twice.body.message, /already has an open dispute/);

  // the evaluator does not judge their own evaluation; the center manager (QA lead role here) decides
  const self = await qa.req('POST', `/api/quality/disputes/${d.body.id}/decision`, { decision: 'upheld', note: 'x', newValue: 2 });
  assert.deepEqual([self.status, self.body.reason], [403, 'quality.ownEvaluation']);
  const mgr = await as('center_manager');
  const noValue = await mgr.req('POST', `/api/quality/disputes/${d.body.id}/decision`, { decision: 'upheld', note: '錄音確認' });
  assert.equal(noValue.body.field, 'newValue');
  const dec = await mgr.req('POST', `/api/quality/disputes/${d.body.id}/decision`, { decision: 'upheld', note: '錄音確認', newValue: 2 });
  assert.equal(dec.status, 200, JSON.stringify(dec.body));
  // greet 2 → open 100; total (40·100 + 60·82.5)/100 = 40 + 49.5 = 89.5
  assert.deepEqual([dec.body.state, dec.body.scoreBefore, dec.body.score], ['upheld', 79.5, 89.5]);
  const after = (await a1.req('GET', `/api/quality/evaluations/${ev.body.id}`)).body;
  assert.equal(after.result.score, 89.5);
  assert.deepEqual(
    after.answerHistory.map((h: any) => [h.itemId, h.from, h.to]),
    [['greet', 1, 2]],
  );
  assert.deepEqual(
    after.disputes[0].history.map((h: any) => h.state),
    ['open', 'upheld'],
  );
  assert.equal((await a1.req('GET', '/api/notifications')).body.items[0].kind, 'qa.disputeDecided');
  const again = await mgr.req('POST', `/api/quality/disputes/${d.body.id}/decision`, { decision: 'rejected', note: '' });
  assert.match(again.body.message, /already upheld/);

  // a dispute after the window (7 days after notification) is refused with the closing time
  const ev2 = await qa.req('POST', '/api/quality/evaluations', { callId: 'C2', templateId: tpl.id, answers: answers(2, 1, 4, 0), timeSpentS: 200 });
  assert.equal(ev2.body.score, 0); // privacy is fatal and failed, fatalMode zero
  setClock(T0 + DAY + 7 * DAY + 1000);
  const late = await (await signIn(app, 'a1')).req('POST', `/api/quality/evaluations/${ev2.body.id}/disputes`, { itemId: 'privacy', reason: '太晚了' });
  assert.equal(late.status, 400);
  assert.match(late.body.message, /dispute window closed at 2026-10-13T02:00:00.000Z \(7 days after notification\)/);
});

forEachDatabase('calibration is blind until closed, shows spread and deviators, and never counts for the agent', async (_t, store) => {
  const { app, org, qa, tpl, call, as } = await setup(store);
  const hash = await testPasswordHash();
  for (const u of ['qa2', 'qa3']) await createUser(store.db, { username: u, displayName: u, passwordHash: hash, roles: ['qa'], centerId: org.centerId }, T0);
  const qa2 = await signIn(app, 'qa2');
  const qa3 = await signIn(app, 'qa3');
  await qa.req('POST', '/api/quality/calls', { calls: [call('K1', org.agents.a1)] });
  const ids = { qa: org.users.qa, qa2: (await qa2.req('GET', '/api/auth/me')).body.user.id, qa3: (await qa3.req('GET', '/api/auth/me')).body.user.id };
  const s = await qa.req('POST', '/api/quality/calibrations', {
    callId: 'K1',
    templateId: tpl.id,
    title: '十月校準',
    evaluatorIds: [ids.qa, ids.qa2, ids.qa3],
  });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  const score = (c: typeof qa, a: ReturnType<typeof answers>) =>
    c.req('POST', '/api/quality/evaluations', { callId: 'K1', templateId: tpl.id, answers: a, timeSpentS: 100, calibrationId: s.body.id });
  assert.equal((await score(qa, answers(2, 1, 4, 1))).body.score, 100);
  // blind: qa2 sees who submitted, not the scores
  const blind = (await qa2.req('GET', `/api/quality/calibrations/${s.body.id}`)).body;
  assert.equal(blind.evaluations, null);
  assert.equal(blind.report, null);
  assert.deepEqual(
    blind.evaluators.map((e: any) => e.submitted),
    [true, false, false],
  );
  assert.equal((await qa.req('POST', `/api/quality/calibrations/${s.body.id}/close`)).status, 400); // one score only
  await score(qa2, answers(2, 1, 3, 1)); // 89.5
  await score(qa3, answers(1, 1, 1, 1)); // open 75; biz (70·25 + 30·100)/100 = 47.5 → 30 + 28.5 = 58.5
  assert.equal((await score(qa3, answers(1, 1, 1, 1))).status, 409);
  const closed = (await qa.req('POST', `/api/quality/calibrations/${s.body.id}/close`)).body;
  // totals 100, 89.5, 58.5 → median 89.5; deviations +10.5 and −31 exceed 5 points; 0 does not
  assert.deepEqual(
    closed.report.byEvaluator.map((e: any) => [Number(e.evaluatorId), e.deviation, e.deviates]),
    [
      [ids.qa, 10.5, true],
      [ids.qa2, 0, false],
      [ids.qa3, -31, true],
    ],
  );
  // accuracy scores 100, 75, 25: median 75, qa3 is 50 points off (> 25)
  const acc = closed.report.items.find((i: any) => i.itemId === 'accuracy');
  assert.deepEqual([acc.spread.min, acc.spread.max, acc.spread.median], [25, 100, 75]);
  assert.deepEqual(
    acc.byEvaluator.map((e: any) => e.deviates),
    [false, false, true],
  );
  // never counts: the agent sees nothing, the report counts nothing, a regular evaluation is still possible
  const a1 = await as('a1');
  assert.deepEqual((await a1.req('GET', '/api/quality/evaluations')).body, []);
  assert.equal((await a1.req('GET', '/api/notifications')).body.items.length, 0);
  const rep = (await qa.req('GET', '/api/quality/reports?fromMonth=2026-10&toMonth=2026-10&groupBy=agent')).body;
  assert.equal(rep.total.evaluations, 0);
  assert.equal(
    (await qa.req('POST', '/api/quality/evaluations', { callId: 'K1', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 1 })).status,
    200,
  );
});

forEachDatabase(
  'sampling fills the work queue; reports give rates, trend and most-failed items; coaching compares before and after; library is shared by team',
  async (_t, store) => {
    const { app, org, qa, tpl, call, as, setClock } = await setup(store);
    // a1: three calls in the week of 2026-10-05; b1: one call in September
    await qa.req('POST', '/api/quality/calls', {
      calls: [
        call('W1', org.agents.a1),
        call('W2', org.agents.a1, T0 + 1000),
        call('W3', org.agents.a1, T0 + 2000, { durationS: 900 }),
        call('S1', org.agents.b1, Date.UTC(2026, 8, 10, 2)),
      ],
    });
    const gen = await qa.req('POST', '/api/quality/work-queue/generate', { from: '2026-10-05', to: '2026-10-11', evaluatorIds: [org.users.qa] });
    // default plan: 4 random per agent-week; a1 has only 3 calls → all three, S1 is outside the period
    assert.deepEqual([gen.body.considered, gen.body.sampled], [3, 3]);
    const queue = (await qa.req('GET', '/api/quality/work-queue')).body;
    assert.deepEqual(queue.map((q: any) => q.call_id).sort(), ['W1', 'W2', 'W3']);
    assert.ok(queue.find((q: any) => q.call_id === 'W3').reasons.includes('long'));
    assert.equal(
      (await qa.req('POST', '/api/quality/work-queue/generate', { from: '2026-10-05', to: '2026-10-11', evaluatorIds: [org.users.qa] })).body.sampled,
      0,
    );

    const evaluate = (callId: string, a: ReturnType<typeof answers>) =>
      qa.req('POST', '/api/quality/evaluations', { callId, templateId: tpl.id, answers: a, timeSpentS: 60 });
    await evaluate('W1', answers(2, 1, 3, 1)); // 89.5, accuracy failed
    await evaluate('W2', answers(2, 1, 4, 0)); // fatal → 0
    await evaluate('S1', answers(2, 1, 4, 1)); // b1, September, 100
    assert.deepEqual(
      (await qa.req('GET', '/api/quality/work-queue')).body.map((q: any) => q.call_id),
      ['W3'],
    );

    const rep = (await qa.req('GET', '/api/quality/reports?fromMonth=2026-08&toMonth=2026-10&groupBy=agent')).body;
    // October: scores 89.5 and 0 → 44.75; fatal 1/2; non-fatal items scored 3 + 3, failed 1 (accuracy) → 1/6
    const oct = rep.series.find((s: any) => s.month === '2026-10');
    assert.deepEqual([oct.evaluations, oct.averageScore, oct.fatalRate], [2, 44.75, 0.5]);
    assert.ok(Math.abs(oct.nonFatalRate - 1 / 6) < 1e-12);
    // August has no evaluation: missing, not 0
    assert.equal(rep.series[0].averageScore, null);
    // trend through (1, 100) and (2, 44.75): slope −55.25
    assert.ok(Math.abs(rep.trend.averageScore.slope + 55.25) < 1e-9);
    assert.deepEqual(
      rep.mostFailed.map((i: any) => [i.itemId, i.label, i.failed]),
      [
        ['accuracy', '解答準確', 1],
        ['privacy', '洩露客戶資料', 1],
      ],
    );
    // the team lead of team A sees only team A
    const lead = await as('team_lead');
    const leadRep = (await lead.req('GET', '/api/quality/reports?fromMonth=2026-08&toMonth=2026-10&groupBy=agent')).body;
    assert.deepEqual(
      leadRep.groups.map((g: any) => Number(g.key)),
      [org.agents.a1],
    );
    assert.equal((await (await as('a1')).req('GET', '/api/quality/reports')).status, 403);

    // coaching: correction is 1-to-1; before = accuracy fail rate of a1 in October = 1/2 (W2's accuracy passed)
    const two = await lead.req('POST', '/api/quality/coaching', {
      kind: 'correction',
      agentIds: [org.agents.a1, org.agents.a2],
      sourceKind: 'item',
      sourceKey: 'accuracy',
      month: '2026-10',
      goals: '準確解答',
      followUpDate: '2026-10-20',
    });
    assert.equal(two.body.field, 'agentIds');
    const otherTeam = await lead.req('POST', '/api/quality/coaching', {
      kind: 'praise',
      agentIds: [org.agents.b1],
      sourceKind: 'item',
      sourceKey: 'greet',
      month: '2026-10',
      goals: 'x',
      followUpDate: '2026-10-20',
    });
    assert.deepEqual([otherTeam.status, otherTeam.body.reason], [403, 'quality.coachOtherTeam']);
    const c = await lead.req('POST', '/api/quality/coaching', {
      kind: 'correction',
      agentIds: [org.agents.a1],
      sourceKind: 'item',
      sourceKey: 'accuracy',
      month: '2026-10',
      goals: '業務解答準確率 100%',
      followUpDate: '2026-10-20',
    });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    setClock(T0 + 5 * DAY); // sessions last 8 hours: sign in again
    const qaNow = await signIn(app, 'qa');
    await qaNow.req('POST', '/api/quality/evaluations', { callId: 'W3', templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 60 }); // after the session: accuracy passed
    const fu = (await (await signIn(app, 'team_lead')).req('POST', `/api/quality/coaching/${c.body.id}/follow-up`, { note: '已改善' })).body;
    // before 1/2, after 0/1 → change −0.5
    assert.deepEqual([fu.before, fu.after, fu.change], [0.5, 0, -0.5]);
    const a1Coach = (await (await signIn(app, 'a1')).req('GET', '/api/quality/coaching')).body;
    assert.equal(a1Coach.length, 1);
    assert.equal((await (await signIn(app, 'b1')).req('GET', '/api/quality/coaching')).body.length, 0);

    // library: shared with team A → a1 sees it, b1 does not
    await qaNow.req('POST', '/api/quality/library', { callId: 'W3', tag: 'good', title: '長通話安撫範例', teamIds: [org.teamA] });
    assert.equal((await (await signIn(app, 'a1')).req('GET', '/api/quality/library')).body.length, 1);
    assert.equal((await (await signIn(app, 'b1')).req('GET', '/api/quality/library')).body.length, 0);
    assert.equal((await qaNow.req('POST', '/api/quality/library', { callId: 'NOPE', tag: 'good', title: 'x' })).body.field, 'callId');
    // a team lead publishes calls of their own teams only: b1's call S1 (team B) is refused and nothing is stored
    const leadNow = await signIn(app, 'team_lead');
    const other = await leadNow.req('POST', '/api/quality/library', { callId: 'S1', tag: 'good', title: '別組的通話' });
    assert.equal(other.status, 403);
    assert.deepEqual([other.body.field, other.body.reason], ['callId', 'quality.libraryOtherTeam']);
    assert.equal((await qaNow.req('GET', '/api/quality/library')).body.length, 1);
    const own = await leadNow.req('POST', '/api/quality/library', { callId: 'W1', tag: 'instructive', title: '本組的通話', teamIds: [org.teamA] });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal((await qaNow.req('GET', '/api/quality/library')).body.length, 2);
  },
);
