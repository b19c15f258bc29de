/**
 * The three shared data sets through the full path: file → parse → store → report, with totals
 * counted independently from the raw files here (files read in place from ../shared/data).
 */
import assert from 'node:assert/strict';
import { forEachDatabase } from '../testing';
import { importText, type ImportFormat, type ImportSink } from '../../ingest/import';
import type { Store } from '../db';
import { flushAgentStates, storeEvents } from './ingest';
import { kpiReport } from './reports';
import { sharedData } from '../../../test/sharedData';

const sink = (store: Store): ImportSink => ({
  async store(events) {
    const r = await storeEvents(store, events);
    return { accepted: r.accepted.length, duplicates: r.duplicates };
  },
  finish: (ts) => flushAgentStates(store, ts),
});

async function importTwice(store: Store, format: ImportFormat, text: string) {
  const first = await importText(format, text, sink(store));
  const again = await importText(format, text, sink(store));
  assert.equal(again.eventsStored, 0, 're-import stores nothing');
  assert.equal(again.duplicates, first.eventsParsed + first.duplicates);
  return first;
}

const PBXWARE = sharedData('asterisk_queue_log_pbxware/queue_log_reconstructed');
const PWC = sharedData('pwc_call_center/Call-Center-Dataset.csv');
const BANK = sharedData('anonymous_bank_feb1999/data_anonymous_bank_february.txt');

forEachDatabase('data set: PBXware queue_log → store → report', async (ctx, store) => {
  if (PBXWARE.skip(ctx)) return;
  const text = PBXWARE.read();
  const raw = text.split('\n').filter((l) => l.trim());
  const uniq = [...new Set(raw)].map((l) => l.split('|'));
  const of = (...n: string[]) => uniq.filter((f) => n.includes(f[4]!));
  const rep = await importTwice(store, 'queue_log', text);
  assert.equal(rep.linesRead, text.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '').length);
  assert.deepEqual(rep.rejected, []);
  assert.equal(rep.duplicates, raw.length - uniq.length);
  const r = await kpiReport(store.db, { by: 'queue' });
  const t = r.total;
  assert.equal(t.offered, of('ENTERQUEUE').length);
  assert.equal(t.answered, of('CONNECT').length);
  assert.equal((t.abandoned ?? 0) + (t.shortAbandoned ?? 0), of('ABANDON', 'EXITWITHKEY').length);
  assert.equal(t.timedOut, of('EXITWITHTIMEOUT', 'EXITEMPTY').length);
  assert.equal(t.transferred, of('TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER').length);
  const waits = of('CONNECT').map((f) => Number(f[5]));
  assert.equal(t.asa, waits.reduce((a, b) => a + b, 0) / waits.length);
  // by queue: offered per queue name
  for (const row of r.rows) assert.equal(row.offered, of('ENTERQUEUE').filter((f) => f[2] === row.queue).length, row.queue);
});

forEachDatabase('data set: PwC call centre → store → report', async (ctx, store) => {
  if (PWC.skip(ctx)) return;
  const text = PWC.read();
  const rows = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(','));
  const ANS = 5,
    SPEED = 7,
    TOPIC = 4,
    AGENT = 1;
  const ans = rows.filter((r) => r[ANS] === 'Y');
  await importTwice(store, 'pwc', text);
  const r = await kpiReport(store.db, { by: 'queue' });
  assert.equal(r.total.offered, rows.length);
  assert.equal(r.total.answered, ans.length);
  assert.equal(r.total.abandoned, rows.length - ans.length);
  assert.equal(r.total.serviceLevel, ans.filter((x) => Number(x[SPEED]) <= 20).length / rows.length);
  for (const q of r.rows) assert.equal(q.offered, rows.filter((x) => x[TOPIC] === q.queue).length);
  const byAgent = await kpiReport(store.db, { by: 'agent' });
  assert.deepEqual(byAgent.rows.map((x) => x.agentCode).sort(), [...new Set(rows.map((x) => x[AGENT]!))].sort());
  for (const a of byAgent.rows) assert.equal(a.handled, ans.filter((x) => x[AGENT] === a.agentCode).length, a.agentCode);
  assert.equal(byAgent.rows[0]!.offered, null); // agent rows have no queue-side figures: null, not 0
  assert.deepEqual(byAgent.unknownAgentCodes.length, byAgent.rows.length); // no platform agents in this store
});

forEachDatabase('data set: Anonymous Bank Feb 1999 → store → report per day', async (ctx, store) => {
  if (BANK.skip(ctx)) return;
  const text = BANK.read();
  const rows = text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  const OUT = 12,
    QSTART = 9,
    QTIME = 11,
    DATE = 5;
  const served = rows.filter((r) => r[OUT] === 'AGENT');
  const hangQ = rows.filter((r) => r[OUT] === 'HANG' && r[QSTART] !== '0:00:00');
  const first = await importText('anonymous-bank', text, sink(store), { batchSize: 50_000 });
  assert.equal(first.linesRead, rows.length + 1);
  assert.deepEqual(first.rejected, []);
  assert.equal(first.eventsStored, first.eventsParsed);
  const r = await kpiReport(store.db, { by: 'day', tzOffsetMin: 0 });
  assert.equal(r.total.offered, served.length + hangQ.length);
  assert.equal(r.total.answered, served.length);
  const wait = (x: string[]) => (x[QSTART] === '0:00:00' ? 0 : Number(x[QTIME]));
  assert.equal(r.total.shortAbandoned, hangQ.filter((x) => wait(x) < 5).length);
  assert.equal(r.total.abandoned, hangQ.filter((x) => wait(x) >= 5).length);
  // per day, by the file's date column, counted where the call entered the queue (a few cross midnight)
  const day = (x: string[]) => `1999-02-${x[DATE]!.slice(4, 6)}`;
  const offeredByDay = new Map<string, number>();
  for (const x of [...served, ...hangQ]) offeredByDay.set(day(x), (offeredByDay.get(day(x)) ?? 0) + 1);
  let differing = 0;
  for (const row of r.rows) if (row.offered !== offeredByDay.get(row.day!)) differing += Math.abs(row.offered! - (offeredByDay.get(row.day!) ?? 0));
  assert.ok(differing <= 40, `calls queued after midnight move to the next day: ${differing}`);
  assert.equal(r.rows.length, offeredByDay.size);
});
