/**
 * Limits under concurrency (issue 10, finding 2): a balance (team fund, points) is checked and written
 * as one serialised step, so 20 simultaneous requests through the API (PostgreSQL: the pool's
 * connections run them in parallel) can never take it below 0; the refused ones get 409 with a reason.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../store/testing';
import { testApp } from '../testing';

forEachDatabase('limits: 20 concurrent team-fund spendings of 60 % of the balance → one succeeds, the rest 409, balance ≥ 0', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const lead = await as('team_lead');
    // 3000 fen in team A's fund (a contribution booked directly: the setup, not what is tested)
    await store.db
      .insertInto('people_fund_entries')
      .values({
        team_id: org.teamA,
        kind: 'contribution',
        amount_fen: 3000,
        at: Date.UTC(2026, 10, 1),
        violation_id: null,
        agent_id: org.agents.a1,
        receipt_ref: null,
        description: null,
        recorded_by: org.users.team_lead,
      })
      .execute();
    // 60 % of 3000 = 1800; 3000 holds one such spending (3000 − 1800 = 1200 < 1800)
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        lead.req('POST', '/api/people/fund/spending', { teamId: org.teamA, amountFen: 1800, receiptRef: `RC-${i}`, description: '团建' }),
      ),
    );
    const ok = res.filter((r) => r.status === 200);
    const refused = res.filter((r) => r.status === 409);
    assert.equal(ok.length, 1, JSON.stringify(res.map((r) => r.status)));
    assert.equal(refused.length, 19);
    for (const r of refused) {
      assert.equal(r.body.reason, 'people.fundInsufficient');
      assert.equal(r.body.field, 'amountFen');
    }
    const fund = (await lead.req('GET', `/api/people/fund?teamId=${org.teamA}`)).body;
    assert.deepEqual([fund.contributedFen, fund.spentFen, fund.balanceFen], [3000, 1800, 1200]);
    assert.equal(fund.entries.length, 2, 'the refused spendings stored nothing');
  } finally {
    await app.close();
  }
});

forEachDatabase('limits: 20 concurrent points redemptions, then 20 concurrent approvals → never below 0', async (_t, store) => {
  const { app, org, as } = await testApp(store);
  try {
    const a1 = await as('a1');
    const wfm = await as('wfm');
    const agentId = org.agents.a1;
    await store.db
      .insertInto('wfm_points')
      .values({ agent_id: agentId, points: 100, ts: Date.UTC(2026, 9, 1), reason: 'holiday hours', rule_id: 'h', ref: 'seed', created_by: null })
      .execute();

    // requests: 60 of 100 available → one fits (100 − 60 = 40 < 60)
    const asks = await Promise.all(Array.from({ length: 20 }, () => a1.req('POST', '/api/wfm/redemptions', { points: 60, kind: 'leave', note: '调休' })));
    assert.deepEqual(
      [asks.filter((r) => r.status === 200).length, asks.filter((r) => r.status === 409).length],
      [1, 19],
      JSON.stringify(asks.map((r) => r.status)),
    );
    for (const r of asks.filter((x) => x.status === 409)) assert.deepEqual([r.body.reason, r.body.field], ['wfm.pointsInsufficient', 'points']);
    const id = asks.find((r) => r.status === 200)!.body.id;

    // 20 simultaneous approvals of that one request: booked once
    const same = await Promise.all(Array.from({ length: 20 }, () => wfm.req('POST', `/api/wfm/redemptions/${id}/decide`, { approve: true })));
    assert.equal(same.filter((r) => r.status === 200).length, 1, JSON.stringify(same.map((r) => r.status)));
    assert.equal(same.filter((r) => r.status === 409).length, 19);
    let pts = (await a1.req('GET', '/api/wfm/points')).body;
    assert.equal(pts.balances[0].balance, 40);

    // 20 pending requests of 30 each that were valid when asked (written directly, as if a correction
    // had lowered the balance since): approved all at once, only floor(40 / 30) = 1 can be booked
    for (let i = 0; i < 20; i++)
      await store.db
        .insertInto('wfm_redemptions')
        .values({ agent_id: agentId, points: 30, kind: 'gift', note: `g${i}`, status: 'pending', requested_at: Date.UTC(2026, 10, 1) })
        .execute();
    const pending = (await wfm.req('GET', '/api/wfm/redemptions')).body.filter((r: any) => r.status === 'pending');
    assert.equal(pending.length, 20);
    const dec = await Promise.all(pending.map((r: any) => wfm.req('POST', `/api/wfm/redemptions/${r.id}/decide`, { approve: true })));
    assert.equal(dec.filter((r) => r.status === 200).length, 1, JSON.stringify(dec.map((r) => r.status)));
    const short = dec.filter((r) => r.status === 409);
    assert.equal(short.length, 19);
    for (const r of short) assert.equal(r.body.reason, 'wfm.pointsInsufficient');
    pts = (await a1.req('GET', '/api/wfm/points')).body;
    assert.equal(pts.balances[0].balance, 10); // 100 − 60 − 30
    assert.equal(
      (await wfm.req('GET', '/api/wfm/redemptions')).body.filter((r: any) => r.status === 'pending').length,
      19,
      'refused approvals changed nothing',
    );
  } finally {
    await app.close();
  }
});
