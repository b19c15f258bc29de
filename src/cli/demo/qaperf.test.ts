import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../../store/testing';
import { buildApp } from '../../server/app';
import { seedDemoOrg } from '../commands/demo';
import { qaperfSeeder } from './qaperf';
import { listPublications, publishedCards } from '../../store/performance/figures';
import { loadScored } from '../../store/quality/evaluations';
import { listWorkQueue } from '../../store/quality/work';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';

test('the quality and performance demo seeder fills evaluations, a work queue and published rankings', async () => {
  const store = await freshStore('sqlite');
  try {
    const now = Date.UTC(2026, 10, 22, 4);
    const { ctx } = await buildApp({ store, webRoot: null, now: () => now });
    const { ids } = await seedDemoOrg(store, now);
    await qaperfSeeder.seed!(ctx, ids, () => {});
    const evals = await loadScored(store.db, { centerId: ids.centerId });
    assert.ok(evals.length >= 300, `${evals.length} evaluations`);
    assert.ok(evals.every((e) => !e.calibration));
    assert.ok(new Set(evals.map((e) => e.month)).size === 6);
    assert.ok((await listWorkQueue(store.db, ids.centerId, { pending: true })).length > 0);
    assert.deepEqual(
      (await listPublications(store.db, ids.centerId)).map((p) => p.month),
      ['2026-09', '2026-08'],
    ); // the last full month (October) is published from the facts once the history is stored (scorecardsDemo)
    const cards = await publishedCards(store.db, ids.centerId, '2026-09');
    // figures were typed for the agents hired by the 28th
    const hired = await store.db.selectFrom('agents').select(['id', 'team_id']).where('hire_date', '<=', '2026-09-28').execute();
    assert.equal(cards.length, hired.length);
    // team 10's adherence is late in September: missing, never 0
    const late = cards.filter((c) => c.missing.includes('adherence'));
    assert.equal(late.length, hired.filter((a) => a.team_id === ids.teamIds[9]).length);
    assert.ok(late.every((c) => c.lines.find((l) => l.key === 'adherence')!.actual === null));
  } finally {
    await store.close();
  }
});
