/** The peer-help demo seeder on its own: the pair and the study group with follow-ups, and agent1's squad. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore } from '../../store/testing';
import { buildApp } from '../../server/app';
import { seedDemoOrg } from '../commands/demo';
import { peerDemo } from './peer';

process.env.CALLFLOOR_SCRYPT_LOG2N ??= '14';

test('the peer-help demo: a pair and a study group in the first team with 3 follow-ups, and a squad led by agent1', async () => {
  const store = await freshStore('sqlite');
  try {
    const now = Date.UTC(2026, 11, 6, 4);
    const { ctx } = await buildApp({ store, webRoot: null, now: () => now });
    const { ids } = await seedDemoOrg(store, now);
    const logs: string[] = [];
    await peerDemo.seed!(ctx, ids, (m) => logs.push(m));
    const plans = await store.db.selectFrom('peer_plans').select(['kind', 'team_id']).orderBy('id').execute();
    assert.deepEqual(
      plans.map((p) => p.kind),
      ['pair', 'group'],
    );
    assert.ok(plans.every((p) => p.team_id === ids.teamIds[0]));
    assert.equal((await store.db.selectFrom('peer_followups').select('id').execute()).length, 3);
    const squad = await store.db.selectFrom('peer_squads').selectAll().executeTakeFirstOrThrow();
    const agent1 = await store.db.selectFrom('users').select('agent_id').where('username', '=', 'agent1').executeTakeFirstOrThrow();
    assert.equal(squad.leader_agent_id, agent1.agent_id);
    assert.equal((await store.db.selectFrom('peer_squad_members').select('agent_id').where('squad_id', '=', squad.id).execute()).length, 3);
    // no schedule was seeded here: no shadowing, said so
    assert.match(logs.join('\n'), /no shadowing/);
  } finally {
    await store.close();
  }
});
