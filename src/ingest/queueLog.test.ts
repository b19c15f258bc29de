import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQueueLog, parseQueueLogStream, agentCode } from './queueLog';
import { aggregateEvents, sumMeasures } from '../core/kpi';
import { sharedData } from '../../test/sharedData';
import { legacyDerivedId } from '../core/events';

const PIPE = sharedData('asterisk_queue_log_pbxware/queue_log_reconstructed');
const CSV = sharedData('asterisk_queue_log_pbxware/queue_log_pbxware_masked.csv');

test('agent codes from member interfaces', () => {
  assert.equal(agentCode('Agent/1127'), '1127');
  assert.equal(agentCode('Local/1127@callback-agent'), '1127');
  assert.equal(agentCode('PJSIP/alice'), 'alice');
});

test('PBXware queue_log: both files parse to the same events, with totals counted from the raw lines', async (t) => {
  if (PIPE.skip(t) || CSV.skip(t)) return;
  const pipeText = PIPE.read();
  const csvText = CSV.read();
  // independent count: distinct raw lines, split on '|', tally by the event column
  const uniq = [...new Set(pipeText.split('\n').filter((l) => l.trim()))].map((l) => l.split('|'));
  const of = (...names: string[]) => uniq.filter((f) => names.includes(f[4]!));
  const dupLines = pipeText.split('\n').filter((l) => l.trim()).length - uniq.length;
  const connects = of('CONNECT');
  const abandons = of('ABANDON');
  const expected = {
    offered: of('ENTERQUEUE').length,
    answered: connects.length,
    abandoned: abandons.filter((f) => Number(f[7]) >= 5).length,
    shortAbandoned: abandons.filter((f) => Number(f[7]) < 5).length,
    timedOut: of('EXITWITHTIMEOUT', 'EXITEMPTY').length,
    transferred: of('TRANSFER', 'BLINDTRANSFER', 'ATTENDEDTRANSFER').length,
    answeredWithinSl: connects.filter((f) => Number(f[5]) <= 20).length,
    waitAnswered: connects.reduce((s, f) => s + Number(f[5]), 0),
    waitAbandoned: abandons.reduce((s, f) => s + Number(f[7]), 0),
  };
  // the SOURCE.md counts, as a sanity check of the independent tally
  assert.deepEqual([expected.offered, expected.answered, expected.timedOut, expected.transferred], [108, 93, 1, 2]);
  assert.equal(of('ABANDON').length, 12);

  const pipe = parseQueueLog(pipeText);
  const csv = parseQueueLog(csvText);
  assert.deepEqual(pipe.rejects, []);
  assert.deepEqual(csv.rejects, []);
  assert.equal(pipe.duplicates, dupLines);
  assert.equal(csv.duplicates, dupLines);
  assert.deepEqual(
    csv.events.map((e) => e.id),
    pipe.events.map((e) => e.id),
  );
  assert.deepEqual(csv.events, pipe.events);
  assert.deepEqual(csv.unknownEvents, pipe.unknownEvents);
  // PBXware's OUT* events are not app_queue events: reported as unknown, with their distinct-line counts
  const outKinds = new Set(uniq.map((f) => f[4]!).filter((e) => e.startsWith('OUT')));
  assert.deepEqual(Object.keys(pipe.unknownEvents).sort(), [...outKinds].sort());
  for (const k of outKinds) assert.equal(pipe.unknownEvents[k], of(k).length, k);

  const agg = aggregateEvents(pipe.events);
  const qt = sumMeasures(agg.queues);
  for (const [k, v] of Object.entries(expected)) assert.equal(qt[k as keyof typeof expected], v, k);
  assert.equal(qt.handled, expected.answered);

  // talk, by line times: end line − CONNECT line per call, open calls up to the last line
  const connectAt = new Map(connects.map((f) => [f[1]!, Number(f[0])]));
  const enders = of('COMPLETECALLER', 'COMPLETEAGENT', 'BLINDTRANSFER', 'ATTENDEDTRANSFER');
  const lastTs = Math.max(...uniq.map((f) => Number(f[0])));
  const ended = new Set(enders.map((f) => f[1]));
  const talk =
    enders.reduce((s, f) => s + Number(f[0]) - connectAt.get(f[1]!)!, 0) +
    connects.filter((f) => !ended.has(f[1])).reduce((s, f) => s + (lastTs - Number(f[0])), 0);
  const aggEnd = aggregateEvents(pipe.events, { untilTs: lastTs * 1000 });
  assert.equal(sumMeasures(aggEnd.queues).talk, talk);
  // the reported calltime fields agree within 1 s rounding per call
  const reported =
    of('COMPLETECALLER', 'COMPLETEAGENT').reduce((s, f) => s + Number(f[6]), 0) + of('BLINDTRANSFER', 'ATTENDEDTRANSFER').reduce((s, f) => s + Number(f[8]), 0);
  const endedTalk = enders.reduce((s, f) => s + Number(f[0]) - connectAt.get(f[1]!)!, 0);
  assert.ok(Math.abs(reported - endedTalk) <= enders.length);
  const at = sumMeasures(aggEnd.agents);
  assert.equal(at.talk, talk);
  assert.equal(at.handled, expected.answered);
  // every agent's staffed time is the sum of its states
  for (const r of aggEnd.agents) {
    assert.ok(Math.abs(r.staffed - (r.idle + r.notReady + r.talk + r.hold + r.acw + r.ring)) < 1e-6);
  }

  // re-import is idempotent: same ids
  assert.deepEqual(
    parseQueueLog(pipeText).events.map((e) => e.id),
    pipe.events.map((e) => e.id),
  );
  // stream variant gives the same
  async function* lines() {
    for (const l of pipeText.split('\n')) yield l;
  }
  assert.deepEqual((await parseQueueLogStream(lines())).events, pipe.events);
});

