import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase } from '../testing';
import { sharedData } from '../../../test/sharedData';
import { importText, type ImportSink } from '../../ingest/import';
import { createAgent, createCenter, createTeam } from '../org';
import type { Store } from '../db';
import { flushAgentStates, storeEvents } from './ingest';
import { touchedSegments } from './qaCalls';
import type { CallFloorEvent } from '../../core/events';

const PWC = sharedData('pwc_call_center/Call-Center-Dataset.csv');
const NOW = Date.UTC(2026, 0, 1);

const sink = (store: Store): ImportSink => ({
  async store(events) {
    const r = await storeEvents(store, events);
    return { accepted: r.accepted.length, duplicates: r.duplicates };
  },
  finish: (ts) => flushAgentStates(store, ts),
});

async function org(store: Store, codes: string[]) {
  const centerId = await createCenter(store.db, 'c', 'UTC', NOW);
  const teamId = await createTeam(store.db, { centerId, name: 't', leadUserId: null }, NOW);
  const ids: Record<string, number> = {};
  for (const [i, code] of codes.entries())
    ids[code] = await createAgent(
      store.db,
      { centerId, teamId, employeeNo: `E${i}`, name: code, hireDate: '2020-01-01', skillLevel: 'junior', extCode: code, queues: [] },
      NOW,
    );
  return { centerId, ids };
}

const qaRows = (store: Store) => store.db.selectFrom('qa_calls').selectAll().orderBy('id').execute();

forEachDatabase('qa calls from ingest: queue_log fixture with a transfer, an abandon and an unknown agent', async (_t, store) => {
  const { ids } = await org(store, ['1001', '1002']);
  // call c1: 1001 answers at 100 s, transfers at 160 s; 1002 answers at 170 s, caller hangs up at 230 s
  // call c2: abandoned; call c3: answered by 9999 (not in the directory); call c4: 1002 answers, still talking
  const log =
    [
      '1000|c1|sales|NONE|ENTERQUEUE||111',
      '1010|c1|sales|Agent/1001|CONNECT|10|c1.1|0',
      '1070|c1|sales|Agent/1001|BLINDTRANSFER|2000@ctx|10|60',
      '1075|c1|support|NONE|ENTERQUEUE||111',
      '1080|c1|support|Agent/1002|CONNECT|5|c1.2|0',
      '1140|c1|support|Agent/1002|COMPLETECALLER|5|60',
      '1200|c2|sales|NONE|ENTERQUEUE||222',
      '1230|c2|sales|NONE|ABANDON|1|1|30',
      '1300|c3|sales|NONE|ENTERQUEUE||333',
      '1302|c3|sales|Agent/9999|CONNECT|2|c3.1|0',
      '1400|c3|sales|Agent/9999|COMPLETEAGENT|2|98',
      '1500|c4|sales|NONE|ENTERQUEUE||444',
      '1503|c4|sales|Agent/1002|CONNECT|3|c4.1|0',
    ].join('\n') + '\n';
  await importText('queue_log', log, sink(store));
  const expected = [
    { id: 'c1', agent_id: ids['1001'], queue: 'sales', started_at: 1010_000, duration_s: 60, transferred: 1, complaint: 0, recording_url: null },
    { id: 'c1#2', agent_id: ids['1002'], queue: 'support', started_at: 1080_000, duration_s: 60, transferred: 0, complaint: 0, recording_url: null },
  ];
  const pick = (rows: any[]) =>
    rows.map((r) => ({
      id: r.id,
      agent_id: r.agent_id,
      queue: r.queue,
      started_at: Number(r.started_at),
      duration_s: r.duration_s,
      transferred: r.transferred,
      complaint: r.complaint,
      recording_url: r.recording_url,
    }));
  assert.deepEqual(pick(await qaRows(store)), expected);
  // QA flags a complaint; a re-import changes nothing and keeps it
  await store.db.updateTable('qa_calls').set({ complaint: 1 }).where('id', '=', 'c1').execute();
  await importText('queue_log', log, sink(store));
  assert.deepEqual(pick(await qaRows(store)), [{ ...expected[0]!, complaint: 1 }, expected[1]]);
  // c4 ends in a later batch: now it is evaluable (connected 1503 → ended 1563)
  await importText('queue_log', '1563|c4|sales|Agent/1002|COMPLETEAGENT|3|60\n', sink(store));
  const c4 = (await qaRows(store)).find((r) => r.id === 'c4');
  assert.equal(c4?.agent_id, ids['1002']);
  assert.equal(Number(c4?.started_at), 1503_000);
  assert.equal(c4?.duration_s, 60);
});

forEachDatabase('qa calls from ingest: PwC data set, answered calls of the registered agents', async (ctx, store) => {
  if (PWC.skip(ctx)) return;
  const text = PWC.read();
  const { ids } = await org(store, ['Diane', 'Becky']);
  const rows = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(','));
  // columns: 0 id, 1 agent, 5 answered, 8 talk h:mm:ss
  const want = rows.filter((r) => r[5] === 'Y' && (r[1] === 'Diane' || r[1] === 'Becky'));
  const talkS = (hms: string) => hms.split(':').reduce((s, x) => s * 60 + Number(x), 0);
  await importText('pwc', text, sink(store));
  await importText('pwc', text, sink(store)); // re-import: same rows
  const got = await qaRows(store);
  assert.equal(got.length, want.length);
  assert.ok(want.length > 100);
  const byId = new Map(got.map((r) => [r.id, r]));
  for (const r of want) {
    const g = byId.get(`pwc:${r[0]}`);
    assert.ok(g, r[0]);
    assert.equal(g.agent_id, ids[r[1]!]);
    assert.equal(g.queue, r[4]);
    assert.equal(g.duration_s, talkS(r[8]!));
    assert.equal(g.transferred, 0);
  }
});

test('qa calls of a batch: cut from the stored events of its calls and its new ones (no read of their own)', () => {
  const ev = (id: string, ts: number, type: CallFloorEvent['type'], callId: string, agent?: string): CallFloorEvent => ({
    id,
    ts,
    type,
    callId,
    queue: 'q',
    agent,
  });
  // x: connected (stored) at 10 s, transferred at 40 s (stored), connected to B at 40 s (new, same time: after the
  // stored transfer), ended at 100 s (new); y: new, connected at 5 s, still talking; z: only a new enqueue (not a segment event)
  const stored = new Map([['x', [ev('x1', 10_000, 'call.connected', 'x', 'A'), ev('x2', 40_000, 'call.transferred', 'x', 'A')]]]);
  const fresh = [
    ev('y1', 5_000, 'call.connected', 'y', 'B'),
    ev('x3', 40_000, 'call.connected', 'x', 'B'),
    ev('x4', 100_000, 'call.ended', 'x', 'B'),
    ev('z1', 1, 'call.enqueued', 'z'),
  ];
  assert.deepEqual(touchedSegments(fresh, stored), [
    { id: 'x', callId: 'x', agent: 'A', queue: 'q', startedAt: 10_000, durationS: 30, transferred: true },
    { id: 'x#2', callId: 'x', agent: 'B', queue: 'q', startedAt: 40_000, durationS: 60, transferred: false },
  ]);
  // a call whose stored events hold no segment event, and a batch with none: nothing
  assert.deepEqual(touchedSegments([ev('w2', 9, 'call.ended', 'w', 'A')], new Map([['w', [ev('w1', 1, 'call.enqueued', 'w')]]])), []);
  assert.deepEqual(touchedSegments([], stored), []);
});
