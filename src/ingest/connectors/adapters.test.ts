import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQueueLog } from '../queueLog';
import { AmiFrameError, AmiFramer, AmiMapper, queuePauseAction } from './ami';
import { Backoff } from './backoff';
import { EslFrameError, EslFramer, EslMapper, eventOf, agentStatusCommand } from './esl';
import { amiCallSession, AMI_BANNER, amiMsg, eslCallSession, eslMsg, queueLogOfCallSession } from './transcripts';
import { ALIYUN_CCC_EXAMPLE, mapWebhook, signWebhook, verifyWebhook, type WebhookMapping } from './webhook';

const START = Date.UTC(2026, 10, 2, 0, 0, 0); // 08:00 Shanghai

function amiEvents(chunks: string[], now = START + 3_600_000) {
  const framer = new AmiFramer();
  const mapper = new AmiMapper();
  const events = [];
  for (const c of chunks) for (const f of framer.push(c)) if (f.Event) events.push(...mapper.map(f, now));
  events.push(...mapper.flush(now + 10_000));
  return { events, mapper };
}

test('AMI framer: banner, frames split anywhere, garbage throws', () => {
  const text =
    AMI_BANNER + amiMsg({ Response: 'Success', ActionID: 'x1', Message: 'Authentication accepted' }) + amiMsg({ Event: 'FullyBooted', Status: 'Fully Booted' });
  // one byte at a time gives the same frames as all at once
  const f1 = new AmiFramer();
  const all = f1.push(text);
  const f2 = new AmiFramer();
  const byByte = [...text].flatMap((ch) => f2.push(ch));
  assert.deepEqual(byByte, all);
  assert.deepEqual(all, [
    { Banner: 'Asterisk Call Manager/7.0.3' },
    { Response: 'Success', ActionID: 'x1', Message: 'Authentication accepted' },
    { Event: 'FullyBooted', Status: 'Fully Booted' },
  ]);
  assert.throws(() => new AmiFramer().push('SSH-2.0-OpenSSH_9.6\r\n'), AmiFrameError);
  const f3 = new AmiFramer();
  f3.push(AMI_BANNER);
  assert.throws(() => f3.push('this is not a header line\r\n\r\n'), AmiFrameError);
});

test('AMI session → the same events and ids as importing the queue_log Asterisk writes for it', () => {
  const { events, mapper } = amiEvents([AMI_BANNER, ...amiCallSession(START)]);
  const fromLog = parseQueueLog(queueLogOfCallSession(START)).events;
  const key = (e: { id: string; type: string; ts: number; agent?: string; callId?: string; reason?: string }) =>
    `${e.id} ${e.type} ${e.ts} ${e.agent ?? ''} ${e.callId ?? ''} ${e.reason ?? ''}`;
  assert.deepEqual(events.map(key).sort(), fromLog.map(key).sort());
  // by hand: login 08:00, enqueued 08:01, ring from 08:01:02 (10 s hold − … ring 8 s before the 08:01:10 connect),
  // connected + talking 08:01:10 (wait 10 s), ended + ready 08:04, not ready (meal) 08:05
  assert.deepEqual(
    events.map((e) => [e.type, (e.ts - START) / 1000]).sort((a, b) => (a[1] as number) - (b[1] as number) || String(a[0]).localeCompare(String(b[0]))),
    [
      ['agent.login', 0],
      ['call.enqueued', 60],
      ['agent.ringing', 62],
      ['call.ringing', 62],
      ['agent.talking', 70],
      ['call.connected', 70],
      ['agent.ready', 240],
      ['call.ended', 240],
      ['agent.notReady', 300],
    ],
  );
  assert.equal(events.find((e) => e.type === 'agent.notReady')!.reason, 'meal');
  assert.equal(events.find((e) => e.type === 'call.connected')!.waitS, 10);
  assert.equal(events.find((e) => e.type === 'call.connected')!.callId, '1762041660.1');
  // the leave before the connect did not become a time-out; Newchannel is quiet, not unknown
  assert.equal(events.filter((e) => e.type === 'call.timedOut').length, 0);
  assert.deepEqual([...mapper.unknown], []);
  assert.equal(mapper.interfaces.get('A001'), 'PJSIP/A001');
});