test('hand-made log: pauses repeated, out of order, duplicates, midnight, unknown and bad lines', () => {
  const day = Date.UTC(2024, 2, 1) / 1000; // 2024-03-01 00:00Z
  const t = (h: number, m: number, s = 0) => day + h * 3600 + m * 60 + s;
  const text = [
    `${t(23, 50)}|NONE|support|SIP/101|ADDMEMBER|`,
    `${t(23, 52)}|NONE|support|SIP/101|PAUSE|lunch`,
    `${t(23, 53)}|NONE|NONE|SIP/101|PAUSEALL|lunch`, // repeat: same state
    `${t(23, 54)}|NONE|support|SIP/101|UNPAUSE|`,
    `${t(23, 59, 50)}|c1|support|NONE|ENTERQUEUE||555|1`,
    `${t(24, 0, 2)}|c1|support|SIP/101|RINGNOANSWER|4000`,
    `${t(24, 0, 30)}|c1|support|SIP/101|COMPLETECALLER|30|90|1`, // out of order: before its CONNECT
    `${t(24, 0, 0)}|c1|support|SIP/101|CONNECT|10|b1|2`,
    `${t(24, 0, 0)}|c1|support|SIP/101|CONNECT|10|b1|2`, // duplicate
    `${t(24, 1)}|c2|support|NONE|ENTERQUEUE||556|1`,
    `${t(24, 1, 3)}|c2|support|NONE|ABANDON|1|1|3`,
    `${t(24, 2)}|c3|support|NONE|ENTERQUEUE||557|1`, // still open at end of file
    `${t(24, 3)}|NONE|NONE|NONE|SOMETHINGNEW|x`,
    `garbage line`,
    `${t(24, 5)}|NONE|support|SIP/101|REMOVEMEMBER|`,
  ].join('\n');
  const r = parseQueueLog(text);
  assert.equal(r.duplicates, 1);
  assert.deepEqual(r.unknownEvents, { SOMETHINGNEW: 1 });
  assert.equal(r.rejects.length, 1);
  assert.equal(r.rejects[0]!.line, 14);
  const states = r.events.filter((e) => e.agent === '101' && e.type.startsWith('agent.')).map((e) => e.type);
  assert.deepEqual(states, [
    'agent.login',
    'agent.notReady',
    'agent.ready',
    'agent.ringing', // 23:59:58 − 2 s ring before the connect
    'agent.talking',
    'agent.ready',
    'agent.logout',
  ]);
  const agg = aggregateEvents(r.events, { intervalMin: 60 });
  const q23 = agg.queues.find((x) => x.intervalStart === t(23, 0) * 1000)!;
  const q00 = agg.queues.find((x) => x.intervalStart === t(24, 0) * 1000)!;
  // c1 entered at 23:59:50 → belongs to the 23:00 hour although answered after midnight
  assert.deepEqual([q23.offered, q23.answered, q23.waitAnswered], [1, 1, 10]);
  assert.deepEqual([q00.offered, q00.answered, q00.shortAbandoned, q00.abandoned], [2, 0, 1, 0]);
  const a = sumMeasures(agg.agents);
  // 23:50 → 00:05 logged in = 900 s; paused 23:52 → 23:54 once; ring 2 s; talk 00:00:00 → 00:00:30
  assert.equal(a.staffed, 900);
  assert.equal(a.notReady, 120);
  assert.deepEqual(a.notReadyByReason, { lunch: 120 });
  assert.equal(a.notReadyCount, 1);
  assert.equal(a.ring, 2);
  assert.equal(a.talk, 30);
  assert.equal(a.idle, 900 - 120 - 2 - 30);
});

