/**
 * The refusals a user meets most in quality and WFM reach the web with a stable reason and its
 * figures (issue 14), so the screen says them in the user's language: evaluation, dispute and
 * calibration state refusals, a leave refusal and forecast refusals. Each is asserted as the body
 * the web reads (status, field, reason, params).
 */
import assert from 'node:assert/strict';
import { answers, fixtureTemplate } from '../../core/quality/fixtures';
import { createAgent, createCenter, createTeam, createUser } from '../../store/org';
import { forEachDatabase } from '../../store/testing';
import { signIn, testApp, testPasswordHash, type Client } from '../testing';

const DAY = 86_400_000;
const H = 3_600_000;
// 2026-10-05 10:00 Shanghai = 02:00 UTC
const T0 = Date.UTC(2026, 9, 5, 2);

const refusal = async (c: Client, method: 'POST' | 'PUT', url: string, body: unknown) => {
  const r = await c.req(method, url, body);
  return { status: r.status, field: r.body.field, reason: r.body.reason, params: r.body.params };
};

const call = (id: string, agentId: number, at = T0) => ({
  id,
  agentId,
  queue: 'general',
  startedAt: at,
  durationS: 200,
  recordingUrl: `https://rec.example/${id}.mp3`,
});

forEachDatabase('evaluation and dispute state refusals carry a reason and its figures', async (_t, store) => {
  let clock = T0 + DAY;
  const { app, org, as } = await testApp(store, { now: () => clock });
  try {
    const qa = await as('qa');
    const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
    await qa.req('POST', '/api/quality/calls', { calls: [call('C1', org.agents.a1), call('C2', org.agents.a1, T0 + H)] });
    const evaluate = (callId: string) =>
      qa.req('POST', '/api/quality/evaluations', { callId, templateId: tpl.id, answers: answers(1, 1, 3, 1), timeSpentS: 60 });
    const ev = await evaluate('C1');
    assert.equal(ev.status, 200, JSON.stringify(ev.body));
    const again = await evaluate('C1');
    assert.deepEqual(
      { status: again.status, field: again.body.field, reason: again.body.reason, params: again.body.params },
      { status: 409, field: 'callId', reason: 'quality.alreadyEvaluated', params: { callId: 'C1', evaluationId: ev.body.id } },
    );

    const disputes = `/api/quality/evaluations/${ev.body.id}/disputes`;
    const a1 = await as('a1');
    // another agent of the team: not theirs to dispute
    assert.deepEqual(await refusal(await as('a2'), 'POST', disputes, { itemId: 'greet', reason: '不是我' }), {
      status: 400,
      field: 'agentId',
      reason: 'quality.disputeNotYourEvaluation',
      params: {},
    });
    assert.deepEqual(await refusal(a1, 'POST', disputes, { itemId: 'greet', reason: ' ' }), {
      status: 400,
      field: 'reason',
      reason: 'input.required',
      params: {},
    });
    assert.deepEqual(await refusal(a1, 'POST', disputes, { itemId: 'nope', reason: '没有这一项' }), {
      status: 400,
      field: 'itemId',
      reason: 'quality.itemNotInScorecard',
      params: { itemId: 'nope' },
    });
    const d = await a1.req('POST', disputes, { itemId: 'greet', reason: '我说了完整问候语' });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    assert.deepEqual(await refusal(a1, 'POST', disputes, { itemId: 'greet', reason: '再次申诉' }), {
      status: 400,
      field: 'itemId',
      reason: 'quality.disputeAlreadyOpen',
      params: { itemId: 'greet' },
    });

    const mgr = await as('center_manager');
    const decision = `/api/quality/disputes/${d.body.id}/decision`;
    assert.deepEqual(await refusal(mgr, 'POST', decision, { decision: 'upheld', note: '录音确认' }), {
      status: 400,
      field: 'newValue',
      reason: 'quality.disputeNeedsValue',
      params: {},
    });
    assert.equal((await mgr.req('POST', decision, { decision: 'upheld', note: '录音确认', newValue: 2 })).status, 200);
    assert.deepEqual(await refusal(mgr, 'POST', decision, { decision: 'rejected', note: '' }), {
      status: 400,
      field: 'disputeId',
      reason: 'quality.disputeDecided',
      params: { state: 'upheld' },
    });

    // notified at T0 + 1 day (2026-10-06 02:00Z); the window is 7 days: it closes 2026-10-13 02:00Z
    const ev2 = await evaluate('C2');
    clock = T0 + 8 * DAY + 1000;
    assert.deepEqual(
      await refusal(await signIn(app, 'a1'), 'POST', `/api/quality/evaluations/${ev2.body.id}/disputes`, { itemId: 'greet', reason: '太晚了' }),
      {
        status: 400,
        field: 'openedAt',
        reason: 'quality.disputeWindowClosed',
        params: { deadline: '2026-10-13T02:00:00.000Z', windowDays: 7 },
      },
    );
  } finally {
    await app.close();
  }
});