test('AMI: a leave with no connect nor abandon times out after the grace; an abandon is an abandon; unknown kinds counted', () => {
  const m = new AmiMapper({ leaveGraceMs: 3000 });
  const f = (x: Record<string, string>) => x;
  const t = (s: number) => ((START + s * 1000) / 1000).toFixed(6);
  m.map(f({ Event: 'QueueCallerJoin', Timestamp: t(0), Queue: 'q', Uniqueid: 'u1', Position: '1' }), START);
  m.map(f({ Event: 'QueueCallerJoin', Timestamp: t(0), Queue: 'q', Uniqueid: 'u2', Position: '2' }), START);
  assert.deepEqual(m.map(f({ Event: 'QueueCallerLeave', Timestamp: t(30), Queue: 'q', Uniqueid: 'u1', Position: '1' }), START + 30_000), []);
  const ab = m.map(
    f({ Event: 'QueueCallerAbandon', Timestamp: t(31), Queue: 'q', Uniqueid: 'u2', Position: '1', OriginalPosition: '2', HoldTime: '31' }),
    START + 31_000,
  );
  assert.deepEqual(
    ab.map((e) => [e.type, e.callId, e.waitS]),
    [['call.abandoned', 'u2', 31]],
  );
  assert.deepEqual(m.map(f({ Event: 'QueueCallerLeave', Timestamp: t(31), Queue: 'q', Uniqueid: 'u2' }), START + 31_000), []);
  assert.deepEqual(m.flush(START + 32_000), [], 'u1 still within the grace');
  assert.deepEqual(
    m.flush(START + 33_000).map((e) => [e.type, e.callId, e.ts - START]),
    [['call.timedOut', 'u1', 30_000]],
  );
  assert.deepEqual(m.flush(START + 60_000), [], 'u2 was resolved by its abandon');
  m.map(f({ Event: 'ConfbridgeJoin' }), START);
  m.map(f({ Event: 'ConfbridgeJoin' }), START);
  assert.deepEqual([...m.unknown], [['ConfbridgeJoin', 2]]);
});

test('AMI QueuePause action text', () => {
  assert.equal(
    queuePauseAction('cf-7', { iface: 'PJSIP/A001', paused: true, reason: 'Meal' }),
    'Action: QueuePause\r\nActionID: cf-7\r\nInterface: PJSIP/A001\r\nPaused: true\r\nReason: Meal\r\n\r\n',
  );
  assert.throws(() => queuePauseAction('x', { iface: 'PJSIP/A001', paused: true, reason: 'a\r\nAction: Logoff' }));
});

test('ESL framer: Content-Length bodies (bytes), url-decoded events, garbage throws', () => {
  const ev = eslCallSession(START)[0]!;
  const auth = eslMsg({ 'Content-Type': 'auth/request' });
  const all = Buffer.concat([auth, ev]);
  const f = new EslFramer();
  const frames = [...all].flatMap((b) => f.push(Buffer.from([b])));
  assert.equal(frames.length, 2);
  assert.equal(frames[0]!.headers['Content-Type'], 'auth/request');
  const e = eventOf(frames[1]!)!;
  assert.deepEqual([e['CC-Action'], e['CC-Agent'], e['CC-Agent-Status']], ['agent-status-change', 'A001@default', 'Available']);
  // a multi-byte value: Content-Length counts bytes
  const zh = eslMsg({ 'Content-Type': 'api/response' }, '+OK 已设置\n');
  assert.equal(new EslFramer().push(zh)[0]!.body, '+OK 已设置\n');
  assert.throws(() => new EslFramer().push('GET / HTTP/1.1\nHost: x\n\n'), EslFrameError);
  assert.throws(() => new EslFramer().push('Content-Type: text/event-plain\nContent-Length: abc\n\n'), EslFrameError);
  assert.equal(agentStatusCommand('A001@default', 'On Break'), "api callcenter_config agent set status A001@default 'On Break'\n\n");
  assert.throws(() => agentStatusCommand('A001@default', "x' ; shutdown"));
});

