import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnonymousBank } from './anonymousBank';
import { aggregateEvents, sumMeasures, deriveKpis } from '../core/kpi';
import { unionSeconds } from './testUtil';
import { sharedData } from '../../test/sharedData';

const BANK = sharedData('anonymous_bank_feb1999/data_anonymous_bank_february.txt');

test('Anonymous Bank Feb 1999: totals counted directly from the rows, and through the KPI aggregation', (ctx) => {
  if (BANK.skip(ctx)) return;
  const text = BANK.read();
  // independent tally: split each raw row on tabs and classify it by hand-picked column numbers
  const rows = text
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split('\t'));
  assert.equal(rows.length, 33344); // SOURCE.md
  const OUT = 12,
    QSTART = 9,
    QTIME = 11,
    SERSTART = 13,
    SERTIME = 15;
  const served = rows.filter((r) => r[OUT] === 'AGENT');
  const hangQueued = rows.filter((r) => r[OUT] === 'HANG' && r[QSTART] !== '0:00:00');
  const waitOf = (r: string[]) => (r[QSTART] === '0:00:00' ? 0 : Math.max(0, Number(r[QTIME])));
  const expected = {
    offered: served.length + hangQueued.length,
    answered: served.length,
    abandoned: hangQueued.filter((r) => waitOf(r) >= 5).length,
    shortAbandoned: hangQueued.filter((r) => waitOf(r) < 5).length,
    answeredWithinSl: served.filter((r) => waitOf(r) <= 20).length,
    waitAnswered: served.reduce((s, r) => s + waitOf(r), 0),
    waitAbandoned: hangQueued.reduce((s, r) => s + waitOf(r), 0),
  };
  assert.equal(rows.filter((r) => r[OUT] === 'PHANTOM').length, 278); // SOURCE.md

  const res = parseAnonymousBank(text);
  assert.deepEqual(res.rejects, []);
  assert.equal(res.skipped.PHANTOM, 278);
  assert.equal(res.duplicates, 0);
  const agg = aggregateEvents(res.events, { intervalMin: 60 });
  const t = sumMeasures(agg.queues);
  for (const [k, v] of Object.entries(expected)) assert.equal(t[k as keyof typeof expected], v, k);
  assert.equal(t.timedOut, 0);
  assert.equal(t.handled, served.length);
  // per service type (queue) too: PS offered
  const ps = sumMeasures(agg.queues.filter((r) => r.queue === 'PS'));
  assert.equal(ps.offered, rows.filter((r) => r[4] === 'PS' && r[OUT] !== 'PHANTOM' && (r[OUT] === 'AGENT' || r[QSTART] !== '0:00:00')).length);

  // talk: an agent talks while any of its calls is in service, so compare with the union of
  // [ser_start, ser_start + ser_time) per server (the file's own duration field)
  const hms = (s: string) => s.split(':').reduce((a, x) => a * 60 + Number(x), 0);
  const spans = served
    .filter((r) => r[SERSTART] !== '0:00:00' && Number(r[SERTIME]) > 0)
    .map((r) => {
      const day = Date.UTC(1999, Number(r[5]!.slice(2, 4)) - 1, Number(r[5]!.slice(4, 6))) / 1000;
      const from = day + hms(r[SERSTART]!) + (hms(r[SERSTART]!) < hms(r[6]!) - 43200 ? 86400 : 0);
      return { key: r[16]!, from, to: from + Number(r[SERTIME]) };
    });
  const talk = unionSeconds(spans);
  const a = sumMeasures(agg.agents);
  assert.equal(a.talk, talk);
  assert.equal(t.talk, a.talk);
  const k = deriveKpis(t);
  assert.equal(k.answerRate, expected.answered / expected.offered);
  assert.equal(k.asa, expected.waitAnswered / expected.answered);
});

test('Anonymous Bank: a queue wait crossing midnight lands on the next day; tz shifts times', () => {
  const head =
    'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
  const row = 'AA0101\t1\t0\t0\tPS\t990201\t23:59:40\t23:59:50\t10\t23:59:50\t0:00:20\t30\tAGENT\t0:00:20\t0:02:00\t100\tDANA';
  const r = parseAnonymousBank(`${head}\r\n${row}\r\n`);
  const conn = r.events.find((e) => e.type === 'call.connected')!;
  assert.equal(conn.ts, Date.UTC(1999, 1, 2, 0, 0, 20));
  assert.equal(conn.waitS, 30);
  const enq = r.events.find((e) => e.type === 'call.enqueued')!;
  assert.equal(enq.ts, Date.UTC(1999, 1, 1, 23, 59, 50));
  const il = parseAnonymousBank(`${head}\n${row}\n`, { tz: 'Asia/Jerusalem' }); // UTC+2 in February
  assert.equal(il.events.find((e) => e.type === 'call.enqueued')!.ts, Date.UTC(1999, 1, 1, 21, 59, 50));
  const bad = parseAnonymousBank(`${head}\n${row.replace('AGENT', 'LOST')}\n`);
  assert.deepEqual(bad.rejects, [{ line: 2, reason: "outcome: expected AGENT, HANG or PHANTOM, got 'LOST'" }]);
});