test('standard realtime-table CSV with data1..data5 and local datetime in a zone', () => {
  const csv = [
    'time,callid,queuename,agent,event,data1,data2,data3,data4,data5',
    '2024-03-01 08:00:00,c9,sales,NONE,ENTERQUEUE,,555,1,,',
    '2024-03-01 08:00:25,c9,sales,PJSIP/ann,CONNECT,25,b,3,,',
    '2024-03-01 08:05:25,c9,sales,PJSIP/ann,COMPLETEAGENT,25,300,1,,',
    '2024-03-01 08:06:00,c9,sales,PJSIP/ann,BADROW',
  ].join('\n');
  const r = parseQueueLog(csv, { tz: 'Asia/Shanghai' });
  assert.deepEqual(
    r.rejects.map((x) => x.line),
    [5],
  );
  const enq = r.events.find((e) => e.type === 'call.enqueued')!;
  assert.equal(enq.ts, Date.UTC(2024, 2, 1, 0, 0, 0)); // 08:00 in UTC+8
  const conn = r.events.find((e) => e.type === 'call.connected')!;
  assert.equal(conn.waitS, 25);
  assert.equal(conn.agent, 'ann');
});

test("event ids carry the record's second: a file's ids sort like its calls' starts and its agent changes' times; other call ids keep the hash alone", () => {
  // by hand: two calls (Asterisk call ids: the second the channel was made) and a pause between them, lines out of order
  const text = [
    '1700000100|1700000090.7|q1|Agent/1001|CONNECT|10|1700000090.7|2',
    '1700000090|1700000090.7|q1|NONE|ENTERQUEUE||555|1',
    '1700000094|NONE|q1|Agent/1002|ADDMEMBER|',
    '1700000095|NONE|NONE|Agent/1002|PAUSE|lunch',
    '1700000096|1700000096.8|q1|NONE|ENTERQUEUE||556|1',
    '1700000300|1700000090.7|q1|Agent/1001|COMPLETECALLER|10|200|1',
    '1700000097|pbx-call-x|q1|NONE|ENTERQUEUE||557|1',
    '1700000098|pbx1-1700000098.9|q1|NONE|ENTERQUEUE||558|1',
  ].join('\n');
  const events = parseQueueLog(text).events;
  const head = (id: string) => id.slice(0, 11);
  const b36 = (sec: number) => `ql:${sec.toString(36).padStart(7, '0')}.`;
  // every event of call …090.7 (entered, answered, ended: three times) is under the call's start; the pause under its own second
  for (const e of events.filter((x) => x.callId === '1700000090.7')) assert.equal(head(e.id), b36(1_700_000_090), e.type);
  assert.equal(head(events.find((e) => e.agent === '1002' && e.type === 'agent.notReady')!.id), b36(1_700_000_095));
  assert.equal(head(events.find((e) => e.callId === '1700000096.8')!.id), b36(1_700_000_096));
  // Asterisk with a `systemname`: the same, after the name
  assert.equal(head(events.find((e) => e.callId === 'pbx1-1700000098.9')!.id), b36(1_700_000_098));
  // a call id without the time: `ql:` and the hash, as before
  const other = events.find((e) => e.callId === 'pbx-call-x')!;
  assert.match(other.id, /^ql:[0-9a-z]+:call$/);
  assert.equal(legacyDerivedId(other.id), undefined);
  // the old form of a timed id: the hash and suffix after `ql:`
  const enter = events.find((e) => e.callId === '1700000090.7' && e.type === 'call.enqueued')!;
  assert.equal(legacyDerivedId(enter.id), `ql:${enter.id.slice(11)}`);
  assert.match(legacyDerivedId(enter.id)!, /^ql:[0-9a-z]+:call$/);
});