test('ESL mod_callcenter session → events (by hand) and a repeat maps to the same ids', () => {
  const run = () => {
    const f = new EslFramer();
    const m = new EslMapper();
    const out = [];
    for (const b of eslCallSession(START))
      for (const fr of f.push(b)) {
        const ev = eventOf(fr);
        if (ev) out.push(...m.map(ev, START + 3_600_000));
      }
    return { out, m };
  };
  const { out, m } = run();
  assert.deepEqual(
    out.map((e) => [e.type, (e.ts - START) / 1000, e.agent ?? null]),
    [
      ['agent.login', 0, 'A001'],
      ['call.enqueued', 60, null],
      ['agent.ringing', 62, 'A001'],
      ['call.ringing', 62, 'A001'],
      ['call.connected', 70, 'A001'],
      ['agent.talking', 70, 'A001'],
      ['call.ended', 240, 'A001'],
      ['agent.ready', 240, 'A001'],
      ['agent.notReady', 300, 'A001'],
    ],
  );
  assert.equal(out.find((e) => e.type === 'call.connected')!.waitS, 10);
  assert.equal(out.find((e) => e.type === 'agent.notReady')!.reason, 'break');
  assert.deepEqual([...m.unknown], [['CHANNEL_ANSWER', 1]]);
  assert.deepEqual(
    run().out.map((e) => e.id),
    out.map((e) => e.id),
  );
});

test('webhook: signature over timestamp + body with tolerance; mapping as data', () => {
  const body = '{"a":1}';
  const now = START;
  const ts = String(START / 1000);
  const sig = signWebhook('s3cret', ts, body);
  assert.deepEqual(verifyWebhook('s3cret', { signature: sig, timestamp: ts }, body, now, 300), { ok: true });
  assert.deepEqual(verifyWebhook('other', { signature: sig, timestamp: ts }, body, now, 300), { ok: false, why: 'signature' });
  assert.deepEqual(verifyWebhook('s3cret', { signature: sig, timestamp: ts }, '{"a":2}', now, 300), { ok: false, why: 'signature' });
  assert.deepEqual(verifyWebhook('s3cret', { signature: sig, timestamp: ts }, body, now + 301_000, 300), { ok: false, why: 'timestamp' });
  assert.deepEqual(verifyWebhook('s3cret', { timestamp: ts }, body, now, 300), { ok: false, why: 'missing' });

  const ccc = mapWebhook(
    [
      { eventTime: '2026-11-02T00:00:00.000Z', eventType: 'AgentCheckIn', instanceId: 'cc-1', agentId: '1001@cc-1', skillGroupIds: 'general@cc-1' },
      { eventTime: '2026-11-02T00:05:00.000Z', eventType: 'AgentBreak', instanceId: 'cc-1', agentId: '1001@cc-1' },
      { eventTime: '2026-11-02T00:05:01.000Z', eventType: 'AgentDialing', instanceId: 'cc-1', agentId: '1001@cc-1' },
      { eventTime: '2026-11-02T00:06:00.000Z', eventType: 'SomethingNew', instanceId: 'cc-1' },
    ],
    ALIYUN_CCC_EXAMPLE,
  );
  assert.deepEqual(
    ccc.events.map((e) => [e.type, e.agent, e.ts - START, e.reason ?? null]),
    [
      ['agent.login', '1001', 0, null],
      ['agent.notReady', '1001', 300_000, 'break'],
    ],
  );
  assert.deepEqual([ccc.ignored, ccc.unknown, ccc.rejects], [1, { SomethingNew: 1 }, []]);

  const m: WebhookMapping = {
    events: 'data.list',
    fields: { type: 'kind', ts: 't', callId: 'call.id', queue: 'q', agent: 'who', waitS: 'wait' },
    types: { in: 'call.enqueued', ans: 'call.connected' },
    timeUnit: 's',
  };
  const r = mapWebhook(
    {
      data: {
        list: [
          { kind: 'in', t: 100, call: { id: 'c1' }, q: 'sales' },
          { kind: 'ans', t: 'x', call: { id: 'c1' }, q: 'sales', who: '7' },
          { kind: 'ans', t: 112, call: { id: 'c1' }, q: 'sales' },
        ],
      },
    },
    m,
  );
  assert.deepEqual(
    r.events.map((e) => [e.type, e.ts, e.callId, e.queue]),
    [['call.enqueued', 100_000, 'c1', 'sales']],
  );
  assert.deepEqual(
    r.rejects.map((x) => x.index),
    [1, 2],
  );
  assert.match(r.rejects[0]!.reason, /^t: /);
  assert.match(r.rejects[1]!.reason, /agent/);
});

