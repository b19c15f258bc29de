/**
 * The live floor follows the store by its sequence (`catchUp()`: every row up to the highest stored `seq`, then
 * past it). That is only right if no sequence below the highest committed one can still commit later. On
 * PostgreSQL two writers (two server instances) draw from one identity sequence; this test makes the writer that
 * took the LOWER sequence hold its transaction open (a trigger of the test's schema waits for a lock the test
 * holds) while a second instance stores a batch and the floor catches up, then lets it commit: the floor must
 * end up with both events. What makes it so is the ingest lock (ingest.ts `lockIngest`, taken before a batch
 * draws a sequence, let go after its commit is visible): the second instance waits for it. With the lock taken
 * out, both tests fail (the floor had applied up to the second instance's sequence and never reads the first's).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { CallFloorEvent } from '../core/events';
import { freshStore, skipWithoutPostgres, TEST_PG_URL } from '../store/testing';
import { openStore } from '../store/db';
import { storeEvents } from '../store/live/ingest';
import { maxEventSeq } from '../store/live/tail';
import { buildApp } from './app';
import { startLiveFloor } from './liveFloor';
import { seedTestOrg } from './testing';
import { dutyCaller } from './liveBoard.testutil';

// local time (Asia/Shanghai, UTC+8) on 2026-11-02
const T = (h: number, m: number, s = 0) => Date.UTC(2026, 10, 2, h - 8, m, s);
/** the gate's advisory lock: (GATE, hashtext(schema)), so parallel tests in other schemas never share it */
const GATE = 4_270_064;

