/**
 * Big batches load through COPY on PostgreSQL (issue 16): COPY'd straight into the table (no staging table),
 * optimistically without a lookup; when a stored key fails it, rolled back to a savepoint, the stored keys
 * looked up and the other rows COPY'd. The same results as the small-batch path
 * (and as SQLite): a file with events already stored counts them as duplicates, a rejected line is
 * named, text with tabs, backslashes and line breaks comes back as it went in, the aggregates count
 * each call once.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { CallFloorEvent } from '../../core/events';
import { importStream } from '../../ingest/stream';
import { forEachDatabase } from '../testing';
import { COPY_MIN_ROWS, copyValue, insertNew } from './bulk';
import { countStoredEvents, storeEvents } from './ingest';

const T0 = Date.UTC(2026, 10, 2, 1, 0); // 09:00 Shanghai

/** Call i: enqueued at T0 + 10 s·i, abandoned 5 s later; events `e<i>a`, `e<i>b`. */
const call = (i: number): CallFloorEvent[] => [
  { id: `e${i}a`, ts: T0 + 10_000 * i, type: 'call.enqueued', queue: 'general', callId: `c${i}` },
  { id: `e${i}b`, ts: T0 + 10_000 * i + 5_000, type: 'call.abandoned', queue: 'general', callId: `c${i}`, waitS: 5 },
];

forEachDatabase('a big import batch (COPY on PostgreSQL): duplicates of stored events counted, bad line named, odd text intact', async (_t, store) => {
  // COPY's text format, by hand
  assert.equal(copyValue(null), '\\N');
  assert.equal(copyValue('a\tb\\c\nd\re'), 'a\\tb\\\\c\\nd\\re');
  assert.equal(copyValue(12.5), '12.5');

  // 300 calls stored first (600 events: the small-batch path), then a file of calls 0…1199: 300 already there
  const calls = 1200;
  assert.ok(2 * (calls - 300) >= COPY_MIN_ROWS);
  await storeEvents(store, Array.from({ length: 300 }, (_, i) => call(i)).flat());
  const odd: CallFloorEvent = { id: 'odd', ts: T0 + 3_000, type: 'agent.notReady', agent: 'A\\01', reason: 'lunch\twith\nnotes \\N' };
  const lines = [...Array.from({ length: calls }, (_, i) => call(i)).flat(), odd].map((e) => JSON.stringify(e));
  lines.splice(10, 0, '{"id": "bad", "ts": 1}');
  const report = await importStream(
    'jsonl',
    Readable.from([Buffer.from(lines.join('\n'))]),
    {
      async store(events) {
        const r = await storeEvents(store, events);
        return { accepted: r.accepted.length, duplicates: r.duplicates, rejected: r.rejected };
      },
    },
    { batchLines: 10_000 },
  );
  assert.equal(report.eventsStored, 2 * (calls - 300) + 1);
  assert.equal(report.duplicates, 600);
  assert.deepEqual([report.rejectedTotal, report.rejected[0]!.line], [1, 11]);
  assert.equal(await countStoredEvents(store.db), 2 * calls + 1);
  const back = await sql<{ agent: string; reason: string }>`select agent, reason from live_events where id = 'odd'`.execute(store.db);
  assert.deepEqual(back.rows[0], { agent: 'A\\01', reason: 'lunch\twith\nnotes \\N' });
  // each call offered and abandoned once
  const sums = await sql<{ offered: number; abandoned: number }>`select sum(offered) as offered, sum(abandoned) as abandoned from live_queue_intervals`.execute(
    store.db,
  );
  assert.deepEqual([Number(sums.rows[0]!.offered), Number(sums.rows[0]!.abandoned)], [calls, calls]);

  // the same file again: every event a duplicate
  const again = await storeEvents(store, Array.from({ length: calls }, (_, i) => call(i)).flat());
  assert.deepEqual([again.accepted.length, again.duplicates], [0, 2 * calls]);

  if (store.dialect === 'postgres') {
    // 5 of the batch stored already: the others are new, with consecutive seqs in the order sent from the first one
    const spec = {
      table: 'live_events',
      cols: [
        ['id', 'text'],
        ['ts', 'bigint'],
        ['type', 'text'],
        ['center_id', 'integer'],
      ] as const,
      tail: 'on conflict (id) do nothing',
    };
    const rows = Array.from({ length: COPY_MIN_ROWS }, (_, i) => [i < 5 ? `e${i}a` : `new${i}`, T0 + i, 'call.enqueued', 0]);
    await store.db.transaction().execute(async (tx) => {
      const r = await insertNew(store, tx as unknown as Kysely<any>, spec, rows, 'seq');
      assert.equal(r.count, COPY_MIN_ROWS - 5);
      assert.ok(r.keys !== 'all' && r.keys.size === COPY_MIN_ROWS - 5 && !r.keys.has('e0a') && r.keys.has('new5'));
      const stored = await sql<{ id: string; seq: number }>`select id, seq from live_events where seq >= ${r.firstSeq} order by seq`.execute(tx);
      assert.deepEqual(
        stored.rows.map((x) => x.id),
        rows.slice(5).map((x) => x[0]),
      );
      assert.deepEqual(
        stored.rows.map((x) => Number(x.seq)),
        Array.from({ length: COPY_MIN_ROWS - 5 }, (_, i) => r.firstSeq + i),
      );
      // a stored key last in the batch (the optimistic COPY fails after all the others went in): rolled back to its
      // savepoint, the others stored once, with consecutive seqs in the order sent
      const late = Array.from({ length: COPY_MIN_ROWS }, (_, i) => [i === COPY_MIN_ROWS - 1 ? 'e7a' : `late${i}`, T0 + i, 'call.enqueued', 0]);
      const l = await insertNew(store, tx as unknown as Kysely<any>, spec, late, 'seq');
      assert.equal(l.count, COPY_MIN_ROWS - 1);
      assert.ok(l.keys !== 'all' && !l.keys.has('e7a') && l.keys.has('late0'));
      const lateStored = await sql<{ id: string; seq: number }>`select id, seq from live_events where id like 'late%' order by seq`.execute(tx);
      assert.deepEqual(
        lateStored.rows.map((x) => x.id),
        late.slice(0, -1).map((x) => x[0]),
      );
      assert.deepEqual(
        lateStored.rows.map((x) => Number(x.seq)),
        Array.from({ length: COPY_MIN_ROWS - 1 }, (_, i) => l.firstSeq + i),
      );
      // and nothing went through a staging table
      const staged = await sql<{ ok: boolean }>`select to_regclass('pg_temp.live_events_stage') is not null as ok`.execute(tx);
      assert.equal(staged.rows[0]!.ok, false);
    });
  }
});
