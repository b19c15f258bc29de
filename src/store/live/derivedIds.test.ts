import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { hashId } from '../../core/events';
import { parsePipeLine, parseQueueLog, recordIdentity, type QueueLogRecord } from '../../ingest/queueLog';
import { countStoredEvents, storeEvents } from './ingest';
import type { Store } from '../db';

/**
 * Two queue_log records of a 2 GB bench file whose identities hash alike (found by hashing the file's 33 M
 * records): call A's CONNECT and call B's ENTERQUEUE. Before, B's queue entry (or A's answer, by order) was taken
 * for a re-send and dropped.
 */
const CALL_A = [
  '1738484144|1738484144.2362484|q2|NONE|ENTERQUEUE||13800000|1',
  '1738484152|1738484144.2362484|q2|Agent/1084|CONNECT|8|1738484144.2362484|3',
  '1738484302|1738484144.2362484|q2|Agent/1084|COMPLETECALLER|8|150|1',
];
const CALL_B = ['1745027517|1745027517.8905857|q0|NONE|ENTERQUEUE||13800001|1', '1745027537|1745027517.8905857|q0|NONE|ABANDON|1|1|20'];

/** offered / answered / abandoned summed over every queue interval stored */
async function callCounts(store: Store) {
  const rows = await store.db.selectFrom('live_queue_intervals').select(['offered', 'answered', 'abandoned']).execute();
  const sum = (k: 'offered' | 'answered' | 'abandoned') => rows.reduce((s, r) => s + Number(r[k]), 0);
  return { offered: sum('offered'), answered: sum('answered'), abandoned: sum('abandoned') };
}

forEachDatabase('derived ids: another record whose id hashes alike is stored, not dropped; a re-send still changes nothing', async (t, store) => {
  // the premise: the two records' identities hash to the same id
  const [connectA, enterB] = [parseLine(CALL_A[1]!), parseLine(CALL_B[0]!)];
  assert.equal(hashId(recordIdentity(connectA)), hashId(recordIdentity(enterB)));

  const events = parseQueueLog([...CALL_A, ...CALL_B].join('\n')).events;
  const first = await storeEvents(store, events);
  assert.equal(first.duplicates, 0);
  assert.equal(first.accepted.length, events.length);
  assert.equal(await countStoredEvents(store.db), events.length);
  // by hand: two calls offered, A answered, B abandoned after 20 s
  assert.deepEqual(await callCounts(store), { offered: 2, answered: 1, abandoned: 1 });

  await t.test('the same file again: every event a duplicate, nothing added', async () => {
    const again = await storeEvents(store, events);
    assert.equal(again.accepted.length, 0);
    assert.equal(again.duplicates, events.length);
    assert.equal(await countStoredEvents(store.db), events.length);
    assert.deepEqual(await callCounts(store), { offered: 2, answered: 1, abandoned: 1 });
  });
});

forEachDatabase('derived ids: the colliding records in separate batches, the later call first', async (_t, store) => {
  const b = parseQueueLog(CALL_B.join('\n')).events;
  const a = parseQueueLog(CALL_A.join('\n')).events;
  await storeEvents(store, b);
  const second = await storeEvents(store, a);
  assert.equal(second.duplicates, 0);
  assert.equal(second.accepted.length, a.length);
  // one of A's events took the next id, after the one B's entry holds
  assert.ok(second.accepted.some((e) => e.id.endsWith('~2')));
  assert.deepEqual(await callCounts(store), { offered: 2, answered: 1, abandoned: 1 });
  // and each file once more: nothing new
  const again = await storeEvents(store, [...a, ...b]);
  assert.equal(again.accepted.length, 0);
  assert.equal(again.duplicates, a.length + b.length);
  assert.deepEqual(await callCounts(store), { offered: 2, answered: 1, abandoned: 1 });
});

forEachDatabase("derived ids: a call's events from a second source at other times (AMI's time of receipt) are the same events", async (_t, store) => {
  // queue_log's lines, then the same call as the AMI connector saw it without `timestampevents` (docs/connectors.md:
  // a call's outcomes are identified by call, queue and agent, not by time): each line 2 s later
  const queueLog = parseQueueLog(CALL_A.join('\n')).events;
  const later = parseQueueLog(CALL_A.map((l) => l.replace(/^(\d+)/, (sec) => String(Number(sec) + 2))).join('\n')).events;
  assert.deepEqual(
    later.map((e) => e.ts - queueLog.find((q) => q.id === e.id)!.ts),
    later.map(() => 2000),
    'the same ids, 2 s later',
  );
  await storeEvents(store, queueLog);
  const again = await storeEvents(store, later);
  // nothing counted twice: a key that held the time (a re-send is "the same id at the same time") would store them all again
  assert.deepEqual([again.accepted.length, again.duplicates], [0, later.length]);
  assert.equal(await countStoredEvents(store.db), queueLog.length);
  assert.deepEqual(await callCounts(store), { offered: 1, answered: 1, abandoned: 0 });
});

/** One pipe line as the parser reads it. */
function parseLine(line: string): QueueLogRecord {
  const r = parsePipeLine(line, 1);
  assert.ok('callId' in r, `not a record: ${line}`);
  return r;
}
