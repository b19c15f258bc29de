/**
 * A team's queue figures of a day are plain sums of the raw queue measures of the queues its agents
 * serve (issue 11): answered within the threshold and the answered calls' wait are added, not rebuilt
 * from ratios; each queue's row is the KPI report's row by queue. Every number is worked out by hand.
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { createAgent, createCenter, createTeam } from '../org';
import { storeEvents } from '../live/ingest';
import { kpiReport } from '../live/reports';
import { teamQueueDay } from './routine';
import type { CallFloorEvent } from '../../core/events';

const H = 3600_000;
const D = '2026-11-02';
// Asia/Shanghai (UTC+8)
const at = (hms: string) => Date.parse(`${D}T${hms}Z`) - 8 * H;

forEachDatabase("a team's queue day: rows by queue and their plain sum", async (_t, store) => {
  const db = store.db;
  const centerId = await createCenter(db, '中心', 'Asia/Shanghai', 0);
  const teamId = await createTeam(db, { centerId, name: 'A组', leadUserId: null }, 0);
  const other = await createTeam(db, { centerId, name: 'B组', leadUserId: null }, 0);
  const agent = (no: string, team: number) =>
    createAgent(db, { centerId, teamId: team, employeeNo: no, name: no, hireDate: '2024-01-01', skillLevel: 'junior', extCode: no }, 0);
  const a1 = await agent('A001', teamId);
  const a2 = await agent('A002', teamId);
  const b1 = await agent('B001', other);
  await db
    .insertInto('agent_queues')
    .values([
      { agent_id: a1, queue: 'general' },
      { agent_id: a2, queue: 'vip' },
      { agent_id: b1, queue: 'other' },
    ])
    .execute();
  let n = 0;
  const e = (hms: string, type: CallFloorEvent['type'], queue: string, callId: string, agent?: string): CallFloorEvent => ({
    id: `e${++n}`,
    ts: at(hms),
    type,
    queue,
    callId,
    ...(agent ? { agent } : {}),
  });
  await storeEvents(store, [
    // general: c1 answered after 10 s (within 20 s), c2 after 30 s, c3 abandoned after 3 s (short)
    e('10:00:00', 'call.enqueued', 'general', 'c1'),
    e('10:00:10', 'call.connected', 'general', 'c1', 'A001'),
    e('10:02:10', 'call.ended', 'general', 'c1'),
    e('10:10:00', 'call.enqueued', 'general', 'c2'),
    e('10:10:30', 'call.connected', 'general', 'c2', 'A001'),
    e('10:12:00', 'call.ended', 'general', 'c2'),
    e('10:20:00', 'call.enqueued', 'general', 'c3'),
    e('10:20:03', 'call.abandoned', 'general', 'c3'),
    // vip: c4 answered after 5 s, c5 abandoned after 40 s
    e('11:00:00', 'call.enqueued', 'vip', 'c4'),
    e('11:00:05', 'call.connected', 'vip', 'c4', 'A002'),
    e('11:03:00', 'call.ended', 'vip', 'c4'),
    e('11:10:00', 'call.enqueued', 'vip', 'c5'),
    e('11:10:40', 'call.abandoned', 'vip', 'c5'),
    // other (team B's queue): not the team's
    e('12:00:00', 'call.enqueued', 'other', 'c6'),
    e('12:00:01', 'call.connected', 'other', 'c6', 'B001'),
    e('12:01:00', 'call.ended', 'other', 'c6'),
  ]);

  const day = await teamQueueDay(db, teamId, D, 'Asia/Shanghai');
  assert.deepEqual(day.queues, ['general', 'vip']);
  // general: offered 3, answered 2, abandoned 0 and short-abandoned 1 (counted apart, DESIGN.md); SL 1 / (3 − 1); asa (10 + 30) / 2
  // vip: offered 2, answered 1, abandoned 1; SL 1 / 2; asa 5
  assert.deepEqual(day.rows, [
    { queue: 'general', offered: 3, answered: 2, abandoned: 0, shortAbandoned: 1, answerRate: 2 / 3, serviceLevel: 0.5, asa: 20 },
    { queue: 'vip', offered: 2, answered: 1, abandoned: 1, shortAbandoned: 0, answerRate: 0.5, serviceLevel: 0.5, asa: 5 },
  ]);
  // the sum: offered 5, answered 3, within the threshold 1 + 1, wait 40 + 5 → SL 2 / (5 − 1), asa 45 / 3
  assert.deepEqual(day.total, { queue: 'total', offered: 5, answered: 3, abandoned: 1, shortAbandoned: 1, answerRate: 3 / 5, serviceLevel: 0.5, asa: 15 });
  assert.equal(day.measures!.answeredWithinSl, 2);
  assert.equal(day.measures!.waitAnswered, 45);
  // each row is the KPI report's row by queue
  const rep = await kpiReport(db, { by: 'queue', centerId, from: at('00:00:00'), to: at('00:00:00') + 24 * H, tz: 'Asia/Shanghai' });
  for (const r of day.rows) {
    const k = rep.rows.find((x) => x.queue === r.queue)!;
    assert.deepEqual([k.offered, k.answered, k.serviceLevel, k.asa], [r.offered, r.answered, r.serviceLevel, r.asa], r.queue);
  }
});
