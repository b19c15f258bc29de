import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { forEachDatabase } from '../../store/testing';
import { seedTestOrg } from '../testing';
import { notifyUsers } from '../../store/notifications';
import { announceToRobots, listDeliveries, saveRobot, setChannels } from '../../store/noticeDelivery';
import { drainOutbox } from './dispatcher';

/** A local SMTP server that keeps what it receives (no outside address). */
async function smtpSink() {
  const mails: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A local HTTP receiver standing in for the WeCom and DingTalk robot endpoints; `answers` are served in turn. */
async function robotSink(answers: { status: number; body: unknown }[]) {
  const got: { url: string; body: { msgtype: string; text: { content: string } } }[] = [];
  let i = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString('utf8')));
    req.on('end', () => {
      got.push({ url: req.url!, body: JSON.parse(b) });
      const a = answers[Math.min(i++, answers.length - 1)]!;
      res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { got, base, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Subject and text of a received mail: RFC 2047 words and a base64 or quoted-printable body decoded. */
function readMail(raw: string): { subject: string; body: string } {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, cut).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(cut).trim();
  const subject = (/^Subject: (.*)$/im.exec(head)?.[1] ?? '').replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b: string) =>
    Buffer.from(b, 'base64').toString('utf8'),
  );
  const cte = /^Content-Transfer-Encoding: (\S+)/im.exec(head)?.[1]?.toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? Buffer.from(
            body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { subject, body: text.replace(/\r\n/g, '\n') };
}

const ok = { status: 200, body: { errcode: 0, errmsg: 'ok' } };

forEachDatabase("a person's notice goes to their e-mail and robots, in their language, with the link", async (_t, store) => {
  const org = await seedTestOrg(store);
  const now = Date.UTC(2026, 11, 6, 8);
  const smtp = await smtpSink();
  const robot = await robotSink([ok]);
  try {
    const a1 = org.users.a1!;
    await store.db.updateTable('users').set({ locale: 'zh-TW' }).where('id', '=', a1).execute();
    await setChannels(store.db, a1, { email: 'li.na@example.test', wecomUrl: `${robot.base}/cgi-bin/webhook/send?key=K-123`, dingtalkUrl: null }, now);
    await notifyUsers(store.db, [a1, org.users.qa!], { kind: 'qa.evaluated', data: { score: 92 }, link: '#/quality/mine' }, now);
    const r = await drainOutbox(store, now, { smtp: { url: smtp.url, from: 'CallFloor <cf@localhost>' }, appUrl: 'https://floor.example.test' });
    assert.deepEqual(r, { sent: 2, failed: 0 }, 'the qa user has no channels: only a1 e-mail and WeCom');
    assert.equal(smtp.mails.length, 1);
    assert.deepEqual(smtp.mails[0]!.to, ['li.na@example.test']);
    // Traditional, as a1 chose, in the subject and the body, with the link into the app
    const mail = readMail(smtp.mails[0]!.raw);
    assert.equal(mail.subject, '[CallFloor 現場管理] 你有一通電話已評分：92 分');
    assert.equal(mail.body.trim(), '你有一通電話已評分：92 分\n查看：https://floor.example.test/#/quality/mine');
    assert.equal(robot.got.length, 1);
    assert.equal(robot.got[0]!.url, '/cgi-bin/webhook/send?key=K-123');
    assert.equal(robot.got[0]!.body.msgtype, 'text');
    assert.match(robot.got[0]!.body.text.content, /你有一通電話已評分：92 分\n查看：https:\/\/floor\.example\.test\/#\/quality\/mine/);
    const mine = await listDeliveries(store.db, { userId: a1 });
    assert.deepEqual(mine.map((d) => [d.channel, d.status]).sort(), [
      ['email', 'sent'],
      ['wecom', 'sent'],
    ]);
  } finally {
    await smtp.close();
    await robot.close();
  }
});

forEachDatabase("a center's DingTalk robot is signed, retried with back-off, and a refusal is shown", async (_t, store) => {
  const org = await seedTestOrg(store);
  const t0 = Date.UTC(2026, 11, 6, 8);
  // first a server error (retry), then the robot takes it
  const robot = await robotSink([{ status: 502, body: {} }, ok]);
  try {
    const secret = 'SECtest-secret';
    const id = await saveRobot(
      store.db,
      org.centerId,
      { channel: 'dingtalk', name: '值班群', url: `${robot.base}/robot/send?access_token=T0K`, secret, kinds: ['live.alert'], locale: 'zh-CN', active: true },
      t0,
    );
    assert.equal(
      await announceToRobots(store.db, org.centerId, { kind: 'wfm.schedulePublished', data: { week: '2026-12-07' } }, t0),
      0,
      'not a kind it carries',
    );
    assert.equal(await announceToRobots(store.db, org.centerId, { kind: 'live.alert', title: '账单队列', data: { alertKind: 'understaffed' } }, t0), 1);
    const cfg = { smtp: null, appUrl: null };
    assert.deepEqual(await drainOutbox(store, t0, cfg), { sent: 0, failed: 1 });
    let [d] = await listDeliveries(store.db, { centerId: org.centerId });
    assert.equal(d!.status, 'pending');
    assert.equal(d!.lastError, 'dingtalk: HTTP 502');
    assert.equal(d!.nextAt, t0 + 30_000, 'first retry after 30 s');
    assert.deepEqual(await drainOutbox(store, t0 + 29_000, cfg), { sent: 0, failed: 0 }, 'not due yet');
    assert.deepEqual(await drainOutbox(store, t0 + 30_000, cfg), { sent: 1, failed: 0 });
    [d] = await listDeliveries(store.db, { centerId: org.centerId });
    assert.equal(d!.status, 'sent');
    assert.equal(d!.attempts, 2);
    // the signature, recomputed here from DingTalk's documented recipe
    const u = new URL(robot.got[1]!.url, robot.base);
    assert.equal(u.searchParams.get('access_token'), 'T0K');
    assert.equal(u.searchParams.get('timestamp'), String(t0 + 30_000));
    const expected = createHmac('sha256', secret)
      .update(`${t0 + 30_000}\n${secret}`)
      .digest('base64');
    assert.equal(u.searchParams.get('sign'), expected);
    assert.equal(robot.got[1]!.body.text.content, '[CallFloor 现场管理] 现场告警：人力不足 账单队列');
    await saveRobot(
      store.db,
      org.centerId,
      { id, channel: 'dingtalk', name: '值班群', url: `${robot.base}/robot/send?access_token=T0K`, kinds: ['*'], locale: 'zh-CN', active: true },
      t0,
    );
  } finally {
    await robot.close();
  }
  // a robot that refuses (errcode ≠ 0: a wrong key) is given up at once, its reason kept, the token not in it
  const refusing = await robotSink([{ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } }]);
  try {
    await saveRobot(
      store.db,
      org.centerId,
      { channel: 'wecom', name: '班长群', url: `${refusing.base}/send?key=SECRET-KEY`, kinds: ['*'], locale: 'zh-CN', active: true },
      t0,
    );
    await announceToRobots(store.db, org.centerId, { kind: 'notice.test' }, t0);
    await drainOutbox(store, t0 + 60_000, { smtp: null, appUrl: null });
    const failed = (await listDeliveries(store.db, { centerId: org.centerId })).filter((d) => d.status === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.channel, 'wecom');
    assert.match(failed[0]!.lastError!, /errcode 310000 sign not match/);
    assert.ok(!failed[0]!.lastError!.includes('SECRET-KEY'));
  } finally {
    await refusing.close();
  }
});

forEachDatabase('an unreachable robot is tried five times with growing waits, then shown as failed', async (_t, store) => {
  const org = await seedTestOrg(store);
  const t0 = Date.UTC(2026, 11, 6, 8);
  // a port nothing listens on: open a server, note its port, close it
  const gone = await robotSink([ok]);
  const url = `${gone.base}/send?key=X`;
  await gone.close();
  await saveRobot(store.db, org.centerId, { channel: 'wecom', name: '群', url, kinds: ['*'], locale: 'en', active: true }, t0);
  await announceToRobots(store.db, org.centerId, { kind: 'notice.test' }, t0);
  // waits 30 s, 60 s, 120 s, 240 s between the five tries (computed by hand from 30 s · 2^(n−1))
  const tries = [t0, t0 + 30_000, t0 + 90_000, t0 + 210_000, t0 + 450_000];
  for (const [i, at] of tries.entries()) {
    assert.deepEqual(await drainOutbox(store, at - 1, { smtp: null, appUrl: null }), { sent: 0, failed: 0 }, `try ${i + 1} not due before its time`);
    assert.deepEqual(await drainOutbox(store, at, { smtp: null, appUrl: null }), { sent: 0, failed: 1 }, `try ${i + 1}`);
  }
  const [d] = await listDeliveries(store.db, { centerId: org.centerId });
  assert.equal(d!.status, 'failed');
  assert.equal(d!.attempts, 5);
  assert.match(d!.lastError!, /^wecom: ECONNREFUSED$/);
});
