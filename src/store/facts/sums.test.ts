/**
 * Stored sums of agent-days (issue 11, migration 036): a month read twice gives the same facts, the second time
 * from one stored sum per agent; late data that deletes one of an agent's days deletes that agent's sum (the
 * trigger on fact_agent_days) and the next read counts the late data; the figures equal the day-by-day sum.
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../../core/events';
import { forEachDatabase } from '../testing';
import { createAgent, createCenter, createTeam, putSetting } from '../org';
import { storeEvents } from '../live/ingest';
import { computeFacts, type AgentFactsRow } from './index';
import { CSAT_SETTING, gatherFacts, periodParts } from './gather';

const H = 3_600_000;
// Asia/Shanghai (UTC+8)
const at = (d: string, hms: string) => Date.parse(`${d}T${hms}Z`) - 8 * H;

forEachDatabase('stored agent sums: a month is read from one sum per agent, and late data makes the sum go', async (_t, store) => {
  const db = store.db;
  const centerId = await createCenter(db, 'C', 'Asia/Shanghai', 0);
  const teamId = await createTeam(db, { centerId, name: 't', leadUserId: null }, 0);
  const ids: number[] = [];
  for (const [i, code] of ['A001', 'A002'].entries())
    ids.push(
      await createAgent(
        db,
        { centerId, teamId, employeeNo: `E${i + 1}`, name: code, hireDate: '2020-01-01', skillLevel: 'junior', extCode: code, queues: ['general'] },
        0,
      ),
    );
  let n = 0;
  const ev = (d: string, hms: string, type: CallFloorEvent['type'], extra: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
    id: `e${++n}`,
    ts: at(d, hms),
    type,
    ...extra,
  });
  // one call: talk from 09:30:10 to talkEnd, after-call work to acwEnd
  const session = (agent: string, d: string, callId: string, talkEnd: string, acwEnd: string) => [
    ev(d, '09:00:00', 'agent.login', { agent }),
    ev(d, '09:00:00', 'agent.ready', { agent }),
    ev(d, '09:29:50', 'call.enqueued', { queue: 'general', callId }),
    ev(d, '09:30:10', 'call.connected', { queue: 'general', callId, agent, waitS: 20 }),
    ev(d, '09:30:10', 'agent.talking', { agent, queue: 'general' }),
    ev(d, talkEnd, 'call.ended', { queue: 'general', callId, agent }),
    ev(d, talkEnd, 'agent.acw', { agent, queue: 'general' }),
    ev(d, acwEnd, 'agent.ready', { agent }),
    ev(d, '10:00:00', 'agent.logout', { agent }),
  ];
  // A001: 11-02 talk 180 s + acw 50 s, 11-09 talk 100 s + acw 20 s; A002: 11-03 talk 60 s + acw 0 s
  await storeEvents(
    store,
    [
      ...session('A001', '2026-11-02', 'c1', '09:33:10', '09:34:00'),
      ...session('A001', '2026-11-09', 'c2', '09:31:50', '09:32:10'),
      ...session('A002', '2026-11-03', 'c3', '09:31:10', '09:31:10'),
    ],
    { centerId },
  );
  const now = at('2026-12-05', '10:00:00'); // November is closed
  const month = async () => {
    const r = await computeFacts(db, centerId, { by: 'agent', month: '2026-11', now });
    return ids.map((id) => r.rows.find((x) => (x as AgentFactsRow).agentId === id) as AgentFactsRow);
  };
  const sums = async () =>
    (await db.selectFrom('fact_agent_sums').select(['agent_id', 'first_day', 'last_day']).orderBy('agent_id').execute()).map((r) => [
      r.agent_id,
      r.first_day,
      r.last_day,
    ]);

  const first = await month(); // computes and stores the days, then their sums
  // handled / aht by hand: A001 (230 + 120) / 2 = 175 s, A002 60 s
  assert.deepEqual(
    first.map((r) => [r.handled.value, r.aht.value]),
    [
      [2, 175],
      [1, 60],
    ],
  );
  assert.deepEqual(await sums(), [
    [ids[0], '2026-11-01', '2026-11-30'],
    [ids[1], '2026-11-01', '2026-11-30'],
  ]);
  // read again from the sums: the same facts, and the same as the days added up one by one
  assert.deepEqual(await month(), first);
  const g = await gatherFacts(db, centerId, '2026-11-01', '2026-11-30', { now });
  assert.equal(g.sums, undefined, 'not asked for: the days one by one');
  const gs = await gatherFacts(db, centerId, '2026-11-01', '2026-11-30', { now, sums: true });
  assert.equal(gs.days.size, 0, 'every closed day is in a sum');
  for (const id of ids) assert.deepEqual(JSON.parse(JSON.stringify(periodParts(gs, id))), JSON.parse(JSON.stringify(periodParts(g, id))));

  // a late call of A001 on 11-20: its days from there on are deleted, and with them its sum (A002's stays)
  await storeEvents(store, session('A001', '2026-11-20', 'c4', '09:32:10', '09:32:30'), { centerId });
  assert.deepEqual(await sums(), [[ids[1], '2026-11-01', '2026-11-30']]);
  const late = await month();
  // A001: (230 + 120 + 140) / 3 s
  assert.deepEqual(
    late.map((r) => [r.handled.value, r.aht.value]),
    [
      [3, 490 / 3],
      [1, 60],
    ],
  );
  assert.deepEqual(late[1], first[1]);
  assert.equal((await sums()).length, 2, 'built again');

  // a changed setting the days depend on (the CSAT rule): neither the days nor the sums of the old one are used
  const before = (await db.selectFrom('fact_agent_sums').select('conf').execute()).map((r) => r.conf);
  await putSetting(db, centerId, CSAT_SETTING, { satisfiedMin: { '5': 5 }, defaultShare: 1 }, 0);
  assert.deepEqual(
    (await month()).map((r) => r.handled.value),
    [3, 1],
  );
  const after = (await db.selectFrom('fact_agent_sums').select('conf').execute()).map((r) => r.conf);
  assert.equal(after.length, 2);
  assert.ok(
    after.every((c) => !before.includes(c)),
    'the sums were built again with the new settings',
  );
});