const until = async (what: string, ok: () => Promise<boolean>) => {
  for (let i = 0; i < 400; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never: ${what}`);
};

/**
 * Instance A stores `slow` (its insert waits at the gate, its sequences taken, its transaction open), instance B
 * stores `fast`, A's floor catches up, then A commits and the floor catches up again. Returns the floor's tiles
 * of the events' agents ([code, state, since], sorted) and checks the sequences on the way.
 */
async function lowerSeqCommitsLate(slow: CallFloorEvent[], fast: CallFloorEvent[]) {
  const storeA = await freshStore('postgres');
  const storeB = await openStore({ url: storeA.url, pgSchema: storeA.pgSchema });
  const schema = storeA.pgSchema!;
  const gate = new pg.Client({ connectionString: TEST_PG_URL });
  await gate.connect();
  const clock = T(9, 0);
  const org = await seedTestOrg(storeA);
  const a = await buildApp({ store: storeA, webRoot: null, now: () => clock });
  const svc = await startLiveFloor(a.ctx, { timers: false });
  try {
    // an insert of events whose ids start with 'slow' waits (inside its transaction, its sequences taken) for the gate
    await gate.query(
      `create function ${schema}.seq_gate() returns trigger language plpgsql as $$ begin
         if exists (select 1 from gate_new where id like 'slow%') then perform pg_advisory_xact_lock(${GATE}, hashtext('${schema}')); end if;
         return null; end $$`,
    );
    await gate.query(
      `create trigger seq_gate after insert on ${schema}.live_events referencing new table as gate_new for each statement execute function ${schema}.seq_gate()`,
    );
    await gate.query('select pg_advisory_lock($1, hashtext($2))', [GATE, schema]);
    const waitingOn = async (key1: number) =>
      Number(
        (
          await gate.query<{ n: string }>(
            `select count(*) as n from pg_locks where locktype = 'advisory' and not granted and classid = $1::int::oid and objid = hashtext($2)::oid and objsubid = 2`,
            [key1, schema],
          )
        ).rows[0]!.n,
      ) > 0;

    // a floor already running: the center's rollup zone is set (the first batch writes it: the next would wait for that row)
    await storeEvents(storeA, [{ id: 'warm1', ts: T(7, 0), type: 'agent.login', agent: 'B001' }]);
    await svc.catchUp();
    const before = await maxEventSeq(storeA.db);
    // instance A's writer: takes the next sequences, then waits at the gate with its transaction open
    const slowDone = storeEvents(storeA, slow);
    await until('the slow writer waits at the gate', () => waitingOn(GATE));
    // instance B's writer: either stores its batch now (higher sequences, committed before the lower ones) or
    // waits for the slow one to end (the ingest lock, 730301)
    let fastStored = false;
    const fastDone = storeEvents(storeB, fast).then((r) => ((fastStored = true), r));
    await until('the fast writer stored its batch or waits for the slow one', async () => fastStored || (await waitingOn(730_301)));
    // the floor catches up with whatever is committed now
    await svc.catchUp();
    const seqMid = svc.appliedSeq;
    // the slow writer commits
    await gate.query('select pg_advisory_unlock($1, hashtext($2))', [GATE, schema]);
    const [rs, rf] = await Promise.all([slowDone, fastDone]);
    assert.deepEqual([rs.accepted.length, rf.accepted.length], [slow.length, fast.length]);
    await svc.catchUp();

    const stored = await storeA.db.selectFrom('live_events').select(['id', 'seq']).where('seq', '>', before).orderBy('seq').execute();
    // the slow writer asked for its sequences first
    assert.deepEqual(
      stored.map((r) => r.id),
      [...slow, ...fast].map((e) => e.id),
    );
    assert.equal(svc.appliedSeq, Number(stored[stored.length - 1]!.seq));
    const codes = new Set([...slow, ...fast].map((e) => e.agent));
    const tiles = svc
      .snapshot(dutyCaller(org), clock)
      .agents.filter((x) => codes.has(x.code))
      .map((x) => [x.code, x.state, x.since] as const)
      .sort((x, y) => x[0].localeCompare(y[0]));
    // what the floor had applied while the slow writer was open, and the slow writer's first sequence
    return { tiles, seqMid, firstSlow: Number(stored[0]!.seq) };
  } finally {
    svc.stop();
    await gate.query('select pg_advisory_unlock_all()').catch(() => {});
    await gate.end().catch(() => {});
    await a.app.close();
    await storeB.close();
    await storeA.close();
  }
}

test("PostgreSQL: a push whose lower sequence commits after another instance's push and a catch-up still reaches the floor", async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const { tiles, seqMid, firstSlow } = await lowerSeqCommitsLate(
    [{ id: 'slow1', ts: T(8, 30), type: 'agent.login', agent: 'A001' }],
    [{ id: 'fast1', ts: T(8, 31), type: 'agent.login', agent: 'A002' }],
  );
  // both agents on the board, logged in (ready) since their events' times
  assert.deepEqual(tiles, [
    ['A001', 'ready', T(8, 30)],
    ['A002', 'ready', T(8, 31)],
  ]);
  // the catch-up meanwhile did not move past the open transaction's sequence
  assert.ok(seqMid < firstSlow, `applied up to ${seqMid} while seq ${firstSlow} was not committed`);
});

test('PostgreSQL: an import batch (COPY, 1,000 events) committing after a push of another instance and a catch-up still reaches the floor', async (t) => {
  if (await skipWithoutPostgres(t)) return;
  const codes = Array.from({ length: 1000 }, (_, i) => `X${String(i).padStart(4, '0')}`);
  const { tiles, seqMid, firstSlow } = await lowerSeqCommitsLate(
    codes.map((agent, i) => ({ id: `slow${i}`, ts: T(8, 0) + i * 1000, type: 'agent.login', agent })),
    [{ id: 'fast1', ts: T(8, 31), type: 'agent.login', agent: 'A002' }],
  );
  // 1,000 imported agents and the pushed one, each logged in since its own event
  assert.equal(tiles.length, 1001);
  assert.deepEqual(tiles[0], ['A002', 'ready', T(8, 31)]);
  assert.deepEqual(tiles[1], ['X0000', 'ready', T(8, 0)]);
  assert.deepEqual(tiles[1000], ['X0999', 'ready', T(8, 0) + 999_000]);
  assert.ok(tiles.every(([, state]) => state === 'ready'));
  assert.ok(seqMid < firstSlow, `applied up to ${seqMid} while seq ${firstSlow} was not committed`);
});
