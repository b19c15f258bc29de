/**
 * The late-data race of the stored agent-days (issue 11): late events stored while a missing day is
 * being computed must not leave that day stored stale. The computation's hook (after computing, before
 * storing) stores the late batch — a deterministic interleaving — and the day read afterwards counts it.
 * Without the claim check the day would be stored from the inputs before the batch (handled null).
 */
import assert from 'node:assert/strict';
import type { CallFloorEvent } from '../../core/events';
import { forEachDatabase } from '../testing';
import { createAgent, createCenter, createTeam } from '../org';
import { storeEvents } from '../live/ingest';
import { computeFacts, type AgentFactsRow } from './index';
import { gatherFacts } from './gather';

const H = 3_600_000;
// Asia/Shanghai (UTC+8)
const at = (d: string, hms: string) => Date.parse(`${d}T${hms}Z`) - 8 * H;
const D = '2026-11-02';
const D2 = '2026-11-03';

forEachDatabase('stored agent-days: a late batch stored while its day is computed is not lost (the day is computed again)', async (_t, store) => {
  const db = store.db;
  const centerId = await createCenter(db, 'C', 'Asia/Shanghai', 0);
  const teamId = await createTeam(db, { centerId, name: 't', leadUserId: null }, 0);
  const a1 = await createAgent(
    db,
    { centerId, teamId, employeeNo: 'E1', name: 'a1', hireDate: '2020-01-01', skillLevel: 'junior', extCode: 'A001', queues: ['general'] },
    0,
  );
  let n = 0;
  const ev = (d: string, hms: string, type: CallFloorEvent['type'], extra: Partial<CallFloorEvent> = {}): CallFloorEvent => ({
    id: `r${++n}`,
    ts: at(d, hms),
    type,
    ...extra,
  });
  // one call on a day: talk `talk` s from 09:30:10, then 20 s of after-call work
  const session = (d: string, callId: string, talkEnd: string, acwEnd: string) => [
    ev(d, '09:00:00', 'agent.login', { agent: 'A001' }),
    ev(d, '09:00:00', 'agent.ready', { agent: 'A001' }),
    ev(d, '09:29:50', 'call.enqueued', { queue: 'general', callId }),
    ev(d, '09:30:10', 'call.connected', { queue: 'general', callId, agent: 'A001', waitS: 20 }),
    ev(d, '09:30:10', 'agent.talking', { agent: 'A001', queue: 'general' }),
    ev(d, talkEnd, 'call.ended', { queue: 'general', callId, agent: 'A001' }),
    ev(d, talkEnd, 'agent.acw', { agent: 'A001', queue: 'general' }),
    ev(d, acwEnd, 'agent.ready', { agent: 'A001' }),
    ev(d, '10:00:00', 'agent.logout', { agent: 'A001' }),
  ];
  // D: talk 180 s + acw 50 s = aht 230 s; D2 has nothing yet
  await storeEvents(store, session(D, 'c1', '09:33:10', '09:34:00'), { centerId });
  const now = at('2026-11-20', '10:00:00'); // both days closed: they are stored when read

  // the first computation of D and D2 finishes; before it stores them, D2's late batch arrives
  // (talk 100 s + acw 20 s = aht 120 s)
  const attempts: number[] = [];
  await gatherFacts(db, centerId, D, D2, {
    now,
    daysHooks: {
      computed: async (attempt) => {
        attempts.push(attempt);
        if (attempt === 1) await storeEvents(store, session(D2, 'c2', '09:31:50', '09:32:10'), { centerId });
      },
    },
  });
  // the late batch took the claims of both days (D's logged-out state is closed by D2's login): computed twice
  assert.deepEqual(attempts, [1, 2]);

  const rows = await db.selectFrom('fact_agent_days').select(['day', 'claim']).where('agent_id', '=', a1).orderBy('day').execute();
  assert.deepEqual(
    rows.map((r) => [r.day, r.claim]),
    [
      [D, null],
      [D2, null],
    ],
  );
  // read back from the stored rows: D2 counts the late call, D is as it was
  const day = async (d: string) => {
    const r = (await computeFacts(db, centerId, { by: 'agent', day: d, now })).rows.find((x) => (x as AgentFactsRow).agentId === a1) as AgentFactsRow;
    return [r.handled.value, r.aht.value];
  };
  assert.deepEqual(await day(D2), [1, 120]);
  assert.deepEqual(await day(D), [1, 230]);
});