forEachDatabase('calibration refusals carry a reason and its figures', async (_t, store) => {
  const { app, org, as } = await testApp(store, { now: () => T0 + DAY });
  try {
    const qa = await as('qa');
    const hash = await testPasswordHash();
    for (const u of ['qa2', 'qa3']) await createUser(store.db, { username: u, displayName: u, passwordHash: hash, roles: ['qa'], centerId: org.centerId }, T0);
    const qa2 = await signIn(app, 'qa2');
    const qa3 = await signIn(app, 'qa3');
    const qa2Id = (await qa2.req('GET', '/api/auth/me')).body.user.id as number;
    const tpl = (await qa.req('POST', '/api/quality/templates', { template: fixtureTemplate() })).body;
    await qa.req('POST', '/api/quality/calls', { calls: [call('K1', org.agents.a1), call('K2', org.agents.a1, T0 + H)] });

    const session = (evaluatorIds: number[]) => ({ callId: 'K1', templateId: tpl.id, title: '十月校准', evaluatorIds });
    assert.deepEqual(await refusal(qa, 'POST', '/api/quality/calibrations', session([org.users.qa!])), {
      status: 400,
      field: 'evaluatorIds',
      reason: 'quality.calibrationTooFewEvaluators',
      params: { min: 2 },
    });
    const unknownUser = qa2Id + 1000;
    assert.deepEqual(await refusal(qa, 'POST', '/api/quality/calibrations', session([org.users.qa!, unknownUser])), {
      status: 400,
      field: 'evaluatorIds',
      reason: 'common.notFound',
      params: { entity: 'user', id: String(unknownUser) },
    });
    const s = await qa.req('POST', '/api/quality/calibrations', session([org.users.qa!, qa2Id]));
    assert.equal(s.status, 200, JSON.stringify(s.body));
    const id = s.body.id as number;
    const close = `/api/quality/calibrations/${id}/close`;
    assert.deepEqual(await refusal(qa, 'POST', close, {}), {
      status: 400,
      field: 'state',
      reason: 'quality.calibrationTooFewScores',
      params: { min: 2, scored: 0 },
    });

    const score = (c: Client, callId = 'K1') =>
      refusal(c, 'POST', '/api/quality/evaluations', { callId, templateId: tpl.id, answers: answers(2, 1, 4, 1), timeSpentS: 100, calibrationId: id });
    assert.deepEqual(await score(qa, 'K2'), {
      status: 400,
      field: 'calibrationId',
      reason: 'quality.calibrationMismatch',
      params: { callId: 'K1', templateId: tpl.id },
    });
    assert.deepEqual(await score(qa3), { status: 400, field: 'calibrationId', reason: 'quality.notCalibrationEvaluator', params: { id } });
    assert.equal((await score(qa)).status, 200);
    assert.deepEqual(await score(qa), { status: 409, field: 'calibrationId', reason: 'quality.calibrationAlreadyScored', params: { id } });
    assert.deepEqual(await refusal(qa, 'POST', close, {}), {
      status: 400,
      field: 'state',
      reason: 'quality.calibrationTooFewScores',
      params: { min: 2, scored: 1 },
    });
    assert.equal((await score(qa2)).status, 200);
    assert.equal((await qa.req('POST', close, {})).status, 200);
    assert.deepEqual(await refusal(qa, 'POST', close, {}), { status: 409, field: 'state', reason: 'quality.calibrationClosed', params: { id } });
    assert.deepEqual(await score(qa3), { status: 409, field: 'calibrationId', reason: 'quality.calibrationClosed', params: { id } });
  } finally {
    await app.close();
  }
});

forEachDatabase('leave and forecast refusals carry a reason and its figures', async (_t, store) => {
  const WS = Date.UTC(2026, 10, 1, 16); // Monday 2026-11-02 00:00 Shanghai
  const { app, as } = await testApp(store, { now: () => WS + 12 * H });
  try {
    const wfm = await as('wfm');
    // an agent of another center is as absent as one that never existed
    const c2 = await createCenter(store.db, '第二中心', 'Asia/Shanghai', WS);
    const team = await createTeam(store.db, { centerId: c2, name: 'C组', leadUserId: null }, WS);
    const other = await createAgent(
      store.db,
      { centerId: c2, teamId: team, employeeNo: 'C001', name: '赵六', hireDate: '2025-01-01', skillLevel: 'junior', queues: ['general'] },
      WS,
    );
    assert.deepEqual(await refusal(wfm, 'POST', '/api/wfm/leave', { agentId: other, date: '2026-11-03' }), {
      status: 400,
      field: 'agentId',
      reason: 'common.notFound',
      params: { entity: 'agent', id: other },
    });

    assert.deepEqual(await refusal(wfm, 'POST', '/api/wfm/forecasts', { queue: 'NOPE', intervalMin: 30 }), {
      status: 400,
      field: 'queue',
      reason: 'wfm.noHistory',
      params: { queue: 'NOPE', intervalMin: 30 },
    });
    // two weeks of half hours with 10 calls each, then an adjustment that ends before it starts
    const rows = Array.from({ length: 2 * 7 * 48 }, (_, k) => ({ ts: WS - 2 * 7 * 24 * H + k * 30 * 60_000, offered: 10, aht: 200 }));
    assert.equal((await wfm.req('POST', '/api/wfm/history', { queue: 'general', intervalMin: 30, rows })).status, 200);
    const adjustments = [{ fromTs: WS + 2 * H, toTs: WS + H, percent: 10 }];
    assert.deepEqual(await refusal(wfm, 'POST', '/api/wfm/forecasts', { queue: 'general', intervalMin: 30, adjustments }), {
      status: 400,
      field: 'adjustments[0].toTs',
      reason: 'input.endBeforeStart',
      params: { from: WS + 2 * H, to: WS + H },
    });
    const holidays = [
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-01', name: '国庆节' },
    ];
    assert.deepEqual(await refusal(wfm, 'PUT', '/api/wfm/holidays', holidays), {
      status: 400,
      field: '1.date',
      reason: 'input.duplicate',
      params: { value: '2026-10-01' },
    });
  } finally {
    await app.close();
  }
});
