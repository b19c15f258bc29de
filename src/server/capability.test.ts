/**
 * Capabilities compose per app (issue 13): two apps in one process, built from different lists, do not
 * see each other's topic rules, socket handlers, event sinks or services; services start in the order
 * composed and stop last-first, also when one fails to start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
// @ts-ignore -- ws ships without types here (it comes with @fastify/websocket), as in liveSocket.test.ts
import { WebSocket } from 'ws';
import { freshStore } from '../store/testing';
import { buildApp } from './app';
import { compose, type Capability, type Service } from './capability';
import { platformCapability } from './capabilities';
import { acceptEvents } from './eventFeed';
import { startServices, stopServices } from './services';
import { seedTestOrg, signIn } from './testing';

async function socketOf(app: FastifyInstance, username: string) {
  const c = await signIn(app, username);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const ws = new WebSocket(`ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/live`, { headers: { cookie: c.cookie } });
  const msgs: any[] = [];
  ws.on('message', (raw: Buffer) => msgs.push(JSON.parse(raw.toString())));
  await new Promise((resolve, reject) => (ws.on('open', resolve), ws.on('error', reject)));
  /** Sends one message and waits for the answer that matches. */
  const ask = async (m: unknown, pred: (x: any) => boolean) => {
    ws.send(JSON.stringify(m));
    for (let i = 0; i < 200; i++) {
      const hit = msgs.find(pred);
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no answer to ${JSON.stringify(m)}; got ${JSON.stringify(msgs)}`);
  };
  return { ask, close: () => ws.close() };
}

const echo: Capability = {
  name: 'echo',
  routes: [],
  topicRules: [(_c, t) => t === 'echo:x'],
  socketHandlers: { ping: async (_ctx, caller) => `pong ${caller.username}` },
  eventSink: async (_ctx, events) => ({ accepted: events.slice(0, 1), duplicates: events.length - 1 }),
};

test('two apps in one process: each has only the topic rules, socket handlers and event sink of its own capabilities', async () => {
  const store = await freshStore('sqlite');
  await seedTestOrg(store);
  const a = await buildApp({ store, webRoot: null, capabilities: [platformCapability, echo] });
  const b = await buildApp({ store, webRoot: null, capabilities: [platformCapability] });
  try {
    const sa = await socketOf(a.app, 'duty_manager');
    const sb = await socketOf(b.app, 'duty_manager');
    assert.equal((await sa.ask({ type: 'subscribe', topics: ['echo:x'] }, (m) => m.topic === 'echo:x')).type, 'subscribed');
    const refused = await sb.ask({ type: 'subscribe', topics: ['echo:x'] }, (m) => m.topic === 'echo:x');
    assert.equal(refused.reason, 'live.topicRefused');
    assert.deepEqual(await sa.ask({ type: 'ping', id: 1 }, (m) => m.id === 1), { type: 'ack', id: 1, result: 'pong duty_manager' });
    const unknown = await sb.ask({ type: 'ping', id: 2 }, (m) => m.id === 2 || m.reason === 'live.unknownType');
    assert.equal(unknown.reason, 'live.unknownType');
    sa.close();
    sb.close();
    // the sink is A's only: A keeps the first of two events; B has no sink and passes both on
    const two = [
      { id: 'e1', ts: Date.UTC(2026, 10, 1, 9), type: 'agent.login' as const, agent: 'A001' },
      { id: 'e2', ts: Date.UTC(2026, 10, 1, 10), type: 'agent.logout' as const, agent: 'A001' },
    ];
    assert.deepEqual(await acceptEvents(a.ctx, two), { accepted: [two[0]], duplicates: 1 });
    assert.deepEqual(await acceptEvents(b.ctx, two), { accepted: two, duplicates: 0 });
  } finally {
    await a.app.close();
    await b.app.close();
    await store.close();
  }
});

test('compose refuses a capability, a socket message type or an event sink declared twice', () => {
  assert.throws(() => compose([echo, echo]), /capability echo composed twice/);
  assert.throws(() => compose([echo, { name: 'other', routes: [], socketHandlers: { ping: async () => 1 } }]), /socket message type ping handled twice/);
  assert.throws(() => compose([{ name: 'x', routes: [], socketHandlers: { subscribe: async () => 1 } }]), /subscribe handled twice/);
  assert.throws(() => compose([echo, { name: 'other', routes: [], eventSink: echo.eventSink }]), /two event sinks: echo and other/);
});

test('services start in the order composed and stop last-first; a failed start stops those started; app close stops them', async () => {
  const store = await freshStore('sqlite');
  const log: string[] = [];
  const svc = (name: string, failStart = false): Service => ({
    name,
    start() {
      if (failStart) throw new Error(`${name} cannot start`);
      log.push(`start ${name}`);
    },
    stop() {
      log.push(`stop ${name}`);
    },
  });
  const cap = (name: string, services: Service[]): Capability => ({ name, routes: [], services });
  try {
    const ok = await buildApp({ store, webRoot: null, capabilities: [cap('one', [svc('a'), svc('b')]), cap('two', [svc('c')])] });
    await startServices(ok.ctx);
    await startServices(ok.ctx); // twice: nothing starts twice
    assert.deepEqual(log, ['start a', 'start b', 'start c']);
    await stopServices(ok.ctx);
    assert.deepEqual(log.splice(0), ['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);
    await startServices(ok.ctx);
    await ok.app.close(); // close stops what runs
    assert.deepEqual(log.splice(0), ['start a', 'start b', 'start c', 'stop c', 'stop b', 'stop a']);

    const bad = await buildApp({ store, webRoot: null, capabilities: [cap('one', [svc('a'), svc('b')]), cap('two', [svc('c', true), svc('d')])] });
    await assert.rejects(() => startServices(bad.ctx), /c cannot start/);
    assert.deepEqual(log.splice(0), ['start a', 'start b', 'stop b', 'stop a']);
    await bad.app.close();
    assert.deepEqual(log, [], 'nothing left to stop');
  } finally {
    await store.close();
  }
});
