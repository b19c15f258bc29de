/**
 * The demo's last full month (issue 11): with no CSV upload, every agent on the books has a
 * scorecard with every figure present, or missing only where the data really is missing — and the
 * facts say why (a `reason`). The demo's story keeps one gap on purpose: team 10's adherence of the
 * last full month is late (no published schedule reached the store), so it is missing with
 * `noSchedule` and the month is published with a note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../../store/testing';
import { buildApp } from '../../server/app';
import { seedDemoOrg } from '../commands/demo';
import { peopleDemo } from './people';
import { qaperfSeeder } from './qaperf';
import { computeScorecards } from '../../store/performance/figures';
import { computeFacts, type AgentFactsRow } from '../../store/facts/index';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';

test('the demo gives a complete scorecard for every agent for its last full month (missing only with a reason)', async () => {
  const store = await freshStore('sqlite');
  try {
    const now = Date.UTC(2026, 11, 6, 4); // 2026-12-06 12:00 Asia/Shanghai: the last full month is 2026-11
    const month = '2026-11';
    const { ctx } = await buildApp({ store, webRoot: null, now: () => now });
    const { ids } = await seedDemoOrg(store, now);
    await peopleDemo.seed!(ctx, ids, () => {});
    await qaperfSeeder.seed!(ctx, ids, () => {});

    // who is on the books in November, read straight from the agents table
    const agents = await store.db
      .selectFrom('agents')
      .select(['id', 'team_id', 'hire_date', 'left_date', 'status'])
      .where('center_id', '=', ids.centerId)
      .execute();
    const onBooks = agents.filter((a) => a.hire_date <= '2026-11-30' && (a.status === 'active' || a.left_date === null || a.left_date >= '2026-11-01'));
    const team10 = ids.teamIds[9]!;

    const sc = await computeScorecards(store.db, ids.centerId, month, now);
    assert.deepEqual(
      sc.cards.map((c) => Number(c.agentId)).sort((a, b) => a - b),
      onBooks.map((a) => a.id).sort((a, b) => a - b),
      'a card for every agent on the books',
    );
    const facts = await computeFacts(store.db, ids.centerId, { by: 'agent', month, now });
    const rowOf = new Map((facts.rows as AgentFactsRow[]).map((r) => [String(r.agentId), r]));

    const gaps: string[] = [];
    for (const c of sc.cards) {
      const row = rowOf.get(c.agentId)!;
      for (const l of c.lines) {
        if (l.status === 'notAssessed') continue;
        const f = (row as unknown as Record<string, { value: unknown; reason?: string; source: string }>)[l.key];
        assert.ok(f, `${c.employeeNo} ${l.key}: a fact`);
        if (l.actual === null) {
          assert.equal(l.status, 'missing');
          assert.ok(f.reason, `${c.employeeNo} ${l.key} is missing without a reason`);
          gaps.push(`${l.key}:${f.reason}:${row.teamId === team10 ? 'team10' : 'other'}`);
        } else assert.ok(f.source, `${c.employeeNo} ${l.key}: a source`);
      }
    }
    // the only gap: team 10's late adherence, with its reason
    const team10OnBooks = onBooks.filter((a) => a.team_id === team10).length;
    assert.ok(team10OnBooks > 0);
    assert.deepEqual([...new Set(gaps)], ['adherence:noSchedule:team10']);
    assert.equal(gaps.length, team10OnBooks);
    assert.equal(sc.cards.filter((c) => c.complete).length, onBooks.length - team10OnBooks);
    // every card has a qaScore from the month's evaluations (source qa, not typed)
    for (const c of sc.cards) assert.equal(rowOf.get(c.agentId)!.qaScore.source, 'qa');
  } finally {
    await store.close();
  }
});
