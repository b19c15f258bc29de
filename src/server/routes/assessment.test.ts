import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { createCenter, createUser } from '../../store/org';
import { signIn, testApp, testPasswordHash } from '../testing';

type P = { id: number; code: string; dimension: string; weight: number; text: string; kpi: string | null };

forEachDatabase(
  'self-assessment: levels per dimension by the weighted-mean rule, refusals by field, gaps seen by editors and their owners, another center’s round is 404',
  async (_t, store) => {
    const now = Date.UTC(2026, 11, 6, 2);
    const { app, org, as } = await testApp(store, { now: () => now });
    const manager = await as('center_manager');

    // the starting checklist: 35 points in zh-CN, 7 under each dimension
    const cl = (await manager.req('GET', '/api/assessment/checklist')).body as { levels: string[]; points: P[]; owners: { id: number; name: string }[] };
    assert.equal(cl.points.length, 35);
    assert.equal(cl.levels.length, 7);
    for (const d of ['strategy', 'people', 'process', 'platform', 'performance']) assert.equal(cl.points.filter((p) => p.dimension === d).length, 7, d);
    assert.ok(cl.points.every((p) => /\p{Script=Han}/u.test(p.text)));
    // owners: the center's readers (no agent, no expert seat)
    const ownerIds = cl.owners.map((o) => o.id).sort((a, b) => a - b);
    const readers = ['admin', 'center_manager', 'duty_manager', 'team_lead', 'qa', 'wfm', 'trainer'].map((u) => org.users[u]!).sort((a, b) => a - b);
    assert.deepEqual(ownerIds, readers);
    const pt = (code: string) => cl.points.find((p) => p.code === code)!;

    const made = await manager.req('POST', '/api/assessment/rounds', { date: '2026-11-20', targetLevel: 3 });
    assert.equal(made.status, 200);
    const roundId = made.body.id as number;
    assert.equal(made.body.assessorId, org.users.center_manager);

    // a level out of range is refused naming the field; nothing is stored
    const bad = await manager.req('PUT', `/api/assessment/rounds/${roundId}/scores`, {
      scores: [
        { pointId: pt('S1').id, level: 4, evidence: '' },
        { pointId: pt('S2').id, level: 7, evidence: '' },
      ],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'body.scores.1.level');
    assert.equal(bad.body.reason, 'input.tooBig');
    const neg = await manager.req('PUT', `/api/assessment/rounds/${roundId}/scores`, { scores: [{ pointId: pt('S1').id, level: -1, evidence: '' }] });
    assert.equal(neg.status, 400);
    assert.equal(neg.body.field, 'body.scores.0.level');
    const unknown = await manager.req('PUT', `/api/assessment/rounds/${roundId}/scores`, { scores: [{ pointId: 999999, level: 1, evidence: '' }] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.field, 'body.scores.0.pointId');
    assert.equal(unknown.body.reason, 'assessment.unknownPoint');
    assert.equal((await manager.req('GET', `/api/assessment/rounds/${roundId}`)).body.round.scored, 0);

    // weights of the starter checklist: S1 S2 P1 P2 R1 T1 T2 K1 K3 weigh 2, the others 1
    const scores: [string, number | null][] = [
      ['S1', 4],
      ['S2', 2],
      ['S3', 3],
      ['S4', null], // (2·4 + 2·2 + 1·3) / 5 = 15/5 = 3   → 3 (N/A left out)
      ['P1', 1],
      ['P2', 2],
      ['P3', 5], //             (2·1 + 2·2 + 1·5) / 5 = 11/5 = 2.2 → 2
      ['R1', 3],
      ['R2', 4], //                        (2·3 + 1·4) / 3 = 10/3 = 3.33     → 3
      ['T1', 6],
      ['T2', 5], //                        (2·6 + 2·5) / 4 = 22/4 = 5.5      → 5
      ['K1', 0],
      ['K3', 1],
      ['K2', 6], //             (2·0 + 2·1 + 1·6) / 5 = 8/5 = 1.6  → 1
    ];
    assert.deepEqual(
      scores.filter(([c]) => pt(c).weight === 2).map(([c]) => c),
      ['S1', 'S2', 'P1', 'P2', 'R1', 'T1', 'T2', 'K1', 'K3'],
    );
    const saved = await manager.req('PUT', `/api/assessment/rounds/${roundId}/scores`, {
      scores: scores.map(([c, level]) => ({ pointId: pt(c).id, level, evidence: `${c} 的证据` })),
    });
    assert.equal(saved.status, 200);
    const expected = { strategy: 3, people: 2, process: 3, platform: 5, performance: 1 };
    assert.deepEqual(saved.body.levels, expected);
    assert.equal(saved.body.overall, 1); // the lowest dimension
    assert.equal(saved.body.scored, 14);

    // the round: gaps are the points scored below 3 (S3 at 3 is not, S4 N/A is not)
    const view = (await manager.req('GET', `/api/assessment/rounds/${roundId}`)).body;
    assert.deepEqual(
      view.points
        .filter((p: { isGap: boolean }) => p.isGap)
        .map((p: { code: string }) => p.code)
        .sort(),
      ['K1', 'K3', 'P1', 'P2', 'S2'],
    );
    assert.equal(view.points.find((p: { code: string }) => p.code === 'S1').evidence, 'S1 的证据');
    // a linked figure is the center's month so far as GET /api/facts answers it (the one function behind both)
    const r1 = view.points.find((p: { code: string }) => p.code === 'R1');
    assert.equal(r1.figure.kpi, 'qaScore');
    assert.equal(r1.figure.month, '2026-12');
    const facts = (await manager.req('GET', '/api/facts?by=team&month=2026-12')).body;
    assert.equal(r1.figure.value, facts.total.qaScore.value);
    assert.equal(r1.figure.reason, facts.total.qaScore.reason);
    assert.equal(view.points.find((p: { code: string }) => p.code === 'S1').figure, null);

    // gaps: only below-target points, owned by a reader of the center
    const notGap = await manager.req('PUT', `/api/assessment/rounds/${roundId}/gaps`, {
      pointId: pt('S3').id,
      ownerId: org.users.team_lead,
      dueDate: '2026-12-31',
    });
    assert.equal(notGap.status, 400);
    assert.equal(notGap.body.reason, 'assessment.notAGap');
    assert.equal(notGap.body.field, 'body.pointId');
    const agentOwner = await manager.req('PUT', `/api/assessment/rounds/${roundId}/gaps`, {
      pointId: pt('S2').id,
      ownerId: org.users.a1,
      dueDate: '2026-12-31',
    });
    assert.equal(agentOwner.status, 400);
    assert.equal(agentOwner.body.reason, 'assessment.notAReader');
    assert.equal(agentOwner.body.field, 'body.ownerId');
    const gap = await manager.req('PUT', `/api/assessment/rounds/${roundId}/gaps`, {
      pointId: pt('S2').id,
      ownerId: org.users.team_lead,
      dueDate: '2026-12-31',
    });
    assert.equal(gap.status, 200);
    assert.equal(gap.body.status, 'open');
    assert.equal(gap.body.ownerName, 'team_lead 用户');
    assert.equal(gap.body.level, 2);
    assert.equal(gap.body.targetLevel, 3);
    // the owner is told (the bell; their channels too)
    const bell = (await (await as('team_lead')).req('GET', '/api/notifications')).body;
    const told = bell.items.filter((n: { kind: string }) => n.kind === 'assessment.gapAssigned');
    assert.equal(told.length, 1);
    assert.deepEqual(told[0].data, { code: 'S2', dueDate: '2026-12-31', roundId });

    // the gap list: every gap for the manager, own gaps for the others
    const lead = await as('team_lead');
    const qa = await as('qa');
    assert.deepEqual(
      (await manager.req('GET', '/api/assessment/gaps')).body.map((g: { code: string }) => g.code),
      ['S2'],
    );
    assert.deepEqual(
      (await lead.req('GET', '/api/assessment/gaps')).body.map((g: { code: string }) => g.code),
      ['S2'],
    );
    assert.deepEqual((await qa.req('GET', '/api/assessment/gaps')).body, []);
    assert.deepEqual((await qa.req('GET', `/api/assessment/rounds/${roundId}`)).body.gaps, []);
    assert.equal((await lead.req('GET', `/api/assessment/rounds/${roundId}`)).body.gaps.length, 1);
    // the owner moves it on; someone else may not
    const theirs = await qa.req('PATCH', `/api/assessment/gaps/${gap.body.id}`, { status: 'done' });
    assert.equal(theirs.status, 403);
    assert.equal(theirs.body.reason, 'assessment.notGapOwner');
    const moved = await lead.req('PATCH', `/api/assessment/gaps/${gap.body.id}`, { status: 'done', note: '已制定年度目标分解表' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.status, 'done');
    assert.deepEqual((await lead.req('GET', '/api/assessment/gaps')).body, []); // done: out of the open list
    assert.equal((await lead.req('GET', '/api/assessment/gaps?all=1')).body.length, 1);
    // readers do not edit; agents have no access
    assert.equal(
      (await lead.req('PUT', `/api/assessment/rounds/${roundId}/scores`, { scores: [{ pointId: pt('S1').id, level: 1, evidence: '' }] })).status,
      403,
    );
    assert.equal((await (await as('a1')).req('GET', '/api/assessment/checklist')).status, 403);
    assert.equal((await (await as('expert')).req('GET', '/api/assessment/rounds')).status, 403);

    // over time: a second round; the list is oldest first with each round's levels
    const second = (await manager.req('POST', '/api/assessment/rounds', { date: '2026-12-05', targetLevel: 4 })).body;
    await manager.req('PUT', `/api/assessment/rounds/${second.id}/scores`, { scores: [{ pointId: pt('S1').id, level: 5, evidence: '' }] });
    const list = (await lead.req('GET', '/api/assessment/rounds')).body;
    assert.deepEqual(
      list.map((r: { date: string; levels: Record<string, number | null> }) => [r.date, r.levels.strategy, r.levels.people]),
      [
        ['2026-11-20', 3, 2],
        ['2026-12-05', 5, null],
      ],
    );

    // the checklist is the center's own: a new point takes the next code of its dimension
    const added = await manager.req('POST', '/api/assessment/points', {
      dimension: 'strategy',
      text: '中心有客户体验改进的年度计划',
      weight: 1.5,
      kpi: 'csat',
      active: true,
    });
    assert.equal(added.status, 200);
    assert.equal(added.body.code, 'S8');
    assert.equal(added.body.weight, 1.5);
    const badKpi = await manager.req('POST', '/api/assessment/points', { dimension: 'strategy', text: 'x', weight: 1, kpi: 'noSuchFigure', active: true });
    assert.equal(badKpi.status, 400);
    assert.equal(badKpi.body.field, 'body.kpi');

    // another center's round is absent
    const other = await createCenter(store.db, '第二中心', 'Asia/Shanghai', now);
    await createUser(
      store.db,
      { username: 'mgr2', displayName: '二中心经理', passwordHash: await testPasswordHash(), roles: ['center_manager'], centerId: other },
      now,
    );
    const mgr2 = await signIn(app, 'mgr2');
    const theirRound = (await mgr2.req('POST', '/api/assessment/rounds', { date: '2026-12-01', targetLevel: 3 })).body;
    const cross = await manager.req('GET', `/api/assessment/rounds/${theirRound.id}`);
    assert.equal(cross.status, 404);
    assert.equal(cross.body.reason, 'common.notFound');
    assert.equal((await mgr2.req('GET', `/api/assessment/rounds/${roundId}`)).status, 404);
    assert.equal(
      (await mgr2.req('PUT', `/api/assessment/rounds/${roundId}/scores`, { scores: [{ pointId: pt('S1').id, level: 1, evidence: '' }] })).status,
      404,
    );
    assert.equal((await mgr2.req('GET', '/api/assessment/rounds')).body.length, 1);
    await app.close();
  },
);
