import type { FastifyInstance } from 'fastify';
import type { ServerContext } from './context';
import type { Caller } from './route';
import { callerOf } from './session';
import { DomainError } from '../core/errors';

/**
 * Which caller may subscribe to which live topic. Capabilities add rules for their topics;
 * a topic no rule allows is refused. `user:<id>` (personal notifications) is built in.
 */
export type TopicRule = (caller: Caller, topic: string) => boolean;
export const topicRules: TopicRule[] = [(c, t) => t === `user:${c.userId}`];

export function registerTopicRule(rule: TopicRule) {
  topicRules.push(rule);
}

/** Handlers for messages a socket sends besides subscribe (e.g. CTI event push). */
export type SocketMessageHandler = (ctx: ServerContext, caller: Caller, msg: Record<string, unknown>) => Promise<unknown>;
export const socketHandlers: Record<string, SocketMessageHandler> = {};

export function registerLiveSocket(app: FastifyInstance, ctx: ServerContext) {
  app.get('/api/live', { websocket: true }, async (socket, req) => {
    let caller: Caller;
    try {
      caller = await callerOf(ctx, req);
    } catch (e) {
      socket.send(JSON.stringify({ type: 'error', message: (e as Error).message }));
      socket.close(4401, 'unauthorized');
      return;
    }
    const unsubs = new Map<string, () => void>();
    socket.on('message', async (raw: Buffer) => {
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        socket.send(JSON.stringify({ type: 'error', message: 'message is not JSON' }));
        return;
      }
      if (msg.type === 'subscribe' && Array.isArray(msg.topics)) {
        for (const t of msg.topics.map(String)) {
          if (unsubs.has(t)) continue;
          if (!topicRules.some((rule) => rule(caller, t))) {
            socket.send(JSON.stringify({ type: 'error', topic: t, message: `not allowed to subscribe to ${t}` }));
            continue;
          }
          unsubs.set(
            t,
            ctx.hub.subscribe(t, (topic, data) => {
              if (socket.readyState === 1) socket.send(JSON.stringify({ type: 'event', topic, data }));
            }),
          );
          socket.send(JSON.stringify({ type: 'subscribed', topic: t }));
        }
        return;
      }
      const h = typeof msg.type === 'string' ? socketHandlers[msg.type] : undefined;
      if (!h) {
        socket.send(JSON.stringify({ type: 'error', message: `unknown message type ${String(msg.type)}` }));
        return;
      }
      try {
        const result = await h(ctx, caller, msg);
        socket.send(JSON.stringify({ type: 'ack', id: msg.id ?? null, result }));
      } catch (e) {
        const d = e instanceof DomainError ? { error: e.code, reason: e.reason, params: e.params, field: e.field } : {};
        socket.send(JSON.stringify({ type: 'error', id: msg.id ?? null, message: (e as Error).message, ...d }));
      }
    });
    socket.on('close', () => {
      for (const u of unsubs.values()) u();
    });
  });
}