test('back-off doubles up to the cap and resets', () => {
  const b = new Backoff(100, 1000);
  assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1000, 1000]);
  b.reset();
  assert.equal(b.next(), 100);
});

test('AMI AgentRingNoAnswer, QueueMemberStatus, QueueMemberRemoved: the same events as the queue_log lines Asterisk writes; none counted unknown', () => {
  const ts = (s: number) => ((START + s * 1000) / 1000).toFixed(6);
  const agent = { Interface: 'PJSIP/A002', MemberName: 'A002', StateInterface: 'PJSIP/A002' };
  const caller = { Channel: 'PJSIP/trunk-00000009', Uniqueid: '1762041700.9', Linkedid: '1762041700.9', CallerIDNum: '13900000000', Queue: 'general' };
  const { events, mapper } = amiEvents([
    AMI_BANNER,
    amiMsg({
      Event: 'QueueMemberAdded',
      Timestamp: ts(0),
      Queue: 'general',
      ...agent,
      Membership: 'dynamic',
      Penalty: 0,
      CallsTaken: 0,
      LastCall: 0,
      Status: 1,
      Paused: 0,
      PausedReason: '',
    }),
    amiMsg({ Event: 'QueueMemberStatus', Timestamp: ts(5), Queue: 'general', ...agent, Status: 6, Paused: 0 }),
    amiMsg({ Event: 'AgentRingNoAnswer', Timestamp: ts(20), ...caller, ...agent, RingTime: 15 }),
    amiMsg({ Event: 'QueueMemberRemoved', Timestamp: ts(60), Queue: 'general', ...agent }),
  ]);
  assert.deepEqual([...mapper.unknown.keys()], []);
  // what Asterisk's queue_log says for the same member (RINGNOANSWER data is milliseconds)
  const s = (x: number) => Math.floor((START + x * 1000) / 1000);
  const fromLog = parseQueueLog(
    [
      `${s(0)}|MANAGER|general|A002|ADDMEMBER|`,
      `${s(20)}|1762041700.9|general|A002|RINGNOANSWER|15000`,
      `${s(60)}|MANAGER|general|A002|REMOVEMEMBER|`,
      '',
    ].join('\n'),
  ).events;
  const key = (e: { type: string; ts: number; agent?: string }) => `${e.type} ${e.ts} ${e.agent ?? ''}`;
  assert.deepEqual(events.map(key).sort(), fromLog.map(key).sort());
  assert.ok(
    events.some((e) => e.type === 'agent.logout' && e.ts === START + 60_000 && e.agent === 'A002'),
    events.map(key).join('\n'),
  );
});
