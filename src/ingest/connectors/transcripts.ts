/**
 * Test transcripts, written from the protocol documentation (Asterisk "AMI v2 Specification" and
 * the app_queue event reference; FreeSWITCH "mod_event_socket" and "mod_callcenter"): one call to
 * queue `general` answered by agent A001, then A001 paused with a reason. Times are given by the
 * caller so the tests can place them on their own clock.
 */

/** An AMI message as the server sends it. */
export const amiMsg = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('') + '\r\n';

export const AMI_BANNER = 'Asterisk Call Manager/7.0.3\r\n';

/** t(seconds after start) → AMI `Timestamp` value (epoch seconds with micro-seconds, as timestampevents=yes writes). */
export function amiCallSession(start: number) {
  const ts = (s: number) => ((start + s * 1000) / 1000).toFixed(6);
  const caller = { Channel: 'PJSIP/trunk-00000001', Uniqueid: '1762041660.1', Linkedid: '1762041660.1', CallerIDNum: '13800000000', Queue: 'general' };
  const agent = { Interface: 'PJSIP/A001', MemberName: 'A001', StateInterface: 'PJSIP/A001' };
  return [
    amiMsg({ Event: 'FullyBooted', Privilege: 'system,all', Status: 'Fully Booted' }),
    amiMsg({
      Event: 'QueueMemberAdded',
      Privilege: 'agent,all',
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
    amiMsg({ Event: 'QueueCallerJoin', Privilege: 'agent,all', Timestamp: ts(60), ...caller, Position: 1, Count: 1 }),
    amiMsg({
      Event: 'AgentCalled',
      Privilege: 'agent,all',
      Timestamp: ts(62),
      ...caller,
      ...agent,
      DestChannel: 'PJSIP/A001-00000002',
      DestUniqueid: '1762041662.2',
    }),
    amiMsg({ Event: 'Newchannel', Privilege: 'call,all', Timestamp: ts(62), Channel: 'PJSIP/A001-00000002', Uniqueid: '1762041662.2' }),
    amiMsg({ Event: 'QueueCallerLeave', Privilege: 'agent,all', Timestamp: ts(70), ...caller, Position: 1, Count: 0 }),
    amiMsg({
      Event: 'AgentConnect',
      Privilege: 'agent,all',
      Timestamp: ts(70),
      ...caller,
      ...agent,
      DestChannel: 'PJSIP/A001-00000002',
      DestUniqueid: '1762041662.2',
      HoldTime: 10,
      RingTime: 8,
    }),
    amiMsg({
      Event: 'AgentComplete',
      Privilege: 'agent,all',
      Timestamp: ts(240),
      ...caller,
      ...agent,
      DestUniqueid: '1762041662.2',
      HoldTime: 10,
      TalkTime: 170,
      Reason: 'caller',
    }),
    amiMsg({ Event: 'QueueMemberPause', Privilege: 'agent,all', Timestamp: ts(300), Queue: 'general', ...agent, Paused: 1, PausedReason: 'Meal' }),
  ];
}

/** The queue_log Asterisk writes for the same session (pipe format, epoch seconds). */
export function queueLogOfCallSession(start: number) {
  const s = (x: number) => Math.floor((start + x * 1000) / 1000);
  return [
    `${s(0)}|MANAGER|general|A001|ADDMEMBER|`,
    `${s(60)}|1762041660.1|general|NONE|ENTERQUEUE||13800000000|1`,
    `${s(70)}|1762041660.1|general|A001|CONNECT|10|1762041662.2|8`,
    `${s(240)}|1762041660.1|general|A001|COMPLETECALLER|10|170|1`,
    `${s(300)}|NONE|general|A001|PAUSE|Meal`,
    '',
  ].join('\n');
}

/** An ESL message: headers, then a body of Content-Length bytes. */
export function eslMsg(headers: Record<string, string>, body = '') {
  const b = Buffer.from(body);
  const h = { ...headers, ...(b.length ? { 'Content-Length': String(b.length) } : {}) };
  return Buffer.concat([
    Buffer.from(
      Object.entries(h)
        .map(([k, v]) => `${k}: ${v}\n`)
        .join('') + '\n',
    ),
    b,
  ]);
}

/** A text/event-plain event: url-encoded header lines. */
export function eslEvent(fields: Record<string, string>) {
  const body =
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${encodeURIComponent(v)}\n`)
      .join('') + '\n';
  return eslMsg({ 'Content-Type': 'text/event-plain' }, body);
}

export function eslCallSession(start: number) {
  const us = (s: number) => String((start + s * 1000) * 1000);
  const sec = (s: number) => String(Math.floor((start + s * 1000) / 1000));
  const cc = (action: string, s: number, f: Record<string, string>) =>
    eslEvent({ 'Event-Name': 'CUSTOM', 'Core-UUID': 'c0ffee', 'Event-Date-Timestamp': us(s), 'Event-Subclass': 'callcenter::info', 'CC-Action': action, ...f });
  const member = { 'CC-Queue': 'general@default', 'CC-Member-UUID': 'm-1111', 'CC-Member-Session-UUID': 's-2222' };
  return [
    cc('agent-status-change', 0, { 'CC-Agent': 'A001@default', 'CC-Agent-Status': 'Available' }),
    cc('member-queue-start', 60, { ...member, 'CC-Member-CID-Number': '13800000000' }),
    cc('agent-state-change', 62, { 'CC-Agent': 'A001@default', 'CC-Agent-State': 'Receiving' }),
    cc('bridge-agent-start', 70, {
      ...member,
      'CC-Agent': 'A001@default',
      'CC-Agent-UUID': 'a-3333',
      'CC-Member-Joined-Time': sec(60),
      'CC-Agent-Called-Time': sec(62),
      'CC-Agent-Answered-Time': sec(70),
    }),
    eslEvent({ 'Event-Name': 'CHANNEL_ANSWER', 'Event-Date-Timestamp': us(70) }),
    cc('bridge-agent-end', 240, {
      ...member,
      'CC-Agent': 'A001@default',
      'CC-Hangup-Cause': 'NORMAL_CLEARING',
      'CC-Member-Joined-Time': sec(60),
      'CC-Agent-Answered-Time': sec(70),
      'CC-Bridge-Terminated-Time': sec(240),
    }),
    cc('member-queue-end', 240, {
      ...member,
      'CC-Cause': 'Terminated',
      'CC-Agent': 'A001@default',
      'CC-Member-Joined-Time': sec(60),
      'CC-Member-Leaving-Time': sec(240),
    }),
    cc('agent-status-change', 300, { 'CC-Agent': 'A001@default', 'CC-Agent-Status': 'On Break' }),
  ];
}
